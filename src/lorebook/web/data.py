"""What the reader shows, read from the one database (and wiki/log.md, raw/ files).

Plain functions returning dicts, shared by the server, the JSON API and the
static export. Every query goes through `database_for(wiki)`.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone

from sqlalchemy import bindparam, func, select

from lorebook.config import Wiki
from lorebook.living.versions import all_versions
from lorebook.store import tables as T
from lorebook.store.files import UnsafePath, safe_join
from lorebook.store.db import database_for
from lorebook.web.source_window import WINDOW_BYTES, WINDOW_LINES, read_window

TYPE_LABELS = {
    "concept": "Concept", "decision": "ADR", "incident": "Postmortem", "runbook": "Runbook",
    "note": "Note", "source": "Source", "answer": "Answer",
}
TYPE_PLURALS = {
    "concept": "Concepts", "decision": "Decisions (ADRs)", "incident": "Postmortems", "runbook": "Runbooks",
    "note": "Notes", "source": "Sources", "answer": "Answers",
}


class NotFound(Exception):
    """The page or source asked for is not in this wiki."""


# The page view's queries, built once (building a select costs more than running it
# on SQLite) and run on one pooled connection, Core only: no ORM session per call.
_P = T.pages.c
_PAGE_COLS = (_P.id, _P.type, _P.title, _P.path, _P.confidence, _P.confidence_reason, _P.version, _P.edited_by,
              _P.origin, _P.updated, _P.summary, _P.sources, _P.links, _P.fields, _P.field_citations)
_PAGE = select(*_PAGE_COLS).where(_P.id == bindparam("page_id"))
# Blocks with their citations in one query: a block without any comes back once, with NULL span columns.
_BLOCKS = (
    select(T.blocks.c.id, T.blocks.c.kind, T.blocks.c.text, T.blocks.c.stale, T.citations.c.stale.label("cite_stale"),
           T.spans.c.source, T.spans.c.start_line, T.spans.c.end_line, T.spans.c.quote)
    .select_from(T.blocks.outerjoin(T.citations, T.citations.c.block_id == T.blocks.c.id)
                 .outerjoin(T.spans, T.spans.c.id == T.citations.c.span_id))
    .where(T.blocks.c.page_id == bindparam("page_id"))
    .order_by(T.blocks.c.position, T.blocks.c.id, T.citations.c.position)
)
_BACKLINKS = (
    select(_P.id, _P.title, _P.type)
    .join(T.links, T.links.c.src == _P.id)
    .where(T.links.c.dst == bindparam("page_id"))
    .distinct()
    .order_by(_P.type, _P.title)
)
_PATH_IDS = select(_P.path, _P.id).where(_P.path.in_(bindparam("paths", expanding=True)))


def page(wiki: Wiki, page_id: str) -> dict:
    """One page in the export shape (`export.page_records`), plus what the reader adds: backlinks."""
    with database_for(wiki).connect() as conn:
        p = conn.execute(_PAGE, {"page_id": page_id}).first()
        if p is None:
            raise NotFound(f"no page '{page_id}'")
        rows = conn.execute(_BLOCKS, {"page_id": page_id}).all()
        backlinks = conn.execute(_BACKLINKS, {"page_id": page_id}).all()
    blocks: list[dict] = []
    last = None
    for r in rows:
        if r.id != last:
            last = r.id
            blocks.append({"kind": r.kind, "text": r.text, **({"stale": True} if r.stale else {}), "citations": []})
        if r.source is not None:  # a citation whose span is gone is left out, as the export's inner join does
            blocks[-1]["citations"].append({"source": r.source, "start_line": r.start_line, "end_line": r.end_line,
                                            "quote": r.quote, **({"stale": True} if r.cite_stale else {})})
    return {
        "id": p.id, "type": p.type, "title": p.title, "path": f"wiki/{p.path}", "confidence": p.confidence,
        "confidence_reason": p.confidence_reason, "version": p.version, "edited_by": p.edited_by,
        "origin": p.origin, "updated": p.updated, "summary": p.summary, "sources": p.sources, "links": p.links,
        "fields": p.fields, "field_citations": p.field_citations, "blocks": blocks,
        "backlinks": [dict(r._mapping) for r in backlinks],
    }


def page_content(wiki: Wiki, page_id: str) -> str | None:
    """The text of a page's file as the database holds it (what a person's edit changed)."""
    with database_for(wiki).connect() as conn:
        return conn.execute(select(_P.content).where(_P.id == page_id)).scalar()


def path_ids(wiki: Wiki, paths: set[str]) -> dict[str, str]:
    """Page ids for wiki-relative paths, in one query."""
    if not paths:
        return {}
    with database_for(wiki).connect() as conn:
        rows = conn.execute(_PATH_IDS, {"paths": sorted(paths)}).all()
    return {r.path: r.id for r in rows}


def all_path_ids(wiki: Wiki) -> dict[str, str]:
    with database_for(wiki).session() as s:
        return {r.path: r.id for r in s.execute(select(T.pages.c.path, T.pages.c.id))}


def counts_by_type(wiki: Wiki) -> dict[str, int]:
    with database_for(wiki).session() as s:
        rows = s.execute(select(T.pages.c.type, func.count()).group_by(T.pages.c.type)).all()
    order = list(TYPE_LABELS)
    return dict(sorted(((t, n) for t, n in rows), key=lambda kv: order.index(kv[0]) if kv[0] in order else 99))


def pages_of_type(wiki: Wiki, page_type: str | None = None) -> list[dict]:
    q = select(T.pages.c.id, T.pages.c.type, T.pages.c.title, T.pages.c.summary, T.pages.c.confidence,
               T.pages.c.version, T.pages.c.updated, T.pages.c.fields).order_by(T.pages.c.type, T.pages.c.id)
    if page_type:
        q = q.where(T.pages.c.type == page_type)
    with database_for(wiki).session() as s:
        return [dict(r._mapping) for r in s.execute(q)]


_LOG_HEAD = re.compile(r"^## \[([^\]]+)\]\s*(\w+)\s*\|\s*(.*)$")


def recent_changes(wiki: Wiki, limit: int = 10) -> list[dict]:
    """The newest entries of wiki/log.md: when, what ran, and its bullet lines."""
    try:
        text = (wiki.wiki_dir / "log.md").read_text(encoding="utf-8")
    except (FileNotFoundError, UnicodeDecodeError):
        return []
    entries: list[dict] = []
    for line in text.splitlines():
        m = _LOG_HEAD.match(line)
        if m:
            entries.append({"when": m.group(1), "op": m.group(2), "what": m.group(3), "lines": []})
        elif entries and line.startswith("- "):
            entries[-1]["lines"].append(line[2:])
    return entries[-limit:][::-1]


_SOURCE = select(T.sources.c.sha256, T.sources.c.status).where(T.sources.c.path == bindparam("path"))
_SOURCE_PAGES = (
    select(_P.id, _P.title, _P.type)
    .join(T.page_sources, T.page_sources.c.page_id == _P.id)
    .where(T.page_sources.c.source == bindparam("path"))
    .order_by(_P.type, _P.id)
)


def source_lines(wiki: Wiki, path: str, start: int = 1, end: int | None = None,
                 max_lines: int = WINDOW_LINES, max_bytes: int = WINDOW_BYTES) -> dict:
    """A window of a raw file known to the wiki, as numbered lines. Refuses anything outside raw/.

    At most `max_lines` lines from `start` (up to `end`), and `max_bytes` bytes of text, are read,
    so any file is served in bounded memory; `window` says which lines these are and where the
    neighbouring windows start (None at either end of the file)."""
    if not path.startswith("raw/"):
        raise NotFound(f"no source '{path}'")
    with database_for(wiki).connect() as conn:
        row = conn.execute(_SOURCE, {"path": path}).first()
        pages_using = conn.execute(_SOURCE_PAGES, {"path": path}).all() if row is not None else []
    if row is None:
        raise NotFound(f"no source '{path}'")
    if end is not None:
        max_lines = max(0, min(max_lines, end - start + 1))
    try:
        file = safe_join(wiki.raw_dir, path[4:])
        win = read_window(file, start, max_lines, max_bytes)
    except (UnsafePath, FileNotFoundError, IsADirectoryError, NotADirectoryError):
        raise NotFound(f"no source '{path}'") from None
    return {
        "path": path, "name": path.rsplit("/", 1)[-1], "sha256": row.sha256, "status": row.status,
        "line_count": win.line_count, "lines": [{"n": win.start + i, "text": t} for i, t in enumerate(win.lines)],
        "window": {"start": win.start, "end": win.end, "max_lines": WINDOW_LINES, "max_bytes": max_bytes,
                   "prev": max(1, win.start - WINDOW_LINES) if win.start > 1 else None,
                   "next": win.end + 1 if win.end < win.line_count else None},
        "pages": [dict(r._mapping) for r in pages_using],
    }


def sources_list(wiki: Wiki) -> list[dict]:
    with database_for(wiki).session() as s:
        rows = s.execute(select(T.sources.c.path, T.sources.c.line_count, T.sources.c.status).order_by(T.sources.c.path)).all()
    return [dict(r._mapping) for r in rows]


def _days_since(date: str | None) -> int | None:
    try:
        d = datetime.fromisoformat(str(date)[:10]).replace(tzinfo=timezone.utc)
    except (TypeError, ValueError):
        return None
    return max(0, (datetime.now(timezone.utc) - d).days)


def incidents(wiki: Wiki) -> list[dict]:
    """Postmortems, newest first: date, duration, severity, status and open actions."""
    out = []
    for p in pages_of_type(wiki, "incident"):
        f = p["fields"] or {}
        items = f.get("action_items") or []
        open_n = sum(1 for a in items if (a or {}).get("status") != "done")
        resolved = bool(f.get("resolved_at") or f.get("duration_minutes"))
        out.append({
            "id": p["id"], "title": p["title"], "date": f.get("date"), "duration_minutes": f.get("duration_minutes"),
            "severity": f.get("severity"), "status": "resolved" if resolved else "unknown",
            "open_actions": open_n, "actions": len(items), "summary": p["summary"],
        })
    return sorted(out, key=lambda r: str(r["date"] or ""), reverse=True)


def action_items(wiki: Wiki) -> dict[str, list[dict]]:
    """Every postmortem action item, split into open and done, oldest open first."""
    board: dict[str, list[dict]] = {"open": [], "done": []}
    for p in pages_of_type(wiki, "incident"):
        f = p["fields"] or {}
        for a in f.get("action_items") or []:
            a = a or {}
            status = "done" if a.get("status") == "done" else "open"
            board[status].append({
                "text": a.get("text") or "", "owner": a.get("owner"), "status": status,
                "page_id": p["id"], "page_title": p["title"], "date": f.get("date"),
                "age_days": _days_since(f.get("date")),
            })
    for items in board.values():
        items.sort(key=lambda r: -(r["age_days"] or 0))
    return board


def decisions(wiki: Wiki) -> dict[str, list[dict]]:
    """ADRs grouped by status (accepted, proposed, superseded, …)."""
    groups: dict[str, list[dict]] = {}
    for p in pages_of_type(wiki, "decision"):
        f = p["fields"] or {}
        status = str(f.get("status") or "unknown").lower()
        groups.setdefault(status, []).append({
            "id": p["id"], "title": p["title"], "date": f.get("date"), "number": f.get("number"),
            "summary": p["summary"], "superseded_by": f.get("superseded_by") or [],
        })
    order = ["proposed", "accepted", "deprecated", "superseded", "rejected"]
    return dict(sorted(groups.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 99))


def versions(wiki: Wiki, page_id: str) -> list[dict] | None:
    """A page's stored versions (oldest first), each with its full text as `content`."""
    return all_versions(database_for(wiki), page_id)


def pages_with_history(wiki: Wiki) -> list[str]:
    """Ids of current pages with two or more stored versions."""
    v = T.page_versions.c
    q = (select(v.page_id).where(v.page_id.in_(select(_P.id))).group_by(v.page_id).having(func.count() > 1))
    with database_for(wiki).session() as s:
        return [r[0] for r in s.execute(q)]


def version_text(v: dict) -> str:
    for key in ("content", "markdown", "body", "text"):
        if isinstance(v.get(key), str):
            return v[key]
    return ""


def relative_time(iso: str, now: datetime | None = None) -> str:
    """'just now', '5 minutes ago', '3 days ago', or the date for old edits."""
    try:
        t = datetime.fromisoformat(iso)
    except (TypeError, ValueError):
        return iso or "unknown time"
    if t.tzinfo is None:
        t = t.replace(tzinfo=timezone.utc)
    secs = ((now or datetime.now(timezone.utc)) - t).total_seconds()
    if secs < 60:
        return "just now"
    for size, unit in ((31536000, "year"), (2592000, "month"), (86400, "day"), (3600, "hour"), (60, "minute")):
        if secs >= size:
            n = int(secs // size)
            if unit in ("year", "month"):
                return t.date().isoformat()
            return f"{n} {unit}{'s' if n != 1 else ''} ago"
    return "just now"
