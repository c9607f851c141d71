"""Accounts, tokens and sessions: who may read, edit or administer a served wiki, and the audit log.

A token is `lbk_<id>.<secret>`: the id finds its row, the secret is checked
against a salted scrypt hash (hashlib.scrypt), so the database never holds a
token in clear. Verifying scrypt costs tens of milliseconds, so a process
remembers the tokens it has verified (by a SHA-256 of the token, in memory
only) and still reads the token's row on every request: a revoke made by any
process takes effect at once everywhere.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import insert, select, update

from lorebook.model import ROLES
from lorebook.store import tables as T

RANK = {r: i for i, r in enumerate(ROLES)}
PREFIX = "lbk_"
SESSION_HOURS = 12
_SCRYPT = dict(n=2**14, r=8, p=1, dklen=32)
_verified: dict[str, str] = {}  # sha256(token) -> token id, for tokens this process has checked
_verified_lock = threading.Lock()


class AccountError(Exception):
    """A bad account name or role, an unknown account; the message says what to do."""


@dataclass(frozen=True)
class User:
    name: str
    role: str
    token_id: str

    def can(self, role: str) -> bool:
        return RANK[self.role] >= RANK[role]


def now() -> datetime:
    return datetime.now(timezone.utc)


def _iso(t: datetime) -> str:
    return t.isoformat(timespec="seconds")


def _hash(secret: str, salt: str) -> str:
    return hashlib.scrypt(secret.encode(), salt=bytes.fromhex(salt), **_SCRYPT).hex()


def _valid_name(name: str) -> str:
    name = (name or "").strip()
    if not name or len(name) > 100 or any(c in name for c in "\n\r\t/\\") or not name.isprintable():
        raise AccountError(f"'{name}' is not a usable account name; use letters, digits, '.', '-' or '_' (up to 100)")
    return name


def add_user(db, name: str, role: str, by: str) -> str:
    """Create the account (or give an existing one a new token and this role). Returns the new token."""
    name = _valid_name(name)
    if role not in ROLES:
        raise AccountError(f"unknown role '{role}'; use one of {', '.join(ROLES)}")
    token_id, secret = secrets.token_hex(6), secrets.token_urlsafe(32)
    salt = secrets.token_hex(16)
    stamp = _iso(now())
    with db.session() as s:
        row = s.execute(select(T.accounts.c.name).where(T.accounts.c.name == name)).first()
        if row is None:
            s.execute(insert(T.accounts).values(name=name, role=role, created=stamp, created_by=by, revoked=None))
        else:
            s.execute(update(T.accounts).where(T.accounts.c.name == name).values(role=role, revoked=None))
        s.execute(insert(T.tokens).values(id=token_id, account=name, salt=salt, hash=_hash(secret, salt),
                                          created=stamp, revoked=None))
        audit(s, by, "users-add", name, f"role {role}, token {token_id}")
    return f"{PREFIX}{token_id}.{secret}"


def list_users(db) -> list[dict]:
    q = select(T.accounts.c.name, T.accounts.c.role, T.accounts.c.created, T.accounts.c.created_by,
               T.accounts.c.revoked).order_by(T.accounts.c.name)
    with db.session() as s:
        rows = [dict(r._mapping) for r in s.execute(q)]
        live: dict[str, int] = {}
        for r in s.execute(select(T.tokens.c.account).where(T.tokens.c.revoked.is_(None))):
            live[r.account] = live.get(r.account, 0) + 1
    for r in rows:
        r["tokens"] = live.get(r["name"], 0)
    return rows


def revoke_user(db, name: str, by: str) -> None:
    """Revoke the account and every token and session it has; takes effect at the next request."""
    stamp = _iso(now())
    with db.session() as s:
        if s.execute(select(T.accounts.c.name).where(T.accounts.c.name == name)).first() is None:
            raise AccountError(f"no account '{name}'; see them with `lorebook users list`")
        s.execute(update(T.accounts).where(T.accounts.c.name == name).values(revoked=stamp))
        ids = list(s.execute(select(T.tokens.c.id).where(T.tokens.c.account == name)).scalars())
        s.execute(update(T.tokens).where(T.tokens.c.account == name, T.tokens.c.revoked.is_(None)).values(revoked=stamp))
        if ids:
            s.execute(T.sessions.delete().where(T.sessions.c.token_id.in_(ids)))
        audit(s, by, "users-revoke", name, "")


def has_accounts(db) -> bool:
    """Does this wiki have any account that is not revoked? (Then every request must authenticate.)"""
    with db.connect() as conn:
        return conn.execute(select(T.accounts.c.name).where(T.accounts.c.revoked.is_(None)).limit(1)).first() is not None


def _user_of(conn, token_id: str) -> User | None:
    row = conn.execute(
        select(T.accounts.c.name, T.accounts.c.role)
        .select_from(T.tokens.join(T.accounts, T.accounts.c.name == T.tokens.c.account))
        .where(T.tokens.c.id == token_id, T.tokens.c.revoked.is_(None), T.accounts.c.revoked.is_(None))
    ).first()
    return User(row.name, row.role, token_id) if row else None


def authenticate(db, token: str) -> User | None:
    """The user a bearer token belongs to, or None (unknown, malformed or revoked)."""
    if not token.startswith(PREFIX) or "." not in token or len(token) > 200:
        return None
    token_id, secret = token[len(PREFIX):].split(".", 1)
    key = hashlib.sha256(token.encode()).hexdigest()
    with db.connect() as conn:
        if _verified.get(key) != token_id:
            row = conn.execute(select(T.tokens.c.salt, T.tokens.c.hash).where(T.tokens.c.id == token_id)).first()
            if row is None or not hmac.compare_digest(_hash(secret, row.salt), row.hash):
                return None
            with _verified_lock:
                _verified[key] = token_id
        return _user_of(conn, token_id)


def start_session(db, user: User) -> str:
    """A new browser session for `user`; returns the cookie value (only its hash is stored)."""
    sid = secrets.token_urlsafe(32)
    t = now()
    with db.session() as s:
        s.execute(insert(T.sessions).values(id_hash=hashlib.sha256(sid.encode()).hexdigest(), token_id=user.token_id,
                                            created=_iso(t), expires=_iso(t + timedelta(hours=SESSION_HOURS))))
        audit(s, user.name, "login", user.name, f"token {user.token_id}")
    return sid


def session_user(db, sid: str) -> User | None:
    """The user of a live session cookie, or None (unknown, expired, or its token or account revoked)."""
    if not sid or len(sid) > 100:
        return None
    with db.connect() as conn:
        row = conn.execute(select(T.sessions.c.token_id, T.sessions.c.expires)
                           .where(T.sessions.c.id_hash == hashlib.sha256(sid.encode()).hexdigest())).first()
        if row is None or row.expires < _iso(now()):
            return None
        return _user_of(conn, row.token_id)


def end_session(db, sid: str) -> None:
    with db.session() as s:
        s.execute(T.sessions.delete().where(T.sessions.c.id_hash == hashlib.sha256(sid.encode()).hexdigest()))


def audit(s, actor: str, action: str, target: str, detail: str = "") -> None:
    """Record one write (inside the caller's transaction): who, what, when."""
    s.execute(insert(T.audit).values(time=_iso(now()), actor=actor, action=action, target=target, detail=detail))


def record(db, actor: str, action: str, target: str, detail: str = "") -> None:
    with db.session() as s:
        audit(s, actor, action, target, detail)


def audit_log(db, target: str | None = None, limit: int = 100) -> list[dict]:
    q = select(T.audit).order_by(T.audit.c.id.desc()).limit(limit)
    if target:
        q = q.where(T.audit.c.target == target)
    with db.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(q)]
