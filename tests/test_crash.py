"""SIGKILL `lorebook build` at 20 random moments: every time, files and database agree.

A real subprocess on a synthetic corpus of 1,500 sources (a few seconds per
full build). After each kill `lorebook check` must say the wiki is consistent,
and a final rerun must complete with nothing left to repair.
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from _synth import generate  # noqa: E402

LOREBOOK = [sys.executable, "-c", "from lorebook.cli import main; main()"]  # as the installed script does


def run(*args, **kw):
    return subprocess.run([*LOREBOOK, *map(str, args)], capture_output=True, text=True, timeout=300, **kw)


@pytest.mark.slow
def test_sigkill_at_random_moments_leaves_a_consistent_wiki(tmp_path):
    root = tmp_path / "w"
    assert run("init", root).returncode == 0
    files = generate(root / "raw", 1500)
    rnd = random.Random(1234)
    t0 = time.perf_counter()
    first = subprocess.Popen([*LOREBOOK, "build", "--wiki", str(root)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.0)
    first.send_signal(signal.SIGKILL)
    first.wait()
    killed_in_flight = 0
    for i in range(20):
        res = run("check", "--wiki", root)
        assert res.returncode == 0, f"after kill {i}: {res.stdout}{res.stderr}"
        assert "consistent" in res.stdout
        # give every run real work: change a slice of the sources, sometimes add or delete one
        for f in rnd.sample(files, 150):
            f.write_text(f.read_text() + f"\nNote {i}.\n")
        if i % 5 == 4:
            (root / "raw" / f"extra-{i}.md").write_text(f"# Runbook: Extra {i}\n\n## Procedure\n\n1. Do step {i}.\n")
        proc = subprocess.Popen([*LOREBOOK, "build", "--wiki", str(root)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rnd.uniform(0.2, 3.5))
        if proc.poll() is None:
            killed_in_flight += 1
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert killed_in_flight >= 10  # most kills landed mid-run
    res = run("check", "--wiki", root)
    assert res.returncode == 0, res.stdout + res.stderr
    final = run("build", "--wiki", root)
    assert final.returncode == 0, final.stderr
    res = run("check", "--wiki", root)
    assert res.returncode == 0 and "pending" not in res.stdout, res.stdout
    assert "waiting for" not in res.stdout
    n_pages = len(list((root / "wiki").rglob("*.md")))
    assert n_pages > 3000
    print(f"\n20 kills, {killed_in_flight} mid-run, {time.perf_counter() - t0:.0f} s")
