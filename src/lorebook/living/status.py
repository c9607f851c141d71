"""`lorebook status`: stale blocks, hand-edited pages, open conflicts, raw/ changes not yet compiled."""

from __future__ import annotations

from sqlalchemy import select

from lorebook.config import Wiki
from lorebook.sources.raw import raw_files
from lorebook.sources.reader import sha256_file
from lorebook.store import tables as T
from lorebook.store.db import database_for


def status(wiki: Wiki) -> dict:
    db = database_for(wiki)
    with db.session() as s:
        stale = s.execute(
            select(T.blocks.c.page_id, T.blocks.c.position, T.blocks.c.text)
            .where(T.blocks.c.stale.is_(True)).order_by(T.blocks.c.page_id, T.blocks.c.position)
        ).all()
        pages = s.execute(select(T.pages.c.id, T.pages.c.path, T.pages.c.content, T.pages.c.origin)).all()
        srcs = {r.path: r.sha256 for r in s.execute(select(T.sources.c.path, T.sources.c.sha256).where(T.sources.c.status == "ok"))}
    edited = []
    for p in pages:
        f = wiki.wiki_dir / p.path
        try:
            if f.read_text(encoding="utf-8") != p.content:
                edited.append(f"{p.id} (wiki/{p.path}): edited by hand, not yet recorded")
            elif p.origin in ("human", "merged"):
                edited.append(f"{p.id}: carries a human edit ({p.origin}); recompiles merge with it")
        except FileNotFoundError:
            pass
    conflicts = [f"{c.stem.removesuffix('.conflict')}: .lorebook/conflicts/{c.name}"
                 for c in sorted((wiki.state_dir / "conflicts").glob("*.conflict.md"))]

    pending = []
    seen = set()
    for f in raw_files(wiki):
        rel = wiki.rel(f)
        seen.add(rel)
        if rel not in srcs:
            pending.append(f"{rel}: new")
        elif sha256_file(f) != srcs[rel]:
            pending.append(f"{rel}: changed")
    pending += [f"{p}: deleted" for p in srcs if p not in seen]
    return {
        "stale": [{"page": r.page_id, "position": r.position, "text": r.text} for r in stale],
        "conflicts": conflicts,
        "edited": edited,
        "pending": pending,
    }
