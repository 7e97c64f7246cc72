"""In Jupyter Notebook 7, the arrow keys on a focused slider move the slider, not the notebook.

Notebook 7 matches its shortcuts before the slider sees the key (ArrowRight: "go to the
heading below"); the explorer's front-end piece (smlearn/widgets/frontend.js) keeps the
navigation keys for the control. One small notebook with one explorer, in a Notebook 7
server of its own; the size tests and lessons 02 and 04 in Notebook 7 live beside this file.
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

import labdriver

NOTEBOOK = {
    "cells": [
        {"cell_type": "markdown", "metadata": {}, "source": "# An explorer\n\nProse above it."},
        {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
         "source": "from smlearn.widgets import NetworkExplorer\nexplorer = NetworkExplorer(n=100)\nexplorer"},
        {"cell_type": "markdown", "metadata": {}, "source": "## The next heading\n\nWhere ArrowRight used to jump."},
        {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [], "source": "explorer.params['n']"},
    ],
    "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    "nbformat": 4, "nbformat_minor": 5,
}

_KERNEL_IDLE = """() => {
  try {
    const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
    return kernel.connectionStatus === 'connected' && kernel.status === 'idle';
  } catch (e) { return false; }
}"""

_STATE = """() => {
  const explorer = document.querySelector('.smlearn-explorer');
  return {
    cell: window.jupyterapp.shell.currentWidget.content.activeCellIndex,
    readout: explorer.querySelector('.widget-slider .widget-readout').textContent.trim(),
    src: explorer.querySelector('.smlearn-figure img').src,
    focused: document.activeElement.classList.contains('noUi-handle'),
  };
}"""


@pytest.fixture(scope="module")
def notebook7_page(browser_driver):
    import json

    root = Path(tempfile.mkdtemp(prefix="smlearn-nb7-"))
    (root / "explorer.ipynb").write_text(json.dumps(NOTEBOOK), encoding="utf-8")
    for folder in ("config", "runtime"):
        (root / folder).mkdir()
    port, token = labdriver._free_port(), secrets.token_hex(16)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(labdriver.REPO), os.environ.get("PYTHONPATH", "")])),
           "JUPYTER_CONFIG_DIR": str(root / "config"), "JUPYTER_RUNTIME_DIR": str(root / "runtime"), "MPLBACKEND": "Agg"}
    log = open(root / "server.log", "w")
    server = subprocess.Popen(
        [sys.executable, "-m", "notebook", "--no-browser", "--allow-root", "--ip", "127.0.0.1", "--port", str(port),
         "--port-retries=0", f"--ServerApp.token={token}", "--ServerApp.password=", f"--ServerApp.root_dir={root}",
         "--JupyterNotebookApp.expose_app_in_browser=True"],
        cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
    browser = None
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token={token}", timeout=2):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("Notebook 7 did not start:\n" + (root / "server.log").read_text()[-2000:])
                time.sleep(0.25)
        browser = labdriver.launch_browser(browser_driver)
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        page.set_default_timeout(90_000)
        page.goto(f"http://127.0.0.1:{port}/notebooks/explorer.ipynb?token={token}")
        page.wait_for_function(_KERNEL_IDLE)
        page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
        page.wait_for_selector(".smlearn-explorer .smlearn-figure img")
        page.wait_for_function(_KERNEL_IDLE)
        yield page
    finally:
        if browser is not None:
            browser.close()
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
        shutil.rmtree(root, ignore_errors=True)


def test_arrow_right_on_a_slider_moves_it_one_step_and_changes_the_figure_not_the_cell(notebook7_page):
    page = notebook7_page
    handle = page.locator(".smlearn-explorer .widget-slider").first.locator(".noUi-handle")
    handle.scroll_into_view_if_needed()
    handle.focus()
    before = page.evaluate(_STATE)
    handle.press("ArrowRight")
    page.wait_for_function("(src) => document.querySelector('.smlearn-explorer .smlearn-figure img').src !== src",
                           arg=before["src"], timeout=30_000)
    after = page.evaluate(_STATE)
    assert (before["readout"], after["readout"]) == ("100", "150")   # one step of 50 people
    assert after["cell"] == before["cell"], "the notebook took the key and moved to another cell"
    assert after["focused"], "focus left the slider"
    handle.press("ArrowLeft")
    page.wait_for_function("() => document.querySelector('.smlearn-explorer .widget-slider .widget-readout').textContent.trim() === '100'")
    assert page.evaluate(_STATE)["cell"] == before["cell"]


def test_the_explorer_reports_its_width_and_fits_its_figure_to_it(notebook7_page):
    page = notebook7_page
    page.wait_for_function("""() => {
      const column = document.querySelector('.smlearn-explorer .smlearn-figure');
      const img = column.querySelector('img');
      return img.naturalWidth > 0 && Math.abs(img.naturalWidth - column.getBoundingClientRect().width) <= 2;
    }""", timeout=30_000)
    labels = page.evaluate("""() => Array.from(document.querySelectorAll('.smlearn-explorer .widget-label'))
      .filter(l => l.textContent).map(l => ({text: l.textContent, cut: l.scrollWidth > l.clientWidth + 1}))""")
    assert labels and not [label for label in labels if label["cut"]]
    assert "Follow-back chance (probability)" in [label["text"] for label in labels]
