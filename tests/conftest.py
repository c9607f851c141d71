"""Shared fixtures: the ../shared folder (skipped when absent), fresh wikis, a CLI runner."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

import pg

from lorebook.cli import main
from lorebook.config import Wiki, init_wiki

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EXAMPLES = REPO / "examples" / "platform-team"
SHARED_EXAMPLE = SHARED / "examples" / "engineering-incidents-and-decisions.md"
CORPUS = SHARED / "corpus"


def need_shared():
    if not SHARED.is_dir():
        pytest.skip("../shared is not present next to the repository")


@pytest.fixture
def shared_example() -> Path:
    need_shared()
    return SHARED_EXAMPLE


@pytest.fixture
def corpus() -> Path:
    need_shared()
    return CORPUS


@pytest.fixture
def wiki(tmp_path):
    """A fresh, empty wiki."""
    return init_wiki(tmp_path / "wiki", "Test Team")


@pytest.fixture
def notes_wiki_of(tmp_path):
    """Ingest notes written in the test (`notes_wiki_of({"a.md": TEXT, …})`) into a fresh wiki and return it."""
    from lorebook.pipeline import ingest

    def build(files: dict[str, str]) -> Wiki:
        notes = tmp_path / "notes"
        notes.mkdir(exist_ok=True)
        for name, text in files.items():
            (notes / name).write_text(text, encoding="utf-8")
        w = init_wiki(tmp_path / "wiki", name="T")
        ingest(w, [notes])
        return w

    return build


@pytest.fixture
def note_record(tmp_path):
    """Compile a note written in the test (`note_record("x.md", TEXT)`) and return its one document's Record."""
    from lorebook.extract import extract
    from lorebook.sources.reader import read_source
    from lorebook.sources.segment import documents

    def compile_note(name: str, text: str):
        f = tmp_path / name
        f.write_text(text, encoding="utf-8")
        docs = documents(read_source(f, "raw/" + name))
        assert len(docs) == 1, f"{name} is {len(docs)} documents"
        return extract(docs[0])

    return compile_note


@pytest.fixture
def cli():
    """Run `lorebook ARGS…` in-process; returns click's Result (exit_code, stdout, stderr)."""
    runner = CliRunner()

    def run(*args, input=None, env=None):
        return runner.invoke(main, [str(a) for a in args], input=input, env=env, catch_exceptions=False)

    return run


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def backend(request):
    """Run a module's tests on SQLite, then on PostgreSQL (LOREBOOK_TEST_PG_URL; CI starts a server).

    On PostgreSQL every wiki opened gets its own fresh database, so tests stay as
    isolated as with one SQLite file per wiki."""
    if request.param == "sqlite":
        yield "sqlite"
        return
    if not pg.PG_URL:
        if os.environ.get("CI"):
            pytest.fail("CI must run the PostgreSQL tests: .ci/run sets LOREBOOK_TEST_PG_URL")
        pytest.skip("no PostgreSQL server: set LOREBOOK_TEST_PG_URL (bash .ci/run starts one)")
    dbs = pg.PerWikiDatabases()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(Wiki, "database_url", property(dbs.database_url))
        yield "postgresql"
    dbs.drop_all()


def pytest_sessionfinish(session, exitstatus):
    if pg.PG_URL:
        pg.drop_template()


@pytest.fixture(autouse=True)
def _no_ambient_wiki(monkeypatch):
    monkeypatch.delenv("LOREBOOK_WIKI", raising=False)
    monkeypatch.delenv("LOREBOOK_DATABASE_URL", raising=False)
    monkeypatch.setenv("EDITOR", "true")
