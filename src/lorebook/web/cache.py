"""Rendered HTML, kept until the wiki changes: page views cost one indexed lookup.

The key carries what would change the HTML: the page's version and edit time,
and the wiki's compile generation (which moves whenever links or backlinks
can). Bounded LRU, safe across the server's worker threads.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Callable

from sqlalchemy import select

from lorebook.config import Wiki
from lorebook.store import tables as T


class RenderCache:
    def __init__(self, size: int = 2048):
        self.size = size
        self._d: OrderedDict = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get_or_render(self, key, render: Callable[[], str]) -> str:
        with self._lock:
            html = self._d.get(key)
            if html is not None:
                self._d.move_to_end(key)
                self.hits += 1
                return html
            self.misses += 1
        html = render()
        with self._lock:
            self._d[key] = html
            while len(self._d) > self.size:
                self._d.popitem(last=False)
        return html

    def stats(self) -> dict:
        return {"entries": len(self._d), "size": self.size, "hits": self.hits, "misses": self.misses}


def generation_query():
    return select(T.meta.c.value).where(T.meta.c.key == "generation").scalar_subquery()


def page_stamp(wiki: Wiki, page_id: str) -> tuple | None:
    """(version, updated, generation) of a page, or None when there is no such page."""
    with wiki.database().session() as s:
        row = s.execute(select(T.pages.c.version, T.pages.c.updated, generation_query())
                        .where(T.pages.c.id == page_id)).first()
    return tuple(row) if row else None


def wiki_stamp(wiki: Wiki) -> str | None:
    with wiki.database().session() as s:
        return s.execute(select(T.meta.c.value).where(T.meta.c.key == "generation")).scalar()
