"""ingest and build: raw files in, a saved wiki out. The CLI, web app and tests all call these.

raw/ file -> Source -> SourceUnit (documents, records) -> CompiledWiki -> store.
A lock makes concurrent runs wait their turn instead of interleaving writes.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable


from lorebook import os_errors
from lorebook.compile import CompiledWiki, SourceUnit, assemble, compile_many, compile_source
from lorebook.config import Wiki
from lorebook.living import incremental
from lorebook.living.cache import Cache
from lorebook.living.full import FullBuild
from lorebook.living.save import save
from lorebook.living.shards import write_atomic
from lorebook.model import Source
from lorebook.sources.raw import COPY_MARK, link_target, remove_leftovers, scan_raw
from lorebook.sources.reader import SourceError, is_source_name, read_source
from lorebook.store import repo
from lorebook.store.db import database_for
from lorebook.store.files import UnsafePath, safe_join
from lorebook.store.lock import Busy, wiki_lock  # noqa: F401  (Busy is re-exported for callers)
from lorebook.store.repo import saved_answers
from lorebook.utilities import COMPILER_PARTS, code_fingerprint


class IngestError(Exception):
    """Bad input for ingest (missing path, nothing to ingest); the message says what to do."""


@dataclass
class RunReport:
    command: str
    sources_new: list[str] = field(default_factory=list)
    sources_changed: list[str] = field(default_factory=list)
    sources_unchanged: list[str] = field(default_factory=list)
    sources_removed: list[str] = field(default_factory=list)
    sources_unchecked: int = 0  # an ingest that compiled only the files it was given: other sources not looked at
    warnings: list[str] = field(default_factory=list)
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    recovered: list[str] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)  # pages recompiled and merged with a human edit
    conflicts: list[str] = field(default_factory=list)  # human edits kept; conflict markers in a side file
    stale: list[str] = field(default_factory=list)  # pages with blocks whose cited text is gone
    human: list[str] = field(default_factory=list)  # human edits found and recorded as versions
    frozen: list[str] = field(default_factory=list)  # reviewed: true pages, not recompiled
    named: list[str] = field(default_factory=list)  # an ingest: the raw/ files it was given (after copying)
    partial: bool = False  # True when only the changed sources' pages were recompiled
    unchanged_total: int = 0  # pages untouched by a partial run (not listed one by one)
    seconds: float = 0.0

    @property
    def ingested(self) -> list[str]:
        """Of the files an ingest was given, those compiled (new, changed or unchanged); a run with none failed."""
        ok = set(self.sources_new) | set(self.sources_changed) | set(self.sources_unchanged)
        return [p for p in self.named if p in ok]

    def summary_line(self) -> str:
        n_src = len(self.sources_new) + len(self.sources_changed) + len(self.sources_unchanged)
        return (
            f"{self.command}: {n_src} source{'s' if n_src != 1 else ''} "
            f"({len(self.sources_new)} new, {len(self.sources_changed)} changed, {len(self.sources_unchanged)} unchanged"
            + (f", {len(self.sources_removed)} removed" if self.sources_removed else "")
            + (f"; {self.sources_unchecked} others in raw/ not checked" if self.sources_unchecked else "")
            + f") → pages: {len(self.created)} created, {len(self.updated)} updated, "
            + f"{len(self.unchanged) + self.unchanged_total} unchanged"
            + (f", {len(self.removed)} removed" if self.removed else "")
            + (f", {len(self.merged)} merged" if self.merged else "")
            + (f", {len(self.conflicts)} in conflict" if self.conflicts else "")
            + (f", {len(self.stale)} stale" if self.stale else "")
            + f" · {len(self.warnings)} warning{'s' if len(self.warnings) != 1 else ''} · {self.seconds:.2f} s"
        )


def lock(wiki: Wiki, wait: bool = True, on_wait: Callable[[], None] | None = None):
    """The wiki's write lock. With wait=False a held lock raises Busy at once."""
    return wiki_lock(wiki.state_dir, wait=wait, on_wait=on_wait)


def stage_inputs(wiki: Wiki, paths: Iterable[str | Path]) -> tuple[list[str], list[str]]:
    """Copy ingested files into raw/ (files already inside raw/ are used in place).

    Returns (raw-relative paths touched, warnings). Nothing is copied if any path is missing.
    A symbolic link that leads out of the folder being ingested (or out of raw/) is skipped with
    a warning naming it, and so is a linked folder: `passwd.md -> /etc/passwd` must not end up
    in pages. A file that cannot be copied (name too long, disk full, permission denied) is
    skipped with a one-line warning and the rest of the batch goes on.
    """
    raw = wiki.raw_dir
    plan: list[tuple[Path, str]] = []
    warnings: list[str] = []
    for p in paths:
        p = Path(p).expanduser()
        if not p.exists() and not p.is_symlink():
            raise IngestError(f"{p}: no such file or folder; check the path and try again")
        if p.is_symlink() and not p.is_dir() and not _inside(p, p.absolute().parent):
            warnings.append(f"{p}: skipped, a symbolic link to {link_target(p)} outside its folder; ingest the target itself")
            continue
        p = p.resolve()
        if p.is_dir():
            found = _walk_sources(p, warnings)
            if not found:
                warnings.append(f"{p}: no .md, .markdown, .qmd or .txt files in this folder")
            for f in found:
                if _inside(f, raw):
                    plan.append((f, f.resolve().relative_to(raw.resolve()).as_posix()))
                else:
                    plan.append((f, (Path(p.name) / f.relative_to(p)).as_posix() if p != raw.resolve() else f.relative_to(p).as_posix()))
        elif not p.exists():
            warnings.append(f"{p}: skipped, a broken symbolic link")
        elif is_source_name(p.name):
            if _inside(p, raw):
                plan.append((p, p.relative_to(raw.resolve()).as_posix()))
            else:
                plan.append((p, p.name))
        else:
            warnings.append(f"{p}: skipped, not a .md, .markdown, .qmd or .txt file")
    touched = []
    for src, rel in plan:
        try:
            dest = safe_join(raw, rel)
        except UnsafePath as e:
            warnings.append(f"{src}: skipped, {e}; rename the file and ingest again")
            continue
        if src.resolve() != dest:
            try:
                copy_into(src, dest)
            except OSError as e:
                warnings.append(f"{src}: not ingested, " + os_errors.describe(e, "").lstrip(": "))
                continue
        touched.append(f"raw/{rel}")
    return touched, warnings




def copy_into(src: Path, dest: Path) -> None:
    """Copy `src` to `dest` through a temporary file beside it, removed if the copy fails.

    The temporary name must fit the file system's name limit even when `dest`'s name is at
    the limit already (a legal 255-byte name), so a long name gets a short hashed one."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp_name = f".{dest.name}{COPY_MARK}"
    if len(os.fsencode(tmp_name)) > _name_max(dest.parent):
        tmp_name = f".{hashlib.sha1(os.fsencode(dest.name)).hexdigest()[:16]}{COPY_MARK}"
    tmp = dest.with_name(tmp_name)
    try:
        shutil.copyfile(src, tmp)
        os.replace(tmp, dest)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _name_max(folder: Path) -> int:
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError):
        return 255


def _walk_sources(base: Path, warnings: list[str]) -> list[Path]:
    """Source files under `base` (hidden ones left out), never following a link out of it."""
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(base, followlinks=False):
        d = Path(dirpath)
        for name in sorted(dirnames):
            if name.startswith("."):
                dirnames.remove(name)
            elif (d / name).is_symlink():
                warnings.append(f"{d / name}: skipped, a symbolic link to a folder ({link_target(d / name)}); "
                                "linked folders are not followed")
        for name in filenames:
            f = d / name
            if name.startswith(".") or not is_source_name(name):
                continue
            if f.is_symlink():
                if not f.exists():
                    warnings.append(f"{f}: skipped, a broken symbolic link")
                    continue
                if not _inside(f, base) or not f.resolve().is_file():
                    warnings.append(f"{f}: skipped, a symbolic link to {link_target(f)} outside {base}")
                    continue
            if f.is_file():
                found.append(f)
    return sorted(found)


def _inside(p: Path, folder: Path) -> bool:
    try:
        p.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


def ingest(wiki: Wiki, paths: Iterable[str | Path], **kw) -> RunReport:
    """Copy `paths` into raw/ and compile. The report names what was created and updated."""
    with lock(wiki, wait=kw.pop("wait", True), on_wait=kw.pop("on_wait", None)):
        touched, warnings = stage_inputs(wiki, paths)
        if not touched and not warnings:
            raise IngestError("nothing to ingest; pass Markdown or text files, or folders holding them")
        if not touched:  # every file skipped: nothing to compile, and the caller exits non-zero
            return RunReport(command="ingest", warnings=warnings)
        label = ", ".join(t.removeprefix("raw/") for t in touched[:3]) + (f" (+{len(touched) - 3} more)" if len(touched) > 3 else "")
        report = _compile_all(wiki, "ingest", label, warnings, check_wiki=False, named=touched, **kw)
        report.named = touched
        return report


def build(wiki: Wiki, **kw) -> RunReport:
    """Compile raw/: changed sources only (repair=True: forget every cache and recompile all)."""
    with lock(wiki, wait=kw.pop("wait", True), on_wait=kw.pop("on_wait", None)):
        return _compile_all(wiki, "build", "raw/", [], **kw)


def _compile_all(wiki: Wiki, command: str, label: str, warnings: list[str], **kw) -> RunReport:
    """`_compile`, with Python's cyclic garbage collector restored afterwards, whatever happens.

    `_compile` pauses the collector for an incremental run: loading the saved state (the maps of
    20,000 pages and 10,000 sources in a 10,000-source wiki) makes hundreds of thousands of
    objects, and every later allocation-heavy step (the overview's and index.md's 20,000 lines)
    then set off full collections that scanned them all: 0.3-0.5 s of CPU of a 1.1-1.6 s add or
    delete (bench/incremental.py, 3 Dec 2026). Such a run frees its objects by reference counting;
    its few cycles wait until the collector is back on. A full re-assembly keeps the collector on
    (its memory is what bounds a large build)."""
    enabled = gc.isenabled()
    try:
        return _compile(wiki, command, label, warnings, gc_was_on=enabled, **kw)
    finally:
        if enabled:
            gc.enable()


def _compile(
    wiki: Wiki,
    command: str,
    label: str,
    warnings: list[str],
    gc_was_on: bool = True,
    progress: Callable[[Iterable, int], Iterable] | None = None,
    write_hook=None,
    repair: bool = False,
    full: bool = False,
    check_wiki: bool = True,
    named: list[str] | None = None,
    transform: Callable | None = None,
) -> RunReport:
    """Compile raw/ into wiki/, re-reading and re-compiling only sources that changed.

    Unchanged files are recognised by size and mtime (then sha256), and their
    compiled units come from .lorebook/cache/. When only a few sources changed and
    the wiki-wide picture stays the same, only their pages are rewritten
    (living/incremental.py); otherwise the whole wiki is re-assembled from units, in passes
    that hold a batch of them at a time (living/full.py): the sources to compile are only
    read here, and compiled as that build goes.

    An ingest (`named` files) first tries to compile just those files incrementally, without
    looking at the rest of raw/ (`_compile_named`); otherwise, and for a build, every file
    in raw/ is stat-ed.

    Human edits in wiki/: a build (check_wiki) looks at every page file (one stat each)
    and records each edit as a version. An ingest of a few files checks only the pages it
    rewrites or patches; edits elsewhere stay on disk, shown by `lorebook status`, and are
    recorded by the next build (the mark they are compared against moves only then).
    """
    t0 = time.perf_counter()
    report = RunReport(command=command, warnings=list(warnings))
    report.recovered = repo.recover(wiki) + remove_leftovers(wiki)
    db = database_for(wiki)
    compiler = code_fingerprint(*COMPILER_PARTS)
    if not repair and _compiled_by(wiki) not in (None, compiler):
        repair = True  # an upgraded compiler reads the same notes better: every source once more, not only new ones
        report.warnings.append("Lorebook's compiler changed since this wiki was last built: every source was compiled again")
    cache = Cache(wiki.state_dir)
    if repair:
        shutil.rmtree(cache.dir, ignore_errors=True)
        cache = Cache(wiki.state_dir)
    state = None if (full or repair) else incremental.load(wiki.state_dir)
    if state is not None and state.generation != repo.get_generation(db):
        state = None  # written by a run whose database commit did not happen, or by another version
    if state is not None:
        gc.disable()  # see _compile_all
    sources: dict[str, Source] = {}
    skipped: dict[str, str] = {}
    shas: dict[str, str] = {}
    units: dict[str, SourceUnit] = {}  # loaded only when needed: changed sources, or a full re-assembly
    log = lambda saved: log_entry(command, label, report, saved)  # noqa: E731
    last_unit = _last_units(db, cache)
    narrow = _compile_named(wiki, db, cache, state, named, report, last_unit) if named and state is not None else None
    if narrow is not None:
        partial, changed_units = narrow
        sources = {u.source.path: u.source for u in changed_units}
    else:
        known = repo.source_shas(db)
        known_skipped = repo.skipped_source_paths(db)
        pending = _scan(wiki, cache, known, repair, progress, report, skipped, shas)
        removed = [p for p in known if p not in shas and p not in skipped]
        n_changed = sum(1 for rel, sha in shas.items() if known.get(rel) != sha)
        attempt = (state is not None and not skipped and not (known_skipped - set(skipped)) and (n_changed or removed)
                   and incremental.few_enough(n_changed + len(removed), len(shas)))
        nothing = state is not None and not n_changed and not removed and not skipped and not known_skipped and not repair
        partial = None
        if attempt or nothing or transform is not None:  # paths that hold their units: compile the pending ones now
            _compile_pending(cache, _reread(pending, report, skipped, shas), report, skipped, shas, units)
            pending = []
            changed_units = [_unit_of(cache, wiki, rel, shas, units) for rel in _classify(report, known, shas)]
            sources = {u.source.path: u.source for u in changed_units}
            cache.forget_missing(set(shas) | set(skipped))
            cache.save()
            report.sources_removed = [p for p in known if p not in shas and p not in skipped]
            if (state is not None and not skipped and not (known_skipped - set(skipped))
                    and (changed_units or report.sources_removed)
                    and incremental.few_enough(len(changed_units) + len(report.sources_removed), len(shas))):
                partial = incremental.changed_set(state, changed_units, report.sources_removed, wiki.name, last_unit,
                                                  _index_exists(wiki), saved_answers(wiki))
            if state is not None and not changed_units and not report.sources_removed \
                    and not skipped and not known_skipped and not repair:
                partial = (CompiledWiki(pages=[], links=[], index_md=None), state)
    if partial is not None:
        compiled, new_state = partial
        used = {u.source.path: u.source for u in changed_units}
        for p in compiled.pages:
            for sp in p.sources:
                if sp in sources:
                    used[sp] = sources[sp]
        # every source a rewritten page cites, as last compiled, so its citations find their span rows
        cited = {c.source for p in compiled.pages for b in p.blocks for c in b.citations if c is not None}
        cited |= {l.span.source for l in compiled.links if l.span is not None}
        for path in sorted(cited - used.keys()):
            u = last_unit(path)
            if u is not None:
                used[path] = u.source
        touched = incremental.touched_pages(new_state, wiki.wiki_dir) if check_wiki else []
        maybe_edited = None if check_wiki else (lambda path: incremental.maybe_edited(new_state, wiki.wiki_dir, path))
        report.unchanged_total = len(new_state.meta) - len({p.id for p in compiled.pages} | set(touched))
        saved = save(wiki, compiled, used, {}, log, write_hook=write_hook, partial=True, check_edits=touched,
                     maybe_edited=maybe_edited, remove_sources=report.sources_removed)
    elif transform is not None:  # `build --llm`: verified model prose added to the pages before saving (synth/)
        if gc_was_on:
            gc.enable()
        _load_all_units(wiki, cache, shas, units, report, skipped)
        cache.save()
        sources = {rel: u.source for rel, u in sorted(units.items())}
        compiled = assemble(wiki.name, [units[rel] for rel in sources], saved_answers(wiki))
        transform(compiled.pages, sources)
        new_state = incremental.state_from(compiled, 0)
        compiled.records = {}
        units.clear()
        changed_units.clear()
        saved = save(wiki, compiled, sources, skipped, log, write_hook=write_hook)
    else:  # the whole wiki, in passes that hold a batch of units at a time (living/full.py)
        if gc_was_on:
            gc.enable()
        units.clear()
        changed_units = []
        run = FullBuild(wiki, cache, shas, saved_answers(wiki))
        late_failed = run.survey(pending, report, skipped)
        pending = []
        if not (attempt or nothing):  # the source lists as _compile_pending left them, before the late compiles
            _classify(report, known, {**shas, **late_failed})
            cache.forget_missing(set(shas) | set(skipped))
            report.sources_removed = [p for p in known if p not in shas and p not in skipped]
        cache.save()
        saved, new_state = run.save(skipped, log, write_hook=write_hook)
    new_state.generation = repo.get_generation(db)
    if partial is not None and not check_wiki:
        incremental.remember_writes(new_state, wiki.root, saved.written)
    else:  # every page file was read or stat-ed against the database: all newer writes are edits
        new_state.written_at = time.time_ns()
        new_state.own = {}
    incremental.store(wiki.state_dir, new_state)
    write_atomic(wiki.state_dir / COMPILER_STAMP, compiler.encode())
    report.partial = partial is not None
    for name in ("created", "updated", "unchanged", "removed", "merged", "conflicts", "stale", "human", "frozen"):
        setattr(report, name, getattr(saved, name))
    report.seconds = time.perf_counter() - t0
    return report


COMPILER_STAMP = "compiler"  # in .lorebook/: the fingerprint of the compiler that last built the wiki


def _compiled_by(wiki: Wiki) -> str | None:
    """The compiler fingerprint of the last build; "" for a wiki built before builds were stamped, None for one
    never built."""
    try:
        return (wiki.state_dir / COMPILER_STAMP).read_text(encoding="utf-8").strip()
    except OSError:
        return "" if (wiki.state_dir / "cache").exists() else None


def _save(wiki: Wiki, *args, **kw):
    """repo.save; when the operating system fails it (a full disk, permission denied) the staged
    temp files and journal are undone at once instead of at the next run, so a full disk is not
    kept full by them. (Other failures are left to the next run's recovery, as a crash is.)"""
    try:
        return repo.save(wiki, *args, **kw)
    except Exception as e:
        if isinstance(e, OSError) or os_errors.is_disk_full(e):
            try:
                repo.recover(wiki)
            except Exception:
                pass  # the next run's recover tries again
        raise


def _last_units(db, cache) -> Callable[[str], SourceUnit | None]:
    """A source path -> its unit as last compiled (the sources table's sha256, then the unit cache), or None."""
    memo: dict[str, SourceUnit | None] = {}

    def load(path: str) -> SourceUnit | None:
        if path not in memo:
            sha = repo.source_shas(db, [path]).get(path)
            u = cache.unit(sha) if sha else None
            memo[path] = u if u is not None and u.source.path == path else None
        return memo[path]

    return load


def _compile_named(wiki: Wiki, db, cache, state, named: list[str], report: RunReport, last_unit):
    """`ingest FILE…`: compile just the named files, when their change can be applied incrementally.

    Returns (the incremental result, the changed units) and fills the report's source lists,
    or returns None (nothing recorded) to compile as a build does: a file that was skipped
    before or cannot be read now, or a change the changed-set assemble cannot take. The rest
    of raw/ is not looked at (10,000 stats and the sources table cost an ingest 60-100 ms):
    files edited directly in raw/ wait for `lorebook build` or `lorebook watch`.
    """
    paths = sorted(set(named))
    known = repo.source_shas(db, paths)
    n_known = len(state.source_page)  # every compiled source has its source page
    if any(p not in known for p in paths) and (set(paths) & (repo.skipped_source_paths(db) | set(state.source_page))):
        return None  # a source skipped before (its row has no sha256), or a state that does not match the database
    scratch = RunReport(command=report.command)  # warnings of a file that cannot be read come from the full run
    skipped: dict[str, str] = {}
    shas: dict[str, str] = {}
    units: dict[str, SourceUnit] = {}
    to_compile: list = []
    for rel in paths:
        f = wiki.root / rel
        try:
            st = f.stat()
        except OSError:
            return None
        sha = cache.known_sha(rel, st)
        if sha is not None and sha == known.get(rel):
            shas[rel] = sha
            continue
        _read_unit(cache, f, rel, st, False, scratch, skipped, shas, units, to_compile)
    _compile_pending(cache, to_compile, scratch, skipped, shas, units)
    if skipped or scratch.warnings:
        return None
    changed = [units[rel] for rel in paths if shas[rel] != known.get(rel)]
    if not incremental.few_enough(len(changed), n_known):
        return None
    if changed:
        partial = incremental.changed_set(state, changed, [], wiki.name, last_unit, _index_exists(wiki),
                                          saved_answers(wiki))
        if partial is None:
            return None
    else:
        partial = (CompiledWiki(pages=[], links=[], index_md=None), state)
    cache.save()
    report.sources_new = [u.source.path for u in changed if u.source.path not in known]
    report.sources_changed = [u.source.path for u in changed if u.source.path in known]
    report.sources_unchanged = [rel for rel in paths if shas[rel] == known.get(rel)]
    report.sources_unchecked = n_known - (len(paths) - len(report.sources_new))
    return partial, changed


def _scan(wiki: Wiki, cache, known: dict[str, str], repair: bool, progress, report, skipped, shas) -> list:
    """Stat every file in raw/; read those whose size or mtime changed (their sha256 goes to `shas`, as does
    the known sha256 of the others). Returns (path, file, stat) of the sources to compile: no unit in the
    cache for their content. Neither their text nor the units found is kept: a full build reads them again."""
    entries = scan_raw(wiki, report.warnings)
    pending: list[tuple[str, Path, os.stat_result]] = []
    for rel, f, st in progress(entries, len(entries)) if progress else entries:
        sha = None if repair else cache.known_sha(rel, st)
        if sha is not None and known.get(rel) == sha:
            shas[rel] = sha  # same size and mtime as when it was last compiled: not even read
            continue
        _read_unit(cache, Path(f), rel, st, repair, report, skipped, shas, {}, pending, hold=False)
    return pending


def _read_unit(cache, f: Path, rel: str, st, repair: bool, report, skipped, shas, units, to_compile,
               hold: bool = True) -> None:
    """Read a source whose stat changed; its unit comes from the cache if the content was seen before.

    The unit found goes to `units`, the source to compile to `to_compile` (with its stat); with
    hold=False neither is kept (`to_compile` gets (path, file, stat)): a full build reads them again."""
    try:
        src = read_source(f, rel)
    except SourceError as e:
        report.warnings.append(str(e))
        skipped[rel] = str(e)
        return
    shas[rel] = src.sha256
    unit = None if repair else cache.unit(src.sha256)
    if unit is None or unit.source.path != rel:
        to_compile.append((src, st) if hold else (rel, f, st))
        return
    cache.remember(rel, st, src.sha256)
    if hold:
        units[rel] = unit
    report.warnings.extend(unit.warnings)


def _reread(pending, report, skipped, shas) -> list[tuple[Source, os.stat_result]]:
    """The sources the scan read but did not keep, read again to be compiled (one unreadable now is skipped)."""
    out = []
    for rel, f, st in pending:
        try:
            src = read_source(f, rel)
        except SourceError as e:
            report.warnings.append(str(e))
            skipped[rel] = str(e)
            shas.pop(rel, None)
            continue
        shas[rel] = src.sha256
        out.append((src, st))
    return out


def _classify(report: RunReport, known: dict[str, str], shas: dict[str, str]) -> list[str]:
    """Fill the report's new / changed / unchanged source lists; returns the new and changed paths, sorted."""
    changed = []
    for rel in sorted(shas):
        if rel not in known:
            report.sources_new.append(rel)
            changed.append(rel)
        elif known[rel] != shas[rel]:
            report.sources_changed.append(rel)
            changed.append(rel)
        else:
            report.sources_unchanged.append(rel)
    return changed


def _unit_of(cache, wiki: Wiki, rel: str, shas, units) -> SourceUnit:
    """A changed source's unit: compiled this run, or found in the cache by the scan (compiled again if a file
    with the same content has taken its cache entry since)."""
    u = units.get(rel) or cache.unit(shas[rel])
    if u is None or u.source.path != rel:
        u = compile_source(read_source(wiki.root / rel, rel))
    return u


def _compile_pending(cache, to_compile, report, skipped, shas, units) -> None:
    for (src, st), done in zip(to_compile, compile_many([s for s, _ in to_compile])):
        if isinstance(done, Exception):  # a compiler bug must not lose the rest of the wiki
            report.warnings.append(f"{src.path}: could not be compiled ({type(done).__name__}: {done}); please report this")
            skipped[src.path] = str(done)
            shas.pop(src.path, None)
            continue
        unit, pickled = done
        report.warnings.extend(unit.warnings)
        cache.put_unit(unit, pickled)
        cache.remember(src.path, st, src.sha256)
        units[src.path] = unit
    to_compile.clear()


def _load_all_units(wiki: Wiki, cache, shas, units, report, skipped) -> None:
    """Every source's unit, for a full re-assembly: from the cache, else read and compiled again."""
    to_compile = []
    for rel, sha in sorted(shas.items()):
        if rel in units:
            continue
        u = cache.unit(sha)
        if u is not None and u.source.path == rel:
            units[rel] = u
            continue
        f = wiki.root / rel
        _read_unit(cache, f, rel, f.stat(), True, report, skipped, shas, units, to_compile)
    _compile_pending(cache, to_compile, report, skipped, shas, units)


def _index_exists(wiki: Wiki) -> bool:
    """An incremental run leaves a non-empty wiki/index.md alone when no index line changes (2.8 MB at 10,000 sources)."""
    try:
        return (wiki.wiki_dir / "index.md").stat().st_size > 0
    except OSError:
        return False


def log_entry(command: str, label: str, report: RunReport, saved: repo.SaveReport) -> str:
    stamp = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    lines = [f"## [{stamp}] {command} | {label}", ""]
    lines.append(
        f"- sources: {len(report.sources_new)} new, {len(report.sources_changed)} changed, "
        f"{len(report.sources_unchanged)} unchanged, {len(report.sources_removed)} removed"
        + (f" ({report.sources_unchecked} others in raw/ not checked)" if report.sources_unchecked else "")
    )
    lines.append(
        f"- pages: {len(saved.created)} created, {len(saved.updated)} updated, "
        f"{len(saved.unchanged) + report.unchanged_total} unchanged, {len(saved.removed)} removed"
    )
    lines.append(
        f"- living: {len(saved.stale)} stale, {len(saved.merged)} merged, {len(saved.conflicts)} in conflict, "
        f"{len(saved.human)} human edit(s) recorded"
    )
    for label_, ids in (("created", saved.created), ("updated", saved.updated), ("removed", saved.removed),
                        ("stale", saved.stale), ("merged", saved.merged), ("conflict", saved.conflicts),
                        ("human edit", saved.human)):
        if ids and len(ids) <= 20:
            lines.append(f"- {label_}: " + ", ".join(ids))
    for w in report.warnings[:20]:
        lines.append(f"- warning: {w}")
    return "\n".join(lines)
