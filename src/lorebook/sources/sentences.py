"""A parsed source read as sentences: every sentence, list item, table row and code piece with its exact lines.

These are the rows of the sentence index `ask` answers from (store/sentences.py adds the page
and field each one feeds). They are computed where the source is parsed (in the compile workers),
so indexing never parses a source a second time; a table row is read as "column: value; column:
value" and a list item keeps its own line.
"""

from __future__ import annotations

import marshal
import re
import zlib

from lorebook import vocab
from lorebook.model import Block, ParsedSource
from lorebook.utilities import AUTOLINK, HTML_TAGS, without_hard_breaks

MAX_CODE_LINES = 12

# A sentence ends at . ! ? (or 。) followed by space and something that starts a sentence;
# not after common abbreviations or single initials.
# The break is group 1: a pattern that opens with the stop itself (not a look-behind) is searched by skipping to
# that character, where a look-behind is tried at every position (~2x faster; tests/test_fast_paths.py).
_END = re.compile(r"[.!?。]([\"')\]]?\\?\s+(?=[\"'(\[*_`]*[A-Z0-9\u0080-\uffff]))")  # "\" ends a line: a hard break
_ABBREV = re.compile(r"(?:\b(?:e\.g|i\.e|etc|vs|cf|approx|incl|no|dr|mr|ms|mrs|st|fig|sec|min|max"
                     # "Seit ca. 22:00 Uhr", "bzw.", "z.B.", "env. 10 min", "p.ex.", "aprox.": other languages' short forms
                     r"|ca|bzw|z\.\s?b|d\.\s?h|u\.\s?a|ggf|evtl|inkl|usw|vgl|env|p\.\s?ex|aprox|p\.\s?ej|nr)\.|\b[A-Z]\.)$", re.I)
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_EMPH = re.compile(r"(\*\*|__|(?<!\w)\*(?=\S)|(?<=\S)\*(?!\w)|~~)")
_MARKUP = re.compile(r"[\[<*_~]")  # what _LINK, the tag pattern and _EMPH need before they can match
_FM_LINE = re.compile(r"^\s*([A-Za-z_][\w -]{0,40}):\s*(\S.*)$")

# A line break before a line that opens with a bold label ("**Severity:** …") or a "Key: value" label.
_LABELLED_LINE = re.compile(r"[ \t]*\\?\n(?=[ \t]*(?:\*\*[^*\n]{1,60}\*\*|__[^_\n]{1,60}__|[A-Z][\w()/-]*(?: [\w()/-]+){0,3}:\s))")

# (start_line, end_line, kind, heading, text); kind: meta | heading | sentence | item | row | code
SentenceRow = tuple[int, int, str, str, str]


def pack(rows: tuple[SentenceRow, ...]) -> bytes:
    """Rows as one compressed blob: a full build holds every source's rows until the save indexes them, and
    as Python objects they cost about three times the source text; packed, about a third of it."""
    return zlib.compress(marshal.dumps(rows), 1)


def unpack(blob: bytes) -> tuple[SentenceRow, ...]:
    return marshal.loads(zlib.decompress(blob))


def readable(text: str) -> str:
    """Inline Markdown -> readable text (links keep their words; code spans keep their backticks, unlike
    utilities.plain, so a command in a sentence still reads as one, placeholders and all: `systemctl restart <unit>`)."""
    text = without_hard_breaks(text)
    if not _MARKUP.search(text):  # most sentences hold no link, tag or emphasis: nothing to take out
        return " ".join(text.split())
    t = _LINK.sub(r"\1", _IMAGE.sub("", text))  # a picture's alt text describes the picture; the notes do not state it
    pieces = re.split(r"(`+[^`]*`+)", t)
    t = "".join(x if x.startswith("`") else _without_html(x) for x in pieces)
    return " ".join(_EMPH.sub("", t).split())


# A tag or comment (not a placeholder such as "<unit>" or "http://<パブリックIP>:8080/", which is text the notes state)
_HTML = re.compile(r"<!--.*?-->|</?(?:" + "|".join(sorted(HTML_TAGS, key=len, reverse=True)) + r")\b[^<>\n]{0,200}>", re.I | re.S)


def _without_html(text: str) -> str:
    """Inline HTML is not part of a sentence; an autolink's address is."""
    return _HTML.sub(" ", AUTOLINK.sub(r"\1", text))


def split_sentences(text: str, first_line: int) -> list[tuple[int, int, str]]:
    """(start_line, end_line, sentence) for the sentences of a paragraph whose first line is `first_line`."""
    out = []
    pos = 0
    cuts = []
    depth, seen = 0, 0  # "[" minus "]" before the candidate break, counted once across the text
    brackets = "[" in text
    for m in _END.finditer(text):
        at, end = m.span(1)
        if brackets:
            depth += text.count("[", seen, at) - text.count("]", seen, at)
            seen = at
        if _ABBREV.search(text[max(0, at - 8) : at]):
            continue
        if depth > 0:
            continue  # inside a link's text: "[036. Multi-cluster](…)"
        cuts.append((at, end))
    if "\n" in text:  # the pattern needs a line break: most paragraphs are one line
        for m in _LABELLED_LINE.finditer(text):  # "**Alert:** X  \n**Severity:** Warning → Critical if …": one fact a line
            cuts.append((m.start(), m.end()))
    cuts = sorted(c for c in set(cuts))
    cuts = [c for k, c in enumerate(cuts) if k == 0 or c[0] >= cuts[k - 1][1]]
    pieces = []
    for a, b in cuts:
        pieces.append((pos, a))
        pos = b
    pieces.append((pos, len(text)))
    for a, b in pieces:
        body = text[a:b]
        if not body.strip():
            continue
        lead = len(body) - len(body.lstrip())
        start = first_line + text.count("\n", 0, a + lead)
        end = first_line + text.count("\n", 0, a + len(body.rstrip()))
        out.append((start, end, readable(body)))
    return out


def sentence_rows(parsed: ParsedSource) -> tuple[SentenceRow, ...]:
    """The rows of one parsed source, in reading order: front matter lines, headings, then each block's pieces."""
    out: list[SentenceRow] = []
    src = parsed.source
    if parsed.front_matter_span is not None:
        lines = src.text.split("\n")
        for n in range(parsed.front_matter_span.start, parsed.front_matter_span.end + 1):
            m = _FM_LINE.match(lines[n - 1]) if n - 1 < len(lines) else None
            if m:
                out.append((n, n, "meta", "", f"{m.group(1)}: {m.group(2).strip()}"))

    def walk(sec, path):
        heading = " > ".join(p for p in path if p)
        if sec.span is not None and sec.title:
            out.append((sec.span.start, sec.span.end, "heading", " > ".join(p for p in path[:-1] if p), readable(sec.title)))
        for b in sec.blocks:
            _block(b, heading, out)
        for c in sec.children:
            walk(c, path + [readable(c.title)])

    walk(parsed.root, [])
    return tuple(out)


IN_PAGE_LINK = re.compile(r"\[[^\]\n]+\]\(#[^)\s]*\)")  # "[Installation](#installation)": a table of contents' entry


def _block(b: Block, heading: str, out: list[SentenceRow]) -> None:
    if b.kind == "paragraph":
        for s, e, t in split_sentences(b.text, b.span.start):
            if t:
                out.append((s, e, "sentence", heading, t))
    elif b.kind == "item":
        prefix = f"{b.number}. " if b.ordered and b.number is not None else ""
        # a table of contents ("- [Installation de aws-cli](#installation-de-aws-cli)") repeats the headings, which
        # are rows of their own: as a sentence it would answer for the section it only points at
        toc = IN_PAGE_LINK.fullmatch(b.text.strip()) is not None
        for k, (s, e, t) in enumerate(split_sentences(b.text, b.span.start) if not toc else []):
            if t:
                out.append((s, e, "item", heading, (prefix if k == 0 else "") + t))
        for c in b.children:
            _block(c, heading, out)
    elif b.kind == "table":
        header = [readable(h) for h in (b.header or [])]
        keyed = not any(header) or vocab.keyvalue_header(header)
        for r in b.children:
            cells = [readable(c) for c in (r.cells or [])]
            if keyed and len(cells) == 2 and cells[0] and cells[1]:  # a key/value table: "담당자: Laze", not "항목: 담당자; 내용: Laze"
                out.append((r.span.start, r.span.end, "row", heading, f"{cells[0]}: {cells[1]}"))
                continue
            pairs = [f"{h}: {c}" if h else c for h, c in zip(header + [""] * len(cells), cells) if c]
            if pairs:
                out.append((r.span.start, r.span.end, "row", heading, "; ".join(pairs)))
    elif b.kind == "code" and not vocab.diagram(b.lang, b.text):  # a drawing states no sentence
        lines = b.text.rstrip("\n").split("\n")
        groups = commented_groups(lines)  # "# Verificar checksum" over "sha256sum -c …": each command with its comment
        if len(groups) < 2 and len(lines) <= MAX_CODE_LINES:
            if b.text.strip():
                out.append((b.span.start, b.span.end, "code", heading, "\n".join(lines)))
            return
        first = b.span.start + (1 if b.span.end - b.span.start + 1 > len(lines) else 0)  # after the ``` line
        for a, z in groups if len(groups) >= 2 else code_pieces(lines):
            out.append((first + a, first + z, "code", heading, "\n".join(lines[a : z + 1])))
    elif b.kind == "quote":
        for c in b.children:
            _block(c, heading, out)


_COMMENT = re.compile(r"^\s*(?:#(?![!#])|//|--)\s*\S")  # "# Descargar checksum", "// then reload", "-- count rows"


def commented_groups(lines: list[str]) -> list[tuple[int, int]]:
    """(first, last) line indexes of the groups of a code block that each open with a comment saying what the
    commands under it do; [] unless every command stands under such a comment and no group is longer than a piece."""
    out: list[tuple[int, int]] = []
    start = last = None
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        if _COMMENT.match(line) and (start is None or not _COMMENT.match(lines[last])):
            if start is not None:
                out.append((start, last))
            start = i  # a comment after a command (or the first line) opens a group; comments in a row stay together
        elif start is None:
            return []  # a command before any comment: the block is not written that way
        last = i
    if start is not None:
        out.append((start, last))
    commands = [g for g in out if any(not _COMMENT.match(x) for x in lines[g[0] : g[1] + 1] if x.strip())]
    if len(commands) != len(out) or any(z - a + 1 > MAX_CODE_LINES for a, z in out):
        return []
    return out


def code_pieces(lines: list[str], most: int = MAX_CODE_LINES) -> list[tuple[int, int]]:
    """(first, last) line indexes of a long code block cut into pieces of at most `most` lines, at blank
    lines where it can: a command in the middle of a long block is then found and cited on its own lines."""
    out: list[tuple[int, int]] = []
    start = None
    last_blank = None
    for i, line in enumerate(lines):
        if not line.strip():
            last_blank = i
            continue
        if start is None:
            start = i
        if i - start + 1 > most:
            cut = last_blank if last_blank is not None and last_blank > start else i
            end = cut - 1 if cut == last_blank else i - 1
            while end > start and not lines[end].strip():
                end -= 1
            out.append((start, end))
            start = next((k for k in range(cut if cut == last_blank else i, i + 1) if lines[k].strip()), i)
    if start is not None:
        end = len(lines) - 1
        while end > start and not lines[end].strip():
            end -= 1
        out.append((start, end))
    return out
