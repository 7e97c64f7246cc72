"""The class music market: a kind of class experiment (:mod:`smlearn.classmode.kinds`), after MusicLab.

The instructor names 5 to 30 songs (or anything to choose among: clips, posters, headlines) and
how many *social* worlds there are (1 to 8). The service puts each student in one world for good
(:meth:`smlearn.classmode.store.Store.assign`), keeping the worlds the same size: world 0 is
*independent*, where a student sees only the songs; in a social world a student also sees how
many times the others in that world downloaded each song, most downloaded first. Each student
sees the songs in an order of their own (seeded by a hash of the student and the songs), as in
MusicLab. A student downloads as many songs as
they like, each once, one move each::

    {"id": "k7f3-0001", "round": 1, "song": 4}

A second download of the same song is refused (409); the same move sent again is stored once.
When the instructor closes the experiment every student sees each world's downloads and
inequality; the instructor sees each world's Gini coefficient and top song's share, the
unpredictability across the social worlds, and the MusicLab model run with the class's numbers
(:mod:`smlearn.models.class_markets`).

Examples
--------
>>> market = Market()
>>> spec = market.parse_spec({"songs": ["Alpha", "Brass", "Cinder", "Dune", "Ember"], "worlds": 2})
>>> spec["rounds"], market.groups(spec)
(1, 3)
>>> market.parse_value({"song": 4}, spec), market.slot({"song": 4})
({'song': 4}, '4')
>>> market.parse_value({"song": 5}, spec)
Traceback (most recent call last):
...
smlearn.classmode.records.Refused: song must be a song's number, a whole number from 0 to 4; got a number 5
"""

from __future__ import annotations

import hashlib

import numpy as np

from smlearn.classmode._describe import describe as _kind
from smlearn.classmode.kinds import KINDS, Kind, Move
from smlearn.classmode.records import Refused
from smlearn.models import class_markets

__all__ = ["Market", "QUESTION"]

QUESTION = "Which songs would you download? Download as many as you like, each once."


def _songs(value) -> list[str]:
    if not isinstance(value, list) or not 5 <= len(value) <= 30 or not all(
            isinstance(name, str) and 0 < len(name.strip()) <= 80 for name in value):
        raise Refused(f"songs must be a list of 5 to 30 names, each text of 1 to 80 characters; got {_kind(value)}")
    names = [name.strip() for name in value]
    if len(set(names)) != len(names):
        twice = sorted({name for name in names if names.count(name) > 1})
        raise Refused(f"songs must have different names; {twice} come more than once")
    return names


def _song_order(spec: dict, user: str) -> list[int]:
    """The order ``user`` sees the songs in: shuffled for each student, the same on every look.

    MusicLab showed each participant the songs in an order of their own (in the social worlds,
    then ranked by downloads), so that no song gains from standing first. The shuffle is seeded
    by a hash of the student and the songs, so it needs nothing stored.

    >>> spec = {"songs": ["Alpha", "Brass", "Cinder", "Dune", "Ember"]}
    >>> _song_order(spec, "ana") == _song_order(spec, "ana"), sorted(_song_order(spec, "ben"))
    (True, [0, 1, 2, 3, 4])
    """
    digest = hashlib.sha256("\n".join([user, *spec["songs"]]).encode()).digest()
    rng = np.random.default_rng(int.from_bytes(digest[:8], "big"))
    return [int(i) for i in rng.permutation(len(spec["songs"]))]


class Market(Kind):
    """A class music market: an independent world and 1 to 8 social worlds (Salganik, Dodds and Watts 2006).

    Settings: ``songs`` (5 to 30 names), ``worlds`` (social worlds, 1 to 8, default 2),
    ``question`` (optional text: what students are asked). One round.
    """

    name = "market"
    fields = ("song",)
    _SETTINGS = ("kind", "songs", "worlds", "question")

    def parse_spec(self, data: dict) -> dict:
        extra = sorted(set(data) - set(self._SETTINGS))
        if extra:
            raise Refused(f"a market experiment takes only {list(self._SETTINGS)}; got also {extra}")
        songs = _songs(data.get("songs"))
        worlds = data.get("worlds", 2)
        if type(worlds) is not int or not 1 <= worlds <= 8:
            raise Refused(f"worlds must be how many social worlds there are, a whole number from 1 to 8 (the "
                          f"independent world comes on top); got {_kind(worlds)}")
        question = data.get("question", QUESTION)
        if not isinstance(question, str) or not 0 < len(question.strip()) <= 300:
            raise Refused(f"question must be text of 1 to 300 characters; got {_kind(question)}")
        return {"kind": self.name, "question": question.strip(), "songs": songs, "worlds": worlds, "rounds": 1}

    def parse_value(self, data: dict, spec: dict) -> dict:
        song, last = data["song"], len(spec["songs"]) - 1
        if type(song) is not int or not 0 <= song <= last:
            raise Refused(f"song must be a song's number, a whole number from 0 to {last}; got {_kind(song)}")
        return {"song": song}

    def slot(self, value: dict) -> str:
        return str(value["song"])       # each song once per student

    def taken_message(self, move: Move) -> str:
        return f"you already downloaded song {move.value['song']}: each song once"

    def groups(self, spec: dict) -> int:
        return 1 + spec["worlds"]       # world 0 is independent

    @staticmethod
    def downloads(spec: dict, moves: list[dict], groups: dict) -> np.ndarray:
        """The table of downloads: one row per world (0 independent), one column per song."""
        table = np.zeros((1 + spec["worlds"], len(spec["songs"])), dtype=int)
        for m in moves:
            world = groups.get(m["user"])
            if world is not None:       # every mover is assigned first (the service does it); a guard only
                table[world, m["value"]["song"]] += 1
        return table

    def _worlds(self, spec: dict, table: np.ndarray, groups: dict) -> list[dict]:
        """Each world's aggregates: students, downloads of each song, Gini, top share (no names)."""
        measured = class_markets.measure_worlds(table)["worlds"]
        sizes = np.bincount(list(groups.values()), minlength=table.shape[0]) if groups else np.zeros(table.shape[0])
        return [{**world, "students": int(sizes[w]), "counts": table[w].tolist()} for w, world in enumerate(measured)]

    def student_view(self, spec: dict, current_round: int, moves: list[dict], user: str, **context) -> dict:
        group, groups = context.get("group"), context.get("groups", {})
        view = {key: spec[key] for key in ("kind", "question", "songs", "worlds", "rounds")}
        view.update(round=current_round, world=group, social=bool(group))
        view["yours"] = sorted(m["value"]["song"] for m in moves if m["user"] == user)
        view["order"] = _song_order(spec, user)
        table = self.downloads(spec, moves, groups)
        if group and current_round != 0:
            view["downloads"] = table[group].tolist()     # the student's own social world only
        if current_round == 0:
            view["class"] = self._worlds(spec, table, groups)
        return view

    def live(self, spec: dict, current_round: int, moves: list[dict], **context) -> dict:
        """Downloads of each song in each world, each world's Gini and top share, the unpredictability.

        The model (:func:`~smlearn.models.class_markets.beside_model`) is left to :meth:`results`:
        it runs a simulation, too slow to run each second.
        """
        groups = context.get("groups", {})
        table = self.downloads(spec, moves, groups)
        measured = class_markets.measure_worlds(table)
        return {"songs": spec["songs"], "worlds": self._worlds(spec, table, groups),
                "gini_independent": measured["gini_independent"], "gini_social": measured["gini_social"],
                "unpredictability_social": measured["unpredictability_social"]}

    def results(self, spec: dict, moves: list[dict], **context) -> dict:
        groups = context.get("groups", {})
        table = self.downloads(spec, moves, groups)
        measured = class_markets.measure_worlds(table)
        measured["worlds"] = self._worlds(spec, table, groups)
        return {"downloads": table.tolist(), "class": measured, "model": class_markets.beside_model(table),
                "moves": [{"user": m["user"], "world": groups.get(m["user"]), "song": m["value"]["song"],
                           "received": m["received"]} for m in moves]}


KINDS[Market.name] = Market()     # the service finds a kind by its name in KINDS
