"""Who is asking: the two ways into the class service, behind one small interface.

A gate answers one question for each request, :meth:`Gate.identify`: which user is this, and is
that user an instructor? It raises :class:`~smlearn.classmode.records.Refused` with status 401
when the request carries no credentials or wrong ones. The web app decides what each role may
do (:mod:`smlearn.classmode.app`); a gate only says who.

- :class:`HubGate`, on JupyterHub: a kernel sends ``Authorization: token <JUPYTERHUB_API_TOKEN>``
  (the token the hub already gave the student's server) and the hub says whose it is; a browser
  logs in through the hub's OAuth (``<prefix>login``) and then carries a cookie. Instructors are
  the members of a hub group named in the service's configuration (``instructors`` by default),
  which the service reads with its own token (it needs the scope ``read:groups!group=<name>``).
  A token must also carry the service's access scope (``access:services!service=smlearn-class``,
  what JupyterHub's own ``HubAuthenticated`` asks for), or the answer is 403: any other token a
  user holds (one made for another tool, with other scopes) does not speak for them here. Users
  get the scope from the hub's ``user`` role, kernels from its ``server`` role (the deployment
  guide's configurations give both).
- :class:`ClassCodeGate`, for ``smlearn class serve`` without a hub: HTTP Basic authentication,
  the student's chosen name as the user and the class code as the password; the instructor uses
  the instructor code. With a code anyone who has it can pick any name, as in any classroom
  quiz tool without accounts: use the hub where it matters who said what. Codes are long enough
  not to be guessed (8 characters for students, 12 for the instructor, at least), and an address
  that sends :data:`WRONG_CODES_ALLOWED` wrong codes within a minute is refused (429) for the rest
  of that minute, whatever it sends: a whole classroom behind one router makes that many typing
  mistakes rarely, and a guesser gets 30 tries a minute.

Examples
--------
>>> gate = ClassCodeGate("tulip-42", "oak-tree-instructor-7")
>>> gate.check_basic("Basic " + __import__("base64").b64encode(b"ana:tulip-42").decode())
Identity(name='ana', instructor=False)
"""

from __future__ import annotations

import base64
import binascii
import hmac
import json
import logging
import secrets
import time
from dataclasses import dataclass

from smlearn.classmode.records import LONGEST_NAME, Refused
from smlearn.params import check_number, check_text

__all__ = ["Identity", "Gate", "ClassCodeGate", "HubGate", "new_code", "SHORTEST_CODES", "WRONG_CODES_ALLOWED",
           "WRONG_CODE_WINDOW"]

log = logging.getLogger("smlearn.classmode")
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"   # no 0/o, 1/l/i: codes are read off a projector
SHORTEST_CODES = {"student_code": 8, "instructor_code": 12}   # a code given by hand; new ones are 8 and 16
WRONG_CODES_ALLOWED = 30       # wrong codes an address may send within WRONG_CODE_WINDOW seconds
WRONG_CODE_WINDOW = 60.0


@dataclass(frozen=True)
class Identity:
    """The user a request comes from, and whether that user may see the instructor's views."""

    name: str
    instructor: bool


def new_code(length: int = 8) -> str:
    """A random code of ``length`` letters and digits that are hard to confuse (8 for students: 2^40 choices).

    >>> len(new_code(12))
    12
    """
    length = check_number("length", length, 4, 64, integer=True)
    return "".join(secrets.choice(_ALPHABET) for _ in range(length))


class Gate:
    """The interface: say who a request is from, and what extra routes and settings the web app needs."""

    kind = "gate"

    async def identify(self, handler) -> Identity:
        """The request's user (``handler`` is the tornado request handler); 401 :class:`Refused` if none."""
        raise NotImplementedError

    def routes(self, prefix: str) -> list:
        """Extra tornado routes (a login page, an OAuth callback)."""
        return []

    def app_settings(self) -> dict:
        """Extra tornado application settings (a cookie secret)."""
        return {}

    def challenge(self) -> str:
        """The ``WWW-Authenticate`` header of a 401 answer: how to sign in."""
        return ""

    def login_url(self, prefix: str) -> str | None:
        """Where a browser signs in (the dashboard sends it there), or None when the browser asks by itself (Basic)."""
        return None

    def page_token(self, handler) -> str:
        """A token the dashboard's page carries and its script sends back (``X-XSRFToken``); empty if none is needed."""
        return ""


class ClassCodeGate(Gate):
    """Class codes without a hub: HTTP Basic with the student's name and the class code.

    Parameters
    ----------
    student_code, instructor_code : str, optional
        At most 64 printable characters without spaces, at least 8 for students and 12 for the
        instructor (:data:`SHORTEST_CODES`); new random ones when left out (the instructor's is
        twice as long: it opens every student's answers).
    clock : callable, optional
        Returns seconds (``time.monotonic`` by default): tests move it to end a refusal.
    """

    kind = "class code"

    def __init__(self, student_code: str | None = None, instructor_code: str | None = None, *, clock=time.monotonic):
        self.student_code = student_code or new_code(8)
        self.instructor_code = instructor_code or new_code(16)
        for name, code in (("student_code", self.student_code), ("instructor_code", self.instructor_code)):
            check_text(name, code)
            shortest = SHORTEST_CODES[name]
            if not shortest <= len(code) <= 64 or any(c.isspace() or not c.isprintable() for c in code):
                raise ValueError(f"{name} must be {shortest} to 64 printable characters without spaces (a shorter "
                                 f"code can be guessed); got {len(code)} characters")
        if self.student_code == self.instructor_code:
            raise ValueError("student_code and instructor_code must differ: the instructor's opens every answer")
        self._clock = clock
        self._wrong: dict[str, list[float]] = {}     # address -> when its recent wrong codes came

    def challenge(self) -> str:
        return 'Basic realm="smlearn class", charset="UTF-8"'

    async def identify(self, handler) -> Identity:
        return self.check_basic(handler.request.headers.get("Authorization", ""), address=handler.request.remote_ip)

    def check_basic(self, header: str, *, address: str = "") -> Identity:
        """The identity in an ``Authorization: Basic ...`` header's value; 401 :class:`Refused` if none.

        ``address`` is where the request came from: one that sent too many wrong codes lately gets
        429 for every try, right or wrong, so that a guess that happens to be right says nothing.
        """
        now = self._clock()
        recent = [t for t in self._wrong.get(address, ()) if now - t < WRONG_CODE_WINDOW]
        if len(recent) >= WRONG_CODES_ALLOWED:
            wait = WRONG_CODE_WINDOW - (now - recent[0])
            raise Refused(f"too many wrong class codes from this address ({len(recent)} within a minute): "
                          f"try again in {max(1, round(wait))} s", 429)
        try:
            return self._identity(header)
        except Refused as refusal:
            if refusal.wrong_code:
                self._wrong[address] = [*recent, now]
            raise

    def _identity(self, header: str) -> Identity:
        how = "send your name and the class code (HTTP Basic: the name as user, the code as password)"
        if not header:
            raise Refused(f"no credentials: {how}", 401)
        scheme, _, value = header.partition(" ")
        if scheme.lower() != "basic":
            raise Refused(f"this class uses a class code, not {scheme!r} credentials: {how}", 401)
        try:
            name, colon, code = base64.b64decode(value.strip(), validate=True).decode("utf-8").partition(":")
        except (binascii.Error, UnicodeDecodeError):
            raise Refused(f"the Basic credentials are not base64 of UTF-8 'name:code': {how}", 401) from None
        if not colon:
            raise Refused(f"the Basic credentials have no ':' between name and code: {how}", 401)
        name = name.strip()
        if not 0 < len(name) <= LONGEST_NAME or not name.isprintable():
            raise Refused(f"the name must be 1 to {LONGEST_NAME} printable characters; got {len(name)}", 401)
        # compare_digest: how long a wrong code takes to refuse says nothing about how close it was
        if hmac.compare_digest(code.encode(), self.instructor_code.encode()):
            return Identity(name, True)
        if hmac.compare_digest(code.encode(), self.student_code.encode()):
            return Identity(name, False)
        wrong = Refused("the class code is wrong: ask your instructor for it", 401)
        wrong.wrong_code = True
        raise wrong


class HubGate(Gate):
    """JupyterHub's users, through the hub's API (tokens) and OAuth (browsers).

    Parameters
    ----------
    instructor_group : str
        The hub group whose members are instructors.
    hub_auth : jupyterhub.services.auth.HubOAuth, optional
        Made from the environment JupyterHub gives a managed service when left out
        (``JUPYTERHUB_API_TOKEN``, ``JUPYTERHUB_API_URL``, ``JUPYTERHUB_CLIENT_ID``, ...).
    group_seconds : float
        How long the group's members are remembered before the hub is asked again: a user added
        to the group becomes an instructor within this time.

    Raises
    ------
    ValueError
        When ``hub_auth`` has no access scopes (``access_scopes``; from the environment, JupyterHub
        sets ``JUPYTERHUB_OAUTH_ACCESS_SCOPES`` for a managed service): the gate would refuse everyone.
    """

    kind = "JupyterHub"

    def __init__(self, instructor_group: str = "instructors", *, hub_auth=None, group_seconds: float = 30.0):
        check_text("instructor_group", instructor_group)
        self.group_seconds = check_number("group_seconds", group_seconds, 0, 3600)
        # Imported here: jupyterhub is needed only by a service that runs on a hub (the [hub] extra).
        from jupyterhub.services.auth import HubOAuth

        self.instructor_group = instructor_group
        self.hub_auth = hub_auth if hub_auth is not None else HubOAuth(cache_max_age=60)
        if not self.hub_auth.access_scopes:
            raise ValueError("hub_auth must have access_scopes, such as {'access:services!service=smlearn-class'} "
                             "(JupyterHub sets JUPYTERHUB_OAUTH_ACCESS_SCOPES for a managed service); got none")
        self._members: tuple[float, frozenset] | None = None

    def challenge(self) -> str:
        return 'token realm="JupyterHub"'

    def login_url(self, prefix: str) -> str | None:
        return prefix + "login"

    def page_token(self, handler) -> str:
        # JupyterHub (4.1 and later) takes a browser's hub cookie on a script's request (fetch) only with
        # the page's XSRF token in an X-XSRFToken header: so another site's page cannot use the cookie.
        # handler.xsrf_token is the hub's kind once get_user has run (HubOAuth patches it in).
        token = handler.xsrf_token
        return token.decode("ascii") if isinstance(token, bytes) else token

    async def identify(self, handler) -> Identity:
        model = await self.hub_auth.get_user(handler, sync=False)
        if not model:
            raise Refused("no credentials: send 'Authorization: token <your JUPYTERHUB_API_TOKEN>' (a kernel on the hub"
                          f" has it in its environment), or log in with the hub at {self.hub_auth.base_url}login", 401)
        if model.get("kind", "user") != "user":
            raise Refused(f"only hub users take part in a class; this token belongs to the {model.get('kind')}"
                          f" {model.get('name')!r}", 403)
        # As HubAuthenticated does: the token must be meant for this service, not just any valid token
        # of the user's (one made for another tool, with other scopes, must not speak for them here).
        if not self.hub_auth.check_scopes(self.hub_auth.access_scopes, {"scopes": model.get("scopes") or []}):
            raise Refused(f"this token of {model.get('name')!r} does not carry the class service's access scope "
                          f"({' or '.join(sorted(self.hub_auth.access_scopes))}): the hub's admin gives it to users "
                          "and to their servers' tokens (roles 'user' and 'server', docs/instructors/class_mode.md)",
                          403)
        name = model["name"]
        instructor = self.instructor_group in (model.get("groups") or ()) or name in await self.members()
        return Identity(name, instructor)

    async def members(self) -> frozenset:
        """The instructor group's members, asked of the hub with the service's token (kept ``group_seconds``)."""
        now = time.monotonic()
        if self._members is not None and now - self._members[0] < self.group_seconds:
            return self._members[1]
        from tornado.httpclient import AsyncHTTPClient, HTTPClientError

        url = f"{self.hub_auth.api_url.rstrip('/')}/groups/{self.instructor_group}"
        try:
            response = await AsyncHTTPClient().fetch(url, headers={"Authorization": f"token {self.hub_auth.api_token}"})
            users = frozenset(json.loads(response.body)["users"])
        except HTTPClientError as error:
            if error.code != 404:
                raise Refused(f"the hub did not say who is in the group {self.instructor_group!r} ({error.code}); "
                              "the service needs the scope read:groups for it", 502) from None
            log.warning("the hub has no group %r: nobody is an instructor", self.instructor_group)
            users = frozenset()
        self._members = (now, users)
        return users

    def routes(self, prefix: str) -> list:
        from jupyterhub.services.auth import HubOAuthCallbackHandler, HubOAuthenticated
        from tornado.web import RequestHandler, authenticated

        class Callback(HubOAuthCallbackHandler):
            """Finishes the hub's OAuth: sets the cookie that identifies a browser."""

            def initialize(self, hub_auth):
                self.hub_auth = hub_auth

        class Login(HubOAuthenticated, RequestHandler):
            """Sends a browser through the hub's login, then back into the service."""

            def initialize(self, hub_auth):
                self.hub_auth = hub_auth

            @authenticated
            def get(self):
                target = self.get_argument("next", prefix)
                # only back into this service: an open redirect would lend the service's name to any site
                self.redirect(target if target.startswith(prefix) and not target.startswith("//") else prefix)

        return [(prefix + "oauth_callback", Callback, {"hub_auth": self.hub_auth}),
                (prefix + "login", Login, {"hub_auth": self.hub_auth})]

    def app_settings(self) -> dict:
        # A fresh secret at each start: a restart logs browsers out, and the hub logs them straight back in.
        return {"cookie_secret": secrets.token_bytes(32)}
