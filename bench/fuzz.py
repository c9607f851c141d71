"""Fuzz the compiler with thousands of mutated corpus documents: count crashes and hangs.

    PYTHONPATH=src python bench/fuzz.py [--docs 3000] [--seed 1] [--corpus ../shared/corpus] [--hang 10]

Documents are made by bench/_mutate.py (seeded: the same seed gives the same documents) and run
through the real per-file compile path in a worker process, then assembled in batches of 200 with
every citation checked. The parent watches the worker: a document that takes longer than --hang
seconds is a hang; the worker is killed and a fresh one carries on with the next document.
Crashes and hangs are printed with their labels (seed-i-docK-mutations) so they can be replayed.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import queue
import resource
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _mutate import check_pages, compile_one, load_corpus, mutated  # noqa: E402


def worker(corpus_dir: str, seed: int, n: int, skip: int, out: mp.Queue) -> None:
    from lorebook.compile import assemble

    docs = load_corpus(Path(corpus_dir))
    batch = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, (label, data) in enumerate(mutated(docs, seed, n)):
            if i < skip:
                continue
            out.put(("start", i, label))
            try:
                unit = compile_one(data, Path(tmp), f"fuzz-{i}.md")
                if unit is not None:
                    batch.append(unit)
                out.put(("ok" if unit is not None else "refused", i, label))
            except Exception as e:  # noqa: BLE001
                out.put(("crash", i, f"{label}: {type(e).__name__}: {e}"))
            if len(batch) >= 200 or i == n - 1:
                try:
                    check_pages(assemble("Fuzz", batch), {u.source.path: u.source.line_count for u in batch})
                except Exception as e:  # noqa: BLE001
                    out.put(("crash", i, f"assemble of the batch ending at {label}: {type(e).__name__}: {e}"))
                batch = []
    out.put(("done", n, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--corpus", default=str(HERE.parent.parent / "shared" / "corpus"))
    ap.add_argument("--hang", type=float, default=10.0, help="seconds one document may take")
    args = ap.parse_args()
    if not load_corpus(Path(args.corpus)):
        sys.exit(f"no .md documents under {args.corpus}; pass --corpus DIR")
    ctx = mp.get_context("fork")
    counts = {"ok": 0, "refused": 0, "crash": 0, "hang": 0}
    problems: list[str] = []
    peak_kb = 0
    skip = 0
    t0 = time.perf_counter()
    slowest = (0.0, "")
    while skip < args.docs:
        q: mp.Queue = ctx.Queue()
        p = ctx.Process(target=worker, args=(args.corpus, args.seed, args.docs, skip, q), daemon=True)
        p.start()
        current, started = None, time.perf_counter()
        while True:
            try:
                kind, i, info = q.get(timeout=0.5)
            except queue.Empty:
                if current is not None and time.perf_counter() - started > args.hang:
                    counts["hang"] += 1
                    problems.append(f"hang: {current[1]}")
                    p.kill()
                    skip = current[0] + 1
                    break
                if not p.is_alive() and q.empty():
                    problems.append(f"worker died (exit {p.exitcode}) at {current[1] if current else '?'}")
                    counts["crash"] += 1
                    skip = (current[0] + 1) if current else args.docs
                    break
                continue
            if kind == "start":
                current, started = (i, info), time.perf_counter()
            elif kind == "done":
                peak_kb = max(peak_kb, info)
                skip = args.docs
                break
            else:
                took = time.perf_counter() - started
                if took > slowest[0]:
                    slowest = (took, current[1] if current else "")
                counts[kind] += 1
                if kind == "crash":
                    problems.append(f"crash: {info}")
                current = None
        p.join(timeout=5)
    total = time.perf_counter() - t0
    for line in problems[:50]:
        print(line)
    print(f"documents: {args.docs} (seed {args.seed}) · compiled {counts['ok']} · refused with a reason "
          f"{counts['refused']} · crashes {counts['crash']} · hangs {counts['hang']} (> {args.hang:g} s)")
    print(f"time: {total:.1f} s ({args.docs / total:.0f} documents/s) · slowest document {slowest[0]:.2f} s "
          f"({slowest[1]}) · worker peak RSS {peak_kb / 1024:.0f} MB")
    sys.exit(1 if counts["crash"] or counts["hang"] else 0)


if __name__ == "__main__":
    main()
