"""Records -> Pages + Links for the whole wiki.

`compile_source` is the per-file part (parse, segment, classify, extract); it
depends on nothing but the file. `assemble` is the wiki-wide part: ids, links,
Related sections, source pages, the overview and the index.
"""

from __future__ import annotations

import os
import pickle
import time
from collections import defaultdict
from dataclasses import dataclass, field

from lorebook.compile import confidence
from lorebook.compile.links import find_links, make_target, mentions_of
from lorebook.compile.overview import index_markdown, overview_entry, overview_page, source_page
from lorebook.compile.pages import base_id, document_page, page_path
from lorebook.compile.render import page_link
from lorebook.compile.reciprocal import reciprocal_supersedes, stated_refs
from lorebook.compile.wide import Wide, counts_of, postings_of
from lorebook.extract import extract
from lorebook.model import Link, Page, PageBlock, ParsedSource, Record, Source, Span
from lorebook.sources.markdown import parse, plain
from lorebook.sources.segment import segment
from lorebook.sources.sentences import pack, sentence_rows
from lorebook.utilities import unique_id


@dataclass
class SourceUnit:
    """Everything compiled from one raw file, before it meets the rest of the wiki."""

    source: Source
    records: list[Record]
    preamble: tuple[str, Span] | None = None
    warnings: list[str] = field(default_factory=list)  # one line each, repeated whenever the unit is used


@dataclass
class CompiledWiki:
    pages: list[Page]
    links: list[Link]
    index_md: str | None  # None: leave wiki/index.md as it is (an incremental run that changes no index line)
    records: dict[str, Record] = field(default_factory=dict)
    wide: Wide | None = None  # the wiki-wide facts, for the next changed-set assemble
    removed: list[str] = field(default_factory=list)  # a changed-set assemble: pages that are gone


def compile_source(source: Source) -> SourceUnit:
    parsed = parse(source)
    source.remember_sentences(pack(sentence_rows(parsed)))
    docs = segment(parsed)
    records = [extract(d) for d in docs]
    warnings = ([source.cut] if source.cut else []) + parsed.warnings
    return SourceUnit(source=source, records=records, preamble=_preamble(parsed, docs), warnings=warnings)


# Below this many sources, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 200


def compile_many(sources: list[Source], workers: int | None = None) -> list[tuple[SourceUnit, bytes] | Exception]:
    """compile_source over many sources, on every core when there are enough of them.

    Returns, in order, (unit, the unit pickled) or the exception that source
    raised, so one bad file never costs the others. The pickle is made where the
    unit was compiled (in a worker, in parallel): the cache stores it as is, and
    the parent only has to load it.
    """
    workers = workers or os.cpu_count() or 1
    if len(sources) < PARALLEL_THRESHOLD or workers < 2:
        return [_compile_here(s) for s in sources]
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context("fork"),
                             initializer=die_with_parent, initargs=(os.getpid(),)) as pool:
        return [_unpickled(r) for r in pool.map(_compile_safely, sources, chunksize=32)]


def die_with_parent(parent_pid: int) -> None:
    """Run in each worker: end when the process that started it ends, even by SIGKILL.

    A SIGKILLed build used to leave its workers blocked for good, holding the deleted database
    open. On Linux the kernel sends the worker SIGKILL when its parent dies (PR_SET_PDEATHSIG);
    everywhere, a watchdog thread checks the parent's pid every second as a second line."""
    import ctypes
    import signal
    import sys
    import threading

    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent_pid:  # the parent died before the line above took effect
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(1.0)
            if os.getppid() != parent_pid:
                os._exit(1)

    threading.Thread(target=watch, name="lorebook-parent-watchdog", daemon=True).start()


def _compile_safely(source: Source) -> bytes | Exception:
    try:
        return pickle.dumps(compile_source(source), protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as e:  # reported by the caller as a warning naming the file
        return e


def _compile_here(source: Source) -> tuple[SourceUnit, bytes] | Exception:
    try:
        unit = compile_source(source)
        return unit, pickle.dumps(unit, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as e:
        return e


def _unpickled(r: bytes | Exception) -> tuple[SourceUnit, bytes] | Exception:
    return r if isinstance(r, Exception) else (pickle.loads(r), r)


def _preamble(parsed: ParsedSource, docs) -> tuple[str, Span] | None:
    """The intro paragraph of a multi-document file ("Running log of …"), for its source page."""
    if len(docs) < 2:
        return None
    tops = parsed.root.children
    blocks = (tops[0].blocks if len(tops) == 1 else []) or parsed.root.blocks
    first = next((b for b in blocks if b.kind == "paragraph" and plain(b.text)), None)
    return (plain(first.text), first.span) if first else None


def assemble(name: str, units: list[SourceUnit], answers: list[Page] = ()) -> CompiledWiki:
    """The wiki-wide step. `answers` are saved answer pages (kept, not recompiled): they are
    listed in the index and linked back from the pages they cite."""
    units = sorted(units, key=lambda u: u.source.path)
    used: set[str] = {"overview"}
    doc_pages: list[Page] = []
    records: dict[str, Record] = {}
    pages_by_source: dict[str, list[Page]] = defaultdict(list)
    mirrored = iter(reciprocal_supersedes([r for u in units for r in u.records]))  # both pages of a supersession
    mirrored_ids, sup_refs = set(), set()
    for u in units:
        for original in u.records:
            r = next(mirrored)
            pid = unique_id(base_id(r), used)
            page = document_page(r, pid)
            doc_pages.append(page)
            records[pid] = r
            pages_by_source[u.source.path].append(page)
            if r is not original:
                mirrored_ids.add(pid)
            if r.kind == "decision":
                sup_refs |= stated_refs(original)

    targets = [make_target(p.id, records[p.id], p.title) for p in doc_pages if p.type in ("decision", "incident", "runbook")]
    mentions = {p.id: mentions_of(p.id, records[p.id]) for p in doc_pages}
    postings = postings_of(mentions)
    wide = Wide(counts_of(postings), len(mentions), postings, {}, mirrored_ids, sup_refs)
    links = find_links(targets, mentions, df=wide.df, n_docs=wide.n_docs)
    del mentions
    add_related(doc_pages, links)

    for p in doc_pages:
        p.confidence, p.confidence_reason = confidence.for_document(p, records[p.id])

    src_pages = []
    for u in units:
        ps = pages_by_source[u.source.path]
        sp = source_page(u.source, ps, [records[p.id] for p in ps], u.preamble)
        if sp.id in used:
            sp.id = unique_id(sp.id, used)
            sp.path = page_path("source", sp.id)
        else:
            used.add(sp.id)
        src_pages.append(sp)
        for p in ps:
            append_related_source(p, sp)
    answer_links = _link_answers(answers, doc_pages, records)
    wide.entries = {p.id: overview_entry(p, records[p.id]) for p in doc_pages}
    wide.entries.update((sp.id, ("source", sp.fields["path"], sp.fields["lines"])) for sp in src_pages)
    overview = overview_page(name, doc_pages, records, src_pages, links, wide.entries, wide.overview_cites)
    overview.confidence, overview.confidence_reason = confidence.for_overview(doc_pages)
    all_links = list(links)
    for sp in src_pages:
        all_links += [Link(sp.id, dst, "source") for dst in sp.links]
    all_links += [Link(overview.id, dst, "overview") for dst in overview.links]
    all_links += answer_links
    pages = [overview] + doc_pages + src_pages
    index_md = index_markdown(name, pages + list(answers))
    return CompiledWiki(pages=pages, links=all_links, index_md=index_md, records=records, wide=wide)


def _link_answers(answers: list[Page], doc_pages: list[Page], records: dict[str, Record]) -> list[Link]:
    """Saved answers cite pages; each cited page lists the answers under 'Saved answers'."""
    by_id = {p.id: p for p in doc_pages}
    cited_by: dict[str, list[Page]] = defaultdict(list)
    links = []
    for a in answers:
        for dst in a.links:
            if dst in by_id:
                cited_by[dst].append(a)
                links.append(Link(a.id, dst, "answer"))
    for pid, ans in cited_by.items():
        page, doc = by_id[pid], records[pid].document
        anchor = doc.title_span or doc.extent
        page.blocks.append(PageBlock("heading", "Saved answers", [], 2))
        for a in sorted(ans, key=lambda a: a.title):
            page.blocks.append(PageBlock("link_item", f"{page_link(page.path, a.path, a.title)} — answered from this page", [anchor]))
    return links


def add_related(pages: list[Page], links: list[Link]) -> None:
    """A Related section on each page: the documents it names and those that name it."""
    by_id = {p.id: p for p in pages}
    out_links: dict[str, list[Link]] = defaultdict(list)
    in_links: dict[str, list[Link]] = defaultdict(list)
    for l in links:
        out_links[l.src].append(l)
        in_links[l.dst].append(l)
    how_out = {"number": "cited by number", "title": "named by title", "subject": "same subject"}
    for p in pages:
        outs, ins = out_links.get(p.id, []), in_links.get(p.id, [])
        p.links = [l.dst for l in outs]
        if not outs and not ins:
            continue
        p.blocks.append(PageBlock("heading", "Related", [], 2))
        seen = set()
        for l in outs:
            dst = by_id[l.dst]
            seen.add(dst.id)
            how = f"shares its subject ({l.detail})" if l.reason == "subject" and l.detail else how_out[l.reason]
            p.blocks.append(PageBlock("link_item", f"{page_link(p.path, dst.path, dst.title)} — {how}", [l.span]))
        for l in ins:
            if l.src in seen:
                continue
            src = by_id[l.src]
            p.blocks.append(PageBlock("link_item", f"{page_link(p.path, src.path, src.title)} — mentions this page", [l.span]))


def append_related_source(page: Page, sp: Page) -> None:
    ext = None
    for b in page.blocks:
        for s in b.citations:
            ext = s if ext is None else (ext.merge(s) if s.source == ext.source else ext)
    page.blocks.append(PageBlock("heading", "Source", [], 2))
    page.blocks.append(
        PageBlock("link_item", f"{page_link(page.path, sp.path, sp.title)}", [ext] if ext else [Span(sp.fields['path'], 1, sp.fields['lines'])])
    )
