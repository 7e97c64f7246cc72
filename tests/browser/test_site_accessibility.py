"""The course site's lesson pages, audited in Chromium with axe-core and read through the accessibility tree.

- axe-core (from npm: ``.ci/run`` installs it into ``.ci/npm``; SMLEARN_AXE names another
  ``axe.min.js``) runs on every lesson page in the light and the dark theme. Any WCAG 2.1 A or AA
  violation inside the lesson (the page's article) fails; the theme's own chrome (navigation,
  header, sidebars) is reported as a warning, not failed. In a lesson's outputs, an empty table
  header cell (axe's best-practice rule empty-table-header) fails too.
- Every keyboard stop of a lesson page (Tab, round the whole page, light and dark) shows where the
  focus is: an outline or ring-shaped box shadow of 2 px or more, 3:1 against what is behind it.
- Every figure of a lesson is found by its description: Playwright's ``get_by_role("img", name=...)``
  with the first sentence of the words the notebook keeps for it (what a screen reader announces).

The site is built once for the module (offline, about 30 s), unless SMLEARN_SITE_HTML names a built
one. Locally the tests skip when axe-core is missing; in CI (CI set) they fail.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
import warnings
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent.parent
NOTEBOOKS = REPO / "notebooks"
AXE = Path(os.environ.get("SMLEARN_AXE") or REPO / ".ci" / "npm" / "node_modules" / "axe-core" / "axe.min.js")
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
LESSON = "article.bd-article"          # sphinx-book-theme's main content: the lesson itself
WINDOW = {"width": 1366, "height": 768}


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(name, module)
    spec.loader.exec_module(module)
    return module


build_site = _load("build_site", REPO / "scripts" / "build_site.py")
accessible_outputs = _load("accessible_outputs", REPO / "site" / "_ext" / "accessible_outputs.py")
LESSONS = build_site.lesson_files(NOTEBOOKS)


def _missing(reason: str):
    if os.environ.get("CI"):
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def axe_script() -> Path:
    if not AXE.is_file():
        _missing(f"axe-core is not installed at {AXE}: npm install --prefix .ci/npm axe-core (or set SMLEARN_AXE)")
    return AXE


@pytest.fixture(scope="module")
def site_html(tmp_path_factory) -> Path:
    if os.environ.get("SMLEARN_SITE_HTML"):
        return Path(os.environ["SMLEARN_SITE_HTML"])
    for needed in ("myst_nb", "sphinx_book_theme"):
        if importlib.util.find_spec(needed) is None:
            _missing(f"the site needs the test extra ({needed} is missing): pip install -e '.[test]'")
    out = tmp_path_factory.mktemp("site")
    assert build_site.main(["--out", str(out)]) == 0, "the site build failed: see its output"
    return out / "html"


@pytest.fixture(scope="module")
def site_page(browser):
    pages = {}
    yield lambda scheme: pages.setdefault(scheme, browser.new_page(viewport=WINDOW, color_scheme=scheme))
    for page in pages.values():
        page.close()


# One axe run over the whole page; each failing element is then sorted by where it sits: in the lesson
# (failing; in the lesson's outputs an empty table header fails too), in the lesson's own text (an
# empty header of a Markdown table: reported, only the lesson's text can name it) or in the theme's
# chrome (reported only).
_RUN = """async ([lesson, tags]) => {
    const result = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                           rules: {'empty-table-header': {enabled: true}}});
    const found = [];
    for (const v of result.violations) {
        const wcag = v.tags.some(tag => tags.includes(tag));
        if (!wcag && v.id !== 'empty-table-header') continue;
        for (const n of v.nodes) {
            const element = document.querySelector(n.target[0]);
            const where = !element || !element.closest(lesson) ? 'chrome'
                : (wcag || element.closest('.cell_output') ? 'lesson' : 'prose');
            found.push({where, id: v.id, impact: v.impact, help: v.help, target: n.target.join(' '), html: n.html.slice(0, 200)});
        }
    }
    return found;
}"""


def _describe(found) -> str:
    return "\n".join(f"{f['id']} ({f['impact']}): {f['help']}\n    {f['target']}: {f['html']}" for f in found)


def _open(page, html: Path, lesson: Path, axe: Path) -> None:
    page.goto((html / "notebooks" / f"{lesson.stem}.html").as_uri())
    page.add_script_tag(path=str(axe))


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_a_lesson_page_has_no_wcag_violation_in_the_lesson(lesson, scheme, site_html, site_page, axe_script):
    page = site_page(scheme)
    _open(page, site_html, lesson, axe_script)
    assert page.evaluate(f"document.querySelectorAll({LESSON!r}).length") == 1, f"no {LESSON} on the page"
    found = page.evaluate(_RUN, [LESSON, WCAG])
    for where, what in (("chrome", "the theme's own page chrome"), ("prose", "a table in the lesson's text")):
        reported = [f for f in found if f["where"] == where]
        if reported:
            warnings.warn(f"{lesson.stem} ({scheme}): {what} has axe findings (reported, not failed):\n" + _describe(reported))
    in_lesson = [f for f in found if f["where"] == "lesson"]
    assert not in_lesson, f"{lesson.stem} ({scheme}): WCAG 2.1 A/AA violations (or empty table headers) in the lesson:\n" \
        + _describe(in_lesson)


def _descriptions(lesson: Path) -> list[str]:
    """The first sentence of the words the notebook keeps for each of its figures and explorer images."""
    found = []
    for cell in json.loads(lesson.read_text(encoding="utf-8"))["cells"]:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "image/png" in data:
                alt = output.get("metadata", {}).get("image/png", {}).get("alt", "")
                words = alt or "".join(data.get("text/plain", "")).split("\n", 1)[-1]
                found.append(accessible_outputs.split_description(words)[0])
    return found


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_every_figure_is_found_by_its_description_in_the_accessibility_tree(lesson, site_html, site_page):
    page = site_page("light")
    page.goto((site_html / "notebooks" / f"{lesson.stem}.html").as_uri())
    article = page.locator(LESSON)
    for description in _descriptions(lesson):
        assert article.get_by_role("img", name=description, exact=True).count() >= 1, (
            f"{lesson.stem}: no image a screen reader announces as {description!r}")
    unnamed = [img.get_attribute("src") for img in article.locator("img").all() if build_site.alt_problem(img.get_attribute("alt"))]
    assert not unnamed, f"{lesson.stem}: images with no alt text, or a file name for one: {unnamed}"


# Where keyboard focus is now, and how the page shows it: the focused element's outline and box
# shadow, and the colour behind it (the first ancestor that paints one; the page's if none does).
_FOCUS = """async () => {
    const element = document.activeElement;
    if (!element || element === document.body) { return null; }
    // The ring as it ends up: a theme may fade it in (a CSS transition on box-shadow).
    await Promise.all(element.getAnimations().map(animation => animation.finished.catch(() => null)));
    const style = getComputedStyle(element);
    let node = element.parentElement, background = '';
    while (node) {
        const colour = getComputedStyle(node).backgroundColor;
        if (colour && !/^rgba\\(.*, 0\\)$/.test(colour) && colour !== 'transparent') { background = colour; break; }
        node = node.parentElement;
    }
    const box = element.getBoundingClientRect();
    const again = element.hasAttribute('data-focus-walk');   // focus came round to where it was
    element.setAttribute('data-focus-walk', '');
    return {again, html: element.outerHTML.slice(0, 160), tag: element.tagName.toLowerCase(),
            text: (element.innerText || element.getAttribute('aria-label') || '').trim().slice(0, 60),
            outline_style: style.outlineStyle, outline_width: parseFloat(style.outlineWidth) || 0,
            outline_colour: style.outlineColor, shadow: style.boxShadow,
            background: background || getComputedStyle(document.documentElement).backgroundColor || 'rgb(255, 255, 255)',
            shown: box.width > 0 && box.height > 0};
}"""
MAX_TABS = 400          # more than any lesson page's links and buttons: the walk ends when focus comes round again
MIN_FOCUS_CONTRAST = 3.0  # WCAG 2.4.11/1.4.11: a focus indicator 3:1 against what is behind it
MIN_RING_PX = 2


def _colour_contrast(colour: str, background: str) -> float:
    import re

    def rgba(text):
        numbers = [float(x) for x in re.findall(r"[\d.]+", text)]
        return numbers[:3], (numbers[3] if len(numbers) > 3 else 1.0)

    def luminance(rgb):
        linear = [c / 255 / 12.92 if c / 255 <= 0.03928 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    back, _ = rgba(background)
    front, alpha = rgba(colour)
    seen = [alpha * f + (1 - alpha) * b for f, b in zip(front, back)]   # a translucent colour as seen on its background
    a, b = luminance(seen), luminance(back)
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


def _focus_problem(focus: dict) -> str | None:
    """Why a learner on the keyboard would not see where the focus is; None when they would."""
    if focus["outline_style"] == "auto":
        return None   # Chromium's own two-colour ring: visible on any background
    rings = []
    if focus["outline_style"] != "none" and focus["outline_width"] >= MIN_RING_PX:
        rings.append(focus["outline_colour"])
    # A box shadow used as a ring ("rgb(...) 0px 0px 0px 3px"): its spread is the ring's width.
    import re

    for colour, spread in re.findall(r"(rgba?\([^)]*\))\s+0px\s+0px\s+[\d.]+px\s+([\d.]+)px", focus["shadow"] or ""):
        if float(spread) >= MIN_RING_PX:
            rings.append(colour)
    if not rings:
        return f"no focus ring (outline {focus['outline_width']} px {focus['outline_style']}, box-shadow {focus['shadow']})"
    best = max(_colour_contrast(ring, focus["background"]) for ring in rings)
    if best < MIN_FOCUS_CONTRAST:
        return f"the focus ring {rings} is {best:.2f}:1 on {focus['background']}"
    return None


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_keyboard_focus_is_visible_on_every_control(lesson, scheme, site_html, site_page):
    page = site_page(scheme)
    page.goto((site_html / "notebooks" / f"{lesson.stem}.html").as_uri())
    page.wait_for_load_state("load")
    stops, problems = 0, []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focus = page.evaluate(_FOCUS)
        if focus is None or focus["again"]:
            break   # round again: every stop visited
        stops += 1
        problem = _focus_problem(focus) if focus["shown"] else None
        if problem:
            problems.append(f"{focus['tag']} {focus['text']!r}: {problem}\n    {focus['html']}")
    assert stops > 1, f"{lesson.stem} ({scheme}): Tab reached {stops} elements"
    assert not problems, f"{lesson.stem} ({scheme}): {len(problems)} of {stops} keyboard stops do not show focus:\n" \
        + "\n".join(problems)
