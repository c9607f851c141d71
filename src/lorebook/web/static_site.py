"""`lorebook export --format html`: the reader as flat HTML files that open from disk.

Same views and templates as the server, with relative links (StaticSite). Search
and ask run in the browser over a prebuilt index shipped as a script
(`static/search-index.js`), because browsers refuse fetch() on file:// pages.
Written into a temp folder beside the target and swapped in, so a failed export
leaves nothing half-written.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from pathlib import Path

from lorebook.config import Wiki
from lorebook.export import page_records
from lorebook.web import data, views
from lorebook.web.paging import Pager
from lorebook.web.urls import StaticSite, file_name

SITE = StaticSite()
MARKER = ".lorebook-export"


class ExportError(Exception):
    """The output folder cannot be used; the message says what to do."""


def export_html(wiki: Wiki, out: Path) -> int:
    """Write the site to `out`; returns the number of HTML files."""
    out = out.resolve()
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MARKER).exists())):
        raise ExportError(f"{out} exists and is not an empty folder or an earlier html export; pick another -o")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        n = _write_site(wiki, tmp)
        if out.exists():
            shutil.rmtree(out)
        os.replace(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return n


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def _write_site(wiki: Wiki, root: Path) -> int:
    (root / MARKER).write_text("written by lorebook export --format html\n", encoding="utf-8")
    shutil.copytree(views.HERE / "static", root / "static")
    path_ids = data.all_path_ids(wiki)
    records = page_records(wiki)
    SITE.history_ids = frozenset(data.pages_with_history(wiki))
    count = 0
    for rec in records:
        _write(root / file_name("page", rec["id"]), views.page_view(wiki, SITE, rec["id"], path_ids))
        count += 1
    for src in data.sources_list(wiki):
        if src["status"] == "ok":
            try:
                _write(root / file_name("source", src["path"]), views.source_view(wiki, SITE, src["path"]))
                count += 1
            except data.NotFound:
                continue
    pages = {
        "index.html": views.home_view(wiki, SITE), "search.html": views.search_view(wiki, SITE, "", []),
        "incidents.html": views.incidents_view(wiki, SITE), "actions.html": views.actions_view(wiki, SITE),
        "decisions.html": views.decisions_view(wiki, SITE), "sources.html": views.sources_view(wiki, SITE),
        "404.html": views.not_found_view(wiki, SITE, "There is no such page here"),
    }
    for t in data.counts_by_type(wiki):
        rows = data.pages_of_type(wiki, t)
        for n in range(1, Pager.of(len(rows), None).pages + 1):
            pages[SITE.type_list(t, n)] = views.type_view(wiki, SITE, t, n, rows)
    for name, html in pages.items():
        _write(root / name, html)
    count += len(reader_pages(wiki, root))
    count += write_histories(wiki, root)
    index = search_index(records)
    _write(root / "static" / "search-index.js",
           "window.LOREBOOK_INDEX = " + json.dumps(index, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/") + ";\n")
    return count + len(pages)


def write_histories(wiki: Wiki, root: Path, keep: int = 5) -> int:
    """For each page with more than one version: its latest change as a content diff, and its
    last `keep` versions whole (older ones are in `lorebook history`)."""
    n = 0
    for pid in sorted(SITE.history_ids):
        versions = data.versions(wiki, pid) or []  # rebuilt from deltas: once per page
        _write(root / SITE.history(pid), views.history_view(wiki, SITE, pid, versions=versions))
        for v in versions[-keep:]:
            _write(root / SITE.version(pid, v["version"]),
                   views.history_view(wiki, SITE, pid, show=v["version"], versions=versions))
            n += 1
        n += 1
    return n


def reader_pages(wiki: Wiki, root: Path) -> list[str]:
    """Issue 14's pages: analytics (with CSV/JSON) and the offline API docs."""
    from lorebook.web import analytics, api_docs
    from lorebook.web.app import create_app

    return analytics.write_static(wiki, root, SITE) + api_docs.write_static_docs(root, SITE, create_app(wiki).openapi())


_LINKS = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def search_index(records: list[dict]) -> dict:
    """Pages (title, summary, words) for search, and cited blocks for ask."""
    pages, passages = [], []
    for i, rec in enumerate(records):
        text = " ".join(_LINKS.sub(r"\1", b["text"]) for b in rec["blocks"] if b["kind"] != "heading")
        pages.append({"id": rec["id"], "title": rec["title"], "type": rec["type"],
                      "label": data.TYPE_LABELS.get(rec["type"], rec["type"]), "summary": rec["summary"] or "",
                      "url": SITE.page(rec["id"]), "text": text[:4000]})
        if rec["type"] in ("concept", "source"):
            continue
        for b in rec["blocks"]:
            if b["kind"] in ("paragraph", "item", "row", "code") and b["citations"]:
                cites = [[SITE.source(c["source"], c["start_line"], c["end_line"]),
                          f"{c['source'].rsplit('/', 1)[-1]}:{c['start_line']}-{c['end_line']}"] for c in b["citations"][:3]]
                passages.append({"page": i, "text": b["text"][:600], "cites": cites})
    return {"pages": pages, "passages": passages}
