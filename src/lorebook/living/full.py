"""A full build in passes, holding no more than a batch of units at once (issue 15 item 3).

Pass 1 surveys each unit as a compile worker sends it, or as the unit cache gives it back
(compile/assembly.py); then pass 2 (links) and pass 3 (pages, saved batch by batch by
living/save.save_batches) read the units back from the cache, a batch at a time. Only the
Assembly's tables, about a kilobyte a page, live through the whole build: holding every unit,
page and text at once cost 63 MB per 1,000 sources (docs/performance.md).
"""

from __future__ import annotations

import gc
import itertools
import pickle
from collections import OrderedDict
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from lorebook.compile import SourceUnit, compile_surveyed, in_workers
from lorebook.compile.assembly import Assembly, survey
from lorebook.config import Wiki
from lorebook.living import incremental
from lorebook.living.cache import Cache
from lorebook.living.rendered import Rendered, prerender
from lorebook.living.save import save_batches
from lorebook.model import Link, Page, Source
from lorebook.sources.reader import SourceError, read_source
from lorebook.store import search_index
from lorebook.store.repo import Rows, page_json, span_quote

BATCH = 200  # units read back at a time (a few MB), kept at most twice over; pages are built a quarter at a time


class Units(Mapping):
    """This build's units by source path, read back from the unit cache when asked for (the last two batches
    are kept); as a Mapping, their Sources, which is what the save reads (span quotes, chunks, sentences)."""

    def __init__(self, cache: Cache, shas: dict[str, str]):
        self.cache, self.shas = cache, shas
        self.own: dict[str, bytes] = {}  # units whose cache file holds another file's unit (same content)
        self._first: dict[str, str] = {}  # sha256 -> the first path this build compiled or read it for
        self._held: OrderedDict[str, SourceUnit] = OrderedDict()
        self._lent: dict[str, Source] = {}

    def seen(self, path: str, sha: str) -> None:
        """`path`'s unit is the one the cache holds for `sha`."""
        self._first.setdefault(sha, path)

    def put(self, path: str, sha: str, pickled: bytes) -> None:
        """Store a unit compiled for `path`. Two files with the same content share a cache file: the
        unit of each is then kept here (with its path in it), not only in the cache; and a cache file that
        holds another source's unit of this build is left to it (that source, read back from the cache
        later in this pass, needs it there)."""
        other = self._first.setdefault(sha, path)
        if other != path:
            if other not in self.own:
                self.own[other] = self.cache.unit_bytes(sha)
            self.own[path] = pickled
        else:
            held = self.cache.unit(sha)
            if held is not None and held.source.path != path and held.source.path in self.shas:
                self.own[path] = pickled
                return
        self.cache.put_pickled(sha, pickled)

    def unit(self, path: str) -> SourceUnit:
        u = self._held.get(path)
        if u is None:
            data = self.own.get(path) or self.cache.unit_bytes(self.shas[path])
            u = pickle.loads(data) if data is not None else None
            if u is None or u.source.path != path:
                raise RuntimeError(f"{path}: its compiled unit went missing from .lorebook/cache during the build; "
                                   "run `lorebook build` again")
            self._held[path] = u
            while len(self._held) > 2 * BATCH:
                self._held.popitem(last=False)
        else:
            self._held.move_to_end(path)
        return u

    def hold(self, paths) -> list[SourceUnit]:
        return [self.unit(p) for p in paths]

    def lend(self, sources: dict[str, Source]) -> None:
        """Sources at hand (a batch a worker sent): asked for as Sources, these are not read from the cache."""
        self._lent = sources

    def __getitem__(self, path: str) -> Source:
        src = self._lent.get(path)
        return src if src is not None else self.unit(path).source

    def get(self, path: str, default=None):
        return self[path] if path in self.shas else default

    def __contains__(self, path) -> bool:
        return path in self.shas

    def __iter__(self):
        return iter(self.shas)

    def __len__(self) -> int:
        return len(self.shas)


class FullBuild:
    """One full build: `survey` (pass 1, compiling what is pending), then `save` (passes 2 and 3)."""

    def __init__(self, wiki: Wiki, cache: Cache, shas: dict[str, str], answers: list[Page]):
        """`shas`: every source's sha256 as the scan read it (the pending ones' too); it loses the sources
        that fail, which go to the `skipped` given to `survey`."""
        self.wiki, self.cache, self.shas = wiki, cache, shas
        self.units = Units(cache, shas)
        self.asm = Assembly(wiki.name, answers)

    def survey(self, pending: list[tuple[str, Path, object]], report, skipped: dict[str, str]) -> dict[str, str]:
        """Pass 1, in path order and in worker processes: the pending sources (raw path, file, stat) compiled,
        with pipeline._compile_pending's warnings in its order; the others read back from the cache. A source
        whose cached unit is gone is compiled here, its warnings last, as pipeline._load_all_units gives them.
        Returns those of the last kind that failed (path -> the sha256 the scan read)."""
        asm, units, cache, shas = self.asm, self.units, self.cache, self.shas
        stats = {rel: (f, st) for rel, f, st in pending}
        order = sorted(shas)
        jobs = (_job(rel, stats, shas) for rel in order)
        late_read, late, late_failed = [], [], {}
        for rel, done in zip(order, itertools.chain.from_iterable(in_workers(_pass1, jobs, 16, len(order), units))):
            read_errors = warnings = report.warnings
            if rel in stats:
                st = stats[rel][1]
            elif done is not None:  # read back from the cache
                units.seen(rel, shas[rel])
                asm.add(done[1])
                continue
            else:  # its cached unit is gone: compiled again here
                f = self.wiki.root / rel
                st, read_errors, warnings = f.stat(), late_read, late
                try:
                    done = compile_surveyed(read_source(f, rel))
                except SourceError as e:
                    done = e
                if isinstance(done, Exception):
                    late_failed[rel] = shas[rel]
            if isinstance(done, Exception):
                if isinstance(done, SourceError):
                    read_errors.append(str(done))
                else:  # a compiler bug must not lose the rest of the wiki
                    warnings.append(f"{rel}: could not be compiled ({type(done).__name__}: {done}); please report this")
                skipped[rel] = str(done)
                shas.pop(rel)
                continue
            pickled, facts = done
            warnings.extend(facts.warnings)
            shas[rel] = facts.sha256
            units.put(rel, facts.sha256, pickled)
            cache.remember(rel, st, facts.sha256)
            asm.add(facts)
        report.warnings.extend(late_read + late)
        return late_failed

    def save(self, skipped: dict[str, str], log, write_hook=None):
        """Passes 2 and 3: link, then build and save the pages a batch at a time; both in worker processes
        when there are many sources (forked once the tables they read are complete), the writing here.
        Returns (the save's report, the incremental state after it)."""
        asm, units = self.asm, self.units
        asm.close_survey()
        paths = list(asm.sources)
        quotes: dict = {}
        # a small wiki's pass 2 keeps its documents' pages for the overview: here, not in a worker
        for found, levels, q in in_workers(_link_chunk, paths, BATCH, 0 if asm.small else len(paths), (asm, units)):
            asm.take(found, levels)
            quotes.update(q)
        asm.close_links()
        # The tables live to the end of the build: the collector need not scan them at every full
        # collection while batch after batch of pages comes and goes.
        gc.freeze()
        try:
            saved = save_batches(self.wiki, lambda: _batches(asm, units, paths), _Build(asm, units, quotes), skipped,
                                 log, write_hook=write_hook)
        finally:
            gc.unfreeze()
        return saved, incremental.state_of(asm)


class _Read(NamedTuple):
    """A source to read and compile (in a worker: the main process, which read it once to hash it, does not
    read it again and send its text)."""

    file: str
    rel: str


def _job(rel: str, pending: dict, shas: dict[str, str]):
    """What pass 1 does with a source: read and compile it (_Read), or read its unit back from the cache
    ((path, sha256))."""
    if rel not in pending:
        return rel, shas[rel]
    return _Read(str(pending[rel][0]), rel)


def _pass1(units: Units, jobs: list) -> list:
    """Pass 1 of some sources (in a worker): compiled, (the unit pickled, its survey), or the error reading it
    gave; read back from the cache, (None, its survey), or None when the cache no longer holds it."""
    out = []
    for job in jobs:
        if isinstance(job, _Read):
            try:
                src = read_source(Path(job.file), job.rel)
            except SourceError as e:
                out.append(e)
                continue
            out.append(compile_surveyed(src))
        else:
            path, sha = job
            u = units.cache.unit(sha)
            out.append((None, survey(u)) if u is not None and u.source.path == path else None)
    return out


def _link_chunk(shared: tuple[Assembly, Units], paths: list[str]) -> tuple[list[Link], dict[str, str], dict]:
    """Pass 2 over some sources (Assembly.linked); with the text of the lines each link cites, read from the
    units in hand, so the save need not read those sources again."""
    asm, units = shared
    held = units.hold(paths)
    found, levels = asm.linked(held)
    sources = {u.source.path: u.source for u in held}
    quotes = {}
    for l in found:
        if l.span is not None and l.span.source in sources:
            lines = sources[l.span.source].text.split("\n")
            quotes[(l.span.source, l.span.start, l.span.end)] = "\n".join(lines[l.span.start - 1:l.span.end])
    return found, levels, quotes


def _doc_pages(shared: tuple[Assembly, Units], paths: list[str]) -> tuple[list[tuple[Page, Rendered]], dict[str, Source], Rows]:
    """Pass 3 over some sources: their document pages, each rendered as far as the page alone decides
    (`living.rendered.prerender`), the sources (whose lines the pages' new citations quote), and the pages' search
    unit rows."""
    asm, units = shared
    held = units.hold(paths)
    pages = [p for u in held for p in asm.pages(u)]
    sources = {u.source.path: u.source for u in held}
    return ([(p, prerender(p)) for p in pages], sources,
            Rows(units={p.id: search_index.page_unit_rows(p) for p in pages}, pages={p.id: page_json(p) for p in pages},
                 quotes=_quotes(pages, sources)))


def _quotes(pages: list[Page], sources: dict[str, Source]) -> dict:
    """The span rows' quotes (repo.span_quote) of the pages' citations into `sources`."""
    out, lines = {}, {}
    for p in pages:
        for b in p.blocks:
            for sp in b.citations:
                key = (sp.source, sp.start, sp.end)
                if key not in out and sp.source in sources:
                    if sp.source not in lines:
                        lines[sp.source] = sources[sp.source].text.split("\n")
                    out[key] = span_quote(lines[sp.source], sp.start, sp.end)
    return out


def _source_pages(shared: tuple[Assembly, Units], paths: list[str]) -> tuple[list[tuple[Page, Rendered]], dict[str, Source], Rows]:
    """The source pages of some sources, prerendered, the sources (their chunks and sentences are
    written with them), and each source's chunk rows under its page."""
    asm, units = shared
    pages = [asm.source_page(p) for p in paths]
    sources = {p: units.unit(p).source for p in paths}
    chunked = {path: ((p.id, p.title), search_index.chunk_rows(sources[path], p.id, p.title))
               for p in pages for path in p.sources if path in sources}
    return [(p, prerender(p)) for p in pages], sources, Rows(units={p.id: search_index.page_unit_rows(p) for p in pages},
                                                             chunked=chunked, pages={p.id: page_json(p) for p in pages},
                                                             quotes=_quotes(pages, sources))


def _batches(asm: Assembly, units: Units, paths: list[str]):
    """(pages, their sources' paths for source pages, their bodies, their Rows) in the order the save writes them: the
    overview, the document pages, then the source pages with their sources (whose chunks and sentences are
    written with them), BATCH sources at a time. Workers build them a quarter of that at a time, so that few
    wait, built; writing larger batches makes fewer, larger full-text index segments to merge. The sources
    of a batch are lent to `units` while it is written."""
    yield [asm.overview], None, None, None
    n = max(1, BATCH // 4)
    for build, with_paths in ((_doc_pages, False), (_source_pages, True)):
        pages, bodies, sources, rows = [], {}, {}, Rows()
        for done, srcs, more in in_workers(build, paths, n, len(paths), (asm, units)):
            pages += [p for p, _body in done]
            bodies.update((p.id, body) for p, body in done)
            sources.update(srcs)
            rows.units.update(more.units)
            rows.chunked.update(more.chunked)
            rows.pages.update(more.pages)
            rows.quotes.update(more.quotes)
            if len(sources) >= BATCH:
                units.lend(sources)
                yield pages, list(sources) if with_paths else None, bodies, rows
                pages, bodies, sources, rows = [], {}, {}, Rows()
        if sources:
            units.lend(sources)
            yield pages, list(sources) if with_paths else None, bodies, rows
    units.lend({})


class _Build:
    """living/save.BatchedBuild over an Assembly and this build's units."""

    def __init__(self, asm: Assembly, units: Units, quotes: dict):
        self.asm, self.read, self.quotes = asm, units, quotes
        self.sources = {path: (sf.sha256, sf.line_count, sf.size) for path, sf in asm.sources.items()}
        self.index_md = asm.index_md

    def page_ids(self) -> list[str]:
        return self.asm.page_ids()

    def paths(self) -> set[str]:
        return self.asm.paths()

    def links(self) -> list[Link]:
        return list(self.asm.all_links())

    def source_of(self, pid: str) -> str | None:
        return self.asm.source_of(pid)
