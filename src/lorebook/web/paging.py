"""Lists that page: a 10,000-source wiki's page list was 4.6 MB in one answer.

The JSON API pages by cursor (keyset: the last row's sort key, so a page is stable while
pages are added or removed before it); the HTML lists by page number, which people can
read and share. Both keep one order: type, then id (id alone within one type; path for sources).
"""

from __future__ import annotations

import base64
import json
import math
from dataclasses import dataclass

from sqlalchemy import and_, func, or_, select

from lorebook.config import Wiki
from lorebook.store import tables as T
from lorebook.store.db import database_for

API_DEFAULT_LIMIT = 500
API_MAX_LIMIT = 5000
HTML_PER_PAGE = 200


class BadCursor(ValueError):
    """A cursor this server did not hand out (or from another sort order)."""


def encode_cursor(key: tuple[str, str]) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(key)).encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[str, str]:
    try:
        key = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if not (isinstance(key, list) and len(key) == 2 and all(isinstance(k, str) for k in key)):
            raise ValueError
        return key[0], key[1]
    except ValueError:
        raise BadCursor("cursor is not one this server handed out; start again without it") from None


def page_rows(wiki: Wiki, page_type: str | None, after: tuple[str, str] | None, limit: int) -> tuple[list[dict], str | None, int]:
    """Up to `limit` pages after the cursor key, the next cursor (None at the end) and the total count."""
    P = T.pages
    q = select(P.c.id, P.c.type, P.c.title, P.c.confidence, P.c.version, P.c.updated, P.c.summary)
    count = select(func.count()).select_from(P)
    if page_type:
        q, count = q.where(P.c.type == page_type), count.where(P.c.type == page_type)
    if after:
        q = q.where(or_(P.c.type > after[0], and_(P.c.type == after[0], P.c.id > after[1])))
    q = q.order_by(P.c.type, P.c.id).limit(limit + 1)
    with database_for(wiki).session() as s:
        rows = [dict(r._mapping) for r in s.execute(q)]
        total = s.execute(count).scalar_one()
    nxt = encode_cursor((rows[limit - 1]["type"], rows[limit - 1]["id"])) if len(rows) > limit else None
    return rows[:limit], nxt, total


@dataclass
class Pager:
    """Which slice of an HTML list to show, and the links around it."""

    page: int
    pages: int
    total: int
    per_page: int = HTML_PER_PAGE

    @classmethod
    def of(cls, total: int, page: int | None, per_page: int = HTML_PER_PAGE) -> "Pager":
        pages = max(1, math.ceil(total / per_page))
        return cls(min(max(1, page or 1), pages), pages, total, per_page)

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    def slice(self, rows: list) -> list:
        return rows[self.offset:self.offset + self.per_page]

    @property
    def first(self) -> int:
        return self.offset + 1 if self.total else 0

    @property
    def last(self) -> int:
        return min(self.total, self.offset + self.per_page)
