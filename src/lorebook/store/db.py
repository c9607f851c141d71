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
import operator
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
    `session()` or `connect()`. A short-lived command on a SQLite wiki that opted in with
    `light_reads()` (or `light_writes()`) reads through `read()`, and writes through
    `transaction()`, on one plain sqlite3 connection instead, as long as nothing in the process
    has needed the engine: that is the whole light path. The SQL is the same on both paths
    (plain strings with :named parameters), so a function does not know which one it runs on.
    """

    def __init__(self, url: str):
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        self._engine: Engine | None = None
        self._engine_lock = threading.Lock()
        self._light: _LightConnection | None = None
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
    def session(self) -> Iterator["_PooledReader"]:
        """A pooled connection in one transaction: committed on success, rolled back on error.

        It runs SQLAlchemy Core statements and plain SQL strings alike (see `_PooledReader`).
        Core only: no caller uses ORM objects, and not importing sqlalchemy.orm saves a
        one-shot CLI command about 40 ms of start-up.
        """
        with self.engine.begin() as conn:
            yield _PooledReader(conn)

    @contextmanager
    def transaction(self) -> Iterator["_LightConnection | _PooledReader"]:
        """A connection in one transaction for plain SQL (strings with :named parameters; a list of
        parameter dicts runs the statement once per dict): committed on success, rolled back on error.

        Inside `light_writes()`, on a SQLite wiki whose engine this process has not made, this is
        the process's one sqlite3 connection (with the pool's pragmas): the incremental write path
        of `lorebook ingest` then never imports SQLAlchemy. Otherwise it is `session()`."""
        if self._light_ok(_LIGHT_WRITES):
            light = self._light_connection(writable=True)
            with light.transaction():
                yield light
            return
        with self.session() as s:
            yield s

    @contextmanager
    def connect(self):
        with self.engine.connect() as conn:
            yield conn

    @contextmanager
    def read(self) -> Iterator["_LightConnection | _PooledReader"]:
        """A connection for read-only queries written as plain SQL with :named parameters.

        Rows have attribute access and `_asdict()`; results have `all()`, `first()`, `scalar()`,
        `scalars()`, as SQLAlchemy's. JSON columns may come back as text: decode with `json_value`.
        On the light path (see the class) this is the process's one sqlite3 connection, kept
        query-only unless the command writes too (`light_writes()`); otherwise a pooled connection
        from `connect()`."""
        if self._light_ok(_LIGHT_READS):
            yield self._light_connection(writable=_LIGHT_WRITES)
            return
        with self.connect() as conn:
            yield _PooledReader(conn)

    def _light_ok(self, enabled: bool) -> bool:
        return enabled and self._engine is None and self.is_sqlite and sqlite_path(self.url) is not None

    def _light_connection(self, writable: bool) -> "_LightConnection":
        if self._light is None:
            self._light = _LightConnection(sqlite_path(self.url), writable)
        elif writable:
            self._light.allow_writes()
        return self._light

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
_LIGHT_WRITES = False


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


@contextmanager
def light_writes() -> Iterator[None]:
    """`light_reads()`, and writes through `Database.transaction()` on the same one sqlite3 connection:
    for a short-lived single-threaded command that writes (`lorebook ingest`, `build`). Code that asks
    for the engine (`session()`, a migration) still makes it; from then on reads and transactions use
    the pool, while the light connection, which holds no transaction between calls, stays idle."""
    global _LIGHT_READS, _LIGHT_WRITES
    before = _LIGHT_READS, _LIGHT_WRITES
    _LIGHT_READS = _LIGHT_WRITES = True
    try:
        yield
    finally:
        _LIGHT_READS, _LIGHT_WRITES = before


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


class _LightConnection:
    """One plain sqlite3 connection: the light path. Query-only for reads; for writes (`light_writes()`)
    it gets the pool's pragmas, and transactions as the pool's pysqlite connections have them: the driver
    begins one before the first write, `transaction()` commits it or rolls it back."""

    dialect = type("dialect", (), {"name": "sqlite", "paramstyle": "qmark"})()

    def __init__(self, path: str, writable: bool = False):
        self._conn = sqlite3.connect(path, timeout=60, check_same_thread=False)
        self._lock = threading.RLock()
        self._writable = False
        if writable:
            self.allow_writes()
        else:
            self._conn.execute("PRAGMA busy_timeout=60000")
            self._conn.execute("PRAGMA query_only=1")

    def allow_writes(self) -> None:
        if not self._writable:
            with self._lock:
                self._conn.execute("PRAGMA query_only=0")
                _sqlite_pragmas(self._conn, None)
                self._writable = True

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self._lock:
            try:
                yield
            except BaseException:
                self._conn.rollback()
                raise
            self._conn.commit()

    def execute(self, sql: str, params: dict | list | None = None) -> _Rows:
        if not isinstance(sql, str):
            raise TypeError("the light path runs plain SQL strings only")
        with self._lock:
            if isinstance(params, list):
                return _Rows(self._conn.executemany(sql, params))
            return _Rows(self._conn.execute(sql, params or {}))

    exec_driver_sql = execute  # insert_many's positional rows

    def close(self) -> None:
        self._conn.close()


class _PooledReader:
    """A pooled SQLAlchemy connection that also runs plain SQL strings (a list of parameter dicts:
    once per dict).

    On SQLite a string goes straight to the pooled connection's sqlite3 driver (rows as on the
    light path), inside the same transaction as the connection's other statements: SQLAlchemy's
    statement and result layers were a fifth of an in-process search (`bench/search.py`). On other
    databases it runs as `text()`. Anything else (Core statements, other methods) goes to the connection."""

    __slots__ = ("_conn", "_driver")

    def __init__(self, conn: Connection):
        self._conn = conn
        self._driver = conn.connection.driver_connection if conn.dialect.name == "sqlite" else None

    def execute(self, statement, params: dict | list | None = None, *args, **kwargs):
        if isinstance(statement, str):
            if self._driver is not None:
                if isinstance(params, list):
                    return _Rows(self._driver.executemany(statement, params))
                return _Rows(self._driver.execute(statement, params or {}))
            from sqlalchemy import text

            statement = text(statement)
        if params is None:
            return self._conn.execute(statement, *args, **kwargs)
        return self._conn.execute(statement, params, *args, **kwargs)

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
    """Bulk rows of plain values straight to the driver's executemany, on a connection from session() or
    transaction(); `table` is a table or its name.

    SQLAlchemy's per-row bind processing was a third of a 10,000-source save.
    Values must already be what the column stores (JSON as text, bools as bools).
    """
    if not rows:
        return
    cols = list(rows[0])
    get = operator.itemgetter(*cols)  # one C call a row, not a generator (3.6 million values at 3,000 sources)
    insert_rows(s, table, cols, list(map(get, rows)) if len(cols) > 1 else [(get(r),) for r in rows])


def insert_rows(s, table, cols, rows: list[tuple]) -> None:
    """`insert_many` of rows given as tuples of the values of `cols`, in that order."""
    if not rows:
        return
    mark = "?" if s.dialect.paramstyle == "qmark" else "%s"
    name = table if isinstance(table, str) else table.name
    s.exec_driver_sql(f"INSERT INTO {name} ({', '.join(cols)}) VALUES ({', '.join([mark] * len(cols))})", rows)


def marks(name: str, values) -> tuple[str, dict]:
    """`:name0, :name1, …` and their parameters, for `IN (…)` in plain SQL."""
    values = list(values)
    return ", ".join(f":{name}{i}" for i in range(len(values))), {f"{name}{i}": v for i, v in enumerate(values)}


def in_marks(values) -> str:
    """The `:p0, :p1, …` of an `IN (…)` list; `in_params(values)` gives their parameters."""
    return marks("p", values)[0]


def in_params(values, **more) -> dict:
    """The parameters of `in_marks(values)`, with `more` named ones."""
    return dict(marks("p", values)[1], **more)


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
