"""Keep the search index current: units for changed pages and sources, replaced in the save's transaction.

An index unit is something a result can cite: a page block with its spans, or a
chunk of a raw source (a paragraph, code block or table, with its line range).
`update` is called by store.repo.write inside the same transaction as the page
rows, so the index never disagrees with the pages after a crash. `ensure` fills
the index of a wiki that predates it.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

from lorebook.model import Page, PageBlock, Source, Span
from lorebook.store import sentences
from lorebook.store.db import database_for, in_marks, in_params, insert_rows, is_sqlite, json_value
from lorebook.store.lock import wiki_lock
from lorebook.utilities import batched

MAX_CHUNK_LINES = 30
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
NAV_KINDS = {"link_item", "meta"}  # "Related" / "Source" lists and file metadata: navigation, not content
SKIP_TYPES = {"source"}  # a source page's blocks cite whole files; its raw chunks are indexed instead


def page_units(p: Page) -> list[dict]:
    """One unit per cited block; headings become the context of the blocks below them."""
    if p.type in SKIP_TYPES:
        return []
    out, heading = [], ""
    for b in p.blocks:
        if b.kind == "heading":
            heading = _plain(b.text)
            continue
        if not b.citations or not b.text.strip() or b.kind in NAV_KINDS:
            continue
        first = b.citations[0]
        out.append(dict(kind="block", page_id=p.id, page_type=p.type, title=p.title, heading=heading,
                        text=_plain(b.text), source=first.source, start_line=first.start, end_line=first.end,
                        cites=[sp.as_dict() for sp in b.citations]))
    return out


def source_units(src: Source, page_id: str, title: str) -> list[dict]:
    """Chunks of a raw file: paragraphs, fenced code and lists split at blank lines, under their heading."""
    out = []
    for start, end, heading, text in chunks(src.text):
        out.append(dict(kind="chunk", page_id=page_id, page_type="source", title=title, heading=heading, text=text,
                        source=src.path, start_line=start, end_line=end,
                        cites=[{"source": src.path, "start_line": start, "end_line": end}]))
    return out


def chunks(text: str):
    """(start_line, end_line, heading, text) for each blank-line-separated piece; a heading is a piece of its own."""
    lines = text.split("\n")
    heading, buf, start, fence = "", [], 0, None
    out = []

    def flush(end):
        body = "\n".join(buf).strip()
        if body:
            out.append((start, end, heading, body))
        buf.clear()

    for i, line in enumerate(lines, 1):
        m = _FENCE.match(line)
        if fence:
            buf.append(line)
            if m and m.group(1)[0] == fence:
                fence = None
            continue
        h = None if m else _HEADING.match(line)
        if h or not line.strip() or len(buf) >= MAX_CHUNK_LINES:
            flush(i - 1)
        if h:
            heading, start = h.group(2), i
            buf.append(line)
            flush(i)
            continue
        if not line.strip():
            continue
        if not buf:
            start = i
        buf.append(line)
        if m:
            fence = m.group(1)[0]
    flush(len(lines))
    return out


def update(s, changed: list[Page], removed: list[str], sources: dict[str, Source], old_sources: dict[str, str],
           root=None, read_source=None) -> None:
    """Replace the units of changed/removed pages and of new/changed/removed sources (inside the caller's transaction);
    then the sentence index of the same sources and pages (`root`: the wiki folder and `read_source(path, rel)`:
    sources.reader.read_source_or_none, to read sources not in hand)."""
    if not _built(s):
        return  # filled from scratch by `ensure` on the next query
    drop_pages(s, [p.id for p in changed], removed)
    for batch in batched(changed, 500):  # rows built a batch at a time: 20,000 pages' rows at once cost ~400 MB
        add_pages(s, batch)
    read = (lambda p: read_source(root / p, p)) if root is not None and read_source else (lambda p: None)
    owners = {path: (p.id, p.title) for p in changed if p.type == "source" for path in p.sources}
    doc_sources = {src for p in changed if p.type in sentences.DOC_TYPES for src in p.sources}
    update_sources(s, len(changed), removed, {path: src.sha256 for path, src in sources.items()}, old_sources, owners,
                   doc_sources, lambda p: sources.get(p) or read(p))


def built(s) -> bool:
    """Whether the wiki has a search index to keep current (a wiki that predates it is filled by `ensure`)."""
    return _built(s)


def drop_pages(s, changed_ids: list[str], removed: list[str]) -> None:
    """Before the new units of pages: the block units and page rows of the pages rewritten or removed."""
    gone_pages = list(changed_ids) + list(removed)
    # Look the rows up by page first: given `kind = 'block' AND page_id IN (…)`, SQLite walks the
    # (kind, source) index through every block unit of the wiki (40 ms at 10,000 sources).
    _delete_units(s, [r.id for chunk in batched(gone_pages, 500)
                      for r in s.execute(f"SELECT id, kind FROM search_units WHERE page_id IN ({in_marks(chunk)})", in_params(chunk))
                      if r.kind == "block"])
    _update_heads(s, [], gone_pages)


def add_pages(s, pages: list[Page], rows: dict[str, list[tuple]] | None = None) -> None:
    """The units and page rows of some rewritten pages (after `drop_pages`); `rows`: page id -> its
    `page_unit_rows`, where a worker prepared them."""
    _insert_unit_rows(s, [r for p in pages
                          for r in (rows[p.id] if rows is not None and p.id in rows else page_unit_rows(p))])
    _update_heads(s, pages, [])


def update_sources(s, n_pages: int, removed: list[str], shas: dict[str, str], old_sources: dict[str, str],
                   owners: dict[str, tuple[str, str]], doc_sources: set[str], source) -> None:
    """After every page's units: the chunks of new and changed sources, and the sentences of those and of the
    sources of the document pages rewritten (`doc_sources`) or removed (see SourceWalk)."""
    walk = SourceWalk(s, shas, old_sources, owners, doc_sources, removed)
    for group in batched(walk.order, 200):
        walk.add(group, source)
    walk.finish(n_pages)


class SourceWalk:
    """The sources' part of an index update, one group of sources at a time in path order.

    `shas`: every source of the save, path -> sha256 (a partial save: those in hand); `owners`: path ->
    (source page id, title) of the source pages saved; `add(paths, source)` with `source(path)` giving the
    Source, read when needed, so a full build holds one batch of sources at a time. Walking the sources once
    (a group's chunks, then its sentences, which ask which page each chunk belongs to) gives the chunk and
    sentence rows and ids two separate walks gave."""

    def __init__(self, s, shas: dict[str, str], old_sources: dict[str, str], owners: dict[str, tuple[str, str]],
                 doc_sources: set[str], removed: list[str]):
        self.s, self.owners, self.removed = s, dict(owners), removed
        self.changed = [path for path, sha in shas.items() if old_sources.get(path) != sha]
        self.gone = [path for path in old_sources if path not in shas]
        gone_src = _no_longer_ok(s, self.gone)
        _delete_units(s, [i for chunk in batched(self.changed + gone_src, 500)
                          for i in s.execute(f"SELECT id FROM search_units WHERE kind = 'chunk' AND source IN ({in_marks(chunk)})",
                                             in_params(chunk)).scalars()])
        reindex = sentences.paths_to_reindex(s, doc_sources, removed, self.changed, self.gone) if sentences.built(s) else []
        sentences.drop(s, reindex)
        self.chunked, self.indexed = set(self.changed), set(reindex)
        self.order = sorted(self.chunked | self.indexed)

    def add(self, paths, source, owners: dict[str, tuple[str, str]] | None = None,
            chunked: dict[str, tuple[tuple[str, str], list[tuple]]] | None = None) -> None:
        """The chunks and sentences of `paths` (in path order, after those of every earlier call). `chunked`:
        path -> (the source page it was chunked for, its `chunk_rows`), where a worker prepared them."""
        self.owners.update(owners or {})
        wanted = [path for path in paths if path in self.chunked or path in self.indexed]
        missing = [path for path in wanted if path in self.chunked and path not in self.owners]
        if missing:  # source pages saved in this run are in hand; only the others are looked up
            self.owners.update(_source_pages(self.s, missing))
        srcs = {path: src for path in wanted if (src := source(path)) is not None}
        rows = []
        for path, src in srcs.items():
            if path in self.chunked:
                owner = self.owners.get(path, (path, src.name))
                pre = chunked.get(path) if chunked else None
                rows += pre[1] if pre is not None and pre[0] == owner else chunk_rows(src, *owner)
        _insert_unit_rows(self.s, rows)
        sentences.add(self.s, {path: src for path, src in srcs.items() if path in self.indexed})

    def finish(self, n_pages: int, held: dict | None = None) -> None:
        """After the last group: merge the full-text indexes' segments when the save was large, or when
        `hold_merges` held them back (its settings are then put back)."""
        if held is not None or (is_sqlite(self.s) and
                                n_pages + len(self.removed) + len(self.changed) + len(self.gone) >= LARGE_WRITE):
            _compact(self.s)
        if held is not None:
            _restore_merges(self.s, held)


LARGE_WRITE = 2000  # pages and sources rewritten in one save: enough small segments that queries slow down
FTS_TABLES = ("search_fts", "search_tri", "search_pages", "sentence_fts")

# While a large save writes, FTS5 need not merge segments as it goes: `_compact` merges each index into one
# segment at the end anyway. With its defaults (automerge 4, crisismerge 16) it merged them level by level all
# through a full build: at 10,000 sources the FTS5 inserts took 8.4 of the main process's 41 s of CPU, and 4.1 s
# without those merges (the final merge, 1.6 s, either way). The settings live in each table's %_config shadow
# table, inside the save's transaction: a build that stops rolls them back with everything else.
_HELD = {"automerge": 0, "crisismerge": 1000}  # segments stay below FTS5's limit of 2,000: ~130 a table at 10,000 sources
_DEFAULTS = {"automerge": 4, "crisismerge": 16}  # FTS5's own, for a table that never set them


def hold_merges(s, n_writes: int) -> dict | None:
    """Before a save that rewrites `n_writes` pages and sources (SQLite): no segment merges until `finish`,
    which merges each index once and puts the settings back. Returns what to put back (None: nothing held,
    a small save or PostgreSQL)."""
    if n_writes < LARGE_WRITE or not is_sqlite(s):
        return None
    held = {}
    for table in FTS_TABLES:
        have = {r.k: r.v for r in s.execute(f"SELECT k, v FROM {table}_config WHERE k IN ('automerge', 'crisismerge')")}
        held[table] = {k: have.get(k, default) for k, default in _DEFAULTS.items()}
        _set_merges(s, table, _HELD)
    return held


def _restore_merges(s, held: dict) -> None:
    for table, settings in held.items():
        _set_merges(s, table, settings)


def _set_merges(s, table: str, settings: dict) -> None:
    """FTS5's merge settings of one table ("automerge", "crisismerge"), written as its special INSERT."""
    for k, v in settings.items():
        s.execute(f"INSERT INTO {table}({table}, rank) VALUES('{k}', {int(v)})")


def _compact(s) -> None:
    """Merge each full-text index into one segment. A large incremental save (a new compiler version recompiling
    every source of a 10,000-source wiki) leaves thousands of small FTS5 segments behind: search p95 went from
    2.2 to 10.8 ms and ask p50 from 16 to 31 ms until they were merged, which takes ~2 s at that size."""
    for table in FTS_TABLES:
        s.execute(f"INSERT INTO {table}({table}) VALUES('optimize')")


def add_page(s, page: Page) -> None:
    """Index one page saved outside a compile (a saved answer)."""
    if _built(s):
        _insert_units(s, page_units(page))
        _update_heads(s, [page], [])


# The FTS5 tables are kept in step here, not by triggers: a trigger inserts one row per
# statement, and FTS5 flushes its pending terms at every statement, so a 10,000-source
# build spent most of its index time merging one-row segments (the same 318,770 rows,
# alone: 21.9 s through triggers, 6.7 s as one INSERT ... SELECT per batch).
_FTS_ADD = [
    "INSERT INTO search_fts(rowid, title, heading, text, page_type) "
    "SELECT id, title, heading, text, page_type FROM search_units WHERE id > :lo",
    "INSERT INTO search_tri(rowid, text) SELECT id, text FROM search_units WHERE id > :lo AND +kind = 'chunk'",
]
_FTS_DROP = [
    "INSERT INTO search_fts(search_fts, rowid, title, heading, text, page_type) "
    "SELECT 'delete', id, title, heading, text, page_type FROM search_units WHERE id IN ({ids})",
    "INSERT INTO search_tri(search_tri, rowid, text) "
    "SELECT 'delete', id, text FROM search_units WHERE id IN ({ids}) AND +kind = 'chunk'",
]
# `+kind`, not `kind`: given `kind = 'chunk'`, SQLite walks the (kind, source) index through every chunk of
# the wiki (200,000 at 10,000 sources: 10-20 ms per statement, 60 ms of a one-word ingest) instead of
# looking the few rows up by id; the unary plus keeps the column out of the index choice.


UNIT_COLUMNS = ("kind", "page_id", "page_type", "title", "heading", "text", "source", "start_line", "end_line", "cites")


def unit_row(u: dict) -> tuple:
    """A unit (`page_units`, `source_units`) as the search_units row written: UNIT_COLUMNS, cites as JSON."""
    return (u["kind"], u["page_id"], u["page_type"], u["title"], u["heading"], u["text"], u["source"], u["start_line"],
            u["end_line"], _cites_json(u["cites"]))


def page_unit_rows(p: Page) -> list[tuple]:
    """The search_units rows of a page's units (a full build's page workers prepare them)."""
    return [unit_row(u) for u in page_units(p)]


def chunk_rows(src: Source, page_id: str, title: str) -> list[tuple]:
    """The search_units rows of a raw file's chunks, under its source page (prepared in a worker, or here)."""
    return [unit_row(u) for u in source_units(src, page_id, title)]


def _insert_units(s, rows: list[dict]) -> None:
    _insert_unit_rows(s, [unit_row(r) for r in rows])


def _insert_unit_rows(s, rows: list[tuple]) -> None:
    if not rows:
        return
    lo = s.execute("SELECT coalesce(max(id), 0) FROM search_units").scalar() if is_sqlite(s) else 0
    insert_rows(s, "search_units", UNIT_COLUMNS, rows)
    if is_sqlite(s):
        for stmt in _FTS_ADD:
            s.execute(stmt, {"lo": lo})


_CITE_KEYS = ("source", "start_line", "end_line")


def _cites_json(cites: list[dict]) -> str:
    """json.dumps(cites): a chunk's one span (every chunk of a raw file, 200,000 at 10,000 sources) written
    directly, the same text json.dumps gives; anything else through json.dumps."""
    if len(cites) == 1:
        c = cites[0]
        if tuple(c) == _CITE_KEYS and type(c["source"]) is str and type(c["start_line"]) is int and type(c["end_line"]) is int:
            return f'[{{"source": {_json_str(c["source"])}, "start_line": {c["start_line"]}, "end_line": {c["end_line"]}}}]'
    return json.dumps(cites)


@lru_cache(maxsize=4096)
def _json_str(text: str) -> str:
    return json.dumps(text)


def _delete_units(s, ids: list[int]) -> None:
    """Drop units (and first their FTS rows, which need the old text to be removed)."""
    for chunk in batched(ids, 500):
        if is_sqlite(s):
            for stmt in _FTS_DROP:
                s.execute(stmt.format(ids=",".join(str(int(i)) for i in chunk)))
        s.execute(f"DELETE FROM search_units WHERE id IN ({in_marks(chunk)})", in_params(chunk))


def _update_heads(s, changed: list[Page], gone: list[str]) -> None:
    """The page-level tier (SQLite): one row per page, its title and one-line summary."""
    if not is_sqlite(s):
        return
    if gone and s.execute("SELECT 1 FROM search_pages LIMIT 1").first() is not None:
        s.execute("DELETE FROM search_pages WHERE page_id IN (SELECT value FROM json_each(:ids))", {"ids": json.dumps(gone)})
    rows = [dict(page_id=p.id, page_type=p.type, title=p.title, summary=p.summary or "") for p in changed]
    if rows:
        s.execute("INSERT INTO search_pages(page_id, page_type, title, summary) "
                  "VALUES (:page_id, :page_type, :title, :summary)", rows)


_KNOWN_BUILT: set[str] = set()  # database URLs whose index this process has seen complete


def ensure(wiki, read_source) -> bool:
    """Fill the index of a wiki created before it existed. Returns True if it had to.

    `read_source(path, rel)` reads a raw file as the compiler does, None when it cannot
    (sources.reader.read_source_or_none, handed in by the caller: the store sits below sources)."""
    db = database_for(wiki)
    if db.url in _KNOWN_BUILT:
        return False
    with db.transaction() as s:
        if _built(s):
            _KNOWN_BUILT.add(db.url)
            return False
    with wiki_lock(wiki.state_dir):
        with db.transaction() as s:
            if _built(s):
                return False
            rebuild(s, wiki, read_source)
    return True


def rebuild(s, wiki, read_source) -> None:
    """Index every page (from the database) and every raw source (from raw/) from scratch."""
    if is_sqlite(s):
        s.execute("INSERT INTO search_fts(search_fts) VALUES('delete-all')")
        s.execute("INSERT INTO search_tri(search_tri) VALUES('delete-all')")
    s.execute("DELETE FROM search_units")
    rows = []
    pages = {r.id: r for r in s.execute("SELECT id, type, title, summary FROM pages")}
    if is_sqlite(s):
        s.execute("DELETE FROM search_pages")
        _update_heads(s, [Page(id=r.id, type=r.type, title=r.title, path="", blocks=[], summary=r.summary or "")
                          for r in pages.values()], [])
    q = ("SELECT blocks.id, blocks.page_id, blocks.kind, blocks.level, blocks.text, "
         "spans.source, spans.start_line, spans.end_line FROM blocks "
         "LEFT OUTER JOIN citations ON citations.block_id = blocks.id LEFT OUTER JOIN spans ON spans.id = citations.span_id "
         "ORDER BY blocks.page_id, blocks.position, citations.position")
    blocks: dict[str, dict[int, PageBlock]] = {}
    for r in s.execute(q):
        b = blocks.setdefault(r.page_id, {}).setdefault(r.id, PageBlock(r.kind, r.text, [], r.level))
        if r.source is not None:
            b.citations.append(Span(r.source, r.start_line, r.end_line))
    for pid, bs in blocks.items():
        if pid in pages:
            pr = pages[pid]
            rows.extend(page_units(Page(id=pid, type=pr.type, title=pr.title, path="", blocks=list(bs.values()))))
    owners = _source_pages(s)
    for r in s.execute("SELECT path FROM sources WHERE status = 'ok'"):
        # as compiled: a 50 MB source is indexed from the part that was compiled, in bounded memory
        src = read_source(wiki.root / r.path, r.path)
        if src is None:
            continue
        pid, title = owners.get(r.path, (r.path, src.name))
        rows.extend(source_units(src, pid, title))
    for chunk in batched(rows, 5000):
        _insert_units(s, chunk)
    _mark_built(s)
    sentences.rebuild(s, wiki, read_source)


def _no_longer_ok(s, paths: list[str]) -> list[str]:
    """Of `paths`, those the sources table no longer holds as readable (removed or now skipped)."""
    ok = set()
    for chunk in batched(paths, 500):
        ok |= set(s.execute(f"SELECT path FROM sources WHERE path IN ({in_marks(chunk)}) AND status = 'ok'", in_params(chunk)).scalars())
    return [p for p in paths if p not in ok]


def _built(s) -> bool:
    return s.execute("SELECT value FROM meta WHERE key = 'search_index'").scalar() is not None


def _mark_built(s) -> None:
    if not _built(s):
        s.execute("INSERT INTO meta (key, value) VALUES ('search_index', '1')")



def _source_pages(s, paths: list[str] | None = None) -> dict[str, tuple[str, str]]:
    """raw path -> (source page id, title); only for `paths` when given (an incremental
    ingest touches a few sources, and decoding all 10,000 source pages cost it 0.2-0.6 s)."""
    out = {}
    if paths is None:
        for r in s.execute("SELECT id, title, sources FROM pages WHERE type = 'source'"):
            for path in json_value(r.sources) or []:
                out[path] = (r.id, r.title)
        return out
    # Two lookups by key: as one join, SQLite walks every source page (ix_pages_type) to find these few.
    for chunk in batched(paths, 500):
        owners = s.execute(f"SELECT source, page_id FROM page_sources WHERE source IN ({in_marks(chunk)})", in_params(chunk)).all()
        pages = {r.id: r for ids in batched(sorted({o.page_id for o in owners}), 500)
                 for r in s.execute(f"SELECT id, title, type FROM pages WHERE id IN ({in_marks(ids)})", in_params(ids))}
        for o in owners:
            r = pages.get(o.page_id)
            if r is not None and r.type == "source":
                out[o.source] = (r.id, r.title)
    return out


_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARK = re.compile(r"\*{1,3}|`+")


def _plain(text: str) -> str:
    """Markdown inline -> plain text for indexing (links keep their words)."""
    return _MARK.sub("", _LINK.sub(r"\1", text)).strip()
