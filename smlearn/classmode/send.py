"""Class mode in a learner's kernel: each checked answer also goes to the class service, once.

Off by default, and silent then: nothing is sent, no file is written, no thread is started and
no socket is opened. It is on in a kernel only after one of these:

- a lesson cell calls :func:`join` with the service's address and the session's id (and the
  class code, for a service started with ``smlearn class serve``)::

      import smlearn.classmode
      smlearn.classmode.join("http://192.168.1.20:8765/", "k3m9p2qa", code="tulip-42", name="ana")

- or the kernel's environment names them: ``SMLEARN_CLASS_URL`` and ``SMLEARN_CLASS_SESSION``,
  with ``SMLEARN_CLASS_CODE`` (and ``SMLEARN_CLASS_NAME``) for a class code; on JupyterHub the
  kernel already has ``JUPYTERHUB_API_TOKEN``, which the service checks with the hub.

The hub's token opens the learner's account, so it goes only to the hub itself: a host of the
hub's addresses the kernel was given (``JUPYTERHUB_API_URL``, ``JUPYTERHUB_BASE_URL``,
``JUPYTERHUB_PUBLIC_URL``, ``JUPYTERHUB_PUBLIC_HUB_URL``, ``JUPYTERHUB_HOST``) over ``https://``,
or this machine (loopback, where plain ``http://`` is fine). A class code may go to any address
the learner types; plain ``http://`` to another machine sends it (and the answers) unencrypted,
which a warning says.

Then each record :func:`smlearn.progress.record` keeps is also put, with an id of its own, in an
*outbox* next to the progress file (``.smlearn-class-outbox.jsonl``), and a background thread sends
what the service has not acknowledged yet (``.smlearn-class-done`` lists the ids it has). So:

- the learner's ``check`` never waits for the network: it only appends a line to a file;
- a network error loses nothing: the record stays in the outbox (and in the progress file), and
  is sent again with the next answer, or after a pause that doubles from 5 s up to 5 minutes;
- a record is stored once: the service keeps one row per (session, user, id), so a record sent
  again after a lost answer is counted as a duplicate, not stored twice;
- a record the service refuses (a 400: it checks every field) is not sent again; the kernel's
  log says so once. A refusal of the link itself (a wrong class code, an unknown or closed
  session) pauses sending until :func:`join` is called again; the records wait in the outbox.

Class mode needs the progress file: with ``SMLEARN_PROGRESS=off`` (test runs, lesson builds)
nothing is kept and nothing is sent. Only records checked while class mode is on are sent, each
to the session it was checked in; answers from before :func:`join` stay on the learner's machine.

Examples
--------
>>> link = make_link("http://127.0.0.1:8765", "k3m9p2qa", code="tulip-42", name="ana")
>>> link.records_url
'http://127.0.0.1:8765/api/sessions/k3m9p2qa/records'
>>> link                                    # the class code is not shown
Link(url='http://127.0.0.1:8765/', session='k3m9p2qa', user='ana')
"""

from __future__ import annotations

import base64
import http.client
import ipaddress
import json
import logging
import os
import re
import threading
import urllib.error
import urllib.request
import uuid
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from smlearn.classmode._outbox import DONE_NAME
from smlearn.classmode._outbox import append as _append
from smlearn.classmode._outbox import done_ids as _done_ids
from smlearn.classmode._outbox import folder_lock as _folder_lock
from smlearn.classmode._outbox import mark as _mark
from smlearn.classmode._outbox import message as _message
from smlearn.classmode._outbox import outbox_folder as _outbox_folder
from smlearn.classmode.records import LONGEST_BATCH, LONGEST_BODY, LONGEST_NAME
from smlearn.params import check_instance, check_number, check_path, check_text

__all__ = ["Link", "make_link", "join", "leave", "active_link", "queue", "send_pending", "status",
           "OUTBOX_NAME", "DONE_NAME", "TIMEOUT", "HUB_ADDRESSES"]

log = logging.getLogger(__name__)     # smlearn.classmode.send: the kernel's side, apart from the service's log

OUTBOX_NAME = ".smlearn-class-outbox.jsonl"   # every record put there while class mode was on
TIMEOUT = 10.0             # seconds a request may take: it runs in the background, so it can be generous
FIRST_PAUSE, LONGEST_PAUSE = 5.0, 300.0       # seconds before a retry after a network error, doubling
SESSION_ID = re.compile(r"[a-z0-9-]{1,40}")   # as the service makes them (smlearn.classmode.store)
# Statuses that say "this record is wrong" (the service checked it): the record is not sent again.
_RECORD_REFUSED = {400, 413, 422}
# Statuses that say "try later": the service is busy or restarting.
_TRY_LATER = {408, 425, 429}
# Where a kernel on a hub learns the hub's own addresses (jupyterhub.spawner.Spawner.get_env).
HUB_ADDRESSES = ("JUPYTERHUB_API_URL", "JUPYTERHUB_BASE_URL", "JUPYTERHUB_PUBLIC_URL", "JUPYTERHUB_PUBLIC_HUB_URL",
                 "JUPYTERHUB_HOST")


@dataclass(frozen=True)
class Link:
    """Where a kernel sends its records: the service, the session, and how it signs in (never shown)."""

    url: str
    session: str
    user: str | None = None                                   # the class-code name; on a hub the token says who
    authorization: str = field(default="", repr=False, compare=False)

    @property
    def records_url(self) -> str:
        return f"{self.url}api/sessions/{self.session}/records"

    @property
    def target(self) -> tuple[str, str]:
        """What an outbox line is addressed to: a record goes to the session it was checked in."""
        return self.url, self.session


def make_link(url: str, session: str, *, code: str | None = None, name: str | None = None,
              token: str | None = None) -> Link:
    """Check where and how to send, and return the :class:`Link` (nothing is sent).

    Parameters
    ----------
    url : str
        The class service's address as this kernel reaches it, ``http://`` or ``https://``: what
        ``smlearn class serve`` printed, or on a hub ``https://HUB/services/smlearn-class/``.
    session : str
        The session's id, as the instructor gives it (lower-case letters, digits and ``-``).
    code : str, optional
        The class code of ``smlearn class serve``. Without one, the kernel signs in with ``token``.
    name : str, optional
        The name the class sees with a class code: by default ``SMLEARN_CLASS_NAME``, else the
        hub user, else the login name.
    token : str, optional
        A JupyterHub API token; by default the kernel's ``JUPYTERHUB_API_TOKEN``. It is sent only
        to the hub's own host (:data:`HUB_ADDRESSES`) over ``https://``, or to this machine.

    Raises
    ------
    ValueError
        A URL that is not http(s), a session id the service would never make, no way to sign in,
        a token for a URL that is not the hub's own (or plain ``http://`` to another machine).

    Warns
    -----
    UserWarning
        A class code sent over plain ``http://`` to another machine.
    """
    check_text("url", url)
    check_text("session", session)
    where = urlparse(url.strip())
    if where.scheme not in ("http", "https") or not where.netloc or where.query or where.fragment:
        raise ValueError(f"url must be the class service's http:// or https:// address, such as "
                         f"http://192.168.1.20:8765/; got {url!r}")
    url = url.strip() if url.strip().endswith("/") else url.strip() + "/"
    session = session.strip()
    if not SESSION_ID.fullmatch(session):
        raise ValueError(f"session must be the id your instructor gives (1 to 40 lower-case letters, digits or -); "
                         f"got {session!r}")
    if code is not None and token is not None:
        raise ValueError("code and token: give one of them (a class code, or a JupyterHub token), not both")
    if code is not None:
        check_text("code", code)
        if name is None:
            name = _default_name()
        check_text("name", name)
        name = name.strip()
        if not 0 < len(name) <= LONGEST_NAME or ":" in name or not name.isprintable():
            raise ValueError(f"name must be 1 to {LONGEST_NAME} printable characters without ':'; got {name!r}")
        basic = base64.b64encode(f"{name}:{code}".encode()).decode()
        if where.scheme == "http" and not _is_loopback(where.hostname):
            # allowed: a classroom's own `smlearn class serve` on a laptop has no certificate
            warnings.warn(f"url {url!r} is plain http:// to another machine: the class code and your answers travel "
                          "unencrypted on the network (use https:// where the service has it)", UserWarning, stacklevel=2)
        return Link(url, session, name, "Basic " + basic)
    if token is None:
        token = os.environ.get("JUPYTERHUB_API_TOKEN", "").strip()
    if not token:
        raise ValueError("code must be the class code your instructor gives; without one, class mode signs in with "
                         "JupyterHub's token, and this kernel has no JUPYTERHUB_API_TOKEN")
    check_text("token", token)
    _check_token_goes_to_the_hub(where, url)
    return Link(url, session, None, "token " + token)


def _is_loopback(host: str | None) -> bool:
    """Whether ``host`` (a URL's host name) is this machine: ``localhost`` or a loopback address.

    >>> _is_loopback("127.0.0.1"), _is_loopback("::1"), _is_loopback("localhost"), _is_loopback("192.168.1.20")
    (True, True, True, False)
    """
    host = (host or "").lower().rstrip(".")
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _hub_hosts(environ=None) -> set[str]:
    """The host names of the hub's own addresses, as the hub told this kernel (:data:`HUB_ADDRESSES`).

    ``environ`` is the kernel's environment (``os.environ`` when left out).

    >>> sorted(_hub_hosts({"JUPYTERHUB_API_URL": "http://hub:8081/hub/api", "JUPYTERHUB_BASE_URL": "/",
    ...                   "JUPYTERHUB_PUBLIC_URL": "https://Hub.example.edu/user/ana/"}))
    ['hub', 'hub.example.edu']
    """
    environ = os.environ if environ is None else environ
    hosts = set()
    for variable in HUB_ADDRESSES:
        value = str(environ.get(variable) or "").strip()
        host = urlparse(value if "//" in value else "//" + value).hostname if value else None
        if host:
            hosts.add(host.lower())
    return hosts


def _check_token_goes_to_the_hub(where, url: str) -> None:
    """Refuse to send the hub token anywhere but the hub (or this machine): it opens the learner's account."""
    host = (where.hostname or "").lower()
    if _is_loopback(host):
        return
    if where.scheme != "https":
        raise ValueError(f"url must be https:// to send this kernel's JupyterHub token to another machine "
                         f"(plain http:// only to this one, such as http://127.0.0.1:8765/); got {url!r}")
    allowed = _hub_hosts()
    if host not in allowed:
        known = ", ".join(sorted(allowed)) or "none: this kernel was given no JUPYTERHUB_API_URL"
        raise ValueError(f"url must be on the hub's own host to send this kernel's JupyterHub token (the hub's hosts: "
                         f"{known}); got {url!r}. For another service give its class code (code=...); if this is "
                         "your hub under another name, its admin sets c.JupyterHub.public_url")


def _default_name() -> str:
    for variable in ("SMLEARN_CLASS_NAME", "JUPYTERHUB_USER"):
        if os.environ.get(variable, "").strip():
            return os.environ[variable].strip()
    import getpass

    try:
        return getpass.getuser()
    except Exception:   # no login name (some containers): the learner must say theirs
        raise ValueError("name must be given: this machine has no login name to use") from None


# ---- is class mode on?

_UNSET = object()
_lock = threading.Lock()
_chosen = _UNSET                       # a Link after join(), None after leave(), else the environment decides
_paused: dict[tuple, str] = {}         # links the service refused, with what it said
_warned: set = set()                   # what the log has said once already


def join(url: str, session: str, code: str | None = None, *, name: str | None = None) -> Link:
    """Turn class mode on in this kernel: each answer checked from now on also goes to the class service.

    Takes the arguments of :func:`make_link` and overrides the environment. Returns at once:
    records waiting from an earlier try to this session are sent in the background.
    """
    global _chosen
    link = make_link(url, session, code=code, name=name)
    with _lock:
        _chosen = link
        _paused.pop(link.target, None)
    place = _outbox_folder()
    if place is not None and (place / OUTBOX_NAME).is_file():
        _sender(place).wake.set()
    return link


def leave() -> None:
    """Turn class mode off in this kernel (whatever the environment says); waiting records stay in the outbox."""
    global _chosen
    with _lock:
        _chosen = None
        senders = list(_senders.values())
        _senders.clear()
    for sender in senders:
        sender.stop()


def active_link() -> Link | None:
    """The link records go to now, or None when class mode is off.

    :func:`join` and :func:`leave` decide; else ``SMLEARN_CLASS_URL`` and ``SMLEARN_CLASS_SESSION``
    (both, or class mode stays off and the log says why, once).
    """
    if _chosen is not _UNSET:
        return _chosen
    url = os.environ.get("SMLEARN_CLASS_URL", "").strip()
    session = os.environ.get("SMLEARN_CLASS_SESSION", "").strip()
    if not url and not session:
        return None
    try:
        if not (url and session):
            raise ValueError("SMLEARN_CLASS_URL and SMLEARN_CLASS_SESSION must both be set")
        return make_link(url, session, code=os.environ.get("SMLEARN_CLASS_CODE") or None)
    except ValueError as error:
        _warn_once(("environment", str(error)), "class mode stays off: %s", error)
        return None


# ---- the outbox

def queue(entry: dict, progress_path) -> str | None:
    """Put a progress record in the outbox and wake the sender; return its id (None when class mode is off).

    :func:`smlearn.progress.record` calls it after keeping the record. It never sends anything
    itself and never raises for a file it cannot write (the log says so, once).
    """
    check_instance("entry", entry, dict, "a progress record (smlearn.progress.record made it)")
    folder = check_path("progress_path", progress_path).parent.absolute()
    link = active_link()
    if link is None:
        return None
    _tell_once(link)
    record = {"id": uuid.uuid4().hex, **entry}
    line = json.dumps({"url": link.url, "session": link.session, "record": record}, ensure_ascii=False) + "\n"
    try:
        _append(folder / OUTBOX_NAME, line)
    except OSError as error:
        _warn_once(("outbox", str(folder)), "class mode cannot keep its outbox in %s (%s): this answer is kept "
                   "on this machine only", folder, error)
        return None
    _sender(folder).wake.set()
    return record["id"]


def _waiting(folder: Path) -> list[tuple[tuple, dict]]:
    """The outbox's records not yet acknowledged or refused, oldest first, each with its target."""
    try:
        text = (folder / OUTBOX_NAME).read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    done, seen, waiting = _done_ids(folder), set(), []
    for line in text.splitlines():
        try:
            item = json.loads(line)
            target, record = (item["url"], item["session"]), item["record"]
            record_id = record["id"]
        except (json.JSONDecodeError, TypeError, KeyError):
            continue       # a line cut short by a crash: its answer is still in the progress file
        if record_id not in done and record_id not in seen:
            seen.add(record_id)
            waiting.append((target, record))
    return waiting


def _batches(records: list[dict]) -> list[list[dict]]:
    """Records in order, cut into requests of at most LONGEST_BATCH records and LONGEST_BODY bytes."""
    batches, batch, size = [], [], 0
    room = LONGEST_BODY - 100       # the {"records": [...]} around them
    for record in records:
        length = len(json.dumps(record, ensure_ascii=False).encode("utf-8")) + 2
        if batch and (len(batch) == LONGEST_BATCH or size + length > room):
            batches.append(batch)
            batch, size = [], 0
        batch.append(record)
        size += length
    return batches + ([batch] if batch else [])


# ---- sending

class _NotNow(Exception):
    """The service could not be reached, or asked to try later: the records wait."""


class _LinkRefused(Exception):
    """The service refused the link (code, session): sending pauses until join() is called again."""


class _Refused(Exception):
    """The service refused the records it was sent (it checks every field): they are not sent again."""

    def __init__(self, status: int, message: str):
        super().__init__(f"{status} {message}")


def _post(link: Link, records: list[dict], timeout: float) -> None:
    """Send one batch; return if the service stored it (or had it), else raise saying why not."""
    body = json.dumps({"records": records}, ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(link.records_url, data=body, method="POST", headers={
        "Content-Type": "application/json", "Authorization": link.authorization})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
    except urllib.error.HTTPError as error:
        message = _message(error)
        if error.code in _RECORD_REFUSED:
            raise _Refused(error.code, message) from None
        if error.code in _TRY_LATER or error.code >= 500:
            raise _NotNow(f"{error.code} {message}") from None
        raise _LinkRefused(f"{error.code} {message}") from None
    except (OSError, http.client.HTTPException) as error:   # URLError, timeouts, a connection cut mid-answer
        raise _NotNow(str(error) or type(error).__name__) from None


def send_pending(folder=None, *, timeout: float = TIMEOUT) -> dict:
    """Send the outbox's waiting records for the active link now, in this thread; return what happened.

    The background sender calls it; a learner or a test may too. Records addressed to another
    session wait until that session is joined again.

    Returns
    -------
    dict
        ``sent`` (acknowledged now), ``refused`` (records the service refused, not sent again),
        ``waiting`` (still in the outbox for this link), ``error`` (why sending stopped, or None).
    """
    timeout = check_number("timeout", timeout, 0, 600, unit="seconds", low_open=True)
    folder = _outbox_folder(folder)
    link = active_link()
    outcome = {"sent": 0, "refused": 0, "waiting": 0, "error": None}
    if link is None or folder is None:
        return outcome
    with _folder_lock(folder):
        mine = [record for target, record in _waiting(folder) if target == link.target]
        if link.target in _paused:
            outcome.update(waiting=len(mine), error=_paused[link.target])
            return outcome
        try:
            for batch in _batches(mine):
                try:
                    _post(link, batch, timeout)
                    _mark(folder, batch, "acknowledged")
                    outcome["sent"] += len(batch)
                except _Refused as refusal:
                    if len(batch) == 1:
                        _refused(folder, batch[0], refusal)
                        outcome["refused"] += 1
                        continue
                    # The whole batch is refused for one bad record: send them one by one to find it.
                    for record in batch:
                        try:
                            _post(link, [record], timeout)
                            _mark(folder, [record], "acknowledged")
                            outcome["sent"] += 1
                        except _Refused as alone:
                            _refused(folder, record, alone)
                            outcome["refused"] += 1
        except _NotNow as error:
            outcome["error"] = str(error)
        except _LinkRefused as error:
            _paused[link.target] = str(error)
            outcome["error"] = str(error)
            log.warning("class mode: the service at %s refused session %s (%s); answers wait on this machine "
                        "until smlearn.classmode.join(...) is called again", link.url, link.session, error)
        except OSError as error:   # the done file cannot be written: the records are sent again later, harmlessly
            outcome["error"] = str(error)
        outcome["waiting"] = len(mine) - outcome["sent"] - outcome["refused"]
    return outcome


def _refused(folder: Path, record: dict, refusal: Exception) -> None:
    _mark(folder, [record], "refused")
    log.warning("the class service refused the answer to %s (%s); it stays on this machine and is not sent again",
                record.get("question"), refusal)


def _tell_once(link: Link) -> None:
    """Say in the learner's cell, at the first answer, that class mode is on and where answers go.

    A learner who joined knows; one whose hub or lab turned class mode on through the environment
    may not, so the first answer that would leave the kernel says so, once per kernel.
    """
    if _chosen is not _UNSET or ("told", link.target) in _warned:
        return
    _warned.add(("told", link.target))
    print(f"Class mode is on in this kernel (your hub or lab set SMLEARN_CLASS_URL): this answer, and each one "
          f"you check from now on, also goes to your class's service at {link.target[0]} (session "
          f"{link.session}), where your instructor sees it. smlearn.classmode.status() says what was sent; "
          f"smlearn.classmode.leave() turns class mode off in this kernel.")


def _warn_once(key, message: str, *args) -> None:
    if key not in _warned:
        _warned.add(key)
        log.warning(message, *args)


class _Sender:
    """A daemon thread per outbox: sends when woken (a new record) and retries after a pause that doubles."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.wake = threading.Event()
        self.stopped = False
        self.thread = threading.Thread(target=self._run, name=f"smlearn-class-sender {folder.name}", daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.stopped = True
        self.wake.set()

    def _run(self) -> None:
        pause = None
        while True:
            self.wake.wait(pause)
            self.wake.clear()
            if self.stopped:
                return
            try:
                outcome = send_pending(self.folder)
            except Exception:   # a bug here must not end class mode silently, nor reach the learner
                log.exception("class mode: sending failed")
                outcome = {"waiting": 1, "error": "unexpected"}
            if outcome["waiting"] and outcome["error"] and active_link() and active_link().target not in _paused:
                pause = FIRST_PAUSE if pause is None else min(2 * pause, LONGEST_PAUSE)
            else:
                pause = None


_senders: dict[Path, _Sender] = {}


def _sender(folder: Path) -> _Sender:
    with _lock:
        if folder not in _senders:
            _senders[folder] = _Sender(folder)
        return _senders[folder]


def status(folder=None) -> str:
    """A sentence saying whether class mode is on, where it sends, and how many answers wait.

    >>> status()
    'Class mode is off: your answers stay on this machine.'
    """
    place = _outbox_folder(folder)
    link = active_link()
    if link is None:
        return "Class mode is off: your answers stay on this machine."
    if place is None:
        return "Class mode is on, but SMLEARN_PROGRESS is off: no answer is kept, so none is sent."
    waiting = sum(1 for target, _ in _waiting(place) if target == link.target)
    who = f" as {link.user}" if link.user else ""
    text = f"Class mode is on: answers go to session {link.session} at {link.url}{who}; {waiting} waiting to be sent."
    if link.target in _paused:
        text += f" The service refused them ({_paused[link.target]}): join again once that is fixed."
    return text
