"""A real wiki, a real `lorebook serve` subprocess on a free loopback port, and Debian's Chromium."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples" / "platform-team"
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

LOREBOOK = [sys.executable, "-c", "from lorebook.cli import main; main()"]  # the installed CLI, as a process

HOSTILE = """\
# Notes on <script>alert(1)</script> hostile input

Some text <script>alert(2)</script> and <img src=x onerror="alert(3)"> here, plus <b onclick="alert(9)">bold</b>.

- a link [x](javascript:alert(4)) and [y](JAVASCRIPT:alert(5)) and <a href="javascript:alert(6)">z</a>
- a data link [d](data:text/html,<script>alert(7)</script>) and an image ![i](javascript:alert(8))
"""


def lorebook(*args: str, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([*LOREBOOK, *map(str, args)], capture_output=True, text=True,
                          timeout=120, env=env, check=True)


@pytest.fixture(scope="session")
def e2e_wiki(tmp_path_factory) -> Path:
    """The example wiki plus one source full of script payloads."""
    root = tmp_path_factory.mktemp("e2e") / "wiki"
    lorebook("init", root, "--name", "Platform Team")
    lorebook("ingest", EXAMPLES, "--wiki", root)
    hostile = tmp_path_factory.mktemp("hostile") / "hostile-notes.md"
    hostile.write_text(HOSTILE, encoding="utf-8")
    lorebook("ingest", hostile, "--wiki", root)
    return root


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(wiki: Path, port: int, *extra: str) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k not in ("LOREBOOK_WIKI", "LOREBOOK_DATABASE_URL")}
    return subprocess.Popen([*LOREBOOK, "serve", "--wiki", str(wiki), "--port", str(port), *extra],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)


def wait_ready(proc: subprocess.Popen, base: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited: {proc.stderr.read().decode(errors='replace')}")
        try:
            if httpx.get(base + "/api/health", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise RuntimeError("server did not answer /api/health in time")


def stop_server(proc: subprocess.Popen, grace: float = 10) -> None:
    """SIGTERM, and SIGKILL if it has not exited within `grace` seconds."""
    proc.terminate()
    try:
        proc.wait(grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(10)


@pytest.fixture(scope="session")
def server(e2e_wiki):
    """Base URL of a live `lorebook serve` on 127.0.0.1."""
    port = free_port()
    proc = start_server(e2e_wiki, port)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_ready(proc, base)
        yield base
    finally:
        stop_server(proc)


@pytest.fixture(scope="session")
def static_site(e2e_wiki, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "html"
    lorebook("export", "--format", "html", "-o", out, "--wiki", e2e_wiki)
    return out


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (apt-get install -y chromium; .ci/run does this)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, request):
    """A fresh tab that records dialogs and page errors, and leaves a screenshot behind."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = ctx.new_page()
    tab.dialogs = []
    tab.errors = []

    def on_dialog(d):
        tab.dialogs.append(d.message)
        d.dismiss()

    tab.on("dialog", on_dialog)
    tab.on("pageerror", lambda e: tab.errors.append(str(e)))
    yield tab
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        tab.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=False)
    finally:
        ctx.close()
