"""Where a full build's memory and main-process CPU go: RSS after each stage of `lorebook build`.

Wraps the stages of the streamed full build (living/full.py) in-process and prints the current and
peak RSS, the main process's CPU and the wall time after each: pass 1 (`survey`: compile workers, units surveyed),
pass 2 (`link`, ending in `close_links`), the batches of pages (`write_batches` up to the sources'
walk), the source pages with their chunks and sentences (`SourceWalk` up to `write_links`), the
commit, and the incremental state. Compile workers are separate processes, so their CPU is not in
the figure. The build runs inside store.db.light_writes(), as the `lorebook build` command runs it.

    PYTHONPATH=src python bench/build_stages.py --n 3000
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _synth import synth_wiki  # noqa: E402

import lorebook.pipeline as pipeline  # noqa: E402
from lorebook.compile.assembly import Assembly  # noqa: E402
from lorebook.config import load_wiki  # noqa: E402
from lorebook.living import full, incremental  # noqa: E402
from lorebook.store import files, repo, search_index  # noqa: E402
from lorebook.store.db import light_writes  # noqa: E402

_T0 = time.process_time()
_W0 = time.time()


def _rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) / 1024
    return 0.0


def _mark(name: str) -> None:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{name:28s} RSS {_rss_mb():6.0f} MB   peak {peak:6.0f} MB   main CPU {time.process_time() - _T0:6.1f} s   "
          f"wall {time.time() - _W0:6.1f} s", flush=True)


def _wrap(owner, name: str, label: str) -> None:
    inner = getattr(owner, name)

    def wrapped(*a, **kw):
        _mark(f"before {label}")
        out = inner(*a, **kw)
        _mark(f"after {label}")
        return out

    setattr(owner, name, wrapped)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=3000)
    ap.add_argument("--size", type=int, default=4096)
    args = ap.parse_args()
    base = Path(tempfile.mkdtemp(prefix="lorebook-stages-"))
    try:
        synth_wiki(base / "wiki", args.n, args.size, [sys.executable, "-m", "lorebook.cli"])
        _wrap(full.FullBuild, "survey", "pass 1 (survey)")
        _wrap(Assembly, "close_links", "pass 2 (close_links)")
        _wrap(repo, "write_batches", "write_batches")
        _wrap(search_index.SourceWalk, "__init__", "source walk")
        _wrap(repo, "write_links", "write_links")
        _wrap(files, "stage", "journal")
        _wrap(files, "apply", "files switched")
        _wrap(incremental, "store", "incremental state")
        global _T0, _W0
        _W0 = time.time()
        _T0 = time.process_time()
        _mark("start")
        with light_writes():  # on one sqlite3 connection, as `lorebook build` runs
            report = pipeline.build(load_wiki(base / "wiki"))
        _mark("end")
        print(report.summary_line())
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
