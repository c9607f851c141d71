"""The wiki-wide step in passes over the units, with only compact tables kept between them.

A full assemble needs every document at once only for a few facts: page ids, the link targets
and term statistics, each document's overview entry, its confidence and its links. So it runs in
passes, each of which needs one unit at a time: `survey` a unit's facts (pass 1, `Assembly.add`;
a compile worker can do it), link documents against the whole wiki's tables (pass 2,
`Assembly.link`), then build each document's page (pass 3, `Assembly.pages`), the source pages,
the overview and index.md. A full build streams the units through the passes from the unit cache,
holding a batch at a time (pipeline.py); `compile.assemble` runs the same passes over units in
memory, so both give the same wiki.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import NamedTuple

from lorebook.compile import add_related, append_related_source, append_saved_answers, confidence
from lorebook.compile.links import Target, doc_terms, find_links, index_targets, make_target, mentions_of, numbers_named
from lorebook.compile.overview import (OVERVIEW_FULL_LIMIT, index_markdown, overview_entry, overview_page, source_page,
                                       source_page_id, summary_overview)
from lorebook.compile.pages import base_id, display_title, document_page, page_path
from lorebook.compile.reciprocal import Claims, claims_of, mirror_plan, stated_refs, with_mirrored
from lorebook.compile.wide import Wide, counts_of, number_key
from lorebook.model import Link, Page, Record, Source, Span
from lorebook.utilities import unique_id

TYPED = ("decision", "incident", "runbook", "note")  # what the overview counts as documents


class PageLine:
    """A page as the overview, index.md and Related sections read it (id, type, title, path, summary,
    confidence, its sources; a source page's path and line count): a Page costs 25 us to make, and a
    build keeps one line per page of the wiki."""

    __slots__ = ("id", "type", "title", "path", "summary", "confidence", "sources", "fields")

    def __init__(self, pid: str, meta: tuple, sources=(), source_entry: tuple | None = None):
        self.id = pid
        self.type, self.title, self.path, self.summary, self.confidence = meta
        self.sources = list(sources)
        self.fields = {"path": source_entry[1], "lines": source_entry[2]} if source_entry else {}

    def meta(self) -> tuple:
        return self.type, self.title, self.path, self.summary, self.confidence


class DocFacts(NamedTuple):
    """What pass 1 reads off one document."""

    base: str  # pages.base_id
    kind: str
    title: str
    summary: str
    entry: tuple  # overview.overview_entry
    extent: Span
    target: Target | None  # links.make_target (decisions, incidents, runbooks), its page id not yet known
    terms: frozenset  # every term the document uses
    numbers: frozenset  # the ADR numbers it names
    claims: Claims | None  # decisions: what the supersession mirroring needs
    refs: frozenset  # decisions: the names its own supersessions use
    confidence: str  # the page's level, unless a mirrored supersession changes its blocks (pass 2 sees to that)


class UnitFacts(NamedTuple):
    """What pass 1 reads off one unit: its source (no text) and its documents."""

    path: str
    sha256: str
    line_count: int
    size: int  # bytes of the text
    cut: str
    preamble: tuple[str, Span] | None
    docs: list[DocFacts]
    warnings: list[str]  # the unit's


def survey(unit) -> UnitFacts:
    """Pass 1 of one SourceUnit, in plain values (a compile worker sends them with the unit)."""
    src = unit.source
    docs = []
    for r in unit.records:
        title = display_title(r)
        stub = Page(id="", type=r.kind, title=title, path="", blocks=[], sources=[src.path])
        ms = mentions_of("", r)
        decision = r.kind == "decision"
        docs.append(DocFacts(base_id(r), r.kind, title, r.summary, overview_entry(stub, r), r.document.extent,
                             make_target("", r, title) if r.kind in ("decision", "incident", "runbook") else None,
                             doc_terms(ms), frozenset(numbers_named(ms)), claims_of(r) if decision else None,
                             frozenset(stated_refs(r)) if decision else frozenset(),
                             confidence.for_document(document_page(r, ""), r)[0]))
    return UnitFacts(src.path, src.sha256, src.line_count, len(src.text.encode()), src.cut, unit.preamble, docs,
                     list(unit.warnings))


class SourceFacts(NamedTuple):
    """What the later passes keep of a source: what its source page and its sources row say."""

    path: str
    sha256: str
    line_count: int
    size: int
    cut: str
    preamble: tuple[str, Span] | None
    extents: list[Span]  # of its documents, in order
    bases: list[str]  # base ids of its documents

    def header(self) -> Source:
        """The source without its text (all a source page reads)."""
        return Source(self.path, "", self.sha256, self.line_count, self.cut)


class Assembly:
    """The wiki-wide tables of one assemble, filled pass by pass (see the module docstring).

    Units must come to `add` in path order, and to `link` and `pages` in the same order."""

    def __init__(self, name: str, answers: Iterable[Page] = ()):
        self.name = name
        self.answers = list(answers)
        self.used: set[str] = {"overview"}
        self.sources: dict[str, SourceFacts] = {}
        self.by_source: dict[str, list[str]] = {}  # path -> its document page ids
        self.lines: dict[str, PageLine] = {}  # page id -> line; documents in order, then source pages
        self.doc_ids: list[str] = []
        self.targets: list[Target] = []
        self.postings: dict[str, list[str]] = defaultdict(list)
        self.entries: dict[str, tuple] = {}
        self.sup_refs: set[str] = set()
        self._claims: list[tuple[str, Claims]] = []
        self.source_ids: dict[str, str] = {}  # path -> source page id
        self.extra: dict[str, dict] = {}  # page id -> supersession entries mirrored onto it
        self.wide: Wide | None = None
        self.index = None
        self.links: list[Link] = []  # document-to-document, sorted by (src, dst)
        self._found: list[Link] = []
        self._out: dict[str, list[Link]] = {}
        self._in: dict[str, list[Link]] = {}
        self._small: dict[str, tuple[Page, Record]] | None = None  # a small wiki's documents, for its overview
        self.overview: Page | None = None
        self.index_md = ""
        self.answer_links: list[Link] = []
        self._cited_by: dict[str, list[Page]] = {}

    # --- pass 1 ---

    def add(self, facts: UnitFacts) -> None:
        """Pass 1: give the unit's documents their ids and count what they name."""
        ids = []
        for d in facts.docs:
            pid = unique_id(d.base, self.used)
            ids.append(pid)
            self.doc_ids.append(pid)
            # The Related, Source and Saved answers sections pass 3 adds are always cited: the level stays.
            self.lines[pid] = PageLine(pid, (d.kind, d.title, page_path(d.kind, pid), d.summary, d.confidence),
                                       [facts.path])
            if d.target is not None:
                self.targets.append(replace(d.target, page_id=pid))
            for t in d.terms:
                self.postings[t].append(pid)
            for n in d.numbers:
                self.postings[number_key(n)].append(pid)
            self.entries[pid] = d.entry
            if d.claims is not None:
                self._claims.append((pid, d.claims))
                self.sup_refs |= d.refs
        if ids:
            self.by_source[facts.path] = ids
        self.sources[facts.path] = SourceFacts(facts.path, facts.sha256, facts.line_count, facts.size, facts.cut,
                                               facts.preamble, [d.extent for d in facts.docs], [d.base for d in facts.docs])

    def close_survey(self) -> None:
        """After pass 1: source page ids, the link index, the term counts and the mirrored supersessions."""
        for path, sf in self.sources.items():
            sid = source_page_id(path)
            sid = unique_id(sid, self.used) if sid in self.used else (self.used.add(sid) or sid)
            self.source_ids[path] = sid
            sp = self._source_page(sf)
            self.lines[sid] = PageLine(sid, (sp.type, sp.title, sp.path, sp.summary, sp.confidence), sp.sources,
                                       ("source", path, sf.line_count))
        plan = mirror_plan([c for _pid, c in self._claims])
        self.extra = {self._claims[i][0]: add for i, add in plan.items()}
        self._claims = []
        self.index = index_targets(self.targets)
        n_docs = len(self.doc_ids)
        self.wide = Wide(counts_of(self.postings), n_docs, self.postings, self.entries, set(self.extra), self.sup_refs)
        for path, sid in self.source_ids.items():
            self.entries[sid] = ("source", path, self.sources[path].line_count)
        if sum(1 for pid in self.doc_ids if self.lines[pid].type in TYPED) <= OVERVIEW_FULL_LIMIT:
            self._small = {}

    def documents(self, unit) -> list[tuple[str, Record]]:
        """The unit's (page id, record), supersessions mirrored (after pass 1)."""
        ids = self.by_source.get(unit.source.path, [])
        return [(pid, with_mirrored(r, self.extra[pid]) if pid in self.extra else r) for pid, r in zip(ids, unit.records)]

    # --- pass 2 ---

    @property
    def small(self) -> bool:
        """Whether the overview describes every document (then pass 2 keeps their pages and records)."""
        return self._small is not None

    def link(self, units: Iterable) -> list[Link]:
        """Pass 2 over some units: their documents' links (returned too), and the confidence of those whose
        records got a mirrored supersession (survey read the others')."""
        found, levels = self.linked(units)
        self.take(found, levels)
        return found

    def linked(self, units: Iterable) -> tuple[list[Link], dict[str, str]]:
        """`link` without keeping its result, which a worker process hands to `take` in the main one
        (of a small wiki only here: the documents' pages are kept for the overview)."""
        mentions, levels = {}, {}
        for u in units:
            for pid, r in self.documents(u):
                mentions[pid] = mentions_of(pid, r)
                if pid in self.extra or self._small is not None:
                    page = document_page(r, pid)
                    levels[pid] = confidence.for_document(page, r)[0]
                    if self._small is not None:
                        self._small[pid] = (page, r)
        return find_links(None, mentions, index=self.index, df=self.wide.df, n_docs=self.wide.n_docs), levels

    def take(self, found: list[Link], levels: dict[str, str]) -> None:
        self._found += found
        for pid, level in levels.items():
            self.lines[pid].confidence = level

    def close_links(self) -> None:
        """After pass 2: every link, the overview, index.md and the saved answers' links."""
        self.links = sorted(self._found, key=lambda l: (l.src, l.dst))
        self._found = []
        for l in self.links:
            self._out.setdefault(l.src, []).append(l)
            self._in.setdefault(l.dst, []).append(l)
        docs = [self.lines[pid] for pid in self.doc_ids]
        if self._small is not None:
            pages = []
            for pid in self.doc_ids:
                page, _r = self._small[pid]
                page.confidence = self.lines[pid].confidence
                pages.append(page)
            records = {pid: r for pid, (_p, r) in self._small.items()}
            ov = overview_page(self.name, pages, records, list(self.source_pages()), self.links, self.entries,
                               self.wide.overview_cites)
            self._small = None
        else:
            srcs = [self.lines[sid] for sid in self.source_ids.values()]
            ov = summary_overview(self.name, docs, self.entries, srcs, self.links, self.wide.overview_cites)
        ov.confidence, ov.confidence_reason = confidence.for_overview(docs)
        self.overview = ov
        self.lines = {ov.id: PageLine(ov.id, (ov.type, ov.title, ov.path, ov.summary, ov.confidence), ov.sources),
                      **self.lines}
        doc_set = set(self.doc_ids)
        for a in self.answers:
            for dst in a.links:
                if dst in doc_set:
                    self._cited_by.setdefault(dst, []).append(a)
                    self.answer_links.append(Link(a.id, dst, "answer"))
        self.index_md = index_markdown(self.name, list(self.lines.values()) + self.answers)

    def all_links(self) -> Iterator[Link]:
        """Every link of the wiki, in the order the links table gets them."""
        yield from self.links
        for path, sid in self.source_ids.items():
            for dst in self.by_source.get(path, []):
                yield Link(sid, dst, "source")
        for dst in self.overview.links:
            yield Link(self.overview.id, dst, "overview")
        yield from self.answer_links

    # --- pass 3 ---

    def pages(self, unit) -> list[Page]:
        """Pass 3: the unit's document pages, complete (after `close_links`)."""
        out = []
        src = self.sources[unit.source.path]
        sid = self.source_ids[src.path]
        sp = self.lines[sid]
        for pid, r in self.documents(unit):
            p = document_page(r, pid)
            touching = self._out.get(pid, []) + self._in.get(pid, [])
            touching.sort(key=lambda l: (l.src, l.dst))
            add_related([p], touching, self.lines)
            p.confidence, p.confidence_reason = confidence.for_document(p, r)
            append_related_source(p, sp)
            if pid in self._cited_by:
                append_saved_answers(p, r.document.title_span or r.document.extent, self._cited_by[pid])
            out.append(p)
        return out

    def source_pages(self) -> Iterator[Page]:
        """Every source page, in path order (after `close_survey`)."""
        for sf in self.sources.values():
            yield self._source_page(sf)

    def source_page(self, path: str) -> Page:
        return self._source_page(self.sources[path])

    # --- what a save of the whole wiki asks (living/save.save_batches) ---

    def page_ids(self) -> list[str]:
        """Every page's id, in the order pages are written: the overview, documents, source pages."""
        return list(self.lines)

    def paths(self) -> set[str]:
        return {line.path for line in self.lines.values()}

    def source_of(self, pid: str) -> str | None:
        """The source of a document page (None for other pages)."""
        line = self.lines.get(pid)
        return line.sources[0] if line is not None and line.type in TYPED else None

    def _source_page(self, sf: SourceFacts) -> Page:
        ids = self.by_source.get(sf.path, [])
        sp = source_page(sf.header(), [self.lines[pid] for pid in ids], sf.extents, sf.preamble)
        sid = self.source_ids.get(sf.path)
        if sid is not None and sid != sp.id:
            sp.id, sp.path = sid, page_path("source", sid)
        return sp
