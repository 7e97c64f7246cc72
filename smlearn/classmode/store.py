"""Where the class service keeps what a class sends: one SQLite file, or PostgreSQL for a large hub.

Four tables (SQLAlchemy Core, so the same statements run on both databases):

- ``class_sessions``: one row per class session an instructor opened (id, name, when, open or closed);
- ``class_records``: one row per record a student sent: the session, the user, the kernel's id for
  the record, the fields of the progress record (version 1, :mod:`smlearn.progress`) and when the
  service received it. (session, user, record id) is unique, so a record sent twice is stored once.
- ``class_experiments``: one row per experiment an instructor opened in a session: its kind, its
  settings (JSON, checked by the kind: :mod:`smlearn.classmode.kinds`), how many rounds it has and
  the round open now (0: closed);
- ``class_moves``: one row per move a student sent: the experiment, the user, the kernel's id for
  the move, the round, its *slot* and the kind's fields (JSON). (experiment, user, move id) is
  unique, so a move sent twice is stored once; (experiment, user, round, slot) too. A kind with one
  move a round (the crowd) gives every move the slot ``""``, so each student makes one move a round;
  a kind with several names the slot after what the move is about (the market: the song), so a
  student downloads each song once and votes on each item once;
- ``class_assignments``: which group (the market's world) each student of an experiment is in,
  set once, the first time the student asks (:meth:`Store.assign`).

A SQLite file runs in WAL mode with ``synchronous=FULL``: readers (the statistics) never wait for
the writer, and each commit is on the disk (fsync) before the record is acknowledged, so it survives
the service being killed and a power cut too. (``NORMAL`` would fsync only at checkpoints: a power
cut could lose commits already acknowledged, and a kernel never sends an acknowledged record again.)

A record is acknowledged only after its transaction commits, so every record a kernel was told is
stored is still there after the service is killed and started again (tests/classmode/test_faults.py).

Examples
--------
>>> store = open_store("sqlite://")           # in memory, for a try; a file name or a URL otherwise
>>> session = store.open_session("Lesson 06, Tuesday")
>>> store.session(session["id"])["open"]
True
>>> store.close()
"""

from __future__ import annotations

import json
import secrets
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import (Boolean, Column, DateTime, ForeignKey, Index, Integer, MetaData, String, Table, Text,
                        UniqueConstraint, create_engine, delete, event, func, inspect, or_, select, update)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.engine import Engine, make_url

from smlearn.classmode.records import LONGEST_ANSWER, LONGEST_NAME, Record
from smlearn.params import check_text

__all__ = ["Store", "open_store", "SESSION_ID", "RECORD_COLUMNS"]

# Session ids are short enough to read out in a classroom, from letters and digits that are hard to confuse.
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
SESSION_ID = r"[a-z0-9-]{1,40}"
# The columns of a stored record, in the order the CSV export writes them.
RECORD_COLUMNS = ("session", "user", "record_id", "v", "time", "lesson", "question", "answer", "correct", "attempt",
                  "received")

metadata = MetaData()
sessions_table = Table(
    "class_sessions", metadata,
    Column("id", String(40), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("created", DateTime(timezone=True), nullable=False),
    Column("open", Boolean, nullable=False),
)
records_table = Table(
    "class_records", metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("session", String(40), ForeignKey("class_sessions.id", ondelete="CASCADE"), nullable=False),
    # "user" is a reserved word in PostgreSQL: the column is user_name, the CSV's column is "user"
    Column("user_name", String(LONGEST_NAME), nullable=False),
    Column("record_id", String(64), nullable=False),
    Column("v", Integer, nullable=False),
    Column("time", DateTime(timezone=True), nullable=False),
    Column("lesson", String(8), nullable=True),
    Column("question", String(100), nullable=False),
    Column("answer", String(LONGEST_ANSWER), nullable=False),
    Column("correct", Boolean, nullable=False),
    Column("attempt", Integer, nullable=False),
    Column("received", DateTime(timezone=True), nullable=False),
    # A record replayed by a kernel (a retry, its offline queue) is stored once.
    UniqueConstraint("session", "user_name", "record_id", name="one_record_per_kernel_id"),
)
# The statistics read a session's records question by question.
Index("records_by_question", records_table.c.session, records_table.c.question)
experiments_table = Table(
    "class_experiments", metadata,
    Column("id", String(40), primary_key=True),
    Column("session", String(40), ForeignKey("class_sessions.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("kind", String(20), nullable=False),
    Column("spec", Text, nullable=False),          # the kind's checked settings, as JSON
    Column("rounds", Integer, nullable=False),
    Column("round", Integer, nullable=False),      # the round open now; 0 when closed
    Column("created", DateTime(timezone=True), nullable=False),
)
moves_table = Table(
    "class_moves", metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("experiment", String(40), ForeignKey("class_experiments.id", ondelete="CASCADE"), nullable=False),
    Column("user_name", String(LONGEST_NAME), nullable=False),
    Column("move_id", String(64), nullable=False),
    Column("round", Integer, nullable=False),
    # What the move is about, when a kind takes several a round (the song, the item); "" otherwise.
    Column("slot", String(64), nullable=False, default=""),
    Column("value", Text, nullable=False),         # the kind's fields of the move, as JSON
    Column("received", DateTime(timezone=True), nullable=False),
    # A move replayed by a kernel is stored once; a second, different move for the same round and slot is refused.
    UniqueConstraint("experiment", "user_name", "move_id", name="one_move_per_kernel_id"),
    UniqueConstraint("experiment", "user_name", "round", "slot", name="one_move_per_round_and_slot"),
)
assignments_table = Table(
    "class_assignments", metadata,
    Column("experiment", String(40), ForeignKey("class_experiments.id", ondelete="CASCADE"), primary_key=True),
    Column("user_name", String(LONGEST_NAME), primary_key=True),
    Column("grp", Integer, nullable=False),        # "group" is a reserved word in SQL
)


def _utc(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes (stored in UTC by us); PostgreSQL aware ones.
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)


def _session_row(row) -> dict:
    return {"id": row.id, "name": row.name, "created": _utc(row.created).isoformat(timespec="seconds"),
            "open": bool(row.open)}


def _experiment_row(row) -> dict:
    return {"id": row.id, "session": row.session, "kind": row.kind, "spec": json.loads(row.spec),
            "rounds": row.rounds, "round": row.round, "created": _utc(row.created).isoformat(timespec="seconds")}


class Store:
    """The service's database: class sessions and the records sent in them.

    Make one with :func:`open_store`. Every method runs its own short transaction.
    """

    def __init__(self, engine: Engine):
        self.engine = engine
        if engine.dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        else:
            from sqlalchemy.dialects.sqlite import insert
        self._insert = insert

    # ---- sessions
    def open_session(self, name: str = "") -> dict:
        """Open a new class session and return it (its ``id`` is what the students' kernels send to)."""
        if not isinstance(name, str) or len(name) > 200:
            raise TypeError(f"name must be text of at most 200 characters; got {name!r:.60}")
        with self.engine.begin() as connection:
            while True:
                sid = "".join(secrets.choice(_ALPHABET) for _ in range(6))
                if connection.execute(select(sessions_table.c.id).where(sessions_table.c.id == sid)).first() is None:
                    break
            now = datetime.now(timezone.utc)
            connection.execute(sessions_table.insert().values(id=sid, name=name or f"Class of {now:%Y-%m-%d %H:%M}",
                                                              created=now, open=True))
            row = connection.execute(select(sessions_table).where(sessions_table.c.id == sid)).one()
        return _session_row(row)

    def session(self, sid: str) -> dict | None:
        """The session ``sid`` (id, name, created, open), or None if there is none."""
        with self.engine.connect() as connection:
            row = connection.execute(select(sessions_table).where(sessions_table.c.id == sid)).first()
        return None if row is None else _session_row(row)

    def sessions(self) -> list[dict]:
        """Every session, newest first."""
        with self.engine.connect() as connection:
            rows = connection.execute(select(sessions_table).order_by(sessions_table.c.created.desc())).all()
        return [_session_row(row) for row in rows]

    def set_open(self, sid: str, is_open: bool) -> dict | None:
        """Open or close the session ``sid`` (a closed one takes no records); None if there is none."""
        with self.engine.begin() as connection:
            connection.execute(update(sessions_table).where(sessions_table.c.id == sid).values(open=bool(is_open)))
        return self.session(sid)

    def clear(self, sid: str) -> int:
        """Delete every record, experiment move and assignment to a group of the session ``sid``.

        The session and its experiments stay. Returns how many records and moves were deleted.
        """
        ours = select(experiments_table.c.id).where(experiments_table.c.session == sid)
        with self.engine.begin() as connection:
            records = connection.execute(delete(records_table).where(records_table.c.session == sid)).rowcount
            moves = connection.execute(delete(moves_table).where(moves_table.c.experiment.in_(ours))).rowcount
            connection.execute(delete(assignments_table).where(assignments_table.c.experiment.in_(ours)))
        return records + moves

    # ---- records
    def add_records(self, sid: str, user: str, records) -> tuple[int, int]:
        """Store ``records`` (checked :class:`~smlearn.classmode.records.Record`) from ``user`` in ``sid``.

        Returns (stored, duplicate): a record whose id this user already sent in this session is
        not stored again. All of them are stored in one transaction, or none.
        """
        now = datetime.now(timezone.utc)
        rows, seen = [], set()
        for record in records:
            if not isinstance(record, Record):
                raise TypeError(f"records must hold checked Records; got {type(record).__name__}")
            if record.id in seen:        # the same id twice in one batch counts as a replay too
                continue
            seen.add(record.id)
            rows.append({"session": sid, "user_name": user, "record_id": record.id, "v": 1, "time": record.time,
                         "lesson": record.lesson, "question": record.question, "answer": record.answer,
                         "correct": record.correct, "attempt": record.attempt, "received": now})
        if not rows:
            return 0, len(records)
        statement = (self._insert(records_table).on_conflict_do_nothing(
            index_elements=["session", "user_name", "record_id"]).returning(records_table.c.pk))
        with self.engine.begin() as connection:
            stored = len(connection.execute(statement, rows).all())
        return stored, len(records) - stored

    def records(self, sid: str) -> list[dict]:
        """Every record of the session ``sid``, in the order received, with the keys of :data:`RECORD_COLUMNS`."""
        t = records_table
        with self.engine.connect() as connection:
            rows = connection.execute(select(t).where(t.c.session == sid).order_by(t.c.pk)).all()
        return [{"session": row.session, "user": row.user_name, "record_id": row.record_id, "v": row.v,
                 "time": _utc(row.time).isoformat(timespec="seconds"), "lesson": row.lesson, "question": row.question,
                 "answer": row.answer, "correct": bool(row.correct), "attempt": row.attempt,
                 "received": _utc(row.received).isoformat(timespec="milliseconds")} for row in rows]

    def answers(self, sid: str) -> list[dict]:
        """What the statistics read of each record of ``sid``: user, question, lesson, answer, correct, attempt.

        Lighter than :meth:`records` (no times to convert): the statistics are asked for often.
        """
        t = records_table
        query = (select(t.c.user_name, t.c.question, t.c.lesson, t.c.answer, t.c.correct, t.c.attempt)
                 .where(t.c.session == sid).order_by(t.c.pk))
        with self.engine.connect() as connection:
            rows = connection.execute(query).all()
        return [{"user": user, "question": question, "lesson": lesson, "answer": answer, "correct": bool(correct),
                 "attempt": attempt} for user, question, lesson, answer, correct, attempt in rows]

    def count(self, sid: str | None = None) -> int:
        """How many records are stored (in the session ``sid``, or in all)."""
        query = select(func.count()).select_from(records_table)
        if sid is not None:
            query = query.where(records_table.c.session == sid)
        with self.engine.connect() as connection:
            return connection.execute(query).scalar_one()

    # ---- experiments
    def open_experiment(self, sid: str, kind: str, spec: dict) -> dict:
        """Open an experiment of ``kind`` with the checked settings ``spec`` (which hold ``rounds``) in ``sid``.

        Round 1 is open at once. Returns the experiment (:meth:`experiment`).
        """
        check_text("kind", kind)
        if not isinstance(spec, dict) or type(spec.get("rounds")) is not int or spec["rounds"] < 1:
            raise TypeError(f"spec must be the kind's checked settings, with rounds; got {spec!r:.60}")
        with self.engine.begin() as connection:
            while True:
                eid = "x" + "".join(secrets.choice(_ALPHABET) for _ in range(5))
                taken = select(experiments_table.c.id).where(experiments_table.c.id == eid)
                if connection.execute(taken).first() is None:
                    break
            connection.execute(experiments_table.insert().values(
                id=eid, session=sid, kind=kind, spec=json.dumps(spec), rounds=spec["rounds"], round=1,
                created=datetime.now(timezone.utc)))
        return self.experiment(eid)

    def experiment(self, eid: str) -> dict | None:
        """The experiment ``eid`` (id, session, kind, spec, rounds, round, created), or None if there is none."""
        with self.engine.connect() as connection:
            row = connection.execute(select(experiments_table).where(experiments_table.c.id == eid)).first()
        return None if row is None else _experiment_row(row)

    def experiments(self, sid: str) -> list[dict]:
        """The experiments of the session ``sid``, oldest first."""
        t = experiments_table
        with self.engine.connect() as connection:
            rows = connection.execute(select(t).where(t.c.session == sid).order_by(t.c.created, t.c.id)).all()
        return [_experiment_row(row) for row in rows]

    def set_round(self, eid: str, round_: int) -> dict | None:
        """Open round ``round_`` of the experiment ``eid`` (0 closes it); None if there is none."""
        with self.engine.begin() as connection:
            connection.execute(update(experiments_table).where(experiments_table.c.id == eid).values(round=round_))
        return self.experiment(eid)

    def add_move(self, eid: str, user: str, move, slot: str = "") -> str:
        """Store ``move`` (a checked :class:`~smlearn.classmode.kinds.Move`) of ``user`` in ``eid``.

        ``slot`` is what the move is about when a kind takes several moves a round (its
        :meth:`~smlearn.classmode.kinds.Kind.slot`); ``""`` for one move a round.

        Returns ``"stored"``, ``"duplicate"`` (this user already sent a move with this id: the
        first is kept) or ``"taken"`` (this user already made another move in this round and
        slot: nothing is stored).
        """
        if not isinstance(slot, str) or len(slot) > 64:
            raise TypeError(f"slot must be text of at most 64 characters; got {slot!r:.60}")
        t = moves_table
        row = {"experiment": eid, "user_name": user, "move_id": move.id, "round": move.round, "slot": slot,
               "value": json.dumps(move.value), "received": datetime.now(timezone.utc)}
        try:
            with self.engine.begin() as connection:
                found = self._move_there(connection, eid, user, move, slot)
                if found:
                    return found
                connection.execute(t.insert().values(**row))
            return "stored"
        except IntegrityError:     # the same move, arriving twice at once: the other request stored it
            with self.engine.connect() as connection:
                return self._move_there(connection, eid, user, move, slot) or "taken"

    @staticmethod
    def _move_there(connection, eid, user, move, slot) -> str | None:
        t = moves_table
        same_place = (t.c.round == move.round) & (t.c.slot == slot)
        rows = connection.execute(select(t.c.move_id).where(
            t.c.experiment == eid, t.c.user_name == user, or_(t.c.move_id == move.id, same_place))).all()
        if any(row.move_id == move.id for row in rows):
            return "duplicate"
        return "taken" if rows else None

    def assign(self, eid: str, user: str, groups: int) -> int:
        """The group (0 to ``groups`` - 1) of ``user`` in the experiment ``eid``: set once, the same ever after.

        A student new to the experiment joins the group with the fewest members so far (the
        lowest of those tied), so the groups stay balanced whatever order the class arrives in.
        """
        check_text("user", user)
        if type(groups) is not int or not 1 <= groups <= 100:
            raise TypeError(f"groups must be a whole number from 1 to 100; got {groups!r}")
        t = assignments_table
        mine = select(t.c.grp).where(t.c.experiment == eid, t.c.user_name == user)
        try:
            with self.engine.begin() as connection:
                found = connection.execute(mine).scalar_one_or_none()
                if found is not None:
                    return found
                sizes = dict(connection.execute(select(t.c.grp, func.count()).where(t.c.experiment == eid)
                                                .group_by(t.c.grp)).all())
                group = min(range(groups), key=lambda g: (sizes.get(g, 0), g))
                connection.execute(t.insert().values(experiment=eid, user_name=user, grp=group))
            return group
        except IntegrityError:     # the same student's first two requests at once: the other one assigned
            with self.engine.connect() as connection:
                return connection.execute(mine).scalar_one()

    def assignments(self, eid: str) -> dict[str, int]:
        """Every student's group in the experiment ``eid``: {user: group}."""
        t = assignments_table
        with self.engine.connect() as connection:
            rows = connection.execute(select(t.c.user_name, t.c.grp).where(t.c.experiment == eid)).all()
        return {user: group for user, group in rows}

    def moves(self, eid: str) -> list[dict]:
        """Every move of the experiment ``eid``, in the order received: user, move_id, round, value, received."""
        t = moves_table
        with self.engine.connect() as connection:
            rows = connection.execute(select(t).where(t.c.experiment == eid).order_by(t.c.pk)).all()
        return [{"user": row.user_name, "move_id": row.move_id, "round": row.round, "value": json.loads(row.value),
                 "received": _utc(row.received).isoformat(timespec="milliseconds")} for row in rows]

    def move_counts(self, sid: str) -> dict[str, dict[int, dict]]:
        """For each experiment of the session ``sid`` with moves: per round, how many moves and from how many users.

        One grouped query, so the dashboard's list of experiments costs the same however many moves there are.
        Returns ``{eid: {round: {"moves": n, "students": k}}}``.
        """
        t = moves_table
        ours = select(experiments_table.c.id).where(experiments_table.c.session == sid)
        query = (select(t.c.experiment, t.c.round, func.count(), func.count(t.c.user_name.distinct()))
                 .where(t.c.experiment.in_(ours)).group_by(t.c.experiment, t.c.round))
        counts: dict[str, dict[int, dict]] = {}
        with self.engine.connect() as connection:
            for eid, round_, moves, users in connection.execute(query).all():
                counts.setdefault(eid, {})[round_] = {"moves": moves, "students": users}
        return counts

    def count_moves(self, eid: str | None = None) -> int:
        """How many moves are stored (in the experiment ``eid``, or in all)."""
        query = select(func.count()).select_from(moves_table)
        if eid is not None:
            query = query.where(moves_table.c.experiment == eid)
        with self.engine.connect() as connection:
            return connection.execute(query).scalar_one()

    def describe(self) -> str:
        """Where the database is, fit to print: a URL's password is hidden."""
        return self.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        """Let go of the database's connections."""
        self.engine.dispose()


def _on_sqlite_connect(connection, _record):
    cursor = connection.cursor()
    # WAL: the statistics read while records are written. FULL: an fsync at each commit, so a record
    # acknowledged to a kernel (which then forgets it) survives a power cut, not only the process dying.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")   # a second process on the same file waits instead of failing
    cursor.close()


def open_store(database: str = "smlearn-class.sqlite") -> Store:
    """Open (creating if needed) the service's database and return its :class:`Store`.

    Parameters
    ----------
    database : str or Path
        A SQLite file's name (made if missing; its folder must exist), or a database URL:
        ``postgresql+psycopg://user:password@host/dbname`` for PostgreSQL (with the ``psycopg``
        driver installed), ``sqlite:///path`` or ``sqlite://`` (in memory, gone when closed).

    Raises
    ------
    ValueError
        If the URL names another kind of database, or the SQLite file's folder does not exist.
    """
    if isinstance(database, Path):
        database = str(database)
    check_text("database", database)
    if "://" in database:
        url = make_url(database)
    else:
        folder = Path(database).expanduser().resolve().parent
        if not folder.is_dir():
            raise ValueError(f"database must be a file in a folder that exists; {str(folder)!r} does not")
        url = make_url("sqlite:///" + str(Path(database).expanduser().resolve()))
    if url.get_backend_name() not in ("sqlite", "postgresql"):
        raise ValueError(f"database must be a SQLite file or a postgresql:// URL; got a {url.get_backend_name()!r} URL")
    engine = create_engine(url)
    if url.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _on_sqlite_connect)
    _give_moves_slots(engine)
    metadata.create_all(engine)
    return Store(engine)


def _give_moves_slots(engine: Engine) -> None:
    """Bring a database from before moves had slots up to date: its moves kept, each with the slot ``""``.

    Such a database's ``class_moves`` has no ``slot`` column and allows one move a round whatever
    it is about, which the market's and the front page's several moves need. The table is made
    again with the rows it had, in one transaction (a few thousand rows at most: a class's moves).
    """
    if not inspect(engine).has_table("class_moves"):
        return
    if "slot" in {column["name"] for column in inspect(engine).get_columns("class_moves")}:
        return
    with engine.begin() as connection:
        old = Table("class_moves", MetaData(), autoload_with=connection)
        rows = [dict(row._mapping, slot="") for row in connection.execute(select(old).order_by(old.c.pk))]
        old.drop(connection)
        moves_table.create(connection)
        if rows:
            connection.execute(moves_table.insert(), rows)
            if engine.dialect.name == "postgresql":     # the rows came with their keys: the next key follows them
                connection.exec_driver_sql("SELECT setval(pg_get_serial_sequence('class_moves', 'pk'), "
                                           "(SELECT max(pk) FROM class_moves))")
