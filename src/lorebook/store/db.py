"""The ONE database engine and its pool. Nothing else in Lorebook opens a connection.

The seeds' own postmortem was a connection leak: a code path that opened its own
connection per request. So every query goes through `Database.session()` /
`Database.connect()` here, a test greps the code base for other engines, and the
pool's size and use are observable (`pool_status`).
"""

from __future__ import annotations

import collections
import json
import logging
import os
import sqlite3
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from lorebook.config import Wiki

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

WARN_USE = 0.8  # log a warning when more than this share of the pool's connections is checked out
log = logging.getLogger("lorebook.store")
_engines: dict[str, "Database"] = {}
_lock = threading.Lock()


class Database:
    """One engine + one pool per database URL per process.

    The engine (and with it SQLAlchemy, ~0.12 s to import) is made on first use of `engine`,
    `session()` or `connect()`. A read-only command on a SQLite wiki that opted in with
    `light_reads()` reads through `read()` on one plain sqlite3 connection instead, as long as
    nothing in the process has needed the engine: that is the whole light path.
    """

    def __init__(self, url: str):
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        self._engine: Engine | None = None
        self._engine_lock = threading.Lock()
        self._light: _LightReader | None = None
        self.peak_checked_out = 0
        self._checked_out = 0
        self._count_lock = threading.Lock()
        self._warned = False

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            with self._engine_lock:
                if self._engine is None:
                    self._engine = self._make_engine()
        return self._engine

    @property
    def engine_started(self) -> bool:
        """Whether this process has made the engine (and imported SQLAlchemy) for this database."""
        return self._engine is not None

    def _make_engine(self) -> Engine:
        from sqlalchemy import create_engine, event
        from sqlalchemy.pool import QueuePool

        url = self.url
        kwargs: dict = {"future": True}
        if self.is_sqlite:
            kwargs["connect_args"] = {"check_same_thread": False, "timeout": 60}
            kwargs["pool_size"] = 8
            kwargs["max_overflow"] = 8
        else:
            kwargs["pool_size"] = 10
            kwargs["max_overflow"] = 10
            kwargs["pool_pre_ping"] = True
        kwargs["poolclass"] = QueuePool
        engine = create_engine(url, **kwargs)
        if self.is_sqlite:
            event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "checkout", self._on_checkout)
        event.listen(engine, "checkin", self._on_checkin)
        return engine

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
        if self._engine is None:
            return 0
        pool = self._engine.pool
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

    @contextmanager
    def read(self) -> Iterator["_LightReader | _PooledReader"]:
        """A connection for read-only queries written as plain SQL with :named parameters.

        Rows have attribute access and `_asdict()`; results have `all()`, `first()`, `scalar()`,
        `scalars()`, as SQLAlchemy's. JSON columns may come back as text: decode with `json_value`.
        On the light path (see the class) this is the process's one sqlite3 connection, kept
        query-only; otherwise a pooled connection from `connect()`."""
        if self._engine is None and _LIGHT_READS and self.is_sqlite and sqlite_path(self.url) is not None:
            if self._light is None:
                self._light = _LightReader(sqlite_path(self.url))
            yield self._light
            return
        with self.connect() as conn:
            yield _PooledReader(conn)

    def pool_status(self) -> dict:
        if self._engine is None:
            return {"size": None, "max_overflow": None, "checked_out": 0, "peak_checked_out": 0, "max": 0, "use": 0.0}
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
        if self._light is not None:
            self._light.close()
            self._light = None
        if self._engine is not None:
            self._engine.dispose()


_LIGHT_READS = False


@contextmanager
def light_reads() -> Iterator[None]:
    """Within this block, read SQLite wikis through `Database.read()` without SQLAlchemy: for a
    short-lived read-only command (`lorebook search`, `ask`, `show`, `pages`). Anything that needs
    the engine (a write, a migration, PostgreSQL) still makes it, and reads after that use its pool."""
    global _LIGHT_READS
    before, _LIGHT_READS = _LIGHT_READS, True
    try:
        yield
    finally:
        _LIGHT_READS = before


def sqlite_path(url: str) -> str | None:
    """The file of a `sqlite:///PATH` URL; None for anything else (memory, other drivers, options)."""
    prefix = "sqlite:///"
    if not url.startswith(prefix) or "?" in url or len(url) == len(prefix):
        return None
    return url[len(prefix):]


def json_value(v):
    """A JSON column's value: plain SQL on SQLite returns its text, drivers that know the type return it decoded."""
    return json.loads(v) if isinstance(v, str) else v


class _Rows:
    """A cursor's result with the methods of SQLAlchemy's Result the read queries use; rows are
    named tuples (attribute access and `_asdict()`, as SQLAlchemy's rows), one class per column list."""

    __slots__ = ("_cur", "_make")

    def __init__(self, cur: sqlite3.Cursor):
        self._cur = cur
        self._make = _row_type(cur.description)._make if cur.description else tuple

    def __iter__(self):
        return map(self._make, self._cur)

    def all(self) -> list:
        return list(map(self._make, self._cur.fetchall()))

    def first(self):
        row = self._cur.fetchone()
        self._cur.close()
        return None if row is None else self._make(row)

    def scalar(self):
        row = self._cur.fetchone()
        self._cur.close()
        return None if row is None else row[0]

    def scalars(self) -> "_Scalars":
        return _Scalars(r[0] for r in self._cur)


class _Scalars(list):
    def all(self) -> list:
        return list(self)


_ROW_TYPES: dict[tuple, type] = {}


def _row_type(description) -> type:
    names = tuple(d[0] for d in description)
    cls = _ROW_TYPES.get(names)
    if cls is None:
        cls = _ROW_TYPES[names] = collections.namedtuple("Row", names, rename=True)
    return cls


class _LightReader:
    """One plain sqlite3 connection, query-only, with the pool's busy timeout: the light read path."""

    dialect = type("dialect", (), {"name": "sqlite"})()

    def __init__(self, path: str):
        self._conn = sqlite3.connect(path, timeout=60, isolation_level=None, check_same_thread=False)
        self._conn.execute("PRAGMA busy_timeout=60000")
        self._conn.execute("PRAGMA query_only=1")
        self._lock = threading.Lock()

    def execute(self, sql: str, params: dict | None = None) -> _Rows:
        if not isinstance(sql, str):
            raise TypeError("the light read path runs plain SQL strings only")
        with self._lock:
            return _Rows(self._conn.execute(sql, params or {}))

    def close(self) -> None:
        self._conn.close()


class _PooledReader:
    """A pooled SQLAlchemy connection that also runs plain SQL strings.

    On SQLite a string goes straight to the pooled connection's sqlite3 driver (rows as on the
    light path): SQLAlchemy's statement and result layers were a fifth of an in-process search
    (`bench/search.py`). On other databases it runs as `text()`."""

    __slots__ = ("_conn", "_driver")

    def __init__(self, conn: Connection):
        self._conn = conn
        self._driver = conn.connection.driver_connection if conn.dialect.name == "sqlite" else None

    def execute(self, statement, params: dict | None = None):
        if isinstance(statement, str):
            if self._driver is not None:
                return _Rows(self._driver.execute(statement, params or {}))
            from sqlalchemy import text

            statement = text(statement)
        return self._conn.execute(statement, params or {})

    def __getattr__(self, name):
        return getattr(self._conn, name)


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
    path = sqlite_path(db.url)
    if path is not None and not os.path.exists(path):
        return False
    try:
        with db.read() as conn:
            have = {r[0] for r in conn.execute("SELECT version_num FROM alembic_version")}
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
    with db.read() as conn:
        return [r[0] for r in conn.execute("SELECT version_num FROM alembic_version")]
