"""The store: one engine and pool, migrations on open, and all-or-nothing compiles."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from conftest import EXAMPLES, REPO
from lorebook.pipeline import build, ingest
from lorebook.store import tables as T
from lorebook.store.db import database_for, schema_version

pytestmark = pytest.mark.usefixtures("backend")  # every test on SQLite and on PostgreSQL


def test_only_store_db_opens_connections():
    """The seeds' postmortem was a connection leak: nothing outside store/db.py may open one."""
    pattern = re.compile(r"\b(create_engine|create_async_engine|sqlite3\.connect|psycopg\d?\.connect|connect\()")
    offenders = []
    for path in (REPO / "src" / "lorebook").rglob("*.py"):
        rel = path.relative_to(REPO).as_posix()
        if rel == "src/lorebook/store/db.py":
            continue
        for n, line in enumerate(path.read_text().splitlines(), 1):
            if pattern.search(line) and "db.connect(" not in line and ".connect()" not in line:
                offenders.append(f"{rel}:{n}: {line.strip()}")
    assert offenders == []


def test_one_engine_per_url(wiki):
    assert database_for(wiki) is database_for(wiki)
    assert database_for(wiki).engine is database_for(wiki).engine


def test_migrations_applied_on_open(wiki):
    from lorebook.store.db import _script_heads

    heads = set(schema_version(database_for(wiki)))
    assert heads == _script_heads(REPO / "src" / "lorebook" / "store" / "migrations" / "versions")
    assert heads == {"0200"}  # the branches of this round joined in one head
    with database_for(wiki).session() as s:
        assert s.execute(select(func.count()).select_from(T.pages)).scalar() == 0


def test_failed_compile_leaves_previous_wiki_intact(wiki):
    ingest(wiki, [EXAMPLES / "engineering-log.md"])
    before_files = {p: p.read_bytes() for p in wiki.wiki_dir.rglob("*.md")}
    with database_for(wiki).session() as s:
        before_rows = s.execute(select(T.pages.c.id, T.pages.c.content_hash)).all()

    (wiki.raw_dir / "engineering-log.md").write_text(
        (EXAMPLES / "engineering-log.md").read_text().replace("Accepted", "Deprecated")
    )

    def boom(stage):
        if stage == "staged":
            raise RuntimeError("power cut")

    with pytest.raises(RuntimeError):
        build(wiki, write_hook=boom)
    # nothing visible changed: same files, same rows
    after_files = {p: p.read_bytes() for p in wiki.wiki_dir.rglob("*.md")}
    assert after_files == before_files
    with database_for(wiki).session() as s:
        assert s.execute(select(T.pages.c.id, T.pages.c.content_hash)).all() == before_rows
    # the next run cleans up and completes
    report = build(wiki)
    assert any("rolled back" in r for r in report.recovered)
    assert "adr-014-postgres-as-primary-datastore" in report.updated
    assert not list(wiki.wiki_dir.rglob(".*lbtmp*"))


def test_interrupted_after_commit_rolls_forward(wiki):
    ingest(wiki, [EXAMPLES / "engineering-log.md"])
    (wiki.raw_dir / "engineering-log.md").write_text(
        (EXAMPLES / "engineering-log.md").read_text().replace("Accepted", "Deprecated")
    )

    def boom(stage):
        if stage == "committed":
            raise RuntimeError("killed between commit and rename")

    with pytest.raises(RuntimeError):
        build(wiki, write_hook=boom)
    from lorebook.store.repo import recover

    actions = recover(wiki)
    assert any("finished" in a for a in actions)
    page = (wiki.wiki_dir / "decisions" / "adr-014-postgres-as-primary-datastore.md").read_text()
    assert "status: deprecated" in page


def test_unchanged_pages_keep_their_version(wiki):
    ingest(wiki, [EXAMPLES / "engineering-log.md", EXAMPLES / "adr-015-redis-for-sessions.md"])
    path = wiki.raw_dir / "adr-015-redis-for-sessions.md"
    path.write_text(path.read_text().replace("24-hour expiry", "12-hour expiry"))
    report = build(wiki)
    assert "adr-015-use-redis-for-session-storage" in report.updated
    assert "runbook-roll-back-a-bad-deploy" in report.unchanged
    with database_for(wiki).session() as s:
        versions = dict(s.execute(select(T.pages.c.id, T.pages.c.version)).all())
    assert versions["adr-015-use-redis-for-session-storage"] == 2
    assert versions["runbook-roll-back-a-bad-deploy"] == 1


def test_an_older_search_index_is_upgraded_in_place(tmp_path):
    """A wiki written before 0004 (page-level table, trigrams for chunks only) is upgraded on open."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import text

    from lorebook.config import init_wiki
    from lorebook.query.search import search
    from lorebook.store.db import close_all, migrate

    w = init_wiki(tmp_path / "w", name="T")
    ingest(w, [EXAMPLES])
    db = database_for(w)
    cfg = Config()
    cfg.set_main_option("script_location", str(REPO / "src" / "lorebook" / "store" / "migrations"))
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0003")
    if not db.is_sqlite:  # 0004 reshapes SQLite's FTS5 tables; on PostgreSQL 0101 adds the page-level tsvector
        head = "SELECT count(*) FROM information_schema.columns WHERE table_name = 'pages' AND column_name = 'search_head'"
        with db.connect() as conn:
            assert conn.execute(text(head)).scalar() == 0
        close_all()
        migrate(database_for(w))
        with database_for(w).connect() as conn:
            assert conn.execute(text(head)).scalar() == 1
        assert search(w, "ollbac") and search(w, "결제")
        return
    with db.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM sqlite_master WHERE name = 'search_pages'")).scalar() == 0
        assert conn.execute(text("SELECT count(*) FROM search_tri_docsize")).scalar() == \
            conn.execute(text("SELECT count(*) FROM search_units")).scalar()
    close_all()
    db = database_for(w)
    migrate(db)
    with db.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM search_pages")).scalar() == \
            conn.execute(text("SELECT count(*) FROM pages")).scalar()
        assert conn.execute(text("SELECT count(*) FROM search_tri_docsize")).scalar() == \
            conn.execute(text("SELECT count(*) FROM search_units WHERE kind = 'chunk'")).scalar()
    assert search(w, "ollbac") and search(w, "결제")
