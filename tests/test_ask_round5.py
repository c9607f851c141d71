"""Shapes met by issue 12's fifth unseen check (branch ask5b), each on small notes written for the test:
vocabulary a question writes in lower case, people named in passing, what a timeline says solved it,
typed fields that say nothing of what is asked, done follow-ups, questions in Chinese."""

from __future__ import annotations

import pytest

from lorebook.config import init_wiki
from lorebook.pipeline import ingest
from lorebook.query.analysis import shape_match
from lorebook.query.ask import ask, plain_words


def test_lower_case_words_in_a_question_that_capitalises_names_are_vocabulary():
    assert "workaround" in plain_words("Which workaround brought the Foobar portal back?")
    assert "foobar" not in plain_words("Which workaround brought the Foobar portal back?")
    assert plain_words("which workaround brought the foobar portal back?") == set()  # no name capitalised: no evidence
    assert "Kafka" not in plain_words("What's our Kafka retention policy?")


@pytest.mark.parametrize("text", ["First reports arrive from Nadia de Vries.", "09:12 Ravindra opens a pull request",
                                  "Owner: Kim"])
def test_a_person_named_in_passing_looks_like_a_person(text):
    assert shape_match(["person"], text) == 1.0


@pytest.mark.parametrize("text", ["Terraform detects the drift and sets the size to 15.", "Engineers acknowledge the page."])
def test_a_tool_or_a_role_doing_something_is_not_a_person(text):
    assert shape_match(["person"], text) == 0.0


@pytest.fixture(scope="module")
def round5_wiki(tmp_path_factory):
    root = tmp_path_factory.mktemp("round5")
    notes = root / "notes"
    notes.mkdir()
    (notes / "portal-outage.md").write_text(
        "# Incident report: Foobar portal down\n\n## Summary\n\nOn 2025-04-02 the Foobar portal pod was OOMKilled "
        "after a load test.\n\n## Resolution\n\nStarting the portal with an empty session table worked, "
        "and we kept it that way for the event.\n\n## Timeline\n\n"
        "### 09:02\nFirst alert fires.\n\n### 09:40\nFirst reports of blank pages arrive from Nadia de Vries.\n\n"
        "### 10:05\nRavindra opens a pull request that raises the memory limit.\n", encoding="utf-8")
    for i, (name, body) in enumerate([("billing", "the invoice job retries three times and then stops"),
                                      ("search", "the index is rebuilt every night from the catalogue"),
                                      ("mail", "outgoing mail is queued and sent in batches of fifty")]):
        (notes / f"runbook-{name}.md").write_text(
            f"# Runbook: {name} checks\n\n## Steps\n\n1. Run `make {name}-check`.\n2. Note that {body}.\n"
            f"3. Page the {name} owner when the check fails.\n", encoding="utf-8")
    w = init_wiki(root / "wiki", name="T")
    ingest(w, [notes])
    return w


def test_an_unused_everyday_word_does_not_hide_the_page(round5_wiki):
    a = ask(round5_wiki, "What workaround got the Foobar portal running again?")
    assert a.found and "empty session table" in a.answer


def test_who_is_answered_by_a_name_in_a_timeline(round5_wiki):
    a = ask(round5_wiki, "Who first reported blank pages on the Foobar portal?")
    assert a.found and "Nadia de Vries" in a.answer
    a = ask(round5_wiki, "Who opened the pull request raising the portal memory limit?")
    assert a.found and "Ravindra" in a.answer
