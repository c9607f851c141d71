"""Re-anchor citations into changed sources, on pages the compiler does not rewrite this run.

Span rows are shared by every citation of the same lines. When a source changes,
each of its span rows is located again (anchors.locate): moved rows get their new
range, rows whose text is gone make their citations stale. Pages that are not
recompiled (reviewed pages, human edits kept in a conflict, saved answers, and
the wiki-wide pages of an incremental run) get their citation links patched in
place and a new version; stale blocks get "⚠ stale" and the page's confidence
drops with the reason.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from lorebook.compile.render import cite_suffix
from lorebook.living.anchors import locate
from lorebook.living.frontmatter import _bounds, set_meta, split
from lorebook.model import PageBlock, Source, Span
from lorebook.store.db import marks
from lorebook.utilities import batched, normalise_quote, quote_hash


_SUFFIX = re.compile(r" <sup>.*?</sup>")


@dataclass
class AnchorPlan:
    span_rows: dict[int, dict] = field(default_factory=dict)  # span id -> new start/end/quote/hash
    citation_stale: dict[int, bool] = field(default_factory=dict)  # span id -> stale?
    block_stale: dict[int, bool] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)  # page id -> patched file text
    paths: dict[str, str] = field(default_factory=dict)
    rows: dict[str, dict] = field(default_factory=dict)  # page id -> pages row updates
    versions: list[tuple] = field(default_factory=list)
    stale_pages: set[str] = field(default_factory=set)
    moved: int = 0


def plan(db, changed: dict[str, Source], fresh_ids: set[str], overrides: dict[str, str], now: str, editor: str) -> AnchorPlan:
    """Work out every span move, stale citation and page patch caused by `changed` sources."""
    out = AnchorPlan()
    if not changed:
        return out
    with db.transaction() as s:
        old_span: dict[int, tuple[str, int, int]] = {}
        for path, src in changed.items():
            lines = src.text.split("\n")
            norm = [normalise_quote(x) for x in lines]
            elsewhere = _cited_elsewhere(s, path, fresh_ids)
            rows = [r for r in s.execute("SELECT id, source, start_line, end_line, quote_hash, quote FROM spans "
                                         "WHERE source = :path", {"path": path}).all() if r.id in elsewhere]
            whole = s.execute("SELECT line_count FROM sources WHERE path = :path", {"path": path}).scalar()
            for r in rows:
                old_span[r.id] = (r.source, r.start_line, r.end_line)
                if r.start_line == 1 and r.end_line == whole:  # the whole file (a source's row, a one-document file)
                    out.citation_stale[r.id] = False
                    if src.line_count != whole:  # stays the whole file, as a compile would cite it
                        q = normalise_quote(" ".join(lines[:src.line_count]))
                        out.span_rows[r.id] = dict(start_line=1, end_line=src.line_count, quote=q, quote_hash=quote_hash(q))
                        out.moved += 1
                    continue
                loc = locate(r.quote, lines, r.start_line, r.end_line, norm)
                if loc is None:
                    out.citation_stale[r.id] = True
                    continue
                out.citation_stale[r.id] = False
                if (loc.start, loc.end) != (r.start_line, r.end_line) or not loc.exact:
                    q = normalise_quote(" ".join(lines[loc.start - 1: loc.end]))
                    out.span_rows[r.id] = dict(start_line=loc.start, end_line=loc.end, quote=q, quote_hash=quote_hash(q))
                    out.moved += 1
        affected = [sid for sid in out.citation_stale if out.citation_stale[sid] or sid in out.span_rows]
        _plan_pages(s, out, affected, old_span, fresh_ids, overrides, now, editor)
    return out


def _plan_pages(s, out: AnchorPlan, affected: list[int], old_span, fresh_ids, overrides, now, editor) -> None:
    # also blocks stale from an earlier run whose support is back
    back = [sid for sid, stale in out.citation_stale.items() if not stale]
    block_ids: set[int] = set()
    for chunk in batched(affected, 500):
        ids, params = marks("p", chunk)
        block_ids |= {r.block_id for r in s.execute(f"SELECT block_id FROM citations WHERE span_id IN ({ids})", params)}
    for chunk in batched(back, 500):
        ids, params = marks("p", chunk)
        block_ids |= {r.block_id for r in s.execute(f"SELECT block_id FROM citations WHERE span_id IN ({ids}) "
                                                    "AND stale = :stale", dict(params, stale=True))}
    if not block_ids:
        return
    blocks = {}
    cites: dict[int, list] = defaultdict(list)
    for chunk in batched(sorted(block_ids), 500):
        ids, params = marks("p", chunk)
        for b in s.execute(f"SELECT id, page_id, position, kind, level, text, stale FROM blocks WHERE id IN ({ids})", params):
            if b.page_id not in fresh_ids:
                blocks[b.id] = b
        q = ("SELECT citations.block_id, citations.span_id, citations.position, spans.source, spans.start_line, "
             "spans.end_line FROM citations JOIN spans ON spans.id = citations.span_id "
             f"WHERE citations.block_id IN ({ids}) ORDER BY citations.block_id, citations.position")
        for c in s.execute(q, params):
            cites[c.block_id].append(c)
    by_page: dict[str, list] = defaultdict(list)
    for b in blocks.values():
        by_page[b.page_id].append(b)
    if not by_page:
        return
    # The text itself (6 MB for the overview of a 10,000-source wiki) is read only for pages with a link to patch.
    pages = {}
    for chunk in batched(list(by_page), 500):
        ids, params = marks("p", chunk)
        pages.update((r.id, r) for r in s.execute(
            f"SELECT id, path, version, confidence, confidence_reason FROM pages WHERE id IN ({ids})", params))
    for pid, bs in by_page.items():
        page = pages.get(pid)
        if page is None:
            continue
        n_stale = 0
        stale_sources = set()
        swaps: dict[str, str] = {}
        for b in sorted(bs, key=lambda b: b.position):
            olds, news, stale = [], [], False
            for c in cites[b.id]:
                src, a, z = old_span.get(c.span_id, (c.source, c.start_line, c.end_line))
                olds.append(Span(src, a, z))
                row = out.span_rows.get(c.span_id)
                news.append(Span(src, row["start_line"], row["end_line"]) if row else Span(src, a, z))
                if out.citation_stale.get(c.span_id):
                    stale = True
                    stale_sources.add(src)
            old_sfx = cite_suffix(PageBlock(b.kind, b.text, olds, b.level, stale=b.stale), page.path)
            new_sfx = cite_suffix(PageBlock(b.kind, b.text, news, b.level, stale=stale), page.path)
            if old_sfx and old_sfx != new_sfx:
                swaps[old_sfx] = new_sfx
            out.block_stale[b.id] = stale
            n_stale += stale
        if not swaps:
            continue  # every citation link on the page reads as before (e.g. a word changed in place)
        before = overrides.get(pid)
        if before is None:
            before = s.execute("SELECT content FROM pages WHERE id = :id", {"id": pid}).scalar()
        hits = _find(before, swaps)
        if not hits:
            continue
        version = split(before)[0].get("version", page.version) if pid in overrides else page.version
        version = int(version) + 1
        row = dict(version=version, updated=now)
        if n_stale:
            out.stale_pages.add(pid)
            row["confidence"] = "medium" if page.confidence == "high" else "low"
            row["confidence_reason"] = (f"{n_stale} block(s) lost the source text they cited "
                                        f"({', '.join(sorted(stale_sources))} changed); check them")
        text = _patched(before, hits, swaps, row)
        row["content"] = text
        out.texts[pid], out.paths[pid], out.rows[pid] = text, page.path, row
        out.versions.append((pid, version, editor, "anchored", text,
                             f"citations re-located; {n_stale} stale" if n_stale else "citations re-located"))


def _find(text: str, swaps: dict[str, str]) -> list[tuple[int, str]]:
    """(position, old suffix) of every citation suffix on the page that moves, in page order.

    Same matches as running _SUFFIX over the page and looking each up in `swaps`: a suffix
    starts at " <sup>" and holds no "</sup>" but its last, so occurrences of two suffixes never
    overlap. str.find for the few that move beats calling back on each of the 20,000 suffixes
    of a 10,000-source overview (40 ms)."""
    hits = []
    for old in swaps:
        i = text.find(old)
        while i >= 0:
            hits.append((i, old))
            i = text.find(old, i + len(old))
    return sorted(hits)


def _patched(text: str, hits: list[tuple[int, str]], swaps: dict[str, str], meta: dict) -> str:
    """set_meta(text with each hit swapped, **meta), in one pass (so a link moved from line 29
    to 30 is not then moved again with the old line 30) and building the page once: the
    overview of a 10,000-source wiki is 6.6 MB, and each copy of it costs 10-20 ms."""
    end = _bounds(text)
    if end < 0 or hits[0][0] <= end + 4:  # no front matter, or a suffix inside it: one step after the other
        return set_meta(_join(text, 0, hits, swaps), **meta)
    head = set_meta(text[:end + 5], **meta)  # the front matter and its closing "---" line
    return _join(text, end + 5, hits, swaps, head)


def _join(text: str, start: int, hits, swaps, head: str = "") -> str:
    out, pos = [head], start
    for i, old in hits:
        out += (text[pos:i], swaps[old])
        pos = i + len(old)
    out.append(text[pos:])
    return "".join(out)


def _cited_elsewhere(s, path: str, fresh_ids: set[str]) -> set[int]:
    """Span ids of `path` cited by pages this save does not rewrite: only those need re-locating."""
    q = ("SELECT citations.span_id, blocks.page_id FROM citations JOIN blocks ON blocks.id = citations.block_id "
         "JOIN spans ON spans.id = citations.span_id WHERE spans.source = :path")
    return {r.span_id for r in s.execute(q, {"path": path}) if r.page_id not in fresh_ids}
