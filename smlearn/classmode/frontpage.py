"""The class front page: a kind of class experiment (:mod:`smlearn.classmode.kinds`), with a ring to catch.

The instructor lists 3 to 30 items (headlines, posts, memes), picks one of the ranking rules of
:mod:`smlearn.models.ranking` and may plant a vote ring of ``ring`` accounts, ``ring-1`` to
``ring-N``, whose votes only an instructor sends (a move with ``"user": "ring-2"``). Round 1 is
the voting: a student votes each item up or down, once::

    {"id": "k7f3-0001", "round": 1, "item": 3, "vote": 1}

and sees the page ranked by the rule, as the class has voted so far. Round 2 is the detection:
voting stops, and every student sees who voted for what, each voter under a made-up label
(``a01``, ``a02``, ...; the student's own label too, marked), and names the accounts they suspect::

    {"id": "k7f3-0002", "round": 2, "suspects": ["a03", "a11"]}

When the instructor closes it, everyone sees which labels were the ring and how well the class
found it, as aggregates. The instructor sees every vote with its student, each student's hit and
false-alarm rates, the class's (mean and majority), the ring detector of
:mod:`smlearn.models.vote_rings` run on the class's own votes, and the same detector on a
simulated front page with a ring of the same size (:func:`smlearn.models.vote_rings.simulate`).

Items are taken as submitted one an hour in the order listed (item 0 the oldest), and ranked an
hour after the last, so that the rules that weigh age (hot, the two gravity rules) differ from
the plain score; the Wilson rule ranks by the share of up-votes.

Examples
--------
>>> page = FrontPage()
>>> spec = page.parse_spec({"items": ["Cats", "Dogs", "Owls"], "rule": "score", "ring": 2})
>>> spec["rounds"], sorted(page.stand_ins(spec))
(2, ['ring-1', 'ring-2'])
>>> page.move_fields(spec, 1), page.move_fields(spec, 2)
(('item', 'vote'), ('suspects',))
>>> page.parse_value({"item": 2, "vote": -1}, spec)
{'item': 2, 'vote': -1}
>>> page.parse_value({"item": 2, "vote": 0}, spec)
Traceback (most recent call last):
...
smlearn.classmode.records.Refused: vote must be 1 (up) or -1 (down); got a number 0
"""

from __future__ import annotations

import functools
import hashlib
import re
import secrets

import numpy as np
import pandas as pd

from smlearn.classmode._describe import describe as _kind
from smlearn.classmode.kinds import KINDS, Kind, Move
from smlearn.classmode.records import Refused
from smlearn.models import front_page, ranking, vote_rings

__all__ = ["FrontPage", "QUESTION", "LABEL"]

QUESTION = "Vote on the items: 1 if it deserves the top of the page, -1 if not. Each item once."
LABEL = re.compile(r"a\d{2,3}")     # how a voter is shown in the detection round
_MOST_RING = 20
_MOST_SUSPECTS = 100


def _items(value) -> list[str]:
    if not isinstance(value, list) or not 3 <= len(value) <= 30 or not all(
            isinstance(title, str) and 0 < len(title.strip()) <= 120 for title in value):
        raise Refused(f"items must be a list of 3 to 30 titles, each text of 1 to 120 characters; got {_kind(value)}")
    return [title.strip() for title in value]


def _labels(spec: dict, accounts) -> dict[str, str]:
    """Each voting account's label: ``a01``, ``a02``, ... in an order set by the experiment's salt, not by name.

    The order hides who is who (the ring's accounts do not come together, nor a student after
    a friend), and stays the same while the votes do (round 2 takes none).
    """
    order = sorted(set(accounts), key=lambda name: hashlib.sha256((spec["salt"] + name).encode()).hexdigest())
    width = max(2, len(str(len(order))))
    return {name: f"a{k + 1:0{width}d}" for k, name in enumerate(order)}


class FrontPage(Kind):
    """A class front page: vote, ranked by a rule, with a vote ring the class tries to detect.

    Settings: ``items`` (3 to 30 titles), ``rule`` (one of :data:`smlearn.models.ranking.RULES`,
    default "hot"), ``ring`` (the planted ring's accounts, 0 to 20, default 0), ``question``
    (optional). Two rounds: voting, then detection.
    """

    name = "frontpage"
    fields = ("item", "vote")
    _SETTINGS = ("kind", "items", "rule", "ring", "question")

    def parse_spec(self, data: dict) -> dict:
        extra = sorted(set(data) - set(self._SETTINGS))
        if extra:
            raise Refused(f"a front page experiment takes only {list(self._SETTINGS)}; got also {extra}")
        items = _items(data.get("items"))
        rule = data.get("rule", "hot")
        if rule not in ranking.RULES:
            raise Refused(f"rule must be one of {list(ranking.RULES)}; got {_kind(rule)}")
        ring = data.get("ring", 0)
        if type(ring) is not int or not 0 <= ring <= _MOST_RING:
            raise Refused(f"ring must be how many accounts the planted ring has, a whole number from 0 (none) to "
                          f"{_MOST_RING}; got {_kind(ring)}")
        question = data.get("question", QUESTION)
        if not isinstance(question, str) or not 0 < len(question.strip()) <= 300:
            raise Refused(f"question must be text of 1 to 300 characters; got {_kind(question)}")
        # The salt orders the voters' labels: a student cannot work out whose label is whose.
        return {"kind": self.name, "question": question.strip(), "items": items, "rule": rule, "ring": ring,
                "rounds": 2, "salt": secrets.token_hex(8)}

    def move_fields(self, spec: dict, round_: int) -> tuple:
        return self.fields if round_ == 1 else ("suspects",)

    def parse_value(self, data: dict, spec: dict) -> dict:
        if "suspects" in data:
            suspects = data["suspects"]
            if not isinstance(suspects, list) or len(suspects) > _MOST_SUSPECTS or not all(
                    isinstance(label, str) and LABEL.fullmatch(label) for label in suspects):
                raise Refused(f"suspects must be a list of at most {_MOST_SUSPECTS} labels of accounts, such as "
                              f"[\"a03\", \"a11\"] (an empty list suspects nobody); got {_kind(suspects)}")
            if len(set(suspects)) != len(suspects):
                raise Refused("suspects must name each account once")
            return {"suspects": sorted(suspects)}
        item, last = data["item"], len(spec["items"]) - 1
        if type(item) is not int or not 0 <= item <= last:
            raise Refused(f"item must be an item's number, a whole number from 0 to {last}; got {_kind(item)}")
        if type(data["vote"]) is not int or data["vote"] not in (1, -1):
            raise Refused(f"vote must be 1 (up) or -1 (down); got {_kind(data['vote'])}")
        return {"item": item, "vote": data["vote"]}

    def slot(self, value: dict) -> str:
        return str(value["item"]) if "item" in value else ""     # each item once; one list of suspects

    def taken_message(self, move: Move) -> str:
        if "item" in move.value:
            return f"you already voted on item {move.value['item']}: each item once, the first vote counts"
        return "you already named your suspects in this round: one list, the first counts"

    def stand_ins(self, spec: dict) -> frozenset:
        return frozenset(f"ring-{k}" for k in range(1, spec["ring"] + 1))

    # ---- what the votes say

    @staticmethod
    def _votes(moves: list[dict]) -> list[dict]:
        return [m for m in moves if m["round"] == 1]

    def page(self, spec: dict, votes: list[dict]) -> list[dict]:
        """The items ranked by the rule, top first: item, title, ups, downs."""
        n = len(spec["items"])
        ups, downs = np.zeros(n), np.zeros(n)
        for m in votes:
            (ups if m["value"]["vote"] == 1 else downs)[m["value"]["item"]] += 1
        order = ranking.rank_items(ups, downs, np.arange(n), n, rule=spec["rule"])
        return [{"item": int(i), "title": spec["items"][i], "ups": int(ups[i]), "downs": int(downs[i])} for i in order]

    def _detection(self, spec: dict, moves: list[dict]) -> dict:
        """Each student's suspects scored against the ring: hits and false alarms, and the class's."""
        votes = self._votes(moves)
        named = _labels(spec, [m["user"] for m in votes])
        ring = {named[u] for u in self.stand_ins(spec) if u in named}
        honest = set(named.values()) - ring
        students = []
        for m in moves:
            if m["round"] != 2:
                continue
            suspects = set(m["value"]["suspects"]) & set(named.values())
            students.append({"user": m["user"], "suspects": sorted(suspects),
                             "hit_rate": len(suspects & ring) / len(ring) if ring else None,
                             "false_alarm_rate": len(suspects - ring) / len(honest) if honest else None})
        counts = {}
        for student in students:
            for label in student["suspects"]:
                counts[label] = counts.get(label, 0) + 1
        majority = {label for label, c in counts.items() if 2 * c >= len(students) > 0}

        def mean(key):
            values = [s[key] for s in students if s[key] is not None]
            return float(np.mean(values)) if values else None

        return {"labels": named, "ring": sorted(ring), "students": students,
                "hit_rate": mean("hit_rate"), "false_alarm_rate": mean("false_alarm_rate"),
                "majority": {"suspects": sorted(majority),
                             "hit_rate": len(majority & ring) / len(ring) if ring else None,
                             "false_alarm_rate": len(majority - ring) / len(honest) if honest else None}}

    def student_view(self, spec: dict, current_round: int, moves: list[dict], user: str, **context) -> dict:
        votes = self._votes(moves)
        view = {key: spec[key] for key in ("kind", "question", "items", "rule", "rounds")}
        view.update(round=current_round, page=self.page(spec, votes))
        view["yours"] = {str(m["value"]["item"]): m["value"]["vote"] for m in votes if m["user"] == user}
        mine = [m["value"]["suspects"] for m in moves if m["round"] == 2 and m["user"] == user]
        if mine:
            view["your_suspects"] = mine[0]
        if current_round in (0, 2):
            # Who voted for what, under labels only: what a site's moderators see, and all the class needs.
            named = _labels(spec, [m["user"] for m in votes])
            accounts = {label: {"up": [], "down": []} for label in sorted(named.values())}
            for m in votes:
                accounts[named[m["user"]]]["up" if m["value"]["vote"] == 1 else "down"].append(m["value"]["item"])
            view["accounts"] = {label: {k: sorted(v) for k, v in a.items()} for label, a in accounts.items()}
            view["you"] = named.get(user)
        if current_round == 0:
            found = self._detection(spec, moves)
            view["ring"] = found["ring"]
            view["detection"] = {"students": len(found["students"]), "hit_rate": found["hit_rate"],
                                 "false_alarm_rate": found["false_alarm_rate"]}
        return view

    def live(self, spec: dict, current_round: int, moves: list[dict], **context) -> dict:
        """The page as ranked now with each item's votes; how many named suspects; once closed, the ring and the hits.

        The ring's labels and the class's hit rates wait for the close: on the projector in the
        detection round they would give the answer away.
        """
        votes = self._votes(moves)
        out = {"rule": spec["rule"], "ring_size": spec["ring"], "page": self.page(spec, votes),
               "voters": len({m["user"] for m in votes}), "votes": len(votes),
               "suspecting": sum(1 for m in moves if m["round"] == 2)}
        if current_round == 0:
            found = self._detection(spec, moves)
            out["detection"] = {"ring": found["ring"], "hit_rate": found["hit_rate"],
                                "false_alarm_rate": found["false_alarm_rate"], "majority": found["majority"]}
        return out

    def results(self, spec: dict, moves: list[dict], **context) -> dict:
        votes = self._votes(moves)
        ring = self.stand_ins(spec)
        found = self._detection(spec, moves)
        named = found["labels"]
        honest_page = self.page(spec, [m for m in votes if m["user"] not in ring])
        return {"page": self.page(spec, votes), "page_without_ring": honest_page,
                "votes": [{"user": m["user"], "label": named[m["user"]], "ring": m["user"] in ring, **m["value"],
                           "received": m["received"]} for m in votes],
                "detection": {key: found[key] for key in ("ring", "students", "hit_rate", "false_alarm_rate",
                                                          "majority")},
                "detector": self._detector(votes, ring), "model": _model(spec["rule"], spec["ring"])}

    @staticmethod
    def _detector(votes: list[dict], ring: frozenset) -> dict | None:
        """The ring detector of :mod:`smlearn.models.vote_rings` (its default thresholds) on the class's up-votes."""
        ups = [(m["user"], m["value"]["item"]) for m in votes if m["value"]["vote"] == 1]
        if not ups:
            return None
        users = sorted({u for u, _ in ups})
        index = {u: k for k, u in enumerate(users)}
        log = pd.DataFrame({"account": [index[u] for u, _ in ups], "item": [i for _, i in ups],
                            "ring": [u in ring for u, _ in ups]})
        rates = vote_rings.detection_rates(log, vote_rings.detect_ring(log))
        return {key: (None if isinstance(v, float) and np.isnan(v) else v) for key, v in rates.items()}


@functools.lru_cache(maxsize=16)
def _model_rates(rule: str, ring: int) -> tuple:
    page = front_page.simulate(rule=rule, manipulation=ring > 0, ring_size=ring, seed=1)
    check = vote_rings.simulate(page, seed=1)
    hit = None if np.isnan(check.hit_rate) else float(check.hit_rate)
    return hit, float(check.false_alarm_rate)


def _model(rule: str, ring: int) -> dict:
    """The detector on a simulated front page with the class's rule and a ring of the same size (seed 1)."""
    hit, alarm = _model_rates(rule, ring)
    return {"rule": rule, "ring_size": ring, "hit_rate": hit, "false_alarm_rate": alarm,
            "note": "vote_rings.simulate on front_page.simulate(manipulation=ring > 0, ring_size=ring, seed=1): "
                    "2,000 honest accounts, the detector's default thresholds"}


KINDS[FrontPage.name] = FrontPage()     # the service finds a kind by its name in KINDS
