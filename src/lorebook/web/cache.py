"""Rendered HTML, kept until the wiki changes: a cached view costs one indexed lookup.

The key carries what would change the HTML: for a page, its version and edit
time, the wiki's compile generation (which moves whenever links, backlinks or
the search index can) and the "3 minutes ago" it shows; for a source view or a
search, the generation. Every writer (save, edits, saved answers) moves the
generation in the same transaction as its rows, so a key read after a commit
never names stale HTML.

The cache is bounded by bytes, not entries (a page is 5-20 KB, the overview of a
10,000-source wiki 13 MB), LRU, safe across the server's worker threads. It is
per process: with `serve --workers N` each worker keeps its own.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Callable

from sqlalchemy import bindparam, select

from lorebook.config import Wiki
from lorebook.store import tables as T
from lorebook.store.db import database_for

DEFAULT_BYTES = 64 * 1024 * 1024


class RenderCache:
    def __init__(self, max_bytes: int = DEFAULT_BYTES):
        self.max_bytes = max_bytes
        self._d: OrderedDict = OrderedDict()
        self._lock = threading.Lock()
        self.bytes = 0
        self.hits = self.misses = 0

    def get_or_render(self, key, render: Callable[[], str]) -> bytes:
        """The UTF-8 HTML under `key`, rendering (outside the lock) and keeping it on a miss."""
        with self._lock:
            body = self._d.get(key)
            if body is not None:
                self._d.move_to_end(key)
                self.hits += 1
                return body
            self.misses += 1
        body = render().encode("utf-8")
        if len(body) > self.max_bytes // 2:
            return body
        with self._lock:
            old = self._d.pop(key, None)
            if old is not None:
                self.bytes -= len(old)
            self._d[key] = body
            self.bytes += len(body)
            while self.bytes > self.max_bytes:
                _, dropped = self._d.popitem(last=False)
                self.bytes -= len(dropped)
        return body

    def stats(self) -> dict:
        return {"entries": len(self._d), "bytes": self.bytes, "max_bytes": self.max_bytes,
                "hits": self.hits, "misses": self.misses}


def generation_query():
    return select(T.meta.c.value).where(T.meta.c.key == "generation").scalar_subquery()


# Built once: constructing a select costs more than running it on SQLite.
_PAGE_STAMP = (select(T.pages.c.version, T.pages.c.updated, generation_query())
               .where(T.pages.c.id == bindparam("page_id")))
_GENERATION = select(T.meta.c.value).where(T.meta.c.key == "generation")


def page_stamp(wiki: Wiki, page_id: str) -> tuple | None:
    """(version, updated, generation) of a page, or None when there is no such page."""
    with database_for(wiki).connect() as conn:
        row = conn.execute(_PAGE_STAMP, {"page_id": page_id}).first()
    return tuple(row) if row else None


def wiki_stamp(wiki: Wiki) -> str | None:
    with database_for(wiki).connect() as conn:
        return conn.execute(_GENERATION).scalar()
