"""The sentence index: every sentence, list item, table row and code block of a raw source, with its exact lines.

`ask` answers with one to three of these (or one row), so it never has to
quote a whole block cut at N characters. Each row also records the document
page built from those lines and the typed field they feed (from the page's
field citations), which lets the scorer prefer "the sentence that states the
root cause" over one that merely shares words with the question.

Rows come from the parsed Markdown (sources.markdown, line-mapped), so a table
row is read as "column: value; column: value" and a list item keeps its own
line. All SQL that writes the sentence index lives in this module (its reads, in store/reads.py); the full-text part
is SQLite FTS5 or a PostgreSQL tsvector (migration 0006).
"""

from __future__ import annotations

import bisect
import json
import re

from sqlalchemy import delete, func, insert, select, text as sql

from lorebook.model import Block, Source
from lorebook.store import tables as T
from lorebook.store.db import database_for, insert_many, is_sqlite
from lorebook.utilities import batched

S = T.sentence_units
DOC_TYPES = ("decision", "incident", "runbook", "note")
MAX_CODE_LINES = 12

# A sentence ends at . ! ? (or 。) followed by space and something that starts a sentence;
# not after common abbreviations or single initials.
_END = re.compile(r"(?<=[.!?。])[\"')\]]?\s+(?=[\"'(\[*_`]*[A-Z0-9\u0080-\uffff])")
_ABBREV = re.compile(r"(?:\b(?:e\.g|i\.e|etc|vs|cf|approx|incl|no|dr|mr|ms|mrs|st|fig|sec|min|max)\.|\b[A-Z]\.)$", re.I)
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPH = re.compile(r"(\*\*|__|(?<!\w)\*(?=\S)|(?<=\S)\*(?!\w)|~~)")
_FM_LINE = re.compile(r"^\s*([A-Za-z_][\w -]{0,40}):\s*(\S.*)$")


def plain(text: str) -> str:
    """Inline Markdown -> readable text (links keep their words; code spans keep their backticks)."""
    t = _LINK.sub(r"\1", text)
    t = re.sub(r"<[^>\n]{1,200}>", " ", t)  # inline HTML is not part of a sentence
    return " ".join(_EMPH.sub("", t).split())


def split_sentences(text: str, first_line: int) -> list[tuple[int, int, str]]:
    """(start_line, end_line, sentence) for the sentences of a paragraph whose first line is `first_line`."""
    out = []
    pos = 0
    cuts = []
    depth, seen = 0, 0  # "[" minus "]" before the candidate break, counted once across the text
    for m in _END.finditer(text):
        depth += text.count("[", seen, m.start()) - text.count("]", seen, m.start())
        seen = m.start()
        if _ABBREV.search(text[max(0, m.start() - 8) : m.start()]):
            continue
        if depth > 0:
            continue  # inside a link's text: "[036. Multi-cluster](…)"
        cuts.append((m.start(), m.end()))
    pieces = []
    for a, b in cuts:
        pieces.append((pos, a))
        pos = b
    pieces.append((pos, len(text)))
    for a, b in pieces:
        body = text[a:b]
        if not body.strip():
            continue
        lead = len(body) - len(body.lstrip())
        start = first_line + text.count("\n", 0, a + lead)
        end = first_line + text.count("\n", 0, a + len(body.rstrip()))
        out.append((start, end, plain(body)))
    return out


def source_sentences(src: Source) -> list[dict]:
    """Rows for one raw source (page and field left empty; `assign` fills them)."""
    from lorebook.sources.markdown import parse

    try:
        parsed = parse(src)
    except Exception:  # a source the parser cannot read still has its chunks in search_units
        return []
    out: list[dict] = []
    if parsed.front_matter_span is not None:
        lines = src.text.split("\n")
        for n in range(parsed.front_matter_span.start, parsed.front_matter_span.end + 1):
            m = _FM_LINE.match(lines[n - 1]) if n - 1 < len(lines) else None
            if m:
                out.append(_row(src.path, n, n, "meta", "", f"{m.group(1)}: {m.group(2).strip()}"))

    def walk(sec, path):
        heading = " > ".join(p for p in path if p)
        if sec.span is not None and sec.title:
            out.append(_row(src.path, sec.span.start, sec.span.end, "heading", " > ".join(p for p in path[:-1] if p), plain(sec.title)))
        for b in sec.blocks:
            _block(src.path, b, heading, out)
        for c in sec.children:
            walk(c, path + [plain(c.title)])

    walk(parsed.root, [])
    for i, r in enumerate(out):
        r["position"] = i
    return out


def _row(source, start, end, kind, heading, text) -> dict:
    return dict(source=source, position=0, start_line=start, end_line=end, kind=kind, page_id="", page_type="source",
                field="", heading=heading[:500], text=text)


def _block(source: str, b: Block, heading: str, out: list[dict]) -> None:
    if b.kind == "paragraph":
        for s, e, t in split_sentences(b.text, b.span.start):
            if t:
                out.append(_row(source, s, e, "sentence", heading, t))
    elif b.kind == "item":
        prefix = f"{b.number}. " if b.ordered and b.number is not None else ""
        sents = split_sentences(b.text, b.span.start)
        for k, (s, e, t) in enumerate(sents):
            if t:
                out.append(_row(source, s, e, "item", heading, (prefix if k == 0 else "") + t))
        for c in b.children:
            _block(source, c, heading, out)
    elif b.kind == "table":
        header = [plain(h) for h in (b.header or [])]
        for r in b.children:
            cells = [plain(c) for c in (r.cells or [])]
            if not any(header) and len(cells) == 2 and cells[0] and cells[1]:  # a key/value table
                out.append(_row(source, r.span.start, r.span.end, "row", heading, f"{cells[0]}: {cells[1]}"))
                continue
            pairs = [f"{h}: {c}" if h else c for h, c in zip(header + [""] * len(cells), cells) if c]
            if pairs:
                out.append(_row(source, r.span.start, r.span.end, "row", heading, "; ".join(pairs)))
    elif b.kind == "code":
        lines = b.text.rstrip("\n").split("\n")
        if len(lines) <= MAX_CODE_LINES:
            if b.text.strip():
                out.append(_row(source, b.span.start, b.span.end, "code", heading, "\n".join(lines)))
            return
        first = b.span.start + (1 if b.span.end - b.span.start + 1 > len(lines) else 0)  # after the ``` line
        for a, z in code_pieces(lines):
            out.append(_row(source, first + a, first + z, "code", heading, "\n".join(lines[a : z + 1])))
    elif b.kind == "quote":
        for c in b.children:
            _block(source, c, heading, out)


def code_pieces(lines: list[str], most: int = MAX_CODE_LINES) -> list[tuple[int, int]]:
    """(first, last) line indexes of a long code block cut into pieces of at most `most` lines, at blank
    lines where it can: a command in the middle of a long block is then found and cited on its own lines."""
    out: list[tuple[int, int]] = []
    start = None
    last_blank = None
    for i, line in enumerate(lines):
        if not line.strip():
            last_blank = i
            continue
        if start is None:
            start = i
        if i - start + 1 > most:
            cut = last_blank if last_blank is not None and last_blank > start else i
            end = cut - 1 if cut == last_blank else i - 1
            while end > start and not lines[end].strip():
                end -= 1
            out.append((start, end))
            start = next((k for k in range(cut if cut == last_blank else i, i + 1) if lines[k].strip()), i)
    if start is not None:
        end = len(lines) - 1
        while end > start and not lines[end].strip():
            end -= 1
        out.append((start, end))
    return out


# --- which page and field each sentence feeds ---


def assign(s, rows: list[dict], path: str) -> None:
    """Fill page_id / page_type / field of one source's rows from the pages that cite it (same transaction)."""
    U = T.search_units
    chunk = s.execute(select(U.c.page_id).where(U.c.kind == "chunk", U.c.source == path).limit(1)).first()
    source_page = chunk.page_id if chunk else path  # the source's own page
    owners = s.execute(select(T.page_sources.c.page_id).where(T.page_sources.c.source == path)).scalars().all()
    pages = s.execute(select(T.pages.c.id, T.pages.c.type, T.pages.c.field_citations)
                      .where(T.pages.c.id.in_(owners), T.pages.c.type.in_(DOC_TYPES))).all() if owners else []
    spans: list[tuple[int, int, str, str, str]] = []  # (start, end, page, type, field)
    for p in pages:
        fc = p.field_citations if isinstance(p.field_citations, dict) else json.loads(p.field_citations or "{}")
        for key, cites in (fc or {}).items():
            for c in cites or []:
                if c.get("source") == path:
                    spans.append((c["start_line"], c["end_line"], p.id, p.type, key))
    covered = []
    if pages:
        covered = [(r.start_line, r.end_line, r.page_id, r.page_type) for r in s.execute(
            select(U.c.start_line, U.c.end_line, U.c.page_id, U.c.page_type)
            .where(U.c.kind == "block", U.c.source == path, U.c.page_id.in_([p.id for p in pages])))]
    fields, blocks = _Overlaps(spans), _Overlaps(covered)
    for r in rows:
        best = fields.narrowest(r["start_line"], r["end_line"], lambda sp: sp[4])
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
            r["page_id"], r["page_type"] = source_page, "source"


class _Overlaps:
    """Line ranges (tuples starting `start, end`) looked up by overlap without scanning them all: a
    6 MB source has 130,000 sentences and as many cited ranges, and a scan per sentence was quadratic."""

    LONG = 256  # ranges longer than this are few; they are checked one by one

    def __init__(self, ranges: list[tuple]):
        indexed = list(enumerate(ranges))
        self.long = [(i, r) for i, r in indexed if r[1] - r[0] > self.LONG]
        self.short = sorted(((r[0], i, r) for i, r in indexed if r[1] - r[0] <= self.LONG))
        self.starts = [x[0] for x in self.short]

    def narrowest(self, start: int, end: int, tie):
        """The overlapping range with the fewest lines, then the smallest `tie(range)`, then the first given."""
        lo = bisect.bisect_left(self.starts, start - self.LONG)
        hi = bisect.bisect_right(self.starts, end)
        hits = [(i, r) for _, i, r in self.short[lo:hi] if r[1] >= start]
        hits += [(i, r) for i, r in self.long if r[0] <= end and r[1] >= start]
        if not hits:
            return None
        return min(hits, key=lambda h: (h[1][1] - h[1][0], tie(h[1]), h[0]))[1]


# --- index maintenance (called by store.search_index inside the save's transaction) ---


def built(s) -> bool:
    return s.execute(select(T.meta.c.value).where(T.meta.c.key == "sentence_index")).scalar() is not None


def update(s, changed_pages, removed: list[str], sources: dict[str, Source], changed_sources: list[str],
           gone_sources: list[str], read) -> None:
    """Re-index the sentences of changed/removed sources and of the sources of changed or removed pages.

    `read(path)` returns a Source for a raw path still in the wiki (or None)."""
    if not built(s):
        return
    paths = set(changed_sources) | set(gone_sources)
    for p in changed_pages:
        if p.type in DOC_TYPES:
            paths.update(p.sources)
    if removed:
        for chunk in batched(removed, 500):
            paths.update(s.execute(select(S.c.source).where(S.c.page_id.in_(chunk)).distinct()).scalars())
    _reindex(s, sorted(paths), sources, read)


def _reindex(s, paths: list[str], sources: dict[str, Source], read) -> None:
    for chunk in batched(paths, 500):
        _delete(s, list(s.execute(select(S.c.id).where(S.c.source.in_(chunk))).scalars()))
    rows: list[dict] = []
    for path in paths:
        src = sources.get(path) or read(path)
        if src is None:
            continue
        these = source_sentences(src)
        assign(s, these, path)
        rows.extend(these)
        if len(rows) >= 5000:
            _insert(s, rows)
            rows = []
    _insert(s, rows)


def rebuild(s, wiki, read_source) -> None:
    """Index the sentences of every readable raw source from scratch.

    `read_source(path, rel)`: sources.reader.read_source_or_none, handed in as for store.search_index."""
    if is_sqlite(s):
        s.execute(sql("INSERT INTO sentence_fts(sentence_fts) VALUES('delete-all')"))
    s.execute(delete(S))
    paths = list(s.execute(select(T.sources.c.path).where(T.sources.c.status == "ok")).scalars())
    _reindex(s, paths, {}, lambda p: read_source(wiki.root / p, p))
    if not built(s):
        s.execute(insert(T.meta).values(key="sentence_index", value="1"))


_KNOWN_BUILT: set[str] = set()


def ensure(wiki, read_source) -> None:
    """Fill the sentence index of a wiki created before it existed (once, under the wiki lock)."""
    db = database_for(wiki)
    if db.url in _KNOWN_BUILT:
        return
    with db.session() as s:
        if built(s):
            _KNOWN_BUILT.add(db.url)
            return
    from lorebook.store.lock import wiki_lock

    with wiki_lock(wiki.state_dir):
        with db.session() as s:
            if not built(s):
                rebuild(s, wiki, read_source)
    _KNOWN_BUILT.add(db.url)


def _insert(s, rows: list[dict]) -> None:
    if not rows:
        return
    lo = s.execute(select(func.coalesce(func.max(S.c.id), 0))).scalar() if is_sqlite(s) else 0
    insert_many(s, S, rows)
    if is_sqlite(s):
        s.execute(sql("INSERT INTO sentence_fts(rowid, heading, text) SELECT id, heading, text FROM sentence_units WHERE id > :lo"),
                  {"lo": lo})


def _delete(s, ids: list[int]) -> None:
    for chunk in batched(ids, 500):
        if is_sqlite(s):
            s.execute(sql("INSERT INTO sentence_fts(sentence_fts, rowid, heading, text) SELECT 'delete', id, heading, text "
                          f"FROM sentence_units WHERE id IN ({','.join(str(int(i)) for i in chunk)})"))
        s.execute(delete(S).where(S.c.id.in_(chunk)))


# --- reading (ask): store/reads.py, in plain SQL for the light read path ---
