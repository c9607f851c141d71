"""Key: value metadata near the top of a document ("Status: Accepted", "**Date:** 2024-01-15",
table rows, front matter). Segmenting uses it to classify documents; extract/ to fill fields.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lorebook.model import Document, Span
from lorebook.sources.markdown import front_matter_line, plain

# --- metadata: "Status: Accepted", "**Date:** 2024-01-15", "* Deciders: a, b", front matter ---

_META_LINE = re.compile(r"^\s*(?:[-*+]\s+)?(?:\*\*|__)?([A-Za-z][A-Za-z \-]{1,30}?)(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*(.+?)\s*$")


@dataclass
class Meta:
    value: str
    span: Span


def metadata(doc: Document, max_blocks: int = 40) -> dict[str, Meta]:
    """Key: value pairs written as lines, bullets or table rows near the top of a document.

    Keys are lower-cased ("status", "date", "deciders"). Front matter is included
    with the front matter's span. The first occurrence of a key wins.
    """
    out: dict[str, Meta] = {}
    for k, v in (doc.front_matter or {}).items():
        if v is None or isinstance(v, (dict,)):
            continue
        if isinstance(v, list):
            v = ", ".join(str(x) for x in v)
        if doc.front_matter_span:
            out.setdefault(str(k).lower(), Meta(str(v), _fm_line_span(doc, str(k))))
    count = 0
    for b in doc.root.all_blocks():
        count += 1
        if count > max_blocks:
            break
        if b.kind in ("paragraph", "item"):
            lines = b.text.split("\n")
            for i, line in enumerate(lines):
                m = _META_LINE.match(plain_keep_colon(line))
                if m:
                    key = m.group(1).strip().lower()
                    val = m.group(2).strip()
                    line_no = min(b.span.start + i, b.span.end)
                    out.setdefault(key, Meta(val, Span(b.span.source, line_no, line_no)))
        elif b.kind == "row" and len(b.cells) >= 2:
            key = plain(b.cells[0]).strip().rstrip(":").lower()
            if 0 < len(key) <= 30:
                out.setdefault(key, Meta(plain(b.cells[1]), b.span))
    return out


def plain_keep_colon(line: str) -> str:
    """Strip inline markup but keep the 'Key:' shape ("**Status:** x" -> "Status: x")."""
    t = line.replace("**", "").replace("__", "")
    t = re.sub(r"(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)", r"\1", t)
    return plain(t) if "](" in t or "`" in t else t.strip()


def _fm_line_span(doc: Document, key: str) -> Span:
    """The line of `key:` inside the front matter, falling back to the whole block."""
    return front_matter_line(doc.source, doc.front_matter_span, key) or doc.front_matter_span
