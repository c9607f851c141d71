"""The incremental path: recompile one changed source without re-assembling the whole wiki.

`assemble` (compile/) links every document against every other; at 10,000 sources
that takes many seconds. When an edit leaves every page's identity and its
wiki-wide footprint the same (same page ids, titles, numbers, summaries, overview
lines and links), only the changed source's own pages and its source page need
recompiling; citations elsewhere that point into it (overview, Related sections
of neighbours) are re-located by the anchoring step of the save. Anything else
(a new or deleted source, a renamed document, a new link) takes the full path.
The state this needs is kept from the previous run in .lorebook/cache/assembly.pkl.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path

from lorebook.compile import CompiledWiki, SourceUnit, _add_related, _append_related_source, confidence
from lorebook.compile.links import find_links, make_target, mentions_of
from lorebook.compile.overview import _describe, _summary_spans, index_markdown, source_page, OVERVIEW_PATH
from lorebook.compile.pages import base_id, document_page
from lorebook.model import Link, Page, Record

DOC_REASONS = ("number", "title", "subject")
STATE_VERSION = 2


@dataclass
class State:
    generation: int = -1
    by_source: dict[str, list[str]] = field(default_factory=dict)  # source path -> doc page ids, in order
    base_ids: dict[str, list[str]] = field(default_factory=dict)  # source path -> base ids of its records
    source_page: dict[str, str] = field(default_factory=dict)  # source path -> its source page id
    targets: dict[str, object] = field(default_factory=dict)  # page id -> links.Target
    links: list[Link] = field(default_factory=list)  # document-to-document links, sorted
    meta: dict[str, tuple] = field(default_factory=dict)  # page id -> (type, title, path, summary, confidence)
    sig: dict[str, tuple] = field(default_factory=dict)  # doc page id -> what the overview says about it
    version: int = STATE_VERSION
    written_at: int = 0  # time.time_ns() after the last save: wiki files newer than this may be human edits


def _sig(p: Page, r: Record) -> tuple:
    text = _describe(p.type, p, r, OVERVIEW_PATH)[0] if p.type in ("decision", "incident", "runbook") else ""
    first = next((b.text for b in p.blocks if b.kind == "paragraph" and b.citations), "") if p.type == "note" else ""
    sig = (p.type, p.title, p.summary, p.confidence, text, first, len(_summary_spans(p.type, r)))
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


def load(state_dir: Path) -> State | None:
    try:
        st = pickle.loads((state_dir / "cache" / "assembly.pkl").read_bytes())
        return st if getattr(st, "version", None) == STATE_VERSION else None
    except Exception:
        return None


def store(state_dir: Path, st: State) -> None:
    path = state_dir / "cache" / "assembly.pkl"
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".assembly.{os.getpid()}.tmp")
    tmp.write_bytes(pickle.dumps(st, protocol=pickle.HIGHEST_PROTOCOL))
    os.replace(tmp, path)


def try_partial(st: State, units: list[SourceUnit], wiki_name: str, current_index: str | None = None,
                answers: list[Page] = ()) -> tuple[CompiledWiki, State] | None:
    """The pages to rewrite for `units` (changed sources), or None when the full path is needed."""
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
    targets = list(st.targets.values())
    mentions = {pid: mentions_of(pid, r) for pid, r in records.items()}
    outgoing = find_links(targets, mentions)
    old_out = {(l.src, l.dst, l.reason) for l in st.links if l.src in changed_ids}
    if {(l.src, l.dst, l.reason) for l in outgoing} != old_out:
        return None  # the link graph changed: Related sections and the overview move
    links = sorted([l for l in st.links if l.src not in changed_ids] + outgoing, key=lambda l: (l.src, l.dst))
    involved = changed_ids | {l.dst for l in links if l.src in changed_ids} | {l.src for l in links if l.dst in changed_ids}
    stubs = [_stub(st, pid) for pid in involved - changed_ids]
    _add_related(pages + stubs, [l for l in links if l.src in changed_ids or l.dst in changed_ids])
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
            _append_related_source(p, sp)
    out_links = outgoing + [Link(sp.id, dst, "source") for sp in src_pages for dst in sp.links]
    new = State(**{k: v for k, v in vars(st).items()})
    new.meta = dict(st.meta)
    new.links = links
    for p in pages + src_pages:
        new.meta[p.id] = (p.type, p.title, p.path, p.summary, p.confidence)
    if all(new.meta[p.id] == st.meta.get(p.id) for p in pages + src_pages) and current_index is not None:
        index_md = current_index  # no title, summary or confidence changed: index.md stays as it is
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
                    if e.stat().st_mtime_ns > st.written_at:
                        out.append(by_path[prefix + e.name])

    if wiki_dir.is_dir():
        walk(str(wiki_dir), "")
    return sorted(out)
