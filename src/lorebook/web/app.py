"""The HTTP app: server-rendered reader + JSON API under /api, over the wiki's one database pool.

Handlers are plain `def`s (they run in the threadpool) because every query goes
through the shared SQLAlchemy engine; nothing here opens its own connection.
`lorebook serve --workers N` runs N processes of this app (`app_from_env`), each
with its own engine and pool from store/db.py and its own render cache.
"""

from __future__ import annotations

import os
import re
from urllib.parse import urlencode
from datetime import datetime, timezone

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from lorebook.agents.server import mount as mount_mcp
from lorebook.config import Wiki
from lorebook.export import page_records
from lorebook.web import api_write, auth, data, metrics, paging, reader_routes, search, views
from lorebook.web.hosts import LOOPBACK_NAMES, hosts_from_env, restrict_hosts
from lorebook.web.cache import RenderCache, page_stamp, wiki_stamp
from lorebook.web.urls import ServerSite
from lorebook.store.db import database_for

SITE = ServerSite()
_HL = re.compile(r"^(\d{1,7})(?:-(\d{1,7}))?$")


WORKERS_ENV = "LOREBOOK_SERVE_WORKERS"


def create_app(wiki: Wiki, workers: int = 1) -> FastAPI:
    """The reader for `wiki`. The database is opened (and migrated) once, here.

    `workers` is how many processes serve the same wiki (only reported by /api/health)."""
    database_for(wiki)
    app = FastAPI(title=f"Lorebook — {wiki.name}", version="1", docs_url=None, redoc_url=None,  # docs: offline, reader_routes
                  description="Read the compiled wiki: pages with cited blocks, sources by line, search and ask.")
    app.mount("/static", StaticFiles(directory=views.HERE / "static"), name="static")
    cache = RenderCache()
    app.state.cache = cache
    app.state.workers = workers
    reader_routes.install(app, wiki, cache, SITE)
    auth.install(app, wiki)  # accounts, sessions, CSRF (web/auth.py); writes in web/api_write.py
    app.include_router(api_write.router(wiki))
    mount_mcp(app, wiki)  # the MCP server at /mcp (lorebook/agents/)
    app.include_router(metrics.router(wiki))
    _html_routes(app, wiki, cache)
    _api_routes(app, wiki, cache)
    _errors(app, wiki)
    return app


def app_from_env() -> FastAPI:
    """The app of one `serve --workers N` worker process: uvicorn imports and calls this.

    The serving command names the wiki in $LOREBOOK_WIKI (and has migrated its
    database already); this process opens its own engine and pool for it."""
    from lorebook.config import find_wiki

    app = create_app(find_wiki(), workers=int(os.environ.get(WORKERS_ENV) or 1))
    return restrict_hosts(app, hosts_from_env() or list(LOOPBACK_NAMES))


_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
                               "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
}


def _html(body: str | bytes, status: int = 200) -> HTMLResponse:
    return HTMLResponse(body, status_code=status, headers=_HEADERS)


def _not_found(what: str):
    raise HTTPException(status_code=404, detail=what)


def _html_routes(app: FastAPI, wiki: Wiki, cache: RenderCache) -> None:
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home():
        # Recent changes come from wiki/log.md, renamed into place just after the commit: key on its stat too.
        try:
            st = (wiki.wiki_dir / "log.md").stat()
            log = (st.st_mtime_ns, st.st_size)
        except OSError:
            log = None
        return _html(cache.get_or_render(("home", wiki_stamp(wiki), log), lambda: views.home_view(wiki, SITE)))

    @app.get("/page/{page_id}", response_class=HTMLResponse, include_in_schema=False)
    def page(page_id: str):
        stamp = page_stamp(wiki, page_id)
        if stamp is None:  # "ADR-14", "adr-014", a unique prefix: what `lorebook show` accepts
            page_id = reader_routes.resolve_id(wiki, page_id) or page_id
            stamp = page_stamp(wiki, page_id)
        if stamp is None:
            _not_found(f"no page '{page_id}'")
        # The header's "3 minutes ago" is part of the HTML, so it is part of the key too (and a runbook's runs).
        key = ("page", page_id, stamp, data.relative_time(stamp[1]), reader_routes.runs_stamp(wiki, page_id))
        try:
            return _html(cache.get_or_render(key, lambda: views.page_view(wiki, SITE, page_id)))
        except data.NotFound as e:
            _not_found(str(e))

    @app.get("/page/{page_id}/history", response_class=HTMLResponse, include_in_schema=False)
    def history(page_id: str, a: int | None = None, b: int | None = None, v: int | None = None):
        try:
            return _html(views.history_view(wiki, SITE, page_id, a, b, show=v))
        except data.NotFound as e:
            _not_found(str(e))

    @app.get("/source/{path:path}", response_class=HTMLResponse, include_in_schema=False)
    def source(path: str, hl: str | None = None, start: int | None = Query(None, ge=1, le=10**9)):
        m = _HL.match(hl or "")
        span = (int(m.group(1)), int(m.group(2) or m.group(1))) if m else None
        key = ("source", path, span, start, wiki_stamp(wiki))
        try:
            return _html(cache.get_or_render(key, lambda: views.source_view(wiki, SITE, path, span, start)))
        except data.NotFound as e:
            _not_found(str(e))

    @app.get("/type/{page_type}", response_class=HTMLResponse, include_in_schema=False)
    def type_list(page_type: str, page: int = Query(1, ge=1)):
        try:
            return _html(cache.get_or_render(("type", page_type, page, wiki_stamp(wiki)),
                                             lambda: views.type_view(wiki, SITE, page_type, page)))
        except data.NotFound as e:
            _not_found(str(e))

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(q: str = ""):
        if not q.strip():
            return _html(views.search_view(wiki, SITE, q, []))
        # Hits only change when the wiki does: the index is written in the transaction that moves the generation.
        return _html(cache.get_or_render(("search", q, wiki_stamp(wiki)),
                                         lambda: views.search_view(wiki, SITE, q, search.search(wiki, q[:500]))))

    @app.get("/ask", response_class=HTMLResponse, include_in_schema=False)
    def ask_page(q: str = ""):
        answer = search.ask(wiki, q[:500]) if q.strip() else None
        return _html(views.search_view(wiki, SITE, q, [], answer))

    @app.get("/sources", response_class=HTMLResponse, include_in_schema=False)
    def sources(page: int = Query(1, ge=1)):
        return _html(cache.get_or_render(("sources", page, wiki_stamp(wiki)), lambda: views.sources_view(wiki, SITE, page)))

    for name in ("incidents", "actions", "decisions"):
        _simple(app, wiki, cache, name)


def _simple(app: FastAPI, wiki: Wiki, cache: RenderCache, name: str) -> None:
    """A whole-wiki list (100+ ms in a 10,000-source wiki), rendered once per generation and
    day (action items show their age in days)."""
    view = getattr(views, f"{name}_view")

    def route():
        key = (name, wiki_stamp(wiki), datetime.now(timezone.utc).date())
        return _html(cache.get_or_render(key, lambda: view(wiki, SITE)))

    app.add_api_route(f"/{name}", route, methods=["GET"], response_class=HTMLResponse, include_in_schema=False, name=name)


def _api_routes(app: FastAPI, wiki: Wiki, cache: RenderCache) -> None:
    @app.get("/api/health", tags=["meta"],
             summary="Liveness, page count, and the answering worker process's database pool and render cache")
    def health(request: Request):
        if getattr(request.state, "accounts_on", False) and request.state.user is None:
            return {"ok": True}  # for load balancers; the rest needs a token
        counts = data.counts_by_type(wiki)
        return {"ok": True, "wiki": wiki.name, "pages": sum(counts.values()),
                "worker": {"pid": os.getpid(), "workers": app.state.workers},
                "pool": database_for(wiki).pool_status(), "render_cache": cache.stats()}

    @app.get("/api/pages", tags=["pages"],
             summary="Pages by type then id: id, type, title, confidence, version, updated, summary; "
                     "paged (the Link, X-Next-Cursor and X-Total-Count headers)")
    def api_pages(type: str | None = Query(None, description="Only pages of this type"),
                  limit: int = Query(paging.API_DEFAULT_LIMIT, ge=1, le=paging.API_MAX_LIMIT, description="Pages per answer"),
                  cursor: str | None = Query(None, description="X-Next-Cursor of the previous answer")):
        # Plain str/int values: serialised as they are (FastAPI's generic encoder took 1 s for 20,001 pages).
        try:
            rows, nxt, total = paging.page_rows(wiki, type, paging.decode_cursor(cursor) if cursor else None, limit)
        except paging.BadCursor as e:
            return JSONResponse({"error": str(e)}, status_code=400)
        headers = {"X-Total-Count": str(total)}
        if nxt:
            query = urlencode({k: v for k, v in (("type", type), ("limit", limit), ("cursor", nxt)) if v is not None})
            headers.update({"X-Next-Cursor": nxt, "Link": f'</api/pages?{query}>; rel="next"'})
        return JSONResponse(rows, headers=headers)

    @app.get("/api/pages/{page_id}", tags=["pages"], summary="One page in the JSON export's shape, with blocks and citations")
    def api_page(page_id: str):
        recs = page_records(wiki, [page_id])
        if not recs:
            _not_found(f"no page '{page_id}'")
        found = api_write.page_markdown(wiki, page_id)  # the page file's text: what PUT takes back with base_version
        return {**recs[0], "markdown": found[1] if found else ""}

    @app.get("/api/sources", tags=["sources"], summary="Every source file: path, line count, status")
    def api_sources():
        return JSONResponse(data.sources_list(wiki))

    @app.get("/api/sources/{path:path}", tags=["sources"],
             summary="A window of a source's text as numbered lines (at most 2,000 lines and 256 KB; `window.next` pages on)")
    def api_source(path: str, start: int = Query(1, ge=1, le=10**9), end: int | None = Query(None, ge=1, le=10**9)):
        try:
            return data.source_lines(wiki, path, start, end)
        except data.NotFound as e:
            _not_found(str(e))

    @app.get("/api/search", tags=["query"], summary="Pages matching the words of q")
    def api_search(q: str = Query(..., min_length=1, max_length=500), limit: int = Query(20, ge=1, le=100)):
        return {"q": q, "hits": search.search(wiki, q, limit)}

    @app.get("/api/ask", tags=["query"], summary="An answer to a question, with the cited passages behind it")
    def api_ask(q: str = Query(..., min_length=1, max_length=500)):
        return search.ask(wiki, q)

    @app.get("/api/lint", tags=["lint"], summary="The wiki's health check (when the lint module is installed)")
    def api_lint():
        return _lint(wiki)


def _lint(wiki: Wiki):
    """lorebook lint's JSON report (issue 5), run without writing the log; 404 when lint is absent."""
    try:
        from lorebook.lint import run_lint
        from lorebook.lint.report import as_json
    except ImportError:
        _not_found("lint is not available in this version")
    return as_json(run_lint(wiki))


def _errors(app: FastAPI, wiki: Wiki) -> None:
    @app.exception_handler(StarletteHTTPException)
    def http_error(request: Request, exc: StarletteHTTPException):
        detail = exc.detail if isinstance(exc.detail, str) else "not found"
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": detail}, status_code=exc.status_code)
        if exc.status_code == 404:
            return _html(views.not_found_view(wiki, SITE, detail if detail != "Not Found" else "There is no such page here"), 404)
        return _html(views.not_found_view(wiki, SITE, detail), exc.status_code)

    @app.exception_handler(Exception)
    def server_error(request: Request, exc: Exception):
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": "internal error; see the server log"}, status_code=500)
        return _html(views.not_found_view(wiki, SITE, "Something went wrong showing this; see the server log"), 500)
