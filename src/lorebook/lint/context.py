"""Every document of raw/ as it is now, compiled afresh: for commands that edit sources (authoring).

Lint itself works from stored digests (lint/state.py) and reads a source again only when it changed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from lorebook.config import Wiki
from lorebook.compile import compile_source
from lorebook.compile.pages import base_id
from lorebook.model import Record, Source, Span
from lorebook.sources.raw import raw_files
from lorebook.sources.reader import SourceError, read_source
from lorebook.utilities import unique_id


@dataclass
class DocRecord:
    """A document of the wiki with the page id it compiles to."""

    page: str
    record: Record

    @property
    def title(self) -> str:
        return self.record.document.title

    @property
    def kind(self) -> str:
        return self.record.kind

    @property
    def fields(self) -> dict:
        return self.record.fields

    @property
    def source(self) -> str:
        return self.record.document.source.path

    @property
    def title_line(self) -> int:
        d = self.record.document
        return (d.title_span or d.extent).start

    def line_of(self, name: str, index: int = 0) -> int:
        """Line of field `name` (entry `index` of a list field), else the title line."""
        spans = self.record.cite(name)
        if spans and index < len(spans) and spans[index] is not None:
            return spans[index].start
        return self.title_line

    def span_of(self, name: str, index: int = 0) -> Span | None:
        spans = self.record.cite(name)
        return spans[index] if spans and index < len(spans) else None


@dataclass
class LintContext:
    wiki: Wiki
    today: dt.date
    settings: dict
    docs: list[DocRecord] = field(default_factory=list)
    sources: dict[str, Source] = field(default_factory=dict)
    unreadable: dict[str, str] = field(default_factory=dict)

    def of_kind(self, kind: str) -> list[DocRecord]:
        return [d for d in self.docs if d.kind == kind]

    def setting(self, key: str, default):
        return self.settings.get(key, default)


def doc_name(d) -> str:
    """How a finding names a document (a DocRecord, or lint.digest.LintDoc): its title, else its page id."""
    return d.title or d.page


def load_context(wiki: Wiki, today: dt.date | None = None) -> LintContext:
    """Read every raw source, cut it into documents and extract their records."""
    ctx = LintContext(wiki=wiki, today=today or dt.date.today(), settings=dict(wiki.settings.get("lint", {}) or {}))
    units = []
    for f in raw_files(wiki):
        rel = wiki.rel(f)
        try:
            src = read_source(f, rel)
            units.append(compile_source(src))
        except SourceError as e:
            ctx.unreadable[rel] = str(e)
            continue
        except Exception as e:  # a compiler bug must not stop the health check
            ctx.unreadable[rel] = f"{rel}: could not be compiled ({type(e).__name__}: {e})"
            continue
        ctx.sources[rel] = src
    used: set[str] = {"overview"}
    for u in sorted(units, key=lambda u: u.source.path):
        for r in u.records:
            ctx.docs.append(DocRecord(unique_id(base_id(r), used), r))
    return ctx
