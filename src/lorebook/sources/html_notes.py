"""Notes written as HTML tags (`<h2>Root Cause</h2>`, `<p>…</p>`, `<li>…</li>`) read as the Markdown they mean.

Some teams paste a post-mortem out of a web editor into a `.md` file: every line is a tag. Markdown
reads such a file as raw HTML blocks, which carry no headings, paragraphs or list items, so the page
came out empty. A file that is *mostly* tags is rewritten line by line — same number of lines, so
every citation still points at the raw file's own line — into headings, paragraphs and list items.
Nothing is unescaped (`&lt;script&gt;` stays text), and what sits inside `<script>` / `<style>`
becomes blank lines: it is never shown as prose.
"""

from __future__ import annotations

import re

_TAG_LINE = re.compile(r"^\s*</?[A-Za-z][\w-]*[^>]*>")
_PROSE_TAGS = re.compile(r"<(?:h[1-6]|p|li|ul|ol|div|td|th)\b", re.I)
_HEADING = re.compile(r"^\s*<h([1-6])\b[^>]*>(.*?)(?:</h\1\s*>)?\s*$", re.I | re.S)
_ITEM = re.compile(r"^\s*<(?:li|ul|ol)\b[^>]*>(.*)$", re.I | re.S)
_HIDDEN_OPEN = re.compile(r"<(script|style|template)\b", re.I)
_ANY_TAG = re.compile(r"<[^>]*>")
MOSTLY = 0.7  # share of non-blank lines that must open with a tag
MIN_LINES = 4


def mostly_html(text: str) -> bool:
    """A note most of whose lines open with an HTML tag, among them headings or paragraphs."""
    lines = [ln for ln in text.split("\n") if ln.strip()]
    if len(lines) < MIN_LINES or not _PROSE_TAGS.search(text):
        return False
    return sum(1 for ln in lines if _TAG_LINE.match(ln)) >= MOSTLY * len(lines)


def markdown_of_html(text: str) -> str | None:
    """The note's lines as Markdown (one output line per input line), or None when it is not mostly HTML."""
    if not mostly_html(text):
        return None
    out: list[str] = []
    hidden: str | None = None
    for line in text.split("\n"):
        if hidden is not None:  # inside <script>/<style>: drop the line, watch for the end tag
            if re.search(rf"</{hidden}\s*>", line, re.I):
                hidden = None
            out.append("")
            continue
        opened = _HIDDEN_OPEN.search(line)
        if opened:
            name = opened.group(1).lower()
            if not re.search(rf"</{name}\s*>", line[opened.end():], re.I):
                hidden = name
            out.append("")
            continue
        out.append(_line_as_markdown(line))
    return "\n".join(out)


def _text(fragment: str) -> str:
    return re.sub(r"\s+", " ", _ANY_TAG.sub(" ", fragment)).strip()


def _line_as_markdown(line: str) -> str:
    m = _HEADING.match(line)
    if m and _text(m.group(2)):
        return "#" * int(m.group(1)) + " " + _text(m.group(2))
    m = _ITEM.match(line)
    if m:
        t = _text(m.group(1))
        return "- " + t if t else ""
    return _literal(_text(line))


def _literal(t: str) -> str:
    """Paragraph text that would read as Markdown syntax at the start of a line ("# of users", "1. …") kept as text."""
    return "\\" + t if re.match(r"[#>*+-]|\d+[.)]\s", t) else t
