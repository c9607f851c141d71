"""Page -> Markdown file: YAML front matter, then blocks, each cited block ending in its source links.

Citations render as links to `raw/<file>#L<start>-L<end>` relative to the page,
so they work in Obsidian, on GitHub and in the web reader alike. Text from
sources is escaped so HTML in a source stays inert text in the wiki.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from functools import lru_cache

from lorebook.compile.front_matter import dump as front_matter_yaml
from lorebook.model import Page, PageBlock, Span

FRONT_MATTER_KEYS = (
    "id", "type", "title", "confidence", "confidence_reason", "version", "edited_by", "origin", "updated",
    "sources", "links",
)


def citation_link(span: Span, page_path: str) -> str:
    """`[notes.md:14-42](../../raw/notes.md#L14-L42)` relative to wiki/<page_path>."""
    name, url = _source_ref(span.source, posixpath.dirname(page_path))
    lines = f"{span.start}" if span.start == span.end else f"{span.start}-{span.end}"
    return f"[{name}:{lines}]({url}#L{span.start}-L{span.end})"


@lru_cache(maxsize=65536)
def _source_ref(source: str, page_dir: str) -> tuple[str, str]:
    """(file name, relative URL) of a source seen from a page folder; relpath is slow, pages share folders."""
    rel = posixpath.relpath(source, posixpath.join("wiki", page_dir))
    return source.rsplit("/", 1)[-1], _url(rel)


def _url(path: str) -> str:
    return path.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def page_link(from_path: str, to_path: str, text: str) -> str:
    rel = relative(to_path, posixpath.dirname(from_path) or ".")
    return f"[{escape_link_text(text)}]({_url(rel)})"


_CLEAN_PATH = re.compile(r"(?:[^/.][^/]*/)*[^/.][^/]*")  # no empty, '.' or '..' segment, not absolute


def root_link(to_path: str, text: str) -> str:
    """page_link from a page at the wiki's root (index.md links all 20,000 pages): a clean path is its own link."""
    if not _CLEAN_PATH.fullmatch(to_path):
        return page_link("index.md", to_path, text)
    if "<" in text or ">" in text or "[" in text or "]" in text or "`" in text:
        text = escape_link_text(text)
    return f"[{text}]({_url(to_path)})"


def relative(to_path: str, base: str) -> str:
    """posixpath.relpath for the clean relative paths pages have, without its two abspath calls
    (index.md links 20,000 pages); anything else goes to relpath itself."""
    path = to_path.split("/")
    start = [] if base == "." else base.split("/")
    if to_path.startswith("/") or base.startswith("/") or any(x in ("", ".", "..") for x in path + start):
        return posixpath.relpath(to_path, base)
    i = 0
    for a, b in zip(start, path):
        if a != b:
            break
        i += 1
    rel = [".."] * (len(start) - i) + path[i:]
    return "/".join(rel) if rel else "."


def escape_text(text: str) -> str:
    """Keep source HTML inert: '<' and '>' become entities outside code spans."""
    out, in_code = [], False
    for part in text.split("`"):
        out.append(part if in_code else part.replace("<", "&lt;").replace(">", "&gt;"))
        in_code = not in_code
    return "`".join(out)


def escape_link_text(text: str) -> str:
    return escape_text(text).replace("[", "\\[").replace("]", "\\]")


def cite_suffix(block: PageBlock, page_path: str) -> str:
    if not block.citations:
        return ""
    shown = 3
    links = " ".join(citation_link(s, page_path) for s in block.citations[:shown])
    more = f" (+{len(block.citations) - shown} more)" if len(block.citations) > shown else ""
    stale = " ⚠ stale" if block.stale else ""
    return f" <sup>{links}{more}{stale}</sup>"


def _fence(text: str) -> str:
    n = 3
    while "`" * n in text:
        n += 1
    return "`" * n


def render_body(page: Page) -> str:
    """The Markdown body (no front matter). Deterministic: same page, same bytes."""
    out: list[str] = [f"# {escape_text(page.title)}", ""]
    prev_kind = "heading"
    for b in page.blocks:
        suffix = cite_suffix(b, page.path)
        if b.kind == "heading":
            if out and out[-1] != "":
                out.append("")
            out += ["#" * max(2, min(6, b.level)) + " " + escape_text(b.text), ""]
        elif b.kind in ("paragraph", "meta"):
            if prev_kind in ("item", "row", "table_header") and out[-1] != "":
                out.append("")
            text = b.text if b.text.startswith("> ") else escape_text(b.text)
            out += [text.replace("\n", " ") + suffix, ""]
        elif b.kind == "item":
            if prev_kind not in ("item", "code") and out and out[-1] != "":
                out.append("")
            indent = "  " * b.level
            out.append(f"{indent}- {escape_text(b.text).replace(chr(10), ' ')}{suffix}")
        elif b.kind == "code":
            indent = "  " * (b.level + (1 if prev_kind in ("item", "code") and b.level == 0 else 0))
            if prev_kind not in ("item", "code") and out and out[-1] != "":
                out.append("")
            fence = _fence(b.text)
            out.append(f"{indent}{fence}")
            out += [indent + line if line else "" for line in b.text.rstrip("\n").split("\n")]
            out.append(f"{indent}{fence}")
        elif b.kind == "table_header":
            if out and out[-1] != "":
                out.append("")
            cells = [escape_text(c).replace("|", "\\|") for c in b.text.split(" | ")]
            out.append("| " + " | ".join(cells) + " |")
            out.append("|" + "|".join("---" for _ in cells) + "|")
        elif b.kind == "row":
            cells = [escape_text(c).replace("|", "\\|").replace("\n", " ") for c in b.text.split(" | ")]
            if suffix:
                cells[-1] += suffix
            out.append("| " + " | ".join(cells) + " |")
        elif b.kind == "link_item":  # already-rendered Markdown links (Related, indexes)
            if prev_kind not in ("item", "link_item") and out and out[-1] != "":
                out.append("")
            out.append(f"{'  ' * b.level}- {b.text}{suffix}")
        elif b.kind == "link_paragraph":
            out += [b.text + suffix, ""]
        prev_kind = "item" if b.kind == "link_item" else b.kind
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"


def front_matter(page: Page) -> dict:
    fm = {
        "id": page.id,
        "type": page.type,
        "title": page.title,
        "confidence": page.confidence,
        "confidence_reason": page.confidence_reason,
        "version": page.version,
        "edited_by": page.edited_by,
        "origin": page.origin,
        "updated": page.updated,
        "sources": list(page.sources),
        "links": list(page.links),
    }
    for k, v in page.fields.items():
        if k not in fm:
            fm[k] = v
    fm.update(page.extra_meta)
    return fm


def render_page(page: Page, body: str | None = None) -> str:
    fm = front_matter_yaml(front_matter(page))
    return f"---\n{fm}---\n\n{body if body is not None else render_body(page)}"


def content_hash(page: Page, body: str | None = None) -> str:
    """Hash of what the page says, excluding version/time/editor, to decide if a version is due."""
    h = hashlib.sha256()
    fm = front_matter(page)
    for k in ("version", "updated", "edited_by", "origin"):
        fm.pop(k, None)
    fm = {k: v for k, v in fm.items() if not k.startswith("_")}
    h.update(json.dumps(fm, sort_keys=True, ensure_ascii=False, default=str).encode())
    h.update((body if body is not None else render_body(page)).encode())
    return h.hexdigest()
