"""Parse a Source into a tree of Sections and Blocks, every one carrying its line Span.

This is the only place that looks at Markdown syntax. It walks markdown-it-py's
token stream and uses each token's `.map` (0-based, end-exclusive) to give every
block a 1-based inclusive line range into the raw file.
"""

from __future__ import annotations

import datetime
import html
import re
import tomllib
from dataclasses import replace
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from lorebook import vocab
from lorebook.model import Block, ParsedSource, Section, Source, Span
from lorebook.sources import chat
from lorebook.sources.html_notes import markdown_of_html
from lorebook.sources.html_tables import html_table_rows
from lorebook.sources.safe_yaml import MAX_TEXT, FrontMatterInvalid, FrontMatterRefused, load_front_matter
from lorebook.utilities import plain  # noqa: F401  (re-exported: extract/ reads it from here)

_md = (
    MarkdownIt("commonmark", {"html": True})
    .enable("table")
    .enable("strikethrough")
    .use(front_matter_plugin)
    # MkDocs' "!!! note" and Docusaurus' ":::danger" boxes: their indented or fenced lines are prose, not code
    .use(admon_plugin)
    .use(container_plugin, name="box", validate=lambda params, *_: bool(re.match(r"\s*[A-Za-z]", params)))
    # The tree reads an inline token's .content (set by the block rules), never its children: the inline
    # parse that builds them was ~40 % of markdown-it's time a source, for nothing.
    .disable("inline")
)

_TASK = re.compile(r"^\[([ xX])\]\s+")
# Closed ATX headings ("## Summary ##") leave trailing hashes in some renderers.
_CLOSING_HASHES = re.compile(r"\s+#+\s*$")
_HTML_PRE = re.compile(r"<pre\b[^>]*>(.*)</pre>", re.S | re.I)
# Docusaurus/MDX module lines: "import Tabs from '@theme/Tabs';", "export const toc = …".
_MDX_ESM = re.compile(r"(?:\s*(?:import\s+(?:[\w*{},\s]+\s+from\s+)?['\"][^'\"\n]+['\"]|export\s+(?:const|let|default|function)\b[^\n]*);?[ \t]*(?:\n|$))+")


def parse_tokens(text: str) -> list[Token]:
    return _md.parse(text)


_UNSPACED_HEADING = re.compile(r"^(#{2,6})(?=[^\s#])", re.M)
_FENCE_OR_FM = re.compile(r"^(?:`{3,}|~{3,}|---\s*$)")


def spaced_headings(text: str) -> str:
    """'##2024-01-23 18:30' read as the heading its writer meant (CommonMark wants '## '): two to six
    hashes at the start of a line outside code fences and front matter. One '#' stays text (a hashtag);
    the line count is unchanged, so every citation still points at the file's own line."""
    if not _UNSPACED_HEADING.search(text):
        return text
    out, fenced, in_fm = [], None, text.startswith("---")
    for i, line in enumerate(text.split("\n")):
        if in_fm:
            in_fm = not (i > 0 and line.strip() in ("---", "..."))
        elif fenced:
            fenced = None if line.lstrip().startswith(fenced) else fenced
        elif line.lstrip().startswith(("```", "~~~")):
            fenced = line.lstrip()[:3]
        else:
            line = _UNSPACED_HEADING.sub(r"\1 ", line)
        out.append(line)
    return "\n".join(out)


_TAB_TITLE = re.compile(r'^([ \t]*)===[!+]?[ \t]+"[^"\n]*"[ \t]*$', re.M)


def dedented_tabs(text: str) -> str:
    """MkDocs Material's content tabs (`=== "docker compose (Plugin)"` over lines indented four spaces) read as
    their writer meant: the tab's lines are its prose and fenced commands, not one indented code block that
    shows the fences as text. Each tab line loses the four spaces; the line count is unchanged."""
    if not _TAB_TITLE.search(text):
        return text
    out, tab_indent, fenced = [], None, None
    for line in text.split("\n"):
        if tab_indent is not None:
            inner = tab_indent + "    "
            if line.startswith(inner) or not line.strip():  # a blank line inside a tab does not close it
                out.append(tab_indent + line[len(inner):] if line.startswith(inner) else line)
                continue
            tab_indent = None
        stripped = line.lstrip()
        if fenced:
            fenced = None if stripped.startswith(fenced) else fenced
        elif stripped.startswith(("```", "~~~")):
            fenced = stripped[:3]
        elif (m := _TAB_TITLE.match(line)) is not None:
            tab_indent = m.group(1)
        out.append(line)
    return "\n".join(out)


_TOML_FENCE = "+++"
TOML_FM_LINES = 200  # a TOML front matter block closes within this many lines, or it is not one


def toml_front_matter(text: str) -> tuple[dict, int] | None:
    """Hugo's and Zola's front matter, TOML between two `+++` lines: (its values, the closing line's number), or
    None. Dates become ISO text, as YAML front matter's do; a block TOML cannot read is left as text."""
    if not text.startswith(_TOML_FENCE):
        return None
    lines = text.split("\n", TOML_FM_LINES + 1)
    if lines[0].strip() != _TOML_FENCE:
        return None
    end = next((i for i in range(1, min(len(lines), TOML_FM_LINES)) if lines[i].strip() == _TOML_FENCE), None)
    body = "\n".join(lines[1:end]) if end else ""
    if not end or len(body.encode("utf-8", "surrogatepass")) > MAX_TEXT:
        return None
    try:
        loaded = tomllib.loads(body)
    except (tomllib.TOMLDecodeError, RecursionError, ValueError):
        return None

    def plain_value(v):
        if isinstance(v, (datetime.date, datetime.time)):
            return v.isoformat()
        if isinstance(v, list):
            return [plain_value(x) for x in v]
        if isinstance(v, dict):
            return {k: plain_value(x) for k, x in v.items()}
        return v

    return {str(k): plain_value(v) for k, v in loaded.items()}, end + 1


def parse(source: Source) -> ParsedSource:
    """Turn a Source into front matter plus a Section tree."""
    text = markdown_of_html(source.text) or source.text  # a note pasted as HTML tags, line for line
    text = dedented_tabs(spaced_headings(text))
    front_matter: dict = {}
    warnings: list[str] = []
    fm_span = None
    toml = toml_front_matter(text)
    if toml:  # blanked for the Markdown parser, line for line, so every later line keeps its number
        front_matter, closing = toml
        fm_span = Span(source.path, 1, closing)
        lines = text.split("\n", closing)  # the block's lines, then the rest of the text as one piece
        text = "\n".join([""] * closing + lines[closing:])
    tokens = parse_tokens(text)
    if tokens and tokens[0].type == "front_matter":
        fm = tokens[0]
        fm_span = _span(source, fm.map, text_lines=None)
        try:
            loaded, notes = load_front_matter(fm.content)
            if isinstance(loaded, dict):
                front_matter = {str(k): v for k, v in loaded.items()}
            warnings += [f"{source.path}: front matter {n}" for n in notes]
        except FrontMatterInvalid:
            pass  # many real notes open with almost-YAML; their body compiles as it always did
        except FrontMatterRefused as e:
            warnings.append(f"{source.path}: {e}; compiled without its front matter")
        tokens = tokens[1:]
    lines = text.split("\n")
    builder = _TreeBuilder(source, lines)
    blocks_and_headings = _bold_sections(_list_sections(_plain_text_headings(
        source, builder.chat_messages(builder.blocks(tokens, 0, len(tokens))))))
    root = _nest(source, blocks_and_headings, lines)
    _drop_template_prompts(root)
    return ParsedSource(source=source, front_matter=front_matter, front_matter_span=fm_span, root=root, warnings=warnings)


def front_matter_line(source: Source, fm_span: Span, key: str) -> Span | None:
    """The line of `key:` inside the front matter block, or None."""
    head = source.text.split("\n", fm_span.end)[fm_span.start - 1 : fm_span.end]  # split no further than needed
    for n, line in enumerate(head, fm_span.start):
        if re.match(re.escape(key.lower()) + r"\s*[:=]", line.lstrip().lower()):  # YAML "key:", TOML "key ="
            return Span(source.path, n, n)
    return None


def _span(source: Source, m, text_lines: list[str] | None) -> Span:
    start, end = m[0] + 1, m[1]
    if text_lines is not None:
        # markdown-it includes trailing blank lines in list items; trim them.
        while end > start and not text_lines[end - 1].strip():
            end -= 1
    return Span(source.path, start, max(start, end))


class _Heading:
    def __init__(self, level: int, title: str, span: Span):
        self.level, self.title, self.span = level, title, span


class _TreeBuilder:
    """Turns a flat token range into Blocks (recursing into lists and quotes)."""

    def __init__(self, source: Source, lines: list[str]):
        self.source = source
        self.lines = lines
        self.list_counter = 0

    def span(self, m) -> Span:
        return _span(self.source, m, self.lines)

    def blocks(self, tokens: list[Token], i: int, end: int, heading_ok: bool = True) -> list:
        out: list = []
        while i < end:
            tok = tokens[i]
            t = tok.type
            if t == "heading_open":
                inline = tokens[i + 1]
                title = _CLOSING_HASHES.sub("", inline.content.strip())
                level = int(tok.tag[1])
                if heading_ok:
                    out.append(_Heading(level, title, self.span(tok.map)))
                else:  # a heading nested in a list or quote: keep it as text
                    out.append(Block("paragraph", title, self.span(tok.map)))
                i += 3
            elif t == "paragraph_open" and heading_ok and _MDX_ESM.fullmatch(tokens[i + 1].content):
                i += 3  # an MDX page's "import InlineVoucher from '@site/…';": code the site runs, not text
            elif t == "paragraph_open":
                inline = tokens[i + 1]
                para = Block("paragraph", inline.content, self.span(tok.map))
                para.label, para.label_shape = block_label(inline.content)
                out.append(para)
                i += 3
            elif t in ("fence", "code_block"):
                out.append(Block("code", tok.content, self.span(tok.map), lang=(tok.info or "").strip()))
                i += 1
            elif t == "html_block":
                out.append(self.html_table(tok) or self.html_pre(tok) or Block("html", tok.content, self.span(tok.map)))
                i += 1
            elif t in ("bullet_list_open", "ordered_list_open"):
                close = _matching_close(tokens, i)
                out.extend(self.list_items(tokens, i, close, ordered=t == "ordered_list_open"))
                i = close + 1
            elif t in ("blockquote_open", "admonition_open", "container_box_open"):
                close = _matching_close(tokens, i)
                children = self.blocks(tokens, i + 1, close, heading_ok=False)
                text = "\n".join(b.text for b in children if b.kind != "code")
                out.append(Block("quote", text, self.span(tok.map), children=children))
                i = close + 1
            elif t == "table_open":
                close = _matching_close(tokens, i)
                out.append(self.table(tokens, i, close))
                i = close + 1
            elif t == "hr":
                i += 1
            else:
                i += 1
        return out

    def chat_messages(self, items: list) -> list:
        """Runs of paragraphs that are a pasted chat transcript become one list of message items."""
        out: list = []
        run: list[tuple[Block, list[chat.Message]]] = []

        def flush() -> None:
            if run and chat.is_conversation([m for _, found in run for m in found]):
                self.list_counter += 1
                for para, found in run:
                    for m in found:
                        span = Span(self.source.path, para.span.start + m.first, para.span.start + m.last)
                        item = Block("item", m.line(), span, list_id=self.list_counter, speaker=m.speaker)
                        item.label, item.label_shape = block_label(m.text)
                        out.append(item)
            else:
                out.extend(para for para, _ in run)
            run.clear()

        for it in items:
            found = chat.messages(self.lines[it.span.start - 1 : it.span.end]) if (
                isinstance(it, Block) and it.kind == "paragraph") else None
            if found:
                run.append((it, found))
                continue
            flush()
            out.append(it)
        flush()
        return out

    def list_items(self, tokens: list[Token], i: int, close: int, ordered: bool) -> list[Block]:
        self.list_counter += 1
        list_id = self.list_counter
        start_number = int(tokens[i].attrs.get("start", 1)) if ordered else None
        items: list[Block] = []
        j = i + 1
        n = 0
        while j < close:
            if tokens[j].type == "list_item_open":
                item_close = _matching_close(tokens, j)
                children = self.blocks(tokens, j + 1, item_close, heading_ok=False)
                # The item's own text is its leading paragraphs; the rest are children.
                own: list[str] = []
                rest: list[Block] = []
                for b in children:
                    if b.kind == "paragraph" and not rest:
                        own.append(b.text)
                    else:
                        rest.append(b)
                text = "\n".join(own)
                nested = tokens[j + 1] if j + 1 < item_close else None
                if (not text and rest and rest[0].kind == "item" and nested is not None and nested.type == "bullet_list_open"
                        and nested.map and tokens[j].map and nested.map[0] == tokens[j].map[0]
                        and sum(1 for b in rest if b.kind == "item" and b.list_id == rest[0].list_id) == 1):
                    # "- + Einfach, geringe Kosten": a merit marked "+" (or "-") under a bullet, not a list in a list
                    text, rest = f"{nested.markup} {rest[0].text}", rest[0].children + rest[1:]
                checked = None
                m = _TASK.match(text)
                if m:
                    checked = m.group(1) in "xX"
                    text = text[m.end():]
                number = None
                if ordered:
                    info = tokens[j].info
                    number = int(info) if info and info.isdigit() else (start_number or 1) + n
                item = Block(
                    "item",
                    text,
                    self.span(tokens[j].map),
                    ordered=ordered,
                    number=number,
                    checked=checked,
                    children=rest,
                    list_id=list_id,
                )
                item.label, item.label_shape = block_label(text)
                items.append(item)
                n += 1
                j = item_close + 1
            else:
                j += 1
        return items

    def html_pre(self, tok: Token) -> Block | None:
        """A `<pre>` block (`<pre><code>rec_control add-nta de.</code></pre>`, as Jekyll and wiki exports write one)
        is a code block: its text, tags taken out and entities read, is what to run or what a program printed."""
        m = _HTML_PRE.fullmatch(tok.content.strip())
        if m is None:
            return None
        text = html.unescape(re.sub(r"<[^>]{1,200}>", "", m.group(1))).strip("\n")
        return Block("code", text + "\n", self.span(tok.map)) if text.strip() else None

    def html_table(self, tok: Token) -> Block | None:
        """A `<table>` block as a table: a header row of <th> cells heads it, else its first row does, as in
        Markdown; a table whose every row is a <th> key and its <td> value has no header, only key/value rows."""
        rows = html_table_rows(tok.content)
        if not rows or tok.map is None:
            return None
        first = tok.map[0]
        keyed = all(r.keyed for r in rows)
        header = rows[0].cells if not keyed and (rows[0].header or len(rows) > 1) else []
        body = rows[1:] if header else rows
        out = [Block("row", " | ".join(r.cells), self.span([first + r.line, first + r.end + 1]), cells=r.cells, header=header)
               for r in body]
        return Block("table", " | ".join(header), self.span(tok.map), header=header, children=out)

    def table(self, tokens: list[Token], i: int, close: int) -> Block:
        header: list[str] = []
        rows: list[Block] = []
        j = i + 1
        in_head = False
        current: list[str] | None = None
        row_map = None
        while j < close:
            tok = tokens[j]
            if tok.type == "thead_open":
                in_head = True
            elif tok.type == "thead_close":
                in_head = False
            elif tok.type == "tr_open":
                current, row_map = [], tok.map
            elif tok.type == "inline" and current is not None:
                current.append(tok.content.strip())
            elif tok.type == "tr_close" and current is not None:
                if in_head:
                    header = current
                else:
                    rows.append(Block("row", " | ".join(current), self.span(row_map), cells=current))
                current = None
            j += 1
        for r in rows:
            r.header = header
        return Block("table", " | ".join(header), self.span(tokens[i].map), header=header, children=rows)


def _matching_close(tokens: list[Token], i: int) -> int:
    """Index of the token closing tokens[i] (same nesting level)."""
    open_type = tokens[i].type
    close_type = open_type.replace("_open", "_close")
    depth = 0
    for j in range(i, len(tokens)):
        if tokens[j].type == open_type:
            depth += 1
        elif tokens[j].type == close_type:
            depth -= 1
            if depth == 0:
                return j
    return len(tokens) - 1


_SUB_LABEL = re.compile(r"^\s*([^\W\d_][\w '’/&()-]{0,60}?)\s*[:：]\s*$")


def _plain_text_headings(source: Source, items: list) -> list:
    """A note written without Markdown headings ("Timeline" alone on a line, then its lines) gets them.

    Only when the file has no heading at all and at least two paragraphs open with such a
    line: each opening line becomes a heading, and a short "Root Cause:" line opening a
    paragraph under it a sub-heading, so section readers work on plain-text notes too.
    """
    if any(isinstance(it, _Heading) for it in items):
        return items
    numbered = _numbered_titles(items)
    paras = [it for it in items if isinstance(it, Block) and it.kind == "paragraph"]
    run_on = any(sum(1 for ln in it.text.split("\n")[1:] if _part_line(ln)) >= 2 for it in paras)  # a note with no blank line
    # "Timeline" on a line of its own ("**Timeline**" is _bold_sections' to read)
    alone = sum(1 for it in paras if "\n" not in it.text.strip() and _part_line(it.text) and not _bold_only(it))
    if sum(1 for it in paras if it.label_shape == "line") + len(numbered) + alone < 2 and not run_on:
        return items
    out: list = []
    for it in items:
        if id(it) in numbered:  # "2. Root Cause" alone in its list, then the section's paragraphs
            first, _, rest = it.text.partition("\n")
            out.append(_Heading(numbered[id(it)], first.strip(), Span(source.path, it.span.start, it.span.start)))
            if rest.strip():
                out.append(_after_first_line(source, it, rest))
            continue
        if not (isinstance(it, Block) and it.kind == "paragraph"):
            out.append(it)
            continue
        first, _, rest = it.text.partition("\n")
        sub = _sub_label(first)
        if it.label_shape == "line" or (sub and rest.strip() and len(sub.group(1).split()) <= 5):
            level = 2 if it.label_shape == "line" else 3
            title = first.strip() if level == 2 else sub.group(1).strip()
            out.append(_Heading(level, title, Span(source.path, it.span.start, it.span.start)))
            if rest.strip():
                for part in _plain_text_headings_sub(source, _after_first_line(source, it, rest)):
                    out.extend(_split_at_part_lines(source, part) if isinstance(part, Block) else [part])
            continue
        if "\n" not in it.text.strip() and _part_line(it.text) and not _bold_only(it):  # "Timeline", "Tasks …:" alone
            out.append(_Heading(2, _part_line(it.text), Span(source.path, it.span.start, it.span.start)))
            continue
        out.extend(_split_at_part_lines(source, it, after_heading=bool(out) and isinstance(out[-1], _Heading)))
    return _plain_title(source, out)


@lru_cache(maxsize=16384)  # asked of every line of every paragraph of a note with no heading
def _part_line(line: str) -> str:
    """A line inside a plain-text paragraph that names a part and says nothing else ("Root Cause:", "Incident
    Timeline:", "Corrective and preventative measures"), else ""."""
    t = plain(line).strip()
    label = t.rstrip(":：").strip()
    if not label or len(label.split()) > 6 or re.search(r"[.,;!?。、)\]]$", label) or _CODE_LINE.search(label):
        return ""
    return label if vocab.names_a_part(label) else ""


def _split_at_part_lines(source: Source, para: Block, after_heading: bool = False) -> list:
    """A plain-text paragraph that runs on past part names ("Impact:", then "Root Cause:", then "Incident Timeline:",
    each alone on its line, with no blank line between): each such line opens a sub-heading of its own."""
    if para.kind != "paragraph":
        return [para]
    lines = para.text.split("\n")
    cuts = [k for k in range(1, len(lines)) if _part_line(lines[k]) or _TYPED_BULLET.match(lines[k])
            or (k > 0 and _TYPED_BULLET.match(lines[k - 1]))]
    if after_heading:
        cuts = [0, *cuts]
    if not cuts:
        return [para]
    out: list = []
    bounds = sorted({0, *cuts, len(lines)})
    for a, b in zip(bounds, bounds[1:]):
        chunk, start = lines[a:b], para.span.start + a
        bullet = _TYPED_BULLET.match(chunk[0])
        if bullet:  # "•\tAugust 10, 15:45: Issue detected", typed in a word processor: one item of a list
            text = chunk[0][bullet.end():]
            out.append(Block("item", text, Span(source.path, start, start), list_id=-2 * para.span.start))
            out[-1].label, out[-1].label_shape = block_label(text)
            chunk, start = chunk[1:], start + 1
        elif a in cuts and _part_line(chunk[0]):
            out.append(_Heading(3, _part_line(chunk[0]), Span(source.path, start, start)))
            chunk, start = chunk[1:], start + 1
        if chunk and "".join(chunk).strip() and a in cuts and _line_per_sentence(chunk):
            # "Improve the data migration process.\nAdd monitoring to detect …": one sentence a line under a part's
            # name is a list typed without its bullets (negative list ids, odd and even, are never the parser's)
            for k, line in enumerate(chunk):
                out.append(Block("item", line.strip(), Span(source.path, start + k, start + k), list_id=-2 * start - 1))
                out[-1].label, out[-1].label_shape = block_label(line.strip())
        elif chunk and "".join(chunk).strip():
            blk = Block("paragraph", "\n".join(chunk), Span(source.path, start, start + len(chunk) - 1))
            blk.label, blk.label_shape = block_label(blk.text)
            out.append(blk)
    return out


def _line_per_sentence(lines: list[str]) -> bool:
    """Two lines or more, each one whole sentence: a capital or a digit first, a full stop last."""
    lines = [ln.strip() for ln in lines]
    return len(lines) >= 2 and all(ln and (ln[0].isupper() or ln[0].isdigit()) and ln[-1] in ".!?"
                                   and block_label(ln)[1] != "key" for ln in lines)  # "Root Cause: …" lines stay labels


_TYPED_BULLET = re.compile(r"^[ \t]*[•●▪◦‣][ \t]*(?=\S)")


def _plain_title(source: Source, items: list) -> list:
    """A plain-text note's first line standing alone ("Outage Postmortem: Service Interruption Incident") is its
    title when it names no part and reads as no sentence."""
    first = items[0] if items else None
    if not (isinstance(first, Block) and first.kind == "paragraph") or "\n" in first.text.strip():
        return items
    t = plain(first.text).strip()
    if not t or len(t.split()) > 12 or re.search(r"[.!?。]$", t) or vocab.names_a_part(t.rstrip(":：")) \
            or vocab.names_a_field(t.split(":")[0]):
        return items
    return [_Heading(1, t, first.span), *items[1:]]


def _numbered_titles(items: list) -> dict[int, int]:
    """Numbered lines that stand for headings in a note with none ("1. Summary of the Issue", "2. Root Cause"),
    with their level: each the only item of its list, short, with no sentence end; at least two numbered 1, 2, …
    in order (a run restarting at 1 under one of them numbers its sub-sections)."""
    sizes = _list_sizes(items)
    found = []
    for it in items:
        if not (isinstance(it, Block) and it.kind == "item" and it.ordered and sizes[it.list_id] == 1 and not it.children):
            continue
        first = it.text.partition("\n")[0].strip()
        if 0 < len(first) <= 60 and len(first.split()) <= 8 and not re.search(r"[.,;:!?。]$|`", first):
            found.append(it)
    levels: dict[int, int] = {}
    top = sub = 0
    for it in found:  # "1." … "5. Recommended Adjustments", then "1. Add Retry Logic", "2. …" under it
        if it.number == top + 1:
            top, sub, levels[id(it)] = it.number, 0, 2
        elif top and it.number == sub + 1:
            sub, levels[id(it)] = it.number, 3
    return levels if sum(1 for v in levels.values() if v == 2) >= 2 else {}


def _list_sizes(items: list) -> dict[int, int]:
    """How many items each list has (by list id)."""
    sizes: dict[int, int] = {}
    for it in items:
        if isinstance(it, Block) and it.kind == "item":
            sizes[it.list_id] = sizes.get(it.list_id, 0) + 1
    return sizes


def _list_sections(items: list) -> list:
    """A list whose items are a note's parts ("1. Контекст:" over its bullets, "- **Decision:**" over its own) gets
    headings: each such item becomes a heading one level under the section it is in, its nested blocks that
    section's blocks, so every section reader finds them. Only when at least two items of one list, and half
    of it, are a bare label naming a part with something nested under it."""
    labels: dict[int, str] = {}
    per_list: dict[int, int] = {}
    for it in items:
        if isinstance(it, Block) and it.kind == "item" and it.children and "\n" not in it.text.strip():
            m = _sub_label(plain(it.text).strip())
            if m and len(m.group(1).split()) <= 5 and vocab.names_a_part(m.group(1)):
                labels[id(it)] = m.group(1).strip()
                per_list[it.list_id] = per_list.get(it.list_id, 0) + 1
    sizes = _list_sizes(items)
    per_list = {k: n for k, n in per_list.items() if n >= 2 and 2 * n >= sizes[k]}
    if not per_list:
        return items
    out: list = []
    level = 0
    for it in items:
        if isinstance(it, _Heading):
            level = it.level
        if id(it) in labels and it.list_id in per_list:
            out.append(_Heading(min(level + 1, 6), labels[id(it)], Span(it.span.source, it.span.start, it.span.start)))
            out.extend(it.children)
            continue
        out.append(it)
    return out


# A paragraph that is only a label: "**Action Items**", "**Timeline:**", "Consequences:"
_BOLD_ONLY = re.compile(r"^\s*(?:(\*\*|__)([^*_\n]{1,60}?)\s*[:：]?\s*\1\s*[:：]?|()([^*_`\n:：,，]{1,40}?)\s*[:：])\s*$")  # not "Going forward, we will:" (a lead-in)


def _bold_sections(items: list) -> list:
    """Paragraphs that are only a label naming a part ("**Action Items**", "**Timeline:**", "Consequences:"), at least
    two of them, each over blocks of its own right under the title, stand for headings one level under it, so every
    section reader finds the parts of notes that mark them with bold lines or label lines instead of headings. Deeper
    down such a line ("**Vérification de l'enregistrement**" inside step C) labels a detail of its section."""
    labels = {id(it): label for it in items
              if isinstance(it, Block) and it.kind == "paragraph" and (label := _part_label_only(it.text))}
    headless = not any(isinstance(it, _Heading) for it in items)
    title = _bold_title(items[0]) if items and headless else ""
    if headless:  # notes with no heading at all that set every section off with a bold line: each one is a heading
        bold = {id(it): b for it in items[1 if title else 0:] if (b := _bold_only(it))}
        if len(bold) >= BOLD_HEADINGS:
            labels = {**bold, **labels}
    if len(labels) < 2:  # one "**Prerequisites:**" over its list is a bold lead: the part reader bounds what it owns
        return items
    out: list = []
    level = 0
    bold_level = 0  # the level given to the last bold line: the next one after its sub-headings is its sibling
    if title:  # "**ADR 001 - Decisoes de Arquitetura**" over "**Contexto**", "**Decisoes**": the notes' title, in bold
        out.append(_Heading(1, title, Span(items[0].span.source, items[0].span.start, items[0].span.start)))
        items, level = items[1:], 1
    for k, it in enumerate(items):
        if isinstance(it, _Heading):
            level = it.level
            if level < bold_level:
                bold_level = 0
        label = labels.get(id(it), "")
        at = bold_level if bold_level and level >= bold_level else min(level + 1, 6)
        nxt = items[k + 1] if k + 1 < len(items) else None
        if label and at <= 2 and nxt is not None and (not isinstance(nxt, _Heading) or nxt.level > at):  # "### 16:22" under it
            out.append(_Heading(at, label, Span(it.span.source, it.span.start, it.span.start)))
            bold_level = level = at
            continue
        out.append(it)
    return out


BOLD_HEADINGS = 3  # bold lines alone on their line, in notes with no heading, that make them the notes' headings


def _bold_only(it) -> str:
    """The text of a paragraph that is one bold line and nothing else ("**Provisionamento**"), else ""."""
    if not isinstance(it, Block) or it.kind != "paragraph" or "\n" in it.text.strip():
        return ""
    m = _BOLD_ONLY.match(it.text)
    return m.group(2).strip() if m and m.group(2) else ""


def _bold_title(first) -> str:
    """The text of a first paragraph that is one bold line naming no part ("**Runbook Operacional**"), else ""."""
    return "" if _part_label_only(getattr(first, "text", "")) else _bold_only(first)


def _part_label_only(text: str) -> str:
    """The label of a paragraph that is nothing but a short label naming a part, else ""."""
    m = _BOLD_ONLY.match(text)
    label = (m.group(2) or m.group(4) or "").strip() if m else ""
    return label if label and len(label.split()) <= 5 and (vocab.names_a_part(label) or vocab.names_a_field(label)) else ""


def _plain_text_headings_sub(source: Source, para: Block) -> list:
    """The rest of a plain-text section's first paragraph: a "Label:" line opening it is a sub-heading."""
    first, _, rest = para.text.partition("\n")
    sub = _sub_label(first)
    if sub and rest.strip() and len(sub.group(1).split()) <= 5:
        return [_Heading(3, sub.group(1).strip(), Span(source.path, para.span.start, para.span.start)),
                _after_first_line(source, para, rest)]
    return [para]


def _sub_label(line: str) -> re.Match | None:
    """A short "Root Cause:" line standing for a sub-heading; never code ("depends_on:" opens YAML, not a section)."""
    m = _SUB_LABEL.match(line)
    return m if m and not _CODE_LINE.search(m.group(1)) else None


def _after_first_line(source: Source, blk: Block, rest: str) -> Block:
    """The lines of a block after its first (which became a heading), as a paragraph labelled like any other."""
    para = Block("paragraph", rest, Span(source.path, blk.span.start + 1, blk.span.end))
    para.label, para.label_shape = block_label(rest)
    return para


def _nest(source: Source, items: list, lines: list[str]) -> Section:
    """Fold a flat list of headings and blocks into a Section tree."""
    root = Section(title="", level=0, span=None)
    stack = [root]
    for it in items:
        if isinstance(it, _Heading):
            while stack[-1].level >= it.level:
                stack.pop()
            sec = Section(title=it.title, level=it.level, span=it.span)
            stack[-1].children.append(sec)
            stack.append(sec)
        else:
            stack[-1].blocks.append(it)
    _fill_extents(root, source, len(lines))
    return root


# A template's prompt kept under its heading: "_What caused this situation?_", "***Lista de las opciones…***". A
# whole line in italics (one "*" or "_", or "***"), not bold: "**Status:** …" is a label.
_PROMPT_LINE = re.compile(r"^\s*(\*\*\*|\*|_)(?![\s*_])(.+?)(?<![\s*_])\1\s*$")


def _prompt_lines(b: Block) -> int:
    """How many of a paragraph's first lines are template prompts."""
    if b.kind != "paragraph":
        return 0
    lines = b.text.split("\n")
    k = 0
    while k < len(lines) and _PROMPT_LINE.match(lines[k]):
        k += 1
    return k


def _drop_template_prompts(root: Section) -> None:
    """A filled-in template keeps the prompts under its headings ("_What was the impact on Veterans?_" above the
    impact): they say what the part is for, not what happened, so they are no part of a field. Only where the
    document shows the shape in two sections at least (a prompt, then the author's own text), or a lone prompt
    asks a question; a section whose one line is in italics ("*Accepted*") keeps it."""
    found = []
    for sec in root.walk():
        if not sec.blocks or not sec.span:
            continue
        first, k = sec.blocks[0], _prompt_lines(sec.blocks[0])
        if not k:
            continue
        lines = first.text.split("\n")
        followed = k < len(lines) or len(sec.blocks) > 1 or bool(sec.children)
        found.append((sec, k, followed, any(ln.rstrip().rstrip("*_").endswith("?") for ln in lines[:k])))
    if sum(1 for _s, _k, followed, _q in found if followed) < 2:
        return
    for sec, k, followed, asks in found:
        first = sec.blocks[0]
        lines = first.text.split("\n")
        if k < len(lines):
            rest = "\n".join(lines[k:])
            label, shape = block_label(rest)  # the prompt's bold-italic line was the block's label; the text has its own
            sec.blocks[0] = replace(first, text=rest, span=Span(first.span.source, first.span.start + k, first.span.end),
                                    label=label, label_shape=shape)
        elif followed or asks:
            del sec.blocks[0]


def _fill_extents(sec: Section, source: Source, nlines: int) -> int:
    """Set each section's extent to heading..last content line; return that last line."""
    last = sec.span.end if sec.span else 0
    for b in sec.blocks:
        last = max(last, b.span.end)
    for c in sec.children:
        last = max(last, _fill_extents(c, source, nlines))
    if sec.span is not None:
        sec.extent = Span(source.path, sec.span.start, max(last, sec.span.end))
    elif last:
        first = min([b.span.start for b in sec.blocks] + [c.span.start for c in sec.children if c.span] or [1])
        sec.extent = Span(source.path, first, last)
    return last


# --- labels: how authors name a paragraph or list item ---

# "**Root cause.** …", "**Summary:** …", "**Root cause**: …", "__Verify__ - …"; "**트리거**는 …", "**原因**は、…":
# a bold word with a topic particle labels what follows, as a colon would.
_BOLD_LABEL = re.compile(r"^\s*(\*\*|__)(?P<lab>[^*_\n]{1,80}?)\s*(?P<p1>[:：.。])?\s*\1\s*(?P<p2>[:：.。—–-](?!\S*\d)|(?:는|은|は)(?=[\s、,，]))?\s*(?P<rest>.*)$", re.S)
_INLINE_TAG = re.compile(r"</?(?:b|strong|i|em|u|mark|span|small|big)\b[^>]{0,80}>", re.I)
# "Status: Accepted", "심각도: SEV-2", "Zeit bis zur Wiederherstellung: 20 Minuten"; a key is a short phrase.
# "事件日期:2026-06-30": a CJK label is often followed by a half-width colon and no space
CJK_COLON = rf"(?<=[{vocab.CJK_CHARS}]):(?=[^\s/])"
# The symbols a note puts before a label or a level as decoration: "💥 Gravité:", "🔴 High", "⚠️ "
BADGE = "[\u2190-\u2bff\U0001f000-\U0001faff\ufe0f\u200d]"
_KEY_LABEL = re.compile(rf"^\s*(?:[-*+]\s+)?(?:{BADGE}+\s*)?(?P<lab>[^\W\d_][\w '’/()&-]{{0,48}}?)\s*(?::\s+|：\s*|{CJK_COLON})(?P<rest>\S.*)?$", re.S)
# ("⏱️ Temps perdu: ~10 minutes": an emoji before a label is its badge, not part of it)
_NOT_KEY = re.compile(r"^(?:https?|ftp|mailto|file|note that|e\.g|i\.e)$", re.I)


# A first line that is code pasted without a fence ("depends_on:", "for i in range(30):", "def log(msg):",
# "SELECT"): never a plain-text heading.
_CODE_LINE = re.compile(r"[(){}\[\]=<>$;]|[a-z0-9]_[a-z0-9]|^(?:for|def|if|elif|else|while|class|import|return|try|except|"
                        r"select|from|where|insert|update|delete|with)\b", re.I)


def _names_part_unpunctuated(lab: str, rest: str) -> bool:
    """A bold lead with no colon before a new sentence labels it when it is the name of a part: "**Problème
    identifié** Notre hébergeur …" and "**Impact** Users could not …" do; "**Kafka** is our broker" (not a
    part's name) and "**Summary** of the changes …" (the sentence goes on in lower case) do not."""
    head = rest.lstrip()[:1]
    return (bool(lab) and len(lab.split()) <= 4 and bool(head) and not head.islower() and head not in "([{<,;"
            and vocab.names_a_field(lab))


# "TODO" alone under a heading marks text still to be written; it names no part
_PLACEHOLDER_LINES = frozenset({"todo", "to do", "tbd", "tba", "wip", "n/a", "fixme"})


def bare_part_name(text: str) -> bool:
    """Is this one line only a part's name ("Kontext", "Root cause"), a heading written as plain text? Its label is then
    the whole line, and the text after the label is empty."""
    t = plain(text).strip()
    return ("\n" not in (text or "").strip() and len(t.split()) <= 4 and not t.endswith((":", "：")) and vocab.is_part_name(t)
            and not _CODE_LINE.search(t) and t.lower() not in _PLACEHOLDER_LINES)


@lru_cache(maxsize=16384)  # asked of each block by the segmenter, the classifier and every extractor
def block_label(text: str) -> tuple[str, str]:
    """(label, shape) of a paragraph or item's first line: a bold lead, a "Key: value" line or a lead-in ending in ":".

    Shape is "bold" (also a part's name alone on its line, "Kontext", which heads what follows as a bold
    lead does), "key", "leadin" or "line" (a short first line standing alone, as in plain-text notes;
    readers match it only exactly); ("", "") when the block has no label.
    """
    first = _INLINE_TAG.sub("", (text or "").split("\n", 1)[0])  # "<b>日時: 2025-06-17</b>" is "日時: 2025-06-17"
    m = _BOLD_LABEL.match(first)
    if m and (m.group("p1") or m.group("p2") or not m.group("rest").strip()):
        lab = plain(m.group("lab")).strip()
        if lab and len(lab.split()) <= 8:
            return lab, "bold"
    if m and _names_part_unpunctuated(plain(m.group("lab")).strip(), m.group("rest")):
        return plain(m.group("lab")).strip(), "bold"
    t = plain(first).strip()
    if "\n" not in (text or "").strip() and bare_part_name(first):
        return t, "bold"  # "Kontext" alone on its line over a list: a part's name written as a plain-text heading
    if (t.endswith(":") or t.endswith("：")) and "\n" not in (text or "").strip() and len(t) <= 160:
        return t[:-1].strip(), "leadin"
    m = _KEY_LABEL.match(first.replace("**", "").replace("__", ""))
    if m and m.group("rest") and not _NOT_KEY.match(m.group("lab").strip()) and len(m.group("lab").split()) <= 6:
        return plain(m.group("lab")).strip(), "key"
    if ("\n" in (text or "").strip() and t and len(t.split()) <= 4 and not re.search(r"[.,;!?。、)\]]$", t) and not t[:1].isdigit()
            and not _CODE_LINE.search(t)):
        return t.rstrip(":：").strip(), "line"  # a plain-text heading: "Conclusion" or "Impact:" alone on the paragraph's first line
    return "", ""
