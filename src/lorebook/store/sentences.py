"""The sentence index: every sentence, list item, table row and code block of a raw source, with its exact lines.

`ask` answers with one to three of these (or one row), so it never has to
quote a whole block cut at N characters. Each row also records the document
page built from those lines and the typed field they feed (from the page's
field citations), which lets the scorer prefer "the sentence that states the
root cause" over one that merely shares words with the question.

Rows come from the parsed Markdown (sources/sentences.py, computed where the
source is compiled). All SQL that writes the sentence index lives in this module (its reads, in store/reads.py); the full-text part
is SQLite FTS5 or a PostgreSQL tsvector (migration 0006).
"""

from __future__ import annotations

import bisect
import json

from lorebook.model import Source
from lorebook.sources.markdown import parse
from lorebook.sources.sentences import sentence_rows, unpack
from lorebook.store.db import database_for, insert_many, is_sqlite, marks
from lorebook.utilities import batched

DOC_TYPES = ("decision", "incident", "runbook", "note")


def source_sentences(src: Source) -> list[dict]:
    """Rows for one raw source (page and field left empty; `assign` fills them).

    The compiler leaves them on the Source (it parsed the file anyway); a Source read straight from
    raw/ (an index rebuild) is parsed here."""
    rows = unpack(src.sentences) if src.sentences is not None else None
    if rows is None:
        try:
            rows = sentence_rows(parse(src))
        except Exception:  # a source the parser cannot read still has its chunks in search_units
            return []
    return [dict(source=src.path, position=i, start_line=start, end_line=end, kind=kind, page_id="", page_type="source",
                 field="", heading=heading[:500], text=text) for i, (start, end, kind, heading, text) in enumerate(rows)]


# --- which page and field each sentence feeds ---


def assign(s, rows_by_path: dict[str, list[dict]]) -> None:
    """Fill page_id / page_type / field of the rows of some sources from the pages that cite them (same
    transaction). Four queries for the whole batch, not four per source: a full build indexes every source."""
    if not rows_by_path:
        return
    paths = list(rows_by_path)
    in_paths, by_paths = marks("p", paths)
    source_page: dict[str, str] = {}  # each source's own page: the page its first chunk belongs to
    for r in s.execute(f"SELECT source, page_id FROM search_units WHERE kind = 'chunk' AND source IN ({in_paths}) "
                       "ORDER BY id", by_paths):
        source_page.setdefault(r.source, r.page_id)
    owners: dict[str, set[str]] = {}
    for r in s.execute(f"SELECT source, page_id FROM page_sources WHERE source IN ({in_paths})", by_paths):
        owners.setdefault(r.source, set()).add(r.page_id)
    wanted = sorted(set().union(*owners.values())) if owners else []
    in_types, by_types = marks("t", DOC_TYPES)
    pages = [p for chunk in batched(wanted, 500) for p in s.execute(
        f"SELECT id, type, field_citations FROM pages WHERE id IN ({marks('p', chunk)[0]}) AND type IN ({in_types})",
        dict(marks("p", chunk)[1], **by_types))]
    spans: dict[str, list[tuple[int, int, str, str, str]]] = {}  # source -> (start, end, page, type, field)
    for p in pages:
        fc = p.field_citations if isinstance(p.field_citations, dict) else json.loads(p.field_citations or "{}")
        for key, cites in (fc or {}).items():
            for c in cites or []:
                if c.get("source") in rows_by_path and p.id in owners.get(c["source"], ()):
                    spans.setdefault(c["source"], []).append((c["start_line"], c["end_line"], p.id, p.type, key))
    doc_pages = {p.id for p in pages}
    covered: dict[str, list[tuple[int, int, str, str]]] = {}  # source -> blocks of its document pages
    if doc_pages:
        for r in s.execute("SELECT source, start_line, end_line, page_id, page_type FROM search_units "
                           f"WHERE kind = 'block' AND source IN ({in_paths})", by_paths):
            if r.page_id in doc_pages and r.page_id in owners.get(r.source, ()):
                covered.setdefault(r.source, []).append((r.start_line, r.end_line, r.page_id, r.page_type))
    types = {p.id: p.type for p in pages}
    for path, rows in rows_by_path.items():
        sole = [pid for pid in owners.get(path, ()) if pid in types]
        home = (sole[0], types[sole[0]]) if len(sole) == 1 else (source_page.get(path, path), "source")
        _assign_one(rows, spans.get(path, []), covered.get(path, []), home)


def _assign_one(rows: list[dict], spans: list[tuple], covered: list[tuple], home: tuple[str, str]) -> None:
    """One source's rows: the narrowest field citation over a row wins, else the narrowest page block."""
    fields, blocks = _Overlaps(spans), _Overlaps(covered)
    for r in rows:
        best = fields.narrowest(r["start_line"], r["end_line"], _field_order)
        if best:
            r["page_id"], r["page_type"], r["field"] = best[2], best[3], best[4]
            continue
        best = blocks.narrowest(r["start_line"], r["end_line"], lambda c: "")
        if best:
            r["page_id"], r["page_type"] = best[2], best[3]
    # lines no page block cites belong to the document around them (a source may hold several)
    last = None
    for r in rows:
        if r["page_id"]:
            last = (r["page_id"], r["page_type"])
        elif last:
            r["page_id"], r["page_type"] = last
    nxt = None
    for r in reversed(rows):
        if r["page_id"]:
            nxt = (r["page_id"], r["page_type"])
        elif nxt:
            r["page_id"], r["page_type"] = nxt
    for r in rows:
        if not r["page_id"]:
            # no field or block of a page cites them: the one document compiled from the source (a Chinese write-up
            # whose fields the rules found empty is still that incident), else the source's own page
            r["page_id"], r["page_type"] = home


# A duration is worked out from the moments it spans: a line cited for both is the moment's ("### 9:58 · Service is
# restored" is when it was resolved, which also ends the duration).
_DERIVED = ("duration_minutes", "duration_source", "duration_text")


def _field_order(span: tuple) -> tuple:
    """Between fields citing the same lines: a field read off them before one worked out from them, then by name."""
    return (span[4] in _DERIVED, span[4])


class _Overlaps:
    """Line ranges (tuples starting `start, end`) looked up by overlap without scanning them all: a
    6 MB source has 130,000 sentences and as many cited ranges, and a scan per sentence was quadratic."""

    LONG = 256  # ranges longer than this are few; they are checked one by one

    def __init__(self, ranges: list[tuple]):
        indexed = list(enumerate(ranges))
        self.long = [(i, r) for i, r in indexed if r[1] - r[0] > self.LONG]
        self.short = sorted(((r[0], i, r) for i, r in indexed if r[1] - r[0] <= self.LONG))
        self.starts = [x[0] for x in self.short]
        # the longest short range: one starting further back cannot reach a row (most are a line or a few, so a
        # row looks at its neighbours, not at every range of a small source)
        self.reach = max((x[2][1] - x[0] for x in self.short), default=0)

    def narrowest(self, start: int, end: int, tie):
        """The overlapping range with the fewest lines, then the smallest `tie(range)`, then the first given."""
        lo = bisect.bisect_left(self.starts, start - max(self.reach, 0))
        hi = bisect.bisect_right(self.starts, end)
        hits = [(i, r) for _, i, r in self.short[lo:hi] if r[1] >= start] if lo < hi else []
        if self.long:
            hits += [(i, r) for i, r in self.long if r[0] <= end and r[1] >= start]
        if not hits:
            return None
        if len(hits) == 1:  # most rows: one range over them, nothing to compare
            return hits[0][1]
        return min(hits, key=lambda h: (h[1][1] - h[1][0], tie(h[1]), h[0]))[1]


# --- index maintenance (called by store.search_index inside the save's transaction) ---


def built(s) -> bool:
    return s.execute("SELECT value FROM meta WHERE key = 'sentence_index'").scalar() is not None


def paths_to_reindex(s, doc_sources: set[str], removed: list[str], changed_sources: list[str],
                     gone_sources: list[str]) -> list[str]:
    """The sources whose sentences a save re-indexes, sorted: changed and gone ones, those of the document
    pages it rewrites (`doc_sources`) and those of the pages it removes."""
    paths = set(changed_sources) | set(gone_sources) | doc_sources
    if removed:
        for chunk in batched(removed, 500):
            paths.update(s.execute(f"SELECT DISTINCT source FROM sentence_units WHERE page_id IN ({marks('p', chunk)[0]})",
                                   marks("p", chunk)[1]).scalars())
    return sorted(paths)


def _reindex(s, paths: list[str], sources: dict[str, Source], read) -> None:
    drop(s, paths)
    for chunk in batched(paths, 200):
        add(s, {path: src for path in chunk if (src := sources.get(path) or read(path)) is not None})


def drop(s, paths: list[str]) -> None:
    """Delete the sentence rows of `paths` (all of them before any are added again)."""
    for chunk in batched(paths, 500):
        _delete(s, list(s.execute(f"SELECT id FROM sentence_units WHERE source IN ({marks('p', chunk)[0]})",
                                  marks("p", chunk)[1]).scalars()))


def add(s, sources: dict[str, Source]) -> None:
    """Index the sentences of some sources (a batch of a few hundred: `assign` asks four queries for them all)."""
    rows_by_path = {path: source_sentences(src) for path, src in sources.items()}
    assign(s, rows_by_path)
    _insert(s, [r for rows in rows_by_path.values() for r in rows])


def rebuild(s, wiki, read_source) -> None:
    """Index the sentences of every readable raw source from scratch.

    `read_source(path, rel)`: sources.reader.read_source_or_none, handed in as for store.search_index."""
    if is_sqlite(s):
        s.execute("INSERT INTO sentence_fts(sentence_fts) VALUES('delete-all')")
    s.execute("DELETE FROM sentence_units")
    paths = list(s.execute("SELECT path FROM sources WHERE status = 'ok'").scalars())
    _reindex(s, paths, {}, lambda p: read_source(wiki.root / p, p))
    if not built(s):
        s.execute("INSERT INTO meta (key, value) VALUES ('sentence_index', '1')")


_KNOWN_BUILT: set[str] = set()


def ensure(wiki, read_source) -> None:
    """Fill the sentence index of a wiki created before it existed (once, under the wiki lock)."""
    db = database_for(wiki)
    if db.url in _KNOWN_BUILT:
        return
    with db.transaction() as s:
        if built(s):
            _KNOWN_BUILT.add(db.url)
            return
    from lorebook.store.lock import wiki_lock

    with wiki_lock(wiki.state_dir):
        with db.transaction() as s:
            if not built(s):
                rebuild(s, wiki, read_source)
    _KNOWN_BUILT.add(db.url)


def _insert(s, rows: list[dict]) -> None:
    if not rows:
        return
    lo = s.execute("SELECT coalesce(max(id), 0) FROM sentence_units").scalar() if is_sqlite(s) else 0
    insert_many(s, "sentence_units", rows)
    if is_sqlite(s):
        s.execute("INSERT INTO sentence_fts(rowid, heading, text) SELECT id, heading, text FROM sentence_units WHERE id > :lo",
                  {"lo": lo})


def _delete(s, ids: list[int]) -> None:
    for chunk in batched(ids, 500):
        if is_sqlite(s):
            s.execute("INSERT INTO sentence_fts(sentence_fts, rowid, heading, text) SELECT 'delete', id, heading, text "
                      f"FROM sentence_units WHERE id IN ({','.join(str(int(i)) for i in chunk)})")
        s.execute(f"DELETE FROM sentence_units WHERE id IN ({marks('p', chunk)[0]})", marks("p", chunk)[1])


# --- reading (ask): store/reads.py, in plain SQL for the light read path ---
