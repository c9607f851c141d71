"""Benchmark: the overview page of an N-source wiki (default 10,000): Markdown and HTML size and the
time to render its HTML, against an ordinary postmortem page rendered in the same run (the peer).

The target (issue 14): under 300 KB of HTML and 100 ms to render at 10,000 sources.

    python bench/overview.py                      # builds 10,000 sources in a temp folder
    python bench/overview.py --n 2000
    python bench/overview.py --keep /tmp/ov-10k   # build once, keep, re-measure later
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _synth import generate  # noqa: E402


def timed(fn, repeat: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--keep", help="build in this folder (reused when it already holds a wiki)")
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()

    from lorebook.config import find_wiki, init_wiki
    from lorebook.pipeline import build
    from lorebook.web import data, views
    from lorebook.web.urls import ServerSite

    base = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="lorebook-overview-"))
    try:
        if not (base / "lorebook.toml").exists():
            wiki = init_wiki(base, "Bench")
            generate(wiki.raw_dir / "bench", args.n)
            t0 = time.perf_counter()
            build(wiki)
            print(f"built {args.n} sources in {time.perf_counter() - t0:.1f} s")
        wiki = find_wiki(base)
        md = (wiki.wiki_dir / "concepts" / "overview.md").read_bytes()
        site = ServerSite()
        incident = data.pages_of_type(wiki, "incident")[0]["id"]
        views.page_view(wiki, site, "overview")  # warm imports and templates
        t_ov, html = timed(lambda: views.page_view(wiki, site, "overview"), args.repeat)
        t_pm, pm_html = timed(lambda: views.page_view(wiki, site, incident), args.repeat)
        counts = data.counts_by_type(wiki)
        print(f"pages: {sum(counts.values())} ({', '.join(f'{n} {t}' for t, n in counts.items())})")
        print(f"overview Markdown: {len(md) / 1024:.1f} KB")
        print(f"overview HTML:     {len(html.encode()) / 1024:.1f} KB   (target < 300 KB)")
        print(f"overview render:   {t_ov * 1000:.1f} ms median of {args.repeat}   (target < 100 ms)")
        print(f"peer: postmortem page {incident}: {len(pm_html.encode()) / 1024:.1f} KB, {t_pm * 1000:.1f} ms")
        print(f"ratio overview/postmortem render: {t_ov / t_pm:.1f}x")
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
