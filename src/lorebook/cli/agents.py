"""`lorebook mcp`: the wiki as an MCP server on stdio, for agents started by an MCP client."""

from __future__ import annotations

from lorebook.cli.base import handle_errors, main, wiki_option


@main.command("mcp")
@wiki_option
@handle_errors
def mcp_command(wiki):
    """Speak MCP on stdin/stdout: tools search, ask, read_page, list_pages, read_source_lines, lint, history,
    ingest_text; resources lorebook://index and lorebook://page/{id}. See docs/teams.md."""
    from lorebook.agents.server import build_server

    build_server(wiki).run("stdio")
