"""One JupyterLab server and one headless Chromium page for the whole browser test session.

Locally the browser tests skip, saying why, only when Chromium (/usr/bin/chromium, or
the path in SMLEARN_CHROMIUM) or the playwright package is missing. When the environment variable CI is set they never
skip: a missing browser fails the run. A failing test leaves a screenshot of the page in
tests/browser/screenshots/ (git-ignored) and the tail of the server's log in its report.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

import labdriver

SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"


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
def lab(lab_server, browser_driver):
    """A :class:`labdriver.LabPage` on the session's server, reused by every lesson."""
    browser = labdriver.launch_browser(browser_driver)
    try:
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        yield labdriver.LabPage(page, lab_server)
    finally:
        browser.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not report.failed:
        return
    driver = item.funcargs.get("lab")
    if driver is None:
        return
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / (re.sub(r"[^A-Za-z0-9_.-]+", "_", item.name) + ".png")
    try:
        driver.page.screenshot(path=str(path), full_page=False, timeout=10_000)
        report.sections.append(("browser", f"screenshot saved to {path}"))
    except Exception as error:  # a crashed page must not hide the test's own failure
        report.sections.append(("browser", f"no screenshot: {error}"))
    report.sections.append(("JupyterLab server log (tail)", driver.server.log_tail()))
