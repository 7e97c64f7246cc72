"""The kinds of experiment a class runs on itself: what an instructor opens, what a student sends, what each sees.

An experiment lives in a class session. The instructor opens it with its kind and settings
(``POST api/sessions/<sid>/experiments``), and it runs in numbered rounds: round 1 is open at
once, the instructor opens the next (``PATCH ... {"round": 2}``) and closes it (``{"round": 0}``).
A student sends one *move* per round::

    {"id": "k7f3-0001", "round": 1, "estimate": 950}

``id`` is the kernel's own (a move sent again is stored once), ``round`` must be the open round,
and the other fields are the kind's (here ``estimate``). A move is checked whole before it is
stored: any wrong field refuses it, with a message that says what is allowed (:class:`Refused`).

Each kind is a :class:`Kind`: it checks its settings and its moves, and it says what a student
sees (aggregates only, never a name or another student's move) and what the instructor sees
(everything). The service knows nothing of a kind but this interface, so each experiment is a
kind in :data:`KINDS` and nothing else. A kind may take several moves a round, one per *slot*
(:meth:`Kind.slot`: the song downloaded, the item voted on), other fields in another round
(:meth:`Kind.move_fields`), split the class into groups for good (:meth:`Kind.groups`) and let an
instructor move as planted accounts (:meth:`Kind.stand_ins`).

- :class:`Crowd` (``"crowd"``): the wisdom of the crowd. Everyone estimates a quantity; in the
  social round (2 and after) each student first sees the others' estimates of the round before
  as a mean and a histogram; when the instructor closes it, everyone sees the truth and the
  class's crowd error and diversity in each round (:mod:`smlearn.models.estimates`).
- :class:`~smlearn.classmode.market.Market` (``"market"``): a class music market after MusicLab,
  an independent world and social worlds that show download counts (:mod:`smlearn.classmode.market`).
- :class:`~smlearn.classmode.frontpage.FrontPage` (``"frontpage"``): a class front page ranked by
  a ranking rule, with a planted vote ring the class tries to detect (:mod:`smlearn.classmode.frontpage`).

What a student sees is sized so that nobody can work out a classmate's estimate from it: nothing
of a round until at least :data:`MIN_OTHERS` *other* students sent (the viewer knows their own,
so a mean of three, the viewer among them, would give away the other two's sum); and until
:data:`FULL_CLASS` students sent, only the mean and a coarse histogram (:data:`COARSE_BINS` bins).
The spread and the errors (diversity, average individual error, ...) come from each estimate's
distance to the mean: with a few students, they, the mean and one's own estimate are equations
enough to solve for the others'. The instructor's :meth:`Kind.results` keep everything, by name.

Examples
--------
>>> crowd = KINDS["crowd"]
>>> spec = crowd.parse_spec({"question": "How many beans are in the jar?", "truth": 1234})
>>> spec["rounds"], spec["low"], spec["high"]
(2, 0.0, 1000000.0)
>>> parse_move(b'{"id": "m1", "round": 1, "estimate": 950}', crowd, spec)
Move(id='m1', round=1, user=None, value={'estimate': 950.0})
>>> parse_move(b'{"id": "m1", "round": 1, "estimate": -3}', crowd, spec)
Traceback (most recent call last):
...
smlearn.classmode.records.Refused: estimate must be a number from 0 to 1000000; got a number -3
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass

import numpy as np

from smlearn.classmode._describe import describe as _kind
from smlearn.classmode.records import LONGEST_NAME, RECORD_ID, Refused
from smlearn.models import estimates
from smlearn.params import check_instance, check_number

__all__ = ["Kind", "Crowd", "KINDS", "Move", "parse_move", "not_open", "LONGEST_MOVE", "MIN_OTHERS", "FULL_CLASS",
           "COARSE_BINS", "histogram"]

LONGEST_MOVE = 4 * 1024     # bytes: a move is a few numbers
# A student sees a round's aggregate only once at least this many others (not counting the
# student) have sent: with one or two, a mean would give away a classmate's own estimate.
MIN_OTHERS = 3
# Below this many students in a round, students see only its mean and a coarse histogram: the spread
# and the errors with the mean are as many equations as a small class has unknowns.
FULL_CLASS = 10
COARSE_BINS = 4             # the histogram's bins below FULL_CLASS (8 from it on)
_LARGEST = 1e15             # no estimate a class makes is larger; beyond it floats lose whole numbers


@dataclass(frozen=True)
class Move:
    """One checked move: the kernel's id, the round, the user it says it is from (or None), the kind's fields."""

    id: str
    round: int
    user: str | None
    value: dict


class Kind:
    """The interface of an experiment's kind (see the module's docstring)."""

    name = "kind"
    fields: tuple = ()            # the fields a move carries besides id, round and user

    def parse_spec(self, data: dict) -> dict:
        """Check the settings an instructor sends; return them, filled in, with ``rounds``."""
        raise NotImplementedError

    def parse_value(self, data: dict, spec: dict) -> dict:
        """Check a move's own fields (``data`` holds exactly :attr:`fields`); return them."""
        raise NotImplementedError

    def student_view(self, spec: dict, current_round: int, moves: list[dict], user: str, **context) -> dict:
        """What ``user`` sees: aggregates of the others' moves and the user's own moves, never a name.

        ``context`` holds ``group`` (the user's group) for a kind with :meth:`groups`.
        """
        raise NotImplementedError

    def results(self, spec: dict, moves: list[dict], **context) -> dict:
        """What an instructor sees: every move, with its user, and the analysis.

        ``context`` holds ``groups`` ({user: group}) for a kind with :meth:`groups`.
        """
        raise NotImplementedError

    def live(self, spec: dict, current_round: int, moves: list[dict], **context) -> dict:
        """What the instructor's dashboard shows while the class moves: aggregates only, cheap, no names.

        The dashboard may be on the projector: nothing of it names a student, and what would
        give the answer away (the crowd's truth, the front page's ring) waits until the
        experiment closes (``current_round`` 0). ``context`` is as for :meth:`results`.
        """
        raise NotImplementedError

    # What a kind may change; the defaults are the crowd's: one move a round, no groups, no stand-ins.
    def move_fields(self, spec: dict, round_: int) -> tuple:
        """The fields a move of round ``round_`` carries besides id, round and user (by default :attr:`fields`)."""
        return self.fields

    def slot(self, value: dict) -> str:
        """What a checked move is about: one move per student, round and slot is taken (``""``: one a round)."""
        return ""

    def taken_message(self, move: Move) -> str:
        """What the student is told when the slot of ``move`` is taken already."""
        return f"you already sent a move in round {move.round}: one move a round, the first counts"

    def groups(self, spec: dict) -> int:
        """How many groups the service splits the class into (0: none), each student into one for good."""
        return 0

    def stand_ins(self, spec: dict) -> frozenset:
        """The user names an instructor may send moves as (the front page's planted ring); a student never."""
        return frozenset()


def _number(name: str, value, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
            or not low <= value <= high:
        raise Refused(f"{name} must be a number from {low:.15g} to {high:.15g}; got {_kind(value)}")
    return float(value)


def _json_object(body: bytes, longest: int, what: str) -> dict:
    if len(body) > longest:
        raise Refused(f"{what} must be at most {longest} bytes; got {len(body)}", 413)
    try:
        data = json.loads(bytes(body).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise Refused(f"{what} must be JSON in UTF-8: {error}") from None
    if not isinstance(data, dict):
        raise Refused(f"{what} must be a JSON object; got {_kind(data)}")
    return data


def parse_move(body: bytes, kind: Kind, spec: dict) -> Move:
    """Read and check a move's body for an experiment of ``kind`` with the settings ``spec``.

    Whether its round is open now is :func:`not_open`'s question (the service asks it next).

    Raises
    ------
    Refused
        413 for a body over :data:`LONGEST_MOVE` bytes; 400 for anything else: not JSON, a
        missing, extra or wrong field, a round the experiment does not have.
    """
    if not isinstance(body, (bytes, bytearray)):
        raise TypeError(f"body must be the request's bytes; got {type(body).__name__}")
    check_instance("kind", kind, Kind, "an experiment's kind (smlearn.classmode.kinds.KINDS)")
    check_instance("spec", spec, dict, "the experiment's checked settings (Kind.parse_spec)")
    data = _json_object(body, LONGEST_MOVE, "a move")
    rounds = spec["rounds"]
    # A kind may take other fields in another round (the front page: votes, then suspects).
    known_round = type(data.get("round")) is int and 1 <= data["round"] <= rounds
    fields = kind.move_fields(spec, data["round"]) if known_round else kind.fields
    allowed = ("id", "round", *fields)
    missing = [name for name in allowed if name not in data]
    extra = sorted(set(data) - set(allowed) - {"user"})
    if missing or extra:
        parts = ([f"misses {missing}"] if missing else []) + ([f"has fields not allowed {extra}"] if extra else [])
        raise Refused(f"the move {' and '.join(parts)}; a {kind.name} move has exactly the fields {list(allowed)}"
                      " (and user, optionally)")
    if not isinstance(data["id"], str) or not RECORD_ID.fullmatch(data["id"]):
        raise Refused(f"id must be the kernel's id for the move: 1 to 64 letters, digits or . _ : -; "
                      f"got {_kind(data['id'])}")
    if type(data["round"]) is not int or not 1 <= data["round"] <= rounds:
        raise Refused(f"round must be a whole number from 1 to {rounds}; got {_kind(data['round'])}")
    user = data.get("user")
    if user is not None and not (isinstance(user, str) and 0 < len(user) <= LONGEST_NAME):
        raise Refused(f"user must be your user name (text of 1 to {LONGEST_NAME} characters) or left out; "
                      f"got {_kind(user)}")
    value = kind.parse_value({name: data[name] for name in fields}, spec)
    return Move(data["id"], data["round"], user, value)


def not_open(move: Move, current_round: int) -> str | None:
    """Why ``move`` cannot be taken now (its round is not the open one), or None if it can.

    >>> not_open(Move("m1", 1, None, {}), 2)
    'round 1 is not open: round 2 is open; the instructor opens the rounds'
    """
    check_instance("move", move, Move, "a checked Move (parse_move)")
    current_round = check_number("current_round", current_round, 0, 5, integer=True)
    if move.round == current_round:
        return None
    now = "the experiment is closed" if current_round == 0 else f"round {current_round} is open"
    return f"round {move.round} is not open: {now}; the instructor opens the rounds"


def _nice_step(raw: float) -> float:
    """The smallest of 1, 2, 5 times a power of ten that is at least ``raw`` (> 0)."""
    power = 10.0 ** math.floor(math.log10(raw))
    return next(step * power for step in (1, 2, 5, 10) if step * power >= raw * (1 - 1e-12))


def histogram(values, bins: int = 8) -> dict:
    """Counts of ``values`` in about ``bins`` bins of a round width (1, 2 or 5 times a power of ten).

    The edges are round numbers, not the smallest and largest value: a histogram shown to a
    class must not give away anyone's exact estimate.

    >>> histogram([950, 1010, 1230, 1900])
    {'edges': [800.0, 1000.0, 1200.0, 1400.0, 1600.0, 1800.0, 2000.0], 'counts': [1, 1, 1, 0, 0, 1]}
    """
    try:
        x = None if isinstance(values, (str, bytes, dict)) else np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        x = None
    if x is None or x.ndim != 1 or not np.all(np.isfinite(x)):
        raise ValueError(f"values must be a list of finite numbers; got {values!r:.60}")
    bins = check_number("bins", bins, 1, 100, integer=True)
    if x.size == 0:
        return {"edges": [], "counts": []}
    low, high = float(x.min()), float(x.max())
    raw = (high - low) / bins
    if not raw > 1e-9 * max(abs(low), abs(high), 1.0):   # all (nearly) equal: bins a tenth of the value wide
        raw = max(abs(low) / 10, 1.0)
    step = _nice_step(raw)
    start = math.floor(low / step) * step
    if start > low:            # a value a hair below a multiple of step (rounding): one bin lower
        start -= step
    count = int(math.floor((high - start) / step)) + 1
    edges = start + step * np.arange(count + 1)
    counts, _ = np.histogram(x, bins=edges)
    return {"edges": [float(edge) for edge in edges], "counts": [int(c) for c in counts]}


class Crowd(Kind):
    """The wisdom of the crowd: estimate a quantity alone, then again after seeing the others' (Lorenz et al. 2011).

    Settings: ``question`` (text), ``truth`` (a number), ``rounds`` (1 to 5, default 2: the
    first independent, the others social), ``low`` and ``high`` (the estimates allowed,
    default 0 to a million), ``unit`` (optional text, such as "beans").
    """

    name = "crowd"
    fields = ("estimate",)
    _SETTINGS = ("kind", "question", "truth", "rounds", "low", "high", "unit")

    def parse_spec(self, data: dict) -> dict:
        extra = sorted(set(data) - set(self._SETTINGS))
        if extra:
            raise Refused(f"a crowd experiment takes only {list(self._SETTINGS)}; got also {extra}")
        question = data.get("question")
        if not isinstance(question, str) or not 0 < len(question.strip()) <= 300:
            raise Refused(f"question must be the question students answer, text of 1 to 300 characters; "
                          f"got {_kind(question)}")
        low = _number("low", data.get("low", 0.0), -_LARGEST, _LARGEST)
        high = _number("high", data.get("high", 1e6), -_LARGEST, _LARGEST)
        if not low < high:
            raise Refused(f"low must be below high; got low {low:.15g} and high {high:.15g}")
        if "truth" not in data:
            raise Refused("truth must be given: the true value, which students see when the experiment closes")
        truth = _number("truth", data["truth"], low, high)
        rounds = data.get("rounds", 2)
        if type(rounds) is not int or not 1 <= rounds <= 5:
            raise Refused(f"rounds must be a whole number from 1 to 5 (round 1 alone, the others social); "
                          f"got {_kind(rounds)}")
        unit = data.get("unit", "")
        if not isinstance(unit, str) or len(unit) > 40:
            raise Refused(f"unit must be text of at most 40 characters; got {_kind(unit)}")
        return {"kind": self.name, "question": question.strip(), "truth": truth, "rounds": rounds, "low": low,
                "high": high, "unit": unit.strip()}

    def parse_value(self, data: dict, spec: dict) -> dict:
        return {"estimate": _number("estimate", data["estimate"], spec["low"], spec["high"])}

    @staticmethod
    def _estimates(moves: list[dict], round_: int, *, without: str | None = None) -> list[float]:
        return [m["value"]["estimate"] for m in moves if m["round"] == round_ and m["user"] != without]

    @staticmethod
    def _shown(values: list[float], others: int) -> dict:
        """What a student may see of ``values`` (a round's estimates), ``others`` of them not the student's own."""
        if others < MIN_OTHERS:
            return {"students": len(values)}
        bins = 8 if len(values) >= FULL_CLASS else COARSE_BINS
        return {"students": len(values), "mean": float(np.mean(values)), "histogram": histogram(values, bins)}

    def _summary(self, values: list[float], truth: float) -> dict:
        if not values:
            return {"students": 0}
        return {"students": len(values), "mean": float(np.mean(values)),
                "crowd_error": estimates.crowd_error(values, truth),
                "individual_error": estimates.individual_error(values, truth),
                "diversity": estimates.diversity(values),
                "truth_centrality": estimates.truth_centrality(values, truth),
                "histogram": histogram(values)}

    def student_view(self, spec: dict, current_round: int, moves: list[dict], user: str, **context) -> dict:
        view = {key: spec[key] for key in ("kind", "question", "rounds", "low", "high", "unit")}
        view["round"] = current_round
        view["yours"] = {str(m["round"]): m["value"]["estimate"] for m in moves if m["user"] == user}
        if current_round >= 2:
            # The social round: the others' estimates of the round before, as a mean and a histogram only.
            others = self._estimates(moves, current_round - 1, without=user)
            view["others"] = {"round": current_round - 1, **self._shown(others, len(others))}
        if current_round == 0:
            # Closed: the truth, and the whole class's numbers in each round (aggregates, no names): all of
            # them from FULL_CLASS students on, only the mean and a coarse histogram below.
            view["truth"] = spec["truth"]
            view["class"] = {}
            for r in range(1, spec["rounds"] + 1):
                values = self._estimates(moves, r)
                others = len(self._estimates(moves, r, without=user))
                view["class"][str(r)] = (self._summary(values, spec["truth"]) if len(values) >= FULL_CLASS
                                         and others >= MIN_OTHERS else self._shown(values, others))
        return view

    def live(self, spec: dict, current_round: int, moves: list[dict], **context) -> dict:
        """Each round's count, mean and diversity; the crowd's and the average student's error once closed.

        >>> spec = KINDS["crowd"].parse_spec({"question": "Beans?", "truth": 100})
        >>> moves = [{"user": u, "round": 1, "value": {"estimate": x}} for u, x in [("ana", 80), ("ben", 100), ("cy", 150)]]
        >>> KINDS["crowd"].live(spec, 1, moves)["rounds"]["1"]
        {'students': 3, 'mean': 110.0, 'diversity': 866.666...}
        >>> KINDS["crowd"].live(spec, 0, moves)["rounds"]["1"]["crowd_error"]
        10.0
        """
        out = {"truth": spec["truth"] if current_round == 0 else None, "unit": spec["unit"], "rounds": {}}
        for r in range(1, spec["rounds"] + 1):
            values = self._estimates(moves, r)
            row = {"students": len(values)}
            if values:
                row.update(mean=float(np.mean(values)), diversity=estimates.diversity(values))
                if current_round == 0:
                    row.update(crowd_error=estimates.crowd_error(values, spec["truth"]),
                               individual_error=estimates.individual_error(values, spec["truth"]))
            out["rounds"][str(r)] = row
        return out

    def results(self, spec: dict, moves: list[dict], **context) -> dict:
        truth = spec["truth"]
        rounds = {str(r): self._summary(self._estimates(moves, r), truth) for r in range(1, spec["rounds"] + 1)}
        out = {"rounds": rounds, "moves": [{"user": m["user"], "round": m["round"], "estimate": m["value"]["estimate"],
                                            "received": m["received"]} for m in moves]}
        # The social round's effects, on the students who sent both round 1 and round 2, in one order.
        first = {m["user"]: m["value"]["estimate"] for m in moves if m["round"] == 1}
        second = {m["user"]: m["value"]["estimate"] for m in moves if m["round"] == 2}
        both = sorted(set(first) & set(second))
        if len(both) >= 2:
            x1, x2 = [first[u] for u in both], [second[u] for u in both]
            alpha = estimates.fit_alpha(x1, x2)
            model = estimates.social_round(x1, min(max(alpha, 0.0), 1.0))
            effects = estimates.compare_rounds(x1, x2, truth)
            if math.isnan(effects["diversity_ratio"]):     # round 1 had no spread at all: no ratio (JSON has no NaN)
                effects["diversity_ratio"] = None
            out["social"] = {**effects, "alpha": alpha,
                             "model_second": [float(v) for v in model], "first": x1, "second": x2}
        return out


KINDS: dict[str, Kind] = {Crowd.name: Crowd()}
"""Every kind, by name. The other kinds live in their own modules, which build on this one and add
themselves here when imported; they are imported here, at the end, so that KINDS holds every kind
whichever module is imported first (a plain ``import`` of a module still being imported is allowed)."""

import smlearn.classmode.frontpage  # noqa: E402,F401  (adds "frontpage")
import smlearn.classmode.market  # noqa: E402,F401  (adds "market")
