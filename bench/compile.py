"""Benchmark: a full `lorebook build` of N synthetic sources (default 10,000, ~4 KB each).

Prints sources per second and peak RSS of the build process, then times
`mkdocs build` on the same files as a peer and prints the ratio.

    python bench/compile.py            # 10,000 sources
    python bench/compile.py --n 2000   # quicker
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _synth import synth_wiki  # noqa: E402
from _timing import timed_child  # noqa: E402


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
    files = synth_wiki(wiki, args.n, args.size, lb)
    total_mb = sum(f.stat().st_size for f in files) / 1e6
    print(f"generated {len(files)} sources, {total_mb:.1f} MB, in {wiki / 'raw'}")

    b = timed_child(lb + ["build", "--wiki", str(wiki)])
    wall = b.wall
    print(f"lorebook build: {wall:.2f} s ({b.cpu:.2f} s CPU), {len(files) / wall:.0f} sources/s, peak RSS {b.rss:.0f} MB")
    print(f"  {b.last_line}")

    if not args.no_mkdocs:
        site = base / "mkdocs"
        (site / "docs").mkdir(parents=True)
        shutil.copytree(wiki / "raw", site / "docs" / "raw")
        (site / "mkdocs.yml").write_text("site_name: Bench\n")
        try:
            mk = timed_child([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=site)
            print(f"mkdocs build:   {mk.wall:.2f} s ({mk.cpu:.2f} s CPU), {len(files) / mk.wall:.0f} sources/s, "
                  f"peak RSS {mk.rss:.0f} MB")
            print(f"ratio lorebook/mkdocs time: {wall / mk.wall:.2f}x, CPU {b.cpu / mk.cpu:.2f}x")
        except SystemExit as e:
            print(f"mkdocs build failed: {e}")
    if not args.keep:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
