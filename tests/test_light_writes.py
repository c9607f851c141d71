"""`lorebook ingest` and `build` on a SQLite wiki write without SQLAlchemy, and write what the pool writes.

The incremental write path (store/repo.py, search_index, sentences, versions, living/anchoring.py) is
plain SQL run through `Database.transaction()`: inside `light_writes()` on one sqlite3 connection, so a
one-file ingest does not import SQLAlchemy (~0.1 s of a 0.3 s command; issue 15, docs/performance.md).
Two copies of one wiki take the same edits: one through the pool in this process, one as a command
of its own. The second must import none of sqlalchemy / alembic / fastapi, print the same, and leave
the same files and the same rows in every table (ids included), with full-text indexes that agree.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES
from lorebook.config import find_wiki, init_wiki
from lorebook.pipeline import ingest
from lorebook.store import repo
from lorebook.store.db import database_for, forget

REPO = Path(__file__).resolve().parents[1]
HEAVY = ("sqlalchemy", "alembic", "fastapi", "uvicorn")
NOW = "2026-12-04T09:00:00+00:00"
# `lorebook ARGS` as the console script runs it, with the clock of the save fixed (as in this process).
RUN = ("import sys\nimport lorebook.store.repo as repo\nrepo.now_iso = lambda: %r\nfrom lorebook.cli import main\n"
       "try:\n    main(sys.argv[1:], standalone_mode=False)\n"
       "finally:\n    print('HEAVY', sorted(m for m in %r if m in sys.modules), file=sys.stderr)" % (NOW, HEAVY))
TABLES = ("meta", "sources", "spans", "pages", "blocks", "citations", "links", "page_sources", "page_versions",
          "page_bases", "search_units", "sentence_units")
FTS = ("search_fts", "search_tri", "sentence_fts")  # external-content FTS5 tables: integrity-check compares them


def _run_alone(args: list[str]) -> tuple[str, list[str]]:
    env = dict(os.environ, PYTHONPATH=str(REPO / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    done = subprocess.run([sys.executable, "-c", RUN] + args, capture_output=True, text=True, env=env)
    marker = [line for line in done.stderr.splitlines() if line.startswith("HEAVY ")]
    assert done.returncode == 0 and marker, done.stderr
    return done.stdout, ast.literal_eval(marker[-1][len("HEAVY "):])


def _rows(db_file: Path) -> dict:
    conn = sqlite3.connect(db_file)
    try:
        out = {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in TABLES}
        out["search_pages"] = sorted(conn.execute("SELECT page_id, page_type, title, summary FROM search_pages"))
        for t in FTS:
            conn.execute(f"INSERT INTO {t}({t}) VALUES('integrity-check')")  # raises if the index disagrees with its rows
        out["hits"] = [conn.execute(f"SELECT rowid FROM {t} WHERE {t} MATCH ? ORDER BY rowid", (q,)).fetchall()
                       for t, q in (("search_fts", "postgres"), ("search_fts", "rollback"), ("search_tri", "pool"),
                                    ("sentence_fts", "connection"), ("search_pages", "redis"))]
        return out
    finally:
        conn.close()


def _files(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8") for p in sorted((root / "wiki").rglob("*.md"))
            if p.name != "log.md"}


def _same_output(text: str) -> str:
    return re.sub(r" · \d+\.\d+ s$", "", text.strip(), flags=re.M)


@pytest.fixture(scope="module")
def pair(tmp_path_factory, monkeypatch_module):
    monkeypatch_module.setattr(repo, "now_iso", lambda: NOW)
    base = tmp_path_factory.mktemp("lightw")
    w = init_wiki(base / "pooled", "Light writes")
    ingest(w, [EXAMPLES])
    forget(w.database_url)  # closed (WAL checkpointed) before the copy
    shutil.copytree(w.root, base / "light")
    pooled, light = find_wiki(str(base / "pooled")), find_wiki(str(base / "light"))
    assert database_for(pooled).engine  # this process reads and writes the first copy through the pool
    return pooled, light


@pytest.fixture(scope="module")
def monkeypatch_module():
    mp = pytest.MonkeyPatch()
    yield mp
    mp.undo()


def _edit(root: Path, rel: str, old: str, new: str) -> None:
    f = root / rel
    text = f.read_text(encoding="utf-8")
    assert old in text
    f.write_text(text.replace(old, new, 1), encoding="utf-8")


STEPS = [
    ("a word changed in place", lambda r: _edit(r, "raw/platform-team/engineering-log.md", "busiest path", "busiest route"),
     ["ingest", "raw/platform-team/engineering-log.md"]),
    ("a line inserted: citations below it move", lambda r: _edit(r, "raw/platform-team/engineering-log.md",
                                                                 "## System notes\n", "## System notes\n\nA new line.\n"),
     ["ingest", "raw/platform-team/engineering-log.md"]),
    ("a person's edit, then its source changes: merged", lambda r: (
        _edit(r, "wiki/decisions/adr-015-use-redis-for-session-storage.md", "\n## ", "\nA note from a reader.\n\n## "),
        _edit(r, "raw/platform-team/adr-015-redis-for-sessions.md", "Redis", "Redis 7")),
     ["ingest", "raw/platform-team/adr-015-redis-for-sessions.md"]),
    ("a new source", lambda r: (r / "new.md").write_text("# Runbook: Flush the cache\n\n## Steps\n\n1. Run `cache flush`.\n"
                                                        "2. Watch the hit rate.\n", encoding="utf-8"),
     ["ingest", "new.md"]),
    ("a source deleted, then build", lambda r: (r / "raw/platform-team/2026-08-19-queue-backlog.md").unlink(), ["build"]),
]


@pytest.mark.parametrize("name,change,args", STEPS, ids=[s[0] for s in STEPS])
def test_a_write_command_imports_no_database_layer_and_writes_what_the_pool_writes(pair, cli, name, change, args):
    pooled, light = pair
    for w in pair:
        change(w.root)
    cwd = os.getcwd()
    try:  # relative paths, as a person types them, from each wiki's root
        os.chdir(pooled.root)
        done = cli(*args, "--wiki", str(pooled.root))
        os.chdir(light.root)
        out, heavy = _run_alone(args + ["--wiki", str(light.root)])
    finally:
        os.chdir(cwd)
    assert done.exit_code == 0, done.output
    assert database_for(pooled).engine_started
    assert heavy == []
    assert _same_output(out) == _same_output(done.stdout)
    forget(pooled.database_url)  # checkpointed, so the file holds every row
    assert _files(light.root) == _files(pooled.root)
    assert _rows(light.state_dir / "lorebook.db") == _rows(pooled.state_dir / "lorebook.db")
    assert database_for(pooled).engine  # back on the pool for the next step
