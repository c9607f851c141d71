"""Decision rules: the seed's ADR shape, its status set, and the supersede lifecycle."""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict

from lorebook.lint.findings import rule
from lorebook.sources.markdown import plain
from lorebook.vocab import record_key, record_keys

ALLOWED_STATUSES = ("Proposed", "Accepted", "Rejected", "Deprecated", "Superseded")
_SUGGEST = {"approved": "Accepted", "draft": "Proposed", "open": "Proposed", "in review": "Proposed",
            "wip": "Proposed", "done": "Accepted", "replaced": "Superseded", "obsolete": "Deprecated",
            "retired": "Deprecated", "declined": "Rejected", "withdrawn": "Rejected"}


ALLOWED_LOWER = {x.lower() for x in ALLOWED_STATUSES}


def _ref(n) -> str:
    return f"ADR-{int(n):03d}" if isinstance(n, int) else str(n)


@rule("adr-missing-section", "warning", "decision", "An ADR lacks one of Status, Context, Decision, Consequences.")
def missing_sections(ctx):
    for d in ctx.of_kind("decision"):
        f = d.fields
        missing = []
        if f.get("status") in (None, "unknown") or f.get("status_inferred"):
            missing.append("Status")
        if not (f.get("context") or "").strip():
            missing.append("Context")
        if not (f.get("decision") or "").strip():
            missing.append("Decision")
        cons = f.get("consequences") or {}
        if not any(cons.get(k) for k in ("positive", "negative", "neutral")):
            missing.append("Consequences")
        if missing:
            yield (d.page, d.source, d.title_line,
                   f"{d.title or 'ADR'} has no {', '.join(missing)} section"
                   f"{'s' if len(missing) > 1 else ''}; add {'them' if len(missing) > 1 else 'it'} "
                   "(see `lorebook new adr` for the shape)")


@rule("adr-status-invalid", "error", "decision",
      "An ADR's status is not one of Proposed, Accepted, Rejected, Deprecated, Superseded.")
def status_invalid(ctx):
    for d in ctx.of_kind("decision"):
        stated = d.stated_status
        if not stated:
            continue
        text, line = stated
        words = re.sub(r"[^\w\s]", " ", plain(text)).split()
        first = words[0].lower() if words else ""
        if first.capitalize() in ALLOWED_STATUSES:
            continue
        hint = _SUGGEST.get(first) or _SUGGEST.get(" ".join(words[:2]).lower())
        if not hint and d.fields.get("status") in ALLOWED_LOWER:
            continue  # 'Akzeptiert', 'Aceptado', '✅ Aceita', '승인됨': a status in the team's language, understood as one of the five
        yield (d.page, d.source, line,
               f"status {text!r} is not one of {', '.join(ALLOWED_STATUSES)}; "
               + (f"write {hint!r}" if hint else "use one of them")
               + f" (e.g. `lorebook adr status {d.fields.get('number') or 'N'} {hint or 'Accepted'}`)")


@rule("adr-superseded-without-successor", "error", "decision", "A superseded ADR does not name what replaced it.")
def superseded_without_successor(ctx):
    for d in ctx.of_kind("decision"):
        if d.fields.get("status") == "superseded" and not d.fields.get("superseded_by"):
            yield (d.page, d.source, d.line_of("status"),
                   "status is Superseded but no successor is named; link it with "
                   "`lorebook adr supersede OLD NEW` or write \"Superseded by ADR-NNN\"")


def _by_ref(ctx) -> dict[str, list]:
    out = defaultdict(list)
    for d in ctx.of_kind("decision"):
        if d.fields.get("number") is not None:
            out[f"ADR-{int(d.fields['number'])}"].append(d)
    return out


def _log_of(d) -> str:
    """The ADR log a record belongs to: its folder. Two repositories' logs ingested side by side
    (raw/billing/adr/0005-…, raw/search/adr/0005-…) each number from 1."""
    return posixpath.dirname(d.source)


def _same_log(docs: list, d) -> list:
    """The records of `docs` in d's own log, else all of them (a reference to a log held elsewhere)."""
    mine = [x for x in docs if _log_of(x) == _log_of(d)]
    return mine or docs


@rule("adr-successor-not-linking-back", "error", "decision",
      "One ADR says it supersedes (or is superseded by) another that does not say so back.")
def successor_not_linking_back(ctx):
    by_ref = _by_ref(ctx)
    for d in ctx.of_kind("decision"):
        me = f"ADR-{int(d.fields['number'])}" if d.fields.get("number") is not None else None
        if me is None:
            continue
        for i, ref in enumerate(d.fields.get("superseded_by") or []):
            for other in _same_log(by_ref.get(record_key(ref), []), d):
                if me not in record_keys(other.fields.get("supersedes")):
                    yield (other.page, other.source, other.title_line,
                           f"{_ref(d.fields['number'])} says it is superseded by {_ref(other.fields['number'])}, "
                           f"but {_ref(other.fields['number'])} does not say \"Supersedes {_ref(d.fields['number'])}\"; "
                           f"run `lorebook adr supersede {d.fields['number']} {other.fields['number']}`")
        for ref in d.fields.get("supersedes") or []:
            for other in _same_log(by_ref.get(record_key(ref), []), d):
                if me not in record_keys(other.fields.get("superseded_by")):
                    yield (other.page, other.source, other.line_of("status"),
                           f"{_ref(d.fields['number'])} supersedes {_ref(other.fields['number'])}, but "
                           f"{_ref(other.fields['number'])} is not marked \"Superseded by {_ref(d.fields['number'])}\"; "
                           f"run `lorebook adr supersede {other.fields['number']} {d.fields['number']}`")


@rule("adr-duplicate-number", "error", "decision", "Two different ADRs share a number (e.g. from two merged branches).")
def duplicate_numbers(ctx):
    by_ref = _by_ref(ctx)
    taken = {int(r.split("-")[1]) for r in by_ref}
    next_free = max(taken, default=0) + 1
    logs = sorted({(ref, _log_of(d)) for ref, docs in by_ref.items() for d in docs}, key=lambda x: (int(x[0].split("-")[1]), x[1]))
    for ref, log in logs:
        docs = [d for d in by_ref[ref] if _log_of(d) == log]  # a collision is two ADRs of one log with one number
        titles = {title_key(d) for d in docs}
        if len(docs) < 2 or len(titles) < 2:
            continue  # the same ADR quoted in two places is not a collision
        first = docs[0]
        for d in docs[1:]:
            if title_key(d) == title_key(first):
                continue
            yield (d.page, d.source, d.title_line,
                   f"{_ref(d.fields['number'])} is also used by {first.source}:{first.title_line} "
                   f"({first.title}); renumber this one with "
                   f"`lorebook adr renumber {d.source} {next_free}`")
            next_free += 1


def title_key(d) -> str:
    """An ADR title without its number, for telling a duplicate copy from a collision."""
    t = plain(d.title or "").lower()
    t = re.sub(r"^\s*(?:adr|decision|rfc)?\s*[-_#]?\s*\d+\s*[.:)\-–—]?\s*", "", t)
    return re.sub(r"\W+", " ", t).strip()
