"""The ONE database engine and its pool. Nothing else in Lorebook opens a connection.

The seeds' own postmortem was a connection leak: a code path that opened its own
connection per request. So every query goes through `Database.session()` /
`Database.connect()` here, a test greps the code base for other engines, and the
pool's size and use are observable (`pool_status`).
"""

from __future__ import annotations

import logging
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Connection, Engine

from lorebook.config import Wiki

WARN_USE = 0.8  # log a warning when more than this share of the pool's connections is checked out
log = logging.getLogger("lorebook.store")
_engines: dict[str, "Database"] = {}
_lock = threading.Lock()


class Database:
    """One engine + one pool per database URL per process."""

    def __init__(self, url: str):
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        kwargs: dict = {"future": True}
        if self.is_sqlite:
            kwargs["connect_args"] = {"check_same_thread": False, "timeout": 60}
            kwargs["pool_size"] = 8
            kwargs["max_overflow"] = 8
        else:
            kwargs["pool_size"] = 10
            kwargs["max_overflow"] = 10
            kwargs["pool_pre_ping"] = True
        from sqlalchemy.pool import QueuePool

        kwargs["poolclass"] = QueuePool
        self.engine: Engine = create_engine(url, **kwargs)
        self.peak_checked_out = 0
        self._checked_out = 0
        self._count_lock = threading.Lock()
        self._warned = False
        if self.is_sqlite:
            event.listen(self.engine, "connect", _sqlite_pragmas)
        event.listen(self.engine, "checkout", self._on_checkout)
        event.listen(self.engine, "checkin", self._on_checkin)

    def _on_checkout(self, *_):
        with self._count_lock:
            self._checked_out += 1
            self.peak_checked_out = max(self.peak_checked_out, self._checked_out)
            busy = self._checked_out > WARN_USE * self.max_connections()
            if busy and not self._warned:
                log.warning("database pool above %d%% of its maximum: %d of %d connections in use (%s); "
                            "a leak, or more load than --workers and the pool size were set for",
                            int(WARN_USE * 100), self._checked_out, self.max_connections(), self.engine.url.get_backend_name())
            self._warned = busy

    def max_connections(self) -> int:
        pool = self.engine.pool
        return (getattr(pool, "size", lambda: 0)() or 0) + max(0, getattr(pool, "_max_overflow", 0) or 0)

    def _on_checkin(self, *_):
        with self._count_lock:
            self._checked_out -= 1

    @contextmanager
    def session(self) -> Iterator[Connection]:
        """A connection in one transaction: committed on success, rolled back on error.

        Core only: every caller runs SQL expressions, none uses ORM objects, and not
        importing sqlalchemy.orm saves a one-shot CLI command about 40 ms of start-up.
        """
        with self.engine.begin() as conn:
            yield conn

    @contextmanager
    def connect(self):
        with self.engine.connect() as conn:
            yield conn

    def pool_status(self) -> dict:
        pool = self.engine.pool
        size = getattr(pool, "size", lambda: None)()
        return {
            "size": size,
            "max_overflow": getattr(pool, "_max_overflow", None),
            "checked_out": self._checked_out,
            "peak_checked_out": self.peak_checked_out,
            "max": self.max_connections(),
            "use": round(self._checked_out / max(1, self.max_connections()), 3),
        }

    def dispose(self) -> None:
        self.engine.dispose()


def _sqlite_pragmas(dbapi_conn, _record):
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=60000")
    cur.close()


def insert_many(s, table, rows: list[dict]) -> None:
    """Bulk rows of plain values straight to the driver's executemany, on a pooled connection from session().

    SQLAlchemy's per-row bind processing was a third of a 10,000-source save.
    Values must already be what the column stores (JSON as text, bools as bools).
    """
    if not rows:
        return
    cols = list(rows[0])
    mark = "?" if s.dialect.paramstyle == "qmark" else "%s"
    sql = f"INSERT INTO {table.name} ({', '.join(cols)}) VALUES ({', '.join([mark] * len(cols))})"
    s.exec_driver_sql(sql, [tuple(r[c] for c in cols) for r in rows])


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def get_database(url: str) -> Database:
    """The process-wide Database for `url`, created and migrated on first use."""
    with _lock:
        db = _engines.get(url)
        if db is None:
            db = Database(url)
            migrate(db)
            _engines[url] = db
        return db


def database_for(wiki: Wiki) -> Database:
    """The wiki's Database (the process-wide engine for its URL), migrated."""
    return get_database(wiki.database_url)


def forget(url: str) -> None:
    """Close the pool for `url` and drop it from the process (a test database about to be dropped)."""
    with _lock:
        db = _engines.pop(url, None)
    if db is not None:
        db.dispose()


def is_sqlite(s) -> bool:
    """Whether a session or connection talks to SQLite (the search SQL differs: FTS5 there, tsvector on PostgreSQL)."""
    return s.dialect.name == "sqlite"


def close_all() -> None:
    with _lock:
        for db in _engines.values():
            db.dispose()
        _engines.clear()


def _script_heads(versions_dir: Path) -> set[str]:
    """Head revisions, read straight from the migration files (no Alembic import: fast CLI starts)."""
    import re

    revs, downs = set(), set()
    for f in versions_dir.glob("*.py"):
        text = f.read_text(encoding="utf-8")
        m = re.search(r'^revision\s*=\s*["\']([^"\']+)', text, re.M)
        if m:
            revs.add(m.group(1))
        d = re.search(r"^down_revision\s*=\s*(.+)$", text, re.M)
        if d:
            downs |= set(re.findall(r'["\']([^"\']+)["\']', d.group(1)))
    return revs - downs


def _up_to_date(db: Database) -> bool:
    try:
        with db.engine.connect() as conn:
            have = {r[0] for r in conn.execute(text("SELECT version_num FROM alembic_version"))}
    except Exception:
        return False
    heads = _script_heads(Path(__file__).parent / "migrations" / "versions")
    return bool(heads) and have == heads


def migrate(db: Database) -> None:
    """Apply every Alembic migration (all heads) on the shared engine."""
    if _up_to_date(db):
        return
    from alembic import command
    from alembic.config import Config

    here = Path(__file__).parent
    cfg = Config()
    cfg.set_main_option("script_location", str(here / "migrations"))
    cfg.set_main_option("sqlalchemy.url", db.url)
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "heads")


def schema_version(db: Database) -> list[str]:
    with db.connect() as conn:
        return [r[0] for r in conn.execute(text("SELECT version_num FROM alembic_version"))]
