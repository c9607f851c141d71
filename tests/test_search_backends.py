"""PostgreSQL search returns the same top results as SQLite (FTS5), query by query.

Two wikis compiled from the same notes, one per database; the queries cover every
pass of search: words as typed, stems, partial words, infixes, Korean, words only
some units hold (the any-word pass), a type filter and a very common word.
"""

from __future__ import annotations

import os

import pytest

import pg
from conftest import CORPUS, EXAMPLES, SHARED_EXAMPLE
from lorebook.config import init_wiki
from lorebook.pipeline import ingest
from lorebook.query.search import search
from lorebook.store.db import database_for

QUERIES = [
    "결제", "잠금", "결제 지연", "rotating credentials", "postgr", "ollbac", "dead-letter queue", "connection pool",
    "rollback", "rolled back", "outage", "database migration", "kafka", "redis cache", "on-call", "pager",
    "why mongodb", "deploy runbook", "root cause", "action items", "latency p99", "timeout", "ADR-014",
    "postgres primary datastore", "incident may", "dynamodb vendor lock-in", "queue backlog", "stream notebooks",
    "certificate expiry", "disk full", "feature flag", "zzzunknownword outage", "the", "retry storm", "canary",
]
TYPED = [("outage", "incident"), ("postgres", "decision"), ("rollback", "runbook")]
TOP = 3


@pytest.fixture(scope="module")
def twins(tmp_path_factory):
    if not pg.PG_URL:
        if os.environ.get("CI"):
            pytest.fail("CI must run the PostgreSQL tests: .ci/run sets LOREBOOK_TEST_PG_URL")
        pytest.skip("no PostgreSQL server: set LOREBOOK_TEST_PG_URL (bash .ci/run starts one)")
    notes = [EXAMPLES] + ([SHARED_EXAMPLE.parent, CORPUS] if CORPUS.is_dir() else [])
    lite = init_wiki(tmp_path_factory.mktemp("lite") / "wiki", "Twins")
    ingest(lite, notes)
    url = pg.new_database()
    root = tmp_path_factory.mktemp("pg") / "wiki"
    big = init_wiki(root, "Twins")
    toml = root / "lorebook.toml"
    toml.write_text(toml.read_text().replace('url = ""', f'url = "{url}"'), encoding="utf-8")
    from lorebook.config import load_wiki

    big = load_wiki(root)
    assert not database_for(big).is_sqlite
    ingest(big, notes)
    yield lite, big
    pg.drop_database(url)


def _top(wiki, q, t=None):
    return [r["page"] for r in search(wiki, q, page_type=t, limit=10)][:TOP]


def test_postgres_returns_the_same_top_results_as_sqlite(twins):
    lite, big = twins
    differ = []
    for q in QUERIES:
        a, b = _top(lite, q), _top(big, q)
        if a != b:
            differ.append((q, a, b))
    for q, t in TYPED:
        a, b = _top(lite, q, t), _top(big, q, t)
        if a != b:
            differ.append((f"{q} [{t}]", a, b))
    assert differ == [], "\n".join(f"{q!r}: sqlite {a} postgres {b}" for q, a, b in differ)
    assert sum(1 for q in QUERIES if _top(lite, q)) >= len(QUERIES) - 3  # the queries find things at all
