// The explorer's front-end piece (see smlearn/widgets/frontend.py): keys stay with the
// controls, and the page reports the explorer's width so the kernel can redraw to fit.

const EXPLORER = ".smlearn-explorer";
const FIGURE = ".smlearn-figure";       // the figure's column: its width is the room the figure has
const CONTROLS = ".smlearn-controls";   // the controls' column: rendered too before the piece starts
// Keys a slider, a readout or a drop-down uses itself; Notebook 7 would also act on them.
const NAVIGATION = new Set(["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End", "PageUp", "PageDown"]);
const SUPPRESS = "data-lm-suppress-shortcuts";
const CONTROL = ".noUi-handle, .noUi-target, .widget-readout, select, input, button, summary";

function keepKeys(event) {
  // Bubbling phase on the explorer: the control has already handled the key; the notebook must not.
  const target = event.target;
  if (!(target instanceof Element) || !target.closest(CONTROL)) { return; }
  const onSummary = target.closest("summary");
  if (NAVIGATION.has(event.key) || (onSummary && (event.key === "Enter" || event.key === " "))) {
    event.stopPropagation();
  }
}

// Notebook 7 matches its shortcuts in the capture phase on the document, before the slider sees
// the key (ArrowRight: "move to the heading below"), so stopping the key later is too late.
// Lumino skips a shortcut whose target carries data-lm-suppress-shortcuts: the window's capture
// listener, which runs first, marks a focused control for that one navigation key.
function markNavigationKey(event) {
  const target = event.target;
  if (!NAVIGATION.has(event.key) || !(target instanceof Element)) { return; }
  if (!target.closest(EXPLORER) || !target.closest(CONTROL) || target.hasAttribute(SUPPRESS)) { return; }
  target.setAttribute(SUPPRESS, "true");
  setTimeout(() => target.removeAttribute(SUPPRESS), 0);   // only this key: Shift+Enter etc. still reach the notebook
}
if (!window.__smlearnKeysMarked) {
  window.__smlearnKeysMarked = true;
  window.addEventListener("keydown", markNavigationKey, true);
}

function notebookFontPx() {
  // The size of the notebook's prose (a rendered Markdown paragraph), else of the page's body text.
  const prose = document.querySelector(".jp-RenderedMarkdown p, .jp-RenderedHTMLCommon p");
  return parseFloat(getComputedStyle(prose || document.body).fontSize) || 0;
}

function findExplorer(el, found) {
  // A box attaches its children after they render: look again on the next frames.
  let tries = 0;
  const look = () => {
    const explorer = el.closest(EXPLORER);
    const figure = explorer && explorer.querySelector(FIGURE);
    const controls = explorer && explorer.querySelector(CONTROLS);
    if (figure && controls) { found(explorer, figure, controls); return; }
    if (++tries < 600) { requestAnimationFrame(look); }
  };
  look();
}

function render({ model, el }) {
  el.style.display = "none";   // zero size: it only listens and reports
  let explorer = null;
  let figure = null;
  let observer = null;
  let timer = null;
  const report = () => {
    if (!figure) { return; }
    const width = Math.round(figure.getBoundingClientRect().width);
    if (width <= 0) { return; }   // hidden (a collapsed output, a closed tab): keep the last size
    const pixelRatio = Math.round((window.devicePixelRatio || 1) * 100) / 100;
    const height = Math.round(window.innerHeight || 0);
    const font = Math.round(notebookFontPx() * 100) / 100;
    if (width === model.get("width") && pixelRatio === model.get("pixel_ratio")
        && height === model.get("view_height") && font === model.get("font_px")) { return; }
    model.set({ width, pixel_ratio: pixelRatio, view_height: height, font_px: font });
    model.save_changes();
  };
  const soon = () => { clearTimeout(timer); timer = setTimeout(report, 250); };   // debounced: a drag of the divider sends one report
  findExplorer(el, (node, column, controls) => {
    explorer = node;
    figure = column;
    explorer.addEventListener("keydown", keepKeys);
    observer = new ResizeObserver(soon);
    observer.observe(figure);
    window.addEventListener("resize", soon);   // zoom changes the pixel ratio and the window's height
    soon();
  });
  return () => {
    clearTimeout(timer);
    if (observer) { observer.disconnect(); }
    window.removeEventListener("resize", soon);
    if (explorer) { explorer.removeEventListener("keydown", keepKeys); }
  };
}

export default { render };
