"""The values that flow through the pipeline, one stage to the next.

raw file -> Source -> Section tree of Blocks (each with a Span) -> Document
-> Record (typed fields, each citing Spans) -> Page (blocks citing Spans) + Links.

Every stage is a plain function of the previous stage's values; nothing here
reaches back into files or the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

DOC_KINDS = ("decision", "incident", "runbook", "note")
PAGE_TYPES = ("decision", "incident", "runbook", "note", "source", "concept", "answer")


@dataclass(frozen=True, order=True, slots=True)
class Span:
    """A 1-based, inclusive line range in one raw file: the unit of provenance."""

    source: str  # path relative to the wiki root, e.g. "raw/notes.md"
    start: int
    end: int

    def merge(self, other: "Span") -> "Span":
        assert other.source == self.source
        return Span(self.source, min(self.start, other.start), max(self.end, other.end))

    def as_dict(self) -> dict:
        return {"source": self.source, "start_line": self.start, "end_line": self.end}

    def __reduce__(self):  # frozen + slots unpickles through a slow generic path; a build loads ~1M spans
        return (Span, (self.source, self.start, self.end))


def span_union(spans: list["Span"]) -> "Span | None":
    """The smallest span covering all of `spans` (all from one source)."""
    spans = [s for s in spans if s is not None]
    if not spans:
        return None
    out = spans[0]
    for s in spans[1:]:
        if s.source == out.source:
            out = out.merge(s)
    return out


@dataclass(frozen=True, slots=True)
class Source:
    """One raw file, decoded and split into lines (CRLF normalised to LF)."""

    path: str  # relative to the wiki root: "raw/…"
    text: str
    sha256: str
    line_count: int
    cut: str = ""  # set when only the start of a very large file was compiled: where and why, one line
    # Its sentence-index rows, packed (sources/sentences.py), set once by the compiler, which parses the file
    # anyway, so indexing need not parse it again; None until then. Derived from `text`, so not compared.
    sentences: bytes | None = field(default=None, compare=False, repr=False)

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]

    def lines(self, start: int, end: int) -> list[str]:
        return self.text.split("\n")[start - 1 : end]

    def remember_sentences(self, rows: bytes) -> None:
        """Keep the rows computed from this file's parse (the one write to a frozen Source, before it is shared)."""
        object.__setattr__(self, "sentences", rows)

    def __reduce__(self):
        return (Source, (self.path, self.text, self.sha256, self.line_count, self.cut, self.sentences))


@dataclass(slots=True)
class Block:
    """One structural piece of a source: paragraph, list item, code, table row, quote, html.

    `text` keeps inline Markdown as written; `children` holds what is nested in a
    list item or quote (paragraphs, code, sub-items).
    """

    kind: str  # paragraph | item | code | table | row | quote | html
    text: str
    span: Span
    ordered: bool = False  # for items: part of a numbered list
    number: int | None = None  # for ordered items: the number written
    checked: bool | None = None  # for task-list items: [x] / [ ]
    lang: str = ""  # for code: the fence's info string
    cells: list[str] = field(default_factory=list)  # for rows: the cell texts
    header: list[str] = field(default_factory=list)  # for tables/rows: the header cells
    children: list["Block"] = field(default_factory=list)
    list_id: int = 0  # items of the same list share an id
    label: str = ""  # paragraphs/items: the label the author gave it ("Root cause", "Status", "Going forward, we will")
    label_shape: str = ""  # how it was labelled: "bold" lead, "key" (Key: value line) or "leadin" (line ending in ":")
    speaker: str = ""  # chat messages (items): who wrote it; the text reads "09:02 alice: message"

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(slots=True)
class Section:
    """A heading and everything under it until the next heading of the same or higher level."""

    title: str  # inline Markdown of the heading, "" for the preamble before any heading
    level: int  # 1-6; 0 for the synthetic root
    span: Span | None  # the heading line itself
    extent: Span | None = None  # heading line through the section's last content line
    blocks: list[Block] = field(default_factory=list)
    children: list["Section"] = field(default_factory=list)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()

    def all_blocks(self):
        """Every block in this section and its subsections, in document order."""
        for b in self.blocks:
            yield from b.walk()
        for c in self.children:
            yield from c.all_blocks()


@dataclass(slots=True)
class ParsedSource:
    """A source after parsing: its front matter and its tree of sections."""

    source: Source
    front_matter: dict
    front_matter_span: Span | None
    root: Section  # level 0; children are the top-level sections
    warnings: list[str] = field(default_factory=list)  # one line each: front matter refused or kept as text


@dataclass(slots=True)
class Document:
    """One logical document cut out of a source (a source may hold several)."""

    source: Source
    index: int  # position within the source, 0-based
    kind: str  # decision | incident | runbook | note
    kind_strength: str  # "strong" | "weak": how sure the classifier was
    kind_reason: str
    title: str
    title_span: Span | None
    extent: Span
    front_matter: dict
    front_matter_span: Span | None
    root: Section  # the document's own sections (root.blocks = text before its first sub-heading)


@dataclass(slots=True)
class Record:
    """A document's typed fields; each field name maps to the spans it came from.

    For list-valued fields, `citations[name]` is aligned with the list: entry i
    came from span i. Nested lists use dotted names ("consequences.positive").
    """

    document: Document
    kind: str
    fields: dict[str, Any]
    citations: dict[str, list[Span]]
    key_missing: list[str] = field(default_factory=list)
    summary: str = ""
    # An ADR's status as written and its line, recognised or not ("Approved"): what lint's
    # adr-status-invalid judges, kept so lint need not look for it again. None: no status stated.
    stated_status: tuple[str, int] | None = None

    def cite(self, name: str) -> list[Span]:
        return self.citations.get(name, [])


@dataclass(slots=True)
class PageBlock:
    """A unit of a compiled page: a heading, paragraph, list item, table row or code block."""

    kind: str  # heading | paragraph | item | row | code | table_header
    text: str
    citations: list[Span] = field(default_factory=list)
    level: int = 0  # heading level, or list nesting depth
    stale: bool = False


@dataclass(slots=True)
class Link:
    """Page `src` names page `dst`; `span` is where it says so (None for structural links)."""

    src: str
    dst: str
    reason: str  # number | title | subject | source | overview | supersedes | answer
    span: Span | None = None
    detail: str = ""  # for subject links: the shared terms


@dataclass(slots=True)
class Page:
    id: str
    type: str
    title: str
    path: str  # relative to wiki/, e.g. "decisions/adr-014-postgres.md"
    blocks: list[PageBlock]
    fields: dict[str, Any] = field(default_factory=dict)
    field_citations: dict[str, list[Span]] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    confidence: str = "high"
    confidence_reason: str = ""
    summary: str = ""
    version: int = 1
    edited_by: str = "lorebook"
    origin: str = "compiled"
    updated: str = ""
    extra_meta: dict[str, Any] = field(default_factory=dict)


ROLES = ("reader", "editor", "admin")  # account roles, least first: each may do what the ones before it may (store/accounts.py)
