"""Benchmark: `lorebook lint` beside the full build of the same wiki, measured in the same run.

Builds N synthetic sources (default 10,000, ~4 KB each, bench/_synth.py), then times:

- the full build (the peer);
- a full lint: nothing stored from earlier lints (`lint --full`; in-process run first);
- a lint with nothing changed;
- an incremental lint after one edit to one source (before any rebuild);
- an incremental lint after that edit was built (the build rewrote the pages it touched);

each as a command (what a person waits for, start-up included) and in-process
(`run_lint` alone), with CPU seconds beside wall seconds because the machine may be
shared, and prints the ratios against the targets (full lint <= 10 % of the build,
incremental lint <= 0.5 s).

    python bench/lint.py              # 10,000 sources
    python bench/lint.py --n 1000     # quicker
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _synth import synth_wiki  # noqa: E402
from _timing import timed_child  # noqa: E402

IN_PROCESS = """
import json, sys, time, resource, datetime as dt
from pathlib import Path
from lorebook.config import load_wiki
from lorebook.lint.runner import run_lint
from lorebook.store.db import database_for
w = load_wiki(Path(sys.argv[1]))
database_for(w)
t, c = time.perf_counter(), time.process_time()
r = run_lint(w, today=dt.date(2026, 11, 20), full=sys.argv[2] == "full")
print(json.dumps({"wall": time.perf_counter() - t, "cpu": time.process_time() - c, "findings": len(r.findings),
                  "checked": r.checked, "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def in_process(wiki: Path, mode: str) -> dict:
    out = subprocess.run([sys.executable, "-c", IN_PROCESS, str(wiki), mode], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--size", type=int, default=4096)
    ap.add_argument("--keep", help="build in this folder and keep it")
    args = ap.parse_args()

    base = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="lorebook-lint-bench-"))
    if base.exists() and args.keep:
        shutil.rmtree(base)
    wiki = base / "wiki"
    lb = [sys.executable, "-m", "lorebook"]
    files = synth_wiki(wiki, args.n, args.size, lb)
    print(f"generated {len(files)} sources, {sum(f.stat().st_size for f in files) / 1e6:.1f} MB")

    b = timed_child(lb + ["build", "--wiki", str(wiki)])
    b_wall, b_cpu, b_rss = b.wall, b.cpu, b.rss
    print(f"full build                    : {b_wall:7.2f} s wall, {b_cpu:7.2f} s CPU, peak RSS {b_rss:5.0f} MB", flush=True)
    lint = lb + ["lint", "--wiki", str(wiki), "--today", "2026-11-20"]

    rows = []

    def measure(label: str, mode: str, command: list[str], change=None) -> None:
        """`change` (if any) is applied before each of the two runs, so both see one fresh edit."""
        if change:
            change()
        ip = in_process(wiki, mode)
        if change:
            change()
        c = timed_child(command, ok=(0, 1))  # lint exits 1 when error findings remain
        wall, cpu, rss = c.wall, c.cpu, c.rss
        rows.append((label, wall, cpu, rss, ip))
        print(f"{label:30}: {wall:7.2f} s wall, {cpu:7.2f} s CPU, peak RSS {rss:5.0f} MB as a command; "
              f"run_lint {ip['wall']:.2f} s wall, {ip['cpu']:.2f} s CPU; {ip['findings']} findings; {ip['checked']}",
              flush=True)

    victim = sorted(files)[len(files) // 2]

    def edit() -> None:
        victim.write_text(victim.read_text(encoding="utf-8") + "\nOne more line about the rollout.\n", encoding="utf-8")

    def edit_and_build() -> None:
        edit()
        timed_child(lb + ["build", "--wiki", str(wiki)])

    measure("full lint (nothing stored)", "full", lint + ["--full"])
    measure("lint, nothing changed", "incremental", lint)
    measure("lint after one edit", "incremental", lint, edit)
    measure("lint after one edit + build", "incremental", lint, edit_and_build)

    full = rows[0]
    print()
    print(f"full lint / full build        : {full[1] / b_wall:6.1%} wall, {full[2] / b_cpu:6.1%} CPU   (target <= 10 %)")
    for label, wall, cpu, _, ip in rows[1:]:
        print(f"{label:30}: run_lint {ip['wall']:.2f} s wall / {ip['cpu']:.2f} s CPU, command {wall:.2f} s   (target <= 0.5 s)")
    if not args.keep:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
