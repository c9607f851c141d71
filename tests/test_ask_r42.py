"""Answer shapes from the forty-second round: "when did it come back?" is the sentence of the story that dates the
return; "where can I view …?" asks for a place; a project name no dictionary knows is the asker's own; a German
question's capitalised trade words are nouns. The notes are written for these tests."""

from __future__ import annotations

from lorebook.query.ask import ask

POST = """+++
date = "2025-10-10T10:00:00Z"
title = "Post-mortem of the September 2 outage"
+++

On 2nd September 2025 the example.org homeserver suffered a long outage.

The example.org homeserver was unavailable from 2025-09-02 17:45 UTC and full service resumed at 2025-09-03 18:00 UTC.

## What happened

At 17:25 UTC we attempted to start restoring the data on the primary.

At 07:21 UTC the next morning, the data extraction from the full weekly backup was complete.

At 03:26 UTC a new incremental backup completed.

## Lessons learned

We have a massive database.
"""


def test_when_did_it_come_back_is_the_sentence_that_dates_the_return(notes_wiki_of):
    w = notes_wiki_of({"outage.md": POST})
    a = ask(w, "When did full service come back for the example.org homeserver after the September 2025 outage?")
    first = a.answer.split("[1]")[0]
    assert "2025-09-03 18:00" in first, a.answer
    assert any(c["start_line"] <= 8 <= c["end_line"] for c in a.citations)


def test_where_can_i_see_asks_for_a_place():
    from lorebook.query.analysis import analyse, shape_match

    assert analyse("Where can engineers view application logs for the checkout service?").answer_types[0] == "place"
    assert analyse("Where do I find the Grafana dashboards?").answer_types[0] == "place"
    assert analyse("Where are the backups stored?").answer_types[0] == "path"  # a file's place keeps its own shape
    assert shape_match(["place"], "Logs are visible on the Logit.io Kibana dashboard (access required).")
    assert shape_match(["place"], "Ask in #ops-help before you restart it.")
    assert not shape_match(["place"], "Logs are kept for thirty days and then deleted.")


def test_where_can_i_view_the_logs_is_answered_by_the_place_they_are_shown(notes_wiki_of):
    w = notes_wiki_of({"runbook.md":
        "# Runbook for the checkout service\n\n## Logs\n\nEvery app writes its logs to stdout.\n\n#### Viewing the logs\n\n"
        "Logs are visible on the Logit.io Kibana dashboard (you must have been granted access).\n\n"
        "```\nRetrieving logs for app checkout-staging in org shop / space staging as ops@example.com...\n"
        "2019-03-29T10:01:57.11+0000 [checkout-staging/1] GAUGE cpu:0.09 percentage disk:175607808 bytes\n```\n\n"
        "## Metrics\n\nIt is also possible to monitor individual applications by installing the cf log-cache plugin.\n\n"
        "This includes only the default metrics for application logs and checkout.\n"})
    a = ask(w, "Where can engineers view application logs for the checkout service?")
    assert "Kibana dashboard" in a.answer.split("[1]")[0], a.answer  # not a sentence that only names the same words


ADR = ("# 3. Store repository data in a JSON blob\n\n## Context\n\n"
       "The data we need to make a usable dashboard cannot be constructed from the GitHub API on the fly, "
       "because the API rate limits repository requests to 5,000 an hour.\n\n"
       "## Decision\n\nWe will store each repository's data as a JSON blob in Postgres.\n")


def test_a_project_name_no_dictionary_knows_is_the_askers_own(notes_wiki_of):
    w = notes_wiki_of({"adr.md": ADR})
    a = ask(w, "Why can't the Towtruck dashboard build its repository view from the GitHub API on the fly?")
    assert a.found and "rate limits" in a.answer, a.answer
    # a product the notes never name is still no answer: the wiki holds nothing about Kafka
    assert not ask(w, "Why can't the Kafka dashboard build its repository view from the GitHub API on the fly?").found


def test_a_german_question_capitalises_its_nouns_backend_included(notes_wiki_of):
    w = notes_wiki_of({"mig.md": (
        "# Datenbank-Migrationen (ZMS)\n\n## Vorgehen\n\nAlle Migrationsdateien liegen in `zmsbackend/migrations/`.\n\n"
        "Breaking Schema-Änderungen werden in drei Schritte aufgeteilt: expand, migrate, contract.\n"),
        "other.md": "# Frontend build\n\nThe backend serves the API; the frontend is built with Vite.\n"})
    a = ask(w, "In welche Schritte werden Breaking Schema-Änderungen beim ZMS-Backend aufgeteilt?")
    assert a.found and "expand, migrate, contract" in a.answer, a.answer
