"""Where a full build's memory and main-process CPU go: RSS after each stage of `lorebook build`.

Wraps the pipeline's public stages (assemble, save, plan_save, store.repo.write) in-process and
prints the current and peak RSS and the main process's CPU after each; compile workers are
separate processes, so their CPU is not in the figure.

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

import lorebook.living.save as save_mod  # noqa: E402
import lorebook.pipeline as pipeline  # noqa: E402
from lorebook.config import load_wiki  # noqa: E402
from lorebook.store import repo  # noqa: E402

_T0 = time.process_time()


def _rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) / 1024
    return 0.0


def _mark(name: str) -> None:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{name:24s} RSS {_rss_mb():6.0f} MB   peak {peak:6.0f} MB   main CPU {time.process_time() - _T0:6.1f} s",
          flush=True)


def _wrap(module, name: str) -> None:
    inner = getattr(module, name)

    def wrapped(*a, **kw):
        _mark(f"before {name}")
        out = inner(*a, **kw)
        _mark(f"after {name}")
        return out

    setattr(module, name, wrapped)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=3000)
    ap.add_argument("--size", type=int, default=4096)
    args = ap.parse_args()
    base = Path(tempfile.mkdtemp(prefix="lorebook-stages-"))
    try:
        synth_wiki(base / "wiki", args.n, args.size, [sys.executable, "-m", "lorebook.cli"])
        for name in ("assemble", "save"):
            _wrap(pipeline, name)
        _wrap(save_mod, "plan_save")
        _wrap(repo, "write")
        global _T0
        _T0 = time.process_time()
        _mark("start")
        report = pipeline.build(load_wiki(base / "wiki"))
        _mark("end")
        print(report.summary_line())
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
