"""Cut a parsed source into Documents and classify each.

Most files are one document. A running log such as "Engineering — Incidents &
Decisions" holds several: sections whose headings announce a document
("ADR-014: …", "Postmortem: …", "Runbook: …") become documents of their own, and
the sections between them (system notes) become `note` documents.
"""

from __future__ import annotations

import itertools
import re
from pathlib import PurePosixPath

from lorebook.model import Document, ParsedSource, Section, Span, span_union
from lorebook.sources.classify import classify, doc_title_kind, names_a_section
from lorebook.model import Source
from lorebook.sources.markdown import front_matter_line, parse, plain
from lorebook.sources.parts import key_values
from lorebook.vocab import HOW_TO, norm_label


def documents(source: Source) -> list[Document]:
    """Source -> its documents, each classified. The one entry point of this package."""
    return segment(parse(source))


def segment(parsed: ParsedSource) -> list[Document]:
    root = parsed.root
    container, candidates = _candidates(root)
    titled = [c for c in candidates if doc_title_kind(c.title) and not _labelled_line(c.title)]
    container_titled = container is not None and doc_title_kind(container.title)
    split = len(titled) >= 2 or (len(titled) == 1 and len(candidates) >= 2 and not container_titled)
    if not split:
        return [_whole(parsed, container)]
    docs: list[Document] = []
    pending: list[Section] = []

    def flush_notes():
        if pending:
            # the file's own H1 heads the sections that open it ("# Emulator hung" over "## Summary", "## Impact"
            # before "## Runbook: when it happens again"): their title, with the file's front matter
            # (a file of several titled records, "# Engineering log" over "## ADR-14 …", "## Postmortem …", is a collection:
            # its H1 names no one of them)
            opening = container is not None and len(titled) == 1 and not docs and pending[0] is candidates[0]
            docs.append(_from_sections(parsed, pending, len(docs), head=container if opening else None))
            pending.clear()

    i = 0
    while i < len(candidates):
        c = candidates[i]
        if doc_title_kind(c.title):
            flush_notes()
            nxt = candidates[i + 1] if i + 1 < len(candidates) else None
            restated = nxt is not None and _restates(c.title, nxt.title)
            if (nxt is not None and (is_id_only(c.title) or restated) and not (c.blocks or c.children)
                    and not doc_title_kind(nxt.title)):
                # "### ADR_003-00:" over "### Migration Strategy", "# ADR-0005: SSO" over "# SSO": one document
                title = plain(c.title) if restated else f"{plain(c.title).rstrip(' :.-—')}: {plain(nxt.title)}"
                docs.append(_from_sections(parsed, [c, nxt], len(docs), title=title))
                i += 2
                continue
            # "# ADR-0005: LLM Gateway" then "# Контекст", "# Решение" at its own level: its parts, not notes of their own
            parts = list(itertools.takewhile(lambda s: not doc_title_kind(s.title) and names_a_section(s.title)
                                             and not _labelled_line(s.title), candidates[i + 1:]))
            if not docs and not pending and i + 1 + len(parts) == len(candidates):
                return [_whole(parsed, container)]  # the file is that one record: its front matter and name are its own
            docs.append(_from_sections(parsed, [c], len(docs), parts=parts))
            i += 1 + len(parts)
            continue
        else:
            pending.append(c)
        i += 1
    flush_notes()
    return docs


_ID_ONLY = re.compile(r"(?i)(?:adr|rfc|decision|pm|inc|incident|post-?mortem|run\s?book|playbook)[-_ #]*\d[\w.\-]*")


def is_id_only(title: str) -> bool:
    """A heading that is only a document's identifier ("ADR_003-00:", "Incident #12"), its title in the next heading."""
    return bool(_ID_ONLY.fullmatch(plain(title).strip(" :.-—#*")))


def _restates(title: str, nxt: str) -> bool:
    """The next heading is the end of this one ("ADR-0005: SSO" then "SSO"): the title said again without its number."""
    a, b = (re.sub(r"[\W_]+", " ", plain(t)).strip().lower() for t in (title, nxt))
    return bool(b) and a != b and a.endswith(" " + b)


_SEQ_NUMBER = re.compile(r"^\s*(?:step|schritt|paso|étape|단계)?\s*(\d+)\s*[.):：-]", re.I)


def _first_of_sequence(tops: list[Section]) -> bool:
    """ "## 1. Check the pods" followed by "## 2. Restart them": the first of numbered steps, not a title."""
    m = _SEQ_NUMBER.match(plain(tops[0].title))
    if m is None:
        return False
    nxt = str(int(m.group(1)) + 1)
    return any((n := _SEQ_NUMBER.match(plain(s.title))) and n.group(1) == nxt for s in tops[1:])


def _candidates(root: Section) -> tuple[Section | None, list[Section]]:
    """The section that titles the file (a lone H1), and the sections that could be documents."""
    tops = root.children
    if len(tops) == 1:
        return tops[0], tops[0].children
    return None, tops


def _whole(parsed: ParsedSource, container: Section | None) -> Document:
    """The whole file as one document, its title from front matter, first heading or file name."""
    root = parsed.root
    fm = parsed.front_matter
    fm_title = fm["title"].strip() if isinstance(fm.get("title"), str) else ""
    title_span = None
    if container is not None and _section_not_title(container, root):
        container = None
    if container is not None:
        title, title_span = container.title, container.span
        body = Section("", 0, None, extent=root.extent, blocks=root.blocks + container.blocks, children=container.children)
    else:
        first = next((s for s in root.children if s.title), None)
        # "## Restarting the workers" opening a file with no H1 titles it as an H1 would, unless it names a section
        # ("## Summary"), prose comes before it, or the front matter already names the file ("title: …" over "## The symptom").
        h2_title = (first is not None and first.level > 1 and first is root.children[0]
                    and (not names_a_section(first.title) or _kind_and_name(first.title))
                    and not fm_title
                    and not any(b.kind == "paragraph" for b in root.blocks) and not _first_of_sequence(root.children))
        if first is not None and first.level == 1 and _section_not_title(first, root):
            # "# Purpose" over "## Context", "## Prerequisites", "## How to remove a tenant": a section, not a title
            how = next((s for s in root.walk() if s.title and HOW_TO.match(plain(s.title))), None)
            title, title_span = (how.title, how.span) if how is not None else ("", None)
            body = root
        elif first is not None and (first.level == 1 or h2_title) and first is root.children[0]:
            title, title_span = first.title, first.span
            body = Section(
                "", 0, None, extent=root.extent, blocks=root.blocks + first.blocks, children=first.children + root.children[1:]
            )
        elif _first_line_title(root):  # a plain-text note opens with its title on a line of its own
            lead = root.blocks[0]
            title, title_span = plain(lead.text).strip(), lead.span
            body = Section("", 0, None, extent=root.extent, blocks=root.blocks[1:], children=root.children)
        else:
            title = ""
            body = root
    kind_title = None
    named_by_key = _title_key(body) if title_span is not None and _GENERIC_TITLE.fullmatch(_unbadged(title)) else None
    if named_by_key is not None:  # "# 💀 Post-Mortem Report" over "- **Incidente:** Caída de Checkout en Black Friday"
        kind_title = f"{_unbadged(title)}: {named_by_key[0]}"
        title, title_span = named_by_key
    elif title_span is not None and _GENERIC_TITLE.fullmatch(plain(title).strip()) and body.children:
        named = body.children[0]  # "# Postmortem" then "# Puppet manifest broke WordPress": the second names it
        level = container.level if container is not None else root.children[0].level
        dated = _DATE_HEADING.match(plain(named.title or "")) and named.children and not named.blocks
        if dated:  # "# Postmortems" / "## 22/Mar/2022" / "### 1. Incident on the COCO nodes …": the day's one entry names it
            named, level = named.children[0], named.children[0].level
        sentence = dated and len(plain(named.title).split()) >= 6  # "1. Incident on … resulting in two offline events"
        if (named.title and named.level <= level and (sentence or not names_a_section(named.title))
                and (dated and not _GENERIC_TITLE.fullmatch(plain(named.title).strip()) or not doc_title_kind(named.title))):
            kind_title = f"{plain(title)}: {plain(named.title)}"
            title, title_span = named.title, named.span
    if fm_title:
        kind_title = None
        title = fm_title
        fm_span = parsed.front_matter_span
        title_span = front_matter_line(parsed.source, fm_span, "title") if fm_span else None
    if not title:
        title = _title_from_filename(parsed.source.name)
    extent = root.extent or Span(parsed.source.path, 1, parsed.source.line_count)
    if parsed.front_matter_span:
        extent = extent.merge(parsed.front_matter_span)
    return _make(parsed, 0, title, title_span, extent, body, parsed.front_matter, parsed.front_matter_span,
                 kind_title=kind_title)


def _unbadged(title: str) -> str:
    """A title without the emoji or symbols before it: "💀 Post-Mortem Report" -> "Post-Mortem Report"."""
    return re.sub(r"^[^\w]+", "", plain(title)).strip()


# The key under which a write-up's header names what it is about: "Incidente: Caída de Checkout", "Title: …".
_TITLE_KEYS = {"incident", "incidente", "incidência", "vorfall", "title", "título", "titulo", "titre", "titel", "name", "nombre",
               "nom", "件名", "タイトル", "제목", "标题", "название", "subject", "asunto", "objet", "betreff"}


def _title_key(body: Section) -> tuple[str, Span] | None:
    """The name a generic title's header gives the write-up, on a "Key: value" line among its first blocks."""
    blocks = [b for sec in body.walk() for b in sec.blocks][:15]
    for blk in (x for b in blocks for x in b.walk()):
        if blk.kind in ("item", "paragraph") and blk.label_shape in ("key", "bold") and blk.label:
            if norm_label(blk.label) in _TITLE_KEYS:
                value = plain(re.split(r"[:：]", blk.text.split("\n")[0], maxsplit=1)[-1]).strip(" *_")
                if 2 <= len(value) <= 120 and not re.fullmatch(r"[\d\s./:-]+", value):
                    return value, Span(blk.span.source, blk.span.start, blk.span.start)
    return None


def _kind_and_name(title: str) -> bool:
    """ "Postmortem: Web Stack Outage - August 18, 2024": the kind of document, then its name."""
    label, sep, value = plain(title).partition(":")
    return bool(sep and value.strip()) and _GENERIC_TITLE.fullmatch(label.strip()) is not None


def _labelled_line(title: str) -> bool:
    """A heading written as a labelled sentence ("# Root Cause: The issue stemmed from an expired certificate …",
    "# Outage Duration: August 18, 2024, 01:00 AM - 03:30 AM"): a part of one write-up, not the title of another."""
    label, sep, value = plain(title).partition(":")
    return bool(sep) and len(value.split()) >= 4 and names_a_section(label)


def _section_not_title(first: Section, root: Section) -> bool:
    """A lone H1 that only names a part ("# Purpose", "# Overview") over the note's other parts."""
    return (first is root.children[0] and plain(first.title).strip(" :.#*").lower() in _PART_NAMES
            and len([c for c in first.children if c.title]) >= 2)


_PART_NAMES = {"purpose", "overview", "summary", "introduction", "intro", "context", "background", "description",
               "about", "scope", "goal", "goals", "objective", "objectives"}


def _first_line_title(root: Section) -> bool:
    """A file with no headings whose first paragraph is one short line, not a sentence, with more below it."""
    if root.children or len(root.blocks) < 2:
        return False
    lead = root.blocks[0]
    text = plain(lead.text).strip() if lead.kind == "paragraph" else ""
    return (bool(text) and "\n" not in lead.text.strip() and len(text.split()) <= 14 and not lead.label_shape
            and not re.search(r"[.,;:!?。]$", text))


# A heading that is only a day: "22/Mar/2022", "2022-03-22", "March 22, 2022", "22. März 2022".
_DATE_HEADING = re.compile(r"^\W*(?:\d{1,4}[./-](?:\d{1,2}|[^\W\d_]{3,9})[./-]\d{2,4}|[^\W\d_]{3,9}\.? \d{1,2},? \d{4}"
                           r"|\d{1,2}\.? [^\W\d_]{3,9}\.? \d{4})\W*$")


# A title that only names the kind of document, perhaps after a course or ticket number: "0x19. Postmortem".
_GENERIC_TITLE = re.compile(
    r"(?i)(?:[0-9a-z]{1,6}[.:)\-]\s*)?(?:my\s+(?:first\s+)?)?"
    r"(?:(?:technical|final|internal|blameless)\s+)?"
    r"(?:post[-\s]?mortem(?:\s+report)?|incident(?:\s+report)?|outage\s+report|run\s?book|playbook|(?:architecture\s+)?decision\s+record|adr)s?"
)


def _from_sections(parsed: ParsedSource, sections: list[Section], index: int, title: str = "",
                   head: Section | None = None, parts: list[Section] = ()) -> Document:
    first = sections[0]
    if head is not None:
        body = Section("", 0, None, extent=span_union([head.span] + [s.extent for s in sections]), blocks=head.blocks,
                       children=list(sections))
        extent = body.extent.merge(parsed.front_matter_span) if parsed.front_matter_span else body.extent
        return _make(parsed, index, head.title, head.span, extent, body, parsed.front_matter, parsed.front_matter_span)
    if len(sections) == 1:
        extent = span_union([first.extent] + [p.extent for p in parts])
        body = Section("", 0, None, extent=extent, blocks=first.blocks, children=first.children + list(parts))
        title = title or first.title
        return _make(parsed, index, title, first.span, extent, body, {}, None, filename="")
    elif title:  # an identifier heading over its title heading: their content is the document's own
        second = sections[1]
        body = Section("", 0, None, extent=span_union([s.extent for s in sections]), blocks=first.blocks + second.blocks,
                       children=first.children + second.children + sections[2:])
    else:
        body = Section("", 0, None, extent=span_union([s.extent for s in sections]), blocks=[], children=list(sections))
        title = " · ".join(plain(s.title) for s in sections[:3])
    extent = span_union([s.extent for s in sections])
    # File-level signals (file name, front matter) describe the whole file, not one section of it.
    return _make(parsed, index, title, first.span, extent, body, {}, None, filename="")


def _make(parsed, index, title, title_span, extent, body, fm, fm_span, filename: str | None = None,
          kind_title: str | None = None) -> Document:
    doc = Document(
        source=parsed.source, index=index, kind="note", kind_strength="weak", kind_reason="",
        title=plain(title), title_span=title_span, extent=extent, front_matter=fm,
        front_matter_span=fm_span, root=body,
    )
    meta_keys = set(key_values(doc).keys())
    guess = classify(kind_title or title, body, fm, parsed.source.path if filename is None else filename, meta_keys)
    doc.kind, doc.kind_strength, doc.kind_reason = guess.kind, guess.strength, guess.reason
    return doc


def _title_from_filename(name: str) -> str:
    stem = name
    for suffix in (".markdown", ".html.md", ".md", ".qmd", ".txt"):
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    stem = stem.rsplit("__", 1)[-1]
    return stem.replace("-", " ").replace("_", " ").strip().capitalize() or PurePosixPath(name).stem
