"""The MCP server, driven by the official SDK's own client: over stdio (`lorebook mcp`) and over
Streamable HTTP (/mcp of a real `lorebook serve` process), where only an editor's token may ingest."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import anyio
import httpx
import httpx2
import pytest
from mcp import Client
from mcp.client.stdio import StdioServerParameters
from mcp.client.streamable_http import streamable_http_client

from conftest import EXAMPLES, REPO

LOREBOOK = [sys.executable, "-c", "from lorebook.cli import main; main()"]
PAGE = "incident-2026-05-12-api-outage"
TOOLS = {"search", "ask", "read_page", "list_pages", "read_source_lines", "lint", "history", "ingest_text"}


def run_async(fn) -> None:
    """anyio.run on a thread of its own: the browser tests' Playwright keeps an event loop running in
    the main thread for the whole session."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as ex:
        ex.submit(anyio.run, fn).result()


def run(*args):
    return subprocess.run([*LOREBOOK, *map(str, args)], capture_output=True, text=True, timeout=120, check=True)


@pytest.fixture(scope="module")
def wiki_dir(tmp_path_factory):
    root = tmp_path_factory.mktemp("mcp") / "wiki"
    run("init", root, "--name", "Platform Team")
    run("ingest", EXAMPLES, "--wiki", root)
    return root


def data(result):
    """A tool result's value: the structured content, else the JSON in its first text block."""
    assert not result.is_error, result.content
    if result.structured_content is not None:
        sc = result.structured_content
        return sc.get("result", sc) if isinstance(sc, dict) and set(sc) == {"result"} else sc
    return json.loads(result.content[0].text)


def env():
    e = {k: v for k, v in os.environ.items() if k not in ("LOREBOOK_WIKI", "LOREBOOK_DATABASE_URL")}
    e["PYTHONPATH"] = str(REPO / "src") + os.pathsep + e.get("PYTHONPATH", "")
    return e


def test_stdio_tools_and_resources(wiki_dir):
    params = StdioServerParameters(command=LOREBOOK[0], args=[*LOREBOOK[1:], "mcp", "--wiki", str(wiki_dir)], env=env())

    async def session():
        async with Client(params) as c:
            tools = {t.name for t in (await c.list_tools()).tools}
            assert tools == TOOLS
            hits = data(await c.call_tool("search", {"query": "outage"}))
            assert any(h["page"] == PAGE for h in hits)
            page = data(await c.call_tool("read_page", {"page_id": PAGE}))
            assert page["type"] == "incident" and page["markdown"].startswith("---\n") and page["fields"]
            assert all(c_["source"].startswith("raw/") for b in page["blocks"] for c_ in b["citations"])
            cite = next(c_ for b in page["blocks"] for c_ in b["citations"])
            lines = data(await c.call_tool("read_source_lines", {"file": cite["source"], "start": cite["start_line"],
                                                                 "end": cite["end_line"]}))
            assert [ln["n"] for ln in lines["lines"]] == list(range(cite["start_line"], cite["end_line"] + 1))
            bad = await c.call_tool("read_source_lines", {"file": "../lorebook.toml"})
            assert bad.is_error
            answer = data(await c.call_tool("ask", {"question": "How long did the May API outage last?"}))
            assert answer["found"] and answer["citations"]
            adrs = data(await c.call_tool("list_pages", {"type": "decision"}))
            assert adrs and all(p["type"] == "decision" for p in adrs)
            assert data(await c.call_tool("history", {"page_id": PAGE}))[0]["version"] == 1
            assert "summary" in data(await c.call_tool("lint", {}))
            index = await c.read_resource("lorebook://index")
            assert PAGE in index.contents[0].text
            one = await c.read_resource(f"lorebook://page/{PAGE}")
            assert one.contents[0].text.startswith("---\nid: " + PAGE)
            done = data(await c.call_tool("ingest_text", {"name": "agent-notes.md",
                                                          "text": "# Agent notes\n\nThe quokka cache warms at dawn.\n"}))
            assert done["source"] == "raw/web/agent-notes.md"
            assert any("quokka" in h["snippet"].lower() for h in data(await c.call_tool("search", {"query": "quokka"})))

    run_async(session)


def _free_port():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def served(wiki_dir):
    reader = run("users", "add", "rita", "--role", "reader", "--wiki", wiki_dir).stdout.strip().splitlines()[-1]
    editor = run("users", "add", "ed", "--role", "editor", "--wiki", wiki_dir).stdout.strip().splitlines()[-1]
    port = _free_port()
    proc = subprocess.Popen([*LOREBOOK, "serve", "--wiki", str(wiki_dir), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env())
    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            if httpx.get(base + "/api/health", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.1)
    yield base, reader, editor
    proc.terminate()
    proc.wait(timeout=20)


def _client(base, token):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return Client(streamable_http_client(base + "/mcp", http_client=httpx2.AsyncClient(headers=headers, timeout=60)))


def test_http_reader_reads_but_may_not_ingest(served):
    base, reader, editor = served

    async def session():
        async with _client(base, reader) as c:
            assert {t.name for t in (await c.list_tools()).tools} == TOOLS
            assert any(h["page"] == PAGE for h in data(await c.call_tool("search", {"query": "outage"})))
            refused = await c.call_tool("ingest_text", {"name": "x.md", "text": "# X\n"})
            assert refused.is_error and "editor" in refused.content[0].text
        async with _client(base, editor) as c:
            done = data(await c.call_tool("ingest_text", {"name": "from-agent.md", "text": "# From an agent\n\nzebra\n"}))
            assert done["source"] == "raw/web/from-agent.md"

    run_async(session)
    assert httpx.post(base + "/mcp", json={}).status_code == 401  # no token, no MCP
    audit = httpx.get(base + "/api/pages/" + PAGE, headers={"Authorization": f"Bearer {reader}"})
    assert audit.status_code == 200
