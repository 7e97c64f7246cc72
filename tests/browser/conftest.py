"""One JupyterLab server and one headless Chromium page for the whole browser test session.

Locally the browser tests skip, saying why, only when Chromium (/usr/bin/chromium, or
the path in SMLEARN_CHROMIUM) or the playwright package is missing. When the environment variable CI is set they never
skip: a missing browser fails the run.

Screenshots go under ONE folder: tests/browser/screenshots/ (git-ignored), or the folder named by
SMLEARN_SCREENSHOTS (CI's artefact folder). The size tests save one per lesson, explorer and window
size (``<size>/<lesson>-explorer<N>.png``); a failing test also leaves the page as it was in
``failed/<test>.png`` and the tail of the server's log in its report.

The tests that look at one lesson (run it, then measure it at each window size) are run one after
the other, lesson by lesson, so that each lesson runs once on the shared page.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

import labdriver

SCREENSHOTS = Path(os.environ.get("SMLEARN_SCREENSHOTS") or Path(__file__).resolve().parent / "screenshots")
WINDOW = {"width": 1366, "height": 768}  # the commonest laptop screen; the size tests try others


def pytest_collection_modifyitems(items):
    """Group the browser tests that take a ``notebook`` by lesson, the lesson's own run first.

    Every test of a lesson then finds it open and run (LabPage.run_lesson), instead of running it
    again after all the other lessons. Other tests keep their places. Every test here is marked
    ``browser``, so that ``pytest -m "not browser"`` leaves them out (minutes each).
    """
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)
    slots = [i for i, item in enumerate(items)
             if "browser" in item.path.parts and "notebook" in getattr(getattr(item, "callspec", None), "params", {})
             and "lab" in getattr(item, "fixturenames", ())]
    order = {path.name: rank for rank, path in enumerate(labdriver.lesson_notebooks())}

    def key(i):
        item = items[i]
        first = 0 if item.path.name == "test_lessons_in_browser.py" else 1
        return order.get(item.callspec.params["notebook"].name, len(order)), first, i

    grouped = [items[i] for i in sorted(slots, key=key)]
    for slot, item in zip(slots, grouped):
        items[slot] = item


@pytest.fixture(scope="session")
def lab_server():
    _require_a_browser()
    server = labdriver.LabServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


def _require_a_browser():
    reason = labdriver.missing_requirements()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"browser tests cannot run in CI: {reason}", pytrace=False)
        pytest.skip(f"browser tests need a browser: {reason}")


@pytest.fixture(scope="session")
def browser_driver():
    """One Playwright for the whole session: a second sync_playwright cannot start while one runs."""
    _require_a_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """The one folder every screenshot of the run goes under."""
    return SCREENSHOTS


@pytest.fixture(scope="session")
def browser(browser_driver):
    browser = labdriver.launch_browser(browser_driver)
    try:
        yield browser
    finally:
        browser.close()


@pytest.fixture(scope="session")
def lab(lab_server, browser):
    """A :class:`labdriver.LabPage` on the session's server, reused by every lesson."""
    page = browser.new_page(viewport=WINDOW)
    try:
        yield labdriver.LabPage(page, lab_server)
    finally:
        page.close()


@pytest.fixture(scope="session")
def notebook7(browser):
    """A :class:`labdriver.LabPage` in Jupyter Notebook 7 (its own server), for the lessons tried there."""
    _require_a_browser()
    with labdriver.LabServer(app="notebook") as server:
        page = browser.new_page(viewport=WINDOW)
        try:
            yield labdriver.LabPage(page, server)
        finally:
            page.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not report.failed:
        return
    driver = item.funcargs.get("notebook7") or item.funcargs.get("lab")
    if driver is None:
        return
    (SCREENSHOTS / "failed").mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / "failed" / (re.sub(r"[^A-Za-z0-9_.-]+", "_", item.name) + ".png")
    try:
        driver.page.screenshot(path=str(path), full_page=False, timeout=10_000)
        report.sections.append(("browser", f"screenshot saved to {path}"))
    except Exception as error:  # a crashed page must not hide the test's own failure
        report.sections.append(("browser", f"no screenshot: {error}"))
    report.sections.append(("JupyterLab server log (tail)", driver.server.log_tail()))
