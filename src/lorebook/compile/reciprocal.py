"""Both pages of a supersession: "ADR-21 is superseded by ADR-36" also puts "Supersedes: ADR-21" on ADR-36.

A wiki-wide step, run by `assemble` over every decision record before pages are made.
The added entry cites the line of the record that states it (in the other source), so
nothing is invented: the fact is read once and shown on both pages. Records are copied,
never changed in place (units may be cached between builds).
"""

from __future__ import annotations

import re
from dataclasses import replace

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


def reciprocal_supersedes(records: list[Record]) -> list[Record]:
    """The records with each stated supersession mirrored onto the record it names (when that is unambiguous)."""
    decisions = [r for r in records if r.kind == "decision"]
    by_number: dict[int, list[Record]] = {}
    by_stem: dict[str, Record] = {}
    for r in decisions:
        if isinstance(r.fields.get("number"), int):
            by_number.setdefault(r.fields["number"], []).append(r)
        by_stem[_stem(r)] = r

    def resolve(ref: str, home: Record) -> Record | None:
        """The record `ref` names, only within `home`'s own collection (ADR numbers are per team)."""
        key = record_key(ref)
        m = _ADR.match(key)
        if m:
            hits = [h for h in by_number.get(int(m.group(1)), []) if _family(h) == _family(home)]
            return hits[0] if len(hits) == 1 else None
        hit = by_stem.get(key)
        return hit if hit is not None and _family(hit) == _family(home) else None

    extra: dict[int, dict[str, list[tuple[str, Span | None]]]] = {}
    for r in decisions:
        for field, mirror in _PAIR.items():
            for i, ref in enumerate(r.fields.get(field) or []):
                target = resolve(ref, r)
                if target is None or target is r:
                    continue
                have = [resolve(x, target) for x in target.fields.get(mirror) or []]
                if any(h is r for h in have):
                    continue  # the other record already says so itself
                spans = r.citations.get(field) or []
                extra.setdefault(id(target), {}).setdefault(mirror, []).append((_name(r), spans[i] if i < len(spans) else None))
    if not extra:
        return records
    out = []
    for r in records:
        add = extra.get(id(r))
        if not add:
            out.append(r)
            continue
        fields, cites = dict(r.fields), dict(r.citations)
        for field, items in add.items():
            names = list(fields.get(field) or [])
            spans = list(cites.get(field) or [])
            for name, span in items:
                if record_key(name) not in {record_key(x) for x in names}:
                    names.append(name)
                    spans.append(span)
            fields[field], cites[field] = names, spans
        out.append(replace(r, fields=fields, citations=cites))
    return out


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
