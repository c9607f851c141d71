"""Full-text search: stems, partial words, Korean, citations, and an index kept current by ingest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import delete, select, text

from lorebook.cli import main
from lorebook.config import init_wiki
from lorebook.pipeline import build, ingest
from lorebook.query.search import search
from lorebook.store import tables as T
from lorebook.store.db import database_for

pytestmark = pytest.mark.usefixtures("backend")  # every test on SQLite and on PostgreSQL

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "platform-team"


@pytest.fixture(scope="module")
def wiki(tmp_path_factory, backend):
    w = init_wiki(tmp_path_factory.mktemp("search") / "wiki", name="Platform Team")
    ingest(w, [EXAMPLES])
    return w


def cli(wiki, *args):
    r = CliRunner().invoke(main, [*args, "--wiki", str(wiki.root)])
    return r


def test_korean_word_finds_the_korean_postmortem(wiki):
    results = search(wiki, "결제")
    assert results, "no results for 결제"
    assert any(r["page"] == "incident-2026-09-14-결제-지연" for r in results)
    assert any("«결제" in r["snippet"] for r in results)
    # a word with a particle attached in the text (잠금이 / 잠금을) is found by its stem
    hit = search(wiki, "잠금", page_type="incident")[0]
    assert hit["citation"]["source"] == "raw/platform-team/2026-09-14-결제-지연.md"


def test_stems_and_partial_words(wiki):
    assert any(r["page"].startswith("runbook-rotate") for r in search(wiki, "rotating credentials", limit=3))
    assert any(r["page"].startswith("adr-014") for r in search(wiki, "postgr"))  # prefix
    assert search(wiki, "ollbac")  # infix, via the trigram table


def test_result_has_a_citation_that_holds_the_words(wiki):
    r = search(wiki, "dead-letter queue", limit=1)[0]
    c = r["citation"]
    lines = (wiki.root / c["source"]).read_text(encoding="utf-8").split("\n")[c["start_line"] - 1 : c["end_line"]]
    assert "dead-letter" in "\n".join(lines).lower()


def test_type_filter(wiki):
    results = search(wiki, "connection pool", page_type="decision")
    assert results and {r["type"] for r in results} == {"decision"}


def test_json_shape_and_log(wiki):
    r = cli(wiki, "search", "redis sessions", "--json", "--limit", "3")
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert data["query"] == "redis sessions" and 1 <= len(data["results"]) <= 3
    for res in data["results"]:
        assert set(res) == {"page", "title", "type", "snippet", "citation", "score", "sources"}
        assert set(res["citation"]) == {"source", "start_line", "end_line"}
    assert "search | redis sessions" in (wiki.wiki_dir / "log.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("q", ['"', "AND OR NOT", "(foo", "NEAR(a b)", "col:umn*", "^", "'; DROP TABLE pages; --"])
def test_query_syntax_is_never_an_error(wiki, q):
    r = cli(wiki, "search", q, "--json")
    assert r.exit_code == 0, r.output
    json.loads(r.output)


def test_empty_query_is_a_one_line_error(wiki):
    r = cli(wiki, "search", "   ")
    assert r.exit_code == 2 and r.output.startswith("error:")


def test_index_follows_ingest_incrementally(tmp_path):
    w = init_wiki(tmp_path / "w", name="T")
    note = tmp_path / "notes" / "pager.md"
    note.parent.mkdir()
    note.write_text("# Pager notes\n\nThe zanzibar cluster pages the on-call at night.\n", encoding="utf-8")
    ingest(w, [note.parent])
    assert search(w, "zanzibar")
    db = database_for(w)
    with db.connect() as conn:
        before = conn.execute(text("SELECT count(*) FROM search_units")).scalar()
    raw = w.raw_dir / "notes" / "pager.md"
    raw.write_text("# Pager notes\n\nThe quokka cluster pages the on-call at night.\n", encoding="utf-8")
    build(w)
    assert not search(w, "zanzibar") and search(w, "quokka")
    with db.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM search_units")).scalar() == before
    _index_matches_units(db)
    raw.unlink()
    build(w)
    assert not search(w, "quokka")
    _index_matches_units(db)


def _index_matches_units(db):
    """The FTS tables agree with search_units row for row (they are kept in step by code, not triggers).

    PostgreSQL's tsvector is a generated column of the same row, so it cannot disagree."""
    if not db.is_sqlite:
        return
    with db.connect() as conn:
        conn.execute(text("INSERT INTO search_fts(search_fts, rank) VALUES('integrity-check', 1)"))
        assert conn.execute(text("SELECT count(*) FROM search_fts_docsize")).scalar() == \
            conn.execute(text("SELECT count(*) FROM search_units")).scalar()
        assert conn.execute(text("SELECT count(*) FROM search_tri_docsize")).scalar() == \
            conn.execute(text("SELECT count(*) FROM search_units WHERE kind = 'chunk'")).scalar()
        conn.rollback()


def test_wiki_without_an_index_is_filled_on_first_search(tmp_path):
    w = init_wiki(tmp_path / "w", name="T")
    ingest(w, [EXAMPLES])
    db = database_for(w)
    with db.session() as s:  # as if the wiki predates the index
        s.execute(delete(T.search_units))
        s.execute(delete(T.meta).where(T.meta.c.key == "search_index"))
    assert search(w, "결제")
    with db.session() as s:
        assert s.execute(select(T.meta.c.value).where(T.meta.c.key == "search_index")).scalar() == "1"


@pytest.fixture(scope="module")
def busy(tmp_path_factory, backend):
    """A wiki where one word is in every paragraph (more matches than search fetches) and in two titles."""
    w = init_wiki(tmp_path_factory.mktemp("busy") / "wiki", name="Busy")
    notes = tmp_path_factory.mktemp("busy-notes")
    para = "The kafka consumers lag behind and the on-call restarts them by hand."
    for i in range(40):
        body = "\n\n".join(f"Step {j}: {para}" for j in range(10))
        (notes / f"note-{i:02d}.md").write_text(f"# Weekly notes {i}\n\n{body}\n", encoding="utf-8")
    for name, title in (("kafka-retention.md", "Kafka retention"), ("kafka-upgrade.md", "Kafka broker upgrade")):
        (notes / name).write_text(f"# {title}\n\nWe keep seven days of data on the brokers.\n", encoding="utf-8")
    ingest(w, [notes])
    return w


def test_a_very_common_word_ranks_the_pages_that_name_it_first(busy):
    from lorebook.query.search import CAP

    db = database_for(busy)
    with db.connect() as conn:
        n = conn.execute(text("SELECT count(*) FROM search_fts WHERE search_fts MATCH 'kafka'" if db.is_sqlite else
                              "SELECT count(*) FROM search_units WHERE tsv @@ to_tsquery('english', 'kafka')")).scalar()
    assert n > CAP  # the common-word path is the one under test
    results = search(busy, "kafka", limit=10)
    assert len(results) == 10
    # the two notes named after it before the 40 that only mention it; their raw lines are grouped
    # under the compiled note page, not listed again as pages of their own
    assert {r["citation"]["source"].rsplit("/", 1)[-1] for r in results[:2]} == {"kafka-retention.md", "kafka-upgrade.md"}
    assert "Kafka retention" in {r["title"] for r in results[:2]}
    assert all(r["type"] != "source" for r in results[:2])
    assert len({r["page"] for r in results}) == 10
    for r in results:  # every hit still cites lines that hold the word
        c = r["citation"]
        lines = (busy.root / c["source"]).read_text(encoding="utf-8").split("\n")[c["start_line"] - 1 : c["end_line"]]
        assert "kafka" in "\n".join(lines).lower() or "kafka" in r["title"].lower()
    assert all(r["type"] == "source" for r in search(busy, "kafka", page_type="source"))


def test_a_number_after_a_word_is_not_a_prefix(busy):
    # "note 0" must not become note* AND 0*: the prefix of a common word is the slowest query FTS5 runs
    from lorebook.query.search import _fts_term

    assert _fts_term("adr", prefix=True, last=False) == '"adr"'
    assert _fts_term("00452", prefix=True, last=False) == '"00452"'
    assert _fts_term("rollb", prefix=True, last=True) == '"rollb"*'
    assert search(busy, "weekly notes 7")[0]["citation"]["source"].endswith("/note-07.md")


def test_page_table_follows_the_pages(busy):
    if not database_for(busy).is_sqlite:  # PostgreSQL: a generated column of pages (migration 0101)
        with database_for(busy).connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM pages WHERE search_head IS NULL")).scalar() == 0
        return
    with database_for(busy).connect() as conn:
        pages = conn.execute(text("SELECT count(*) FROM pages")).scalar()
        heads = conn.execute(text("SELECT count(*) FROM search_pages")).scalar()
        tri = conn.execute(text("SELECT count(*) FROM search_tri_docsize")).scalar()
        chunks = conn.execute(text("SELECT count(*) FROM search_units WHERE kind = 'chunk'")).scalar()
    assert heads == pages
    assert tri == chunks  # trigrams index raw chunks only


def test_a_large_incremental_save_leaves_one_segment_per_index(tmp_path, monkeypatch, backend):
    """A save that rewrites many pages compacts the full-text indexes (FTS5 'optimize'): thousands of small
    segments made search p95 5x slower at 10,000 sources. Small saves leave them to FTS5's own merging."""
    if backend == "postgresql":
        pytest.skip("FTS5 segments are SQLite's; PostgreSQL's search index is maintained by PostgreSQL")
    from lorebook.store import search_index

    calls = []
    real = search_index._compact
    monkeypatch.setattr(search_index, "_compact", lambda s: (calls.append(1), real(s)))
    w = init_wiki(tmp_path / "w", name="T")
    notes = tmp_path / "notes"
    notes.mkdir()
    for i in range(6):
        (notes / f"n{i}.md").write_text(f"# Runbook: restart worker {i}\n\n1. Run `systemctl restart worker{i}`.\n", encoding="utf-8")
    ingest(w, [notes])
    search(w, "worker")  # fills the index
    monkeypatch.setattr(search_index, "LARGE_WRITE", 10**6)
    (w.raw_dir / "notes" / "n0.md").write_text("# Runbook: restart worker 0\n\n1. Run `systemctl restart quokka`.\n", encoding="utf-8")
    build(w)
    assert calls == []  # one changed source: no compaction
    monkeypatch.setattr(search_index, "LARGE_WRITE", 2)
    (w.raw_dir / "notes" / "n1.md").write_text("# Runbook: restart worker 1\n\n1. Run `systemctl restart wombat`.\n", encoding="utf-8")
    build(w)
    assert calls == [1]
    assert search(w, "wombat") and search(w, "quokka") and not search(w, "worker1")
    _index_matches_units(database_for(w))
