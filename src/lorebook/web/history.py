"""A page's history for readers: what changed in the content (front matter and citation markup
left out, every line kept, each rendered as Markdown), and any old version shown whole."""

from __future__ import annotations

import difflib
import re

from markupsafe import Markup

from lorebook.web.render import MD, LinkContext, Urls, resolver

_SUP = re.compile(r"\s*<sup>.*?</sup>", re.S)
_SUP_TAGS = re.compile(r"</?sup>")


def body_of(content: str) -> str:
    """The Markdown body of a stored page file: front matter dropped."""
    if content.startswith("---\n"):
        end = content.find("\n---\n", 4)
        if end != -1:
            return content[end + 5:].lstrip("\n")
    return content


def content_lines(content: str) -> list[str]:
    """Body lines without citation markup: a citation's line numbers moving is not a content change."""
    return [_SUP.sub("", ln).rstrip() for ln in body_of(content).split("\n")]


def _line_html(line: str, resolve) -> Markup:
    if not line.strip():
        return Markup("&nbsp;")
    return Markup(MD.render(line, {"resolve": resolve}))


def content_diff(old: str, new: str, page_path: str, urls: Urls) -> list[dict]:
    """Rows of {op: same|add|del, html} for every line of both versions, in order."""
    resolve = resolver(LinkContext(page_path), urls)
    a, b = content_lines(old), content_lines(new)
    rows: list[dict] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            rows += [{"op": "same", "html": _line_html(ln, resolve)} for ln in a[i1:i2] if ln.strip()]
            continue
        rows += [{"op": "del", "html": _line_html(ln, resolve)} for ln in a[i1:i2] if ln.strip()]
        rows += [{"op": "add", "html": _line_html(ln, resolve)} for ln in b[j1:j2] if ln.strip()]
    return rows


def version_html(content: str, page_path: str, urls: Urls) -> Markup:
    """An old version rendered whole; its citations stay links to the source lines."""
    body = _SUP_TAGS.sub("", body_of(content))
    return Markup(MD.render(body, {"resolve": resolver(LinkContext(page_path), urls)}))
