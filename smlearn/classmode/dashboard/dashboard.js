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
    $("stats-body").replaceChildren();
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
