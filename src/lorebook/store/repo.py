"""Save a compiled wiki: database rows and wiki/ files together, atomically.

Only pages whose content changed get a new version and new rows; the rest keep
their version, time and editor. The files are staged and switched by
store.files, with the database commit in between as the point of no return.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from sqlalchemy import bindparam, delete, insert, select, update

from lorebook.compile import CompiledWiki
from lorebook.compile.render import content_hash, render_page
from lorebook.config import Wiki
from lorebook.model import Page, Source, Span
from lorebook.query import index as search_index
from lorebook.store import files, tables as T, versions as store_versions
from lorebook.store.db import Database, insert_many


def now_iso() -> str:
    return dt.datetime.now(dt.timezone.utc).astimezone().replace(microsecond=0).isoformat()


def normalise_quote(text: str) -> str:
    """Whitespace runs as one space (str.split: same result as a \\s+ regex, several times faster)."""
    return " ".join(text.split())


def quote_hash(text: str) -> str:
    return hashlib.sha256(normalise_quote(text).encode()).hexdigest()[:16]


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


def _set_meta(s, key: str, value: str) -> None:
    if s.execute(select(T.meta.c.key).where(T.meta.c.key == key)).first():
        s.execute(update(T.meta).where(T.meta.c.key == key).values(value=value))
    else:
        s.execute(insert(T.meta).values(key=key, value=value))


def recover(wiki: Wiki) -> list[str]:
    """Finish or undo a write a crash interrupted. Called whenever a wiki is opened for writing."""
    db = wiki.database()
    return files.recover(wiki.root, wiki.state_dir, get_generation(db))


@dataclass
class _Plan:
    """Everything one save will write, worked out before anything is written."""

    texts: dict[str, str] = field(default_factory=dict)  # page id -> file text to write
    fresh: list[Page] = field(default_factory=list)  # pages whose rows (blocks, citations) are replaced
    kept: dict[str, dict] = field(default_factory=dict)  # page id -> row values to update, blocks kept
    bases: dict[str, str] = field(default_factory=dict)  # page id -> new compiled base text
    versions: list[tuple] = field(default_factory=list)  # (page_id, version, edited_by, origin, content, note)
    side_files: dict[str, str] = field(default_factory=dict)  # rel path -> conflict markers


def save(
    wiki: Wiki,
    compiled: CompiledWiki,
    sources: dict[str, Source],
    skipped: dict[str, str],
    log_entry,
    editor: str = "lorebook",
    write_hook=None,
    partial: bool = False,
    check_edits: list[str] = (),
    maybe_edited: Callable[[str], bool] | None = None,
) -> SaveReport:
    """Write `compiled` as the new state of the wiki.

    `log_entry(report)` returns the log.md entry for this run, once the report
    knows what was created and updated. `write_hook(stage)` lets tests kill mid-way.
    With `partial`, `compiled` holds only the pages this run touched and `sources`
    only the sources it read: nothing else is removed.
    Pages edited by people are merged (living/merge.py); citations into changed
    sources are re-located on pages that are not recompiled (living/anchors.py).
    `check_edits` names pages not recompiled whose files changed since the last save. A run
    that did not look at every file in wiki/ passes `maybe_edited(path)` instead: a page about
    to have its citation links patched is checked then, so a person's edit to it is recorded
    as a version and patched, not overwritten.
    """
    from lorebook.living import anchoring
    from lorebook.living.versions import whoami

    db = wiki.database()
    report = SaveReport()
    now = now_iso()
    ids = [p.id for p in compiled.pages] + [pid for pid in check_edits]
    with db.session() as s:
        cols = (T.pages.c.id, T.pages.c.content_hash, T.pages.c.version, T.pages.c.updated, T.pages.c.edited_by,
                T.pages.c.origin, T.pages.c.path, T.pages.c.type, T.pages.c.content)
        if partial:
            old = {r.id: r for chunk in _chunks(ids, 500) for r in s.execute(select(*cols).where(T.pages.c.id.in_(chunk)))}
        else:
            old = {r.id: r for r in s.execute(select(*cols))}
        bases = {r.page_id: r.content for chunk in _chunks(list(old), 500)
                 for r in s.execute(select(T.page_bases).where(T.page_bases.c.page_id.in_(chunk)))}
        q = select(T.sources.c.path, T.sources.c.sha256)
        if partial:  # only the sources this run read, not all 10,000 rows
            old_sources = {r.path: r.sha256 for chunk in _chunks(list(sources), 500)
                           for r in s.execute(q.where(T.sources.c.path.in_(chunk)))}
        else:
            old_sources = {r.path: r.sha256 for r in s.execute(q)}
    generation = get_generation(db) + 1
    plan = _Plan()
    user = None
    for p in compiled.pages:
        prev = old.get(p.id)
        disk = _read(wiki.wiki_dir / p.path) if prev is not None else None
        if prev is not None and disk is not None and disk != prev.content:
            user = user or whoami()
            _human_edit(plan, report, p, prev, disk, user, now, bases)
        elif prev is not None and disk is None:
            plan.texts[p.id] = prev.content  # a lost file is restored from the database
        _plan_page(plan, report, p, prev, bases, editor, now)
    in_compiled = {p.id for p in compiled.pages}
    for pid in check_edits:  # pages not recompiled this run, whose files were touched since the last save
        prev = old.get(pid)
        disk = _read(wiki.wiki_dir / prev.path) if prev is not None and pid not in in_compiled else None
        if disk is not None and disk != prev.content:
            user = user or whoami()
            _human_edit(plan, report, Page(id=pid, type=prev.type, title="", path=prev.path, blocks=[]), prev, disk, user, now,
                        bases)
            report.updated.append(pid)

    new_ids = set(ids)
    removed = [] if partial else [pid for pid, r in old.items() if pid not in new_ids and r.type != "answer"]
    report.removed = removed
    for pid in removed:
        plan.versions.append((pid, old[pid].version + 1, editor, "retired", old[pid].content, "its sources are gone"))

    changed_sources = {path: src for path, src in sources.items() if path in old_sources and old_sources[path] != src.sha256}
    fresh_ids = {p.id for p in plan.fresh} | set(removed)
    anchor = anchoring.plan(db, changed_sources, fresh_ids, plan.texts, now, editor)
    checked = [pid for pid in check_edits if pid in old]
    suspects = [pid for pid in anchor.texts if pid not in old and maybe_edited and maybe_edited(anchor.paths[pid])]
    if suspects:
        with db.session() as s:
            old.update({r.id: r for r in s.execute(select(*cols).where(T.pages.c.id.in_(suspects)))})
            bases.update({r.page_id: r.content for r in s.execute(
                select(T.page_bases).where(T.page_bases.c.page_id.in_(suspects)))})
        edited = False
        for pid in suspects:
            prev = old.get(pid)
            disk = _read(wiki.wiki_dir / prev.path) if prev is not None else None
            if disk is not None and disk != prev.content:
                user = user or whoami()
                _human_edit(plan, report, Page(id=pid, type=prev.type, title="", path=prev.path, blocks=[]), prev, disk, user, now,
                            bases)
                report.updated.append(pid)
                checked.append(pid)
                edited = True
        if edited:  # patch the person's text, not the last saved one
            anchor = anchoring.plan(db, changed_sources, fresh_ids, plan.texts, now, editor)
    for pid, text in anchor.texts.items():
        plan.texts[pid] = text
        plan.kept.setdefault(pid, {}).update(anchor.rows[pid])
    report.stale = sorted(anchor.stale_pages)
    report.anchored = sorted(anchor.texts)

    fs = files.FileSet(root=wiki.root, generation=generation)
    paths = {p.id: p.path for p in compiled.pages}
    paths.update({pid: old[pid].path for pid in checked})
    paths.update(anchor.paths)
    for pid, text in plan.texts.items():
        # a patched page differs from its file (which matched the database, or was checked just above)
        fs.write(f"wiki/{paths[pid]}", text, known_new=pid in anchor.texts)
    for pid in removed:
        if old[pid].path not in {p.path for p in compiled.pages}:
            fs.delete(f"wiki/{old[pid].path}")
    for rel, text in plan.side_files.items():
        fs.write(rel, text)
    if compiled.index_md is not None:
        fs.write("wiki/index.md", compiled.index_md)
    fs.write("wiki/log.md", _append_log(wiki, log_entry(report)))

    marker = wiki.state_dir / "writing"
    marker.write_text(str(generation), encoding="utf-8")
    journal = files.stage(fs, wiki.state_dir)
    report.written = [rel for _tmp, rel in json.loads(journal.read_text())["renames"]]
    report.files_written = len(report.written)
    if write_hook:
        write_hook("staged")

    changed = plan.fresh
    with db.session() as s:
        _write_sources(s, sources, skipped, old_sources, now, partial)
        anchoring.apply(s, anchor)
        _write_pages(s, compiled, changed, removed, old, plan.texts, sources, partial)
        _write_living(s, plan, anchor, now)
        search_index.update(s, changed, removed, sources, old_sources, root=wiki.root)  # same transaction: index never lags
        _set_meta(s, "generation", str(generation))
    if write_hook:
        write_hook("committed")
    files.apply(wiki.root, journal)
    marker.unlink(missing_ok=True)
    return report


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (FileNotFoundError, UnicodeDecodeError, IsADirectoryError):
        return None


def _human_edit(plan: _Plan, report: SaveReport, p: Page, prev, disk: str, user: str, now: str, bases: dict) -> None:
    """Someone changed the file since the last save: keep it as a version of its own.

    The text it diverged from becomes the page's stored merge base (until now the
    page's content was its own base)."""
    from lorebook.living.frontmatter import set_meta

    plan.bases.setdefault(p.id, bases.get(p.id, prev.content))

    version = prev.version + 1
    text = set_meta(disk, version=version, edited_by=user, origin="human", updated=now)
    plan.versions.append((p.id, version, user, "human", text, "edited in wiki/"))
    plan.texts[p.id] = text
    plan.kept[p.id] = dict(content=text, version=version, edited_by=user, origin="human", updated=now)
    report.human.append(p.id)


def _plan_page(plan: _Plan, report: SaveReport, p: Page, prev, bases: dict, editor: str, now: str) -> None:
    """Compiled page -> what to write: new, unchanged, frozen, merged with a human edit, or a conflict."""
    from lorebook.living.frontmatter import is_reviewed, set_meta

    h = content_hash(p)
    p.extra_meta.setdefault("_hash", h)
    kept = plan.kept.get(p.id)
    current = kept["content"] if kept else (prev.content if prev is not None else None)
    version = kept["version"] if kept else (prev.version if prev is not None else 0)
    if prev is not None and is_reviewed(current):
        report.frozen.append(p.id)
        (report.updated if kept else report.unchanged).append(p.id)
        return
    if prev is not None and prev.content_hash == h:
        if kept:
            report.updated.append(p.id)
        else:
            report.unchanged.append(p.id)
            p.version, p.updated, p.edited_by, p.origin = prev.version, prev.updated, prev.edited_by, prev.origin
        return
    base = bases.get(p.id, prev.content if prev is not None else None)
    version += 1
    p.version, p.updated, p.edited_by, p.origin = version, now, editor, "compiled"
    compiled_text = render_page(_without_private(p))
    plan.bases[p.id] = compiled_text
    (report.updated if prev is not None else report.created).append(p.id)
    if prev is not None and current is not None and base is not None and current != base:
        from lorebook.living.merge import merge_page  # merge3 is imported only when a page needs merging

        m = merge_page(base, current, compiled_text)
        if m.conflicted:
            side = f".lorebook/conflicts/{p.id}.conflict.md"
            plan.side_files[side] = m.markers
            report.conflicts.append(f"{p.id} (your text kept; conflict markers in {side})")
            row = plan.kept.setdefault(p.id, {})
            row["content_hash"] = h
            return
        text = set_meta(m.text, version=version, edited_by=editor, origin="merged", updated=now)
        p.origin = "merged"
        plan.versions.append((p.id, version, editor, "merged", text, "recompiled and merged with a human edit"))
        report.merged.append(p.id)
    else:
        text = compiled_text
        plan.versions.append((p.id, version, editor, "compiled", text, ""))
    plan.kept.pop(p.id, None)
    plan.texts[p.id] = text
    plan.fresh.append(p)


def _write_living(s, plan: _Plan, anchor, now: str) -> None:
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
        for chunk in _chunks(ids, 500):
            s.execute(delete(T.page_bases).where(T.page_bases.c.page_id.in_(chunk)))
    rows = [dict(page_id=pid, content=text) for pid, text in plan.bases.items() if plan.texts.get(pid) != text]
    if rows:
        s.execute(insert(T.page_bases), rows)
    versions = plan.versions + anchor.versions
    store_versions.write(s, [
        dict(page_id=pid, version=version, time=now, edited_by=who, origin=origin, content=content, note=note)
        for pid, version, who, origin, content, note in versions])


def _has_rows(s, table) -> bool:
    return s.execute(select(table.c[0]).limit(1)).first() is not None


def _without_private(p: Page) -> Page:
    meta = {k: v for k, v in p.extra_meta.items() if not k.startswith("_")}
    if meta == p.extra_meta:
        return p
    import copy

    q = copy.copy(p)
    q.extra_meta = meta
    return q


def _append_log(wiki: Wiki, entry: str) -> str:
    path = wiki.wiki_dir / "log.md"
    try:
        current = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        current = f"# {wiki.name} — Log\n\nAppend-only record of every ingest, query and lint run.\n"
    return current.rstrip("\n") + "\n\n" + entry.strip("\n") + "\n"


def _write_sources(s, sources: dict[str, Source], skipped: dict[str, str], old: dict[str, str], now: str,
                   partial: bool = False) -> None:
    gone = [] if partial else [p for p in old if p not in sources and p not in skipped]
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
        for chunk in _chunks(sorted(paths), 500):
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


def _chunks(seq, n):
    for i in range(0, len(seq), n):
        yield seq[i : i + n]


def _page_row(p: Page, content: str) -> dict:
    return dict(
        id=p.id, type=p.type, title=p.title, path=p.path, confidence=p.confidence,
        confidence_reason=p.confidence_reason, version=p.version, edited_by=p.edited_by, origin=p.origin,
        updated=p.updated, summary=p.summary or "", fields=_jsonable(p.fields),
        field_citations={k: [sp.as_dict() for sp in v] for k, v in p.field_citations.items()},
        sources=list(p.sources), links=list(p.links), content=content, content_hash=p.extra_meta["_hash"],
    )


def _jsonable(v):
    return json.loads(json.dumps(v, default=str))


def _write_pages(s, compiled: CompiledWiki, changed: list[Page], removed: list[str], old: dict, rendered, sources,
                 partial: bool = False) -> None:
    """Page, block, citation and page-source rows, in batches of pages so the row lists stay small."""
    changed_ids = [p.id for p in changed]
    if removed:
        for chunk in _chunks(removed, 500):
            s.execute(delete(T.pages).where(T.pages.c.id.in_(chunk)))
    for chunk in _chunks(changed_ids, 500):
        s.execute(delete(T.blocks).where(T.blocks.c.page_id.in_(chunk)))
        s.execute(delete(T.page_sources).where(T.page_sources.c.page_id.in_(chunk)))

    span_ids = _SpanIds(s, sources)
    span_ids.load({sp.source for p in changed for b in p.blocks for sp in b.citations}
                  | {l.span.source for l in compiled.links if l.span})
    span_ids.get_many([l.span for l in compiled.links if l.span])
    for batch in _chunks(changed, 500):
        new_rows = [_page_row(p, rendered[p.id]) for p in batch if p.id not in old]
        if new_rows:
            s.execute(insert(T.pages), new_rows)
        for p in batch:
            if p.id in old:
                s.execute(update(T.pages).where(T.pages.c.id == p.id).values(**_page_row(p, rendered[p.id])))
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
        if ps_rows:
            s.execute(insert(T.page_sources), ps_rows)
    # Links are cheap to recompute and depend on every page: replace them all (a partial save: those it recomputed).
    if partial:
        for chunk in _chunks([p.id for p in compiled.pages], 500):
            s.execute(delete(T.links).where(T.links.c.src.in_(chunk)))
    else:
        s.execute(delete(T.links))
    link_rows, seen = [], set()
    for l in compiled.links:
        key = (l.src, l.dst, l.reason)
        if key in seen:
            continue
        seen.add(key)
        link_rows.append(dict(src=l.src, dst=l.dst, reason=l.reason, span_id=span_ids[l.span] if l.span else None))
    if link_rows:
        s.execute(insert(T.links), link_rows)
    orphan = ~T.spans.c.id.in_(select(T.citations.c.span_id)) & ~T.spans.c.id.in_(
        select(T.links.c.span_id).where(T.links.c.span_id.is_not(None)))
    if partial:
        orphan = orphan & T.spans.c.source.in_(list(sources))
    s.execute(delete(T.spans).where(orphan))


def append_log(wiki: Wiki, entry: str) -> None:
    """Append one entry to wiki/log.md (query and lint runs), atomically and under the wiki lock."""
    import os

    from lorebook.store.lock import wiki_lock

    with wiki_lock(wiki.state_dir):
        content = _append_log(wiki, entry)
        path = wiki.wiki_dir / "log.md"
        tmp = path.with_name(".log.md.lbtmp-append")
        tmp.write_text(content, encoding="utf-8")
        os.replace(tmp, path)
