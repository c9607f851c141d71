"""Search and ask for the reader: one integration point with lorebook.query.

When the query package offers `search` / `ask`, the reader uses them; until
then (or if they fail to import) a plain substring search over page titles,
summaries and block text stands in, and "ask" returns the best-matching cited
passages. Both shapes are normalised to what the templates and the API show.
"""

from __future__ import annotations

import re

from sqlalchemy import and_, func, or_, select

from lorebook.config import Wiki
from lorebook.store import tables as T
from lorebook.store.db import database_for

_WORD = re.compile(r"\w+", re.UNICODE)


def _query_fn(name: str):
    """lorebook.query.<name>.<name> when that module exists (issue 4), else None."""
    try:
        mod = __import__(f"lorebook.query.{name}", fromlist=[name])
    except ImportError:
        return None
    fn = getattr(mod, name, None)
    return fn if callable(fn) else None


def search(wiki: Wiki, q: str, limit: int = 20) -> list[dict]:
    """Pages matching `q`: [{id, title, type, snippet, citation}] best first."""
    q = (q or "").strip()
    if not q:
        return []
    fn = _query_fn("search")
    if fn is None:
        return like_search(wiki, q, limit)
    return [_norm_hit(h) for h in fn(wiki, q, limit=limit)][:limit]


def _get(h, key, default=None):
    return h.get(key, default) if isinstance(h, dict) else getattr(h, key, default)


def _norm_hit(h) -> dict:
    snippet = _get(h, "snippet", "") or ""
    cite = _get(h, "citation")
    return {
        "id": _get(h, "page") or _get(h, "id"), "title": _get(h, "title", ""), "type": _get(h, "type", ""),
        "summary": _get(h, "summary", "") or "", "snippet": snippet,
        "citation": cite if cite and cite.get("source") else None,
    }


def like_search(wiki: Wiki, q: str, limit: int = 20) -> list[dict]:
    """Pages whose title, summary or blocks hold every word of `q` (case-insensitive)."""
    words = [w.lower() for w in _WORD.findall(q)][:8]
    if not words:
        return []
    p = T.pages.c
    block_hit = select(T.blocks.c.page_id).where(and_(*[func.lower(T.blocks.c.text).contains(w, autoescape=True) for w in words]))
    title_hit = and_(*[or_(func.lower(p.title).contains(w, autoescape=True), func.lower(p.summary).contains(w, autoescape=True)) for w in words])
    with database_for(wiki).session() as s:
        rows = s.execute(
            select(p.id, p.title, p.type, p.summary)
            .where(or_(title_hit, p.id.in_(block_hit)))
            .limit(limit * 3)
        ).all()
        hits = [dict(r._mapping) for r in rows]
        for h in hits:
            h["snippet"] = _snippet(s, h["id"], words)
    hits.sort(key=lambda h: (-_score(h, words), h["type"] == "source", h["title"]))
    return hits[:limit]


def _score(h: dict, words: list[str]) -> int:
    title = h["title"].lower()
    return sum(3 for w in words if w in title) + sum(1 for w in words if w in (h["summary"] or "").lower())


def _snippet(s, page_id: str, words: list[str]) -> str:
    row = s.execute(
        select(T.blocks.c.text).where(T.blocks.c.page_id == page_id, func.lower(T.blocks.c.text).contains(words[0], autoescape=True))
        .order_by(T.blocks.c.position).limit(1)
    ).first()
    if row is None:
        return ""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", row.text)
    i = text.lower().find(words[0])
    start = max(0, i - 60)
    return ("…" if start else "") + text[start:start + 200] + ("…" if len(text) > start + 200 else "")


def ask(wiki: Wiki, question: str) -> dict:
    """An answer with citations: {question, answer, found, passages: [{page_id, title, text, citations}]}."""
    question = (question or "").strip()
    if not question:
        return {"question": "", "answer": "", "found": False, "passages": []}
    fn = _query_fn("ask")
    if fn is None:
        return passage_answer(wiki, question)
    return _norm_answer(wiki, question, fn(wiki, question))


def _norm_answer(wiki: Wiki, question: str, a) -> dict:
    """lorebook.query.ask's Answer (sentences citing spans) in the reader's shape."""
    found = bool(_get(a, "found", True))
    passages = []
    for sent in (_get(a, "sentences", None) or []) if found else []:
        cites = [c if isinstance(c, dict) else c.as_dict() for c in (_get(sent, "cites", None) or [])]
        page_id = next((c.get("page") for c in cites if c.get("page")), None) or _get(a, "page")
        passages.append({"page_id": page_id, "title": "", "text": _get(sent, "text", ""),
                         "citations": [c for c in cites if c.get("source")]})
    titles = _titles(wiki, {p["page_id"] for p in passages if p["page_id"]})
    for p in passages:
        p["title"] = titles.get(p["page_id"], p["page_id"] or "")
    answer = " ".join(p["text"] for p in passages) if passages else (_get(a, "answer", "") or "")
    return {"question": question, "answer": answer, "found": found and bool(passages), "passages": passages}


def _titles(wiki: Wiki, ids: set[str]) -> dict[str, str]:
    if not ids:
        return {}
    with database_for(wiki).session() as s:
        return {r.id: r.title for r in s.execute(select(T.pages.c.id, T.pages.c.title).where(T.pages.c.id.in_(sorted(ids))))}


_STOP = set("a an the is are was were what which who whom when where why how do does did of in on to for and or with by from "
            "about it its this that these those we our be been at as can could should would".split())


def passage_answer(wiki: Wiki, question: str, limit: int = 3) -> dict:
    """The cited blocks that share most words with the question (no page types that only list)."""
    words = [w.lower() for w in _WORD.findall(question) if w.lower() not in _STOP][:8]
    if not words:
        return {"question": question, "answer": "", "found": False, "passages": []}
    b = T.blocks.c
    with database_for(wiki).session() as s:
        rows = s.execute(
            select(b.id, b.text, b.page_id, T.pages.c.title, T.pages.c.type)
            .join(T.pages, T.pages.c.id == b.page_id)
            .where(or_(*[func.lower(b.text).contains(w, autoescape=True) for w in words]))
            .where(b.kind.in_(["paragraph", "item", "row", "code"]))
            .where(T.pages.c.type.notin_(["concept", "source"]))
            .limit(500)
        ).all()
        scored = sorted(rows, key=lambda r: -sum(1 for w in words if w in r.text.lower()))[:limit]
        cites = {}
        if scored:
            cq = (select(T.citations.c.block_id, T.spans.c.source, T.spans.c.start_line, T.spans.c.end_line)
                  .join(T.spans, T.spans.c.id == T.citations.c.span_id)
                  .where(T.citations.c.block_id.in_([r.id for r in scored])).order_by(T.citations.c.position))
            for c in s.execute(cq):
                cites.setdefault(c.block_id, []).append({"source": c.source, "start_line": c.start_line, "end_line": c.end_line})
    passages = [{"page_id": r.page_id, "title": r.title, "text": r.text, "citations": cites.get(r.id, [])} for r in scored]
    answer = passages[0]["text"] if passages else ""
    return {"question": question, "answer": answer, "found": bool(passages), "passages": passages}
