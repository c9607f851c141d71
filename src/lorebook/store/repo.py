"""Write a planned save: database rows and wiki/ files together, atomically; and the reads a plan needs.

living/save.py works out what to write (new versions, merges, human edits, re-anchored
citations) into a SavePlan; `write` carries it out. The files are staged and switched by
store.files, with the database commit in between as the point of no return. The store
decides nothing about content: it imports only model, config and utilities.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, field

from lorebook.config import Wiki
from lorebook.model import Link, Page, Source, Span
from lorebook.store import files, search_index, versions as store_versions
from lorebook.store.db import Database, database_for, in_marks, in_params, insert_many, json_value
from lorebook.store.wiki_log import append_log, with_log_entry  # noqa: F401  (callers reach them as repo.*)
from lorebook.utilities import batched, normalise_quote, quote_hash


def now_iso() -> str:
    return dt.datetime.now(dt.timezone.utc).astimezone().replace(microsecond=0).isoformat()


@dataclass
class SaveReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    human: list[str] = field(default_factory=list)  # pages with a human edit recorded this run
    frozen: list[str] = field(default_factory=list)  # reviewed: true, not recompiled
    stale: list[str] = field(default_factory=list)  # pages with blocks whose support is gone
    anchored: list[str] = field(default_factory=list)  # pages whose citations were re-located
    files_written: int = 0
    written: list[str] = field(default_factory=list)  # root-relative paths of the files written


# Every statement here is plain SQL with :named parameters, run through Database.transaction(): on a
# SQLite wiki inside store.db.light_writes() (`lorebook ingest`, `build`) on one sqlite3 connection, with
# no SQLAlchemy import; otherwise through the pool (text() on PostgreSQL). JSON columns are written as
# json.dumps text, as SQLAlchemy's JSON type wrote them, and read back with json_value.
JSON_COLUMNS = {"fields", "field_citations", "sources", "links"}  # of the pages table


def _update_by(s, table: str, key: str, value, row: dict) -> None:
    """UPDATE one row of `table` (whose `key` is `value`) with the values in `row` (pages: JSON columns encoded)."""
    params = {k: json.dumps(v) if table == "pages" and k in JSON_COLUMNS else v for k, v in row.items()}
    s.execute(f"UPDATE {table} SET {', '.join(f'{k} = :{k}' for k in row)} WHERE {key} = :key_", dict(params, key_=value))


def _insert_rows(s, table: str, rows: list[dict], encoded: bool = False) -> None:
    """INSERT `rows` (dicts with the same keys) in one executemany, JSON columns encoded (unless `encoded`
    says they are JSON text already)."""
    if not rows:
        return
    cols = list(rows[0])
    enc = [c for c in cols if c in JSON_COLUMNS] if table == "pages" and not encoded else []
    if enc:
        rows = [dict(r, **{c: json.dumps(r[c]) for c in enc}) for r in rows]
    s.execute(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join(':' + c for c in cols)})", rows)


def get_generation(db: Database) -> int:
    with db.transaction() as s:
        v = s.execute("SELECT value FROM meta WHERE key = 'generation'").scalar()
    return int(v) if v else 0


def set_meta(s, key: str, value: str) -> None:
    """Set one row of the meta table (generation, index state) inside the caller's transaction."""
    if s.execute("SELECT key FROM meta WHERE key = :key", {"key": key}).first():
        s.execute("UPDATE meta SET value = :value WHERE key = :key", {"key": key, "value": value})
    else:
        s.execute("INSERT INTO meta (key, value) VALUES (:key, :value)", {"key": key, "value": value})


def recover(wiki: Wiki) -> list[str]:
    """Finish or undo a write a crash interrupted. Called whenever a wiki is opened for writing."""
    db = database_for(wiki)
    return files.recover(wiki.root, wiki.state_dir, get_generation(db))


@dataclass
class SavePlan:
    """Everything one save will write, worked out (by living/save.py) before anything is written."""

    now: str = ""
    partial: bool = False  # pages and sources hold only what this run touched: nothing else is removed
    pages: list[Page] = field(default_factory=list)  # every compiled page of this run
    links: list[Link] = field(default_factory=list)
    index_md: str | None = None
    sources: dict[str, Source] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)
    old: dict = field(default_factory=dict)  # page id -> its saved row (see load_previous)
    old_sources: dict[str, str] = field(default_factory=dict)  # path -> saved sha256
    removed: list[str] = field(default_factory=list)  # page ids retired this run
    paths: dict[str, str] = field(default_factory=dict)  # page id -> path under wiki/ of every text written
    texts: dict[str, str] = field(default_factory=dict)  # page id -> file text to write
    patched: set[str] = field(default_factory=set)  # page ids whose citation links were patched in place
    fresh: list[Page] = field(default_factory=list)  # pages whose rows (blocks, citations) are replaced
    kept: dict[str, dict] = field(default_factory=dict)  # page id -> row values to update, blocks kept
    bases: dict[str, str] = field(default_factory=dict)  # page id -> new compiled base text
    versions: list[tuple] = field(default_factory=list)  # (page_id, version, edited_by, origin, content, note)
    side_files: dict[str, str] = field(default_factory=dict)  # rel path -> conflict markers
    anchor: object = None  # living.anchoring.AnchorPlan: span moves and stale flags (duck-typed: no upward import)
    read_source: object = None  # sources.reader.read_source_or_none: the sentence index reads sources not in hand


PAGE_COLUMNS = "id, content_hash, version, updated, edited_by, origin, path, type, content"


def load_previous(db: Database, ids: list[str], source_paths: list[str], partial: bool) -> tuple[dict, dict, dict]:
    """(saved page rows by id, stored merge bases by id, saved source sha256 by path) a plan compares against.

    A partial save reads only the rows of `ids` and `source_paths`, not all 10,000."""
    with db.transaction() as s:
        if partial:
            old = {r.id: r for chunk in batched(ids, 500)
                   for r in s.execute(f"SELECT {PAGE_COLUMNS} FROM pages WHERE id IN ({in_marks(chunk)})", in_params(chunk))}
        else:
            old = {r.id: r for r in s.execute(f"SELECT {PAGE_COLUMNS} FROM pages")}
        bases = {r.page_id: r.content for chunk in batched(list(old), 500)
                 for r in s.execute(f"SELECT page_id, content FROM page_bases WHERE page_id IN ({in_marks(chunk)})", in_params(chunk))}
        q = "SELECT path, sha256 FROM sources"
        if partial:
            old_sources = {r.path: r.sha256 for chunk in batched(source_paths, 500)
                           for r in s.execute(f"{q} WHERE path IN ({in_marks(chunk)})", in_params(chunk))}
        else:
            old_sources = {r.path: r.sha256 for r in s.execute(q)}
    return old, bases, old_sources


def saved_pages(db: Database) -> dict[str, tuple[str, str]]:
    """id -> (type, path) of every saved page, in the order `load_previous` reads them (a full build
    compares against these and reads the rows themselves a batch at a time)."""
    with db.transaction() as s:
        return {r.id: (r.type, r.path) for r in s.execute("SELECT id, type, path FROM pages")}


def source_shas_all(db: Database) -> dict[str, str]:
    """path -> sha256 of every row of the sources table, skipped ones included (as `load_previous` reads them)."""
    with db.transaction() as s:
        return {r.path: r.sha256 for r in s.execute("SELECT path, sha256 FROM sources")}


def source_shas(db: Database, paths: list[str] | None = None) -> dict[str, str]:
    """path -> sha256 of the sources last compiled without error (only `paths`, when given)."""
    q = "SELECT path, sha256 FROM sources WHERE status = 'ok'"
    with db.transaction() as s:
        if paths is None:
            return {r.path: r.sha256 for r in s.execute(q)}
        return {r.path: r.sha256 for chunk in batched(paths, 500)
                for r in s.execute(f"{q} AND path IN ({in_marks(chunk)})", in_params(chunk))}


def skipped_source_paths(db: Database) -> set[str]:
    """Sources the last run could not read or compile (recorded with their error)."""
    with db.transaction() as s:
        return {r.path for r in s.execute("SELECT path FROM sources WHERE status != 'ok'")}


def saved_answers(wiki: Wiki) -> list[Page]:
    """Saved answer pages as light Page values (id, title, path, summary, links) for the compiler,
    which lists them in the index and links them back from the pages they cite."""
    with database_for(wiki).transaction() as s:
        rows = s.execute("SELECT id, title, path, summary, confidence, links FROM pages WHERE type = 'answer' ORDER BY id").all()
    return [Page(id=r.id, type="answer", title=r.title, path=r.path, blocks=[], summary=r.summary or "",
                 confidence=r.confidence, links=list(json_value(r.links) or [])) for r in rows]


def write(wiki: Wiki, plan: SavePlan, report: SaveReport, log_text: str, write_hook=None) -> SaveReport:
    """Write `plan`: stage the files, commit the rows (the point of no return), switch the files in.

    `write_hook(stage)` lets tests kill the process mid-way."""
    db = database_for(wiki)
    generation = get_generation(db) + 1
    fs = files.FileSet(root=wiki.root, generation=generation)
    for pid, text in plan.texts.items():
        # a patched page differs from its file (which matched the database, or was checked by the plan)
        fs.write(f"wiki/{plan.paths[pid]}", text, known_new=pid in plan.patched)
    compiled_paths = {p.path for p in plan.pages}
    for pid in plan.removed:
        if plan.old[pid].path not in compiled_paths:
            fs.delete(f"wiki/{plan.old[pid].path}")
    for rel, text in plan.side_files.items():
        fs.write(rel, text)
    if plan.index_md is not None:
        fs.write("wiki/index.md", plan.index_md)
    fs.write("wiki/log.md", with_log_entry(wiki, log_text))

    marker = wiki.state_dir / "writing"
    marker.write_text(str(generation), encoding="utf-8")
    journal = files.stage(fs, wiki.state_dir)
    report.written = [rel for _tmp, rel in json.loads(journal.read_text())["renames"]]
    report.files_written = len(report.written)
    if write_hook:
        write_hook("staged")

    with db.transaction() as s:
        # Each page's last stored version, read while its row still holds that text (see versions.tips).
        tips = store_versions.tips(s, _version_rows(plan))
        write_sources(s, source_facts(plan.sources), plan.skipped, plan.old_sources, plan.now, plan.partial)
        write_anchor_rows(s, plan.anchor)
        _write_pages(s, plan.pages, plan.links, plan.fresh, plan.removed, plan.old, plan.texts, plan.sources, plan.partial)
        _write_living(s, plan, tips)
        search_index.update(s, plan.fresh, plan.removed, plan.sources, plan.old_sources,  # same transaction: index never lags
                            root=wiki.root, read_source=plan.read_source)
        set_meta(s, "generation", str(generation))
    return _committed(wiki, journal, marker, write_hook, report)


def _committed(wiki, journal, marker, write_hook, report):
    """After the database commit: the staged files move into place and the crash marker goes (`recover`
    finishes the move when a run stops in between)."""
    if write_hook:
        write_hook("committed")
    files.apply(wiki.root, journal)
    marker.unlink(missing_ok=True)
    return report


@dataclass
class Rows:
    """Rows of a batch prepared where its pages were built (a full build's workers), so the save only writes them:
    page id -> its search_index.page_unit_rows; source path -> (its source page's id and title, its chunk_rows);
    page id -> the JSON columns of its row; (source, start, end) -> the quote and hash of a cited span's row."""

    units: dict[str, list[tuple]] = field(default_factory=dict)
    chunked: dict[str, tuple[tuple[str, str], list[tuple]]] = field(default_factory=dict)
    pages: dict[str, tuple[str, str, str, str]] = field(default_factory=dict)  # page id -> its page_json
    quotes: dict[tuple[str, int, int], tuple[str, str]] = field(default_factory=dict)  # the citations' span_quote


@dataclass
class Batch:
    """Part of a save that goes batch by batch (`write_batches`): some pages, planned as a SavePlan plans them."""

    fresh: list[Page] = field(default_factory=list)  # pages whose rows are replaced, in order
    texts: dict[str, str] = field(default_factory=dict)  # page id -> file text to write
    paths: dict[str, str] = field(default_factory=dict)  # page id -> its path under wiki/ (texts and restores)
    restore: list[str] = field(default_factory=list)  # pages whose lost file is written back from the database
    kept: dict[str, dict] = field(default_factory=dict)
    bases: dict[str, str] = field(default_factory=dict)
    versions: list[tuple] = field(default_factory=list)
    side_files: dict[str, str] = field(default_factory=dict)
    sources: list[str] | None = None  # a batch of source pages: their sources, whose chunks and sentences follow
    rows: Rows | None = None  # rows prepared with the pages (their search units, their sources' chunks)


@dataclass
class BatchedSave:
    """What a save that goes batch by batch writes besides its batches (a full build, living/save.py)."""

    now: str
    editor: str
    sources: dict[str, tuple[str, int, int]]  # every source of the build, as `source_facts` gives them
    read: Mapping[str, Source]  # the same sources' text, read when asked for (one batch of them held at a time)
    skipped: dict[str, str]
    old_sources: dict[str, str]
    old_ids: set[str]  # every page saved before
    replaced: list[str]  # of those, the pages whose rows are replaced
    removed: dict[str, str]  # page id -> path of the pages retired
    paths: set[str]  # every page path of this build (a retired page's file stays when its path is reused)
    links: list[Link]
    index_md: str
    anchor: object = None  # living.anchoring.AnchorPlan
    doc_sources: set[str] = field(default_factory=set)  # sources of the document pages rewritten (sentences re-read)
    quotes: dict[tuple[str, int, int], str] = field(default_factory=dict)  # the links' spans -> their lines' text


def write_batches(wiki: Wiki, head: BatchedSave, batches, report: SaveReport, log_text, write_hook=None) -> SaveReport:
    """`write`, a batch of pages at a time: a full build never holds every page, text or row at once.

    `batches` yields Batch values: the overview's and the documents' pages, then the source pages with
    their `sources` (whose chunks and sentences are written with them, in path order). Every statement
    of `write` runs, in an order that gives each table the same rows and ids; the temp files are staged
    batch by batch, the journal last. `log_text()` gives the log entry once the batches are done."""
    db = database_for(wiki)
    generation = get_generation(db) + 1
    fs = files.FileSet(root=wiki.root, generation=generation)
    marker = wiki.state_dir / "writing"
    marker.write_text(str(generation), encoding="utf-8")
    with db.transaction() as s:
        write_sources(s, head.sources, head.skipped, head.old_sources, head.now)
        write_anchor_rows(s, head.anchor)
        retired = _retiring(s, head)
        delete_replaced(s, head.replaced, list(head.removed), False)
        indexed = search_index.built(s)
        held = None
        if indexed:
            held = search_index.hold_merges(s, len(head.replaced) + len(head.removed) + _n_changed(head))
            search_index.drop_pages(s, head.replaced, list(head.removed))
        span_ids = SpanIds(s, head.read, head.quotes)
        keep = {(l.span.source, l.span.start, l.span.end) for l in head.links if l.span}
        span_ids.get_many([l.span for l in head.links if l.span])
        has_bases, has_versions = _has_rows(s, "page_bases"), _has_rows(s, "page_versions")
        walk, n_pages = None, 0
        shas = {path: facts[0] for path, facts in head.sources.items()}
        for b in batches:
            if b.sources is not None and walk is None and indexed:  # every page's units are in: now the sources'
                walk = search_index.SourceWalk(s, shas, head.old_sources, {}, head.doc_sources, list(head.removed))
            versions = _rows_of(b.versions, head.now)
            tips = store_versions.tips(s, versions)
            _stage(s, fs, b)
            if b.rows is not None:
                span_ids.prepared = b.rows.quotes
            write_page_rows(s, b.fresh, head.old_ids, b.texts, head.sources, span_ids, encoded=b.rows.pages if b.rows else None)
            write_living(s, b.kept, b.bases, b.texts, versions, tips, has_bases, has_versions)
            n_pages += len(b.fresh)
            if indexed:
                search_index.add_pages(s, b.fresh, b.rows.units if b.rows else None)
            if walk is not None and b.sources:
                walk.add(b.sources, head.read.get, {path: (p.id, p.title) for p in b.fresh if p.type == "source" for path in p.sources},
                         b.rows.chunked if b.rows else None)
            span_ids.forget({sp.source for p in b.fresh for bl in p.blocks for sp in bl.citations}, keep)
        write_links(s, head.links, [], span_ids, False)
        delete_orphan_spans(s, head.sources)
        store_versions.write(s, *retired)
        if head.anchor is not None:  # pages not rewritten whose citations moved: after every row of theirs
            anchored = _rows_of(head.anchor.versions, head.now)
            tips = store_versions.tips(s, anchored)
            for pid, row in head.anchor.rows.items():
                _update_by(s, "pages", "id", pid, row)
            store_versions.write(s, anchored, tips)
            for pid, text in head.anchor.texts.items():
                fs.write(f"wiki/{head.anchor.paths[pid]}", text, known_new=True)
        if indexed:
            if walk is None:
                walk = search_index.SourceWalk(s, shas, head.old_sources, {}, head.doc_sources, list(head.removed))
            walk.finish(n_pages, held)
        for pid, path in head.removed.items():
            if path not in head.paths:
                fs.delete(f"wiki/{path}")
        fs.write("wiki/index.md", head.index_md)
        fs.write("wiki/log.md", with_log_entry(wiki, log_text()))
        journal = files.stage(fs, wiki.state_dir)
        report.written = [rel for _tmp, rel in json.loads(journal.read_text())["renames"]]
        report.files_written = len(report.written)
        if write_hook:
            write_hook("staged")
        set_meta(s, "generation", str(generation))
    return _committed(wiki, journal, marker, write_hook, report)


def _n_changed(head: BatchedSave) -> int:
    """Sources new, changed or gone in this save (what SourceWalk re-chunks), counted before the walk."""
    old = head.old_sources
    return (sum(1 for path, facts in head.sources.items() if old.get(path) != facts[0])
            + sum(1 for path in old if path not in head.sources))


def _stage(s, fs: files.FileSet, b: Batch) -> None:
    """Stage a batch's files: its texts, the lost files it restores from the database, its side files."""
    for pid, text in b.texts.items():
        fs.write(f"wiki/{b.paths[pid]}", text)
    for chunk in batched(b.restore, 500):
        for r in s.execute(f"SELECT id, content FROM pages WHERE id IN ({in_marks(chunk)})", in_params(chunk)):
            fs.write(f"wiki/{b.paths[r.id]}", r.content)
    for rel, text in b.side_files.items():
        fs.write(rel, text)
    files.stage_some(fs)


def _retiring(s, head: BatchedSave) -> tuple[list[dict], dict]:
    """The version rows of the retired pages, holding their last text, and their tips (read before their rows
    are deleted; written after the batches' versions, as `write` orders them)."""
    rows = []
    for chunk in batched(list(head.removed), 500):
        by_id = {r.id: r for r in s.execute(f"SELECT id, version, content FROM pages WHERE id IN ({in_marks(chunk)})",
                                            in_params(chunk))}
        rows += _rows_of([(pid, by_id[pid].version + 1, head.editor, "retired", by_id[pid].content, "its sources are gone")
                          for pid in chunk], head.now)
    return rows, store_versions.tips(s, rows)


def _rows_of(versions: list[tuple], now: str) -> list[dict]:
    return [dict(page_id=pid, version=version, time=now, edited_by=who, origin=origin, content=content, note=note)
            for pid, version, who, origin, content, note in versions]


def write_anchor_rows(s, anchor) -> None:
    """Write a re-anchoring plan's span moves and stale flags (page rows go with the plan's other page updates)."""
    if anchor is None:
        return
    for sid, row in anchor.span_rows.items():
        _update_by(s, "spans", "id", sid, row)
    for stale in (True, False):
        ids = [sid for sid, v in anchor.citation_stale.items() if v is stale]
        for chunk in batched(ids, 500):
            s.execute(f"UPDATE citations SET stale = :stale WHERE span_id IN ({in_marks(chunk)})", in_params(chunk, stale=stale))
    for stale in (True, False):
        ids = [bid for bid, v in anchor.block_stale.items() if v is stale]
        for chunk in batched(ids, 500):
            s.execute(f"UPDATE blocks SET stale = :stale WHERE id IN ({in_marks(chunk)})", in_params(chunk, stale=stale))


def _version_rows(plan: SavePlan) -> list[dict]:
    return _rows_of(plan.versions + (plan.anchor.versions if plan.anchor is not None else []), plan.now)


def _write_living(s, plan: SavePlan, tips: dict | None = None) -> None:
    """Kept-page updates, merge bases and version rows, each as one executemany."""
    write_living(s, plan.kept, plan.bases, plan.texts, _version_rows(plan), tips, _has_rows(s, "page_bases"))


def write_living(s, kept: dict[str, dict], bases: dict[str, str], texts: dict[str, str], versions: list[dict],
                 tips: dict | None, has_bases: bool, has_versions: bool | None = None) -> None:
    """Kept-page row updates, merge bases and version rows of some pages.

    A base row is stored only where the page's text differs from what was compiled
    (a merge, a conflict, a human edit); otherwise the page's own content is its base,
    which saves a second copy of every page. Rows they replace are deleted first,
    unless the table is still empty (`has_bases` False: a first build's 20,000 deletes find nothing).
    """
    for pid, row in kept.items():
        if row:
            _update_by(s, "pages", "id", pid, row)
    ids = list(bases)
    if has_bases:
        for chunk in batched(ids, 500):
            s.execute(f"DELETE FROM page_bases WHERE page_id IN ({in_marks(chunk)})", in_params(chunk))
    rows = [dict(page_id=pid, content=text) for pid, text in bases.items() if texts.get(pid) != text]
    _insert_rows(s, "page_bases", rows)
    store_versions.write(s, versions, tips, has_versions)


def _has_rows(s, table: str) -> bool:
    return s.execute(f"SELECT 1 FROM {table} LIMIT 1").first() is not None


def source_facts(sources: dict[str, Source]) -> dict[str, tuple[str, int, int]]:
    """path -> (sha256, line count, size in bytes): what the sources table holds of each source."""
    return {path: (src.sha256, src.line_count, len(src.text.encode())) for path, src in sources.items()}


def write_sources(s, sources: dict[str, tuple[str, int, int]], skipped: dict[str, str], old: dict[str, str], now: str,
                  partial: bool = False) -> None:
    """The sources table's rows: `sources` as `source_facts` gives them, `skipped` path -> error."""
    gone = [p for p in old if p not in sources and p not in skipped]  # a partial save: only the removed it named
    for chunk in batched(gone, 500):
        s.execute(f"DELETE FROM sources WHERE path IN ({in_marks(chunk)})", in_params(chunk))
    new_rows = []
    for path, (sha256, line_count, size) in sources.items():
        row = dict(path=path, sha256=sha256, line_count=line_count, size=size,
                   status="ok", error=None, ingested_at=now)
        if path in old:
            if old[path] != sha256:
                _update_by(s, "sources", "path", path, row)
        else:
            new_rows.append(row)
    _insert_rows(s, "sources", new_rows)
    for path, err in skipped.items():
        if path in old:
            _update_by(s, "sources", "path", path, dict(status="skipped", error=err))
        else:
            _insert_rows(s, "sources", [dict(path=path, sha256="", line_count=0, size=0, status="skipped",
                                             error=err, ingested_at=now)])


def span_quote(text_lines: list[str], start: int, end: int) -> tuple[str, str]:
    """(quote, quote hash) of a span row over lines `start`..`end` of a source split at "\n" (as SpanIds
    writes them; a full build's page workers prepare them for their pages' citations)."""
    q = normalise_quote("\n".join(text_lines[start - 1 : end]))
    return q, quote_hash(q)


class SpanIds:
    """Span rows are shared by every citation of the same lines; look them up once.

    `sources` maps each source this save may cite to its Source (it may load them lazily); the
    rows of a source are read when a span of it is first needed. A save that goes batch by batch
    `forget`s a batch's sources afterwards, keeping the ids of `keep` (the links' spans), and may
    give the quotes of some spans (`quotes`: key -> text of the lines) so their sources need not be read."""

    def __init__(self, s, sources: Mapping[str, Source], quotes: dict[tuple[str, int, int], str] | None = None):
        self.s = s
        self.sources = sources
        self.quotes = quotes or {}
        self.prepared: dict[tuple[str, int, int], tuple[str, str]] = {}  # key -> span_quote(its lines), from a worker
        self.ids: dict[tuple[str, int, int], int] = {}
        self._lines: dict[str, list[str]] = {}
        self._loaded: set[str] = set()
        self._new_after: int | None = None  # rows with a greater id were inserted by this save (set at its first insert)

    def load(self, paths: set[str], only: set | None = None) -> None:
        """Ids of the span rows of `paths` (of their rows with a key in `only`, when given: those are not
        marked read)."""
        if not paths:
            return
        if only is None:
            self._loaded |= paths
        for chunk in batched(sorted(paths), 500):
            for r in self.s.execute("SELECT id, source, start_line, end_line, quote_hash FROM spans "
                                    f"WHERE source IN ({in_marks(chunk)}) ORDER BY id", in_params(chunk)):
                key = (r.source, r.start_line, r.end_line)
                if only is not None and key not in only:
                    continue
                # A stale row (its text is gone) must not be reused for new citations of those lines. A row this
                # save inserted holds the hash of the text in hand: not hashed again when a later batch reads it
                # back (at 10,000 sources, ~230,000 quotes of the source pages' batches).
                if (r.source not in self.sources or (self._new_after is not None and r.id > self._new_after)
                        or r.quote_hash == self._hash(key)):
                    self.ids[key] = r.id

    def get_many(self, spans: list[Span]) -> None:
        """Insert every span not yet in the table (one executemany), then remember ids."""
        keys = {(sp.source, sp.start, sp.end) for sp in spans}
        if keys and keys <= self.quotes.keys():  # the links' spans, quoted beforehand: no source is read
            self.load({sp.source for sp in spans if sp.source not in self._loaded and sp.source in self.sources},
                      only=keys)
        else:
            self.load({sp.source for sp in spans if sp.source not in self._loaded and sp.source in self.sources})
        missing = []
        seen = set()
        for sp in spans:
            key = (sp.source, sp.start, sp.end)
            if key in self.ids or key in seen or sp.source not in self.sources:
                continue
            seen.add(key)
            q_h = self.prepared.get(key)
            if q_h is None:
                q = normalise_quote(self._quote(key))
                q_h = q, quote_hash(q)
            missing.append(dict(source=sp.source, start_line=sp.start, end_line=sp.end, quote=q_h[0], quote_hash=q_h[1]))
        if missing:
            if self._new_after is None:
                self._new_after = self.s.execute("SELECT coalesce(max(id), 0) FROM spans").scalar()
            insert_many(self.s, "spans", missing)
            self.load({m["source"] for m in missing}, only=keys if keys <= self.quotes.keys() else None)

    def forget(self, paths: set[str], keep: set[tuple[str, int, int]]) -> None:
        """Let the rows and text of `paths` go (read again if a span of them is needed later), but for `keep`."""
        self.ids = {k: v for k, v in self.ids.items() if k[0] not in paths or k in keep}
        self.prepared = {}
        self._loaded -= paths
        for path in paths:
            self._lines.pop(path, None)

    def _quote(self, key) -> str:
        if key in self.quotes:
            return self.quotes[key]
        source, start, end = key
        return "\n".join(self._source_lines(source)[start - 1 : end])

    def _hash(self, key) -> str:
        return quote_hash(self._quote(key))

    def __getitem__(self, sp: Span) -> int | None:
        return self.ids.get((sp.source, sp.start, sp.end))

    def _source_lines(self, path: str) -> list[str]:
        if path not in self._lines:
            self._lines[path] = self.sources[path].text.split("\n")
        return self._lines[path]


def _group(keys) -> dict:
    """(src, reason, dst) keys as {(src, reason): [dst, …]}."""
    out: dict = {}
    for src, reason, dst in keys:
        out.setdefault((src, reason), []).append(dst)
    return out


def page_row(p: Page, content: str) -> dict:
    """The pages-table row of a compiled page and its file text."""
    return dict(
        id=p.id, type=p.type, title=p.title, path=p.path, confidence=p.confidence,
        confidence_reason=p.confidence_reason, version=p.version, edited_by=p.edited_by, origin=p.origin,
        updated=p.updated, summary=p.summary or "", fields=_jsonable(p.fields),
        field_citations={k: [sp.as_dict() for sp in v] for k, v in p.field_citations.items()},
        sources=list(p.sources), links=list(p.links), content=content, content_hash=p.extra_meta["_hash"],
    )


def page_json(p: Page) -> tuple[str, str, str, str]:
    """The JSON columns of `page_row` (fields, field_citations, sources, links) as `_insert_rows` writes them
    (a full build's page workers prepare them)."""
    return (json.dumps(_jsonable(p.fields)), json.dumps({k: [sp.as_dict() for sp in v] for k, v in p.field_citations.items()}),
            json.dumps(list(p.sources)), json.dumps(list(p.links)))


def _page_insert_row(p: Page, content: str, encoded: tuple[str, str, str, str] | None) -> dict:
    """`page_row` with its JSON columns written (`encoded`: page_json(p), where a worker prepared it)."""
    fields, field_citations, sources, links = encoded if encoded is not None else page_json(p)
    return dict(
        id=p.id, type=p.type, title=p.title, path=p.path, confidence=p.confidence,
        confidence_reason=p.confidence_reason, version=p.version, edited_by=p.edited_by, origin=p.origin,
        updated=p.updated, summary=p.summary or "", fields=fields, field_citations=field_citations,
        sources=sources, links=links, content=content, content_hash=p.extra_meta["_hash"],
    )


def _jsonable(v):
    return json.loads(json.dumps(v, default=str))


def _write_pages(s, pages: list[Page], links: list[Link], changed: list[Page], removed: list[str], old: dict, rendered,
                 sources, partial: bool = False) -> None:
    """Page, block, citation and page-source rows, in batches of pages so the row lists stay small."""
    delete_replaced(s, [p.id for p in changed], removed, partial)
    span_ids = SpanIds(s, sources)
    span_ids.load({sp.source for p in changed for b in p.blocks for sp in b.citations}
                  | {l.span.source for l in links if l.span})
    span_ids.get_many([l.span for l in links if l.span])
    for batch in batched(changed, 500):
        write_page_rows(s, batch, old, rendered, sources, span_ids, partial)
    write_links(s, links, [p.id for p in pages], span_ids, partial)
    delete_orphan_spans(s, sources, partial)


def delete_replaced(s, changed_ids: list[str], removed: list[str], partial: bool) -> None:
    """Before new rows: the rows of removed pages, and the blocks (and page sources) of pages rewritten."""
    if removed:
        for chunk in batched(removed, 500):
            s.execute(f"DELETE FROM pages WHERE id IN ({in_marks(chunk)})", in_params(chunk))
    for chunk in batched(changed_ids, 500):
        s.execute(f"DELETE FROM blocks WHERE page_id IN ({in_marks(chunk)})", in_params(chunk))
        if not partial:
            s.execute(f"DELETE FROM page_sources WHERE page_id IN ({in_marks(chunk)})", in_params(chunk))


def write_page_rows(s, batch: list[Page], old, rendered, sources, span_ids: SpanIds, partial: bool = False,
                    encoded: dict[str, tuple[str, str, str, str]] | None = None) -> None:
    """One batch of rewritten pages: their page, block, citation and page-source rows (`old`: the ids saved
    before, updated rather than inserted; `rendered`: page id -> file text; `encoded`: page id -> its
    page_json, where a worker prepared it)."""
    encoded = encoded or {}
    _insert_rows(s, "pages", [_page_insert_row(p, rendered[p.id], encoded.get(p.id)) for p in batch if p.id not in old],
                 encoded=True)
    for p in batch:
        if p.id in old:
            _update_by(s, "pages", "id", p.id, page_row(p, rendered[p.id]))
    span_ids.get_many([sp for p in batch for b in p.blocks for sp in b.citations])
    block_rows = [dict(page_id=p.id, position=i, kind=b.kind, level=b.level, text=b.text, stale=b.stale)
                  for p in batch for i, b in enumerate(p.blocks)]
    if block_rows:
        insert_many(s, "blocks", block_rows)
        batch_ids = [p.id for p in batch]
        ids = {(r.page_id, r.position): r.id for r in s.execute(
            f"SELECT id, page_id, position FROM blocks WHERE page_id IN ({in_marks(batch_ids)})", in_params(batch_ids))}
        cit_rows = []
        for p in batch:
            for i, b in enumerate(p.blocks):
                for j, sp in enumerate(b.citations):
                    sid = span_ids[sp]
                    if sid is not None:
                        cit_rows.append(dict(block_id=ids[(p.id, i)], span_id=sid, position=j, stale=b.stale))
        if cit_rows:
            insert_many(s, "citations", cit_rows)
    ps_rows = [dict(page_id=p.id, source=src) for p in batch for src in p.sources if src in sources or partial]
    if partial:  # only the rows that differ (the overview names every source)
        batch_ids = [p.id for p in batch]
        have = {(r.page_id, r.source) for r in s.execute(
            f"SELECT page_id, source FROM page_sources WHERE page_id IN ({in_marks(batch_ids)})", in_params(batch_ids))}
        want = {(r["page_id"], r["source"]) for r in ps_rows}
        for (pid, src) in have - want:
            s.execute("DELETE FROM page_sources WHERE page_id = :page_id AND source = :source",
                      {"page_id": pid, "source": src})
        ps_rows = [r for r in ps_rows if (r["page_id"], r["source"]) not in have]
    _insert_rows(s, "page_sources", ps_rows)


def write_links(s, links: list[Link], page_ids: list[str], span_ids: SpanIds, partial: bool = False) -> None:
    """Links are cheap to recompute and depend on every page: replace them all (a partial save: those it
    recomputed, and only the rows that differ: the overview's 20,000 links mostly stay as they are)."""
    link_rows, seen = [], set()
    for l in links:
        key = (l.src, l.dst, l.reason)
        if key in seen:
            continue
        seen.add(key)
        link_rows.append(dict(src=l.src, dst=l.dst, reason=l.reason, span_id=span_ids[l.span] if l.span else None))
    if partial:
        have = {}
        for chunk in batched(page_ids, 500):
            for r in s.execute(f"SELECT src, dst, reason, span_id FROM links WHERE src IN ({in_marks(chunk)})", in_params(chunk)):
                have[(r.src, r.reason, r.dst)] = r.span_id
        want = {(r["src"], r["reason"], r["dst"]): r["span_id"] for r in link_rows}
        stale = [k for k, v in have.items() if k not in want or want[k] != v]
        for (src, reason), dsts in _group(stale).items():
            for chunk in batched(dsts, 500):
                s.execute(f"DELETE FROM links WHERE src = :src AND reason = :reason AND dst IN ({in_marks(chunk)})",
                          in_params(chunk, src=src, reason=reason))
        link_rows = [r for r in link_rows if (r["src"], r["reason"], r["dst"]) not in have
                     or have[(r["src"], r["reason"], r["dst"])] != r["span_id"]]
    else:
        s.execute("DELETE FROM links")
    _insert_rows(s, "links", link_rows)


def delete_orphan_spans(s, sources, partial: bool = False) -> None:
    """Span rows no citation or link uses any more (a partial save: only those of the sources it touched)."""
    orphan = ("DELETE FROM spans WHERE id NOT IN (SELECT span_id FROM citations) "
              "AND id NOT IN (SELECT span_id FROM links WHERE span_id IS NOT NULL)")
    if not partial:
        s.execute(orphan)
    else:  # only the spans of the sources this save touched
        for chunk in batched(list(sources), 500):
            s.execute(f"{orphan} AND source IN ({in_marks(chunk)})", in_params(chunk))
