"""The labelled parts of a document: every place an author named something, the same for every kind.

A part is a heading's section, a bold-lead paragraph ("**Root cause.** …") with
the blocks that follow it, a "Key: value" line, a lead-in ("Going forward, we
will:") with its list, a table row with its column names, a checklist, or a
front matter entry. Extractors ask for the part a field's vocabulary names
(lorebook.vocab) instead of matching headings, keys and tables their own way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

from lorebook import vocab
from lorebook.model import Block, Document, Section, Span, span_union
from lorebook.sources import chat
from lorebook.sources.markdown import CJK_COLON, block_label, front_matter_line, plain


@dataclass
class Part:
    """One labelled part. `blocks` hold its value; `value` is the text after an inline label."""

    label: str
    shape: str  # section | bold | key (a "Key: value" line or heading) | leadin | line | table | row | checklist | front_matter
    blocks: list[Block]
    span: Span
    value: str = ""
    section: Section | None = None
    cells: dict[str, str] = field(default_factory=dict)  # row: column name -> cell text
    table: Block | None = None

    @property
    def key(self) -> str:
        return vocab.norm_label(self.label)


@dataclass
class Meta:
    """A metadata value and the line it was read from."""

    value: str
    span: Span


def plain_keep_colon(line: str) -> str:
    """Strip inline markup but keep the 'Key:' shape ("**Status:** x" -> "Status: x")."""
    t = line.replace("**", "").replace("__", "")
    t = re.sub(r"(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)", r"\1", t)
    return plain(t) if "](" in t or "`" in t else t.strip()


def line_span(b: Block, i: int) -> Span:
    """Span of line i of a block's text (clamped to the block)."""
    n = min(b.span.start + i, b.span.end)
    return Span(b.span.source, n, n)


# --- the one heading matcher ---


def section_matches(sec: Section, names: Iterable[str], not_after: tuple[str, ...] = (), prefix: bool = True) -> bool:
    if not sec.title:
        return False
    return _title_matches(sec.title, tuple(names), tuple(not_after), prefix)


@lru_cache(maxsize=65536)  # every find_section walks the whole tree: the same headings are asked of the same names
def _title_matches(title: str, names: tuple[str, ...], not_after: tuple[str, ...], prefix: bool) -> bool:
    h = vocab.norm_label(title).rstrip("?").strip()
    if vocab.label_matches(h, names, not_after, prefix) is not None:
        return True
    return any(vocab.label_matches(vocab.norm_label(part).rstrip("?").strip(), names, not_after, prefix) is not None
               for part in glossed_parts(title))


_GLOSS = re.compile(r"[()（）]|・")


def glossed_parts(title: str) -> list[str]:
    """A heading glossed in a second language or with a second name, "解決策・復旧手順 (Resolution)":
    its parts, each a heading of its own; none when it has no gloss. A dated note, "(Stand 02.10.2026)",
    "(as of 2024-05-01)", is when the text was written, not a second name."""
    if not _GLOSS.search(title):
        return []
    return [p for p in _GLOSS.split(title) if p.strip() and not _DATED_NOTE.search(p)]


_DATED_NOTE = re.compile(r"\d{1,4}[./-]\d{1,2}(?:[./-]\d{1,4})?")


def find_sections(root: Section, names: Iterable[str], not_after: tuple[str, ...] = (), skip: Iterable[Section] = (),
                  prefix: bool = True) -> list[Section]:
    """Sections (document order, not inside a skipped subtree) whose heading is one of `names`."""
    names = tuple(names)
    skipped = [s for s in skip if s is not None]
    out: list[Section] = []

    def walk(sec: Section):
        if any(sec is s for s in skipped):
            return
        if sec is not root and section_matches(sec, names, not_after, prefix):
            out.append(sec)
        for c in sec.children:
            walk(c)

    walk(root)
    return out


def find_section(root: Section, names: Iterable[str], not_after: tuple[str, ...] = (), skip: Iterable[Section] = (),
                 exact_first: bool = False) -> Section | None:
    """First section named by `names`; with `exact_first`, an exact name wins over a longer heading."""
    names = tuple(names)
    found = find_sections(root, names, not_after, skip)
    if exact_first:
        for s in found:
            if vocab.norm_label(s.title).rstrip("?").strip() in names:
                return s
    return found[0] if found else None


def field_section(root: Section, kind: str, name: str, skip: Iterable[Section] = (), fallback: bool = True,
                  exact_first: bool = False) -> Section | None:
    """The section a field's labels name; its fallback labels only when no outright label is present."""
    f = vocab.field(kind, name)
    sec = find_section(root, f.labels, f.not_after, skip, exact_first) if f.labels else None
    if sec is None and fallback and f.fallback:
        sec = find_section(root, f.fallback, f.not_after, skip, exact_first)
    return sec


def section_blocks(sec: Section) -> list[Block]:
    out = list(sec.blocks)
    for c in sec.children:
        out.extend(section_blocks(c))
    return out


# --- the parts ---


def labelled_parts(doc: Document) -> list[Part]:
    """Every labelled part of a document, in document order (front matter first)."""
    out: list[Part] = []
    fm = doc.front_matter or {}
    if doc.front_matter_span:
        for k, v in fm.items():
            v = braced_value(v)
            if v is None or isinstance(v, dict):
                continue
            if isinstance(v, list):
                v = ", ".join(str(x) for x in v)
            span = front_matter_line(doc.source, doc.front_matter_span, str(k)) or doc.front_matter_span
            out.append(Part(str(k), "front_matter", [], span, value=str(v)))

    def walk(sec: Section):
        if sec is not doc.root and sec.title:
            blocks = section_blocks(sec)
            out.append(Part(plain(sec.title), "section", blocks, sec.extent or sec.span, section=sec))
            heading_key = heading_value(sec)
            if heading_key:  # "## Impact: 40 % of requests failed": a key line written as a heading
                out.append(Part(heading_key[0], "key", [], sec.span, value=heading_key[1], section=sec))
        _block_parts(sec.blocks, out, sec)
        for c in sec.children:
            walk(c)

    walk(doc.root)
    return out


def heading_value(sec: Section) -> tuple[str, str] | None:
    """(label, value) of a heading that carries its value: "Status: Accepted", "Root cause: an expired certificate"."""
    if not sec.span or not sec.title:
        return None
    lab, shape = block_label(sec.title)
    value = after_label(sec.title) if shape in ("key", "bold") else ""
    return (lab, value) if lab and value else None


def _block_parts(blocks: list[Block], out: list[Part], sec: Section) -> None:
    for i, blk in enumerate(blocks):
        if blk.kind in ("paragraph", "item"):
            _labelled_block(blocks, i, out, sec)
            if blk.kind == "item" and blk.checked is not None and (i == 0 or blocks[i - 1].list_id != blk.list_id):
                items = [x for x in blocks[i:] if x.kind == "item" and x.list_id == blk.list_id]
                lead = blocks[i - 1] if i and blocks[i - 1].label_shape == "leadin" else None
                label = lead.label if lead else plain(sec.title)
                out.append(Part(label, "checklist", items, span_union([x.span for x in items]), section=sec))
            if blk.children:
                _block_parts(blk.children, out, sec)
        elif blk.kind == "table":
            header = [plain(h) for h in blk.header]
            out.append(Part(" | ".join(header), "table", [blk], blk.span, section=sec, table=blk))
            for row in blk.children:
                cells = {header[j] if j < len(header) and header[j] else str(j): plain(c) for j, c in enumerate(row.cells)}
                label = (plain(row.cells[0]) if row.cells else "").rstrip(":")
                value = plain(row.cells[1]) if len(row.cells) >= 2 else ""
                out.append(Part(label, "row", [row], row.span, value=value, section=sec, cells=cells, table=blk))
                if len(header) == 2 and value and vocab.names_a_part(label):
                    # "| Root cause | An expired certificate |": a two-column row naming a part labels its value
                    out.append(Part(label, "key", [row], row.span, value=value, section=sec))
        elif blk.kind == "quote" and blk.children:
            _block_parts(blk.children, out, sec)


def _labelled_block(blocks: list[Block], i: int, out: list[Part], sec: Section) -> None:
    blk = blocks[i]
    if blk.label_shape == "line":
        value = re.sub(r"^\s*[:~]\s+", "", blk.text.split("\n", 1)[1])  # "Root cause\n: The disk filled.": a definition list
        out.append(Part(blk.label, "line", [blk], blk.span, value=plain(value), section=sec))
    elif blk.label_shape == "bold":
        rest = after_label(blk.text)
        owned = [blk]
        if blk.kind == "paragraph":  # a bold lead opens a section that runs to the next bold lead
            first_list = None
            for nxt in blocks[i + 1:]:
                if nxt.kind == "paragraph" and nxt.label_shape in ("bold",):
                    break
                if nxt.kind == "item":  # one list belongs to the lead; the next list starts something else
                    if first_list is not None and nxt.list_id != first_list:
                        break
                    first_list = nxt.list_id
                owned.append(nxt)
        elif not rest:  # "- **Impact:**" over its own nested bullets: they are its value
            owned += [c for c in blk.children if c.kind in ("item", "paragraph")]
        out.append(Part(blk.label, "bold", owned, span_union([b.span for b in owned]), value=rest, section=sec))
    elif blk.label_shape == "leadin":
        owned = []
        # "- 影响：" over its own nested bullets: they are its value
        nested = [c for c in blk.children if c.kind in ("item", "paragraph")] if blk.kind == "item" else []
        for nxt in ([] if nested else blocks[i + 1:]):
            if nxt.kind == "html" and not owned:
                continue  # a template's comment between the lead-in and its list
            if nxt.kind not in ("item", "code", "table") or (owned and nxt.kind == "item" and owned[0].kind == "item"
                                                               and nxt.list_id != owned[0].list_id):
                break
            owned.append(nxt)
        owned = nested or owned
        if not owned:  # "User Impact:" alone over a paragraph (template comments in between are skipped)
            nxt = next((x for x in blocks[i + 1:] if x.kind != "html"), None)
            if nxt is not None and nxt.kind == "paragraph" and not nxt.label_shape:
                owned = [nxt]
        if owned:
            out.append(Part(blk.label, "leadin", owned, span_union([b.span for b in owned]), section=sec))
    # "Key: value" lines, one part per line (a paragraph may hold several)
    # A chat message's "action item: …" is a key line too; its words may start below a "dana  2:14 PM" line.
    lines = chat.body(blk.text, blk.speaker).split("\n")
    below = blk.span.end - blk.span.start + 1 - len(lines) if blk.speaker else 0
    for j, line in enumerate(lines):
        for piece in key_value_pairs(line):  # "**Status:** open · **Opened:** 07.10.2026": a part per pair
            lab, shape = block_label(piece)
            if shape in ("key", "bold") and (shape == "key" or after_label(piece)):
                value = after_label(piece)
                if value:
                    out.append(Part(lab, "key", [blk], line_span(blk, j + below), value=value, section=sec))


_LEAD = re.compile(r"^\s*(?:[-*+]\s+)?(\*\*|__)(.+?)\1\s*[:：.。—–-]?\s*")


def after_label(text: str) -> str:
    """Plain text after a bold lead or a "Key:" on the block's first line (and the lines after it)."""
    m = _LEAD.match(text)
    if m:
        return plain(text[m.end():]).strip()
    t = plain_keep_colon(text)
    m = re.match(r"^[^:：]{1,60}[:：]\s*(.*)$", t, re.S)
    return m.group(1).strip() if m else ""


# --- asking for a field ---


def labelled(parts: list[Part], kind: str, name: str, shapes: Iterable[str] = ("bold", "leadin", "key", "line", "front_matter"),
             fallback: bool = False) -> list[Part]:
    """Parts of the given shapes whose label names the field (its fallback labels with `fallback`)."""
    f = vocab.field(kind, name)
    names = f.fallback if fallback else (f.labels + tuple(k for k in f.keys if k not in f.labels))
    shapes = tuple(shapes)
    # A lead-in that is a whole sentence ("Validate that the etcdctl command is available:") is not a label.
    return [p for p in parts if p.shape in shapes and (p.shape != "leadin" or len(p.key.split()) <= 5)
            and vocab.label_matches(p.key, names, f.not_after, prefix=p.shape != "line")]


def tables(parts: list[Part], shape: str) -> list[Part]:
    """Table parts whose header reads as `shape` ("timeline", "actions", "metadata"), wherever they sit."""
    return [p for p in parts if p.shape == "table" and vocab.table_shape(p.table.header) == shape]


def braced_value(v):
    """A front-matter value left in a template's braces reads as YAML's `{a, b}`, a mapping of names to nothing:
    `decision-makers: {Ana, Bo}` is the list of its names, `date: { 2024-11-05 when last updated }` its text."""
    if isinstance(v, dict) and v and all(x is None for x in v.values()):
        return [str(x) for x in v]
    return v


def key_values(doc: Document, max_blocks: int = 40) -> dict[str, Meta]:
    """Key: value pairs near the top (lines, bullets, bold leads, two-column rows) plus front matter.

    Keys are lower-cased ("status", "심각도"); the first occurrence wins.
    """
    out: dict[str, Meta] = {}
    for k, v in (doc.front_matter or {}).items():
        v = braced_value(v)
        if v is None or isinstance(v, dict) or not doc.front_matter_span:
            continue
        if isinstance(v, list):
            v = ", ".join(str(x) for x in v)
        span = front_matter_line(doc.source, doc.front_matter_span, str(k)) or doc.front_matter_span
        out.setdefault(str(k).lower(), Meta(str(v), span))
    for sec in doc.root.walk():
        kv = heading_value(sec) if sec is not doc.root else None
        if kv:
            out.setdefault(kv[0].lower(), Meta(kv[1], sec.span))
    blocks = list(doc.root.all_blocks())
    head = blocks[:max_blocks]
    for b in head + blocks[max(max_blocks, len(blocks) - TAIL_BLOCKS):]:  # and a signature at the end of the notes:
        # "**Decisión tomada por:** Equipo de Arquitectura" under the references
        if b.kind == "paragraph" and b.label_shape == "line":  # "Status\n: Accepted", a definition list
            second = b.text.split("\n")[1]
            m = re.match(r"\s*[:~]\s+(\S.*)$", second)
            if m:
                out.setdefault(b.label.lower(), Meta(plain(m.group(1)), line_span(b, 1)))
                continue
        if b.kind in ("paragraph", "item"):
            for i, line in enumerate(b.text.split("\n")):
                for lab, value in line_pairs(line):
                    out.setdefault(lab.lower(), Meta(value, line_span(b, i)))
        elif b.kind == "table" and b.header and len(b.children) == 1 and vocab.table_shape(b.header) != "metadata":
            row = b.children[0]  # a one-row header table: "| Created | Status |" over "| 2021-01-16 | Open |"
            for key, cell in zip(b.header, row.cells):
                if plain(key).strip():
                    out.setdefault(plain(key).strip().rstrip(":").lower(), Meta(plain(cell), row.span))
        elif b.kind == "row" and len(b.cells) >= 2:
            key = plain(b.cells[0]).strip().rstrip(":").lower()
            if 0 < len(key) <= 30:
                out.setdefault(key, Meta(plain(b.cells[1]), b.span))
    for b in head:  # a record's header kept in a plain fence ("Statut : Accepté") near the top, as other header lines are
        if b.kind == "code" and b.lang.strip().lower() in ("", "text", "txt", "plain"):
            written = doc.source.lines(b.span.start, b.span.end)
            for key, value, said in _fenced_pairs(b):
                at = next((b.span.start + k for k, x in enumerate(written) if x.strip() == said), b.span.start)
                out.setdefault(key, Meta(value, Span(b.span.source, at, at)))
    return out


_FENCED_PAIR = re.compile(r"^\s*([^\W\d_][\w '’()-]{0,30}?)\s*[:：]\s+(\S.*)$")


def _fenced_pairs(b: Block) -> list[tuple[str, str, str]]:
    """The "Key : value" lines of a plain fence (key, value, the line as written), when every line is one and some
    key names a part of a record ("Statut", "Date", "Décideurs"): the record's header, fenced so it shows as written."""
    lines = [line for line in b.text.split("\n") if line.strip()]
    pairs = [(m.group(1).strip().lower(), m.group(2).strip(), line.strip())
             for line in lines if (m := _FENCED_PAIR.match(line))]
    if 2 <= len(pairs) == len(lines) <= 12 and any(vocab.names_a_part(k) for k, _, _ in pairs):
        return pairs
    return []


TAIL_BLOCKS = 4  # the last blocks of the notes, read for key-value lines the top does not state

_PAIR_SEP = re.compile(rf"\s+[·•|/]\s+(?=\*\*|__|[^\W\d_][\w '’/()-]{{0,30}}(?::\s|：|{CJK_COLON}))"
                       # a formatter ran the pairs together: "**Дата:**2025-10-30**Автор:**Admin**Статус:**"
                       r"|(?<=[^\s*])(?=\*\*[^*\n]{1,40}?[:：]\*\*)")


def line_pairs(line: str) -> list[tuple[str, str]]:
    """The (label, value) pairs one line states: "Status: Accepted", "**Owner:** Ana · **Date:** 2026-01-02"."""
    out = []
    for piece in key_value_pairs(line):
        whole = _BOLD_PAIR.match(piece)
        piece = whole.group(2) if whole else piece  # "**日時: 2024-06-30**": the pair in bold, key and value alike
        lab, shape = block_label(piece)
        if shape in ("key", "bold"):
            value = _kv_value(piece)
            if value:
                out.append((lab, value))
    return out


_BOLD_PAIR = re.compile(r"^\s*(\*\*|__)([^*_:：\n]{1,40}[:：]\s*[^*\n]+?)\1\s*$")


def key_value_pairs(line: str) -> list[str]:
    """"**Status:** open · **Opened:** 07.10.2026 · **Reported by:** owner", "날짜: 2026-07-27 / 상태: 확정": one
    key-value pair per piece,
    when every piece is one, or all but one ("2026-09-07 · 影响面：… · 级别：P1" opens with its date); else the
    line as it is."""
    if "**" not in line and "·" not in line and "•" not in line and "|" not in line and " / " not in line:
        return [line]  # neither separator can be there (most lines of prose): no split to try
    pieces = _PAIR_SEP.split(line)
    if len(pieces) > 1 and sum(1 for x in pieces if block_label(x)[1] in ("key", "bold")) >= max(2, len(pieces) - 1):
        return pieces
    return [line]


def _kv_value(line: str) -> str:
    t = plain_keep_colon(line)
    t = re.sub(r"^\s*[-*+]\s+", "", t)
    m = re.match(r"^[^:：]{1,60}?[:：]\s*(.*?)\s*$", t)
    return m.group(1).strip() if m else ""


def meta_get(meta: dict[str, Meta], names: Iterable[str]) -> Meta | None:
    """The first metadata entry under any of `names` (normalised like labels)."""
    normed = {vocab.norm_label(k): m for k, m in reversed(list(meta.items()))}
    for k in names:
        m = meta.get(k) or normed.get(vocab.norm_label(k))
        if m and m.value.strip():
            return m
    for key, m in normed.items():  # "Date created: …" is a date; "Status (as of May): …" a status
        if m.value.strip() and vocab.label_matches(key, tuple(vocab.norm_label(n) for n in names)):
            return m
    return None
