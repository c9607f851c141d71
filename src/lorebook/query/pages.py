"""Looking pages up: list them, and resolve what a person types (an id, a prefix, "ADR-14")."""

from __future__ import annotations

import re

from sqlalchemy import select

from lorebook.config import Wiki
from lorebook.store import tables as T
from lorebook.store.db import database_for


class PageNotFound(Exception):
    """No page (or more than one) matches what was asked for."""


def list_pages(wiki: Wiki, page_type: str | None = None) -> list[dict]:
    db = database_for(wiki)
    q = select(T.pages.c.id, T.pages.c.type, T.pages.c.title, T.pages.c.confidence, T.pages.c.path,
               T.pages.c.version, T.pages.c.summary).order_by(T.pages.c.type, T.pages.c.id)
    if page_type:
        q = q.where(T.pages.c.type == page_type)
    with db.session() as s:
        return [dict(r._mapping) for r in s.execute(q)]


_ADR = re.compile(r"^adr[-\s_]?0*(\d+)$", re.I)


def resolve_page(wiki: Wiki, ref: str) -> dict:
    """The page `ref` names: exact id, "ADR-14" / "adr-014", or a unique id prefix."""
    db = database_for(wiki)
    with db.session() as s:
        row = s.execute(select(T.pages).where(T.pages.c.id == ref)).first()
        if row is None:
            m = _ADR.match(ref.strip())
            prefix = f"adr-{int(m.group(1)):03d}-" if m else ref
            rows = s.execute(select(T.pages).where(T.pages.c.id.startswith(prefix))).all()
            if len(rows) == 1:
                row = rows[0]
            elif len(rows) > 1:
                names = ", ".join(r.id for r in rows[:5])
                raise PageNotFound(f"'{ref}' matches {len(rows)} pages ({names}…); use the full id")
    if row is None:
        raise PageNotFound(f"no page '{ref}'; list pages with `lorebook pages`")
    return dict(row._mapping)
