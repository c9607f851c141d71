"""Search and ask latency on a synthetic wiki, with ripgrep over raw/ as the peer.

    python bench/search.py                 # 10,000 sources, 200 queries
    python bench/search.py --sources 2000  # quicker
    python bench/search.py --wiki DIR      # reuse a wiki built by an earlier run (--keep DIR)

Prints p50/p95 of in-process `search` and `ask` over 200 varied queries, and of
`rg -i` over raw/ for the same search queries (a fresh process each, as a
person at a shell would run it), with the ratio; and beside them the answer
accuracy of `ask` on tests/questions.yaml (dev and held-out test split) over
a wiki of the examples and ../shared (skipped when ../shared is absent).
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _synth import ask_questions, generate, search_queries  # noqa: E402
from _timing import pct, rg_command  # noqa: E402
from ask_accuracy import accuracy as score_questions  # noqa: E402

from lorebook.config import find_wiki, init_wiki  # noqa: E402
from lorebook.pipeline import build  # noqa: E402
from lorebook.query.ask import ask  # noqa: E402
from lorebook.query.search import search  # noqa: E402
from lorebook.store.db import database_for


def timed(fn, items) -> tuple[list[float], list[float]]:
    """Wall and CPU milliseconds of each call (CPU time is what the work costs on a shared machine)."""
    wall, cpu = [], []
    for it in items:
        t0, c0 = time.perf_counter(), time.process_time()
        fn(it)
        wall.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    return wall, cpu


def rg(raw: Path, q: str) -> None:
    subprocess.run(rg_command(raw, q), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)


def accuracy() -> dict[str, tuple[int, int]] | None:
    """Right-and-cited answers per split of tests/questions.yaml (bench/ask_accuracy.py, as tests/test_ask.py scores them)."""
    result = score_questions()
    return None if result is None else {split: tuple(kinds["all"]) for split, kinds in result.items()}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sources", type=int, default=10_000)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--wiki", help="reuse this wiki instead of building one")
    ap.add_argument("--keep", help="build the wiki in this folder and keep it")
    ap.add_argument("--no-accuracy", action="store_true", help="latency only (skip the question set)")
    ap.add_argument("--no-rg", action="store_true", help="skip the ripgrep peer")
    a = ap.parse_args()

    tmp = None
    if a.wiki:
        wiki = find_wiki(a.wiki)
        n = sum(1 for _ in wiki.raw_dir.rglob("*.md"))
    else:
        root = Path(a.keep) if a.keep else Path(tempfile.mkdtemp(prefix="lorebook-bench-search-")) / "wiki"
        tmp = None if a.keep else root.parent
        wiki = init_wiki(root, name="Bench")
        generate(wiki.raw_dir / "synth", a.sources)
        t0 = time.perf_counter()
        build(wiki)
        print(f"built {a.sources} sources in {time.perf_counter() - t0:.1f} s")
        n = a.sources
    db_size = sum(f.stat().st_size for f in wiki.state_dir.glob("lorebook.db*")) / 1e6
    with database_for(wiki).connect() as conn:
        from sqlalchemy import text

        units = conn.execute(text("SELECT count(*) FROM search_units")).scalar()
    print(f"wiki: {n} sources, {units} index units, database {db_size:.0f} MB")

    r = random.Random(7)
    sq = search_queries(n, a.queries, r)
    aq = ask_questions(n, a.queries, r)
    for q in sq[:10] + aq[:10]:  # warm the pool and the page cache
        search(wiki, q)
        ask(wiki, q)
    found = sum(ask(wiki, q).found for q in aq)
    hits = sum(bool(search(wiki, q)) for q in sq)
    s_ms, s_cpu = timed(lambda q: search(wiki, q, limit=10), sq)
    a_ms, a_cpu = timed(lambda q: ask(wiki, q), aq)
    rows = [("search", s_ms, s_cpu), ("ask", a_ms, a_cpu)]
    if not a.no_rg:
        rg_ms, _ = timed(lambda q: rg(wiki.raw_dir, q), sq)
        rows.append(("rg", rg_ms, None))

    print(f"{len(sq)} search queries ({hits} with results), {len(aq)} questions ({found} answered)")
    print(f"{'':8} {'p50 ms':>8} {'p95 ms':>8} {'CPU p50':>8} {'CPU p95':>8}")
    for name, xs, cs in rows:
        cpu = f" {statistics.median(cs):8.2f} {pct(cs, 95):8.2f}" if cs else ""
        print(f"{name:8} {statistics.median(xs):8.2f} {pct(xs, 95):8.2f}{cpu}")
    if not a.no_rg:
        print(f"rg / search: p50 {statistics.median(rg_ms) / statistics.median(s_ms):.0f}x, p95 {pct(rg_ms, 95) / pct(s_ms, 95):.0f}x")
    print(f"targets: search p95 < 5 ms ({'met' if pct(s_ms, 95) < 5 else 'MISSED'}), "
          f"ask p95 < 100 ms ({'met' if pct(a_ms, 95) < 100 else 'MISSED'})")
    acc = None if a.no_accuracy else accuracy()
    if a.no_accuracy:
        pass
    elif acc is None:
        print("answer accuracy: skipped (../shared/corpus not present)")
    else:
        print("answer accuracy (right fact, cited lines): "
              + "; ".join(f"{split} {r}/{n} = {r / n:.1%}" for split, (r, n) in sorted(acc.items()))
              + f" (target: test >= 85 %: {'met' if acc['test'][0] / acc['test'][1] >= 0.85 else 'MISSED'})")
    if tmp:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
