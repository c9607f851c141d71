"""Who is asking: bearer tokens and login sessions, CSRF, the login page and its rate limit.

A wiki with no accounts is served as before, read-only and to loopback only
(`serve` refuses other addresses). Once it has an account, every request must
carry `Authorization: Bearer TOKEN` or a session cookie made by /login (HttpOnly,
SameSite=Strict); without one, JSON routes answer 401 and pages redirect to
/login. A request made with the cookie that changes something must carry the
session's CSRF token (the `X-CSRF-Token` header, or the `csrf` field of a form).
Roles are checked per route with `require(role)`.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import defaultdict, deque
from urllib.parse import quote

from anyio import to_thread
from fastapi import APIRouter, FastAPI, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse

from lorebook.config import Wiki
from lorebook.store import accounts
from lorebook.store.accounts import User
from lorebook.web.hosts import is_loopback
from lorebook.store.db import database_for

HEADERS = {"Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; "
                                      "base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
           "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer", "Cache-Control": "no-store"}
COOKIE = "lb_session"
LOGIN_CSRF_COOKIE = "lb_login"
JSON_PREFIXES = ("/api/", "/mcp", "/metrics", "/openapi.json")
PUBLIC = ("/login", "/static/")
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
LOGIN_ATTEMPTS, LOGIN_WINDOW = 5, 60.0  # failed logins per client address per window (seconds)
ACCOUNTS_TTL = 2.0  # seconds a process trusts its answer to "does this wiki have accounts?"


def csrf_for(sid: str) -> str:
    """The CSRF token of a session: derived from its id, so it needs no storage and dies with it."""
    return hmac.new(sid.encode(), b"lorebook-csrf", hashlib.sha256).hexdigest()[:40]


class Gate:
    """Per-app state: the cached accounts check and the login rate limiter."""

    def __init__(self, wiki: Wiki):
        self.wiki = wiki
        self._checked = (0.0, False)
        self._failures: dict[str, deque] = defaultdict(deque)
        self._lock = threading.Lock()

    def accounts_on(self) -> bool:
        at, on = self._checked
        if time.monotonic() - at > ACCOUNTS_TTL:
            on = accounts.has_accounts(database_for(self.wiki))
            self._checked = (time.monotonic(), on)
        return on

    def identify(self, request: Request) -> tuple[bool, User | None, str | None]:
        """(accounts on?, the user, the session id when the cookie was used)."""
        if not self.accounts_on():
            return False, None, None
        db = database_for(self.wiki)
        auth = request.headers.get("authorization", "")
        if auth[:7].lower() == "bearer ":
            return True, accounts.authenticate(db, auth[7:].strip()), None
        sid = request.cookies.get(COOKIE)
        if sid:
            user = accounts.session_user(db, sid)
            return True, user, sid if user else None
        return True, None, None

    def too_many(self, client: str) -> bool:
        with self._lock:
            q = self._failures[client]
            while q and time.monotonic() - q[0] > LOGIN_WINDOW:
                q.popleft()
            return len(q) >= LOGIN_ATTEMPTS

    def failed(self, client: str) -> None:
        with self._lock:
            self._failures[client].append(time.monotonic())


def _is_json(path: str) -> bool:
    return path.startswith(JSON_PREFIXES)


def install(app: FastAPI, wiki: Wiki) -> None:
    """Authenticate every request (middleware), add /login and /logout."""
    gate = Gate(wiki)
    app.state.gate = gate

    @app.middleware("http")
    async def authenticate(request: Request, call_next):
        path = request.url.path
        on, user, sid = await to_thread.run_sync(gate.identify, request)
        request.state.accounts_on, request.state.user, request.state.sid = on, user, sid
        if on and user is None and not path.startswith(PUBLIC) and path != "/api/health":
            if _is_json(path):
                return JSONResponse({"error": "authentication required: send 'Authorization: Bearer TOKEN' "
                                              "(an admin creates one with `lorebook users add NAME --role reader`)"},
                                    status_code=401, headers={"WWW-Authenticate": "Bearer"})
            return RedirectResponse("/login?next=" + quote(path, safe="/"), status_code=303)
        if sid and request.method not in SAFE_METHODS and not path.startswith(PUBLIC):
            ctype = request.headers.get("content-type", "")
            if not ctype.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
                # forms are checked by their route (check_csrf), which reads the field
                if not hmac.compare_digest(request.headers.get("x-csrf-token", ""), csrf_for(sid)):
                    return JSONResponse({"error": "missing or wrong X-CSRF-Token; reload the page and retry"},
                                        status_code=403)
        return await call_next(request)

    app.include_router(_login_router(gate))


def current_user(request: Request) -> User | None:
    return getattr(request.state, "user", None)


def require(request: Request, role: str) -> User:
    """The user, if they hold `role` (or a higher one); else 401/403 with what to do."""
    user = current_user(request)
    if not getattr(request.state, "accounts_on", False):
        raise HTTPException(403, "this server has no accounts, so it is read-only; add one with "
                                 "`lorebook users add NAME --role editor` and sign in")
    if user is None:
        raise HTTPException(401, "sign in, or send 'Authorization: Bearer TOKEN'")
    if not user.can(role):
        raise HTTPException(403, f"{user.name} is a {user.role}; this needs the {role} role (ask an admin)")
    return user


def check_csrf(request: Request, token: str) -> None:
    """A form post made with the session cookie must carry the session's CSRF token."""
    sid = getattr(request.state, "sid", None)
    if sid and not hmac.compare_digest(token or "", csrf_for(sid)):
        raise HTTPException(403, "this form has expired or did not come from this site; reload the page and retry")


def csrf_field(request: Request) -> str:
    sid = getattr(request.state, "sid", None)
    return csrf_for(sid) if sid else ""


def _client(request: Request) -> str:
    return request.client.host if request.client else "?"


def _login_page(next_: str, csrf: str, error: str = "", status: int = 200) -> HTMLResponse:
    from lorebook.web.views_teams import render

    return HTMLResponse(render("login.html", gate_wiki=None, next=next_, csrf=csrf, error=error), status_code=status,
                        headers=HEADERS)


def _safe_next(next_: str) -> str:
    """Only a path on this site (no //host or scheme): the login page must not send people elsewhere."""
    return next_ if next_.startswith("/") and not next_.startswith("//") and "\\" not in next_ else "/"


def _login_router(gate: Gate) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.get("/login", response_class=HTMLResponse)
    def login_form(request: Request, next: str = "/"):
        csrf = secrets.token_urlsafe(16)
        resp = _login_page(_safe_next(next), csrf)
        resp.set_cookie(LOGIN_CSRF_COOKIE, csrf, httponly=True, samesite="strict", secure=request.url.scheme == "https")
        return resp

    @router.post("/login")
    def login(request: Request, token: str = Form(""), csrf: str = Form(""), next: str = Form("/")):
        client = _client(request)
        if gate.too_many(client):
            return JSONResponse({"error": "too many failed sign-ins; wait a minute and retry"}, status_code=429,
                                headers={"Retry-After": str(int(LOGIN_WINDOW))})
        if not csrf or not hmac.compare_digest(csrf, request.cookies.get(LOGIN_CSRF_COOKIE, "")):
            raise HTTPException(403, "this sign-in form has expired; reload the page and retry")
        user = accounts.authenticate(database_for(gate.wiki), token.strip())
        if user is None:
            gate.failed(client)
            fresh = secrets.token_urlsafe(16)
            resp = _login_page(_safe_next(next), fresh, "That token is not valid (or was revoked).", 401)
            resp.set_cookie(LOGIN_CSRF_COOKIE, fresh, httponly=True, samesite="strict", secure=request.url.scheme == "https")
            return resp
        sid = accounts.start_session(database_for(gate.wiki), user)
        resp = RedirectResponse(_safe_next(next), status_code=303)
        resp.set_cookie(COOKIE, sid, httponly=True, samesite="strict", secure=request.url.scheme == "https",
                        max_age=accounts.SESSION_HOURS * 3600)
        resp.delete_cookie(LOGIN_CSRF_COOKIE)
        return resp

    @router.post("/logout")
    def logout(request: Request, csrf: str = Form("")):
        sid = request.cookies.get(COOKIE)
        if sid:
            if not hmac.compare_digest(csrf, csrf_for(sid)):
                raise HTTPException(403, "this form has expired; reload the page and retry")
            accounts.end_session(database_for(gate.wiki), sid)
        resp = RedirectResponse("/login", status_code=303)
        resp.delete_cookie(COOKIE)
        return resp

    return router


def exposure_error(host: str, wiki: Wiki) -> str | None:
    """Why `serve` must not bind to `host`: a non-loopback address and no accounts (anyone could read)."""
    if is_loopback(host) or accounts.has_accounts(database_for(wiki)):
        return None
    return (f"refusing to serve on {host} without accounts: anyone who can reach it could read the wiki. "
            "Add one with `lorebook users add NAME --role admin` (see docs/teams.md), or serve on 127.0.0.1")
