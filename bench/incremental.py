"""Benchmark: change one source in a 10,000-source wiki and time `lorebook ingest` on it.

Prints the full build time, then for two kinds of edit (a word changed in
place; a line inserted, so every later citation moves) the time of `lorebook ingest FILE`
in-process and as a CLI subprocess, and the ratio to the full build (target: under 0.5 s as
a CLI command); then a new source added (`lorebook ingest NEW`) and that source deleted again
(`rm` + `lorebook build`), each in-process and as a CLI command (target: at most 1 s).
Each time is given as wall time and CPU time (user + system, from getrusage: of this process
in-process, of the child for a CLI run), beside its target: on a shared machine the wall time
is mostly the wait for a core, and the CPU time is what a quiet core would take.

    python bench/incremental.py            # 10,000 sources
    python bench/incremental.py --n 2000   # quicker
    python bench/incremental.py --keep /tmp/inc10k         # build once and keep the wiki
    python bench/incremental.py --wiki /tmp/inc10k/wiki    # re-measure the edits on it (no build)

With --wiki the edits are made and undone on the kept wiki; the added source is deleted again,
so the wiki is left as generated.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _synth import generate, source_text  # noqa: E402

from lorebook.compile import changes  # noqa: E402
from lorebook.config import init_wiki, load_wiki  # noqa: E402
from lorebook.pipeline import build, ingest  # noqa: E402


def _cpu(who=resource.RUSAGE_SELF) -> float:
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


class Took(float):
    """A wall time in seconds that also carries the CPU seconds spent (`cpu`)."""

    cpu: float

    def __new__(cls, wall: float, cpu: float):
        t = super().__new__(cls, wall)
        t.cpu = cpu
        return t

    def __format__(self, spec: str) -> str:
        return f"{float(self):{spec or '.3f'}} s (CPU {self.cpu:.3f} s)"


def timed(f):
    c, t = _cpu(), time.perf_counter()
    out = f()
    return Took(time.perf_counter() - t, _cpu() - c), out


def against(t: Took, limit: float) -> str:
    """`t` beside its target: met by the wall time, or by the CPU time only (a quiet core), or not."""
    verdict = "met" if t <= limit else ("met in CPU time only" if t.cpu <= limit else "NOT met")
    return f"[target <= {limit} s: {verdict}]"


# The console script installed with this interpreter; "lorebook" on PATH may be a wrapper (a pyenv
# shim is a bash script that runs `pyenv exec`, about 0.1 s), timed separately when it differs.
OWN_SCRIPT = Path(sys.executable).with_name("lorebook")
LOREBOOK = str(OWN_SCRIPT) if OWN_SCRIPT.exists() else "lorebook"
ON_PATH = shutil.which("lorebook")
SHIM = ON_PATH if ON_PATH and Path(ON_PATH).resolve() != Path(LOREBOOK).resolve() else None


# As a person's shell has it: compiled modules are cached (a checkout just edited is not recompiled on every run).
CLI_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def cli_run(args: list[str], expect: str) -> Took:
    c, t = _cpu(resource.RUSAGE_CHILDREN), time.perf_counter()
    out = subprocess.run(args, check=True, capture_output=True, text=True, env=CLI_ENV)
    took = Took(time.perf_counter() - t, _cpu(resource.RUSAGE_CHILDREN) - c)
    assert expect in out.stdout, out.stdout  # the change was seen, not a no-op run
    return took


def cli_ingest(root: Path, path: Path, exe: str = LOREBOOK, expect: str = "1 changed") -> Took:
    return cli_run([exe, "ingest", str(path), "--wiki", str(root)], expect)


def cli_build(root: Path, expect: str) -> Took:
    return cli_run([LOREBOOK, "build", "--wiki", str(root)], expect)


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


NEW_ADR = ("# ADR-99999: Adopt a brand new queue\n\n**Status:** Proposed\n\n## Context\n\nWe need one.\n\n"
           "## Decision\n\nWe will adopt it.\n")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--keep", metavar="DIR", help="build the wiki in DIR/wiki and keep it")
    ap.add_argument("--wiki", metavar="DIR", help="measure on a wiki kept by --keep instead of building one")
    ap.add_argument("--repeat", type=int, default=2, help="runs of each edit kind")
    args = ap.parse_args()
    with contextlib.ExitStack() as stack:
        if args.wiki:
            root = Path(args.wiki).resolve()
            wiki = load_wiki(root)
            n = sum(1 for f in (root / "raw").glob("*/*.md"))  # the generated sources, not zz-new-adr.md
            full = None
        else:
            base = Path(args.keep) if args.keep else Path(stack.enter_context(tempfile.TemporaryDirectory()))
            root = base / "wiki"
            wiki = init_wiki(root, "Bench")
            generate(root / "raw", args.n)
            n = args.n
            full, rep = timed(lambda: build(wiki))
            print(f"full build: {n} sources, {len(rep.created)} pages in {full:.1f}")
        print(f"load average (1, 5, 15 min) before the timed runs: {load_average()}")
        no_change, rep = timed(lambda: build(wiki))
        print(f"build with nothing changed: {no_change} ({rep.summary_line()})")
        i_target = (n // 2) // 3 * 3  # an ADR (i % 3 == 0 is an ADR)
        target = root / "raw" / source_text(i_target)[0]
        original = source_text(i_target)[1]
        if args.wiki and target.read_text() != original:
            target.write_text(original)  # an earlier run was interrupted: start from the generated text
            build(wiki)
        assert "Rolling back takes a manual step" in target.read_text()
        ratio = (lambda t: f" ({t / full:.4f} of full)") if full else (lambda t: "")
        edit_limit, change_limit = 0.5, 1.0  # issue 10: an edit, an added or deleted source, as CLI commands

        def in_place(i):
            text = target.read_text()
            target.write_text(text.replace("Rolling back takes a manual step", "Rolling back takes one manual step")
                              if i % 2 == 0 else
                              text.replace("Rolling back takes one manual step", "Rolling back takes a manual step"))

        def insert_line(i):
            text = target.read_text()
            target.write_text(text.replace("## Context\n\n", f"## Context\n\nRevisited in review {i}.\n\n", 1))

        print(f"CLI: {LOREBOOK}" + (f"; also {SHIM} (on PATH)" if SHIM else ""))
        cases = [("word changed in place", in_place), ("line inserted (citations below it move)", insert_line)]
        for label, change in cases:
            k = 0
            for i in range(args.repeat):
                change(k)
                k += 1
                t_in, rep = timed(lambda: ingest(wiki, [target]))
                assert rep.sources_changed == [wiki.rel(target)], rep.summary_line()
                change(k)
                k += 1
                t_cli = cli_ingest(root, target)
                shim = ""
                if SHIM:
                    change(k)
                    k += 1
                    shim = f" (via PATH {cli_ingest(root, target, SHIM)})"
                print(f"{label:42} in-process {t_in}{ratio(t_in)}, "
                      f"{'incremental' if rep.partial else 'full re-assembly'}, CLI {t_cli}{ratio(t_cli)}{shim} "
                      f"{against(t_cli, edit_limit)}")
        target.write_text(original)  # back to the generated text before adding and deleting
        build(wiki)
        new = root / "raw" / "zz-new-adr.md"
        for i in range(args.repeat):
            new.write_text(NEW_ADR)
            t_add, rep = timed(lambda: ingest(wiki, [new]))
            assert rep.sources_new == [wiki.rel(new)], rep.summary_line()
            how_add = "incremental" if rep.partial else f"full re-assembly ({changes.why_full['reason'] or 'not tried'})"
            new.unlink()
            t_del, rep = timed(lambda: build(wiki))
            assert rep.sources_removed == [wiki.rel(new)], rep.summary_line()
            how_del = "incremental" if rep.partial else f"full re-assembly ({changes.why_full['reason'] or 'not tried'})"
            new.write_text(NEW_ADR)
            t_add_cli = cli_ingest(root, new, expect="1 new")
            new.unlink()
            t_del_cli = cli_build(root, expect="1 removed")
            print(f"{'new source added (ingest NEW)':42} in-process {t_add}{ratio(t_add)}, {how_add}, "
                  f"CLI {t_add_cli}{ratio(t_add_cli)} {against(t_add_cli, change_limit)}")
            print(f"{'source deleted (rm + build)':42} in-process {t_del}{ratio(t_del)}, {how_del}, "
                  f"CLI {t_del_cli}{ratio(t_del_cli)} {against(t_del_cli, change_limit)}")
        print(f"load average (1, 5, 15 min) after the timed runs: {load_average()}")

if __name__ == "__main__":
    main()
