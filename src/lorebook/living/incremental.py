"""The incremental path: recompile one changed source without re-assembling the whole wiki.

`assemble` (compile/) links every document against every other; at 10,000 sources
that takes many seconds. When an edit leaves every page's identity and its
wiki-wide footprint the same (same page ids, titles, numbers, summaries, overview
lines and links), only the changed source's own pages and its source page need
recompiling; citations elsewhere that point into it (overview, Related sections
of neighbours) are re-located by the anchoring step of the save. Anything else
(a new or deleted source, a renamed document, a new link) takes the full path.
The state this needs is kept from the previous run in .lorebook/cache/assembly/
(see `load` and `store`): its maps are sharded (living/shards.py), so a run reads
and writes only the entries of the sources and pages it touches.
"""

from __future__ import annotations

import gc
import hashlib
import marshal
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from lorebook.compile import CompiledWiki, SourceUnit, add_related, append_related_source, confidence
from lorebook.compile.links import LinkIndex, Target, find_links, index_targets, make_target, mentions_of
from lorebook.compile.overview import describe, summary_spans, index_markdown, source_page, OVERVIEW_PATH
from lorebook.compile.pages import base_id, document_page
from lorebook.living.shards import Sharded, write_atomic
from lorebook.model import Link, Page, Record, Span

DOC_REASONS = ("number", "title", "subject")
STATE_VERSION = 4
MAPS = ("by_source", "base_ids", "source_page", "targets", "meta", "sig")  # sharded; `links` is one small file


@dataclass
class State:
    """What the last compile said about every source and page. The maps are dicts after a full
    compile and Sharded maps (same interface) after `load`; try_partial copies a map it changes."""

    generation: int = -1
    by_source: dict[str, list[str]] = field(default_factory=dict)  # source path -> doc page ids, in order
    base_ids: dict[str, list[str]] = field(default_factory=dict)  # source path -> base ids of its records
    source_page: dict[str, str] = field(default_factory=dict)  # source path -> its source page id
    targets: dict[str, object] = field(default_factory=dict)  # page id -> links.Target
    links: list[Link] = field(default_factory=list)  # document-to-document links, sorted
    meta: dict[str, tuple] = field(default_factory=dict)  # page id -> (type, title, path, summary, confidence)
    sig: dict[str, tuple] = field(default_factory=dict)  # doc page id -> what the overview says about it
    version: int = STATE_VERSION
    written_at: int = 0  # time.time_ns() after the last save that checked all of wiki/: files newer may be human edits
    own: dict[str, int] = field(default_factory=dict)  # wiki/ path -> mtime_ns of lorebook's own write since then
    links_file: tuple[str, list] | None = field(default=None, repr=False, compare=False)  # (file, links as loaded)
    index_file: str | None = field(default=None, repr=False, compare=False)  # find_links' tables over `targets`
    dir: Path | None = field(default=None, repr=False, compare=False)  # where the files above are


def _sig(p: Page, r: Record) -> tuple:
    text = describe(p.type, p, r, OVERVIEW_PATH)[0] if p.type in ("decision", "incident", "runbook") else ""
    first = next((b.text for b in p.blocks if b.kind == "paragraph" and b.citations), "") if p.type == "note" else ""
    # Supersessions are mirrored across records by assemble: a page whose mirror changes needs the full path.
    sups = (tuple(r.fields.get("supersedes") or ()), tuple(r.fields.get("superseded_by") or ())) if p.type == "decision" else ()
    sig = (p.type, p.title, p.summary, p.confidence, text, first, len(summary_spans(p.type, r)), sups)
    return hashlib.blake2b(repr(sig).encode(), digest_size=16).digest()


def state_from(compiled: CompiledWiki, generation: int) -> State:
    st = State(generation=generation)
    for p in compiled.pages:
        st.meta[p.id] = (p.type, p.title, p.path, p.summary, p.confidence)
        if p.type == "source":
            st.source_page[p.fields["path"]] = p.id
    for pid, r in compiled.records.items():
        src = r.document.source.path
        st.by_source.setdefault(src, []).append(pid)
        st.base_ids.setdefault(src, []).append(base_id(r))
    pages = {p.id: p for p in compiled.pages}
    for pid, r in compiled.records.items():
        p = pages[pid]
        if p.type in ("decision", "incident", "runbook"):
            st.targets[pid] = make_target(pid, r, p.title)
        st.sig[pid] = _sig(p, r)
    st.links = sorted((l for l in compiled.links if l.reason in DOC_REASONS), key=lambda l: (l.src, l.dst))
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
        st = State(generation=head["generation"], written_at=head["written_at"], own=head["own"])
        for name in MAPS:
            setattr(st, name, Sharded(*CODECS.get(name, (None, None)), d=d, head=head["maps"][name]))
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
        if st.index_file is None or st.dir != d or not isinstance(targets, Sharded) or targets.changed() \
                or not (d / st.index_file).exists():
            st.index_file = f"index-{secrets.token_hex(6)}.marshal"
            write_atomic(d / st.index_file, marshal.dumps(index_targets(list(targets.values())).plain()))
        keep.add(st.index_file)
        for name in MAPS:
            m = getattr(st, name)
            if not isinstance(m, Sharded):
                m = Sharded.from_dict(m, *CODECS.get(name, (None, None)))
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
            "maps": maps, "links": links_name, "index": st.index_file}
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


def try_partial(st: State, units: list[SourceUnit], wiki_name: str, index_exists: bool = False,
                answers: list[Page] = ()) -> tuple[CompiledWiki, State] | None:
    """The pages to rewrite for `units` (changed sources), or None when the full path is needed.

    The result's index_md is None when wiki/index.md exists and stays as it is."""
    new_links: list[Link] = []
    pages: list[Page] = []
    records: dict[str, Record] = {}
    per_unit = []
    for u in units:
        path = u.source.path
        if path not in st.by_source and path not in st.source_page:
            return None  # a new source
        if [base_id(r) for r in u.records] != st.base_ids.get(path, []):
            return None  # documents appeared, vanished or were renamed
        ids = st.by_source.get(path, [])
        ps = []
        for pid, r in zip(ids, u.records):
            p = document_page(r, pid)
            old_t = st.targets.get(pid)
            new_t = make_target(pid, r, p.title) if p.type in ("decision", "incident", "runbook") else None
            if (old_t is None) != (new_t is None) or (new_t and vars(new_t) != vars(old_t)):
                return None  # other documents may now link here differently
            records[pid] = r
            ps.append(p)
        per_unit.append((u, ps))
        pages += ps
    changed_ids = set(records)
    if any(dst in changed_ids for a in answers for dst in a.links):
        return None  # a saved answer cites a changed page: its "Saved answers" section comes from assemble
    mentions = {pid: mentions_of(pid, r) for pid, r in records.items()}
    outgoing = find_links(None, mentions, index=link_index(st))
    old_out = {(l.src, l.dst, l.reason) for l in st.links if l.src in changed_ids}
    if {(l.src, l.dst, l.reason) for l in outgoing} != old_out:
        return None  # the link graph changed: Related sections and the overview move
    links = sorted([l for l in st.links if l.src not in changed_ids] + outgoing, key=lambda l: (l.src, l.dst))
    involved = changed_ids | {l.dst for l in links if l.src in changed_ids} | {l.src for l in links if l.dst in changed_ids}
    stubs = [_stub(st, pid) for pid in involved - changed_ids]
    add_related(pages + stubs, [l for l in links if l.src in changed_ids or l.dst in changed_ids])
    for p in pages:
        p.confidence, p.confidence_reason = confidence.for_document(p, records[p.id])
        if _sig(p, records[p.id]) != st.sig.get(p.id):
            return None  # the overview's words about this document change
    src_pages = []
    for u, ps in per_unit:
        sp = source_page(u.source, ps, [records[p.id] for p in ps], u.preamble)
        sp.id = st.source_page.get(u.source.path, sp.id)
        src_pages.append(sp)
        for p in ps:
            append_related_source(p, sp)
    out_links = outgoing + [Link(sp.id, dst, "source") for sp in src_pages for dst in sp.links]
    new = State(**{k: v for k, v in vars(st).items()})
    new.meta = st.meta.copy()
    new.links = links
    for p in pages + src_pages:
        new.meta[p.id] = (p.type, p.title, p.path, p.summary, p.confidence)
    if all(new.meta[p.id] == st.meta.get(p.id) for p in pages + src_pages) and index_exists:
        index_md = None  # no title, summary or confidence changed: index.md stays as it is
    else:
        index_md = index_markdown(wiki_name, [_stub(new, pid) for pid in new.meta] + list(answers))
    compiled = CompiledWiki(pages=pages + src_pages, links=out_links, index_md=index_md, records=records)
    return compiled, new


def _stub(st: State, pid: str) -> Page:
    t, title, path, summary, conf = st.meta[pid]
    return Page(id=pid, type=t, title=title, path=path, blocks=[], summary=summary, confidence=conf)


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
