"""`lorebook run` / `lorebook runs` with real processes: the CLI in its own process, each step's
commands in real shells writing real files, answers typed on stdin."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from lorebook.config import init_wiki
from lorebook.pipeline import ingest

RUNBOOK = textwrap.dedent("""\
    # Runbook: Rotate the session cache

    ## Overview

    Moves the session cache aside and writes a fresh one.

    ## Procedure

    1. **Mark the start.** Leave a marker so the rollback can tell.

       ```bash
       echo started > state.txt
       ```

    2. **Write the new cache**

       ```bash
       echo fresh >> state.txt
       {second}
       ```

    3. **Confirm it**

       ```bash
       grep -q fresh state.txt && echo confirmed > done.txt
       ```

    ## Rollback

    ```bash
    rm -f state.txt
    echo rolled back
    ```
    """)


def _wiki(tmp_path: Path, second: str = "echo wrote the cache") -> Path:
    wiki = init_wiki(tmp_path / "w", "Ops")
    src = tmp_path / "rotate.md"
    src.write_text(RUNBOOK.format(second=second), encoding="utf-8")
    ingest(wiki, [src])
    return wiki.root


def _lorebook(wiki_root: Path, workdir: Path, *args, input: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src"), "LOREBOOK_USER": "tester"}
    return subprocess.run([sys.executable, "-m", "lorebook", *args, "--wiki", str(wiki_root)], cwd=workdir, env=env,
                          input=input if input is not None else "", capture_output=True, text=True, timeout=120)


def _runs(wiki_root: Path, workdir: Path) -> list[dict]:
    r = _lorebook(wiki_root, workdir, "runs", "runbook-rotate", "--json")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


@pytest.fixture
def work(tmp_path):
    d = tmp_path / "work"
    d.mkdir()
    return d


def test_dry_run_prints_numbered_steps_and_commands_and_runs_nothing(tmp_path, work):
    root = _wiki(tmp_path)
    r = _lorebook(root, work, "run", "runbook-rotate", "--dry-run")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    titles = [ln for ln in lines if ln[:1].isdigit()]
    assert titles == ["1. Mark the start", "2. Write the new cache", "3. Confirm it"]
    i = lines.index("2. Write the new cache")
    assert "echo fresh >> state.txt" in lines[i + 1]
    assert "rm -f state.txt" in r.stdout  # the rollback is shown too
    assert list(work.iterdir()) == []
    assert _runs(root, work) == []


def test_yes_runs_every_step_in_order_and_logs_it(tmp_path, work):
    root = _wiki(tmp_path)
    r = _lorebook(root, work, "run", "runbook-rotate", "--yes")
    assert r.returncode == 0, r.stderr
    assert (work / "state.txt").read_text() == "started\nfresh\n"
    assert (work / "done.txt").read_text() == "confirmed\n"
    assert "wrote the cache" in r.stdout  # output streamed
    [run] = _runs(root, work)
    assert run["status"] == "completed" and run["operator"] == "tester"
    assert run["page_version"] == 1 and len(run["content_hash"]) == 64
    assert [s["status"] for s in run["steps"]] == ["ok", "ok", "ok"]
    assert [s["exit_code"] for s in run["steps"]] == [0, 0, 0]
    assert "wrote the cache" in run["steps"][1]["results"][0]["output"]
    assert all(s["seconds"] >= 0 for s in run["steps"]) and run["finished"]


def test_failure_offers_the_rollback_and_stops(tmp_path, work):
    root = _wiki(tmp_path, second="exit 3")
    r = _lorebook(root, work, "run", "runbook-rotate", input="r\nr\ny\n")
    assert r.returncode == 1
    assert "Step 2 failed" in r.stderr
    assert "rolled back" in r.stdout
    assert not (work / "state.txt").exists()  # the rollback removed it
    assert not (work / "done.txt").exists()  # step 3 never ran
    [run] = _runs(root, work)
    assert run["status"] == "failed"
    assert [(s["number"], s["status"]) for s in run["steps"]] == [(1, "ok"), (2, "failed")]
    assert run["steps"][1]["exit_code"] == 3
    assert [x["exit_code"] for x in run["rollback"]] == [0]


def test_declining_the_rollback_leaves_state_alone(tmp_path, work):
    root = _wiki(tmp_path, second="exit 3")
    r = _lorebook(root, work, "run", "runbook-rotate", input="r\nr\nn\n")
    assert r.returncode == 1
    assert (work / "state.txt").exists()
    assert _runs(root, work)[0]["rollback"] == []


def test_quit_midway_runs_nothing_more(tmp_path, work):
    root = _wiki(tmp_path)
    r = _lorebook(root, work, "run", "runbook-rotate", input="r\nq\n")
    assert r.returncode == 0, r.stderr
    assert (work / "state.txt").read_text() == "started\n"  # step 1 only
    assert not (work / "done.txt").exists()
    [run] = _runs(root, work)
    assert run["status"] == "quit" and [s["number"] for s in run["steps"]] == [1]


def test_nothing_runs_without_confirmation(tmp_path, work):
    root = _wiki(tmp_path)
    r = _lorebook(root, work, "run", "runbook-rotate", input="")  # no terminal, no --yes
    assert r.returncode == 0
    assert list(work.iterdir()) == []
    assert _runs(root, work)[0]["status"] == "quit"


def test_skip_and_unknown_answers(tmp_path, work):
    root = _wiki(tmp_path)
    r = _lorebook(root, work, "run", "runbook-rotate", input="maybe\ns\nr\nq\n")
    assert "Type r (run), s (skip) or q (quit)" in r.stderr
    assert (work / "state.txt").read_text() == "fresh\n"  # step 1 skipped, step 2 ran
    assert [s["status"] for s in _runs(root, work)[0]["steps"]] == ["skipped", "ok"]


def test_bad_references_are_one_line_errors(tmp_path, work):
    root = _wiki(tmp_path)
    r = _lorebook(root, work, "run", "source-rotate", "--dry-run")
    assert r.returncode == 2 and "not a runbook" in r.stderr and r.stderr.count("\n") == 1
    r = _lorebook(root, work, "run", "nope")
    assert r.returncode == 2 and "no page 'nope'" in r.stderr
    r = _lorebook(root, work, "run", "runbook-rotate", "--incident", "runbook-rotate")
    assert r.returncode == 2 and "not a postmortem" in r.stderr
    assert _runs(root, work) == []


def test_runs_are_shown_on_the_runbook_page(tmp_path, work):
    from fastapi.testclient import TestClient

    from lorebook.config import find_wiki
    from lorebook.web.app import create_app

    root = _wiki(tmp_path, second="echo '<script>alert(1)</script>'")
    wiki = find_wiki(root)
    with TestClient(create_app(wiki)) as client:
        before = client.get("/page/runbook-rotate-the-session-cache").text
        assert 'id="runs-h"' not in before
        assert _lorebook(root, work, "run", "runbook-rotate", "--yes").returncode == 0
        html = client.get("/page/runbook-rotate-the-session-cache").text  # not the cached page from before
    assert 'id="runs-h"' in html and "Run 1" in html and "completed" in html and "3 of 3 steps done" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert(1)" not in html
    assert "followed v1" in html


def test_a_run_can_be_linked_to_an_incident(tmp_path, work):
    root = _wiki(tmp_path)
    pm = tmp_path / "pm.md"
    pm.write_text("# Postmortem: 2026-05-12 cache outage\n\n## Summary\n\nThe session cache filled up.\n\n"
                  "## Timeline\n\n- 10:00 — Alert fires.\n- 10:20 — Cache rotated.\n", encoding="utf-8")
    r = _lorebook(root, work, "ingest", str(pm))
    assert r.returncode == 0, r.stderr
    r = _lorebook(root, work, "run", "runbook-rotate", "--yes", "--incident", "incident-2026-05-12")
    assert r.returncode == 0, r.stderr
    [run] = _runs(root, work)
    assert run["incident_id"] == "incident-2026-05-12-cache-outage"
    listing = _lorebook(root, work, "runs").stdout
    assert "incident incident-2026-05-12-cache-outage" in listing and "completed" in listing
