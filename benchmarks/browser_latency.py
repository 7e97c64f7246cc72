"""Benchmark: from a key press on a slider to the updated figure on screen, in real JupyterLab.

Run from the repository root (needs Debian's Chromium at /usr/bin/chromium and the
``playwright`` package; never ``playwright install``)::

    python benchmarks/browser_latency.py                 # every explorer, 20 presses each (~2 min)
    python benchmarks/browser_latency.py --presses 40 --lessons 02 04

It starts JupyterLab exactly as the browser tests do (``tests/browser/labdriver.py``),
opens each lesson, runs it, and for each explorer class (first lesson that shows it)
picks the first slider whose one-step move changes the figure. It then presses the
arrow keys on that slider, alternating right and left so the value stays near the
lesson's setting, and times each press in the page:

- key -> new image:  from the keydown event to the ``<img>`` getting its new ``src``;
- key -> on screen:  to the new image decoded and the next animation frame (painted);

and, in the kernel, the explorer's own update (its methods wrapped with a timer):

- kernel update:     ``Explorer.update`` as the slider calls it, split into the model
                     (``run_model``), the redraw + PNG (``png``) and the rest (artists
                     changed, sliders and caption synced, the image sent);
- key -> sent:       from the keydown to the page sending the slider's new value to the
                     kernel (noUiSlider and ipywidgets in the page);
- sent -> reply:     from that send to the arrival of the websocket message that carries
                     the new image (the first one over 4 kB): server, kernel and back;
- sent -> update:    from that send to the kernel starting the explorer's update (the
                     server and ZMQ relaying the message, the kernel dispatching it);
- update -> reply:   from the update's end to the image message reaching the page
                     (same clock on both sides: everything runs on this machine);
- reply -> img:      from that message to the ``<img>`` getting the new image (ipywidgets
                     decoding the message and making a blob URL);
- decode + paint:    key -> on screen minus key -> new image.

It prints medians and 90th percentiles in milliseconds and writes them to
``benchmarks/results/browser_latency.json``. Target: key -> on screen <= 250 ms (median).
"""

from __future__ import annotations

import argparse
import ast
import json
import platform
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests" / "browser"))

import labdriver  # noqa: E402

TARGET_MS = 250

# Wrap every explorer in the kernel so that each update records where its time went.
KERNEL_TIMER = r"""
import gc as _gc, time as _time
from smlearn.widgets.base import Explorer as _Explorer
_smlearn_latency = []

def _smlearn_wrap(explorer):
    if getattr(explorer, "_latency_wrapped", False):
        return
    explorer._latency_wrapped = True
    simulate, png, update, parts = explorer.run_model, explorer.png, explorer.update, {}

    def timed_simulate(params):
        start = _time.perf_counter(); result = simulate(params)
        parts["model"] = (_time.perf_counter() - start) * 1000
        return result

    def timed_png():
        start = _time.perf_counter(); result = png()
        parts["png"] = (_time.perf_counter() - start) * 1000
        return result

    def timed_update(**params):
        parts.clear(); wall = _time.time(); start = _time.perf_counter(); update(**params)
        elapsed = (_time.perf_counter() - start) * 1000
        _smlearn_latency.append({"update": elapsed, "start_epoch_ms": wall * 1000, "end_epoch_ms": wall * 1000 + elapsed, **parts})

    explorer.run_model, explorer.png, explorer.update = timed_simulate, timed_png, timed_update

for _object in _gc.get_objects():
    if isinstance(_object, _Explorer):
        _smlearn_wrap(_object)
"""

ARM = """(explorer) => {
  if (!window.__smlearnSocketsWatched) {
    // Note when the page first sends to the kernel after the key press, and when the first
    // large message arrives after it (the one that carries the new image: PNGs are > 4 kB).
    window.__smlearnSocketsWatched = true;
    const send = WebSocket.prototype.send;
    WebSocket.prototype.send = function (data) {
      const r = window.__smlearnLatency;
      if (r && r.key !== null && r.sent === null) { r.sent = performance.now(); }
      if (!this.__smlearnWatched) {
        this.__smlearnWatched = true;
        this.addEventListener('message', (event) => {
          const r = window.__smlearnLatency;
          const size = typeof event.data === 'string' ? event.data.length : (event.data.byteLength || event.data.size || 0);
          if (r && r.sent !== null && r.received === null && size > 4096) { r.received = performance.now(); }
        });
      }
      return send.call(this, data);
    };
  }
  const node = document.querySelector(`[data-smlearn-explorer="${explorer}"]`);
  const img = node.querySelector('img');
  const record = {origin: performance.timeOrigin, key: null, sent: null, received: null, src: null, decoded: null, frame: null, done: false};
  window.__smlearnLatency = record;
  document.addEventListener('keydown', (event) => { record.key = event.timeStamp; }, {capture: true, once: true});
  const observer = new MutationObserver(() => {
    if (record.src !== null) { return; }
    record.src = performance.now();
    observer.disconnect();
    img.decode().catch(() => null).then(() => {
      record.decoded = performance.now();
      requestAnimationFrame(() => { record.frame = performance.now(); record.done = true; });
    });
  });
  observer.observe(img, {attributes: true, attributeFilter: ['src']});
}"""


# Tornado leaves Nagle's algorithm on for websockets unless the handler turns it off, and
# jupyter_server does not; --nodelay turns it off in the test server, to see what it costs.
NODELAY_CONFIG = '''
from tornado.websocket import WebSocketHandler

_write_message = WebSocketHandler.write_message

def _write_message_nodelay(self, message, binary=False):
    if not getattr(self, "_smlearn_nodelay", False) and self.ws_connection is not None:
        self.set_nodelay(True)
        self._smlearn_nodelay = True
    return _write_message(self, message, binary=binary)

WebSocketHandler.write_message = _write_message_nodelay
'''


def stats(values: list[float]) -> dict:
    values = [v for v in values if v is not None]
    if not values:
        return {"median_ms": None, "p90_ms": None, "n": 0}
    p90 = statistics.quantiles(values, n=10)[-1] if len(values) >= 2 else values[0]
    return {"median_ms": round(statistics.median(values), 1), "p90_ms": round(p90, 1), "n": len(values)}


def pick_slider(lab, index: int, explorer: dict) -> tuple[int, dict] | None:
    """The first slider whose one-step move changes the figure (each probe moves it and back)."""
    for slider in range(len(explorer["sliders"])):
        state = lab.slider_state(index, slider)
        if not state["step"]:
            continue
        forward = "ArrowRight" if state["value"] + state["step"] <= state["max"] + 1e-9 else "ArrowLeft"
        backward = "ArrowLeft" if forward == "ArrowRight" else "ArrowRight"
        _, changed = lab.press_slider(index, slider, forward)
        lab.press_slider(index, slider, backward)
        if changed:
            return slider, {**state, "first_key": forward}
    return None


def measure(lab, index: int, slider: int, first_key: str, presses: int, warmup: int) -> list[dict]:
    page = lab.page
    handle = lab.explorer(index).locator(".widget-slider").nth(slider).locator(".noUi-handle")
    handle.scroll_into_view_if_needed()
    handle.focus()
    other = "ArrowLeft" if first_key == "ArrowRight" else "ArrowRight"
    samples = []
    for i in range(warmup + presses):
        page.wait_for_function(labdriver._WAIT_KERNEL_IDLE, timeout=30_000)
        page.evaluate(ARM, index)
        handle.press(first_key if i % 2 == 0 else other)
        page.wait_for_function("() => window.__smlearnLatency.done", timeout=30_000)
        record = page.evaluate("() => window.__smlearnLatency")
        if i >= warmup:
            sample = {"key_to_src": record["src"] - record["key"], "key_to_screen": record["frame"] - record["key"],
                      "decode_paint": record["frame"] - record["src"], "page_to_send": None, "round_trip": None, "page_to_src": None}
            if record["sent"] is not None and record["received"] is not None:
                sample.update(page_to_send=record["sent"] - record["key"], round_trip=record["received"] - record["sent"],
                              page_to_src=max(0.0, record["src"] - record["received"]),
                              sent_epoch_ms=record["origin"] + record["sent"], received_epoch_ms=record["origin"] + record["received"])
            samples.append(sample)
    page.wait_for_function(labdriver._WAIT_KERNEL_IDLE, timeout=30_000)
    return samples


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=20, help="timed key presses per explorer (default 20)")
    parser.add_argument("--warmup", type=int, default=2, help="untimed presses first (default 2)")
    parser.add_argument("--lessons", nargs="*", default=[], help="lesson number prefixes (default: all)")
    parser.add_argument("--nodelay", action="store_true", help="turn Nagle's algorithm off on the server's websockets")
    parser.add_argument("--output", type=Path, default=REPO / "benchmarks" / "results" / "browser_latency.json")
    args = parser.parse_args(argv)

    reason = labdriver.missing_requirements()
    if reason:
        print(f"cannot run: {reason}", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    lessons = [p for p in labdriver.lesson_notebooks() if not args.lessons or any(p.name.startswith(x) for x in args.lessons)]
    rows, seen = [], set()
    started = time.perf_counter()
    with labdriver.LabServer(server_config=NODELAY_CONFIG if args.nodelay else "") as server, sync_playwright() as playwright:
        browser = labdriver.launch_browser(playwright)
        try:
            lab = labdriver.LabPage(browser.new_page(viewport={"width": 1280, "height": 1000}), server)
            for lesson in lessons:
                names = None
                lab.open(lesson.name)
                cells = lab.run_all()
                names = [o["name"] for c in cells for o in c["outputs"] if o["explorer"]]
                if not names or all(name in seen for name in names):
                    continue
                explorers = lab.explorers(len(names))
                lab.kernel_execute(KERNEL_TIMER)
                for index, (name, explorer) in enumerate(zip(names, explorers)):
                    if name in seen:
                        continue
                    seen.add(name)
                    picked = pick_slider(lab, index, explorer)
                    if picked is None:
                        print(f"{name}: no slider changes the figure in one step; skipped", file=sys.stderr)
                        continue
                    slider, state = picked
                    lab.kernel_execute("_smlearn_latency.clear()")
                    samples = measure(lab, index, slider, state["first_key"], args.presses, args.warmup)
                    kernel = json.loads(ast.literal_eval(lab.kernel_execute("import json as _json", "_json.dumps(_smlearn_latency)")))
                    kernel = kernel[args.warmup:]
                    kernel_update = [k["update"] for k in kernel]
                    rest = [k["update"] - k.get("model", 0) - k.get("png", 0) for k in kernel]
                    # Same clock on both sides (one machine): when the kernel started and ended each update.
                    pairs = list(zip(samples, kernel)) if len(kernel) == len(samples) else []
                    to_kernel = [k["start_epoch_ms"] - s["sent_epoch_ms"] for s, k in pairs if s.get("sent_epoch_ms")]
                    back_to_page = [s["received_epoch_ms"] - k["end_epoch_ms"] for s, k in pairs if s.get("received_epoch_ms")]
                    row = {
                        "explorer": name, "lesson": lesson.stem, "slider": state["label"],
                        "key_to_screen": stats([s["key_to_screen"] for s in samples]),
                        "key_to_new_image": stats([s["key_to_src"] for s in samples]),
                        "kernel_update": stats(kernel_update),
                        "model": stats([k.get("model") for k in kernel]),
                        "redraw_png": stats([k.get("png") for k in kernel]),
                        "kernel_other": stats(rest),
                        "page_to_send": stats([s["page_to_send"] for s in samples]),
                        "round_trip": stats([s["round_trip"] for s in samples]),
                        "to_kernel": stats(to_kernel),
                        "back_to_page": stats(back_to_page),
                        "page_to_src": stats([s["page_to_src"] for s in samples]),
                        "decode_paint": stats([s["decode_paint"] for s in samples]),
                    }
                    rows.append(row)
                    print(f"  measured {name} ({lesson.stem}, slider {state['label']!r}):"
                          f" {row['key_to_screen']['median_ms']} ms median", file=sys.stderr)
        finally:
            browser.close()

    columns = [("key_to_screen", "key→screen"), ("key_to_new_image", "key→new img"), ("kernel_update", "kernel update"),
               ("model", "model"), ("redraw_png", "redraw+PNG"), ("kernel_other", "kernel other"),
               ("page_to_send", "key→sent"), ("round_trip", "sent→reply"), ("to_kernel", "sent→update"), ("back_to_page", "update→reply"),
               ("page_to_src", "reply→img"), ("decode_paint", "decode+paint")]
    header = "| explorer (lesson, slider) | " + " | ".join(title for _, title in columns) + " |"
    print(f"\nMedian / p90 in ms over {args.presses} key presses each (target key→screen ≤ {TARGET_MS} ms median):\n")
    print(header)
    print("|" + "---|" * (len(columns) + 1))
    for row in rows:
        cells = [f"{row[key]['median_ms']} / {row[key]['p90_ms']}" if row[key]["n"] else "–" for key, _ in columns]
        print(f"| {row['explorer']} ({row['lesson'][:2]}, {row['slider']}) | " + " | ".join(cells) + " |")
    over = [row["explorer"] for row in rows if row["key_to_screen"]["median_ms"] and row["key_to_screen"]["median_ms"] > TARGET_MS]
    print(f"\n{len(rows)} explorers; over target: {', '.join(over) if over else 'none'}; run took {time.perf_counter() - started:.0f} s")

    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps({
        "machine": {"python": platform.python_version(), "platform": platform.platform()},
        "presses": args.presses, "warmup": args.warmup, "nodelay": args.nodelay, "target_ms": TARGET_MS, "explorers": rows,
    }, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.output.relative_to(REPO) if args.output.is_relative_to(REPO) else args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
