"""wiki/log.md: the append-only record of ingests, queries and lint runs.

Its own module, free of SQLAlchemy, because `lorebook search` and `lorebook ask` append to it
and must start without importing the database layer (docs/performance.md, issue 15).
"""

from __future__ import annotations

import os

from lorebook.config import Wiki
from lorebook.store.lock import wiki_lock


def with_log_entry(wiki: Wiki, entry: str) -> str:
    """wiki/log.md's text with `entry` appended (the caller writes it)."""
    path = wiki.wiki_dir / "log.md"
    try:
        current = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        current = f"# {wiki.name} — Log\n\nAppend-only record of every ingest, query and lint run.\n"
    return current.rstrip("\n") + "\n\n" + entry.strip("\n") + "\n"


def append_log(wiki: Wiki, entry: str) -> None:
    """Append one entry to wiki/log.md (query and lint runs), atomically and under the wiki lock."""
    with wiki_lock(wiki.state_dir):
        content = with_log_entry(wiki, entry)
        path = wiki.wiki_dir / "log.md"
        tmp = path.with_name(".log.md.lbtmp-append")
        tmp.write_text(content, encoding="utf-8")
        os.replace(tmp, path)
