"""Lorebook for AI agents: an MCP server (stdio and Streamable HTTP) over the wiki."""
