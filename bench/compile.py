"""Benchmark: a full `lorebook build` of N synthetic sources (default 10,000, ~4 KB each).

Prints sources per second and peak RSS of the build process, then times
`mkdocs build` on the same files as a peer and prints the ratio.

    python bench/compile.py            # 10,000 sources
    python bench/compile.py --n 2000   # quicker
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _synth import generate  # noqa: E402

FILLER = (
    "During the review the team walked through dashboards, logs and the deploy history, and agreed that the "
    "notes above capture what happened and what we decided. Follow-up questions go to the owning team's channel. "
)


def pad_to(path: Path, size: int) -> None:
    """Grow a generated source to about `size` bytes with a Notes section, as real notes are."""
    text = path.read_text(encoding="utf-8")
    if len(text.encode()) >= size:
        return
    extra = ["", "## Notes", ""]
    while len(text.encode()) + sum(len(x) + 1 for x in extra) < size:
        extra += [FILLER * 2, ""]
    path.write_text(text.rstrip("\n") + "\n" + "\n".join(extra), encoding="utf-8")


def timed_rss(cmd: list[str], cwd: Path | None = None) -> tuple[float, float, str]:
    """Wall time and peak RSS (MB) of a child process, via GNU time-like wait4."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = proc.stdout.read().decode(errors="replace")
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{out[-2000:]}")
    return wall, usage.ru_maxrss / 1024, out.strip().splitlines()[-1] if out.strip() else ""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--size", type=int, default=4096, help="approximate bytes per source")
    ap.add_argument("--keep", help="build in this folder and keep it")
    ap.add_argument("--no-mkdocs", action="store_true")
    args = ap.parse_args()

    base = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="lorebook-bench-"))
    if base.exists() and args.keep:
        shutil.rmtree(base)
    wiki = base / "wiki"
    lb = [sys.executable, "-m", "lorebook.cli"]
    subprocess.run(lb + ["init", str(wiki), "--name", "Bench"], check=True, capture_output=True)
    files = generate(wiki / "raw", args.n)
    for f in files:
        pad_to(f, args.size)
    total_mb = sum(f.stat().st_size for f in files) / 1e6
    print(f"generated {len(files)} sources, {total_mb:.1f} MB, in {wiki / 'raw'}")

    wall, rss, last = timed_rss(lb + ["build", "--wiki", str(wiki)])
    print(f"lorebook build: {wall:.2f} s, {len(files) / wall:.0f} sources/s, peak RSS {rss:.0f} MB")
    print(f"  {last}")

    if not args.no_mkdocs:
        site = base / "mkdocs"
        (site / "docs").mkdir(parents=True)
        shutil.copytree(wiki / "raw", site / "docs" / "raw")
        (site / "mkdocs.yml").write_text("site_name: Bench\n")
        try:
            mk_wall, mk_rss, _ = timed_rss([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=site)
            print(f"mkdocs build:   {mk_wall:.2f} s, {len(files) / mk_wall:.0f} sources/s, peak RSS {mk_rss:.0f} MB")
            print(f"ratio lorebook/mkdocs time: {wall / mk_wall:.2f}x")
        except SystemExit as e:
            print(f"mkdocs build failed: {e}")
    if not args.keep:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
