"""Helpers every extractor shares: finding sections by name, reading metadata, dates and times.

Extractors are plain functions Document -> Record. They never invent text: each
value they return is read from blocks whose spans they cite.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable

from dateutil import parser as dateparser

from lorebook import vocab
from lorebook.sources import parts
from lorebook.model import Block, Document, Record, Section, Span, span_union
from lorebook.sources.markdown import plain
# Moved to utilities (every layer needs them); still importable from here for extract/.
from lorebook.utilities import one_line, slugify  # noqa: F401


@lru_cache(maxsize=16384)  # a document's headings are matched against many label lists
def norm_heading(title: str) -> str:
    """Lower-case, plain, punctuation-free heading text for alias matching."""
    t = plain(title).replace("\u2139", " ").lower()  # "ℹ️ Meta Información": the information sign is an icon, not a letter
    t = re.sub(r"^\s*(?:\d+[.)]?|[ivx]+\.)\s+", "", t)  # "2. Context" -> "context"
    t = re.sub(r"[^\w\s'-]", " ", t)
    return re.sub(r"\s+", " ", t).strip()


def find_section(root: Section, aliases: Iterable[str], prefix: bool = True) -> Section | None:
    """First section (depth-first, document order) whose heading matches an alias.

    With `prefix`, "root cause analysis" matches the alias "root cause".
    """
    aliases = [a.lower() for a in aliases]
    for sec in root.walk():
        if sec is root or not sec.title:
            continue
        h = norm_heading(sec.title)
        for a in aliases:
            if h == a or (prefix and (h.startswith(a + " ") or h.startswith(a + ":"))):
                return sec
    return None


def find_sections(root: Section, aliases: Iterable[str], prefix: bool = True) -> list[Section]:
    aliases = [a.lower() for a in aliases]
    out = []
    for sec in root.walk():
        if sec is root or not sec.title:
            continue
        h = norm_heading(sec.title)
        if any(h == a or (prefix and (h.startswith(a + " ") or h.startswith(a + ":"))) for a in aliases):
            out.append(sec)
    return out


def list_after(blocks: list[Block], at: int) -> list[Block]:
    """The items of the one list that begins right after `blocks[at]` (a lead-in's list: "… as follows:" over it)."""
    if at + 1 >= len(blocks) or blocks[at + 1].kind != "item":
        return []
    lid = blocks[at + 1].list_id
    return list(itertools.takewhile(lambda x: x.kind == "item" and x.list_id == lid, blocks[at + 1:]))


def section_blocks(sec: Section, deep: bool = True) -> list[Block]:
    """The top-level blocks of a section (and of its subsections when `deep`)."""
    out = list(sec.blocks)
    if deep:
        for c in sec.children:
            out.extend(section_blocks(c, True))
    return out


def section_text(sec: Section, deep: bool = True) -> tuple[str, list[Span]]:
    """Plain text of a section's prose (paragraphs, items, quotes; no code) and its spans."""
    parts: list[str] = []
    spans: list[Span] = []
    for b in section_blocks(sec, deep):
        if b.kind in ("paragraph", "item", "quote"):
            t = plain(b.text)
            if t:
                parts.append(t)
                spans.append(b.span)
    return " ".join(parts), spans


def first_paragraph(sec: Section) -> Block | None:
    for b in sec.blocks:
        if b.kind == "paragraph" and plain(b.text):
            return b
    return None


# --- metadata: "Status: Accepted", "**Date:** 2024-01-15", "* Deciders: a, b", front matter ---
# Read by the parts layer (sources/parts.py); kept here under their old names for callers.

Meta = parts.Meta
plain_keep_colon = parts.plain_keep_colon


def metadata(doc: Document, max_blocks: int = 40) -> dict[str, Meta]:
    """Key: value pairs written as lines, bullets or table rows near the top of a document, plus front matter."""
    return parts.key_values(doc, max_blocks)


# --- dates and times ---

_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})(?:\b|(?=T\d))")  # "2026-07-17T15:27Z" too
_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_WORD_DATE = re.compile(
    # a year of this century or the last: "Feb 7 1506 UTC" is a day and a clock
    rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?(?:\s+|[-/]){_MONTHS}(?:,?\s+|[-/])(?:19|20)\d{{2}}|{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{{2}})\b",
    re.I,
)
_KO_DATE = re.compile(r"(\d{4})\s*년\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일")
_CJK_DATE = re.compile(r"(\d{4})\s*年\s*[)）]?\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")  # 2021年11月25日, "（2013 年）10 月 2 日"
_MONTH_OF = {name: n for n, names in vocab.MONTH_NAMES.items() for name in names}
# "12 mars 2024", "12. März 2024", "12 de marzo de 2024", "1er avril 2024", "12 de março de 2024"
_EU_WORD_DATE = re.compile(
    r"\b(\d{1,2})(?:\.|er|º|°)?(?:\s+(?:de\s+)?|[-/])(" + "|".join(sorted(_MONTH_OF, key=len, reverse=True))
    + r")\.?(?:,?\s+(?:de\s+)?|[-/])(\d{4})\b",  # and "22/Mar/2022", "22-Mar-2022", as logs write them
    re.I,
)
# "Enero 14, 2026", "Março 3, 2025": a month named first in another language, as English writes it
_EU_MONTH_FIRST = re.compile(
    r"\b(" + "|".join(sorted(_MONTH_OF, key=len, reverse=True)) + r")\.?\s+(\d{1,2})(?:º|°)?,?\s+(?:de\s+)?(\d{4})\b", re.I)
# 12.03.2024 (German, day first) and 25/11/2021 where the first number cannot be a month; 03/04/2024 says nothing for sure.
_DOTTED_DATE = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
_DAY_FIRST_DATE = re.compile(r"\b(1[3-9]|2\d|3[01])/(\d{1,2})/(\d{4})\b")
# "09/25/2020": month first, read only when the day is past 12; "03/04/2020" could be either and is left alone.
_ENGLISH_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def english_month(name: str) -> int:
    """The number of an English month named in full or short ("Feb", "SEPT", "December")."""
    return _ENGLISH_MONTHS.index(name.lower()[:3]) + 1
# "2025-Feb-07", "2025-DEC-5", "2025 Feb 07": year first, the month in words
_YEAR_FIRST_WORD_DATE = re.compile(rf"\b((?:19|20)\d{{2}})[-/ ]({_MONTHS})\.?[-/ ](\d{{1,2}})\b", re.I)
_MONTH_FIRST_DATE = re.compile(r"\b(0?[1-9]|1[0-2])/(1[3-9]|2\d|3[01])/(\d{4})\b")
_SLASH_DATE = re.compile(r"\b(\d{4})/(\d{1,2})/(\d{1,2})\b")


# "January 14-19, 2026" and "14–19 January 2026": a span of days, dated by its first day.
_DAY_RANGE = (re.compile(rf"\b({_MONTHS}\s+\d{{1,2}})\s*[-–]\s*\d{{1,2}}(,?\s+\d{{4}})\b", re.I),
              re.compile(rf"\b(\d{{1,2}})\s*[-–]\s*\d{{1,2}}(\s+{_MONTHS},?\s+\d{{4}})\b", re.I),
              re.compile(r"\b(\d{1,2})\.?\s*[-–]\s*\d{1,2}(\.?\s+(?:de\s+)?(?:" + "|".join(sorted(_MONTH_OF, key=len, reverse=True))
                         + r")\.?,?\s+(?:de\s+)?\d{4})\b", re.I))


# Date labels of languages that write the day first (Portuguese, Italian, Polish "data", Spanish "fecha", German and
# Dutch "datum", Russian "дата"): under them "02/12/2025" is 2 December, where an English "Date:" says nothing for sure.
_DAY_FIRST_LABEL = re.compile(r"(?:data|fecha|datum|дата)\b", re.I)  # "Data do Registro", "Fecha de decisión"
_AMBIGUOUS_DATE = re.compile(r"^\s*(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b")


def _day_first(value: str) -> str | None:
    m = _AMBIGUOUS_DATE.match(value)
    if not m:
        return None
    try:
        return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1))).isoformat()
    except ValueError:
        return None


def first_dated(meta: dict, keys: Iterable[str], parse=None) -> tuple[str, Span] | None:
    """The first of `keys` whose metadata value holds a date: (ISO date, the line it is on), else None."""
    parse = parse or find_date
    for key in keys:
        m = meta.get(key)
        d = parse(m.value) if m else None
        if d:
            return d, m.span
    for key, m in meta.items():  # "Data do Registro: 02/12/2025": a label in a day-first language dates it day first
        if _DAY_FIRST_LABEL.match(key) and (d := _day_first(m.value)):
            return d, m.span
    names = {vocab.norm_label(k) for k in keys}
    for key, m in meta.items():  # "インシデント発生日", "장애 발생일": the key less the word for the incident
        normed = vocab.norm_label(key)
        bare = vocab.without_subject(normed)
        if bare != normed and bare in names and (d := parse(m.value)):
            return d, m.span
    return None


def find_date(text: str) -> str | None:
    """First calendar date in `text`, as ISO YYYY-MM-DD, or None."""
    if not text:
        return None
    for rx in _DAY_RANGE:
        text = rx.sub(r"\1\2", text)
    for rx in (_ISO_DATE, _SLASH_DATE, _KO_DATE, _CJK_DATE):
        m = rx.search(text)
        if m:
            try:
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
            except ValueError:
                continue
    m = _EU_WORD_DATE.search(text)
    day_month_year = (m.group(1), _MONTH_OF[m.group(2).lower()], m.group(3)) if m else None
    m = _YEAR_FIRST_WORD_DATE.search(text) if day_month_year is None else None
    if m:
        day_month_year = (m.group(3), english_month(m.group(2)), m.group(1))
    for rx in (_DOTTED_DATE, _DAY_FIRST_DATE):
        if day_month_year is None:
            m = rx.search(text)
            day_month_year = m.groups() if m else None
    m = _MONTH_FIRST_DATE.search(text) if day_month_year is None else None
    if m:
        day_month_year = (m.group(2), m.group(1), m.group(3))
    m = _EU_MONTH_FIRST.search(text) if day_month_year is None else None
    if m:
        day_month_year = (m.group(2), _MONTH_OF[m.group(1).lower()], m.group(3))
    if day_month_year:
        try:
            return dt.date(int(day_month_year[2]), int(day_month_year[1]), int(day_month_year[0])).isoformat()
        except ValueError:
            pass
    m = _WORD_DATE.search(text)
    if m:
        try:
            return dateparser.parse(m.group(0), fuzzy=True).date().isoformat()
        except (ValueError, OverflowError):
            return None
    return None


_COMPACT_DATE = re.compile(r"(?:^|[^\d])((?:19|20)\d{2})(\d{2})(\d{2})(?:[^\d]|$)")


def date_from_filename(name: str) -> str | None:
    """A date in a file name: 2018-01-18-reddit-hug.md or log4brains' 20200925-x.md."""
    d = find_date(name)
    if d:
        return d
    m = _COMPACT_DATE.search(name)
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
        except ValueError:
            return None
    return None


def minutes_between(t1: str, t2: str) -> int | None:
    """Minutes from HH:MM t1 to HH:MM t2, wrapping past midnight."""
    try:
        h1, m1 = map(int, t1[-5:].split(":"))
        h2, m2 = map(int, t2[-5:].split(":"))
    except (ValueError, AttributeError):
        return None
    d = (h2 * 60 + m2) - (h1 * 60 + m1)
    return d if d >= 0 else d + 24 * 60


_DURATION = re.compile(
    r"(?:for|lasted|lasting|duration(?: of)?|about|approximately|around|roughly|~)?\s*"
    r"(\d+(?:\.\d+)?)\s*(?:-|\s)?\s*(minutes?|mins?|hours?|hrs?|h|분|시간)\b",
    re.I,
)


def find_duration_minutes(text: str) -> int | None:
    """A stated duration ("for about 45 minutes", "2 hours", "45분") in minutes."""
    m = _DURATION.search(text or "")
    if not m:
        return None
    n = float(m.group(1))
    unit = m.group(2).lower()
    if unit.startswith("h") or unit == "시간":
        n *= 60
    return int(round(n))


# --- building records ---


@dataclass
class RecordBuilder:
    """Collects field values and their spans while an extractor reads a document."""

    doc: Document
    kind: str
    fields: dict[str, Any] = field(default_factory=dict)
    citations: dict[str, list[Span]] = field(default_factory=dict)

    def set(self, name: str, value: Any, spans: Iterable[Span | None] = ()) -> None:
        self.fields[name] = value
        self.citations[name] = [s for s in spans if s is not None]

    def append(self, name: str, value: Any, span: Span | None) -> None:
        """Add one entry to a list field; its span is kept aligned with it."""
        self.fields.setdefault(name, []).append(value)
        self.citations.setdefault(name, []).append(span)

    def build(self, key_fields: Iterable[str], summary: str = "") -> Record:
        missing = [k for k in key_fields if is_empty(self.fields.get(k))]
        return Record(
            document=self.doc,
            kind=self.kind,
            fields=self.fields,
            citations=self.citations,
            key_missing=missing,
            summary=summary,
        )


def is_empty(v: Any) -> bool:
    if v is None:
        return True
    if isinstance(v, (str, list, dict)) and not v:
        return True
    if isinstance(v, dict) and all(is_empty(x) for x in v.values()):
        return True
    return False


def spans_of(blocks: Iterable[Block]) -> list[Span]:
    return [b.span for b in blocks]


def union(spans: Iterable[Span | None]) -> Span | None:
    return span_union([s for s in spans if s is not None])
