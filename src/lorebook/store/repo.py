"""Write a planned save: database rows and wiki/ files together, atomically; and the reads a plan needs.

living/save.py works out what to write (new versions, merges, human edits, re-anchored
citations) into a SavePlan; `write` carries it out. The files are staged and switched by
store.files, with the database commit in between as the point of no return. The store
decides nothing about content: it imports only model, config and utilities.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from sqlalchemy import delete, insert, select, update

from lorebook.config import Wiki
from lorebook.model import Link, Page, Source, Span
from lorebook.store import files, search_index, tables as T, versions as store_versions
from lorebook.store.db import Database, database_for, insert_many
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


def get_generation(db: Database) -> int:
    with db.session() as s:
        v = s.execute(select(T.meta.c.value).where(T.meta.c.key == "generation")).scalar()
    return int(v) if v else 0


def set_meta(s, key: str, value: str) -> None:
    """Set one row of the meta table (generation, index state) inside the caller's transaction."""
    if s.execute(select(T.meta.c.key).where(T.meta.c.key == key)).first():
        s.execute(update(T.meta).where(T.meta.c.key == key).values(value=value))
    else:
        s.execute(insert(T.meta).values(key=key, value=value))


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


PAGE_COLUMNS = (T.pages.c.id, T.pages.c.content_hash, T.pages.c.version, T.pages.c.updated, T.pages.c.edited_by,
                T.pages.c.origin, T.pages.c.path, T.pages.c.type, T.pages.c.content)


def load_previous(db: Database, ids: list[str], source_paths: list[str], partial: bool) -> tuple[dict, dict, dict]:
    """(saved page rows by id, stored merge bases by id, saved source sha256 by path) a plan compares against.

    A partial save reads only the rows of `ids` and `source_paths`, not all 10,000."""
    with db.session() as s:
        if partial:
            old = {r.id: r for chunk in batched(ids, 500) for r in s.execute(select(*PAGE_COLUMNS).where(T.pages.c.id.in_(chunk)))}
        else:
            old = {r.id: r for r in s.execute(select(*PAGE_COLUMNS))}
        bases = {r.page_id: r.content for chunk in batched(list(old), 500)
                 for r in s.execute(select(T.page_bases).where(T.page_bases.c.page_id.in_(chunk)))}
        q = select(T.sources.c.path, T.sources.c.sha256)
        if partial:
            old_sources = {r.path: r.sha256 for chunk in batched(source_paths, 500)
                           for r in s.execute(q.where(T.sources.c.path.in_(chunk)))}
        else:
            old_sources = {r.path: r.sha256 for r in s.execute(q)}
    return old, bases, old_sources


def source_shas(db: Database, paths: list[str] | None = None) -> dict[str, str]:
    """path -> sha256 of the sources last compiled without error (only `paths`, when given)."""
    q = select(T.sources.c.path, T.sources.c.sha256).where(T.sources.c.status == "ok")
    with db.session() as s:
        if paths is None:
            return {r.path: r.sha256 for r in s.execute(q)}
        return {r.path: r.sha256 for chunk in batched(paths, 500) for r in s.execute(q.where(T.sources.c.path.in_(chunk)))}


def skipped_source_paths(db: Database) -> set[str]:
    """Sources the last run could not read or compile (recorded with their error)."""
    with db.session() as s:
        return {r.path for r in s.execute(select(T.sources.c.path).where(T.sources.c.status != "ok"))}


def saved_answers(wiki: Wiki) -> list[Page]:
    """Saved answer pages as light Page values (id, title, path, summary, links) for the compiler,
    which lists them in the index and links them back from the pages they cite."""
    q = select(T.pages.c.id, T.pages.c.title, T.pages.c.path, T.pages.c.summary, T.pages.c.confidence,
               T.pages.c.links).where(T.pages.c.type == "answer").order_by(T.pages.c.id)
    with database_for(wiki).session() as s:
        rows = s.execute(q).all()
    return [Page(id=r.id, type="answer", title=r.title, path=r.path, blocks=[], summary=r.summary or "",
                 confidence=r.confidence, links=list(r.links or [])) for r in rows]


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

    with db.session() as s:
        # Each page's last stored version, read while its row still holds that text (see versions.tips).
        tips = store_versions.tips(s, _version_rows(plan))
        _write_sources(s, plan.sources, plan.skipped, plan.old_sources, plan.now, plan.partial)
        write_anchor_rows(s, plan.anchor)
        _write_pages(s, plan.pages, plan.links, plan.fresh, plan.removed, plan.old, plan.texts, plan.sources, plan.partial)
        _write_living(s, plan, tips)
        search_index.update(s, plan.fresh, plan.removed, plan.sources, plan.old_sources,  # same transaction: index never lags
                            root=wiki.root, read_source=plan.read_source)
        set_meta(s, "generation", str(generation))
    if write_hook:
        write_hook("committed")
    files.apply(wiki.root, journal)
    marker.unlink(missing_ok=True)
    return report


def write_anchor_rows(s, anchor) -> None:
    """Write a re-anchoring plan's span moves and stale flags (page rows go with the plan's other page updates)."""
    if anchor is None:
        return
    for sid, row in anchor.span_rows.items():
        s.execute(update(T.spans).where(T.spans.c.id == sid).values(**row))
    for stale in (True, False):
        ids = [sid for sid, v in anchor.citation_stale.items() if v is stale]
        for chunk in batched(ids, 500):
            s.execute(update(T.citations).where(T.citations.c.span_id.in_(chunk)).values(stale=stale))
    for stale in (True, False):
        ids = [bid for bid, v in anchor.block_stale.items() if v is stale]
        for chunk in batched(ids, 500):
            s.execute(update(T.blocks).where(T.blocks.c.id.in_(chunk)).values(stale=stale))


def _version_rows(plan: SavePlan) -> list[dict]:
    versions = plan.versions + (plan.anchor.versions if plan.anchor is not None else [])
    return [dict(page_id=pid, version=version, time=plan.now, edited_by=who, origin=origin, content=content, note=note)
            for pid, version, who, origin, content, note in versions]


def _write_living(s, plan: SavePlan, tips: dict | None = None) -> None:
    """Kept-page updates, merge bases and version rows, each as one executemany.

    A base row is stored only where the page's text differs from what was compiled
    (a merge, a conflict, a human edit); otherwise the page's own content is its base,
    which saves a second copy of every page. Rows they replace are deleted first,
    unless the table is still empty (a first build: 20,000 deletes that find nothing).
    """
    for pid, row in plan.kept.items():
        if row:
            s.execute(update(T.pages).where(T.pages.c.id == pid).values(**row))
    ids = list(plan.bases)
    if _has_rows(s, T.page_bases):
        for chunk in batched(ids, 500):
            s.execute(delete(T.page_bases).where(T.page_bases.c.page_id.in_(chunk)))
    rows = [dict(page_id=pid, content=text) for pid, text in plan.bases.items() if plan.texts.get(pid) != text]
    if rows:
        s.execute(insert(T.page_bases), rows)
    store_versions.write(s, _version_rows(plan), tips)


def _has_rows(s, table) -> bool:
    return s.execute(select(table.c[0]).limit(1)).first() is not None


def _write_sources(s, sources: dict[str, Source], skipped: dict[str, str], old: dict[str, str], now: str,
                   partial: bool = False) -> None:
    gone = [p for p in old if p not in sources and p not in skipped]  # a partial save: only the removed it named
    if gone:
        s.execute(delete(T.sources).where(T.sources.c.path.in_(gone)))
    new_rows = []
    for path, src in sources.items():
        row = dict(path=path, sha256=src.sha256, line_count=src.line_count, size=len(src.text.encode()),
                   status="ok", error=None, ingested_at=now)
        if path in old:
            if old[path] != src.sha256:
                s.execute(update(T.sources).where(T.sources.c.path == path).values(**row))
        else:
            new_rows.append(row)
    if new_rows:
        s.execute(insert(T.sources), new_rows)
    for path, err in skipped.items():
        if path in old:
            s.execute(update(T.sources).where(T.sources.c.path == path).values(status="skipped", error=err))
        else:
            s.execute(insert(T.sources).values(path=path, sha256="", line_count=0, size=0, status="skipped",
                                               error=err, ingested_at=now))


class _SpanIds:
    """Span rows are shared by every citation of the same lines; look them up once."""

    def __init__(self, s, sources: dict[str, Source]):
        self.s = s
        self.sources = sources
        self.ids: dict[tuple[str, int, int], int] = {}
        self._lines: dict[str, list[str]] = {}

    def load(self, paths: set[str], fresh: dict | None = None) -> None:
        """Ids of the span rows of `paths`. `fresh`: key -> quote hash of rows just inserted (no need to re-hash)."""
        if not paths:
            return
        for chunk in batched(sorted(paths), 500):
            for r in self.s.execute(
                select(T.spans.c.id, T.spans.c.source, T.spans.c.start_line, T.spans.c.end_line, T.spans.c.quote_hash)
                .where(T.spans.c.source.in_(chunk)).order_by(T.spans.c.id)
            ):
                key = (r.source, r.start_line, r.end_line)
                # a stale row (its text is gone) must not be reused for new citations of those lines
                if r.source not in self.sources or r.quote_hash == (fresh[key] if fresh and key in fresh else self._hash(key)):
                    self.ids[key] = r.id

    def get_many(self, spans: list[Span]) -> None:
        """Insert every span not yet in the table (one executemany), then remember ids."""
        missing = []
        seen = set()
        for sp in spans:
            key = (sp.source, sp.start, sp.end)
            if key in self.ids or key in seen or sp.source not in self.sources:
                continue
            seen.add(key)
            q = normalise_quote("\n".join(self._source_lines(sp.source)[sp.start - 1 : sp.end]))
            missing.append(dict(source=sp.source, start_line=sp.start, end_line=sp.end, quote=q, quote_hash=quote_hash(q)))
        if missing:
            insert_many(self.s, T.spans, missing)
            fresh = {(m["source"], m["start_line"], m["end_line"]): m["quote_hash"] for m in missing}
            self.load({m["source"] for m in missing}, fresh)

    def _hash(self, key) -> str:
        source, start, end = key
        return quote_hash("\n".join(self._source_lines(source)[start - 1 : end]))

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


def _jsonable(v):
    return json.loads(json.dumps(v, default=str))


def _write_pages(s, pages: list[Page], links: list[Link], changed: list[Page], removed: list[str], old: dict, rendered,
                 sources, partial: bool = False) -> None:
    """Page, block, citation and page-source rows, in batches of pages so the row lists stay small."""
    changed_ids = [p.id for p in changed]
    if removed:
        for chunk in batched(removed, 500):
            s.execute(delete(T.pages).where(T.pages.c.id.in_(chunk)))
    for chunk in batched(changed_ids, 500):
        s.execute(delete(T.blocks).where(T.blocks.c.page_id.in_(chunk)))
        if not partial:
            s.execute(delete(T.page_sources).where(T.page_sources.c.page_id.in_(chunk)))

    span_ids = _SpanIds(s, sources)
    span_ids.load({sp.source for p in changed for b in p.blocks for sp in b.citations}
                  | {l.span.source for l in links if l.span})
    span_ids.get_many([l.span for l in links if l.span])
    for batch in batched(changed, 500):
        new_rows = [page_row(p, rendered[p.id]) for p in batch if p.id not in old]
        if new_rows:
            s.execute(insert(T.pages), new_rows)
        for p in batch:
            if p.id in old:
                s.execute(update(T.pages).where(T.pages.c.id == p.id).values(**page_row(p, rendered[p.id])))
        span_ids.get_many([sp for p in batch for b in p.blocks for sp in b.citations])
        block_rows = [dict(page_id=p.id, position=i, kind=b.kind, level=b.level, text=b.text, stale=b.stale)
                      for p in batch for i, b in enumerate(p.blocks)]
        if block_rows:
            insert_many(s, T.blocks, block_rows)
            ids = {(r.page_id, r.position): r.id for r in s.execute(
                select(T.blocks.c.id, T.blocks.c.page_id, T.blocks.c.position)
                .where(T.blocks.c.page_id.in_([p.id for p in batch])))}
            cit_rows = []
            for p in batch:
                for i, b in enumerate(p.blocks):
                    for j, sp in enumerate(b.citations):
                        sid = span_ids[sp]
                        if sid is not None:
                            cit_rows.append(dict(block_id=ids[(p.id, i)], span_id=sid, position=j, stale=b.stale))
            if cit_rows:
                insert_many(s, T.citations, cit_rows)
        ps_rows = [dict(page_id=p.id, source=src) for p in batch for src in p.sources if src in sources or partial]
        if partial:  # only the rows that differ (the overview names every source)
            have = {(r.page_id, r.source) for r in s.execute(select(T.page_sources.c.page_id, T.page_sources.c.source)
                                                               .where(T.page_sources.c.page_id.in_([p.id for p in batch])))}
            want = {(r["page_id"], r["source"]) for r in ps_rows}
            for (pid, src) in have - want:
                s.execute(delete(T.page_sources).where(T.page_sources.c.page_id == pid, T.page_sources.c.source == src))
            ps_rows = [r for r in ps_rows if (r["page_id"], r["source"]) not in have]
        if ps_rows:
            s.execute(insert(T.page_sources), ps_rows)
    # Links are cheap to recompute and depend on every page: replace them all (a partial save: those it
    # recomputed, and only the rows that differ: the overview's 20,000 links mostly stay as they are).
    link_rows, seen = [], set()
    for l in links:
        key = (l.src, l.dst, l.reason)
        if key in seen:
            continue
        seen.add(key)
        link_rows.append(dict(src=l.src, dst=l.dst, reason=l.reason, span_id=span_ids[l.span] if l.span else None))
    if partial:
        have = {}
        for chunk in batched([p.id for p in pages], 500):
            for r in s.execute(select(T.links.c.src, T.links.c.dst, T.links.c.reason, T.links.c.span_id)
                               .where(T.links.c.src.in_(chunk))):
                have[(r.src, r.reason, r.dst)] = r.span_id
        want = {(r["src"], r["reason"], r["dst"]): r["span_id"] for r in link_rows}
        stale = [k for k, v in have.items() if k not in want or want[k] != v]
        for (src, reason), dsts in _group(stale).items():
            for chunk in batched(dsts, 500):
                s.execute(delete(T.links).where(T.links.c.src == src, T.links.c.reason == reason, T.links.c.dst.in_(chunk)))
        link_rows = [r for r in link_rows if (r["src"], r["reason"], r["dst"]) not in have
                     or have[(r["src"], r["reason"], r["dst"])] != r["span_id"]]
    else:
        s.execute(delete(T.links))
    if link_rows:
        s.execute(insert(T.links), link_rows)
    orphan = ~T.spans.c.id.in_(select(T.citations.c.span_id)) & ~T.spans.c.id.in_(
        select(T.links.c.span_id).where(T.links.c.span_id.is_not(None)))
    if partial:
        orphan = orphan & T.spans.c.source.in_(list(sources))
    s.execute(delete(T.spans).where(orphan))

