"""Views as functions: (wiki, site, args) -> HTML string. The server and the static export share them."""

from __future__ import annotations

import itertools
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from lorebook.config import Wiki
from lorebook.sources.reader import MAX_COMPILE_BYTES
from lorebook.web.source_window import window_around
from lorebook.web import data
from lorebook.web.lang import text_lang
from lorebook.web.paging import HTML_PER_PAGE, Pager
from lorebook.web.render import LinkContext, Urls, chips, inline, render_blocks, render_edited, slug, wiki_targets

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
    _attach_lines(wiki, rec["blocks"])
    body = render_blocks(rec["blocks"], LinkContext(page_path, path_ids), _urls(site))
    if rec["origin"] in ("human", "merged") and (content := data.page_content(wiki, page_id)):  # a person's edit
        body = render_edited(content, LinkContext(page_path, data.all_path_ids(wiki)), _urls(site))
    shown = {b["id"] for b in rec["backlinks"]}
    return _render(
        "page.html", wiki, site, page=rec, body=Markup(body),
        type_label=data.TYPE_LABELS.get(rec["type"], rec["type"].title()),
        confidence_label=CONFIDENCE.get(rec["confidence"], rec["confidence"].title() + " confidence"),
        origin_label=ORIGIN.get(rec["origin"], rec["origin"].title()),
        when=data.relative_time(rec["updated"]), backlinks=rec["backlinks"], backlink_ids=shown,
        has_history=site.history(page_id) is not None,
        runs=_runs(wiki, rec) if rec["type"] == "runbook" else [],
        toc=_toc(rec["blocks"]),
        lang=text_lang(rec["title"] + " " + " ".join(b["text"] for b in rec["blocks"][:200] if b["kind"] != "heading")),
        type_counts={t: n for t, n in data.counts_by_type(wiki).items() if t != "concept"} if page_id == "overview" else {},
    )


def _toc(blocks: list[dict], at_least: int = 5) -> list[dict]:
    """The page's top-level headings, when there are enough of them to need a table of contents."""
    heads = [{"id": slug(b["text"]), "html": Markup(inline(b["text"]))} for b in blocks
             if b["kind"] == "heading" and (b.get("level") or 2) <= 2]
    return heads if len(heads) >= at_least else []


def _runs(wiki: Wiki, rec: dict) -> list[dict]:
    """A runbook's recent runs (`lorebook run`), newest first, for the page's "Runs" section."""
    from lorebook.runbooks.log import runs_of

    return runs_of(wiki, rec["id"], limit=20)


def _attach_lines(wiki: Wiki, blocks: list[dict], max_lines: int = 12, max_sources: int = 8) -> None:
    """Give each citation the cited lines as written (for the chip's popover), read once per source;
    a source that cannot be read keeps the stored one-line quote, and so does every citation of a
    page that cites more than `max_sources` files (the overview: one file read per chip was half its render)."""
    from lorebook.store.files import UnsafePath, safe_join

    if len({c["source"] for b in blocks for c in b.get("citations", [])}) > max_sources:
        return
    texts: dict[str, list[str] | None] = {}
    for b in blocks:
        for c in b.get("citations", []):
            src = c["source"]
            if src not in texts:
                try:
                    with safe_join(wiki.raw_dir, src.removeprefix("raw/")).open("rb") as fh:
                        raw = fh.read(MAX_COMPILE_BYTES).decode("utf-8", errors="replace")  # no page cites past it
                    texts[src] = raw.replace("\r\n", "\n").split("\n") if src.startswith("raw/") else None
                except (UnsafePath, OSError):
                    texts[src] = None
            lines = texts[src]
            if lines is not None and not c.get("stale"):
                picked = lines[c["start_line"] - 1:min(c["end_line"], c["start_line"] - 1 + max_lines)]
                more = c["end_line"] - c["start_line"] + 1 - len(picked)
                c["lines"] = "\n".join(picked) + (f"\n… {more} more line{'s' if more != 1 else ''}" if more > 0 else "")


def source_view(wiki: Wiki, site, path: str, hl: tuple[int, int] | None = None, start: int | None = None) -> str:
    """One window of the source's lines (around the cited ones); the static export shows every
    line that was compiled, which is all any page can cite."""
    a, b = hl if hl else (0, -1)
    if site.static:
        src = data.source_lines(wiki, path, 1, max_lines=10**9, max_bytes=MAX_COMPILE_BYTES + 1)
    else:
        src = data.source_lines(wiki, path, start or window_around(a, b))
    return _render("source.html", wiki, site, src=src, hl_start=a, hl_end=b, lines_html=_lines_html(src["lines"], a, b),
                   lang=text_lang(" ".join(ln["text"] for ln in src["lines"][:300])))


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


PER_PAGE = HTML_PER_PAGE  # documents on one page of a per-type index


def type_view(wiki: Wiki, site, page_type: str, page: int = 1, rows: list[dict] | None = None) -> str:
    """One page of a per-type index (HTML_PER_PAGE documents by id), linked to the others; the static
    export writes every page of it."""
    rows = data.pages_of_type(wiki, page_type) if rows is None else rows
    if not rows:
        raise data.NotFound(f"no pages of type '{page_type}'")
    pager = Pager.of(len(rows), page, PER_PAGE)
    if pager.page != page:
        raise data.NotFound(f"the {page_type} index has {pager.pages} page{'s' if pager.pages != 1 else ''}, not {page}")
    return _render("list.html", wiki, site, rows=pager.slice(rows), page_type=page_type,
                   heading=data.TYPE_PLURALS.get(page_type, page_type.title()), pager=pager)


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
    numbers = itertools.count(1)
    for p in answer.get("passages", []):
        parts.append(inline(p.get("text") or "") + chips(p.get("citations") or [], urls, prefix="answer-cite", counter=numbers))
        if p.get("page_id"):
            pages.setdefault(p["page_id"], p.get("title") or p["page_id"])
    return {"text": Markup(" ".join(parts)), "pages": pages}


def incidents_view(wiki: Wiki, site) -> str:
    return _render("incidents.html", wiki, site, rows=data.incidents(wiki))


def actions_view(wiki: Wiki, site) -> str:
    return _render("actions.html", wiki, site, board=data.action_items(wiki))


def decisions_view(wiki: Wiki, site) -> str:
    return _render("decisions.html", wiki, site, groups=data.decisions(wiki))


def sources_view(wiki: Wiki, site, page: int | None = None) -> str:
    """All sources by path; with `page` (the server) one page of HTML_PER_PAGE of them."""
    rows = data.sources_list(wiki)
    pager = Pager.of(len(rows), page) if page is not None else None
    return _render("sources.html", wiki, site, rows=pager.slice(rows) if pager else rows, pager=pager)


def history_view(wiki: Wiki, site, page_id: str, a: int | None = None, b: int | None = None,
                 show: int | None = None, versions: list[dict] | None = None) -> str:
    """A page's versions, what changed between any two (rendered content, not raw YAML), or one old version whole."""
    from lorebook.web import history

    rec = data.page(wiki, page_id)
    versions = data.versions(wiki, page_id) if versions is None else versions
    page_path = rec["path"].removeprefix("wiki/")
    diff = shown = None
    nums = [v.get("version") for v in versions or []]
    if show is not None and show in nums:
        v = next(v for v in versions if v.get("version") == show)
        shown = {"version": show, "meta": v, "html": history.version_html(data.version_text(v), page_path, _urls(site))}
    elif versions and len(versions) >= 2:
        a = a if a in nums else nums[-2]
        b = b if b in nums else nums[-1]
        va = next(v for v in versions if v.get("version") == a)
        vb = next(v for v in versions if v.get("version") == b)
        diff = history.content_diff(data.version_text(va), data.version_text(vb), page_path, _urls(site))
    return _render("history.html", wiki, site, page=rec, versions=versions, diff=diff, a=a, b=b, shown=shown)


def not_found_view(wiki: Wiki, site, message: str) -> str:
    return _render("404.html", wiki, site, message=message)
