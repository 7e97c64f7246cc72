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

import ast
import base64
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
                 server_config: str = "", course: Path | None = None, env: dict | None = None, app: str = "lab"):
        if app not in ("lab", "notebook"):
            raise ValueError(f"app must be 'lab' (JupyterLab) or 'notebook' (Jupyter Notebook 7); got {app!r}")
        self.app = app  # Notebook 7 takes the same flags under its own application name
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
        application = "LabApp" if self.app == "lab" else "JupyterNotebookApp"
        command = [
            self.python, "-m", "jupyterlab" if self.app == "lab" else "notebook",
            "--no-browser", "--allow-root", "--ip", "127.0.0.1", "--port", str(self.port),
            "--port-retries=0",
            f"--ServerApp.token={self.token}",
            "--ServerApp.password=",
            f"--ServerApp.root_dir={course}",
            f"--{application}.expose_app_in_browser=True",
            f"--{application}.user_settings_dir={settings}",
            f"--{application}.workspaces_dir={self.root / 'workspaces'}",
            *(["--LabApp.news_url="] if self.app == "lab" else []),  # Notebook 7 has no news feed
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
                raise RuntimeError(f"{self.app} server exited with status {self.process.returncode}:\n{self.log_tail()}")
            try:
                request = urllib.request.Request(f"{self.base_url}/api/status", headers={"Authorization": f"token {self.token}"})
                with urllib.request.urlopen(request, timeout=2) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.25)
        self.stop()
        raise RuntimeError(f"{self.app} server did not answer within {self.startup_timeout:.0f} s:\n{self.log_tail()}")

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
        // greyed out because the current choices ignore it (Explorer.ignored_at): keys do nothing there
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


_SHOW_FILE_BROWSER = """(show) => {
  const shell = window.jupyterapp.shell;
  if (show) { shell.activateById('filebrowser'); } else { shell.collapseLeft(); }
}"""

# What can change after a resize: each explorer's image (a redraw at the new width) and box sizes.
_LAYOUT_STATE = """() => Array.from(document.querySelectorAll('[data-smlearn-explorer]')).map(node => {
  const img = node.querySelector('img');
  const box = node.getBoundingClientRect();
  return {src: img ? img.src.slice(-64) : null, loaded: !!(img && img.complete && img.naturalWidth > 0),
          width: Math.round(box.width), height: Math.round(box.height),
          image: img ? Math.round(img.getBoundingClientRect().width) : 0};
})"""

# Every explorer as a learner sees it: each control's parts and how much of each its clipping
# boxes cut off, label and readout text that does not fit, slider tracks, the figure as displayed,
# the notebook's prose font size, and the widget model id (to ask the kernel about the figure).
_MEASURE = """() => {
  const WIDGET = 'application/vnd.jupyter.widget-view+json';
  const panel = window.jupyterapp.shell.currentWidget;
  const prose = panel.content.node.querySelector('.jp-RenderedMarkdown p') || panel.content.node;
  const proseFont = parseFloat(getComputedStyle(prose).fontSize);
  const windowWidth = document.documentElement.clientWidth;
  const shown = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden'; };
  // How many px of el's box its clipping ancestors hide: sideways all the way up to the window,
  // up and down only inside the output (the notebook scrolls; that is not a cut).
  const cut = (el, output) => {
    const r = el.getBoundingClientRect();
    let left = r.left, right = r.right, top = r.top, bottom = r.bottom, inside = true;
    for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
      const style = getComputedStyle(a), box = a.getBoundingClientRect();
      const l = box.left + a.clientLeft, t = box.top + a.clientTop;
      if (style.overflowX !== 'visible') { left = Math.max(left, l); right = Math.min(right, l + a.clientWidth); }
      if (inside && style.overflowY !== 'visible') { top = Math.max(top, t); bottom = Math.min(bottom, t + a.clientHeight); }
      if (a === output) { left = Math.max(left, box.left); right = Math.min(right, box.right); inside = false; }
    }
    left = Math.max(left, 0); right = Math.min(right, windowWidth);
    return {width: r.width, x: r.width - Math.max(0, right - left), y: inside ? 0 : r.height - Math.max(0, bottom - top)};
  };
  return Array.from(document.querySelectorAll('[data-smlearn-explorer]')).map(node => {
    const index = Number(node.getAttribute('data-smlearn-explorer'));
    const cellNode = node.closest('.jp-Cell');
    const cell = panel.content.widgets.find(c => c.node === cellNode);
    const child = node.closest('.jp-OutputArea-child');
    const position = child ? Array.from(child.parentElement.children).filter(c => c.classList.contains('jp-OutputArea-child')).indexOf(child) : -1;
    let modelId = null, name = '';
    if (cell && position >= 0 && position < cell.model.outputs.length) {
      const data = cell.model.outputs.get(position).toJSON().data || {};
      modelId = data[WIDGET] ? data[WIDGET].model_id : null;
      name = String(data['text/plain'] || '').split('(')[0].trim();
    }
    const controls = Array.from(node.querySelectorAll('.widget-slider, .widget-dropdown, .widget-checkbox, .widget-toggle-buttons')).map(box => {
      const label = box.querySelector('.widget-label');
      const track = box.querySelector('.noUi-target');
      const readout = box.querySelector('.widget-readout');
      const parts = {control: box, label, track, readout, 'drop-down': box.querySelector('select')};
      const cuts = {};
      for (const [part, el] of Object.entries(parts)) {
        if (el && shown(el)) { cuts[part] = cut(el, node); }
      }
      return {
        kind: box.classList.contains('widget-slider') ? 'slider' : box.classList.contains('widget-dropdown') ? 'drop-down' : 'control',
        shown: shown(box),
        label: label ? label.textContent.trim() : '',
        label_width: label ? [label.clientWidth, label.scrollWidth] : null,
        track_width: track && shown(box) ? track.getBoundingClientRect().width : null,
        readout: readout ? readout.textContent.trim() : null,
        readout_width: readout ? [readout.clientWidth, readout.scrollWidth] : null,
        top: box.getBoundingClientRect().top,
        cuts,
      };
    });
    const first = node.querySelector('.widget-slider, .widget-dropdown');
    const img = Array.from(node.querySelectorAll('img')).find(i => first && (first.compareDocumentPosition(i) & Node.DOCUMENT_POSITION_FOLLOWING));
    const imageBox = img ? img.getBoundingClientRect() : null;
    let scroller = node.parentElement;
    while (scroller && !(['auto', 'scroll'].includes(getComputedStyle(scroller).overflowY) && scroller.scrollHeight > scroller.clientHeight)) {
      scroller = scroller.parentElement;
    }
    return {
      index, name, model_id: modelId, cell: cell ? panel.content.widgets.indexOf(cell) : -1,
      prose_font_px: proseFont, controls,
      image: img ? {width: imageBox.width, height: imageBox.height, top: imageBox.top, bottom: imageBox.bottom,
                    natural_width: img.naturalWidth, natural_height: img.naturalHeight, cut: cut(img, node)} : null,
      visible_height: scroller ? scroller.clientHeight : window.innerHeight,
      alerts: Array.from(node.querySelectorAll('[role=alert]')).map(a => a.textContent.trim()).filter(Boolean),
    };
  });
}"""

# Run in the lesson's kernel: the width in px of the figure of each smlearn explorer behind these
# widget model ids (what its next picture will be).
_KERNEL_FIGURE_WIDTHS = """
def _smlearn_figure_widths(model_ids):
    import gc, json
    from smlearn.widgets.base import Explorer
    widths = {}
    for obj in gc.get_objects():
        try:
            widget = getattr(obj, "_widget", None) if isinstance(obj, Explorer) else None
        except Exception:
            continue
        if widget is not None and getattr(widget, "model_id", None) in model_ids:
            widths[widget.model_id] = round(obj.figure.bbox.width)
    return json.dumps(widths)
"""

# Run in the lesson's kernel: for the explorers behind some widget model ids, the figure's size
# in inches, its smallest visible text (in points), the text its edges cut (px outside the figure),
# and each control's label and unit.
_KERNEL_FIGURE_INFO = """
def _smlearn_figure_info(model_ids):
    import gc, json
    from matplotlib.text import Text
    from smlearn.widgets.base import Explorer
    explorers = {}
    for obj in gc.get_objects():
        try:
            widget = getattr(obj, "_widget", None) if isinstance(obj, Explorer) else None
        except Exception:
            continue
        if widget is not None and getattr(widget, "model_id", None) in model_ids:
            explorers[widget.model_id] = obj
    info = {}
    for model_id, explorer in explorers.items():
        figure = explorer.figure
        # Tick labels of ticks outside the axis limits are not drawn.
        undrawn = set()
        for ax in figure.axes:
            for axis in (ax.xaxis, ax.yaxis):
                low, high = sorted(axis.get_view_interval())
                for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                    if not low - 1e-9 * abs(high - low) <= tick.get_loc() <= high + 1e-9 * abs(high - low):
                        undrawn.update((id(tick.label1), id(tick.label2)))
        renderer = figure.canvas.get_renderer()
        width, height = figure.bbox.width, figure.bbox.height
        texts, cut = [], []
        for text in figure.findobj(Text):
            axes_shown = text.axes is None or text.axes.get_visible()
            if text.get_visible() and axes_shown and text.get_text().strip() and id(text) not in undrawn:
                texts.append((float(text.get_fontsize()), text.get_text().strip()[:40]))
                box = text.get_window_extent(renderer)
                outside = max(0.0, -box.x0, box.x1 - width, -box.y0, box.y1 - height)
                if outside > 2:   # a glyph's anti-aliased edge is not a cut
                    cut.append((round(outside), text.get_text().strip()[:60]))
        texts.sort()
        controls = []
        for name in explorer.CONTROLS:
            param = explorer.PARAMS[name]
            controls.append({"name": name, "label": param.label, "unit": getattr(param, "unit", "") or ""})
        info[model_id] = {"explorer": type(explorer).__name__, "width_inches": float(figure.get_size_inches()[0]),
                          "width_px": float(width), "dpi": float(figure.dpi), "smallest_texts": texts[:3],
                          "cut_texts": cut, "controls": controls}
    return json.dumps(info)
"""


class LabPage:
    """One browser page on a :class:`LabServer`, reused lesson after lesson."""

    def __init__(self, page, server: LabServer, *, timeout_ms: int = 60_000):
        self.page = page
        self.server = server
        self.timeout_ms = timeout_ms
        self.opened: str | None = None   # the lesson open now
        self.ran: list[dict] | None = None   # what run_all reported for it, if it ran
        self._cdp = None
        page.set_default_timeout(timeout_ms)
        if server.app == "notebook":
            return  # Notebook 7 opens each notebook on a page of its own: see open()
        page.goto(server.url("lab?reset"), wait_until="domcontentloaded")
        page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell", timeout=timeout_ms)
        page.evaluate("async () => { await window.jupyterapp.restored; }")
        page.evaluate("() => window.jupyterapp.commands.execute('application:toggle-left-area')")

    def open(self, notebook: str) -> None:
        """Open ``notebooks/<notebook>`` (closing anything open before) and wait for its kernel to be idle."""
        if self.server.app == "notebook":
            if self.opened is not None:  # end the previous lesson's kernel, as closing its tab would not
                self.page.evaluate("async () => { await window.jupyterapp.serviceManager.sessions.shutdownAll(); }")
            self.page.goto(self.server.url(f"notebooks/notebooks/{notebook}"), wait_until="domcontentloaded")
            self.page.wait_for_function(
                "() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
                " && window.jupyterapp.shell.currentWidget.sessionContext", timeout=self.timeout_ms)
        else:
            self.page.evaluate(_OPEN, f"notebooks/{notebook}")
        self.page.wait_for_function(_WAIT_KERNEL_IDLE, timeout=self.timeout_ms)
        self.opened, self.ran = notebook, None

    def run_lesson(self, notebook: str) -> list[dict]:
        """Open and run ``notebook`` unless it is the lesson open and run now; return what run_all reported.

        So the tests that look at one lesson in several ways run it once (see the conftest's ordering).
        """
        if self.opened != notebook or self.ran is None:
            self.open(notebook)
            self.run_all()
        return self.ran

    # --- window sizes ---------------------------------------------------------------------------

    def resize(self, width: int, height: int, *, scale: float = 1.0, file_browser: bool = False, settle: bool = True) -> dict:
        """Give the page a window of ``width`` x ``height`` CSS px at ``scale`` device pixels per CSS px.

        ``scale`` 1.5 with 911 x 512 is a 1366 x 768 screen at 150 % zoom, as Ctrl+plus makes it: the
        page is laid out in fewer CSS px and everything is drawn 1.5 times bigger. ``file_browser``
        opens JupyterLab's left sidebar on the file browser (closed otherwise). Returns what the page
        reports (inner size, device pixel ratio), after the layout and any redraw settle.
        """
        self._devtools().send("Emulation.setDeviceMetricsOverride",
                       {"width": width, "height": height, "deviceScaleFactor": scale, "mobile": False})
        if self.server.app == "lab":
            self.page.evaluate(_SHOW_FILE_BROWSER, file_browser)
        if settle:
            self.settle()
        return self.page.evaluate("() => ({width: window.innerWidth, height: window.innerHeight, scale: window.devicePixelRatio})")

    def _devtools(self):
        if self._cdp is None:
            self._cdp = self.page.context.new_cdp_session(self.page)
        return self._cdp

    def settle(self, timeout_ms: int = 30_000) -> bool:
        """Wait until the explorers' images and sizes stop changing (a width report may redraw a figure).

        False if they still change after ``timeout_ms``: the tests then measure what is there, and
        say when a picture is not the kernel's figure.
        """
        deadline = time.monotonic() + timeout_ms / 1000
        before = None
        while time.monotonic() < deadline:
            self.page.wait_for_timeout(500)  # longer than a resize's debounce (the front end waits 250 ms)
            # Answered only after the kernel has handled every width report sent before it (one
            # shell channel, in order), so a redraw still under way is not taken for a settled page.
            self.kernel_execute("pass", timeout_ms=timeout_ms)
            now = self.page.evaluate(_LAYOUT_STATE)
            # The kernel may have redrawn before its picture reaches the page (a big PNG on a busy
            # machine takes seconds): settled only once each image is as wide as the kernel's figure.
            if now == before and all(image["loaded"] for image in now) and self._images_match_kernel():
                return True
            before = now
        return False

    def _images_match_kernel(self) -> bool:
        shown = {m["model_id"]: m["image"]["natural_width"] for m in self.measure() if m["model_id"] and m["image"]}
        if not shown:
            return True
        widths = json.loads(ast.literal_eval(self.kernel_execute(_KERNEL_FIGURE_WIDTHS, f"_smlearn_figure_widths({list(shown)!r})")))
        return all(abs(widths[key] - shown[key]) <= 2 for key in widths)

    def measure(self) -> list[dict]:
        """What a learner sees of every explorer marked by :meth:`explorers` (see _MEASURE)."""
        return self.page.evaluate(_MEASURE)

    def figure_text(self, model_ids: list[str]) -> dict:
        """For the smlearn explorers with these widget model ids: their figure's size and smallest text, their controls' units."""
        found = self.kernel_execute(_KERNEL_FIGURE_INFO, f"_smlearn_figure_info({list(model_ids)!r})")
        return json.loads(ast.literal_eval(found))

    def screenshot_explorers(self, folder: Path, stem: str) -> list[Path]:
        """One window's screenshot per explorer, scrolled to the top of the window (the top of the page if none)."""
        folder.mkdir(parents=True, exist_ok=True)
        count = self.page.evaluate("() => document.querySelectorAll('[data-smlearn-explorer]').length")
        paths = []
        for index in range(count) or [None]:
            if index is not None:
                self.explorer(index).evaluate("node => node.scrollIntoView({block: 'start'})")
            path = folder / (f"{stem}-explorer{index + 1}.png" if index is not None else f"{stem}.png")
            # Through the same DevTools session as resize(): Playwright's own screenshot puts back the
            # page's original viewport, which would undo the size under test.
            shot = self._devtools().send("Page.captureScreenshot", {"format": "png"})
            path.write_bytes(base64.b64decode(shot["data"]))
            paths.append(path)
        return paths

    def run_all(self, timeout_ms: int = 180_000) -> list[dict]:
        """Run every cell and wait until the run ends and the kernel is idle; return what each code cell shows.

        The run ends early at a cell that raises (as in JupyterLab: the later cells are not run);
        the report then shows those cells with no execution count.
        """
        self.page.evaluate(_RUN_ALL, timeout_ms)
        self.page.wait_for_function(_WAIT_KERNEL_IDLE, timeout=timeout_ms)
        self.ran = self.page.evaluate(_REPORT)
        return self.ran

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
