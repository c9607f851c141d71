"""`lorebook watch`: re-ingest when raw/ changes, debounced so a burst of saves is one run.

It drives pipeline.build, so it sits above the pipeline (beside query, lint, authoring).
"""

from __future__ import annotations

from typing import Callable

from watchfiles import watch as _watch

from lorebook.config import Wiki
from lorebook.pipeline import build


def watch(wiki: Wiki, debounce_ms: int = 500, echo: Callable[[str], None] = print, stop_event=None) -> None:
    for changes in _watch(wiki.raw_dir, debounce=debounce_ms, step=50, stop_event=stop_event,
                          watch_filter=lambda _c, path: not path.rsplit("/", 1)[-1].startswith(".")):
        names = sorted({wiki.rel(__import__("pathlib").Path(p)) for _c, p in changes})
        echo("changed: " + ", ".join(names))
        report = build(wiki, on_wait=lambda: echo("waiting for another lorebook run to finish…"))
        for label, ids in (("created", report.created), ("updated", report.updated), ("removed", report.removed),
                           ("merged", report.merged), ("stale", report.stale), ("conflict", report.conflicts)):
            for pid in ids:
                echo(f"  {label:8} {pid}")
        echo(report.summary_line())
