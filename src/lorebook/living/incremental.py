"""The incremental path's saved state: what the last compile said about every source and page.

A run that changed, added or removed a few sources hands this state to the changed-set
assemble (compile/changes.py), which rebuilds only the pages whose text changes and returns
the state updated by the delta. The state is kept in .lorebook/cache/assembly/ (see `load`
and `store`): its maps are sharded (living/shards.py), so a run reads and writes only the
entries of the sources, pages and terms it touches.
"""

from __future__ import annotations

import gc
import marshal
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from lorebook.compile import CompiledWiki, SourceUnit
from lorebook.compile.assembly import Assembly
from lorebook.compile.changes import DOC_REASONS, Prior, assemble_changes
from lorebook.compile.links import LinkIndex, Target, index_targets
from lorebook.compile.wide import Wide
from lorebook.living.shards import Sharded, write_atomic
from lorebook.model import Link, Page, Span

STATE_VERSION = 5
MAPS = ("by_source", "base_ids", "source_page", "targets", "meta", "entries", "postings")  # sharded
SHAPES = {"postings": dict(shards=1024, ordered=False), "entries": dict(ordered=False)}


@dataclass
class State:
    """What the last compile said about every source and page. The maps are dicts after a full
    compile and Sharded maps (same interface) after `load`; `changed_set` works on copies of them."""

    generation: int = -1
    by_source: dict[str, list[str]] = field(default_factory=dict)  # source path -> doc page ids, in order
    base_ids: dict[str, list[str]] = field(default_factory=dict)  # source path -> base ids of its records
    source_page: dict[str, str] = field(default_factory=dict)  # source path -> its source page id
    targets: dict[str, object] = field(default_factory=dict)  # page id -> links.Target
    links: list[Link] = field(default_factory=list)  # document-to-document links, sorted
    meta: dict[str, tuple] = field(default_factory=dict)  # page id -> (type, title, path, summary, confidence)
    entries: dict[str, tuple] = field(default_factory=dict)  # page id -> overview entry (compile/wide.py)
    postings: dict[str, list] = field(default_factory=dict)  # term or "#N" -> ids of documents naming it
    df: dict[str, int] = field(default_factory=dict)  # term -> how many documents use it
    n_docs: int = 0
    mirrored: list[str] = field(default_factory=list)
    sup_refs: list[str] = field(default_factory=list)
    overview_cites: list[str] = field(default_factory=list)
    version: int = STATE_VERSION
    written_at: int = 0  # time.time_ns() after the last save that checked all of wiki/: files newer may be human edits
    own: dict[str, int] = field(default_factory=dict)  # wiki/ path -> mtime_ns of lorebook's own write since then
    links_file: tuple[str, list] | None = field(default=None, repr=False, compare=False)  # (file, links as loaded)
    index_file: str | None = field(default=None, repr=False, compare=False)  # find_links' tables over `targets`
    index: LinkIndex | None = field(default=None, repr=False, compare=False)  # those tables, when a run changed them
    df_file: tuple[str, dict] | None = field(default=None, repr=False, compare=False)  # (file, df as loaded)
    dir: Path | None = field(default=None, repr=False, compare=False)  # where the files above are


def state_from(compiled: CompiledWiki, generation: int) -> State:
    """The state after a full assemble held in memory (`build --llm`, whose pages may change after it)."""
    st = state_of(compiled.tables, generation)
    st.meta = {p.id: (p.type, p.title, p.path, p.summary, p.confidence) for p in compiled.pages}
    return st


def state_of(asm: Assembly, generation: int = 0) -> State:
    """`state_from` for a build that streamed its units through compile/assembly.py: from its tables."""
    st = State(generation=generation)
    for pid, line in asm.lines.items():
        st.meta[pid] = line.meta()
    st.source_page = dict(asm.source_ids)
    st.by_source = {path: list(ids) for path, ids in asm.by_source.items()}
    st.base_ids = {path: asm.sources[path].bases for path in asm.by_source}
    st.targets = {t.page_id: t for t in asm.targets}
    st.links = sorted((l for l in asm.links if l.reason in DOC_REASONS), key=lambda l: (l.src, l.dst))
    w = asm.wide
    st.entries, st.postings, st.df, st.n_docs = w.entries, w.postings, w.df, w.n_docs
    st.mirrored, st.sup_refs, st.overview_cites = sorted(w.mirrored), sorted(w.sup_refs), sorted(w.overview_cites)
    return st


def _dir(state_dir: Path) -> Path:
    return state_dir / "cache" / "assembly"


# On disk: assembly/state.marshal, the head (generation, the wiki/ check mark, and the file names of
# each part), replaced atomically as the last step of `store`; the maps' shards (living/shards.py);
# links-<token>.marshal. Everything is plain tuples, lists and dicts for marshal, which reads and
# writes them several times faster than pickle. No file is ever overwritten, so a crash at any
# point leaves a head whose files are all complete.

def _encode_target(t: Target) -> tuple:
    return (t.page_id, t.kind, t.number, t.title, tuple(sorted(t.title_terms)), t.source_dir, tuple(sorted(t.names)))


def _decode_target(v: tuple) -> Target:
    pid, kind, num, title, terms, sdir, names = v
    return Target(pid, kind, num, title, set(terms), sdir, set(names))


CODECS = {"targets": (_encode_target, _decode_target)}


def load(state_dir: Path) -> State | None:
    """The state the last run stored, or None (missing, unreadable or from another version).

    Reads only the head and the links; a map's shards are read when a key in them is asked for."""
    d = _dir(state_dir)
    try:
        head = marshal.loads((d / "state.marshal").read_bytes())
        if head.get("version") != STATE_VERSION:
            return None
        st = State(generation=head["generation"], written_at=head["written_at"], own=head["own"],
                   n_docs=head["n_docs"], mirrored=head["mirrored"], sup_refs=head["sup_refs"],
                   overview_cites=head["overview_cites"])
        for name in MAPS:
            setattr(st, name, Sharded(*CODECS.get(name, (None, None)), d=d, head=head["maps"][name]))
        st.df = marshal.loads((d / head["df"]).read_bytes())
        st.df_file = (head["df"], st.df)
        links = [Link(src, dst, reason, Span(*sp) if sp else None, detail)
                 for src, dst, reason, sp, detail in marshal.loads((d / head["links"]).read_bytes())]
        st.links, st.links_file = links, (head["links"], links)
        st.index_file, st.dir = head["index"], d
        return st
    except Exception:
        return None


def store(state_dir: Path, st: State) -> None:
    """Write the state: the shards and links that changed, then the head."""
    d = _dir(state_dir)
    d.mkdir(parents=True, exist_ok=True)
    maps, keep = {}, {"state.marshal"}
    enabled = gc.isenabled()
    gc.disable()
    try:
        targets = st.targets
        if st.index is not None:  # a changed-set run updated the tables by the delta
            st.index_file = f"index-{secrets.token_hex(6)}.marshal"
            write_atomic(d / st.index_file, marshal.dumps(st.index.plain()))
            st.index = None
        elif st.index_file is None or st.dir != d or not isinstance(targets, Sharded) or targets.changed() \
                or not (d / st.index_file).exists():
            st.index_file = f"index-{secrets.token_hex(6)}.marshal"
            write_atomic(d / st.index_file, marshal.dumps(index_targets(list(targets.values())).plain()))
        keep.add(st.index_file)
        if st.df_file is not None and st.df_file[1] is st.df and (d / st.df_file[0]).exists():
            df_name = st.df_file[0]
        else:
            df_name = f"df-{secrets.token_hex(6)}.marshal"
            write_atomic(d / df_name, marshal.dumps(dict(st.df)))
            st.df_file = (df_name, st.df)
        keep.add(df_name)
        for name in MAPS:
            m = getattr(st, name)
            if not isinstance(m, Sharded):
                m = Sharded.from_dict(m, *CODECS.get(name, (None, None)), **SHAPES.get(name, {}))
                setattr(st, name, m)
            maps[name] = m.save(d, name)
            keep |= m.file_names()
        if st.links_file is not None and (st.links_file[1] is st.links or st.links_file[1] == st.links) \
                and (d / st.links_file[0]).exists():
            links_name = st.links_file[0]
        else:
            links_name = f"links-{secrets.token_hex(6)}.marshal"
            write_atomic(d / links_name, marshal.dumps(
                [(l.src, l.dst, l.reason, (l.span.source, l.span.start, l.span.end) if l.span else None, l.detail)
                 for l in st.links]))
            st.links_file = (links_name, st.links)
        keep.add(links_name)
    finally:
        if enabled:
            gc.enable()
    st.dir = d
    head = {"version": STATE_VERSION, "generation": st.generation, "written_at": st.written_at, "own": st.own,
            "maps": maps, "links": links_name, "index": st.index_file, "df": df_name, "n_docs": st.n_docs,
            "mirrored": list(st.mirrored), "sup_refs": list(st.sup_refs), "overview_cites": list(st.overview_cites)}
    write_atomic(d / "state.marshal", marshal.dumps(head))
    for f in d.iterdir():
        if f.name not in keep and not f.name.startswith("."):
            f.unlink(missing_ok=True)  # files no longer named, left by this or an interrupted run
    (state_dir / "cache" / "assembly.pkl").unlink(missing_ok=True)  # the format before STATE_VERSION 3


def link_index(st: State) -> LinkIndex:
    """find_links' tables over every target: read from the file `store` wrote, not rebuilt from
    10,000 targets (that took 25-35 ms of a one-file ingest); targets themselves are read per shard."""
    if st.index_file is not None and st.dir is not None:
        try:
            by_number, by_term, by_rarest, n = marshal.loads((st.dir / st.index_file).read_bytes())
            return LinkIndex(by_number, by_term, by_rarest, st.targets, n)
        except (OSError, ValueError, EOFError, TypeError):
            pass
    return index_targets(list(st.targets.values()))


def few_enough(n_changed: int, n_sources: int) -> bool:
    """The partial-rebuild heuristic, in one place: try the incremental path when at most a quarter
    of the sources changed (past that, re-assembling is about as fast and simpler to trust)."""
    return n_changed <= max(1, n_sources // 4)


def changed_set(st: State, units: list[SourceUnit], removed: list[str], wiki_name: str,
                load_unit: Callable[[str], SourceUnit | None], index_exists: bool = False,
                answers: list[Page] = ()) -> tuple[CompiledWiki, State] | None:
    """assemble's changed-set mode over this state: the pages to write for `units` (new or changed
    sources) and `removed` (source paths gone), and the state after; None when the full path is needed.

    The result's index_md is None when wiki/index.md exists and stays as it is."""
    new = State(**{k: v for k, v in vars(st).items()})
    for name in MAPS:  # changed in place by assemble_changes: copies, so `st` stays as it was
        m = getattr(st, name)
        setattr(new, name, m.copy())
    wide = Wide(st.df, st.n_docs, new.postings, new.entries, set(st.mirrored), set(st.sup_refs), set(st.overview_cites))
    index = link_index(new)
    prior = Prior(new.by_source, new.base_ids, new.source_page, new.targets, new.meta, st.links, index, wide, load_unit)
    done = assemble_changes(wiki_name, prior, units, removed, list(answers), index_exists)
    if done is None:
        return None
    p = done.prior
    new.links, new.index = p.links, (p.index if p.index is not index else None)
    new.df, new.n_docs, new.overview_cites = p.wide.df, p.wide.n_docs, sorted(p.wide.overview_cites)
    return done.compiled, new


def touched_pages(st: State, wiki_dir: Path) -> list[str]:
    """Pages whose files changed since the last save (one scandir pass, no file read)."""
    by_path = {meta[2]: pid for pid, meta in st.meta.items()}
    out = []

    def walk(d: str, prefix: str) -> None:
        with os.scandir(d) as it:
            for e in it:
                if e.is_dir(follow_symlinks=False):
                    walk(e.path, prefix + e.name + "/")
                elif e.name.endswith(".md") and prefix + e.name in by_path:
                    mtime = e.stat().st_mtime_ns
                    if mtime > st.written_at and st.own.get(prefix + e.name) != mtime:
                        out.append(by_path[prefix + e.name])

    if wiki_dir.is_dir():
        walk(str(wiki_dir), "")
    return sorted(out)


def maybe_edited(st: State, wiki_dir: Path, path: str) -> bool:
    """Whether wiki/`path` may have been edited since lorebook last wrote or checked it (one stat)."""
    try:
        mtime = os.stat(wiki_dir / path).st_mtime_ns
    except OSError:
        return True
    return mtime > st.written_at and st.own.get(path) != mtime


def remember_writes(st: State, root: Path, written: list[str]) -> None:
    """Note the mtime of each wiki/ file this run wrote, so later runs do not take it for a person's edit."""
    own = dict(st.own)
    for rel in written:
        if rel.startswith("wiki/"):
            try:
                own[rel[len("wiki/"):]] = os.stat(root / rel).st_mtime_ns
            except OSError:
                pass
    st.own = own
