"""Reader routes added by issue 14: analytics (HTML with inline SVG, CSV, JSON), offline API docs,
HEAD on every GET route, and one JSON error shape for request validation.

Installed from `create_app` with one call (`install`), so app.py stays as it was.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from lorebook.config import Wiki
from lorebook.web import analytics as analytics_view, api_docs
from lorebook.web.cache import RenderCache, wiki_stamp

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'{styles}; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}


class HeadAsGet:
    """Answer HEAD like GET without the body (FastAPI routes declare GET only and would say 405)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "HEAD":
            return await self.app(scope, receive, send)

        async def send_headers_only(message):
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        return await self.app({**scope, "method": "GET"}, receive, send_headers_only)


def html_response(body: str | bytes, styles: list[str] | None = None, status: int = 200) -> HTMLResponse:
    extra = (" " + " ".join(styles)) if styles else ""
    return HTMLResponse(body, status_code=status, headers={**HEADERS, "Content-Security-Policy": CSP.format(styles=extra)})


def validation_message(exc: RequestValidationError) -> str:
    """'q: String should have at least 1 character' from FastAPI's list of errors."""
    parts = []
    for err in exc.errors()[:3]:
        where = ".".join(str(x) for x in err.get("loc", ()) if x not in ("query", "path", "body"))
        parts.append(f"{where}: {err.get('msg', 'invalid')}" if where else str(err.get("msg", "invalid")))
    return "; ".join(parts) or "invalid request"


def install(app: FastAPI, wiki: Wiki, cache: RenderCache, site) -> None:
    """Add this module's routes, the HEAD middleware and the validation error shape to `app`."""
    app.add_middleware(HeadAsGet)

    @app.exception_handler(RequestValidationError)
    def invalid(request: Request, exc: RequestValidationError):
        return JSONResponse({"error": validation_message(exc)}, status_code=422)

    def stats_key(kind: str):
        return (kind, wiki_stamp(wiki), datetime.now(timezone.utc).date())

    @app.get("/analytics", response_class=HTMLResponse, include_in_schema=False)
    def analytics():
        body = cache.get_or_render(stats_key("analytics"), lambda: analytics_view.analytics_view(wiki, site))
        return html_response(body, analytics_view.style_hashes(body.decode("utf-8")))

    @app.get("/analytics.json", include_in_schema=False)
    def analytics_json():
        return Response(analytics_view.stats_json(wiki), media_type="application/json",
                        headers={"Content-Disposition": 'attachment; filename="incident-stats.json"'})

    @app.get("/analytics.csv", include_in_schema=False)
    def analytics_csv():
        return Response(analytics_view.stats_csv_text(wiki), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="incident-stats.csv"'})

    @app.get("/api/stats", tags=["query"], summary="Incident analytics: per month, durations, time to detect, "
             "severities, action items open and done with ages (what `lorebook stats --json` prints)")
    def api_stats():
        return JSONResponse(json.loads(analytics_view.stats_json(wiki)))

    @app.get("/api/runs", tags=["runbooks"], summary="Runbook runs, newest first (of one runbook with ?page=ID)")
    def api_runs(page: str | None = None, limit: int = 50):
        from lorebook.runbooks.log import runs_of

        return JSONResponse(runs_of(wiki, page, max(1, min(limit, 500))))

    if api_docs.SWAGGER_UI is not None:  # Swagger UI's files from a package, never from a CDN
        app.mount("/docs/assets", StaticFiles(directory=api_docs.SWAGGER_UI), name="swagger-ui")

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs():
        return html_response(api_docs.docs_html(site, "/docs/assets/", "/docs/openapi.js"), ["'unsafe-inline'"])

    @app.get("/docs/openapi.js", include_in_schema=False)
    def openapi_js():
        return Response(api_docs.openapi_script(app.openapi()), media_type="text/javascript")


def resolve_id(wiki: Wiki, ref: str) -> str | None:
    """The page id `ref` names the way the CLI accepts it ("ADR-14", "adr-014", a unique prefix), else None."""
    from lorebook.query.pages import PageNotFound, resolve_page

    try:
        return resolve_page(wiki, ref)["id"]
    except PageNotFound:
        return None


def runs_stamp(wiki: Wiki, page_id: str) -> tuple:
    """What changes a runbook page's "Runs" list: its newest run and that run's state."""
    from lorebook.runbooks.log import runs_of

    newest = runs_of(wiki, page_id, limit=1)
    return (newest[0]["id"], newest[0]["status"], newest[0]["finished"]) if newest else ()
