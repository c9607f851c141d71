"""A seeded fuzz run on every test run: a few hundred mutated corpus documents, real compile path.

Each document goes through read_source and compile_source as a raw file would (bench/_mutate.py),
then all of them through assemble, and every citation must point at lines that exist. A file
refused with a one-line SourceError is fine; any other exception is a crash, and a document
that takes longer than HANG_S is a hang. The seed changes with the day (printed, so a failure
can be replayed with FUZZ_SEED=...), and the run stops adding documents after BUDGET_S seconds.
`python bench/fuzz.py` runs thousands on demand.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import sys
import time
from pathlib import Path

import pytest

from lorebook.compile import assemble

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from _mutate import check_pages, compile_one, load_corpus, mutated  # noqa: E402

N_DOCS = 600
BUDGET_S = 30.0
HANG_S = 10


class Hang(Exception):
    pass


def _alarm(_sig, _frame):
    raise Hang()


def test_mutated_corpus_documents_compile_without_crash_or_hang(corpus, tmp_path):
    docs = load_corpus(corpus)
    if not docs:
        pytest.skip("no corpus documents")
    seed = int(os.environ.get("FUZZ_SEED") or dt.date.today().strftime("%Y%m%d"))
    print(f"fuzz seed {seed} (replay with FUZZ_SEED={seed})")
    crashes, hangs, units = [], [], []
    t0 = time.perf_counter()
    done = 0
    old = signal.signal(signal.SIGALRM, _alarm)
    try:
        for i, (label, data) in enumerate(mutated(docs, seed, N_DOCS)):
            if time.perf_counter() - t0 > BUDGET_S:
                break
            signal.alarm(HANG_S)
            try:
                unit = compile_one(data, tmp_path, f"fuzz-{i}.md")
                if unit is not None:
                    units.append(unit)
            except Hang:
                hangs.append(label)
            except Exception as e:  # noqa: BLE001 — a crash, reported with the document that caused it
                crashes.append(f"{label}: {type(e).__name__}: {e}")
            finally:
                signal.alarm(0)
            done += 1
    finally:
        signal.signal(signal.SIGALRM, old)
    compiled = assemble("Fuzz", units)
    check_pages(compiled, {u.source.path: u.source.line_count for u in units})
    print(f"{done} documents, {len(units)} compiled, {len(crashes)} crashes, {len(hangs)} hangs, "
          f"{time.perf_counter() - t0:.1f} s")
    assert done >= 100, "too few documents in the time budget to mean anything"
    assert not crashes, "\n".join(crashes[:10])
    assert not hangs, hangs[:10]
