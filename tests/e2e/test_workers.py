"""`lorebook serve --workers N`: a real supervisor and worker processes, each with its own pool."""

from __future__ import annotations

import subprocess
import time

import httpx
import pytest

from .conftest import free_port, start_server, stop_server, wait_ready

pytestmark = [pytest.mark.slow]


def _children(pid: int) -> set[int]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return {int(p) for p in out.split()}


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_two_workers_serve_and_stop(e2e_wiki):
    port = free_port()
    proc = start_server(e2e_wiki, port, "--workers", "2")
    base = f"http://127.0.0.1:{port}"
    workers: dict[int, dict] = {}
    try:
        wait_ready(proc, base, timeout=60)
        for _ in range(100):  # each fresh connection is accepted by whichever worker wins it
            h = httpx.get(base + "/api/health", timeout=10).json()
            workers[h["worker"]["pid"]] = h
            if len(workers) == 2:
                break
        assert len(workers) == 2, "both worker processes answer"
        assert workers.keys() <= _children(proc.pid) and proc.pid not in workers
        for h in workers.values():
            assert h["worker"]["workers"] == 2 and h["pages"] > 10
            assert h["pool"]["size"] >= 1 and h["pool"]["checked_out"] >= 0  # that worker's own pool

        with httpx.Client(base_url=base, timeout=30) as c:
            page = c.get("/page/incident-2026-05-12-api-outage")
            assert page.status_code == 200 and 'class="chip"' in page.text
            assert "Content-Security-Policy" in page.headers
            src = c.get("/source/raw/platform-team/engineering-log.md?hl=55-55")
            assert src.status_code == 200 and '<span class="line hl" id="L55">' in src.text
            assert c.get("/search", params={"q": "connection pool"}).status_code == 200
            assert c.get("/api/pages/nope").status_code == 404
            times = []
            for _ in range(15):  # one keep-alive connection: Nagle's algorithm left on costs ~40 ms each
                t = time.perf_counter()
                assert c.get("/api/sources").status_code == 200
                times.append(time.perf_counter() - t)
            assert sorted(times)[len(times) // 2] < 0.035, f"median {sorted(times)[len(times) // 2] * 1000:.0f} ms"
    finally:
        stop_server(proc, grace=20)
    deadline = time.monotonic() + 10
    while any(_alive(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(p) for p in workers), "stopping the server stops its workers"


def test_workers_refuse_a_busy_port(e2e_wiki):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        proc = start_server(e2e_wiki, port, "--workers", "2")
        try:
            _, err = proc.communicate(timeout=60)
        finally:
            if proc.poll() is None:
                proc.kill()
    assert proc.returncode != 0 and b"cannot listen on" in err
