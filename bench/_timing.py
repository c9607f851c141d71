"""Timing helpers the benches share: a child process's wall time, CPU time and peak memory; percentiles.

CPU time (user + system, from wait4's rusage) is reported beside wall time because the machines
the benches run on are often shared: wall time then measures the queue for a core as much as the work.
"""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Child:
    wall: float  # seconds
    cpu: float  # seconds, user + system, with the children it waited for
    rss: float  # peak resident set, MB
    out: str  # stdout and stderr, interleaved

    @property
    def last_line(self) -> str:
        return self.out.strip().splitlines()[-1] if self.out.strip() else ""


def timed_child(cmd: list[str], cwd: Path | None = None, env: dict | None = None, ok: tuple[int, ...] = (0,)) -> Child:
    """Run a command to its end; SystemExit with its output when its exit code is not in `ok`."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = proc.stdout.read().decode(errors="replace")
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    code = os.waitstatus_to_exitcode(status)
    if code not in ok:
        raise SystemExit(f"{' '.join(map(str, cmd))} failed ({code}):\n{out[-2000:]}")
    return Child(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out)


def pct(xs: list[float], p: float) -> float:
    """The p-th percentile (nearest rank) of xs."""
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def rg_command(raw: Path, q: str) -> list[str]:
    """The peer of `lorebook search`: ripgrep for any of the words, case-insensitive, 5 lines a file at most."""
    args = ["rg", "-i", "-n", "--max-count", "5"]
    for w in q.split():
        args += ["-e", w]
    return args + [str(raw)]
