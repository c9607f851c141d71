"""The wiki's write lock: one writer at a time (ingest, build, edits, log appends)."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from filelock import FileLock, Timeout


class Busy(Exception):
    """Another Lorebook run holds the wiki's lock."""


def wiki_lock(state_dir: Path, wait: bool = True, on_wait: Callable[[], None] | None = None) -> FileLock:
    """Acquire and return the lock (use as a context manager). wait=False: raise Busy at once."""
    lk = FileLock(str(state_dir / "lock"))
    try:
        lk.acquire(timeout=0)
    except Timeout:
        if not wait:
            raise Busy("another lorebook run is writing this wiki; wait for it or retry without --no-wait") from None
        if on_wait:
            on_wait()
        lk.acquire()
    return lk
