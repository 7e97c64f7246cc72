"""Every lesson, run in JupyterLab, audited with axe-core for WCAG 2.1 A and AA (issue 18).

axe-core (from npm: ``.ci/run`` installs it into ``.ci/npm``; SMLEARN_AXE names another
``axe.min.js``) runs once over the whole JupyterLab page after the lesson has run, in a window of a
1366 x 768 screen at 150 % zoom (where a wide table must scroll, and be scrollable by keyboard).
Each element it flags is sorted by where it sits:

- in the course's own content (a cell's outputs, ``.jp-OutputArea``, or a rendered Markdown cell):
  the test fails, naming the rule, the element and axe's advice;
- in JupyterLab's own chrome (menus, toolbars, the cells' editors and prompts): reported only, in the
  test's warnings and in ``axe/<lesson>.json`` under the screenshots folder (see conftest.py).

A static figure with no alternative text (axe's image-alt on a figure JupyterLab renders from a PNG)
is checked by a test of its own. Each lesson runs once for all the browser tests (conftest.py groups
them by lesson); locally the tests skip when axe-core is missing, in CI (CI set) they fail.
"""

from __future__ import annotations

import json
import os
import warnings
from pathlib import Path

import pytest

import labdriver

REPO = Path(__file__).resolve().parent.parent.parent
AXE = Path(os.environ.get("SMLEARN_AXE") or REPO / ".ci" / "npm" / "node_modules" / "axe-core" / "axe.min.js")
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
LESSONS = labdriver.lesson_notebooks()
CONTENT = ".jp-OutputArea, .jp-MarkdownCell .jp-RenderedMarkdown"   # what the course wrote and its code showed
FIGURE = ".jp-RenderedImage"   # JupyterLab's rendering of a PNG output: a static figure
ZOOMED = {"width": 911, "height": 512, "scale": 1.5}   # as test_explorers_fit.py's "zoom150"


def _static_figures(notebook: Path) -> int:
    """How many figures the saved lesson shows as plain pictures (explorers' outputs say so in their text)."""
    count = 0
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "image/png" in data and "Explorer(" not in "".join(data.get("text/plain", ""))[:200]:
                count += 1
    return count


WITH_FIGURES = [path for path in LESSONS if _static_figures(path)]


@pytest.fixture(scope="module")
def axe_script() -> Path:
    if not AXE.is_file():
        reason = f"axe-core is not installed at {AXE}: npm install --prefix .ci/npm axe-core (or set SMLEARN_AXE)"
        if os.environ.get("CI"):
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    return AXE


# One axe run over the whole page; each flagged element sorted into content, figure-alt or chrome.
_RUN = """async ([tags, content, figure]) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, elementRef: true,
                                          resultTypes: ['violations']});
  const found = [];
  for (const v of result.violations) {
    for (const n of v.nodes) {
      const element = n.element;
      let where = element && element.closest(content) ? 'content' : 'chrome';
      if (where === 'content' && v.id === 'image-alt' && element.closest(figure)) { where = 'figure-alt'; }
      found.push({where, id: v.id, impact: v.impact, help: v.help, target: n.target.join(' '),
                  html: n.html.slice(0, 240), summary: (n.failureSummary || '').slice(0, 400)});
    }
  }
  return found;
}"""

_audits: dict = {}   # lesson -> (the run it audited, what axe found): one axe run per lesson run


def _audit(lab, notebook: Path, axe: Path, folder: Path) -> list[dict]:
    cells = lab.run_lesson(notebook.name)
    if notebook.name in _audits and _audits[notebook.name][0] is cells:
        return _audits[notebook.name][1]
    lab.explorers(sum(output["explorer"] for cell in cells for output in cell["outputs"]))   # their images loaded
    # At 150 % zoom (a 1366 x 768 screen): the narrowest page the course is checked at, where wide tables scroll.
    lab.resize(**ZOOMED)
    lab.page.add_script_tag(path=str(axe))
    found = lab.page.evaluate(_RUN, [WCAG, CONTENT, FIGURE])
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{notebook.stem}.json").write_text(json.dumps(found, indent=1), encoding="utf-8")
    _audits[notebook.name] = (cells, found)
    return found


def _describe(found: list[dict]) -> str:
    return "\n".join(f"{f['id']} ({f['impact']}): {f['help']}\n    {f['target']}: {f['html']}\n    {f['summary']}"
                     for f in found)


@pytest.mark.parametrize("notebook", LESSONS, ids=[path.stem for path in LESSONS])
def test_the_lesson_outputs_have_no_wcag_violation(lab, notebook, axe_script, screenshots):
    found = _audit(lab, notebook, axe_script, screenshots / "axe")
    chrome = [f for f in found if f["where"] == "chrome"]
    if chrome:
        warnings.warn(f"{notebook.stem}: JupyterLab's own chrome has {len(chrome)} axe findings (reported, not failed;"
                      f" rules: {sorted({f['id'] for f in chrome})})")
    content = [f for f in found if f["where"] == "content"]
    assert not content, (f"{notebook.stem} in JupyterLab: WCAG 2.1 A/AA violations in the lesson's outputs or text:\n"
                         + _describe(content))


@pytest.mark.parametrize("notebook", WITH_FIGURES, ids=[path.stem for path in WITH_FIGURES])
def test_every_static_figure_has_alt_text(lab, notebook, axe_script, screenshots):
    found = _audit(lab, notebook, axe_script, screenshots / "axe")
    missing = [f for f in found if f["where"] == "figure-alt"]
    assert not missing, f"{notebook.stem} in JupyterLab: {len(missing)} figures with no alternative text:\n" + _describe(missing)
