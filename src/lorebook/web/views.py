"""Views as functions: (wiki, site, args) -> HTML string. The server and the static export share them."""

from __future__ import annotations

import difflib
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from lorebook.config import Wiki
from lorebook.sources.reader import MAX_COMPILE_BYTES
from lorebook.web.source_window import window_around
from lorebook.web import data
from lorebook.web.render import LinkContext, Urls, chips, inline, render_blocks, wiki_targets

HERE = Path(__file__).parent
ENV = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["html"]),
                  trim_blocks=True, lstrip_blocks=True)
CONFIDENCE = {"high": "High confidence", "medium": "Medium confidence", "low": "Low confidence"}
ORIGIN = {"human": "Human", "compiled": "Generated"}


def _urls(site) -> Urls:
    return Urls(page=site.page, source=site.source)


def _render(name: str, wiki: Wiki, site, **ctx) -> str:
    return ENV.get_template(name).render(wiki_name=wiki.name, site=site, labels=data.TYPE_LABELS,
                                         plurals=data.TYPE_PLURALS, **ctx)


def page_view(wiki: Wiki, site, page_id: str, path_ids: dict[str, str] | None = None) -> str:
    """The page of the seed: header badges, cited body, Related/backlinks."""
    rec = data.page(wiki, page_id)
    page_path = rec["path"].removeprefix("wiki/")
    if path_ids is None:
        texts = [b["text"] for b in rec["blocks"] if "](" in b["text"]]
        path_ids = data.path_ids(wiki, wiki_targets(texts, page_path))
    body = render_blocks(rec["blocks"], LinkContext(page_path, path_ids), _urls(site))
    shown = {b["id"] for b in rec["backlinks"]}
    return _render(
        "page.html", wiki, site, page=rec, body=Markup(body),
        type_label=data.TYPE_LABELS.get(rec["type"], rec["type"].title()),
        confidence_label=CONFIDENCE.get(rec["confidence"], rec["confidence"].title() + " confidence"),
        origin_label=ORIGIN.get(rec["origin"], rec["origin"].title()),
        when=data.relative_time(rec["updated"]), backlinks=rec["backlinks"], backlink_ids=shown,
        has_history=site.history(page_id) is not None,
    )


def source_view(wiki: Wiki, site, path: str, hl: tuple[int, int] | None = None, start: int | None = None) -> str:
    """One window of the source's lines (around the cited ones); the static export shows every
    line that was compiled, which is all any page can cite."""
    a, b = hl if hl else (0, -1)
    if site.static:
        src = data.source_lines(wiki, path, 1, max_lines=10**9, max_bytes=MAX_COMPILE_BYTES + 1)
    else:
        src = data.source_lines(wiki, path, start or window_around(a, b))
    return _render("source.html", wiki, site, src=src, hl_start=a, hl_end=b, lines_html=_lines_html(src["lines"], a, b))


def _lines_html(lines: list[dict], a: int, b: int) -> Markup:
    """The numbered, escaped lines of a source view, lines a..b marked `hl` (cheaper than a Jinja loop per line)."""
    out = []
    for ln in lines:
        n = ln["n"]
        if n == a:
            out.append(f'<span class="anchor" id="L{a}-L{b}"></span>')
        out.append(f'<span class="line{" hl" if a <= n <= b else ""}" id="L{n}"><a class="n" href="#L{n}" '
                   f'aria-label="line {n}">{n}</a><span class="t">{escape(ln["text"])}</span>\n</span>')
    return Markup("".join(out))


def home_view(wiki: Wiki, site) -> str:
    counts = data.counts_by_type(wiki)
    return _render("home.html", wiki, site, counts=counts, total=sum(counts.values()),
                   changes=data.recent_changes(wiki), overview=_overview_id(wiki))


def _overview_id(wiki: Wiki) -> str | None:
    rows = data.pages_of_type(wiki, "concept")
    ids = [r["id"] for r in rows]
    return "overview" if "overview" in ids else (ids[0] if ids else None)


def type_view(wiki: Wiki, site, page_type: str) -> str:
    rows = data.pages_of_type(wiki, page_type)
    if not rows:
        raise data.NotFound(f"no pages of type '{page_type}'")
    return _render("list.html", wiki, site, rows=rows, page_type=page_type,
                   heading=data.TYPE_PLURALS.get(page_type, page_type.title()))


def search_view(wiki: Wiki, site, q: str, hits: list[dict], answer: dict | None = None) -> str:
    ans_html = _answer_html(answer, site) if answer and answer.get("found") else None
    for h in hits:
        h["snippet_html"] = _marked(h.get("snippet") or h.get("summary") or "")
    return _render("search.html", wiki, site, q=q, hits=hits, answer=answer, answer_html=ans_html)


def _marked(snippet: str) -> Markup:
    """A search snippet, escaped, with the query's words («…») as <mark>."""
    text = str(escape(snippet))
    return Markup(text.replace("\u00ab", "<mark>").replace("\u00bb", "</mark>")) if text.count("\u00ab") == text.count("\u00bb") else Markup(text)


def _answer_html(answer: dict, site) -> dict:
    """The answer as sentences, each followed by its citation chips, and the pages it came from."""
    urls = _urls(site)
    parts, pages = [], {}
    for p in answer.get("passages", []):
        parts.append(inline(p.get("text") or "") + chips(p.get("citations") or [], urls))
        if p.get("page_id"):
            pages.setdefault(p["page_id"], p.get("title") or p["page_id"])
    return {"text": Markup(" ".join(parts)), "pages": pages}


def incidents_view(wiki: Wiki, site) -> str:
    return _render("incidents.html", wiki, site, rows=data.incidents(wiki))


def actions_view(wiki: Wiki, site) -> str:
    return _render("actions.html", wiki, site, board=data.action_items(wiki))


def decisions_view(wiki: Wiki, site) -> str:
    return _render("decisions.html", wiki, site, groups=data.decisions(wiki))


def sources_view(wiki: Wiki, site) -> str:
    return _render("sources.html", wiki, site, rows=data.sources_list(wiki))


def history_view(wiki: Wiki, site, page_id: str, a: int | None = None, b: int | None = None) -> str:
    """A page's versions and a line diff between any two of them."""
    rec = data.page(wiki, page_id)
    versions = data.versions(wiki, page_id)
    diff = None
    if versions and len(versions) >= 2:
        nums = [v.get("version") for v in versions]
        a = a if a in nums else nums[-2]
        b = b if b in nums else nums[-1]
        va = next(v for v in versions if v.get("version") == a)
        vb = next(v for v in versions if v.get("version") == b)
        diff = list(difflib.unified_diff(data.version_text(va).splitlines(), data.version_text(vb).splitlines(),
                                         f"v{a}", f"v{b}", lineterm="", n=3))
    return _render("history.html", wiki, site, page=rec, versions=versions, diff=diff, a=a, b=b)


def not_found_view(wiki: Wiki, site, message: str) -> str:
    return _render("404.html", wiki, site, message=message)
