// The class dashboard: polls the service's statistics once a second and shows them as a table.
// Plain JavaScript, no build step and nothing from another site. Students' answers are put in the
// page with textContent only, never as HTML: an answer is whatever a learner typed.
"use strict";

(function () {
  const body = document.body;
  const api = body.dataset.prefix + "api/";
  const refreshMs = Math.max(500, Number(body.dataset.refresh || 1) * 1000);
  const $ = (id) => document.getElementById(id);
  let sessions = [];
  let current = null;      // the session shown
  let shownStats = "";     // the statistics last drawn, as JSON: the table is redrawn only when they change
  let shownExperiments = "";   // the list of experiments last drawn, as JSON
  let shownLive = "";      // the chosen experiment's live numbers last drawn, as JSON
  let chosen = null;       // the experiment whose live numbers are shown
  let timer = null;

  async function call(method, path, data) {
    const init = { method: method, credentials: "same-origin", headers: { Accept: "application/json" } };
    // On a hub the page carries the hub's XSRF token: without it the hub's login cookie is not taken
    if (body.dataset.token) { init.headers["X-XSRFToken"] = body.dataset.token; }
    if (data !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(data);
    }
    const response = await fetch(api + path, init);
    let answer = null;
    try { answer = await response.json(); } catch (ignored) { answer = null; }
    if (!response.ok) {
      throw new Error((answer && answer.error) || (response.status + " " + response.statusText));
    }
    return answer;
  }

  function showError(message) {
    $("error").textContent = message ? "Problem: " + message : "";
  }

  function setSummary(text) {
    // aria-live: only a change is announced, so the same words are not written again each second
    if ($("summary").textContent !== text) { $("summary").textContent = text; }
  }

  function cell(row, text, className, header) {
    const element = document.createElement(header ? "th" : "td");
    if (header) { element.scope = "row"; }
    if (className) { element.className = className; }
    element.textContent = text;
    row.appendChild(element);
    return element;
  }

  function students(n) { return n + (n === 1 ? " student" : " students"); }

  function drawStats(stats) {
    const tbody = $("stats-body");
    tbody.replaceChildren();
    for (const q of stats.questions) {
      const row = document.createElement("tr");
      row.id = "question-" + q.question.replace(/[^A-Za-z0-9_-]/g, "-");
      cell(row, q.question + (q.lesson ? " (" + q.lesson + ")" : ""), null, true);
      cell(row, String(q.answered), "number");
      cell(row, Math.round(q.share_right_first * 100) + " % (" + q.right_first + " of " + q.answered + ")", "number");
      const wrong = cell(row, "");
      if (q.wrong_answers.length === 0) {
        wrong.textContent = "none";
      } else {
        const list = document.createElement("ul");
        list.className = "wrong";
        for (const w of q.wrong_answers) {
          const item = document.createElement("li");
          item.textContent = "\u201c" + w.answer + "\u201d: " + students(w.students);
          if (w.misconception) {
            const why = document.createElement("span");
            why.className = "misconception";
            why.textContent = w.misconception;
            item.appendChild(why);
          }
          list.appendChild(item);
        }
        wrong.appendChild(list);
      }
      tbody.appendChild(row);
    }
    if (stats.questions.length === 0) {
      const row = document.createElement("tr");
      const empty = cell(row, "No answers yet in this session.");
      empty.colSpan = 4;
      tbody.appendChild(row);
    }
  }

  // ---- experiments: the list, and the chosen one's live numbers (aggregates only, no student's name)

  const KIND_NAMES = { crowd: "Wisdom of the crowd", market: "Music market", frontpage: "Front page" };

  function number(x) {
    if (x === null || x === undefined) { return "\u2014"; }
    return Number(x).toLocaleString(undefined, { maximumFractionDigits: 2 });
  }

  function percent(x) { return x === null || x === undefined ? "\u2014" : Math.round(x * 100) + " %"; }

  function movesText(moves) {
    return Object.keys(moves).sort((a, b) => a - b).map((r) => "round " + r + ": " +
      (moves[r].moves === 0 ? "none" : moves[r].moves + (moves[r].moves === 1 ? " move" : " moves") + " by " +
        students(moves[r].students))).join("; ");
  }

  function roundText(e) {
    return e.round === 0 ? "closed" : e.round + " of " + e.rounds;
  }

  function drawExperiments(list) {
    const tbody = $("experiments-body");
    tbody.replaceChildren();
    for (const e of list) {
      const row = document.createElement("tr");
      row.id = "experiment-" + e.id;
      if (e.id === chosen) { row.setAttribute("aria-current", "true"); }
      cell(row, e.id, null, true);
      cell(row, KIND_NAMES[e.kind] || e.kind);
      cell(row, e.question);
      cell(row, roundText(e)).className = "round";
      cell(row, movesText(e.moves)).className = "moves";
      const button = document.createElement("button");
      button.type = "button";
      button.id = "experiment-show-" + e.id;
      button.textContent = e.id === chosen ? "Shown below" : "Show live numbers";
      button.setAttribute("aria-pressed", e.id === chosen ? "true" : "false");
      button.addEventListener("click", () => chooseExperiment(e.id));
      cell(row, "").appendChild(button);
      tbody.appendChild(row);
    }
    if (list.length === 0) {
      const row = document.createElement("tr");
      cell(row, "No experiment in this session yet: open one from a notebook (smlearn.classmode.experiments).")
        .colSpan = 6;
      tbody.appendChild(row);
    }
  }

  function table(id, caption, headers) {
    const element = document.createElement("table");
    element.id = id;
    const title = document.createElement("caption");
    title.textContent = caption;
    element.appendChild(title);
    const head = document.createElement("thead");
    const row = document.createElement("tr");
    for (const text of headers) {
      const th = document.createElement("th");
      th.scope = "col";
      th.textContent = text;
      row.appendChild(th);
    }
    head.appendChild(row);
    element.appendChild(head);
    const tbody = document.createElement("tbody");
    element.appendChild(tbody);
    return [element, tbody];
  }

  function numberRow(tbody, id, header, values) {
    const row = document.createElement("tr");
    row.id = id;
    cell(row, header, null, true);
    for (const value of values) { cell(row, value, "number"); }
    tbody.appendChild(row);
    return row;
  }

  function paragraph(id, text) {
    const p = document.createElement("p");
    p.id = id;
    p.textContent = text;
    return p;
  }

  function drawCrowd(live, closed) {
    const unit = live.unit ? " (" + live.unit + ")" : "";
    const [element, tbody] = table("crowd-table", "Each round's estimates" + unit + ". The errors need the truth: " +
      "they show once the experiment is closed.", ["Round", "Estimates", "Crowd's mean", "Diversity (variance)",
      "Crowd's error", "Average student's error"]);
    for (const r of Object.keys(live.rounds).sort((a, b) => a - b)) {
      const x = live.rounds[r];
      numberRow(tbody, "crowd-round-" + r, "Round " + r + (r === "1" ? " (alone)" : " (social)"),
        [String(x.students), number(x.mean), number(x.diversity), number(x.crowd_error), number(x.individual_error)]);
    }
    const parts = [element];
    if (closed) { parts.push(paragraph("crowd-truth", "The truth: " + number(live.truth) + unit + ".")); }
    return parts;
  }

  function drawMarket(live) {
    const worlds = live.worlds.map((w) => w.world === 0 ? "World 0 (independent)" : "World " + w.world + " (social)");
    const [element, tbody] = table("market-table", "Downloads of each song in each world; each world's inequality " +
      "(Gini of its market shares) and its top song's share.", ["Song", ...worlds]);
    live.songs.forEach((song, k) => {
      numberRow(tbody, "market-song-" + k, k + ". " + song, live.worlds.map((w) => String(w.counts[k])));
    });
    numberRow(tbody, "market-students", "Students", live.worlds.map((w) => String(w.students)));
    numberRow(tbody, "market-downloads", "Downloads", live.worlds.map((w) => String(w.downloads)));
    numberRow(tbody, "market-gini", "Gini", live.worlds.map((w) => number(w.gini)));
    numberRow(tbody, "market-top-share", "Top song's share", live.worlds.map((w) => percent(w.top_share)));
    return [element, paragraph("market-summary", "Gini: independent world " + number(live.gini_independent) +
      ", social worlds (mean) " + number(live.gini_social) + "; unpredictability across the social worlds " +
      number(live.unpredictability_social) + ".")];
  }

  function drawFrontPage(live, closed) {
    const [element, tbody] = table("frontpage-table", "The page as the rule \u201c" + live.rule +
      "\u201d ranks it now, with each item's votes.", ["Place", "Item", "Up", "Down"]);
    live.page.forEach((item, place) => {
      const row = document.createElement("tr");
      row.id = "frontpage-item-" + item.item;
      cell(row, String(place + 1), "number", true);
      cell(row, item.title + " [item " + item.item + "]");
      cell(row, String(item.ups), "number");
      cell(row, String(item.downs), "number");
      tbody.appendChild(row);
    });
    // Whether a ring was planted, and its size, stay off the projector until the experiment closes.
    let text = live.votes + " votes from " + live.voters + " accounts; " + live.suspecting + " lists of suspects.";
    if (closed && live.detection) {
      const d = live.detection;
      text += " The planted ring had " + live.ring_size + " accounts: " + (d.ring.join(", ") || "none voted") +
        ". On average the class caught " +
        percent(d.hit_rate) + " of the ring and wrongly named " + percent(d.false_alarm_rate) +
        " of the honest accounts; the majority named " + (d.majority.suspects.join(", ") || "nobody") +
        " (caught " + percent(d.majority.hit_rate) + ").";
    }
    return [element, paragraph("frontpage-detection", text)];
  }

  function drawLive(e) {
    $("experiment-live").hidden = false;
    $("experiment-live-heading").textContent = "Live numbers: " + (KIND_NAMES[e.kind] || e.kind) + " " + e.id;
    const closed = e.round === 0;
    const draw = { crowd: drawCrowd, market: drawMarket, frontpage: drawFrontPage }[e.kind];
    $("experiment-live-body").replaceChildren(...(draw ? draw(e.live, closed) : []));
  }

  function chooseExperiment(eid) {
    chosen = eid;
    shownExperiments = "";
    shownLive = "";
    $("experiment-live-body").replaceChildren();
    $("experiment-live-summary").textContent = "Loading " + eid + "\u2026";
    $("experiment-live").hidden = false;
    if (timer !== null) { clearTimeout(timer); timer = null; }
    poll();
  }

  async function pollExperiments(sid) {
    const base = "sessions/" + encodeURIComponent(sid);
    const list = (await call("GET", base + "/experiment-stats")).experiments;
    if (sid !== current) { return; }
    if (chosen !== null && !list.some((e) => e.id === chosen)) { chosen = null; $("experiment-live").hidden = true; }
    const text = JSON.stringify([list, chosen]);
    if (text !== shownExperiments) { drawExperiments(list); shownExperiments = text; }
    const moves = list.reduce((n, e) => n + Object.values(e.moves).reduce((m, r) => m + r.moves, 0), 0);
    const said = list.length === 0 ? "No experiment in this session yet." :
      list.length + (list.length === 1 ? " experiment, " : " experiments, ") + moves + " moves in all.";
    if ($("experiments-summary").textContent !== said) { $("experiments-summary").textContent = said; }
    if (chosen === null) { return; }
    const eid = chosen;
    const live = await call("GET", base + "/experiments/" + encodeURIComponent(eid) + "/stats");
    if (sid !== current || eid !== chosen) { return; }
    const liveText = JSON.stringify(live);
    if (liveText !== shownLive) { drawLive(live); shownLive = liveText; }
    const summary = roundText(live) === "closed" ? "Closed; " + movesText(live.moves) + "." :
      "Round " + roundText(live) + " open; " + movesText(live.moves) + ".";
    if ($("experiment-live-summary").textContent !== summary) { $("experiment-live-summary").textContent = summary; }
  }

  async function poll() {
    timer = null;
    if (current === null) { return; }
    const sid = current;
    try {
      const stats = await call("GET", "sessions/" + encodeURIComponent(sid) + "/stats");
      if (sid !== current) { return; }          // the instructor picked another session meanwhile
      const text = JSON.stringify(stats.questions);
      if (text !== shownStats) { drawStats(stats); shownStats = text; }
      setSummary(students(stats.students) + ", " + stats.records + " answers, " + stats.questions.length +
                 " questions answered in " + sessionLabel(sessionById(sid)) + ".");
      await pollExperiments(sid);
      if (sid !== current) { return; }
      $("updated").textContent = "Updated at " + new Date().toLocaleTimeString() + ".";
      showError("");
    } catch (error) {
      showError(error.message + " (trying again)");
    } finally {
      if (sid === current) { schedule(); }
    }
  }

  function schedule() {
    if (timer === null && !document.hidden) { timer = setTimeout(poll, refreshMs); }
  }

  function sessionById(sid) { return sessions.find((s) => s.id === sid) || null; }

  function sessionLabel(session) {
    return session ? session.name + " [" + session.id + "]" : "no session";
  }

  function showSession() {
    const session = sessionById(current);
    const toggle = $("session-toggle");
    const link = $("export-csv");
    toggle.disabled = session === null;
    $("session-clear").disabled = session === null;
    $("session-id").textContent = session ? session.id : "(none yet)";
    $("session-state").textContent = session ? (session.open ? "open: taking answers" : "closed: takes no answers") : "";
    toggle.textContent = session && !session.open ? "Reopen this session" : "Close this session";
    if (session) {
      link.href = api + "sessions/" + encodeURIComponent(session.id) + "/records.csv";
      link.removeAttribute("aria-disabled");
    } else {
      link.href = "#";
      link.setAttribute("aria-disabled", "true");
    }
  }

  async function loadSessions(pick) {
    sessions = (await call("GET", "sessions")).sessions;
    const select = $("session-select");
    select.replaceChildren();
    for (const s of sessions) {
      const option = document.createElement("option");
      option.value = s.id;
      option.textContent = sessionLabel(s) + (s.open ? "" : " (closed)");
      select.appendChild(option);
    }
    const chosen = pick || current || (sessions.find((s) => s.open) || sessions[0] || {}).id || null;
    choose(chosen);
    if (sessions.length === 0) { setSummary("No session yet: open one, and give its id to the class."); }
  }

  function choose(sid) {
    if (timer !== null) { clearTimeout(timer); timer = null; }
    current = sid;
    shownStats = "";
    shownExperiments = "";
    shownLive = "";
    chosen = null;
    $("stats-body").replaceChildren();
    $("experiments-body").replaceChildren();
    $("experiment-live").hidden = true;
    if (sid !== null) { $("session-select").value = sid; }
    showSession();
    poll();
  }

  async function act(what) {
    try { await what(); showError(""); } catch (error) { showError(error.message); }
  }

  $("session-select").addEventListener("change", (event) => choose(event.target.value));
  $("session-toggle").addEventListener("click", () => act(async () => {
    const session = sessionById(current);
    if (!session) { return; }
    await call("PATCH", "sessions/" + encodeURIComponent(session.id), { open: !session.open });
    await loadSessions(session.id);
  }));
  // Clearing deletes every answer and move of the session for good: the instructor confirms first.
  $("session-clear").addEventListener("click", () => act(async () => {
    const session = sessionById(current);
    if (!session) { return; }
    if (!window.confirm("Delete every answer and experiment move of " + sessionLabel(session) +
                        "? The session and its experiments stay; what the class sent cannot be brought back.")) {
      return;
    }
    const cleared = await call("DELETE", "sessions/" + encodeURIComponent(session.id));
    $("session-message").textContent = "Cleared " + sessionLabel(session) + ": " + cleared.deleted +
      " answers and moves deleted.";
    // Everything is drawn again from the (now empty) session; the experiment shown stays chosen.
    shownStats = "";
    shownExperiments = "";
    shownLive = "";
    if (timer !== null) { clearTimeout(timer); timer = null; }
    poll();
  }));
  $("session-new").addEventListener("click", () => act(async () => {
    const name = $("session-name").value.trim();
    const made = await call("POST", "sessions", name ? { name: name } : {});
    $("session-name").value = "";
    await loadSessions(made.id);
  }));
  // A hidden tab does not poll; it catches up as soon as it is shown again.
  document.addEventListener("visibilitychange", () => { if (!document.hidden) { schedule(); } });

  act(() => loadSessions(null));
})();
