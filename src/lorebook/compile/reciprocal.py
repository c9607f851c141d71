"""Both pages of a supersession: "ADR-21 is superseded by ADR-36" also puts "Supersedes: ADR-21" on ADR-36.

A wiki-wide step, run by `assemble` over every decision record before pages are made.
The added entry cites the line of the record that states it (in the other source), so
nothing is invented: the fact is read once and shown on both pages. Records are copied,
never changed in place (units may be cached between builds).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import NamedTuple

from lorebook.model import Record, Span
from lorebook.vocab import record_key

_ADR = re.compile(r"^ADR-(\d+)$")
_PAIR = {"superseded_by": "supersedes", "supersedes": "superseded_by"}


def _stem(r: Record) -> str:
    name = r.document.source.name.rsplit("__", 1)[-1]
    return re.sub(r"\.(?:html\.)?(?:md|markdown|qmd|txt)$", "", name, flags=re.I).lower()


def _family(r: Record) -> str:
    """The collection an ADR number is unique in: its folder (and, for flattened names, the part before "__")."""
    path = r.document.source.path
    folder, _, name = path.rpartition("/")
    return folder + "/" + (name.rsplit("__", 1)[0] if "__" in name else "")


def _name(r: Record) -> str:
    n = r.fields.get("number")
    return f"ADR-{n}" if isinstance(n, int) else _stem(r)


class Claims(NamedTuple):
    """What the mirroring needs of one decision record: its names, and the supersessions it states."""

    number: int | None
    stem: str
    family: str
    name: str
    stated: dict[str, list[tuple[str, Span | None]]]  # supersedes / superseded_by -> (reference, its span)


def claims_of(r: Record) -> Claims:
    """A decision record's Claims (plain values: a build may keep one per decision of the wiki)."""
    n = r.fields.get("number")
    stated = {}
    for field in _PAIR:
        spans = r.citations.get(field) or []
        stated[field] = [(ref, spans[i] if i < len(spans) else None) for i, ref in enumerate(r.fields.get(field) or [])]
    return Claims(n if isinstance(n, int) else None, _stem(r), _family(r), _name(r), stated)


def mirror_plan(decisions: list[Claims]) -> dict[int, dict[str, list[tuple[str, Span | None]]]]:
    """Position of a decision in `decisions` -> the entries to add to it, by field (only where some are due)."""
    by_number: dict[int, list[int]] = {}
    by_stem: dict[str, int] = {}
    for i, c in enumerate(decisions):
        if c.number is not None:
            by_number.setdefault(c.number, []).append(i)
        by_stem[c.stem] = i

    def resolve(ref: str, home: int) -> int | None:
        """The decision `ref` names, only within `home`'s own collection (ADR numbers are per team)."""
        key = record_key(ref)
        m = _ADR.match(key)
        family = decisions[home].family
        if m:
            hits = [h for h in by_number.get(int(m.group(1)), []) if decisions[h].family == family]
            return hits[0] if len(hits) == 1 else None
        hit = by_stem.get(key)
        return hit if hit is not None and decisions[hit].family == family else None

    extra: dict[int, dict[str, list[tuple[str, Span | None]]]] = {}
    for i, c in enumerate(decisions):
        for field, mirror in _PAIR.items():
            for ref, span in c.stated[field]:
                target = resolve(ref, i)
                if target is None or target == i:
                    continue
                if any(resolve(x, target) == i for x, _span in decisions[target].stated[mirror]):
                    continue  # the other record already says so itself
                extra.setdefault(target, {}).setdefault(mirror, []).append((c.name, span))
    return extra


def with_mirrored(r: Record, add: dict[str, list[tuple[str, Span | None]]]) -> Record:
    """A copy of `r` with the entries `mirror_plan` gave it (names it already lists are not repeated)."""
    fields, cites = dict(r.fields), dict(r.citations)
    for field, items in add.items():
        names = list(fields.get(field) or [])
        spans = list(cites.get(field) or [])
        for name, span in items:
            if record_key(name) not in {record_key(x) for x in names}:
                names.append(name)
                spans.append(span)
        fields[field], cites[field] = names, spans
    return replace(r, fields=fields, citations=cites)


def reciprocal_supersedes(records: list[Record]) -> list[Record]:
    """The records with each stated supersession mirrored onto the record it names (when that is unambiguous)."""
    decisions = [r for r in records if r.kind == "decision"]
    extra = mirror_plan([claims_of(r) for r in decisions])
    if not extra:
        return records
    add = {id(decisions[i]): items for i, items in extra.items()}
    return [with_mirrored(r, add[id(r)]) if id(r) in add else r for r in records]


def names_of(r: Record) -> set[str]:
    """The names a supersession may use for this record (lower case): its ADR number and its file stem."""
    n = r.fields.get("number")
    return {_stem(r)} | ({f"adr-{n}"} if isinstance(n, int) else set())


def stated_refs(r: Record) -> set[str]:
    """What this record's own supersedes / superseded_by name (lower case, as `names_of` spells them)."""
    out = set()
    for f in _PAIR:
        for ref in r.fields.get(f) or []:
            out.add(record_key(ref).lower())
    return out
