"""Benchmark: change one source in a 10,000-source wiki and time `lorebook ingest` on it.

Prints the full build time, then for three kinds of edit (a word changed in
place; a line inserted, so every later citation moves; a new document linked
from nowhere) the time of `lorebook ingest FILE` in-process and as a CLI
subprocess, and the ratio to the full build. Target: under 0.5 s.

    python bench/incremental.py            # 10,000 sources
    python bench/incremental.py --n 2000   # quicker
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _synth import generate  # noqa: E402

from lorebook.config import init_wiki  # noqa: E402
from lorebook.pipeline import build, ingest  # noqa: E402


def timed(f):
    t = time.perf_counter()
    out = f()
    return time.perf_counter() - t, out


def cli_ingest(root: Path, path: Path) -> float:
    t = time.perf_counter()
    subprocess.run(["lorebook", "ingest", str(path), "--wiki", str(root)], check=True, capture_output=True)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        root = Path(d) / "wiki"
        wiki = init_wiki(root, "Bench")
        files = generate(root / "raw", args.n)
        full, rep = timed(lambda: build(wiki))
        print(f"full build: {args.n} sources, {len(rep.created)} pages in {full:.1f} s")
        no_change, rep = timed(lambda: build(wiki))
        print(f"build with nothing changed: {no_change:.3f} s ({rep.summary_line()})")
        target = files[(args.n // 2) // 3 * 3 - 1]  # an ADR (source i is files[i - 1]; i % 3 == 0 is an ADR)
        assert "Rolling back takes a manual step" in target.read_text()

        def in_place(i):
            text = target.read_text()
            target.write_text(text.replace("Rolling back takes a manual step", "Rolling back takes one manual step")
                              if i % 2 == 0 else
                              text.replace("Rolling back takes one manual step", "Rolling back takes a manual step"))

        def insert_line(i):
            text = target.read_text()
            target.write_text(text.replace("## Context\n\n", f"## Context\n\nRevisited in review {i}.\n\n", 1))

        cases = [("word changed in place", in_place), ("line inserted (citations below it move)", insert_line)]
        for label, change in cases:
            for i in range(2):
                change(i * 2 + 1 if i else 0)
                t_in, rep = timed(lambda: ingest(wiki, [target]))
                assert rep.sources_changed == [wiki.rel(target)], rep.summary_line()
                change(i * 2 + 2)
                t_cli = cli_ingest(root, target)
                print(f"{label:42} in-process {t_in:.3f} s ({t_in / full:.4f} of full, "
                      f"{'incremental' if rep.partial else 'full re-assembly'}), CLI {t_cli:.3f} s ({t_cli / full:.4f} of full)")
        new = root / "raw" / "zz-new-adr.md"
        new.write_text("# ADR-99999: Adopt a brand new queue\n\n**Status:** Proposed\n\n## Context\n\nWe need one.\n\n"
                       "## Decision\n\nWe will adopt it.\n")
        t_new, rep = timed(lambda: ingest(wiki, [new]))
        print(f"{'new source added':42} in-process {t_new:.3f} s ({t_new / full:.4f} of full, "
              f"{'incremental' if rep.partial else 'full re-assembly'})")


if __name__ == "__main__":
    main()
