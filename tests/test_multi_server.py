"""Several `lorebook serve` processes on one PostgreSQL database: one writer at a time (advisory lock),
a change made through one is seen through the other at once, and the pool is observable."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import time

import httpx
import pytest
from sqlalchemy import text

import pg
from conftest import EXAMPLES, REPO

LOREBOOK = [sys.executable, "-c", "from lorebook.cli import main; main()"]
PAGE = "incident-2026-05-12-api-outage"


def run(*args, check=True):
    return subprocess.run([*LOREBOOK, *map(str, args)], capture_output=True, text=True, timeout=180, check=check,
                          env=_env())


def _env():
    e = {k: v for k, v in os.environ.items() if k not in ("LOREBOOK_WIKI", "LOREBOOK_DATABASE_URL")}
    e["PYTHONPATH"] = str(REPO / "src") + os.pathsep + e.get("PYTHONPATH", "")
    return e


def _port():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    if not pg.PG_URL:
        if os.environ.get("CI"):
            pytest.fail("CI must run the PostgreSQL tests: .ci/run sets LOREBOOK_TEST_PG_URL")
        pytest.skip("no PostgreSQL server: set LOREBOOK_TEST_PG_URL (bash .ci/run starts one)")
    url = pg.new_database()
    root = tmp_path_factory.mktemp("shared") / "wiki"
    run("init", root)
    toml = root / "lorebook.toml"
    toml.write_text(toml.read_text().replace('url = ""', f'url = "{url}"'), encoding="utf-8")
    run("ingest", EXAMPLES, "--wiki", root)
    editor = run("users", "add", "ed", "--role", "editor", "--wiki", root).stdout.strip().splitlines()[-1]
    procs, bases = [], []
    for _ in range(2):
        port = _port()
        procs.append(subprocess.Popen([*LOREBOOK, "serve", "--wiki", str(root), "--port", str(port)],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_env()))
        bases.append(f"http://127.0.0.1:{port}")
    for base in bases:
        for _ in range(200):
            try:
                if httpx.get(base + "/api/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
    yield root, url, bases, {"Authorization": f"Bearer {editor}"}
    for p in procs:
        p.terminate()
        p.wait(timeout=20)
    pg.drop_database(url)


def test_a_change_through_one_server_is_seen_through_the_other(shared):
    _, _, (a, b), auth = shared
    page = httpx.get(f"{b}/api/pages/{PAGE}", headers=auth).json()
    b_html = httpx.get(f"{b}/page/{PAGE}", headers=auth).text  # B has it rendered and cached
    edited = page["markdown"].replace("\n## ", "\nSeen everywhere.\n\n## ", 1)
    r = httpx.put(f"{a}/api/pages/{PAGE}", json={"markdown": edited, "base_version": page["version"]}, headers=auth)
    assert r.status_code == 200
    seen = httpx.get(f"{b}/api/pages/{PAGE}", headers=auth).json()
    assert seen["version"] == page["version"] + 1 and "Seen everywhere." in seen["markdown"]
    assert seen["edited_by"] == "ed"
    again = httpx.get(f"{b}/page/{PAGE}", headers=auth).text
    assert again != b_html and "edited by ed" in again  # not the cached page from before the edit


def test_two_servers_saving_the_same_version_lose_nothing(shared):
    _, _, (a, b), auth = shared
    page = httpx.get(f"{a}/api/pages/{PAGE}", headers=auth).json()
    texts = [page["markdown"].replace("\n## ", f"\nFrom server {n}.\n\n## ", 1) for n in "AB"]
    rs = [httpx.put(f"{base}/api/pages/{PAGE}", json={"markdown": t, "base_version": page["version"]}, headers=auth)
          for base, t in zip((a, b), texts)]
    assert sorted(r.status_code for r in rs) == [200, 409]
    conflict = next(r for r in rs if r.status_code == 409).json()
    assert conflict["current_version"] == page["version"] + 1 and conflict["your_markdown"] in texts


def test_writers_on_any_machine_wait_for_the_advisory_lock(shared):
    """Held from another connection (as a writer on another machine would): the file lock is free, yet
    `build --no-wait` reports the wiki busy."""
    from lorebook.store.db import get_database
    from lorebook.store.lock import ADVISORY_KEY

    root, url, _, _ = shared
    with get_database(url).connect() as conn:
        conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": ADVISORY_KEY})
        conn.commit()
        try:
            r = run("build", "--no-wait", "--wiki", root, check=False)
            assert r.returncode != 0 and "another lorebook run" in r.stderr
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": ADVISORY_KEY})
            conn.commit()
    assert run("build", "--no-wait", "--wiki", root).returncode == 0


def test_pool_use_in_health_and_metrics(shared):
    _, _, (a, _), auth = shared
    health = httpx.get(f"{a}/api/health", headers=auth).json()
    assert set(health["pool"]) >= {"size", "checked_out", "peak_checked_out", "max", "use"}
    assert httpx.get(f"{a}/api/health").json() == {"ok": True}  # anonymous: only liveness
    assert httpx.get(f"{a}/metrics").status_code == 401
    m = httpx.get(f"{a}/metrics", headers=auth).text
    assert "# TYPE lorebook_db_pool_use_ratio gauge" in m and "lorebook_db_pool_max{" in m


def test_a_warning_is_logged_above_80_percent_of_the_pool(tmp_path, caplog):
    from lorebook.store.db import Database

    db = Database(f"sqlite:///{tmp_path / 'x.db'}")  # 8 + 8 connections
    held = []
    with caplog.at_level(logging.WARNING, logger="lorebook.store"):
        for _ in range(12):  # 75 %
            held.append(db.engine.connect())
        assert "pool above 80%" not in caplog.text
        held.append(db.engine.connect())  # 13 of 16: 81 %
        assert "pool above 80%" in caplog.text
    for c in held:
        c.close()
    db.dispose()
