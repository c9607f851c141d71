"""CPU of the per-source compile (what a build's workers do in pass 1), in this process, per synthetic source.

Compiles N sources of bench/_synth.py, padded to ~4 KB as bench/compile.py pads them, with
compile.compile_surveyed (parse, segment, extract, sentence rows, the unit pickled and surveyed),
and prints the CPU per source; --profile prints the functions that took the most time, --regex
times each module-level compiled pattern of lorebook (patterns swapped for timing wrappers, so
only the relative figures mean much).

    PYTHONPATH=src python bench/compile_cpu.py --n 600
    PYTHONPATH=src python bench/compile_cpu.py --n 600 --profile
    PYTHONPATH=src python bench/compile_cpu.py --n 600 --regex
"""

from __future__ import annotations

import argparse
import collections
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _synth import FILLER, source_text  # noqa: E402


def texts(n: int, size: int = 4096) -> list[tuple[str, str]]:
    out = []
    for i in range(1, n + 1):
        rel, text = source_text(i)
        extra = ["", "## Notes", ""]
        if len(text.encode()) < size:
            while len(text.encode()) + sum(len(x) + 1 for x in extra) < size:
                extra += [FILLER * 2, ""]
            text = text.rstrip("\n") + "\n" + "\n".join(extra)
        out.append((rel, text))
    return out


def _time_patterns() -> collections.Counter:
    """Swap every module-level re.Pattern of lorebook for a wrapper that adds up the time spent in it."""
    import importlib
    import pkgutil
    import re

    import lorebook

    spent: collections.Counter = collections.Counter()

    class Timed:
        def __init__(self, p, name):
            self.p, self.name = p, name

        def __getattr__(self, a):
            f = getattr(self.p, a)
            if not callable(f):
                return f

            def timed(*args, **kw):
                t = time.perf_counter()
                try:
                    out = f(*args, **kw)
                    return list(out) if a == "finditer" else out
                finally:
                    spent[self.name] += time.perf_counter() - t
            return timed

    mods = []
    for m in pkgutil.walk_packages(lorebook.__path__, "lorebook."):
        if any(x in m.name for x in ("web", "agents", "cli", "__main__", "accounts", "search_pg")):
            continue
        try:
            mods.append(importlib.import_module(m.name))
        except Exception:  # an optional dependency missing: its patterns are not timed
            pass
    for mod in mods:
        for k, v in list(vars(mod).items()):
            if isinstance(v, re.Pattern) or type(v).__name__ == "Quick":
                wrapped = Timed(v, f"{mod.__name__}.{k}")
                for other in mods:
                    for k2, v2 in list(vars(other).items()):
                        if v2 is v:
                            setattr(other, k2, wrapped)
    return spent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=600)
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--regex", action="store_true")
    args = ap.parse_args()
    spent = _time_patterns() if args.regex else None

    from lorebook.compile import compile_surveyed
    from lorebook.sources.reader import source_from_text

    items = texts(args.n)

    def run():
        for rel, t in items:
            compile_surveyed(source_from_text(rel, t))

    if args.profile:
        import cProfile
        import pstats

        prof = cProfile.Profile()
        prof.runcall(run)
        pstats.Stats(prof).sort_stats("tottime").print_stats(30)
        return
    t = time.process_time()
    run()
    cpu = time.process_time() - t
    print(f"{args.n} sources: {cpu:.2f} s CPU, {cpu / args.n * 1000:.2f} ms a source")
    if spent:
        for name, s in spent.most_common(15):
            print(f"  {s * 1000:8.1f} ms  {name}")


if __name__ == "__main__":
    main()
