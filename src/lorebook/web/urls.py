"""Where each view lives: absolute routes on the server, flat relative files in the static export.

The templates only ever call these methods, so one set of templates serves both.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import quote

_SAFE = re.compile(r"^[\w.-]+$", re.UNICODE)


def _lines(a: int | None, b: int | None) -> tuple[str, str]:
    if a is None:
        return "", ""
    b = b if b is not None else a
    return f"?hl={a}-{b}", f"#L{a}-L{b}"


class ServerSite:
    """Routes of the running server."""

    static = False
    home = "/"
    search = "/search"
    ask = "/ask"
    incidents = "/incidents"
    actions = "/actions"
    decisions = "/decisions"
    sources = "/sources"
    api_docs = "/docs"
    analytics, analytics_csv, analytics_json = "/analytics", "/analytics.csv", "/analytics.json"
    runbooks = "/type/runbook"

    def page(self, page_id: str) -> str:
        return "/page/" + quote(page_id, safe="")

    def history(self, page_id: str) -> str:
        return self.page(page_id) + "/history"

    def version(self, page_id: str, n: int) -> str:
        return self.history(page_id) + f"?v={n}"

    def source(self, path: str, a: int | None = None, b: int | None = None) -> str:
        query, frag = _lines(a, b)
        return "/source/" + quote(path) + query + frag

    def source_window(self, path: str, start: int) -> str:
        """Another window of a long source's lines."""
        return "/source/" + quote(path) + f"?start={start}"

    def type_list(self, page_type: str, page: int = 1) -> str:
        return "/type/" + quote(page_type, safe="") + (f"?page={page}" if page > 1 else "")

    def asset(self, name: str) -> str:
        return "/static/" + name


def file_name(kind: str, key: str) -> str:
    """A flat, collision-free file name for a page id or source path."""
    if kind == "page" and _SAFE.match(key):
        return f"page-{key}.html"
    stem = re.sub(r"[^\w.-]+", "_", key.removeprefix("raw/"), flags=re.UNICODE)[:80]
    digest = hashlib.sha1(key.encode()).hexdigest()[:8]
    return f"{kind}-{stem}-{digest}.html"


class StaticSite:
    """Relative links between flat files, so the export opens from disk or any static host."""

    static = True
    home = "index.html"
    search = "search.html"
    ask = "search.html#ask"
    incidents = "incidents.html"
    actions = "actions.html"
    decisions = "decisions.html"
    sources = "sources.html"
    api_docs = "docs.html"
    analytics, analytics_csv, analytics_json = "analytics.html", "analytics.csv", "analytics.json"
    runbooks = "type-runbook.html"

    def page(self, page_id: str) -> str:
        return quote(file_name("page", page_id))

    history_ids: frozenset = frozenset()  # pages whose history the export wrote (set by static_site)

    def history(self, page_id: str) -> str | None:
        return quote(file_name("history", page_id)) if page_id in self.history_ids else None

    def version(self, page_id: str, n: int) -> str:
        return quote(file_name("history", f"{page_id}@v{n}"))

    def source(self, path: str, a: int | None = None, b: int | None = None) -> str:
        return quote(file_name("source", path)) + _lines(a, b)[1]

    def type_list(self, page_type: str, page: int = 1) -> str:
        return quote(f"type-{page_type}.html" if page <= 1 else f"type-{page_type}-{page}.html")

    def asset(self, name: str) -> str:
        return "static/" + name
