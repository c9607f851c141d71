"""Plan a save: what each compiled page becomes on disk, given what people did to the wiki since.

The steps, in order: read what was saved (store.repo.load_previous); record human edits to
recompiled pages; decide each page (new, unchanged, frozen, merged, conflict); retire pages
whose sources are gone; check pages the run did not recompile for edits; re-anchor citations
into changed sources (living/anchoring.py); then hand the plan to store.repo.write.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Protocol

from lorebook.compile import CompiledWiki
from lorebook.config import Wiki
from lorebook.living import anchoring
from lorebook.living.frontmatter import is_reviewed, set_meta
from lorebook.living.merge import merge_page
from lorebook.living.rendered import Rendered, page_hash, render, without_private
from lorebook.living.versions import whoami
from lorebook.model import Page, Source
from lorebook.sources.reader import read_source_or_none
from lorebook.store import repo
from lorebook.store.db import database_for
from lorebook.store.repo import SavePlan, SaveReport


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
    remove_sources: list[str] = (),
) -> SaveReport:
    """Write `compiled` as the new state of the wiki: plan, then store.repo.write.

    `log_entry(report)` returns the log.md entry for this run, once the report knows what was
    created and updated. With `partial`, `compiled` holds only the pages this run touched and
    `sources` only the sources it read: nothing else is removed. `check_edits` names pages not
    recompiled whose files changed since the last save; a run that did not look at every file in
    wiki/ passes `maybe_edited(path)` instead (see `_reanchor`). A partial save removes the pages
    `compiled.removed` names and the rows of `remove_sources`.
    """
    report = SaveReport()
    plan = plan_save(wiki, compiled, sources, skipped, report, editor, partial, list(check_edits), maybe_edited,
                     list(remove_sources))
    return repo.write(wiki, plan, report, log_entry(report), write_hook)


def plan_save(wiki: Wiki, compiled: CompiledWiki, sources: dict[str, Source], skipped: dict[str, str],
              report: SaveReport, editor: str, partial: bool, check_edits: list[str],
              maybe_edited: Callable[[str], bool] | None, remove_sources: list[str] = ()) -> SavePlan:
    """Everything the save will write, and the report of it; nothing is written yet."""
    ids = [p.id for p in compiled.pages] + check_edits
    old, bases, old_sources = repo.load_previous(database_for(wiki), ids + list(compiled.removed),
                                                 list(sources) + list(remove_sources), partial)
    plan = SavePlan(now=repo.now_iso(), partial=partial, pages=compiled.pages, links=compiled.links,
                    index_md=compiled.index_md, sources=sources, skipped=skipped, old=old, old_sources=old_sources,
                    read_source=read_source_or_none)
    editing = _Editing(wiki, plan, report, bases)
    _plan_pages(wiki, plan, editing, compiled.pages, editor)
    in_compiled = {p.id for p in compiled.pages}
    checked = [pid for pid in check_edits if pid in old]
    for pid in check_edits:  # pages not recompiled this run, whose files were touched since the last save
        if pid not in in_compiled:
            editing.check(pid)
    new_ids = set(ids)
    plan.removed = report.removed = [pid for pid in compiled.removed if pid in old] if partial else [
        pid for pid, r in old.items() if pid not in new_ids and r.type != "answer"]
    for pid in plan.removed:
        plan.versions.append((pid, old[pid].version + 1, editor, "retired", old[pid].content, "its sources are gone"))
    anchor = _reanchor(wiki, plan, editing, editor, maybe_edited, checked)
    plan.paths = {p.id: p.path for p in compiled.pages}
    plan.paths.update({pid: old[pid].path for pid in checked})
    plan.paths.update(anchor.paths)
    return plan


def _plan_pages(wiki: Wiki, plan: SavePlan, editing: "_Editing", pages: list[Page], editor: str,
                bodies: dict[str, Rendered] | None = None) -> None:
    """Plan compiled pages against their saved rows (`plan.old`) and their files: record human edits, restore
    lost files, then decide each page (`_plan_page`; `bodies`: page id -> the page as a worker rendered it)."""
    for p in pages:
        prev = plan.old.get(p.id)
        disk = _read(wiki.wiki_dir / p.path) if prev is not None else None
        if prev is not None and disk is not None and disk != prev.content:
            editing.record(p, prev, disk)
        elif prev is not None and disk is None:
            plan.texts[p.id] = prev.content  # a lost file is restored from the database
        _plan_page(plan, editing.report, p, prev, editing.bases, editor, plan.now, bodies.get(p.id) if bodies else None)


class _Editing:
    """Records human edits found in wiki/ files as versions of their own (the user is asked once)."""

    def __init__(self, wiki: Wiki, plan: SavePlan, report: SaveReport, bases: dict):
        self.wiki, self.plan, self.report, self.bases = wiki, plan, report, bases
        self.user: str | None = None

    def record(self, p: Page, prev, disk: str) -> None:
        self.user = self.user or whoami()
        _human_edit(self.plan, self.report, p, prev, disk, self.user, self.plan.now, self.bases)

    def check(self, pid: str) -> bool:
        """A page this run did not recompile: if its file differs from the saved text, record the edit."""
        prev = self.plan.old.get(pid)
        disk = _read(self.wiki.wiki_dir / prev.path) if prev is not None else None
        if disk is None or disk == prev.content:
            return False
        self.record(Page(id=pid, type=prev.type, title="", path=prev.path, blocks=[]), prev, disk)
        self.report.updated.append(pid)
        return True


def _reanchor(wiki: Wiki, plan: SavePlan, editing: _Editing, editor: str, maybe_edited, checked: list[str]):
    """Re-locate citations into changed sources on pages not recompiled, and patch those pages' text.

    A page about to be patched that the run did not look at (`maybe_edited`) is checked first, so a
    person's edit to it is recorded as a version and patched, not overwritten."""
    db = database_for(wiki)
    old = plan.old
    changed_sources = {path: src for path, src in plan.sources.items()
                       if path in plan.old_sources and plan.old_sources[path] != src.sha256}
    fresh_ids = {p.id for p in plan.fresh} | set(plan.removed)
    anchor = anchoring.plan(db, changed_sources, fresh_ids, plan.texts, plan.now, editor)
    suspects = [pid for pid in anchor.texts if pid not in old and maybe_edited and maybe_edited(anchor.paths[pid])]
    if suspects:
        more_old, more_bases, _ = repo.load_previous(db, suspects, [], partial=True)
        old.update(more_old)
        editing.bases.update(more_bases)
        edited = False
        for pid in suspects:
            if editing.check(pid):
                checked.append(pid)
                edited = True
        if edited:  # patch the person's text, not the last saved one
            anchor = anchoring.plan(db, changed_sources, fresh_ids, plan.texts, plan.now, editor)
    for pid, text in anchor.texts.items():
        plan.texts[pid] = text
        plan.kept.setdefault(pid, {}).update(anchor.rows[pid])
    plan.patched = set(anchor.texts)
    plan.anchor = anchor
    editing.report.stale = sorted(anchor.stale_pages)
    editing.report.anchored = sorted(anchor.texts)
    return anchor


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (FileNotFoundError, UnicodeDecodeError, IsADirectoryError):
        return None


def _human_edit(plan: SavePlan, report: SaveReport, p: Page, prev, disk: str, user: str, now: str, bases: dict) -> None:
    """Someone changed the file since the last save: keep it as a version of its own.

    The text it diverged from becomes the page's stored merge base (until now the
    page's content was its own base)."""
    plan.bases.setdefault(p.id, bases.get(p.id, prev.content))

    version = prev.version + 1
    text = set_meta(disk, version=version, edited_by=user, origin="human", updated=now)
    plan.versions.append((p.id, version, user, "human", text, "edited in wiki/"))
    plan.texts[p.id] = text
    plan.kept[p.id] = dict(content=text, version=version, edited_by=user, origin="human", updated=now)
    report.human.append(p.id)


def _plan_page(plan: SavePlan, report: SaveReport, p: Page, prev, bases: dict, editor: str, now: str,
               body: Rendered | None = None) -> None:
    """Compiled page -> what to write: new, unchanged, frozen, merged with a human edit, or a conflict.
    `body`: living.rendered.prerender(p), when a worker rendered it already."""
    h = page_hash(p, body)
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
    compiled_text = render(without_private(p), body)
    plan.bases[p.id] = compiled_text
    (report.updated if prev is not None else report.created).append(p.id)
    if prev is not None and current is not None and base is not None and current != base:
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




# --- a full build's save, batch by batch ---

@dataclass
class _Planned:
    """What planning one batch decided, without the texts a second build of its pages gives again."""

    fresh: dict[str, tuple] = field(default_factory=dict)  # page id -> (version, updated, edited_by, origin, hash, text or None)
    texts: dict[str, str] = field(default_factory=dict)  # pages not rewritten: a human edit's text
    restore: list[str] = field(default_factory=list)
    kept: dict[str, dict] = field(default_factory=dict)
    bases: dict[str, str | None] = field(default_factory=dict)  # None: the page's compiled text
    versions: list[tuple] = field(default_factory=list)  # content None: the page's compiled text
    side_files: dict[str, str] = field(default_factory=dict)


def save_batches(wiki: Wiki, batches: Callable[[], Iterable[tuple]], build: "BatchedBuild",
                 skipped: dict[str, str], log_entry, editor: str = "lorebook", write_hook=None) -> SaveReport:
    """`save` for a full build that holds one batch of pages at a time (living/full.py).

    `batches()` yields (pages, None, bodies, rows) for the overview and the document pages, then (source pages,
    their source paths, bodies, rows), in the order `save` writes pages (bodies: page id -> the page prerendered, or
    None); each call builds them again. A first build plans
    each batch as it writes it. Otherwise every batch is planned first (human edits, merges, what is
    unchanged), the citations into changed sources are re-anchored, then each batch is built again and
    written: the same plan `save` makes, holding only what a second build cannot give back."""
    report = SaveReport()
    db = database_for(wiki)
    now = repo.now_iso()
    saved = repo.saved_pages(db)
    old_sources = repo.source_shas_all(db)
    planned: list[_Planned] | None = None
    anchor = None
    if saved:
        planned, fresh_ids, overrides = [], [], {}
        editing = _Editing(wiki, SavePlan(), report, {})  # one for the whole save: the user is asked once
        for pages, _paths, bodies, _rows in batches():
            old, editing.bases, _ = repo.load_previous(db, [p.id for p in pages], [], partial=True)
            editing.plan = plan = SavePlan(now=now, pages=pages, old=old)
            _plan_pages(wiki, plan, editing, pages, editor, bodies)
            planned.append(_planned(plan))
            fresh_ids += [p.id for p in plan.fresh]
            overrides.update(planned[-1].texts)
    else:
        fresh_ids = build.page_ids()
    new_ids = set(build.page_ids())
    removed = {pid: path for pid, (kind, path) in saved.items() if pid not in new_ids and kind != "answer"}
    report.removed = list(removed)
    changed = _Changed({path: sha for path, (sha, _n, _size) in build.sources.items()
                        if path in old_sources and old_sources[path] != sha}, build.read)
    if changed:
        anchor = anchoring.plan(db, changed, set(fresh_ids) | set(removed), overrides if saved else {}, now, editor)
        report.stale, report.anchored = sorted(anchor.stale_pages), sorted(anchor.texts)
    doc_sources = {build.source_of(pid) for pid in fresh_ids} - {None}
    head = repo.BatchedSave(now=now, editor=editor, sources=build.sources, read=build.read, skipped=skipped,
                            old_sources=old_sources, old_ids=set(saved), replaced=fresh_ids, removed=removed,
                            paths=build.paths(), links=build.links(), index_md=build.index_md, anchor=anchor,
                            doc_sources=doc_sources, quotes=build.quotes)

    def written():
        for i, (pages, paths, bodies, rows) in enumerate(batches()):
            if planned is None:  # a first build: nothing saved to plan against
                plan = SavePlan(now=now, pages=pages)
                _plan_pages(wiki, plan, _Editing(wiki, plan, report, {}), pages, editor, bodies)
                yield repo.Batch(fresh=plan.fresh, texts=plan.texts, paths={p.id: p.path for p in pages},
                                 kept=plan.kept, bases=plan.bases, versions=plan.versions, side_files=plan.side_files,
                                 sources=paths, rows=rows)
            else:
                b = _rebuilt(planned[i], pages, paths, bodies)
                b.rows = rows
                yield b

    return repo.write_batches(wiki, head, written(), report, lambda: log_entry(report), write_hook)


class BatchedBuild(Protocol):
    """What `save_batches` needs of the whole build besides its batches (living/full.py gives it)."""

    sources: dict[str, tuple[str, int, int]]  # path -> (sha256, line count, size)
    read: Mapping[str, Source]  # path -> Source, read back when asked for
    index_md: str
    quotes: dict  # the links' spans -> the text of their lines

    def page_ids(self) -> list[str]: ...
    def paths(self) -> set[str]: ...
    def links(self) -> list: ...
    def source_of(self, pid: str) -> str | None: ...


def _planned(plan: SavePlan) -> _Planned:
    """Keep of a batch's plan what building its pages again does not give back: texts of human edits and
    merges, kept rows, side files; the compiled text of a page rewritten is rendered again."""
    out = _Planned(kept=plan.kept, side_files=plan.side_files)
    compiled = {p.id: plan.bases.get(p.id) for p in plan.fresh}
    for p in plan.fresh:
        text = plan.texts[p.id]
        out.fresh[p.id] = (p.version, p.updated, p.edited_by, p.origin, p.extra_meta["_hash"],
                           None if text == compiled[p.id] else text)
    human = set()
    for v in plan.versions:
        pid, _version, _who, origin, content, _note = v
        keep = not (pid in compiled and content == compiled[pid])
        out.versions.append(v if keep else v[:4] + (None,) + v[5:])
        if origin == "human":
            human.add(pid)
    for pid, text in plan.texts.items():
        if pid not in out.fresh:
            if pid in human:
                out.texts[pid] = text
            else:
                out.restore.append(pid)  # the saved text, read back when written
    for pid, text in plan.bases.items():
        out.bases[pid] = None if pid in compiled and text == compiled[pid] else text
    return out


def _rebuilt(pl: _Planned, pages: list[Page], paths: list[str] | None, bodies: dict[str, Rendered] | None) -> repo.Batch:
    """A batch planned before, from its pages built again: the texts of the pages rewritten rendered again."""
    b = repo.Batch(restore=pl.restore, kept=pl.kept, side_files=pl.side_files, sources=paths)
    compiled = {}
    for p in pages:
        b.paths[p.id] = p.path
        f = pl.fresh.get(p.id)
        if f is None:
            if p.id in pl.texts:
                b.texts[p.id] = pl.texts[p.id]
            continue
        p.version, p.updated, p.edited_by, p.origin = f[0], f[1], f[2], "compiled"
        p.extra_meta.setdefault("_hash", f[4])
        compiled[p.id] = render(without_private(p), bodies.get(p.id) if bodies else None)
        p.origin = f[3]
        b.texts[p.id] = f[5] if f[5] is not None else compiled[p.id]
        b.fresh.append(p)
    b.bases = {pid: compiled[pid] if text is None else text for pid, text in pl.bases.items()}
    b.versions = [v if v[4] is not None else v[:4] + (compiled[v[0]],) + v[5:] for v in pl.versions]
    return b


class _Changed(Mapping):
    """The sources whose text changed since the last save, read when the anchoring asks for each."""

    def __init__(self, shas: dict[str, str], read):
        self.shas, self.read = shas, read

    def __getitem__(self, path: str) -> Source:
        return self.read[path]

    def __iter__(self):
        return iter(self.shas)

    def __len__(self) -> int:
        return len(self.shas)
