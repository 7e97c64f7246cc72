"""Class experiments in a lesson cell: show the question, take a student's move, send it, show the class's numbers.

The kernel's side of :mod:`smlearn.classmode.kinds`. Off, and silent, unless class mode is on
(:func:`smlearn.classmode.join`, or the environment: :mod:`smlearn.classmode.send`): then no
socket is opened and no file is written, and the cell says that class mode is off.

The instructor runs the experiment from a notebook joined with the instructor's code (or, on a
hub, as a member of the instructors group): :func:`open_experiment`, :func:`open_round` and
:func:`results` wait for the service's answer and raise if it refuses.

The wisdom of the crowd, as a lesson cell runs it (the instructor gives the experiment's id)::

    from smlearn.classmode import experiments
    jar = experiments.crowd("x4k9q")     # shows the question; in round 2, the others' round-1 estimates
    jar.estimate(950)                    # sends the estimate for the open round
    jar                                  # look again later: in round 2, or the truth once it closes

The class music market and the class front page run the same way::

    songs = experiments.market("x7p2m")      # the songs; in a social world, your world's downloads
    songs.download(3)                        # as many songs as you like, each once
    page = experiments.front_page("x9k3t")   # the page, ranked by the instructor's rule
    page.vote(2, 1)                          # up (1) or down (-1), each item once
    page.look()                              # in the detection round: who voted for what, under labels
    page.suspect("a03", "a11")               # the accounts you think vote as a ring

Sending works as for the answers (:mod:`smlearn.classmode.send`): :meth:`Crowd.estimate` only
appends a line to an outbox beside the progress file (``.smlearn-class-moves.jsonl``) and wakes a
background thread, which sends what the service has not acknowledged; a network error keeps the
move, which is sent again after a pause that doubles from 5 s to 5 minutes; the move's id makes a
second sending harmless. A move the service refuses (a round already closed, a second move in a
round, an estimate out of range) is not sent again, and :func:`move_status` says why. Looking
at the class's numbers asks the service once, with a short timeout; without an answer the cell
says so, and an estimate can still be sent for a round named by hand (``round=2``).

Examples
--------
>>> jar = crowd("x4k9q")        # class mode is off here: nothing is asked or sent
>>> print(jar)
Class mode is off: join your class first (smlearn.classmode.join); nothing is sent.
>>> jar.estimate(950)
'Class mode is off: your estimate stays on this machine.'
"""

from __future__ import annotations

import json
import logging
import re
import threading
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import numpy as np
import pandas as pd

from smlearn.classmode import _outbox, send
from smlearn.models import class_markets, class_votes, estimates
from smlearn.params import check_number, check_table, check_text

__all__ = ["Crowd", "crowd", "Market", "market", "FrontPage", "front_page", "send_moves", "move_status",
           "open_experiment", "open_round", "plant_vote", "results", "crowd_data", "market_data",
           "front_page_data", "MOVES_NAME", "LOOK_TIMEOUT"]

log = logging.getLogger(__name__)

MOVES_NAME = ".smlearn-class-moves.jsonl"   # every move made while class mode was on; done ids go to send.DONE_NAME
LOOK_TIMEOUT = 5.0          # seconds a look at the class's numbers may take: the learner waits for it
_EXPERIMENT_ID = send.SESSION_ID     # the service makes experiment ids like session ids
_RESULTS: dict[str, str] = {}        # move id -> what the service said of a refused move


def _experiment_url(link: send.Link, experiment: str) -> str:
    return f"{link.url}api/sessions/{link.session}/experiments/{experiment}"


def _request(url: str, link: send.Link, body: dict | None, timeout: float, method: str | None = None):
    data = None if body is None else json.dumps(body).encode("utf-8")
    headers = {"Authorization": link.authorization}
    if data is not None:
        headers["Content-Type"] = "application/json"
    method = method or ("GET" if data is None else "POST")
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.loads(response.read())


# ---- the outbox of moves

def _queue(link: send.Link, experiment: str, move: dict) -> Path | None:
    folder = _outbox.outbox_folder()
    if folder is None:
        return None
    line = json.dumps({"url": link.url, "session": link.session, "experiment": experiment, "move": move}) + "\n"
    _outbox.append(folder / MOVES_NAME, line)
    return folder


def _waiting(folder: Path) -> list[dict]:
    """The outbox's moves not yet acknowledged or refused, oldest first (each line as written)."""
    try:
        text = (folder / MOVES_NAME).read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    done, seen, waiting = _outbox.done_ids(folder), set(), []
    for line in text.splitlines():
        try:
            item = json.loads(line)
            move_id = item["move"]["id"]
        except (json.JSONDecodeError, TypeError, KeyError):
            continue       # a line cut short by a crash
        if move_id not in done and move_id not in seen:
            seen.add(move_id)
            waiting.append(item)
    return waiting


def send_moves(folder=None, *, timeout: float = send.TIMEOUT) -> dict:
    """Send the outbox's waiting moves for the active link now, in this thread; return what happened.

    Returns
    -------
    dict
        ``sent``, ``refused`` (not sent again: :func:`move_status` says why), ``waiting``, and
        ``error`` (why sending stopped, or None).
    """
    timeout = check_number("timeout", timeout, 0, 600, unit="seconds", low_open=True)
    folder = _outbox.outbox_folder(folder)
    link = send.active_link()
    outcome = {"sent": 0, "refused": 0, "waiting": 0, "error": None}
    if link is None or folder is None:
        return outcome
    with _outbox.folder_lock(folder):
        mine = [item for item in _waiting(folder) if (item["url"], item["session"]) == link.target]
        for item in mine:
            move = item["move"]
            try:
                _request(_experiment_url(link, item["experiment"]) + "/moves", link, move, timeout)
                _outbox.mark(folder, [move], "acknowledged")
                outcome["sent"] += 1
            except urllib.error.HTTPError as error:
                message = f"{error.code} {_outbox.message(error)}"
                if error.code in (400, 409, 413):       # the service checked this move and will never take it
                    _outbox.mark(folder, [move], "refused")
                    _RESULTS[move["id"]] = message
                    outcome["refused"] += 1
                    log.warning("the class service refused your move in round %s (%s); it is not sent again",
                                move.get("round"), message)
                    continue
                outcome["error"] = message            # a refused link, or the service busy: try later
                break
            except (OSError, ValueError) as error:    # unreachable, timed out, an answer that is not JSON
                outcome["error"] = str(error) or type(error).__name__
                break
        outcome["waiting"] = len(mine) - outcome["sent"] - outcome["refused"]
    return outcome


class _MoveSender:
    """A daemon thread per outbox: sends when woken and retries after a pause that doubles (as send._Sender)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.wake = threading.Event()
        self.thread = threading.Thread(target=self._run, name=f"smlearn-class-moves {folder.name}", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        pause = None
        while True:
            self.wake.wait(pause)
            self.wake.clear()
            if send.active_link() is None:
                return
            try:
                outcome = send_moves(self.folder)
            except Exception:   # a bug here must not reach the learner
                log.exception("class mode: sending a move failed")
                outcome = {"waiting": 1, "error": "unexpected"}
            if outcome["waiting"] and outcome["error"]:
                pause = send.FIRST_PAUSE if pause is None else min(2 * pause, send.LONGEST_PAUSE)
            else:
                pause = None


_senders: dict[Path, _MoveSender] = {}
_lock = threading.Lock()


def _wake(folder: Path) -> None:
    with _lock:
        sender = _senders.get(folder)
        if sender is None or not sender.thread.is_alive():
            sender = _senders[folder] = _MoveSender(folder)
    sender.wake.set()


def move_status(move_id: str) -> str:
    """Whether the move ``move_id`` (what :meth:`Crowd.estimate` made) is waiting, sent or refused, and why."""
    check_text("move_id", move_id)
    folder = _outbox.outbox_folder()
    if folder is None:
        return "Class mode keeps no outbox here (SMLEARN_PROGRESS is off)."
    if move_id in _RESULTS:
        return f"The class service refused it: {_RESULTS[move_id]}."
    if any(item["move"]["id"] == move_id for item in _waiting(folder)):
        return "It is waiting to be sent."
    if move_id in _outbox.done_ids(folder):
        return "The class service has it."
    return "No move has that id here."


# ---- the wisdom of the crowd

def _number(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 100 or value == int(value) else f"{value:,.3g}"


def _bars(histogram: dict, unit: str) -> list[str]:
    """A histogram as lines of text: one bar of # per student, each bin labelled by its edges."""
    edges, counts = histogram.get("edges", []), histogram.get("counts", [])
    return [f"  {_number(low):>10} to {_number(high):<10} {'#' * count} {count}"
            for low, high, count in zip(edges, edges[1:], counts)] + ([f"  ({unit})"] if unit else [])


class _Cell:
    """What every experiment's cell shares: the experiment's id, a look, a move sent."""

    def __init__(self, experiment: str):
        check_text("experiment", experiment)
        # With class mode off nothing is asked, so a lesson's placeholder ("ask your instructor") runs too.
        if send.active_link() is not None and not _EXPERIMENT_ID.fullmatch(experiment.strip()):
            raise ValueError(f"experiment must be the id your instructor gives (lower-case letters, digits or -); "
                             f"got {experiment!r}")
        self.experiment = experiment.strip()
        self.view: dict | None = None      # what the service said at the last look
        self.problem: str | None = None    # why the last look failed
        self.sent: list[str] = []          # the ids of the moves made here
        self.look()

    def look(self):
        """Ask the service what this student may see now."""
        link = send.active_link()
        if link is None:
            self.view, self.problem = None, None
            return self
        try:
            self.view, self.problem = _request(_experiment_url(link, self.experiment), link, None, LOOK_TIMEOUT), None
        except urllib.error.HTTPError as error:
            self.problem = f"the class service said {error.code}: {_outbox.message(error)}"
        except (OSError, ValueError) as error:
            self.problem = f"the class service did not answer ({error or type(error).__name__})"
        return self

    def _round(self, round, what: str) -> int | str:
        """The round to send in (``round``, or the open one), or a sentence saying why nothing is sent."""
        if round is None:
            # The round open now, not the one open when the cell was last shown: the instructor may have
            # opened the next since, and a move for a closed round is refused and never sent again.
            self.look()
            if self.view is None:
                raise ValueError(f"round must be given: the class service did not say which round is open "
                                 f"({self.problem}); ask your instructor, then {what}(..., round=N)")
            round = self.view["round"]
            if round == 0:
                return "The experiment is closed: nothing is taken now. Show it to see how the class did."
        return check_number("round", round, 1, 5, integer=True)

    def _send(self, fields: dict, round: int, done: str) -> str:
        link = send.active_link()
        move = {"id": uuid.uuid4().hex, "round": round, **fields}
        try:
            folder = _queue(link, self.experiment, move)
        except OSError as error:
            return f"Your move could not be kept for sending ({error}); tell your instructor."
        if folder is None:
            return "Class mode is on, but SMLEARN_PROGRESS is off: no outbox is kept, so nothing is sent."
        self.sent.append(move["id"])
        _wake(folder)
        return done

    def _header(self) -> str | None:
        """What to show instead of the view, if there is no view."""
        if send.active_link() is None:
            return "Class mode is off: join your class first (smlearn.classmode.join); nothing is sent."
        if self.view is None:
            return f"Experiment {self.experiment}: {self.problem}. Try again with .look()."
        return None

    def __repr__(self) -> str:
        return str(self)


class Crowd(_Cell):
    """The wisdom-of-the-crowd experiment, as one student sees it. Make it with :func:`crowd`.

    Show it (the last line of a cell) to see the question and the class's numbers;
    :meth:`estimate` sends this student's estimate; :meth:`look` asks the service again.
    """

    def estimate(self, value, *, round: int | None = None) -> str:
        """Send ``value`` as this student's estimate for the open round (or for ``round``); say what happened.

        Without ``round`` it first asks the service which round is open now (:meth:`look`, at most
        :data:`LOOK_TIMEOUT` seconds): the instructor may have opened the next one since the cell
        was shown, and a move for a closed round is refused and never sent again. Without an
        answer it takes the round of the last look. Then it returns at once: the estimate goes
        through the outbox. Raises ValueError for a value that is not a finite number, or when
        the round is not known (the service never answered: name it, ``round=2``).
        """
        value = check_number("value", value)
        if send.active_link() is None:
            return "Class mode is off: your estimate stays on this machine."
        round = self._round(round, "estimate")
        if isinstance(round, str):
            return round
        return self._send({"estimate": int(value) if value == int(value) else value}, round,
                          f"Your estimate {_number(value)} for round {round} is on its way to the class.")

    def __str__(self) -> str:
        if send.active_link() is None:
            return "Class mode is off: join your class first (smlearn.classmode.join); nothing is sent."
        if self.view is None:
            return f"Experiment {self.experiment}: {self.problem}. Try again with .look()."
        v, unit = self.view, self.view.get("unit", "")
        lines = [v["question"], ""]
        if v["round"] == 0:
            lines.append(f"The experiment is closed. The truth: {_number(v['truth'])} {unit}".rstrip())
            for r, numbers in sorted(v.get("class", {}).items()):
                if "mean" not in numbers:
                    lines.append(f"Round {r}: {numbers['students']} estimates (too few to show).")
                    continue
                if "diversity" not in numbers:     # a small class: its spread would give away estimates
                    lines += [f"Round {r}: {numbers['students']} estimates; the crowd's mean "
                              f"{_number(numbers['mean'])} (too few students to show their spread).",
                              *_bars(numbers["histogram"], unit)]
                    continue
                lines.append(f"Round {r}: {numbers['students']} estimates; the crowd's mean {_number(numbers['mean'])}"
                             f", its error {_number(numbers['crowd_error'])}; the average student's error "
                             f"{_number(numbers['individual_error'])}; diversity (variance) "
                             f"{_number(numbers['diversity'])}.")
        else:
            social = "" if v["round"] == 1 else " (the social round)"
            lines.append(f"Round {v['round']} of {v['rounds']} is open{social}. "
                         f"Estimates from {_number(v['low'])} to {_number(v['high'])} {unit}.".rstrip())
            others = v.get("others")
            if others is not None and "mean" in others:
                lines += [f"The other {others['students']} students' estimates in round {others['round']}: "
                          f"their mean is {_number(others['mean'])}.", *_bars(others["histogram"], unit)]
            elif others is not None:
                lines.append(f"Only {others['students']} other students estimated in round {others['round']}: "
                             "too few to show.")
        if v.get("yours"):
            lines.append("Yours: " + ", ".join(f"round {r}: {_number(x)}" for r, x in sorted(v["yours"].items())))
        return "\n".join(lines)

    __repr__ = __str__


def crowd(experiment: str) -> Crowd:
    """The wisdom-of-the-crowd experiment ``experiment`` (the id your instructor gives), as you see it now."""
    return Crowd(experiment)


# ---- the class music market and the class front page

class Market(_Cell):
    """The class music market, as one student sees it. Make it with :func:`market`.

    Show it to see the songs (in a social world, with how many in your world downloaded each,
    most downloaded first); :meth:`download` a song you like, by its number or its name, as
    many songs as you like, each once.
    """

    def download(self, song, *, round: int | None = None) -> str:
        """Download ``song`` (its number, or its name as shown); say what happened. Returns at once."""
        if send.active_link() is None:
            return "Class mode is off: your download stays on this machine."
        songs = (self.view or {}).get("songs", [])
        if isinstance(song, str):
            if song.strip() not in songs:
                raise ValueError(f"song must be a song's number or one of the names shown {songs}; got {song!r}")
            song = songs.index(song.strip())
        song = check_number("song", song, 0, max(len(songs), 30) - 1, integer=True)
        round = self._round(round, "download")
        if isinstance(round, str):
            return round
        name = f"{song} ({songs[song]})" if song < len(songs) else str(song)
        return self._send({"song": song}, round, f"Your download of song {name} is on its way to the class.")

    def __str__(self) -> str:
        header = self._header()
        if header:
            return header
        v = self.view
        lines = [v["question"], ""]
        yours = set(v.get("yours", []))
        if v["round"] == 0:
            lines.append("The market is closed. Each world's downloads:")
            for world in v.get("class", []):
                name = "independent (songs only)" if world["world"] == 0 else f"social world {world['world']}"
                top = world.get("top_song")
                hit = "" if top is None else f" {top} ({v['songs'][top]})"
                gini = "" if world["gini"] is None else (f", Gini {world['gini']:.2f}, top song{hit} with "
                                                         f"{world['top_share']:.0%} of the downloads")
                lines.append(f"  {name}: {world['students']} students, {world['downloads']} downloads{gini}")
            you = "the independent world" if v["world"] == 0 else f"social world {v['world']}"
            lines.append(f"You were in {you}." if v.get("world") is not None else "")
        else:
            if v.get("world") is None:
                lines.append("You are not in a world yet (instructors join one by downloading).")
            elif v["social"]:
                lines.append(f"You are in social world {v['world']}: the numbers are how many in your world "
                             "downloaded each song.")
            else:
                lines.append("You are in the independent world: you see the songs only.")
            counts = v.get("downloads")
            # The student's own order of the songs (shuffled by the service), then, in a social world, by downloads.
            order = v.get("order") or range(len(v["songs"]))
            order = sorted(order, key=lambda i: -counts[i]) if counts else order
            for i in order:
                count = f"{counts[i]:>4} downloads  " if counts else ""
                lines.append(f"  {i:>2}. {count}{v['songs'][i]}{'   (yours)' if i in yours else ''}")
            lines.append("Download with .download(NUMBER); as many songs as you like, each once.")
        return "\n".join(line for line in lines if line is not None).rstrip()


def market(experiment: str) -> Market:
    """The class music market ``experiment`` (the id your instructor gives), as you see it now."""
    return Market(experiment)


class FrontPage(_Cell):
    """The class front page, as one student sees it. Make it with :func:`front_page`.

    Show it to see the page, ranked by the instructor's rule from the class's votes;
    :meth:`vote` on an item (1 up, -1 down), each once. In the detection round it shows who
    voted for what under made-up labels, and :meth:`suspect` names the accounts you think are a ring.
    """

    def vote(self, item, vote: int = 1, *, round: int | None = None) -> str:
        """Vote ``item`` (its number) up (1) or down (-1); say what happened. Returns at once."""
        if send.active_link() is None:
            return "Class mode is off: your vote stays on this machine."
        item = check_number("item", item, 0, 29, integer=True)
        if isinstance(vote, bool) or vote not in (1, -1):
            raise ValueError(f"vote must be 1 (up) or -1 (down); got {vote!r}")
        round = self._round(round, "vote")
        if isinstance(round, str):
            return round
        word = "up" if vote == 1 else "down"
        return self._send({"item": item, "vote": vote}, round, f"Your vote {word} on item {item} is on its way.")

    def suspect(self, *accounts: str, round: int | None = None) -> str:
        """Name the accounts you suspect of voting as a ring (labels such as "a03"); none names nobody."""
        if send.active_link() is None:
            return "Class mode is off: your suspects stay on this machine."
        for account in accounts:
            if not isinstance(account, str) or not re.fullmatch(r"a\d{2,3}", account):
                raise ValueError(f"accounts must be labels as shown, such as 'a03'; got {account!r}")
        round = self._round(round, "suspect")
        if isinstance(round, str):
            return round
        names = ", ".join(accounts) or "nobody"
        return self._send({"suspects": sorted(set(accounts))}, round, f"Your suspects ({names}) are on their way.")

    def __str__(self) -> str:
        header = self._header()
        if header:
            return header
        v = self.view
        yours = v.get("yours", {})
        lines = [v["question"], "", f"The page, ranked by the rule {v['rule']!r}:"]
        for place, row in enumerate(v["page"], 1):
            mine = yours.get(str(row["item"]))
            mark = "" if mine is None else f"   (you: {'up' if mine == 1 else 'down'})"
            lines.append(f"  {place:>2}. +{row['ups']} -{row['downs']}  {row['title']}  [item {row['item']}]{mark}")
        if "accounts" in v:
            you = f"; you are {v['you']}" if v.get("you") else ""
            lines += ["", f"Who voted for what (each voter under a made-up label{you}):"]
            for label, votes in v["accounts"].items():
                lines.append(f"  {label}: up {votes['up'] or '-'}  down {votes['down'] or '-'}")
        if v["round"] == 1:
            lines.append("Vote with .vote(ITEM, 1) or .vote(ITEM, -1); each item once.")
        elif v["round"] == 2:
            lines.append("Voting is over. Name the accounts you think vote as a ring: .suspect('a03', 'a11')")
            if "your_suspects" in v:
                lines.append(f"Your suspects: {', '.join(v['your_suspects']) or 'nobody'}")
        else:
            ring = ", ".join(v.get("ring", [])) or "none: no ring was planted"
            found = v.get("detection", {})
            lines.append(f"Closed. The ring's accounts: {ring}.")
            if found.get("hit_rate") is not None:
                lines.append(f"{found['students']} of you named suspects: on average you caught "
                             f"{found['hit_rate']:.0%} of the ring and wrongly named {found['false_alarm_rate']:.0%} "
                             "of the honest accounts.")
        return "\n".join(lines)


def front_page(experiment: str) -> FrontPage:
    """The class front page ``experiment`` (the id your instructor gives), as you see it now."""
    return FrontPage(experiment)


# ---- the instructor's side

def _instructor_call(path: str, body: dict | None = None, method: str | None = None) -> dict:
    link = send.active_link()
    if link is None:
        raise ValueError("class mode is off: join the class with the instructor's code first (smlearn.classmode.join)")
    url = f"{link.url}api/sessions/{link.session}/experiments{path}"
    try:
        return _request(url, link, body, send.TIMEOUT, method)
    except urllib.error.HTTPError as error:
        raise ValueError(f"the class service refused ({error.code}): {_outbox.message(error)}") from None


def open_experiment(kind: str = "crowd", **settings) -> dict:
    """Open an experiment in the joined session (instructors only); return it, with its ``id`` for the class.

    ``settings`` are the kind's (:mod:`smlearn.classmode.kinds`); for ``"crowd"``: ``question``,
    ``truth``, and optionally ``rounds`` (2), ``low`` (0), ``high`` (1,000,000) and ``unit``; for
    ``"market"``: ``songs`` (5 to 30 names) and ``worlds`` (social worlds, 1 to 8); for
    ``"frontpage"``: ``items`` (3 to 30 titles), ``rule`` and ``ring`` (planted accounts, 0 to 20).
    """
    check_text("kind", kind)
    return _instructor_call("", {"kind": kind, **settings})


def open_round(experiment: str, round: int) -> dict:
    """Open round ``round`` of ``experiment`` (instructors only; 0 closes it and shows everyone the truth)."""
    check_text("experiment", experiment)
    round = check_number("round", round, 0, 5, integer=True)
    return _instructor_call(f"/{experiment}", {"round": round}, "PATCH")


def plant_vote(experiment: str, account: str, item: int, vote: int = 1) -> dict:
    """Cast a vote of the planted ring (instructors only): ``account`` is ``"ring-1"`` to ``"ring-N"``.

    Sent at once, not through the outbox: the instructor sees at once whether the service took it.
    """
    check_text("experiment", experiment)
    check_text("account", account)
    item = check_number("item", item, 0, 29, integer=True)
    if isinstance(vote, bool) or vote not in (1, -1):
        raise ValueError(f"vote must be 1 (up) or -1 (down); got {vote!r}")
    move = {"id": f"{account}-{item}", "round": 1, "item": item, "vote": vote, "user": account}
    return _instructor_call(f"/{experiment}/moves", move)


def results(experiment: str) -> dict:
    """Every move of ``experiment`` with its student, and the analysis (instructors only)."""
    check_text("experiment", experiment)
    return _instructor_call(f"/{experiment}/results")


# ---- the class's data for a lesson's figure, or a SIMULATED class

def _class_results(experiment: str) -> tuple[dict | None, str]:
    """The experiment's results if this notebook may read them, else None and why not."""
    check_text("experiment", experiment)
    if send.active_link() is None:
        return None, "class mode is off"
    if not _EXPERIMENT_ID.fullmatch(experiment.strip()):
        return None, f"{experiment!r} is not an experiment's id (ask your instructor for it)"
    try:
        return results(experiment.strip()), ""
    except ValueError as error:
        if "(403)" in str(error):
            return None, "only the instructor's notebook reads every student's moves"
        return None, str(error)


def crowd_data(experiment: str, *, example: estimates.Rounds) -> dict:
    """The class's two rounds of estimates for a figure, or, if this notebook cannot read them, ``example``.

    Parameters
    ----------
    experiment : str
        The crowd experiment's id (any text with class mode off).
    example : estimates.Rounds
        A SIMULATED class (:func:`smlearn.models.estimates.simulate`), shown instead.

    Returns
    -------
    dict
        ``first``, ``second`` (each student's estimates, in one order), ``truth``, ``unit``,
        ``source`` (the class's, or a label saying SIMULATED) and ``why`` (why the example, or "").

    Examples
    --------
    >>> found = crowd_data("ask your instructor", example=estimates.simulate(students=10, seed=1))
    >>> found["source"], found["why"]
    ('a SIMULATED class (estimates.simulate: 10 students, alpha 0.3, seed 1), not yours', 'class mode is off')
    """
    if not isinstance(example, estimates.Rounds):
        raise TypeError(f"example must be a simulated class from estimates.simulate; got {type(example).__name__}")
    found, why = _class_results(experiment)
    if found is not None:
        social = found.get("social")
        if social is None:
            why = "fewer than two students estimated in both rounds"
        else:
            return {"first": list(social["first"]), "second": list(social["second"]), "truth": found["spec"]["truth"],
                    "unit": found["spec"].get("unit", ""), "why": "",
                    "source": f"your class ({len(social['first'])} students in both rounds)"}
    p = example.params
    return {"first": example.first.tolist(), "second": example.second.tolist(), "truth": example.truth, "unit": "",
            "why": why, "source": f"a SIMULATED class (estimates.simulate: {p['students']} students, "
                                  f"alpha {p['alpha']}, seed {p['seed']}), not yours"}


def market_data(experiment: str, *, example) -> dict:
    """The class market's downloads for a figure, or, if this notebook cannot read them, ``example``.

    ``example`` is a SIMULATED class's table of downloads, worlds x songs, the independent
    world first (:func:`smlearn.models.class_markets.example_downloads`). Returns a dict:
    ``downloads``, ``source`` and ``why`` (as :func:`crowd_data`).

    Examples
    --------
    >>> found = market_data("ask your instructor", example=[[3, 2, 2, 1, 2], [9, 1, 0, 0, 1], [0, 1, 8, 1, 0]])
    >>> found["source"]
    'a SIMULATED class market (3 worlds, 5 songs, 31 downloads), not yours'
    """
    try:
        class_markets.measure_worlds(example)      # refuses anything but a table of worlds x songs
    except ValueError as error:
        raise ValueError(f"example {error}") from None
    table = np.asarray(example, dtype=float)
    found, why = _class_results(experiment)
    if found is not None:
        if sum(map(sum, found["downloads"][1:])) and sum(found["downloads"][0]):
            worlds = len(found["downloads"])
            return {"downloads": found["downloads"], "why": "",
                    "source": f"your class ({worlds} worlds, {int(np.sum(found['downloads']))} downloads)"}
        why = "the class's independent or social worlds have no downloads yet"
    return {"downloads": table.astype(int).tolist(), "why": why,
            "source": f"a SIMULATED class market ({table.shape[0]} worlds, {table.shape[1]} songs, "
                      f"{int(table.sum())} downloads), not yours"}


def front_page_data(experiment: str, *, example: pd.DataFrame) -> dict:
    """Who up-voted what on the class front page, the ring once shown and the guesses, or ``example``.

    The instructor's notebook reads every vote and every student's suspects; a student's reads
    what the detection round shows them (the votes under labels, the ring once the round closes).
    Before that, or with class mode off, it gives the SIMULATED ``example``
    (:func:`smlearn.models.class_votes.example_votes`), whose ring it shows.

    Returns
    -------
    dict
        ``ups`` (label -> up-voted items), ``ring`` (labels, or None while hidden), ``guesses``
        (each student's suspects, as far as this notebook may see them), ``source`` and ``why``.

    Examples
    --------
    >>> found = front_page_data("ask your instructor", example=class_votes.example_votes(seed=3))
    >>> found["source"], found["ring"]
    ('a SIMULATED class front page (20 honest students and a ring of 4), not yours', ['a08', 'a12', 'a18', 'a20'])
    """
    check_table("example", example, ("label", "item", "vote", "ring"), what="a simulated class's votes")
    found, why = _class_results(experiment)
    if found is not None and found.get("votes"):
        students = found["detection"]["students"]
        return {"ups": class_votes.up_votes(found["votes"]), "ring": list(found["detection"]["ring"]),
                "guesses": [student["suspects"] for student in students], "why": "",
                "source": f"your class ({len(students)} students named suspects)"}
    if found is None and why == "only the instructor's notebook reads every student's moves":
        view = front_page(experiment).view or {}
        if "accounts" in view:
            ups = {label: list(votes["up"]) for label, votes in view["accounts"].items()}
            return {"ups": ups, "ring": view.get("ring"), "guesses": [], "why": "",
                    "source": "your class (the votes under labels" + (", the ring shown)" if "ring" in view
                                                                      else "; the ring is shown when it closes)")}
        why = "the class's votes are shown from the detection round on"
    elif found is not None:
        why = "nobody has voted yet"
    ring = sorted(example.loc[example["ring"].astype(bool), "label"].astype(str).unique())
    honest = example["label"].nunique() - len(ring)
    return {"ups": class_votes.up_votes(example), "ring": ring, "guesses": [], "why": why,
            "source": f"a SIMULATED class front page ({honest} honest students and a ring of {len(ring)}), not yours"}
