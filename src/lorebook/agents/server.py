"""The wiki as an MCP server (official `mcp` SDK): tools and resources for AI agents.

`lorebook mcp` speaks MCP on stdio as the person running it (as the CLI does);
`lorebook serve` mounts the same server at /mcp (Streamable HTTP, stateless, so
any number of server processes can answer). Over HTTP the web app has already
checked the bearer token; the tools read the caller from it again, and only an
editor's token may call `ingest_text`.

The package is `lorebook.agents`, not `lorebook.mcp`, so it never shadows the SDK.
"""

from __future__ import annotations

import contextlib
from typing import Any

from mcp.server.mcpserver import Context, MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp.server.transport_security import TransportSecuritySettings

from lorebook.authoring.paste import add_text_source
from lorebook.config import Wiki
from lorebook.export import page_records
from lorebook.living.versions import history as page_history
from lorebook.living.versions import whoami
from lorebook.query.ask import ask as ask_question
from lorebook.query.pages import PageNotFound, list_pages, resolve_page
from lorebook.query.search import search as search_wiki
from lorebook.store import accounts
from lorebook.store.files import UnsafePath, safe_join
from lorebook.store.db import database_for

MAX_LINES = 2000  # lines one read_source_lines call returns


class Denied(ToolError):
    """The caller's role does not allow this tool (the message reaches the agent)."""


def caller(wiki: Wiki, ctx: Context) -> accounts.User | None:
    """Who calls: the bearer token's account over HTTP; None on stdio (the local person)."""
    headers = None
    if ctx is not None:
        with contextlib.suppress(Exception):
            headers = ctx.headers
    if not headers:
        return None
    auth = headers.get("authorization") or headers.get("Authorization") or ""
    if auth[:7].lower() == "bearer ":
        return accounts.authenticate(database_for(wiki), auth[7:].strip())
    return None


def build_server(wiki: Wiki, over_http: bool = False) -> MCPServer:
    """An MCPServer over `wiki`. Over HTTP every tool needs a valid token once the wiki has accounts."""
    mcp = MCPServer(name="lorebook", title=f"Lorebook — {wiki.name}",
                    instructions="A team's compiled wiki of ADRs, postmortems and runbooks. Every answer cites "
                                 "source lines: search or ask first, then read_page or read_source_lines to check.")

    def reader(ctx: Context) -> accounts.User | None:
        user = caller(wiki, ctx)
        if over_http and user is None and accounts.has_accounts(database_for(wiki)):
            raise Denied("send 'Authorization: Bearer TOKEN' (a reader token or better)")
        return user

    @mcp.tool()
    def search(ctx: Context, query: str, type: str | None = None, limit: int = 10) -> list[dict]:
        """Full-text search over pages and raw sources; each hit with page id, snippet and cited lines."""
        reader(ctx)
        return search_wiki(wiki, query[:500], page_type=type, limit=max(1, min(limit, 50)))

    @mcp.tool()
    def ask(ctx: Context, question: str) -> dict:
        """A short answer from the wiki's typed fields, every sentence cited; found=false when the wiki does not know."""
        reader(ctx)
        a = ask_question(wiki, question[:500])
        return {**a.as_json(), "page": a.page}

    @mcp.tool()
    def read_page(ctx: Context, page_id: str) -> dict:
        """One page: its Markdown, typed fields with their citations, and every block's cited source lines."""
        reader(ctx)
        try:
            row = resolve_page(wiki, page_id)
        except PageNotFound as e:
            raise ToolError(str(e)) from None
        rec = page_records(wiki, [row["id"]])[0]
        return {**rec, "markdown": row["content"]}

    @mcp.tool(name="list_pages")
    def list_pages_tool(ctx: Context, type: str | None = None, status: str | None = None) -> list[dict]:
        """Pages by type (decision, incident, runbook, note, concept, source) and, for ADRs, status."""
        reader(ctx)
        rows = list_pages(wiki, type)
        if status:
            recs = {r["id"]: r for r in page_records(wiki, [r["id"] for r in rows])}
            rows = [r for r in rows if str((recs[r["id"]].get("fields") or {}).get("status", "")).lower() == status.lower()]
        return [{k: r[k] for k in ("id", "type", "title", "confidence", "version", "summary")} for r in rows]

    @mcp.tool()
    def read_source_lines(ctx: Context, file: str, start: int = 1, end: int | None = None) -> dict:
        """Lines start..end of a raw source (e.g. raw/notes.md), numbered: what a citation points at."""
        reader(ctx)
        rel = file.removeprefix("raw/")
        try:
            path = safe_join(wiki.raw_dir, rel)
            lines = path.read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n").split("\n")
        except (UnsafePath, FileNotFoundError, IsADirectoryError, NotADirectoryError):
            raise ToolError(f"no source '{file}'; sources are paths under raw/ as citations name them") from None
        start = max(1, start)
        end = min(len(lines), end or len(lines), start + MAX_LINES - 1)
        return {"file": f"raw/{rel}", "start": start, "end": end,
                "lines": [{"n": n, "text": lines[n - 1]} for n in range(start, end + 1)]}

    @mcp.tool()
    def lint(ctx: Context) -> dict:
        """The wiki's health check: findings (rule, file, line, message) and counts."""
        reader(ctx)
        from lorebook.lint import run_lint
        from lorebook.lint.report import as_json

        return as_json(run_lint(wiki))

    @mcp.tool()
    def history(ctx: Context, page_id: str) -> list[dict]:
        """Every version of a page: number, time, who or what made it (compiled, human, merged, revert)."""
        reader(ctx)
        try:
            row = resolve_page(wiki, page_id)
        except PageNotFound as e:
            raise ToolError(str(e)) from None
        return page_history(database_for(wiki), row["id"])

    @mcp.tool()
    def ingest_text(ctx: Context, name: str, text: str) -> dict:
        """Add notes as raw/web/NAME and compile them (editor tokens only)."""
        user = reader(ctx)
        if over_http:
            if accounts.has_accounts(database_for(wiki)) and (user is None or not user.can("editor")):
                who = f"{user.name} is a {user.role}" if user else "no token"
                raise Denied(f"ingest_text needs an editor token ({who})")
            if not accounts.has_accounts(database_for(wiki)):
                raise Denied("this server has no accounts, so it is read-only; add an editor with `lorebook users add`")
        try:
            return add_text_source(wiki, name, text, user.name if user else whoami())
        except ValueError as e:
            raise ToolError(str(e)) from None

    @mcp.resource("lorebook://index", mime_type="text/markdown", description="Every page, by type (wiki/index.md)")
    def index() -> str:
        path = wiki.wiki_dir / "index.md"
        if path.is_file():
            return path.read_text(encoding="utf-8")
        return "\n".join(f"- {r['type']}: [{r['title']}]({r['id']})" for r in list_pages(wiki))

    @mcp.resource("lorebook://page/{page_id}", mime_type="text/markdown", description="One page's Markdown")
    def page(page_id: str) -> str:
        try:
            return resolve_page(wiki, page_id)["content"]
        except PageNotFound as e:
            raise ToolError(str(e)) from None

    return mcp


def mount(app: Any, wiki: Wiki) -> None:
    """Serve the MCP server at /mcp of the web app (Streamable HTTP, stateless, JSON responses)."""
    server = build_server(wiki, over_http=True)
    # The web app's own middleware authenticates /mcp; Host checks belong to `serve`, not to this route.
    sub = server.streamable_http_app(streamable_http_path="/mcp", stateless_http=True, json_response=True,
                                     transport_security=TransportSecuritySettings(enable_dns_rebinding_protection=False))
    for route in sub.routes:
        app.router.routes.append(route)
    previous = app.router.lifespan_context

    @contextlib.asynccontextmanager
    async def lifespan(a):
        async with previous(a) as state, server.session_manager.run():
            yield state

    app.router.lifespan_context = lifespan
