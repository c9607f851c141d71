"""What lint keeps of one source: the facts its rules read, small enough to store and reload.

A source is parsed and extracted once (or its compiled unit is taken from the build's
cache); lint then works from this digest until the file's content changes. `shared` is
the part the wiki-wide rules (duplicate numbers, successors, contradictions) read on
every run; the rest is read only when the file's own findings are recomputed.
"""

from __future__ import annotations

import json
import re

from lorebook.compile.pages import base_id
from lorebook.sources.markdown import plain
from lorebook.utilities import COMPILER_PARTS, code_fingerprint

# What cached digests and findings were computed by: their shape (bump the 2 when it changes), the compiler
# and the lint rules. Another Lorebook re-digests every file once instead of serving the old rules' findings.
VERSION = f"2-{code_fingerprint('lint', *COMPILER_PARTS)}"

_ISO = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")
_ADR = re.compile(r"\bADR[-\s_#]?0*(\d{1,5})(?!\d)", re.I)
_DATE_OR_ADR = re.compile(f"{_ISO.pattern}|{_ADR.pattern}", re.I)  # either matches: the line needs a closer look
PLACEHOLDER = re.compile(r"\{\{\s*TODO\b[^}]*\}\}")

# Fields and citations the wiki-wide rules read (rules_decision successors/duplicates, rules_contradiction).
SHARED_FIELDS = ("number", "status", "status_inferred", "date", "supersedes", "superseded_by",
                 "duration_minutes", "severity", "resolved_at")


class LintDoc:
    """One document of the wiki as the rules see it: kind, fields, the lines they came from, its page id."""

    __slots__ = ("page", "source", "index", "kind", "base", "title", "title_line", "extent", "fields", "cites",
                 "stated_status", "note_lines")

    def __init__(self, source: str, index: int, d: dict, page: str | None = None):
        self.source, self.index, self.page = source, index, page
        self.kind, self.base, self.title, self.title_line = d["kind"], d["base"], d["title"], d["title_line"]
        self.extent = tuple(d.get("extent") or (0, 0))  # only in full digests: the placeholder rule's
        self.fields, self.cites = d["fields"], d["cites"]
        self.stated_status = tuple(d["stated"]) if d.get("stated") else None
        self.note_lines = d.get("notes") or []

    @property
    def name(self) -> str:
        """How a finding names the document: its title, else its page id."""
        return self.title or self.page

    def line_of(self, name: str, index: int = 0) -> int:
        """Line of field `name` (entry `index` of a list field), else the title line."""
        starts = self.cites.get(name) or []
        if index < len(starts) and starts[index] is not None:
            return starts[index]
        return self.title_line


def _note_lines(doc) -> list[list]:
    """Lines of paragraphs and list items that name a date or an ADR: where notes state facts about them.

    Each is [line, dates, minutes, adr numbers, status]: what rules_contradiction matches against
    the wiki's incidents and decisions.
    """
    from lorebook.extract.common import find_duration_minutes
    from lorebook.extract.decision import status_of

    out = []
    for blk in doc.root.all_blocks():
        if blk.kind not in ("paragraph", "item"):
            continue
        for n, line in enumerate(blk.text.split("\n")):
            text = plain(line)
            if not _DATE_OR_ADR.search(text):
                continue  # most lines: one search instead of two findall
            dates = sorted(set(_ISO.findall(text)))
            nums = sorted({int(x) for x in _ADR.findall(text)})
            if not dates and not nums:
                continue
            minutes = find_duration_minutes(text) if dates else None
            status = status_of(_ADR.sub("", text)) if len(nums) == 1 else None
            if (dates and minutes) or status:
                out.append([blk.span.start + n, dates, minutes, nums, status])
    return out


def _doc(record) -> dict:
    d = record.document
    fields = json.loads(json.dumps(record.fields, default=str))
    cites = {name: [sp.start if sp is not None else None for sp in spans] for name, spans in record.citations.items()}
    out = {"kind": record.kind, "base": base_id(record), "title": d.title,
           "title_line": (d.title_span or d.extent).start, "extent": [d.extent.start, d.extent.end],
           "fields": fields, "cites": cites}
    if record.kind == "decision":
        out["stated"] = record.stated_status  # AttributeError: a unit pickled before Record had it
    else:
        out["notes"] = _note_lines(d)
    return out


def digest_unit(unit) -> dict:
    """The digest of a compiled source: its documents and its unfilled template placeholders."""
    placeholders = []
    text = unit.source.text
    for n, line in enumerate(text.split("\n") if PLACEHOLDER.search(text) else (), 1):
        m = PLACEHOLDER.search(line)
        if m:
            placeholders.append([n, m.group(0)])
    return {"docs": [_doc(r) for r in unit.records], "placeholders": placeholders}


def shared_part(digest: dict) -> dict:
    """What the wiki-wide rules need of a digest: page bases, titles, a few fields, note lines."""
    docs = []
    for d in digest.get("docs", []):
        s = {"kind": d["kind"], "base": d["base"], "title": d["title"], "title_line": d["title_line"],
             "fields": {k: d["fields"][k] for k in SHARED_FIELDS if k in d["fields"]},
             "cites": {k: d["cites"][k] for k in SHARED_FIELDS if k in d["cites"]}}
        if d.get("notes"):
            s["notes"] = d["notes"]
        docs.append(s)
    out = {"docs": docs}
    if "error" in digest:
        out["error"] = digest["error"]
    return out
