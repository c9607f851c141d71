"""Two real processes: the wiki lock makes the second wait or fail with --no-wait; watch reacts to raw/."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path


from conftest import EXAMPLES

LOREBOOK = [sys.executable, "-c", "from lorebook.cli import main; main()"]  # as the installed script does


def _init(tmp_path) -> Path:
    root = tmp_path / "w"
    subprocess.run([*LOREBOOK, "init", str(root)], check=True, capture_output=True)
    return root


def _hold_lock(root: Path) -> subprocess.Popen:
    """Another process holding the wiki's lock (as a running ingest would)."""
    code = ("import sys, time; from filelock import FileLock; lk = FileLock(sys.argv[1]); lk.acquire(); "
            "print('held', flush=True); time.sleep(60)")
    p = subprocess.Popen([sys.executable, "-c", code, str(root / ".lorebook" / "lock")], stdout=subprocess.PIPE, text=True)
    assert p.stdout.readline().strip() == "held"
    return p


def test_no_wait_fails_clearly_while_another_run_writes(tmp_path):
    root = _init(tmp_path)
    holder = _hold_lock(root)
    try:
        res = subprocess.run([*LOREBOOK, "ingest", str(EXAMPLES), "--no-wait", "--wiki", str(root)],
                             capture_output=True, text=True, timeout=60)
        assert res.returncode == 2
        assert res.stderr.strip().startswith("error: another lorebook run is writing this wiki")
        assert len(res.stderr.strip().splitlines()) == 1
        assert not list((root / "raw").iterdir())  # nothing half-done
    finally:
        holder.kill()
        holder.wait()


def test_second_run_waits_with_a_message_then_completes(tmp_path):
    root = _init(tmp_path)
    holder = _hold_lock(root)
    try:
        p = subprocess.Popen([*LOREBOOK, "ingest", str(EXAMPLES), "--wiki", str(root)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        # Release the lock only once the second run says it is waiting: a fixed sleep raced
        # with a slow start-up on a loaded machine (the lock was gone before it was tried).
        said = ""
        while "waiting for another lorebook run to finish" not in said:
            line = p.stderr.readline()
            assert line, f"the second run ended without waiting: {said}"
            said += line
        assert p.poll() is None  # still waiting
    finally:
        holder.kill()
        holder.wait()
    out, err = p.communicate(timeout=60)
    assert p.returncode == 0, err
    assert "5 new" in out


def test_two_ingests_at_once_do_not_corrupt(tmp_path):
    root = _init(tmp_path)
    a = subprocess.Popen([*LOREBOOK, "ingest", str(EXAMPLES), "--wiki", str(root)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    b = subprocess.Popen([*LOREBOOK, "build", "--wiki", str(root)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert a.wait(timeout=120) == 0 and b.wait(timeout=120) == 0
    res = subprocess.run([*LOREBOOK, "check", "--wiki", str(root)], capture_output=True, text=True)
    assert res.returncode == 0 and "consistent" in res.stdout


def test_watch_reingests_on_change(tmp_path):
    root = _init(tmp_path)
    subprocess.run([*LOREBOOK, "ingest", str(EXAMPLES / "adr-015-redis-for-sessions.md"), "--wiki", str(root)],
                   check=True, capture_output=True)
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    w = subprocess.Popen([*LOREBOOK, "watch", "--debounce", "200", "--wiki", str(root)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert "watching" in w.stderr.readline()
        time.sleep(0.5)
        raw = root / "raw" / "adr-015-redis-for-sessions.md"
        raw.write_text(raw.read_text().replace("Accepted", "Deprecated"))
        lines = []
        deadline = time.time() + 30
        while time.time() < deadline:
            line = w.stdout.readline()
            lines.append(line)
            if line.startswith("build:"):
                break
        out = "".join(lines)
        assert "changed: raw/adr-015-redis-for-sessions.md" in out
        assert "updated  adr-015-use-redis-for-session-storage" in out and "1 changed" in out
        page = root / "wiki" / "decisions" / "adr-015-use-redis-for-session-storage.md"
        assert "Deprecated" in page.read_text()
    finally:
        w.terminate()
        w.wait(timeout=10)
