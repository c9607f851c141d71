"""Question analysis (answer types, identifiers), abstaining, the sentence index, and search that finds the page."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from lorebook.config import init_wiki
from lorebook.model import Source
from lorebook.pipeline import ingest
from lorebook.query.analysis import adr_numbers, analyse, dates, shape_match
from lorebook.query.ask import ask, generality, ordinary, stem
from lorebook.query.intents import subject_words
from lorebook.query.pages import resolve_page_id
from lorebook.query.search import highlight, search
from lorebook.sources.sentences import code_pieces, split_sentences
from lorebook.store.sentences import source_sentences
from lorebook.store.db import database_for

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "platform-team"


@pytest.mark.parametrize("question,expected", [
    ("How long did the May API outage last?", "duration"),
    ("When did we decide to move sessions to Redis?", "date"),
    ("What time was the outage detected?", "date"),
    ("Who owns the connection count alert?", "person"),
    ("What's the command to restart the API?", "command"),
    ("Why did we drop Terraform Cloud?", "reason"),
    ("How many export requests were delayed?", "number"),
    ("Is ADR-14 still in force?", "status"),
    ("Which ADR replaced the session decision?", "status"),
    ("Which runbook covers rotating credentials?", "document"),
    ("What are the open follow-ups?", "list"),
    ("When should we scale back down?", "condition"),
    ("결제 지연 장애는 얼마나 지속됐나요?", "duration"),
])
def test_expected_answer_type(question, expected):
    assert analyse(question).answer_types[0] == expected


def test_yes_no_and_more_than_one_type():
    a = analyse("Did the queue backlog lose any data?")
    assert "yesno" in a.answer_types
    assert analyse("Is the Redis decision still accepted?").answer_types[:1] == ["status"]


@pytest.mark.parametrize("text,numbers", [
    ("Is ADR-14 still in force?", [14]), ("what did adr 14 decide", [14]), ("ADR0014", [14]),
    ("see adr-015 and ADR 7", [15, 7]), ("decision #12", [12]), ("0014", [14]), ("we have 14 pods", []),
    ("port 8080", []),
])
def test_adr_numbers_in_any_spelling(text, numbers):
    assert adr_numbers(text) == numbers


def test_dates_in_questions():
    assert dates("what happened on 2026-05-12?") == ["2026-05-12"]
    assert dates("the May 12 outage") == ["-05-12"]
    assert dates("the outage of 12 May 2026") == ["2026-05-12"]
    assert dates("how long did it take") == []


@pytest.mark.parametrize("question", ["Was the Arachne configuration proposal approved?", "Has GOV.UK approved moving compute to ARM?",
                                      "Did Cloud Platform ever accept the single cluster?", "Is the number-as-ID decision obsolete?",
                                      "Is the cache decision final?"])
def test_status_asked_in_other_words(question):
    """"approved", "obsolete", "final", "ever accepted" ask for a decision's status, as "still in force" does;
    the words then name no subject ("approved" is not something the page must say)."""
    a = analyse(question)
    assert "status" in a.intents and "status" in a.answer_types
    assert not {"approved", "obsolete", "final", "proposal"} & set(a.question.subject)


def test_a_status_word_inside_another_question_is_not_a_status_question():
    assert "status" not in analyse("Was the incident fixed after the approved change?").intents


def test_every_matching_intent_weighs_its_fields():
    a = analyse("How many export requests got delayed and how long did it last?")
    assert {"impact", "duration"} <= set(a.intents)
    assert a.weight_of("impact") > 0 and a.weight_of("duration_minutes") > 0
    assert a.weight_of("options.2.reasons") == 0
    assert analyse("What are the downsides?").weight_of("consequences.negative") == 1.0


def test_shape_match_reads_the_answer_type():
    assert shape_match(["duration"], "The outage lasted 45 minutes.") == 1.0
    assert shape_match(["duration"], "Owner: mina") == 0.0
    assert shape_match(["person"], "Owner: @mina") == 1.0
    assert shape_match(["person"], "No owner is named for this.") == 0.0
    assert shape_match(["command"], "echo", kind="code") == 1.0


def test_sentences_keep_exact_lines():
    body = "# T\n\nFirst sentence here. Second one\nwraps a line. Third.\n\n| Step | Owner |\n|---|---|\n| Fix it | @li |\n"
    rows = source_sentences(Source("raw/t.md", body, "", body.count("\n") + 1))
    got = [(r["kind"], r["start_line"], r["end_line"], r["text"]) for r in rows]
    assert ("sentence", 3, 3, "First sentence here.") in got
    assert ("sentence", 3, 4, "Second one wraps a line.") in got
    assert ("sentence", 4, 4, "Third.") in got
    assert ("row", 8, 8, "Step: Fix it; Owner: @li") in got
    assert [t for _s, _e, t in split_sentences("Use e.g. Redis here. Then stop.", 1)] == ["Use e.g. Redis here.", "Then stop."]


def test_no_sentence_break_inside_a_link():
    got = [t for _s, _e, t in split_sentences("⌛️ Superseded by [036. Multi-cluster](036-multi-cluster.md). Next.", 1)]
    assert got == ["⌛️ Superseded by 036. Multi-cluster.", "Next."]


def test_a_long_code_block_is_indexed_in_pieces_with_their_own_lines():
    cmds = "\n".join(f"step-{i} --flag" for i in range(1, 15)) + "\n\n" + "\n".join(f"later-{i}" for i in range(1, 6))
    body = "# Run\n\n```bash\n" + cmds + "\n```\n"
    rows = [r for r in source_sentences(Source("raw/t.md", body, "", body.count("\n") + 1)) if r["kind"] == "code"]
    assert len(rows) >= 2 and all(r["end_line"] - r["start_line"] < 12 for r in rows)
    lines = body.split("\n")
    for r in rows:  # each piece cites exactly the lines it holds
        assert r["text"].split("\n")[0] == lines[r["start_line"] - 1]
        assert r["text"].split("\n")[-1] == lines[r["end_line"] - 1]
    assert code_pieces(["a"] * 5 + [""] + ["b"] * 10 + [""] + ["c"] * 3) == [(0, 4), (6, 15), (17, 19)]


def test_words_everyday_english_says_little_about_which_page():
    assert generality("kubeapierrorbudgetburn") == 1.0 and generality("etcd") == 1.0
    assert generality("right") < 0.5 and generality("try") < 0.6
    assert generality("may") == 1.0  # a month names a date
    assert ordinary("wipes") and ordinary("landing")  # a verb the notes may put otherwise
    assert not ordinary("kafka") and not ordinary("graphql") and not ordinary("결제")


def test_crude_stem_joins_inflections():
    assert stem("logged") == stem("logs") == "log"
    assert stem("stopped") == "stop" and stem("running") == "run"
    assert stem("healthy") == "health"
    assert stem("called") == "call"  # a double l stays


def test_korean_question_endings_and_time_words():
    assert subject_words("결제 지연 때 마이그레이션은 몇 시에 중단됐나요?") == ["결제", "지연", "마이그레이션", "중단"]  # the topic particle 은 dropped: the noun names it


def test_focus_is_the_first_word_that_is_not_the_answer_kind():
    assert analyse("What's bad about keeping ADR metadata in YAML?").focus == "bad"
    assert analyse("What command restarts the API?").focus == "restarts"


def test_two_records_with_one_number_are_both_answered(tmp_path):
    for team, date, title in (("alpha", "2025-06-10", "Keep state in S3"), ("beta", "2026-02-03", "Use Postgres")):
        d = tmp_path / "notes" / team
        d.mkdir(parents=True)
        (d / "adr-014.md").write_text(f"# ADR-014: {title}\n\n**Status:** Accepted\n\n**Date:** {date}\n\n"
                                      f"## Context\n\nWe need a choice.\n\n## Decision\n\n{title}.\n", encoding="utf-8")
    w = init_wiki(tmp_path / "wiki", name="T")
    ingest(w, [tmp_path / "notes"])
    a = ask(w, "When was ADR-014 decided?")
    assert a.found and "2025-06-10" in a.answer and "2026-02-03" in a.answer
    assert {c["source"].split("/")[-2] for c in a.citations} == {"alpha", "beta"}


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    w = init_wiki(tmp_path_factory.mktemp("answers") / "wiki", name="Platform Team")
    ingest(w, [EXAMPLES])
    return w


def test_sentence_index_knows_the_field_each_line_feeds(small):
    with database_for(small).connect() as conn:
        rows = conn.execute(text("SELECT field, page_id, text FROM sentence_units WHERE source LIKE '%queue-backlog.md' "
                                 "AND kind = 'row'")).all()
    assert any(r.field == "action_items" and "@tomas" in r.text for r in rows)
    assert all(r.page_id == "incident-2026-08-19-export-queue-backlog" for r in rows)


def test_answers_the_row_not_the_whole_table(small):
    a = ask(small, "Who owns streaming large notebooks after the queue backlog?")
    assert a.found and "tomas" in a.answer.lower()
    assert [(c["start_line"], c["end_line"]) for c in a.citations] == [(39, 39)]


def test_abstains_with_the_nearest_pages(small):
    a = ask(small, "What is the TTL of the Redis session keys in staging?")
    assert not a.found and a.citations == []
    assert "not found" in a.answer.lower()
    b = ask(small, "What's our Kafka retention policy?")
    assert not b.found


def test_status_question_follows_the_supersede_chain(tmp_path):
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "adr-0003-sessions-in-postgres.md").write_text(
        "# ADR-003: Keep sessions in Postgres\n\n**Status:** Superseded by ADR-009\n\n**Date:** 2025-01-10\n\n"
        "## Context\n\nSessions live in Postgres today.\n\n## Decision\n\nKeep them there.\n", encoding="utf-8")
    (notes / "adr-0009-sessions-in-redis.md").write_text(
        "# ADR-009: Move sessions to Redis\n\n**Status:** Accepted\n\n**Date:** 2025-06-02\n\n"
        "## Context\n\nSession reads exhaust the Postgres pool.\n\n## Decision\n\nStore sessions in Redis.\n", encoding="utf-8")
    w = init_wiki(tmp_path / "wiki", name="T")
    ingest(w, [notes])
    a = ask(w, "Is ADR-3 still in force?")
    assert a.found and "superseded" in a.answer.lower() and "ADR-009" in a.answer
    assert any("adr-0009" in c["source"] for c in a.citations)  # the hop cites the newer record's status
    assert resolve_page_id(w, "ADR 9") == resolve_page_id(w, "0009") == resolve_page_id(w, "adr-009")
    assert search(w, "ADR-9")[0]["page"] == resolve_page_id(w, "ADR-9")


def test_identifier_queries_resolve_to_the_page_first(small):
    pid = resolve_page_id(small, "ADR-14")
    assert pid and pid.startswith("adr-014")
    for q in ("ADR-14", "ADR 14", "adr-014", "0014"):
        assert search(small, q)[0]["page"] == pid, q
    assert resolve_page_id(small, "2026-08-19") == "incident-2026-08-19-export-queue-backlog"
    assert search(small, "2026-08-19")[0]["page"] == "incident-2026-08-19-export-queue-backlog"
    assert resolve_page_id(small, "no-such-page") is None


def test_compiled_pages_before_raw_sources(small):
    results = search(small, "retry limit")
    assert results[0]["type"] == "incident"
    types = [r["type"] for r in results]
    assert "source" not in types[: types.index("source")] if "source" in types else True
    assert all(t != "source" for t in types[: sum(1 for t in types if t != "source")])


def test_highlight_marks_whole_words_only():
    assert highlight("run etcdctl, then etcd", ["etcd"]) == "run etcdctl, then «etcd»"
    assert highlight("rotating and rotate", ["rotating"]) == "«rotating» and «rotate»"
    assert highlight("결제가 지연", ["결제"]) == "«결제»가 지연"


def test_own_dev_questions_point_at_lines_that_state_the_fact():
    """tests/questions_dev_answers.yaml (issue 12's extra tuning questions): every range states a fact."""
    import yaml

    from test_ask import SHARED, raw_lines

    if not (SHARED / "corpus").is_dir():
        pytest.skip("../shared/corpus is not present")
    items = yaml.safe_load((Path(__file__).parent / "questions_dev_answers.yaml").read_text(encoding="utf-8"))
    assert len(items) >= 40 and sum(1 for i in items if i.get("found") is False) >= 3
    bad = []
    for item in items:
        for e in item.get("expect", []):
            first, last = e["lines"]
            text = " ".join(" ".join(raw_lines(e["source"])[first - 1 : last]).split()).lower()
            if not any(str(f).lower() in text for f in item["facts"]):
                bad.append(f"{item['q']}: {e['source']}:{first}-{last}")
    assert bad == []


def test_when_did_it_end_reads_the_line_that_says_it_recovered(notes_wiki_of):
    w = notes_wiki_of({
        "cdn-outage.md": "# Postmortem: image CDN outage, 2025-09-03\n\n## Impact\n\nImages failed to load for all users.\n\n## Timeline\n\n"
        "### 14:05\n\nImage requests start failing with 502.\n\n### 14:20\n\nCDN support says everything is fine on their end.\n\n"
        "### 14:50\n\nService appears to be restored after the origin certificate was renewed.\n",
    })
    a = ask(w, "What time did the image CDN outage end?")
    assert a.found and "14:50" in a.answer.split("[1]")[0]


def test_a_matching_section_on_a_far_weaker_page_does_not_outrank_the_page_asked_about(notes_wiki_of):
    w = notes_wiki_of({
        "ledger-snapshots.md": "# Runbook: ledger database snapshots\n\nHow the ledger database is snapshotted and restored.\n\n## Steps\n\n"
        "1. List the ledger snapshots with `ledgerctl snapshots list`.\n"
        "2. Restore the chosen ledger snapshot with `ledgerctl snapshots restore SNAPSHOT_ID`.\n",
        "disk-filling.md": "# Runbook: disk filling up\n\n## Meaning\n\nA volume is nearly full.\n\n## Mitigation\n\n"
        "Delete old data, or move it elsewhere and restore it from a snapshot later.\n",
    })
    a = ask(w, "How do I restore a ledger snapshot?")
    assert a.found and a.citations[0]["source"].endswith("ledger-snapshots.md")


def test_a_status_question_about_a_record_without_a_status_is_not_found(notes_wiki_of):
    w = notes_wiki_of({
        "adr-0012-badges.md": "# ADR-012: Show build badges in the README\n\n## Context\n\nBadges such as `status-superseded` or `build-passing` "
        "tell readers the state of a project.\n\n## Decision\n\nShow the build badge.\n",
    })
    a = ask(w, "Is ADR-12 still in force?")
    assert not a.found and "records no status" in a.answer
