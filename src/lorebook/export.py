"""The JSON export: the whole wiki as one document (format in docs/export-format.md).

Read from the database, so it reflects exactly what was last compiled and saved.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select

from lorebook.config import Wiki
from lorebook.store import tables as T
from lorebook.store.db import database_for
from lorebook.utilities import batched


def page_records(wiki: Wiki, ids: list[str] | None = None) -> list[dict]:
    """Pages in the export shape, with blocks and their citations."""
    db = database_for(wiki)
    with db.session() as s:
        q = select(T.pages).order_by(T.pages.c.type, T.pages.c.id)
        if ids is not None:
            q = q.where(T.pages.c.id.in_(ids))
        pages = s.execute(q).all()
        page_ids = [p.id for p in pages]
        blocks: dict[str, list] = defaultdict(list)
        cites: dict[int, list] = defaultdict(list)
        for chunk in batched(page_ids, 500):
            bq = select(T.blocks).where(T.blocks.c.page_id.in_(chunk)).order_by(T.blocks.c.page_id, T.blocks.c.position)
            for b in s.execute(bq):
                blocks[b.page_id].append(b)
            cq = (
                select(T.citations.c.block_id, T.citations.c.stale, T.spans.c.source, T.spans.c.start_line, T.spans.c.end_line)
                .join(T.spans, T.spans.c.id == T.citations.c.span_id)
                .join(T.blocks, T.blocks.c.id == T.citations.c.block_id)
                .where(T.blocks.c.page_id.in_(chunk))
                .order_by(T.citations.c.block_id, T.citations.c.position)
            )
            for c in s.execute(cq):
                cites[c.block_id].append(c)
    out = []
    for p in pages:
        out.append(
            {
                "id": p.id,
                "type": p.type,
                "title": p.title,
                "path": f"wiki/{p.path}",
                "confidence": p.confidence,
                "confidence_reason": p.confidence_reason,
                "version": p.version,
                "edited_by": p.edited_by,
                "origin": p.origin,
                "updated": p.updated,
                "summary": p.summary,
                "sources": p.sources,
                "links": p.links,
                "fields": p.fields,
                "field_citations": p.field_citations,
                "blocks": [
                    {
                        "kind": b.kind,
                        "text": b.text,
                        **({"stale": True} if b.stale else {}),
                        "citations": [
                            {"source": c.source, "start_line": c.start_line, "end_line": c.end_line, **({"stale": True} if c.stale else {})}
                            for c in cites.get(b.id, [])
                        ],
                    }
                    for b in blocks.get(p.id, [])
                ],
            }
        )
    return out


def export_json(wiki: Wiki) -> dict:
    db = database_for(wiki)
    with db.session() as s:
        sources = s.execute(select(T.sources).where(T.sources.c.status == "ok").order_by(T.sources.c.path)).all()
    return {
        "wiki": {"name": wiki.name},
        "sources": [{"path": r.path, "sha256": r.sha256, "lines": r.line_count} for r in sources],
        "pages": page_records(wiki),
    }
