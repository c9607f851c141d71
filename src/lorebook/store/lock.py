"""The wiki's write lock: one writer at a time (ingest, build, edits, log appends).

On SQLite a lock file in .lorebook/ does it. On PostgreSQL several `lorebook
serve` processes, on several machines, may write one database, so the writer
also takes a PostgreSQL session advisory lock on a pooled connection from
store/db.py; it is freed when released or when the holder's connection dies.
Both are re-entrant within a thread, as code that holds the lock calls code
that takes it again (an edit recovers an interrupted write first).
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Callable

from filelock import FileLock, Timeout

ADVISORY_KEY = 0x4C6F7265626F6F6B  # "Lorebook": one writer per database
_held: dict[tuple[str, int], list] = {}  # (database url, thread) -> [connection context, connection, depth]
_held_lock = threading.Lock()


class Busy(Exception):
    """Another Lorebook run holds the wiki's lock."""


_BUSY = "another lorebook run is writing this wiki; wait for it or retry without --no-wait"


class WriterLock:
    """The file lock, plus the advisory lock when the wiki's database is PostgreSQL."""

    def __init__(self, file_lock: FileLock, db=None):
        self.file_lock, self.db = file_lock, db

    def acquire_advisory(self, wait: bool) -> None:
        key = (self.db.url, threading.get_ident())
        with _held_lock:
            held = _held.get(key)
            if held:
                held[2] += 1
                return
        from sqlalchemy import text  # PostgreSQL only: SQLite wikis take the file lock without the database layer

        ctx = self.db.connect()
        conn = ctx.__enter__()
        try:
            if wait:
                conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": ADVISORY_KEY})
            elif not conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": ADVISORY_KEY}).scalar():
                raise Busy(_BUSY)
            conn.commit()
        except BaseException:
            ctx.__exit__(None, None, None)
            raise
        with _held_lock:
            _held[key] = [ctx, conn, 1]

    def release(self) -> None:
        if self.db is not None:
            key = (self.db.url, threading.get_ident())
            with _held_lock:
                held = _held.get(key)
                if held:
                    held[2] -= 1
                    if held[2] == 0:
                        del _held[key]
                    else:
                        held = None
            if held:
                from sqlalchemy import text

                ctx, conn, _ = held
                try:
                    conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": ADVISORY_KEY})
                    conn.commit()
                finally:
                    ctx.__exit__(None, None, None)
        self.file_lock.release()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.release()


def _database_of(state_dir: Path):
    """The wiki's Database when it is PostgreSQL, else None (SQLite needs only the file lock)."""
    from lorebook.config import WikiError, load_wiki

    try:
        url = load_wiki(state_dir.parent).database_url
    except (WikiError, OSError):
        return None
    if not url.startswith("postgresql"):
        return None
    from lorebook.store.db import get_database

    return get_database(url)


def wiki_lock(state_dir: Path, wait: bool = True, on_wait: Callable[[], None] | None = None) -> WriterLock:
    """Acquire and return the lock (use as a context manager). wait=False: raise Busy at once."""
    lk = FileLock(str(state_dir / "lock"))
    try:
        lk.acquire(timeout=0)
    except Timeout:
        if not wait:
            raise Busy(_BUSY) from None
        if on_wait:
            on_wait()
        lk.acquire()
    lock = WriterLock(lk, _database_of(state_dir))
    if lock.db is not None:
        try:
            lock.acquire_advisory(wait)
        except BaseException:
            lk.release()
            raise
    return lock
