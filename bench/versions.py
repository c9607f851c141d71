"""Benchmark: what page versions cost to store as a wiki is edited.

Builds an N-source wiki, then makes K edits that insert a line near the top of one
source (so every later citation in it moves, and the overview's citations with them),
ingesting each. Prints, for the versions those edits added:

- the bytes the version table grew by (snapshots + deltas, as stored now), and
- the bytes full copies of the same versions would take (how versions were stored before
  deltas; computed in the same run from the rebuilt texts), and their ratio,
- the database file's growth.

    python bench/versions.py               # 2,000 sources, 12 edits
    python bench/versions.py --n 10000     # the size issue 15 measured
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).parent))
from _synth import generate  # noqa: E402

from lorebook.config import init_wiki  # noqa: E402
from lorebook.pipeline import build, ingest  # noqa: E402
from lorebook.store import tables as T, versions as V  # noqa: E402
from lorebook.store.db import database_for  # noqa: E402


def version_keys(db) -> set[tuple[str, int]]:
    with db.session() as s:
        return {(r.page_id, r.version) for r in s.execute(sa.select(T.page_versions.c.page_id, T.page_versions.c.version))}


def db_bytes(root: Path) -> int:
    return sum(p.stat().st_size for p in (root / ".lorebook").glob("lorebook.db*"))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--edits", type=int, default=12)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        notes = tmp / "notes"
        files = generate(notes, args.n)
        wiki = init_wiki(tmp / "wiki", "Bench")
        t = time.perf_counter()
        ingest(wiki, [notes])
        print(f"built {args.n} sources in {time.perf_counter() - t:.1f} s")
        build(wiki)
        db = database_for(wiki)
        before_keys = version_keys(db)
        with db.session() as s:
            before_stored = V.stored_bytes(s)
        before_db = db_bytes(wiki.root)
        target = next((wiki.root / "raw").rglob(files[len(files) // 2].name))
        times = []
        for k in range(args.edits):
            lines = target.read_text().splitlines(True)
            lines.insert(2, f"Edit {k}: a line inserted near the top moves every later citation.\n")
            target.write_text("".join(lines))
            t = time.perf_counter()
            ingest(wiki, [target])
            times.append(time.perf_counter() - t)
        new_keys = sorted(version_keys(db) - before_keys)
        with db.session() as s:
            after_stored = V.stored_bytes(s)
            full_copies = sum(len(V.content_at(s, pid, v).encode()) for pid, v in new_keys)
        grown = after_stored - before_stored
        print(f"{args.edits} line-insert ingests added {len(new_keys)} versions "
              f"(median ingest {sorted(times)[len(times) // 2]:.2f} s)")
        print(f"  stored as deltas/snapshots: {grown / 1e6:8.3f} MB")
        print(f"  as full copies (before):    {full_copies / 1e6:8.3f} MB")
        print(f"  ratio stored / full copies: {grown / max(full_copies, 1):8.4f}")
        print(f"  database file grew by:      {(db_bytes(wiki.root) - before_db) / 1e6:8.3f} MB")


if __name__ == "__main__":
    main()
