"""Records -> Pages + Links for the whole wiki.

`compile_source` is the per-file part (parse, segment, classify, extract); it
depends on nothing but the file. `assemble` is the wiki-wide part: ids, links,
Related sections, source pages, the overview and the index.
"""

from __future__ import annotations

import itertools
import os
import pickle
import time
from collections import ChainMap, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from lorebook.compile.render import page_link
from lorebook.compile.wide import Wide
from lorebook.extract import extract
from lorebook.model import Link, Page, PageBlock, ParsedSource, Record, Source, Span
from lorebook.sources.markdown import parse, plain
from lorebook.sources.segment import segment
from lorebook.sources.sentences import pack, sentence_rows


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
    tables: object = None  # a full assemble: its compile.assembly.Assembly (the state a build keeps comes from it)
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
                             initializer=start_worker, initargs=(os.getpid(),)) as pool:
        return [_unpickled(r) for r in pool.map(_compile_safely, sources, chunksize=32)]


def compile_surveyed(source: Source) -> tuple[bytes, object] | Exception:
    """compile_source for a full build, which keeps no unit: (the unit pickled, compile.assembly.survey of it)
    for the cache and the wiki-wide passes, or the exception the source raised."""
    from lorebook.compile.assembly import survey

    try:
        unit = compile_source(source)
        return pickle.dumps(unit, protocol=pickle.HIGHEST_PROTOCOL), survey(unit)
    except Exception as e:  # reported by the caller as a warning naming the file
        return e


def in_workers(fn, items: Iterable, n: int, count: int, shared=None, workers: int | None = None) -> Iterator:
    """fn(shared, chunk) for each chunk of `n` of `items`, in order: in forked worker processes when there are
    `count` items or more to share out (PARALLEL_THRESHOLD) and more than one core, else here. Workers get
    `shared` as it was when they were forked (not copied: fork), and nothing else of this process changes
    for them; items are taken only as workers come free, and at most a few results wait to be used, so
    neither piles up."""
    chunks = _chunked(items, n)
    workers = workers or os.cpu_count() or 1
    if count < PARALLEL_THRESHOLD or workers < 2:
        for chunk in chunks:
            yield fn(shared, chunk)
        return
    import multiprocessing as mp
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context("fork"),
                             initializer=start_worker, initargs=(os.getpid(), shared)) as pool:
        pending = deque(pool.submit(_in_worker, fn, c) for c in itertools.islice(chunks, 3 * workers))
        while pending:
            done = pending.popleft().result()
            for c in itertools.islice(chunks, 1):
                pending.append(pool.submit(_in_worker, fn, c))
            yield done


_SHARED = None  # in a worker started by in_workers: what it was given to share


def _in_worker(fn, chunk):
    return fn(_SHARED, chunk)


def _chunked(items: Iterable, n: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(itertools.islice(it, n)):
        yield chunk


def start_worker(parent_pid: int, shared=None) -> None:
    """Run first in each forked worker: keep what in_workers shares, never collect what the worker
    inherited, and end with its parent.

    A worker only reads the parent's objects (a full build's tables: hundreds of MB at 50,000 sources);
    each full collection scanned them all, at a cost that grew with the wiki, and wrote to every page it
    scanned, copying it out of the memory shared with the parent. gc.freeze() leaves them out."""
    import gc

    global _SHARED
    _SHARED = shared
    gc.freeze()
    die_with_parent(parent_pid)


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
    listed in the index and linked back from the pages they cite.

    It runs compile/assembly.py's passes over units held in memory; a full build streams them."""
    from lorebook.compile.assembly import Assembly, survey

    units = sorted(units, key=lambda u: u.source.path)
    asm = Assembly(name, answers)
    for u in units:
        asm.add(survey(u))
    asm.close_survey()
    asm.link(units)
    asm.close_links()
    doc_pages = [p for u in units for p in asm.pages(u)]
    records = {pid: r for u in units for pid, r in asm.documents(u)}
    pages = [asm.overview] + doc_pages + list(asm.source_pages())
    return CompiledWiki(pages=pages, links=list(asm.all_links()), index_md=asm.index_md, records=records,
                        wide=asm.wide, tables=asm)


def add_related(pages: list[Page], links: list[Link], others: Mapping | None = None) -> None:
    """A Related section on each page: the documents it names and those that name it. The pages
    linked are looked up among `pages`, then in `others` (page id -> anything with a path and title)."""
    by_id = ChainMap({p.id: p for p in pages}, others or {})
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


def append_saved_answers(page: Page, anchor: Span, answers: list[Page]) -> None:
    """Saved answers cite pages; each cited page lists them under 'Saved answers', cited to its title line."""
    page.blocks.append(PageBlock("heading", "Saved answers", [], 2))
    for a in sorted(answers, key=lambda a: a.title):
        page.blocks.append(PageBlock("link_item", f"{page_link(page.path, a.path, a.title)} — answered from this page", [anchor]))
