"""Read commands on a SQLite wiki run without the database or web stack, and print what the pooled path prints.

`lorebook search`, `ask`, `show` and `pages` read through store/db.py's light path (one sqlite3
connection, plain SQL) so they start without importing SQLAlchemy (issue 15). Each is run here as
its own process, which must import none of sqlalchemy / fastapi / alembic and print exactly what the
same command prints in this process, where the wiki was built and reads go through the pool.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES
from lorebook.config import init_wiki
from lorebook.pipeline import ingest
from lorebook.store.db import database_for, light_reads

REPO = Path(__file__).resolve().parents[1]
HEAVY = ("sqlalchemy", "fastapi", "alembic", "uvicorn", "lorebook.pipeline", "lorebook.compile")
# Runs the command as `lorebook` does, then reports which of HEAVY the process imported.
RUN = ("import sys\nfrom lorebook.cli import main\ntry:\n    main(sys.argv[1:], standalone_mode=False)\n"
       "finally:\n    print('HEAVY', sorted(m for m in %r if m in sys.modules), file=sys.stderr)" % (HEAVY,))

COMMANDS = [
    ["search", "connection pool"],
    ["search", "ADR-014"],
    ["search", "rollback", "--type", "runbook", "--json"],
    ["search", "2026-05-12"],
    ["ask", "How long was the May outage?"],
    ["ask", "What is the status of ADR-015?", "--json"],
    ["ask", "zzzunknownword outage"],
    ["show", "ADR-14"],
    ["show", "incident-2026-05-12"],
    ["pages"],
    ["pages", "--type", "decision", "--json"],
]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    w = init_wiki(tmp_path_factory.mktemp("light") / "wiki", "Light")
    ingest(w, [EXAMPLES])
    return w


def run_alone(args: list[str]) -> tuple[str, list[str]]:
    env = dict(os.environ, PYTHONPATH=str(REPO / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    done = subprocess.run([sys.executable, "-c", RUN] + args, capture_output=True, text=True, env=env)
    marker = [line for line in done.stderr.splitlines() if line.startswith("HEAVY ")]
    assert done.returncode == 0 and marker, done.stderr
    return done.stdout, ast.literal_eval(marker[-1][len("HEAVY "):])


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a))
def test_read_command_imports_no_database_layer_and_prints_the_same(built, cli, args):
    args = args + ["--wiki", str(built.root)]
    pooled = cli(*args)
    assert pooled.exit_code == 0, pooled.output
    assert database_for(built).engine_started  # this process built the wiki: its reads went through the pool
    out, heavy = run_alone(args)
    assert heavy == []
    assert out == pooled.stdout


def test_a_missing_page_is_the_same_one_line_error(built, cli):
    args = ["show", "no-such-page", "--wiki", str(built.root)]
    pooled = cli(*args)
    env = dict(os.environ, PYTHONPATH=str(REPO / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    alone = subprocess.run([sys.executable, "-m", "lorebook"] + args, capture_output=True, text=True, env=env)
    assert pooled.exit_code == alone.returncode == 2
    assert alone.stderr == pooled.stderr == "error: no page 'no-such-page'; list pages with `lorebook pages`\n"


def test_the_light_path_is_taken_only_when_asked_and_only_before_the_engine(built):
    """Outside `light_reads()` (a server, the library) reads use the pool; inside, until something needs the engine."""
    from lorebook.store.db import forget

    forget(built.database_url)
    with light_reads():
        db = database_for(built)  # opened and checked for migrations on the light path too
        with db.read() as conn:
            assert conn.execute("SELECT count(*) FROM pages").scalar() > 0
        assert not db.engine_started
        with db.session():  # a write makes the engine; reads after it go through its pool
            pass
        with db.read() as conn:
            assert conn.execute("SELECT count(*) FROM pages").scalar() > 0
    assert db.engine_started and db.pool_status()["peak_checked_out"] >= 1


@pytest.fixture(scope="module")
def on_backend(tmp_path_factory, backend):
    w = init_wiki(tmp_path_factory.mktemp(f"reads-{backend}") / "wiki", "Reads")
    ingest(w, [EXAMPLES])
    return w


def test_read_commands_on_each_backend(on_backend, cli):
    """The plain-SQL reads run on PostgreSQL through the pool as they do on SQLite."""
    w = ["--wiki", str(on_backend.root)]
    listed = cli("pages", "--type", "decision", *w)
    assert listed.exit_code == 0 and "adr-014-postgres-as-primary-datastore" in listed.stdout
    shown = cli("show", "ADR-14", *w)
    assert shown.exit_code == 0 and shown.stdout.startswith("---\n") and "Postgres" in shown.stdout
    found = cli("search", "ADR-014", "--json", *w)
    assert found.exit_code == 0 and json.loads(found.stdout)["results"][0]["page"] == "adr-014-postgres-as-primary-datastore"
    answered = cli("ask", "What is the status of ADR-015?", *w)
    assert answered.exit_code == 0 and "adr-015" in answered.stdout
