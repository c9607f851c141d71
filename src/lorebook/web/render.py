"""Page blocks -> safe HTML, with a citation chip at the end of every cited block.

Block text is inline Markdown (as written in a source, or links the compiler
wrote relative to `wiki/<page path>`). It is rendered by markdown-it with raw
HTML off, images off and only http(s)/mailto/relative links allowed, so a
source holding `<script>` or `javascript:` shows as text and runs nothing.
Links between pages and to raw files are mapped to the reader's own URLs.
"""

from __future__ import annotations

import itertools
import posixpath
from collections import Counter
import re
from dataclasses import dataclass, field
from html import escape
from typing import Callable
from urllib.parse import unquote, urlsplit

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml

SAFE_SCHEMES = ("http", "https", "mailto")
_LINK = re.compile(r"\]\(([^)\s]+)\)")
_TASK = re.compile(r"^\[([ xX])\]\s+")
# Every character that starts inline syntax in the rules MD runs (newline, escape, backticks,
# emphasis, link, autolink, entity) or that normalising rewrites. Text without any of them
# renders as itself, escaped: most headings and many paragraphs skip the parser.
_SYNTAX = re.compile(r"[\n\r\x00\\`*_\[\]<&]|://|www\.|@")


def _validate_link(url: str) -> bool:
    """Only plain web links and relative paths; never javascript:, data:, file: …"""
    u = url.strip()
    if any(ord(c) < 32 for c in u):
        return False
    scheme = urlsplit(u).scheme.lower()
    return scheme == "" or scheme in SAFE_SCHEMES


def _make_md() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": True, "typographer": False})
    md.enable("linkify")  # bare URLs become links (linkify-it-py), through the same link checks
    md.linkify.set({"fuzzy_link": False})  # "notes.md" is a file name here, not Moldova
    md.disable(["image", "html_inline", "html_block"])
    md.validateLink = _validate_link
    md.add_render_rule("link_open", _link_open)
    return md


def _link_open(self, tokens, idx, options, env):
    token = tokens[idx]
    href = token.attrGet("href") or ""
    resolved = env["resolve"](href) if "resolve" in env else None
    if resolved is None:
        token.attrs.pop("href", None)  # unresolvable: keep the words, drop the link
        token.attrSet("class", "deadlink")
        return "<span" + self.renderAttrs(token) + ">"
    token.attrSet("href", resolved)
    if urlsplit(resolved).scheme in ("http", "https"):
        token.attrSet("rel", "noopener noreferrer nofollow")
    return self.renderToken(tokens, idx, options, env)


def _link_close(self, tokens, idx, options, env):
    # Pair with _link_open: close a span when the link was dropped.
    open_idx = next(i for i in range(idx - 1, -1, -1) if tokens[i].type == "link_open" and tokens[i].level == tokens[idx].level)
    return "</span>" if tokens[open_idx].attrGet("href") is None else "</a>"


MD = _make_md()
MD.add_render_rule("link_close", _link_close)


@dataclass
class Urls:
    """How the reader addresses things; the server and the static export differ only here."""

    page: Callable[[str], str]
    source: Callable[[str, int | None, int | None], str]


@dataclass
class LinkContext:
    """What a page needs to turn its Markdown links into reader URLs."""

    page_path: str  # relative to wiki/
    path_to_id: dict[str, str] = field(default_factory=dict)  # "decisions/x.md" -> id


def wiki_targets(texts: list[str], page_path: str) -> set[str]:
    """Paths under wiki/ that the links in `texts` point at (to look their ids up at once)."""
    base = posixpath.dirname(posixpath.join("wiki", page_path))
    out = set()
    for text in texts:
        for href in _LINK.findall(text):
            target = _normalise(base, href)
            if target and target.startswith("wiki/"):
                out.add(target[5:])
    return out


def _normalise(base: str, href: str) -> str | None:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    return posixpath.normpath(posixpath.join(base, unquote(parts.path)))


_LINES = re.compile(r"^L(\d+)(?:-L(\d+))?$")


def resolver(ctx: LinkContext, urls: Urls) -> Callable[[str], str | None]:
    base = posixpath.dirname(posixpath.join("wiki", ctx.page_path))

    def resolve(href: str) -> str | None:
        parts = urlsplit(href)
        if parts.scheme:
            return href if parts.scheme.lower() in SAFE_SCHEMES else None
        target = _normalise(base, href)
        if target is None:
            return None
        if target.startswith("wiki/") and target[5:] in ctx.path_to_id:
            return urls.page(ctx.path_to_id[target[5:]])
        if target.startswith("raw/"):
            m = _LINES.match(parts.fragment or "")
            a = int(m.group(1)) if m else None
            b = int(m.group(2) or m.group(1)) if m else None
            return urls.source(target, a, b)
        return None

    return resolve


def external_only(href: str) -> str | None:
    """Without a page to resolve against, only absolute web and mail links stay links."""
    return href if urlsplit(href).scheme.lower() in SAFE_SCHEMES else None


def inline(text: str, resolve: Callable[[str], str | None] | None = None) -> str:
    """One block's inline Markdown as safe HTML."""
    if not _SYNTAX.search(text):
        return escapeHtml(text)  # exactly what MD renders for it (tests/test_web.py checks)
    env = {"resolve": resolve} if resolve else {"resolve": external_only}
    return MD.renderInline(text, env)


def chips(citations: list[dict], urls: Urls, main_source: str | None = None, prefix: str = "cite",
          counter: "itertools.count | None" = None) -> str:
    """One compact chip for a block's citations: its line ranges ("L12–14, 20"), the file name only
    where it is not the page's main source. The chip opens a popover (HTML `popover`, no script)
    with the quoted lines and a link to each range in its source."""
    if not citations:
        return ""
    counter = counter if counter is not None else itertools.count(1)
    pop_id = f"{prefix}-{next(counter)}"
    groups: dict[str, list[dict]] = {}
    for c in citations:
        groups.setdefault(c["source"], []).append(c)
    labels, spoken = [], []
    for source, cs in groups.items():
        name = source.rsplit("/", 1)[-1]
        ranges = [_range(c) for c in cs]
        shown = ", ".join(ranges[:3]) + (f" +{len(ranges) - 3}" if len(ranges) > 3 else "")
        labels.append((f"{name} " if source != main_source else "") + "L" + shown)
        spoken.append(f"{name} line{'s' if len(cs) > 1 or '–' in ranges[0] else ''} {', '.join(ranges)}")
    stale = any(c.get("stale") for c in citations)
    quotes = "".join(_quote(c, urls) for c in citations[:8])
    more = f'<span class="cite-more">and {len(citations) - 8} more</span>' if len(citations) > 8 else ""
    label = "; ".join(labels) if len(labels) <= 2 else f"{labels[0]} +{len(labels) - 1} files"  # stays one short chip
    aria = f"Cited: {'; '.join(spoken)}{' (stale: the source changed)' if stale else ''}. Show the quoted lines"
    return (f' <button type="button" class="chip{" stale" if stale else ""}" popovertarget="{pop_id}" '
            f'aria-label="{escape(aria)}">{escape(label)}</button>'
            f'<span class="cite-pop" id="{pop_id}" popover role="note">{quotes}{more}</span>')


def _range(c: dict) -> str:
    a, b = c["start_line"], c["end_line"]
    return f"{a}" if a == b else f"{a}–{b}"


def _quote(c: dict, urls: Urls) -> str:
    name = c["source"].rsplit("/", 1)[-1]
    a, b = c["start_line"], c["end_line"]
    text = (c.get("lines") or c.get("quote") or "").strip("\n")
    if len(text) > 1200:
        text = text[:1200].rsplit(" ", 1)[0] + " …"
    stale = ' <span class="cite-stale">(the source changed since)</span>' if c.get("stale") else ""
    body = f'<span class="cite-quote">{escape(text)}</span>' if text else ""
    return (f'<span class="cite-one"><a class="cite-link" href="{escape(urls.source(c["source"], a, b))}">'
            f'{escape(name)}, line{"s" if a != b else ""} {_range(c)}</a>{stale}{body}</span>')


def slug(text: str) -> str:
    s = re.sub(r"[^\w\s-]", "", text.lower()).strip()
    return re.sub(r"[\s_-]+", "-", s) or "section"


def render_blocks(blocks: list[dict], ctx: LinkContext, urls: Urls) -> str:
    """All of a page's blocks as HTML: headings, paragraphs, lists, tables and code."""
    resolve = resolver(ctx, urls)
    counts = Counter(c["source"] for b in blocks for c in b.get("citations", []))
    main = counts.most_common(1)[0][0] if counts else None
    numbers = itertools.count(1)

    def cite(citations: list[dict]) -> str:
        return chips(citations, urls, main_source=main, counter=numbers)

    out: list[str] = []
    i = 0
    while i < len(blocks):
        b = blocks[i]
        kind = b["kind"]
        if kind in ("item", "link_item"):
            j = i
            while j < len(blocks) and (blocks[j]["kind"] in ("item", "link_item") or _belongs_to_item(blocks, j)):
                j += 1
            out.append(_list(blocks[i:j], resolve, cite))
            i = j
            continue
        if kind in ("table_header", "row"):
            j = i + 1
            while j < len(blocks) and blocks[j]["kind"] == "row":
                j += 1
            out.append(_table(blocks[i:j], resolve, cite))
            i = j
            continue
        out.append(_single(b, resolve, cite))
        i += 1
    return "\n".join(out)


def _single(b: dict, resolve, citer) -> str:
    kind, text = b["kind"], b["text"]
    cite = citer(b.get("citations", []))
    if kind == "heading":
        level = max(2, min(6, b.get("level") or 2))
        return f'<h{level} id="{escape(slug(text))}">{inline(text, resolve)}</h{level}>'
    if kind == "code":
        return _code_html(text, cite)
    if kind == "paragraph" and text.startswith("> "):
        body = "\n".join(line[2:] if line.startswith("> ") else line.lstrip(">") for line in text.split("\n"))
        return f"<blockquote><p>{inline(body, resolve)}{cite}</p></blockquote>"
    return f"<p>{inline(text, resolve)}{cite}</p>"


def _item_html(b: dict, resolve, citer) -> str:
    text = b["text"]
    box = ""
    m = _TASK.match(text) if b["kind"] == "item" else None
    if m:
        done = m.group(1).lower() == "x"
        box = (f'<input type="checkbox" disabled{" checked" if done else ""} aria-label="{"done" if done else "open"}"> '
               f'<span class="state">{"Done" if done else "Open"}</span> ')
        text = text[m.end():]
    return f"{box}{inline(text, resolve)}{citer(b.get('citations', []))}"


def _belongs_to_item(blocks: list[dict], j: int) -> bool:
    """A code block the compiler wrote right after an item, citing the same lines: the item's own
    commands (a runbook step's, a diagnosis entry's), shown inside it without a second chip."""
    if blocks[j]["kind"] != "code" or j == 0:
        return False
    k = j - 1
    while k > 0 and blocks[k]["kind"] == "code":
        k -= 1
    owner = blocks[k]
    return owner["kind"] == "item" and owner.get("citations") == blocks[j].get("citations")


_STEP = re.compile(r"^\*\*(\d{1,3})\.\s+(.*?)\*\*(.*)$", re.S)


def _code_html(text: str, cite: str = "") -> str:
    return f'<div class="code"><pre tabindex="0"><code>{escape(text.rstrip(chr(10)))}</code></pre>{cite}</div>'


def _list(items: list[dict], resolve, citer) -> str:
    """Consecutive items as nested <ul>s following each item's level; a runbook's numbered steps
    ("**3. Title** text" items) as one <ol> numbered once, each step holding its commands."""
    entries = [b for b in items if b["kind"] != "code"]
    if entries and all(b["kind"] == "item" and _STEP.match(b["text"]) for b in entries):
        return _steps(items, resolve, citer)
    out, depth = [], 0
    for b in items:
        if b["kind"] == "code":
            out.append(_code_html(b["text"]))
            continue
        target = min(max(0, b.get("level") or 0) + 1, depth + 1)
        if target > depth:
            out.append("<ul>")
            depth += 1
        else:
            while depth > target:
                out.append("</li></ul>")
                depth -= 1
            out.append("</li>")
        task = _TASK.match(b["text"]) if b["kind"] == "item" else None
        state = (' class="task done"' if task.group(1).lower() == "x" else ' class="task open"') if task else ""
        out.append(f"<li{state}>{_item_html(b, resolve, citer)}")
    while depth > 0:
        out.append("</li></ul>")
        depth -= 1
    return "".join(out)


def _steps(items: list[dict], resolve, citer) -> str:
    out = ['<ol class="steps">']
    for b in items:
        if b["kind"] == "code":
            out.append(_code_html(b["text"]))
            continue
        if len(out) > 1:
            out.append("</li>")
        m = _STEP.match(b["text"])
        title, rest = m.group(2).strip(), m.group(3).strip()
        body = f' <span class="step-text">{inline(rest, resolve)}</span>' if rest else ""
        out.append(f'<li value="{int(m.group(1))}"><strong class="step-title">{inline(title, resolve)}</strong>{body}'
                   f'{citer(b.get("citations", []))}')
    out.append("</li></ol>")
    return "".join(out)


def _cells(text: str) -> list[str]:
    return [c.strip() for c in re.split(r"(?<!\\) \| ", text)]


def _table(rows: list[dict], resolve, citer) -> str:
    head = ""
    if rows and rows[0]["kind"] == "table_header":
        cells = _cells(rows[0]["text"])
        head = "<thead><tr>" + "".join(f'<th scope="col">{inline(c, resolve)}</th>' for c in cells) + "</tr></thead>"
        rows = rows[1:]
    body = []
    for r in rows:
        cells = _cells(r["text"])
        html = [inline(c, resolve) for c in cells]
        if html:
            html[-1] += citer(r.get("citations", []))
        body.append("<tr>" + "".join(f"<td>{h}</td>" for h in html) + "</tr>")
    return f'<div class="table-wrap"><table>{head}<tbody>{"".join(body)}</tbody></table></div>'


_SUP_CITE = re.compile(r"<sup>(.*?)</sup>")
_FRONT = re.compile(r"\A---\n.*?\n---\n", re.S)
_TITLE = re.compile(r"\A\s*# [^\n]*\n")


def render_edited(content: str, ctx: LinkContext, urls: Urls) -> str:
    """A page file a person edited, as safe HTML: its Markdown after the front matter and title.

    The blocks in the database are the last compile's; a human edit lives in the file's text,
    so the reader shows that. Raw HTML stays off (a pasted <script> is text); the citation
    chips the compiler wrote as <sup> HTML become plain links to the cited lines."""
    body = _TITLE.sub("", _FRONT.sub("", content, count=1), count=1)
    body = _SUP_CITE.sub(lambda m: " " + m.group(1), body)
    return MD.render(body, {"resolve": resolver(ctx, urls)})
