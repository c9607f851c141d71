"""The ADR lifecycle: set a status, supersede one ADR by another, renumber a colliding ADR.

Each edit is planned on the source text, checked by re-extracting the record
(so the compiled wiki will say what the user asked for), shown as a unified
diff, then written atomically. Then the wiki is rebuilt.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from lorebook.authoring.new import AuthoringError
from lorebook.config import Wiki
from lorebook.extract import extract
from lorebook.extract.decision import status_of
from lorebook.lint.state import current_documents
from lorebook.lint.rules_decision import title_key
from lorebook.model import Record
from lorebook.vocab import record_keys
from lorebook.sources.reader import source_from_text
from lorebook.sources.segment import documents

STATUSES = ("Proposed", "Accepted", "Rejected", "Deprecated", "Superseded")

_FM_STATUS = re.compile(r"^(\s*status\s*:\s*)(.*)$", re.I)
_LABELED = re.compile(
    r"^(\s*(?:[-*+]\s+)?(?:\*\*|__)?\s*(?:status|상태)\s*(?:(?:\*\*|__)\s*[:：]|[:：]\s*(?:\*\*|__)?)\s*)(.*?)\s*$", re.I)
_HEADING = re.compile(r"^(#{1,6}\s*(?:status|상태)\s*[:：]?\s*)(.+?)\s*$", re.I)


def ref(n: int) -> str:
    return f"ADR-{int(n):03d}"


@dataclass
class SourceEdit:
    """One raw file being edited: its lines (LF, no BOM) and how to write them back."""
    wiki: Wiki
    rel: str
    lines: list[str]
    crlf: bool
    bom: bool
    original: str

    @classmethod
    def load(cls, wiki: Wiki, rel: str) -> "SourceEdit":
        data = (wiki.root / rel).read_bytes()
        bom = data.startswith(b"\xef\xbb\xbf")
        text = data.decode("utf-8-sig")
        crlf = "\r\n" in text
        text = text.replace("\r\n", "\n")
        return cls(wiki, rel, text.split("\n"), crlf, bom, text)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def diff(self) -> str:
        return "".join(difflib.unified_diff(self.original.splitlines(True), self.text.splitlines(True),
                                            f"a/{self.rel}", f"b/{self.rel}"))

    def write(self) -> None:
        out = self.text.replace("\n", "\r\n") if self.crlf else self.text
        path = self.wiki.root / self.rel
        tmp = path.with_name(f".{path.name}.lbedit")
        tmp.write_bytes((b"\xef\xbb\xbf" if self.bom else b"") + out.encode("utf-8"))
        os.replace(tmp, path)

    def records(self) -> list[Record]:
        return [extract(d) for d in documents(source_from_text(self.rel, self.text))]


def find_adr(wiki: Wiki, number: int) -> tuple[str, int]:
    """(source, document index within it) of ADR `number`; an error if none or several."""
    hits = [d for d in current_documents(wiki) if d.kind == "decision" and d.fields.get("number") == number]
    if not hits:
        raise AuthoringError(f"no ADR-{number} in {wiki.root / 'raw'}; list decisions with `lorebook pages --type decision`")
    if len({title_key(d) for d in hits}) > 1 or len(hits) > 1:
        where = ", ".join(f"{d.source}:{d.title_line}" for d in hits)
        raise AuthoringError(f"ADR-{number} is stated in {len(hits)} places ({where}); "
                             f"renumber or remove the extra ones first (`lorebook lint --rule adr-duplicate-number`)")
    return hits[0].source, hits[0].index


def _record(edit: SourceEdit, index: int) -> Record:
    recs = edit.records()
    if index >= len(recs) or recs[index].kind != "decision":
        raise AuthoringError(f"{edit.rel} no longer reads as the same ADR after editing; edit it by hand")
    return recs[index]


def _status_line(rec: Record) -> tuple[int, str] | None:
    """(0-based line index, kind) of the line stating the status: fm | labeled | heading | table | plain."""
    spans = rec.cite("status")
    if not spans or rec.fields.get("status_inferred"):
        return None
    i = spans[0].start - 1
    fm = rec.document.front_matter_span
    lines = rec.document.source.text.split("\n")
    line = lines[i]
    if fm and fm.start <= i + 1 <= fm.end and _FM_STATUS.match(line):
        return i, "fm"
    if _HEADING.match(line):
        return i, "heading"
    if line.lstrip().startswith("|"):
        return i, "table"
    if _LABELED.match(line):
        return i, "labeled"
    return i, "plain"


def _set_value(edit: SourceEdit, i: int, kind: str, value: str) -> None:
    line = edit.lines[i]
    rx = {"fm": _FM_STATUS, "heading": _HEADING, "labeled": _LABELED}.get(kind)
    if rx:
        edit.lines[i] = rx.match(line).group(1) + value
    elif kind == "table":
        cells = line.split("|")
        for j, c in enumerate(cells):
            if status_of(c):
                cells[j] = f" {value} "
                break
        edit.lines[i] = "|".join(cells)
    else:
        indent = line[: len(line) - len(line.lstrip())]
        edit.lines[i] = indent + value


def _insert_after_title(edit: SourceEdit, rec: Record, text: str) -> None:
    at = (rec.document.title_span or rec.document.extent).start  # 1-based title line = 0-based index after it
    edit.lines[at:at] = ["", text]


def _paragraph_end(edit: SourceEdit, i: int) -> int:
    while i + 1 < len(edit.lines) and edit.lines[i + 1].strip():
        i += 1
    return i


def set_status(edit: SourceEdit, index: int, status: str) -> None:
    rec = _record(edit, index)
    where = _status_line(rec)
    if where is None:
        _insert_after_title(edit, rec, "")
        at = (rec.document.title_span or rec.document.extent).start + 2
        edit.lines[at:at] = ["## Status", "", status, ""]
    else:
        _set_value(edit, *where, status)
    got = _record(edit, index).fields.get("status")
    if got != status.lower():
        raise AuthoringError(f"could not set the status of {edit.rel} (it reads as {got!r}); edit it by hand")


def mark_superseded(edit: SourceEdit, index: int, new: int) -> None:
    """The old ADR: status Superseded, naming ADR-NEW (added to any successors already named)."""
    rec = _record(edit, index)
    want = f"ADR-{new}"
    if want in record_keys(rec.fields.get("superseded_by")):
        return
    where = _status_line(rec)
    already = rec.fields.get("status") == "superseded"
    if where and where[1] == "plain":
        i = where[0]
        if already:
            end = _paragraph_end(edit, i)
            edit.lines[end + 1:end + 1] = ["", f"Superseded by {ref(new)}"]
        else:
            _set_value(edit, i, "plain", f"Superseded by {ref(new)}")
    elif where and where[1] == "labeled":
        current = _LABELED.match(edit.lines[where[0]]).group(2)
        _set_value(edit, where[0], "labeled",
                   f"{current}; superseded by {ref(new)}" if already else f"Superseded by {ref(new)}")
    else:
        if where and not already:
            _set_value(edit, *where, "Superseded")
        elif where is None:
            set_status(edit, index, "Superseded")
        rec = _record(edit, index)
    rec = _record(edit, index)
    if want not in record_keys(rec.fields.get("superseded_by")):
        _insert_after_title(edit, rec, f"Superseded by {ref(new)}")
    _check(edit, index, "superseded_by", want, "superseded")


def mark_supersedes(edit: SourceEdit, index: int, old: int) -> None:
    """The new ADR: "Supersedes ADR-OLD" next to its status (or under its title)."""
    rec = _record(edit, index)
    want = f"ADR-{old}"
    if want in record_keys(rec.fields.get("supersedes")):
        return
    before = list(edit.lines)
    where = _status_line(rec)
    if where and where[1] == "plain":
        end = _paragraph_end(edit, where[0])
        edit.lines[end + 1:end + 1] = ["", f"Supersedes {ref(old)}"]
    elif where and where[1] == "labeled":
        line = edit.lines[where[0]]
        bullet = re.match(r"^(\s*[-*+]\s+)", line)
        edit.lines[where[0] + 1:where[0] + 1] = [(bullet.group(1) if bullet else "") + f"Supersedes: {ref(old)}"]
    if want not in record_keys(_record(edit, index).fields.get("supersedes")):
        if where and where[1] in ("plain", "labeled"):
            edit.lines[:] = before  # undo the first try before the fallback
        _insert_after_title(edit, _record(edit, index), f"Supersedes {ref(old)}")
    _check(edit, index, "supersedes", want, None)


def _check(edit: SourceEdit, index: int, field: str, want: str, status: str | None) -> None:
    f = _record(edit, index).fields
    if want not in record_keys(f.get(field)) or (status and f.get("status") != status):
        raise AuthoringError(f"could not record {field.replace('_', ' ')} {want} in {edit.rel}; edit it by hand")


def renumber(edit: SourceEdit, index: int, new: int) -> str | None:
    """Change the number in the ADR's title line; returns the new file name when the file is named by number."""
    rec = _record(edit, index)
    old = rec.fields.get("number")
    if old is None:
        raise AuthoringError(f"{edit.rel} has no ADR number to change")
    span = rec.document.title_span
    if span is not None:
        line = edit.lines[span.start - 1]
        m = re.search(r"0*" + str(old) + r"(?!\d)", line)
        if m:
            width = len(m.group(0))
            edit.lines[span.start - 1] = line[: m.start()] + f"{new:0{width}d}" + line[m.end():]
    name = Path(edit.rel).name
    m = re.match(r"^((?:adr[-_]?)?)(0*" + str(old) + r")(?=\D)", name, re.I)
    new_name = None
    if m and len(edit.records()) == 1:
        new_name = m.group(1) + f"{new:0{len(m.group(2))}d}" + name[m.end():]
    return new_name
