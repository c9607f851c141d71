"""Contradictions: the same fact about the same subject stated differently in two places.

Subjects are incidents (by date and title) and decisions (by number and title).
Facts come from each document's fields and from notes that talk about them
("the 2026-05-12 outage lasted an hour", "ADR-014 is still proposed"). Both
places are cited.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from lorebook.lint.findings import rule
from lorebook.lint.rules_decision import title_key
from lorebook.sources.markdown import plain

_ISO = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")


@dataclass(frozen=True)
class Fact:
    subject: str
    name: str  # date | status | duration | severity | resolved at
    value: str
    page: str | None
    source: str
    line: int


def _incident_key(d) -> str:
    t = plain(d.title or "").lower()
    t = re.sub(r"^(post-?mortem|incident( report)?|outage|장애 보고서)\s*[:\-–—]\s*", "", t)
    t = re.sub(r"\W+", " ", _ISO.sub("", t)).strip()
    return f"incident {d.fields.get('date')} {t}"


def _document_facts(ctx):
    for d in ctx.of_kind("incident"):
        if not d.fields.get("date"):
            continue
        key = _incident_key(d)
        for name, field, fmt in (("duration", "duration_minutes", lambda v: f"{v} minutes"),
                                 ("severity", "severity", lambda v: str(v).upper().replace(" ", "")),
                                 ("resolved at", "resolved_at", str)):
            v = d.fields.get(field)
            if v not in (None, ""):
                yield Fact(key, name, fmt(v), d.page, d.source, d.line_of(field))
    for d in ctx.of_kind("decision"):
        if d.fields.get("number") is None:
            continue
        key = f"ADR-{int(d.fields['number']):03d} {title_key(d)}"
        if d.fields.get("status") not in (None, "unknown") and not d.fields.get("status_inferred"):
            yield Fact(key, "status", d.fields["status"], d.page, d.source, d.line_of("status"))
        if d.fields.get("date"):
            yield Fact(key, "date", str(d.fields["date"]), d.page, d.source, d.line_of("date"))


def _note_facts(ctx, subjects: dict[str, set[str]]):
    """Statements in notes about a known incident's duration or a known ADR's status.

    The candidate lines (a date with a duration, or one ADR with a status) were found when the
    source was digested (lint/digest.py); here they meet the wiki's subjects.
    """
    by_date = defaultdict(set)
    by_number = defaultdict(set)
    for key in subjects:
        if key.startswith("incident "):
            by_date[key.split()[1]].add(key)
        else:
            by_number[int(key.split()[0][4:])].add(key)
    for d in [d for d in ctx.docs if d.kind != "decision"]:
        for where, found, minutes, nums, status in d.note_lines:
            dates = set(found) & set(by_date)
            if len(dates) == 1 and minutes and len(by_date[next(iter(dates))]) == 1:
                yield Fact(next(iter(by_date[dates.pop()])), "duration", f"{minutes} minutes", d.page, d.source, where)
            if status and len(by_number.get(nums[0], ())) == 1:
                yield Fact(next(iter(by_number[nums[0]])), "status", status, d.page, d.source, where)


@rule("contradiction", "error", "wiki",
      "The same fact (date, time, duration, count, status) about one subject is stated differently in two places.")
def contradictions(ctx):
    facts = list(_document_facts(ctx))
    subjects = defaultdict(set)
    for f in facts:
        subjects[f.subject].add(f.source)
    facts += list(_note_facts(ctx, subjects))
    groups = defaultdict(list)
    for f in facts:
        groups[(f.subject, f.name)].append(f)
    for (subject, name), group in sorted(groups.items()):
        first = group[0]
        for other in group[1:]:
            if other.value == first.value or (other.source, other.line) == (first.source, first.line):
                continue
            yield (other.page, other.source, other.line,
                   f"{name} of {_label(subject)} is {other.value!r} here but {first.value!r} at "
                   f"{first.source}:{first.line}; make the two agree")
            break


def _label(subject: str) -> str:
    if subject.startswith("incident "):
        _, date, *title = subject.split(" ")
        return f"the {date} incident" + (f" ({' '.join(title)})" if title else "")
    return subject.split(" ")[0]
