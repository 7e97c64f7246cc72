"""Drive the course in real JupyterLab, in Debian's Chromium, with Playwright.

Used by the browser tests (``tests/browser/``) and by the latency benchmark
(``benchmarks/browser_latency.py``), so both see the course as a learner does:

- :class:`LabServer` starts JupyterLab on a free loopback port with a random token,
  in a temporary copy of the course's notebooks, with its own settings (the default
  kernel starts without a dialog; no news or update checks) and stops it again;
- :func:`launch_browser` starts headless Chromium (never a downloaded browser);
- :class:`LabPage` opens a lesson, runs every cell, reports what each cell shows and
  finds the explorers on the page: an output holding sliders or drop-downs followed by
  an image, so lessons and explorers added later are found with no change here.

Playwright is imported only when a browser is launched, so this module imports (and
its doctests run) where Playwright or Chromium is missing.

Examples
--------
>>> missing_requirements(chromium="/nonexistent/chromium")
'Chromium is not installed at /nonexistent/chromium (on Debian: apt-get install -y chromium)'
>>> lesson_notebooks(REPO / "notebooks")[0].name
'00_start_here.ipynb'
"""

from __future__ import annotations

import importlib.util
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# Debian's Chromium; SMLEARN_CHROMIUM points elsewhere (another distribution's path).
CHROMIUM = os.environ.get("SMLEARN_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-default-apps",
    "--disable-extensions",
    "--mute-audio",
]
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"

# JupyterLab user settings for the test server: start the notebook's kernel without asking,
# render every cell (no virtual scrolling, so every output is in the page), no network checks.
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {
        "autoStartDefaultKernel": True,
        "windowingMode": "none",
    },
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}


def lesson_notebooks(folder: Path = REPO / "notebooks") -> list[Path]:
    """Every lesson notebook, in course order: ``NN_name.ipynb``."""
    from smlearn.pacing import lesson_files

    return lesson_files(folder)


def missing_requirements(chromium: str = CHROMIUM) -> str | None:
    """Why the browser cannot run here (a sentence), or None when it can."""
    if not Path(chromium).is_file():
        return f"Chromium is not installed at {chromium} (on Debian: apt-get install -y chromium)"
    if importlib.util.find_spec("playwright") is None:
        return "the Python package playwright is not installed (pip install -e '.[test]'); never run `playwright install`"
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _exit_with_parent() -> None:
    """In the server's process: ask Linux for SIGTERM when the process that started it dies.

    So a test run killed from outside (a CI time limit, Ctrl-C twice) leaves no server behind.
    """
    import ctypes

    PR_SET_PDEATHSIG = 1
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


class LabServer:
    """JupyterLab serving a temporary copy of ``notebooks`` on 127.0.0.1, with a random token.

    Use as a context manager, or call :meth:`start` and :meth:`stop`. The kernels run
    ``python`` (this interpreter by default) with the repository on ``PYTHONPATH``, so
    ``import smlearn`` finds the code under test even without an install.
    """

    def __init__(self, notebooks: Path = REPO / "notebooks", *, python: str = sys.executable, startup_timeout: float = 90,
                 server_config: str = "", course: Path | None = None, env: dict | None = None):
        self.source = Path(notebooks)
        # A learner's own course folder (holding notebooks/) to serve as it is and leave in place on stop,
        # instead of a temporary copy of ``notebooks``: what a learner's restarted JupyterLab finds again.
        self.course = Path(course) if course is not None else None
        self.extra_env = dict(env or {})
        self.server_config = server_config  # Python text for the server's own jupyter_server_config.py
        self.python = python
        self.startup_timeout = startup_timeout
        self.port = _free_port()
        self.token = secrets.token_hex(20)
        self.root: Path | None = None
        self.process: subprocess.Popen | None = None
        self.log_path: Path | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str = "lab") -> str:
        separator = "&" if "?" in path else "?"
        return f"{self.base_url}/{path.lstrip('/')}{separator}token={self.token}"

    def start(self) -> "LabServer":
        self.root = Path(tempfile.mkdtemp(prefix="smlearn-lab-"))
        course = self.course or self.root / "course"
        if self.course is None:
            # The notebooks only: with their paired .md sources beside them, jupytext (a server extension)
            # would refuse to open a notebook newer than its source, as a learner never sees it.
            (course / "notebooks").mkdir(parents=True)
            for path in self.source.iterdir():
                if path.suffix == ".ipynb" or path.name == "course.yml":
                    shutil.copy2(path, course / "notebooks" / path.name)
        settings = self.root / "settings"
        for name, values in LAB_SETTINGS.items():
            path = settings / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values), encoding="utf-8")
        for folder in ("workspaces", "config", "runtime", "ipython"):
            (self.root / folder).mkdir()
        if self.server_config:
            (self.root / "config" / "jupyter_server_config.py").write_text(self.server_config, encoding="utf-8")
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH", "")])),
            "JUPYTER_CONFIG_DIR": str(self.root / "config"),
            "JUPYTER_RUNTIME_DIR": str(self.root / "runtime"),
            "IPYTHONDIR": str(self.root / "ipython"),
            "JUPYTER_PLATFORM_DIRS": "1",
            "MPLBACKEND": "Agg",
            **self.extra_env,
        }
        command = [
            self.python, "-m", "jupyterlab",
            "--no-browser", "--allow-root", "--ip", "127.0.0.1", "--port", str(self.port),
            "--port-retries=0",
            f"--ServerApp.token={self.token}",
            "--ServerApp.password=",
            f"--ServerApp.root_dir={course}",
            "--LabApp.expose_app_in_browser=True",
            f"--LabApp.user_settings_dir={settings}",
            f"--LabApp.workspaces_dir={self.root / 'workspaces'}",
            "--LabApp.news_url=",
            "--ServerApp.open_browser=False",
        ]
        self.log_path = self.root / "server.log"
        log = open(self.log_path, "w")
        self.process = subprocess.Popen(
            command, cwd=course, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True,  # its own process group: stop() ends the server and its kernels, nothing else
            preexec_fn=_exit_with_parent if sys.platform == "linux" else None,
        )
        log.close()
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"JupyterLab exited with status {self.process.returncode}:\n{self.log_tail()}")
            try:
                request = urllib.request.Request(f"{self.base_url}/api/status", headers={"Authorization": f"token {self.token}"})
                with urllib.request.urlopen(request, timeout=2) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.25)
        self.stop()
        raise RuntimeError(f"JupyterLab did not answer within {self.startup_timeout:.0f} s:\n{self.log_tail()}")

    def log_tail(self, lines: int = 40) -> str:
        if self.log_path is None or not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def stop(self) -> None:
        """Stop the server (which shuts down its kernels), then anything left in its process group."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                pass
        if self.process is not None:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)  # the group we created; only our kernels can be left in it
            except (ProcessLookupError, PermissionError):
                pass
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
        if self.root is not None:
            shutil.rmtree(self.root, ignore_errors=True)
            self.root = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def launch_browser(playwright, chromium: str = CHROMIUM):
    """Headless Debian Chromium, with the flags that keep it off the network."""
    return playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)


# --- JavaScript run in the page -------------------------------------------------------------

_WAIT_KERNEL_IDLE = """() => {
  try {
    const widget = window.jupyterapp.shell.currentWidget;
    const kernel = widget.sessionContext.session.kernel;
    return kernel && kernel.connectionStatus === 'connected' && kernel.status === 'idle';
  } catch (e) { return false; }
}"""

_OPEN = """async (path) => {
  const app = window.jupyterapp;
  await app.restored;
  // Close what is open (marked clean first, so no "save changes?" dialog) and end its kernels.
  for (const w of Array.from(app.shell.widgets('main'))) {
    if (w.context && w.context.model) { w.context.model.dirty = false; }
    w.dispose();
  }
  await app.serviceManager.sessions.refreshRunning();
  await app.serviceManager.sessions.shutdownAll();
  const widget = await app.commands.execute('docmanager:open', {path, factory: 'Notebook'});
  await widget.context.ready;
  await widget.sessionContext.ready;
  app.shell.activateById(widget.id);
  return widget.id;
}"""

_RUN_ALL = """async (timeoutMs) => {
  const app = window.jupyterapp;
  const widget = app.shell.currentWidget;
  const run = app.commands.execute('notebook:run-all-cells');
  const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error('run-all did not finish in ' + timeoutMs + ' ms')), timeoutMs));
  return await Promise.race([run, timeout]);
}"""

# Everything the tests check about a run, read from the notebook's model and the page.
_REPORT = """() => {
  const WIDGET = 'application/vnd.jupyter.widget-view+json';
  const widget = window.jupyterapp.shell.currentWidget;
  const cells = [];
  widget.content.widgets.forEach((cell, index) => {
    if (cell.model.type !== 'code') { return; }
    const outputs = cell.model.outputs.toJSON();
    const tags = cell.model.getMetadata ? (cell.model.getMetadata('tags') || []) : [];
    const area = cell.node.querySelector('.jp-OutputArea');
    cells.push({
      index,
      source: cell.model.sharedModel.getSource().slice(0, 300),
      tags,
      execution_count: cell.model.executionCount,
      prompt: (cell.node.querySelector('.jp-InputPrompt') || {}).textContent || '',
      outputs: outputs.map(o => ({
        output_type: o.output_type,
        name: o.name || null,
        text: o.output_type === 'stream' ? String(Array.isArray(o.text) ? o.text.join('') : o.text).slice(0, 2000) : null,
        ename: o.ename || null,
        evalue: o.evalue || null,
        traceback: o.traceback ? o.traceback.join('\\n').replace(/\\u001b\\[[0-9;]*m/g, '').slice(-3000) : null,
        mime: o.data ? Object.keys(o.data) : [],
        explorer: !!(o.data && o.data[WIDGET] && o.data['image/png']),
        name: (o.data && o.data[WIDGET] && o.data['image/png']) ? String(o.data['text/plain'] || '').split('(')[0].trim() : null,
      })),
      shown_text: area ? Array.from(area.querySelectorAll('.jp-OutputArea-output')).map(n => n.innerText).join('\\n').trim().slice(0, 2000) : '',
      widget_errors: area ? Array.from(area.querySelectorAll('.jp-RenderedText, .jp-RenderedHTMLCommon'))
        .map(n => n.innerText).filter(t => /Error displaying widget|model not found/i.test(t)) : [],
    });
  });
  return cells;
}"""

# Markdown whose text MathJax typeset as maths: a run of 8 or more letters in the maths
# italic alphabet is prose between two "$" signs (money), not a formula: escape them as \$.
_PROSE_AS_MATHS = """() => {
  const widget = window.jupyterapp.shell.currentWidget;
  const found = [];
  widget.content.widgets.forEach((cell, index) => {
    if (cell.model.type !== 'markdown') { return; }
    cell.node.querySelectorAll('mjx-container').forEach(node => {
      const text = (node.innerText || node.textContent || '').replace(/\\s+/g, '');
      if (/[\\u{1D400}-\\u{1D7FF}\\u{210E}]{8,}/u.test(text)) {
        const source = cell.model.sharedModel.getSource();
        const at = source.indexOf('$');
        found.push({index, text: text.slice(0, 80), source: source.slice(Math.max(0, at - 60), at + 100)});
      }
    });
  });
  return found;
}"""

# Mark every explorer on the page (data-smlearn-explorer="0", "1", ...) and describe it.
_FIND_EXPLORERS = """() => {
  const widget = window.jupyterapp.shell.currentWidget;
  const outputs = Array.from(widget.content.node.querySelectorAll('.jp-OutputArea-output'));
  const isExplorer = (node) => {
    const control = node.querySelector('.widget-slider, .widget-dropdown');
    if (!control) { return false; }
    const images = Array.from(node.querySelectorAll('img'));
    return images.some(img => control.compareDocumentPosition(img) & Node.DOCUMENT_POSITION_FOLLOWING);
  };
  const found = outputs.filter(isExplorer).filter(node => !Array.from(node.querySelectorAll('.jp-OutputArea-output')).some(isExplorer));
  return found.map((node, index) => {
    node.setAttribute('data-smlearn-explorer', String(index));
    const control = node.querySelector('.widget-slider, .widget-dropdown');
    const img = Array.from(node.querySelectorAll('img')).find(i => control.compareDocumentPosition(i) & Node.DOCUMENT_POSITION_FOLLOWING);
    const cell = node.closest('.jp-Cell');
    return {
      index,
      cell: cell ? Array.from(cell.parentNode.children).filter(c => c.classList.contains('jp-Cell')).indexOf(cell) : -1,
      sliders: Array.from(node.querySelectorAll('.widget-slider')).map(s => ({
        label: (s.querySelector('.widget-label') || {}).textContent || '',
        readout: ((s.querySelector('.widget-readout') || {}).textContent || '').trim(),
        // greyed out because the current choices ignore it (Explorer._ignored): keys do nothing there
        disabled: !!s.querySelector('.noUi-target[disabled], input[disabled]'),
      })),
      dropdowns: Array.from(node.querySelectorAll('.widget-dropdown select')).map(s => s.value),
      image_loaded: !!(img && img.complete && img.naturalWidth > 0),
      image_size: img ? [img.naturalWidth, img.naturalHeight] : null,
      alerts: Array.from(node.querySelectorAll('[role=alert]')).map(a => a.textContent).filter(Boolean),
    };
  });
}"""

_IMAGES_LOADED = """() => Array.from(document.querySelectorAll('[data-smlearn-explorer]')).every(node => {
  const img = node.querySelector('img');
  return img && img.complete && img.naturalWidth > 0;
})"""

# The state of one slider: what its readout says and the range and step noUiSlider uses.
_SLIDER_STATE = """([explorer, slider]) => {
  const node = document.querySelector(`[data-smlearn-explorer="${explorer}"]`);
  const box = node.querySelectorAll('.widget-slider')[slider];
  const target = box.querySelector('.noUi-target');
  const api = target && target.noUiSlider;
  const handle = box.querySelector('.noUi-handle');
  const options = api ? api.options : null;
  return {
    label: (box.querySelector('.widget-label') || {}).textContent || '',
    readout: ((box.querySelector('.widget-readout') || {}).textContent || '').trim(),
    value: api ? Number(api.get()) : Number(handle.getAttribute('aria-valuenow')),
    min: options ? Number(options.range.min) : Number(handle.getAttribute('aria-valuemin')),
    max: options ? Number(options.range.max) : Number(handle.getAttribute('aria-valuemax')),
    step: options && options.step ? Number(options.step) : null,
  };
}"""

# SHA-256 of the image an explorer shows now, and its src.
_IMAGE_STATE = """async (explorer) => {
  const node = document.querySelector(`[data-smlearn-explorer="${explorer}"]`);
  const img = node.querySelector('img');
  const bytes = await (await fetch(img.src)).arrayBuffer();
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return {src: img.src, sha256: Array.from(new Uint8Array(digest)).map(b => b.toString(16).padStart(2, '0')).join(''), bytes: bytes.byteLength};
}"""

_SRC_CHANGED = """([explorer, before]) => {
  const node = document.querySelector(`[data-smlearn-explorer="${explorer}"]`);
  const img = node && node.querySelector('img');
  return !!img && img.src !== before && img.complete && img.naturalWidth > 0;
}"""


class LabPage:
    """One browser page on a :class:`LabServer`, reused lesson after lesson."""

    def __init__(self, page, server: LabServer, *, timeout_ms: int = 60_000):
        self.page = page
        self.server = server
        self.timeout_ms = timeout_ms
        page.set_default_timeout(timeout_ms)
        page.goto(server.url("lab?reset"), wait_until="domcontentloaded")
        page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell", timeout=timeout_ms)
        page.evaluate("async () => { await window.jupyterapp.restored; }")
        page.evaluate("() => window.jupyterapp.commands.execute('application:toggle-left-area')")

    def open(self, notebook: str) -> None:
        """Open ``notebooks/<notebook>`` (closing anything open before) and wait for its kernel to be idle."""
        self.page.evaluate(_OPEN, f"notebooks/{notebook}")
        self.page.wait_for_function(_WAIT_KERNEL_IDLE, timeout=self.timeout_ms)

    def run_all(self, timeout_ms: int = 180_000) -> list[dict]:
        """Run every cell and wait until the run ends and the kernel is idle; return what each code cell shows.

        The run ends early at a cell that raises (as in JupyterLab: the later cells are not run);
        the report then shows those cells with no execution count.
        """
        self.page.evaluate(_RUN_ALL, timeout_ms)
        self.page.wait_for_function(_WAIT_KERNEL_IDLE, timeout=timeout_ms)
        return self.page.evaluate(_REPORT)

    def prose_typeset_as_maths(self) -> list[dict]:
        """Markdown cells where text between two ``$`` signs was typeset as maths (see _PROSE_AS_MATHS)."""
        return self.page.evaluate(_PROSE_AS_MATHS)

    def explorers(self, expected: int, timeout_ms: int = 30_000) -> list[dict]:
        """Wait (bounded) until ``expected`` explorers are on the page with their images loaded; describe those found."""
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        try:
            self.page.wait_for_function(
                f"() => ({_FIND_EXPLORERS})().length >= {int(expected)} && ({_IMAGES_LOADED})()", timeout=timeout_ms
            )
        except PlaywrightTimeout:
            pass  # the caller compares what is there with what was expected, and says so
        return self.page.evaluate(_FIND_EXPLORERS)

    def explorer(self, index: int):
        return self.page.locator(f'[data-smlearn-explorer="{index}"]')

    def slider_state(self, explorer: int, slider: int = 0) -> dict:
        return self.page.evaluate(_SLIDER_STATE, [explorer, slider])

    def image_state(self, explorer: int) -> dict:
        return self.page.evaluate(_IMAGE_STATE, explorer)

    def _image_src(self, explorer: int) -> str:
        return self.page.evaluate(f"() => document.querySelector('[data-smlearn-explorer=\"{explorer}\"] img').src")

    def _wait_for_new_image(self, explorer: int, before: str, timeout_ms: int) -> bool:
        """True once the explorer shows a new image; False if the kernel handled the change and sent none."""
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        try:
            self.page.wait_for_function(_SRC_CHANGED, arg=[explorer, before], timeout=1_500)
            return True
        except PlaywrightTimeout:
            pass
        # The shell channel is handled in order: once this request is answered, the kernel has
        # handled the slider's message, and any new image was sent before the reply.
        self.kernel_execute("pass", timeout_ms=timeout_ms)
        try:
            self.page.wait_for_function(_SRC_CHANGED, arg=[explorer, before], timeout=2_000)
            return True
        except PlaywrightTimeout:
            return False

    def press_slider(self, explorer: int, slider: int, key: str, timeout_ms: int = 30_000) -> tuple[dict, bool]:
        """Focus a slider's handle and press ``key`` once.

        Returns the slider's new state and whether the explorer's image changed (the kernel
        sends no new image when the figure's bytes did not change).
        """
        before = self._image_src(explorer)
        handle = self.explorer(explorer).locator(".widget-slider").nth(slider).locator(".noUi-handle")
        handle.focus()
        handle.press(key)
        changed = self._wait_for_new_image(explorer, before, timeout_ms)
        return self.slider_state(explorer, slider), changed

    def press_dropdown(self, explorer: int, dropdown: int, key: str = "ArrowDown", timeout_ms: int = 30_000) -> tuple[str, bool]:
        """Focus a drop-down and press ``key`` once; return its new value and whether the image changed."""
        before = self._image_src(explorer)
        select = self.explorer(explorer).locator(".widget-dropdown select").nth(dropdown)
        select.focus()
        select.press(key)
        changed = self._wait_for_new_image(explorer, before, timeout_ms)
        return select.evaluate("s => s.value"), changed

    def dropdown_state(self, explorer: int, dropdown: int = 0) -> dict:
        select = self.explorer(explorer).locator(".widget-dropdown select").nth(dropdown)
        return select.evaluate("s => ({value: s.value, index: s.selectedIndex, count: s.options.length,"
                               " label: (s.closest('.widget-dropdown').querySelector('.widget-label') || {}).textContent || ''})")

    def alerts(self, explorer: int) -> list[str]:
        return self.explorer(explorer).locator("[role=alert]").all_inner_texts()

    def kernel_execute(self, code: str, expression: str | None = None, timeout_ms: int = 30_000):
        """Run ``code`` silently in the lesson's kernel; return ``repr`` of ``expression`` (or None)."""
        return self.page.evaluate(
            """async ([code, expression, timeoutMs]) => {
              const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
              const expressions = expression ? {value: expression} : {};
              const future = kernel.requestExecute({code, silent: false, store_history: false, user_expressions: expressions});
              const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error('kernel did not answer')), timeoutMs));
              const reply = await Promise.race([future.done, timeout]);
              if (reply.content.status !== 'ok') { throw new Error(reply.content.ename + ': ' + reply.content.evalue); }
              if (!expression) { return null; }
              const value = reply.content.user_expressions.value;
              if (value.status !== 'ok') { throw new Error(value.ename + ': ' + value.evalue); }
              return value.data['text/plain'];
            }""",
            [code, expression, timeout_ms],
        )
