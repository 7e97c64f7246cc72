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

// What a screen reader needs that ipywidgets does not give (issue 18). Python sends, per control,
// its label, unit, decimals and help text (model "controls") and the figure's description ("alt");
// each control carries the class CONTROL_CLASS + its parameter's name. Applying is idempotent:
// it runs again whenever the explorer's content changes (a control rendered late, a new caption).
const CONTROL_CLASS = "smlearn-control-";
const CAPTION = ".smlearn-caption";

function spokenValue(handle, control) {
  // The readout's text is the value as shown (noUiSlider rounds aria-valuenow to one decimal:
  // 0.02 would be read "0.0"); a change of it re-runs applyNames (the explorer's observer).
  const readout = handle.closest(`.${CONTROL_CLASS}${control.name}`)?.querySelector(".widget-readout");
  const shown = readout && readout.textContent.trim();
  const now = Number(handle.getAttribute("aria-valuenow"));
  if (!shown && !Number.isFinite(now)) { return null; }
  const value = shown || now.toFixed(control.decimals || 0);
  if (!control.unit) { return value; }
  // As Param.spoken says it: "week 26" for a unit naming a position, "26 weeks" for an amount.
  return control.unit_first ? `${control.unit} ${value}` : `${value} ${control.unit}`;
}

function describe(element, helpId) {
  if (helpId) { element.setAttribute("aria-describedby", helpId); } else { element.removeAttribute("aria-describedby"); }
}

function nameSlider(handle, control, helpId) {
  handle.setAttribute("aria-label", control.label);
  describe(handle, helpId);
  if (!handle.__smlearnValueText) {
    // noUiSlider writes aria-valuenow and a bare aria-valuetext on every move: say the unit after it.
    const say = () => {
      const text = spokenValue(handle, handle.__smlearnControl);
      if (text !== null && handle.getAttribute("aria-valuetext") !== text) { handle.setAttribute("aria-valuetext", text); }
    };
    handle.__smlearnValueText = new MutationObserver(say);
    handle.__smlearnValueText.observe(handle, { attributes: true, attributeFilter: ["aria-valuenow", "aria-valuetext"] });
  }
  handle.__smlearnControl = control;
  const text = spokenValue(handle, control);
  if (text !== null && handle.getAttribute("aria-valuetext") !== text) { handle.setAttribute("aria-valuetext", text); }
}

function helpLine(box, control, helpId) {
  // The parameter's meaning as text in the page (until now only a hover tooltip): read with the control
  // (aria-describedby) and shown under it while it has keyboard focus (frontend.css).
  let help = box.querySelector(":scope > .smlearn-help");
  if (!help) {
    help = document.createElement("div");
    help.className = "smlearn-help";
    box.appendChild(help);
  }
  help.id = helpId;
  if (help.textContent !== control.help) { help.textContent = control.help; }
}

function applyNames(explorer, model, prefix) {
  for (const control of model.get("controls") || []) {
    const box = explorer.querySelector(`.${CONTROL_CLASS}${control.name}`);
    if (!box) { continue; }
    const helpId = control.help ? `${prefix}-${control.name}-help` : null;
    if (helpId) { helpLine(box, control, helpId); }
    const handle = box.querySelector(".noUi-handle");
    if (handle) { nameSlider(handle, control, helpId); }
    const select = box.querySelector("select");
    if (select) {
      select.setAttribute("aria-label", control.label);
      describe(select, helpId);
    }
    // The number readout repeats what the handle already says, and the handle's keys (arrows,
    // PageUp/PageDown, Home/End) reach every allowed value: one Tab stop per control. A mouse
    // user can still click it and type a value.
    const readout = box.querySelector(".widget-readout");
    if (readout) {
      readout.setAttribute("tabindex", "-1");
      readout.setAttribute("aria-hidden", "true");
    }
  }
  // The caption stays one element across updates (its content is replaced), so as a polite,
  // atomic live region the new finding is read once after each move.
  const caption = explorer.querySelector(CAPTION);
  if (caption) {
    caption.setAttribute("aria-live", "polite");
    caption.setAttribute("aria-atomic", "true");
  }
  const image = explorer.querySelector(`${FIGURE} img`);
  if (image && image.getAttribute("alt") !== model.get("alt")) { image.setAttribute("alt", model.get("alt")); }
}

let explorersSeen = 0;   // ids for the help lines: unique in the page

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
  let names = null;
  let pending = 0;
  const prefix = `smlearn-${++explorersSeen}`;
  const name = () => { pending = 0; if (explorer) { applyNames(explorer, model, prefix); } };
  const nameSoon = () => { if (!pending) { pending = requestAnimationFrame(name); } };
  model.on("change:alt", name);
  model.on("change:controls", name);
  findExplorer(el, (node, column, controls) => {
    explorer = node;
    figure = column;
    name();
    names = new MutationObserver(nameSoon);   // controls rendered later, a "More settings" grid opening
    names.observe(explorer, { childList: true, subtree: true });
    explorer.addEventListener("keydown", keepKeys);
    observer = new ResizeObserver(soon);
    observer.observe(figure);
    window.addEventListener("resize", soon);   // zoom changes the pixel ratio and the window's height
    soon();
  });
  return () => {
    clearTimeout(timer);
    if (observer) { observer.disconnect(); }
    if (names) { names.disconnect(); }
    cancelAnimationFrame(pending);
    model.off("change:alt", name);
    model.off("change:controls", name);
    window.removeEventListener("resize", soon);
    if (explorer) { explorer.removeEventListener("keydown", keepKeys); }
  };
}

export default { render };
