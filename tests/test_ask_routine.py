"""The routine questions every record should answer, asked in plain words: which alternatives, what
consequences, how it was resolved or detected, what a runbook is for, what follow-ups came out of it.
Each was routed to a neighbouring sentence before: the typed field was either not asked at all (no
answerer for options, consequences, resolution or detection) or lost because it does not repeat the
question's own routing words ("status", "consequences", "resolved")."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from lorebook.query.analysis import analyse
from lorebook.query.ask import ask

REPO = Path(__file__).resolve().parents[1]

ADR = """# ADR-007: Kafka for order events

**Status:** Aceita

## Context

Order events are lost when the notification service restarts, because it polls the database.

## Considered options

1. Kafka
2. RabbitMQ
3. Keep polling the database

## Decision outcome

Chosen option: "Kafka", because it keeps the events for seven days.

### Positive consequences

- Events survive restarts of any consumer.

### Negative consequences

- The team must run and patch a three-broker cluster.
"""

INCIDENT = """# Checkout outage on 2026-03-02

## Summary

Checkout returned HTTP 502 for 40 minutes.

## Detection

A customer tweeted screenshots of the error page before any alert fired.

## Root cause

The payments proxy had an expired TLS certificate.

## Resolution

We renewed the certificate by hand and restarted the proxy pods.

## Action items

- [x] Renew the certificate (owner: @maria)
- [ ] Alert 14 days before any certificate expires (owner: @li)
"""

RUNBOOK = """# Runbook: Disk pressure on build agents

## Overview

Use this runbook when a build agent reports less than 10% free disk and builds start failing.

## Steps

1. Drain the agent: `buildctl drain agent-7`
2. Prune old layers: `docker system prune -af`
"""


@pytest.fixture()
def routine_wiki(notes_wiki_of):
    return notes_wiki_of({"adr-007-kafka.md": ADR, "checkout-outage.md": INCIDENT, "disk-pressure.md": RUNBOOK})


def _said(answer) -> str:
    return answer.answer.lower()


def test_which_alternatives_lists_every_option_and_marks_the_chosen_one(routine_wiki):
    a = ask(routine_wiki, "Which alternatives were considered for the order events decision?")
    assert a.found
    for option in ("kafka (chosen)", "rabbitmq", "keep polling the database"):
        assert option in _said(a)


def test_the_consequences_are_the_good_and_the_bad(routine_wiki):
    a = ask(routine_wiki, "What are the consequences of the Kafka order events decision?")
    assert a.found and "good: events survive restarts" in _said(a) and "bad: the team must run" in _said(a)


def test_a_status_in_another_language_also_says_what_it_means(routine_wiki):
    a = ask(routine_wiki, "What is the status of the Kafka order events decision?")
    assert a.found and "aceita (accepted)" in _said(a)


def test_how_an_incident_was_resolved_and_detected_come_from_their_sections(routine_wiki):
    resolved = ask(routine_wiki, "How was the checkout outage resolved?")
    assert resolved.found and resolved.intent == "resolution" and "renewed the certificate" in _said(resolved)
    detected = ask(routine_wiki, "How was the checkout outage detected?")
    assert detected.found and detected.intent == "detection" and "customer tweeted" in _said(detected)


def test_words_that_say_which_incident_are_not_asked_of_its_detection(notes_wiki_of):
    """The question names the incident by its cause; the record's detection never repeats those words, a
    follow-up about alerting on them does."""
    w = notes_wiki_of({"cert.md": "# Postmortem: Knowledge Home down\n\n| Item | Value |\n|---|---|\n| Date | 2026-04-15 |\n"
                       "| Detected by | a user report in the support channel |\n\n## Root cause\n\nThe mTLS server cert expired "
                       "because the renewer sidecar was gone.\n\n## Detection gaps\n\n- Page as soon as the BFF logs "
                       "`certificate has expired` even once.\n"})
    a = ask(w, "How did we find out the Knowledge Home cert had expired?")
    assert a.found and a.intent == "detection" and "user report" in _said(a)


def test_follow_ups_list_the_done_and_the_open_items_unless_only_the_open_ones_are_asked(routine_wiki):
    every = ask(routine_wiki, "What follow-up actions came out of the checkout outage?")
    assert "done: renew the certificate" in _said(every) and "open: alert 14 days" in _said(every)
    still_open = ask(routine_wiki, "Which checkout outage follow-ups are still open?")
    assert "14 days" in _said(still_open) and "done: renew" not in _said(still_open)


def test_what_a_runbook_is_for_is_its_overview(routine_wiki):
    a = ask(routine_wiki, "What is the disk pressure runbook for?")
    assert a.found and "less than 10% free disk" in _said(a)


def test_the_number_of_a_record_what_follows_from_it_and_what_set_an_incident_off(routine_wiki):
    a = ask(routine_wiki, "What number is the Kafka order events ADR?")
    assert a.found and a.intent == "number" and "number 7" in _said(a)
    follows = ask(routine_wiki, "What follows from the Kafka order events decision?")
    assert follows.intent == "consequences" and "three-broker cluster" in _said(follows)
    set_off = ask(routine_wiki, "What set off the checkout outage?")
    assert set_off.found and "expired tls certificate" in _said(set_off)


OPTIONS_ADR = """# ADR-030: NCSC PDNS will not be used

## Status

Accepted

## Considered options

### Implement PDNS

- Good: Free-to-use
- Bad: On-premise-centric approach

### Implement AWS Route53 Resolver DNS Firewall

- Good: Can be managed through code
- Bad: Not free-to-use
- Bad: Solution is not portable

## Decision

We will not implement PDNS. We will implement AWS Route53 Resolver DNS Firewall instead.
"""


def test_the_downsides_of_a_named_option_are_its_own_bad_reasons(notes_wiki_of):
    w = notes_wiki_of({"adr-030.md": OPTIONS_ADR})
    a = ask(w, "What are the downsides of the Route53 DNS Firewall option?")
    assert a.found and "not free-to-use" in _said(a) and "not portable" in _said(a)
    assert "on-premise" not in _said(a)


def test_instead_of_asks_for_the_replacement_unless_it_asks_why():
    assert analyse("What did we choose instead of PDNS?").intents[0] == "chosen"
    assert analyse("Where should we keep zip files instead of the repository?").intents[0] == "chosen"
    assert analyse("Why did we pick Kafka instead of RabbitMQ?").intents[0] != "chosen"
    assert "rejected" in analyse("Why isn't a .gitignore entry enough to keep binaries out?").intents
    assert analyse("What exactly was wrong with the generated download URLs?").intents[0] == "root_cause"
    assert analyse("How is tenant data separated in the database?").intents[0] == "chosen"


def test_third_wordings_route_to_their_fields():
    assert analyse("Who is on call for the disk pressure runbook?").intents[0] == "contacts"
    assert analyse("What else did we look at besides Kafka?").intents[0] == "options"
    assert analyse("What do I do first in the disk pressure runbook?").intents[0] == "step"
    assert analyse("What does the disk pressure runbook cover?").intents[0] == "meaning"
    assert analyse("What are we doing so the checkout outage does not happen again?").intents[0] == "action_items"
    assert "approach" not in analyse("What is our approach to order events?").question.subject


def test_the_kind_of_record_named_does_not_pick_the_page(notes_wiki_of):
    """'the prime version outage' is the page about the prime version, not the one whose title says 'Outage'."""
    w = notes_wiki_of({
        "prow.md": "# January 23rd, 2019 Prow Outage\n\n**Date:** 2019-01-23\n\n## Root cause\n\n"
                   "Prow components failed to load a refactored job configuration.\n",
        "prime.md": "# Stale prime version on the federation\n\n**Date:** 2022-01-27\n\n## Root cause\n\n"
                    "The federation-redirect service did not have the correct prime version for 9 hours.\n",
    })
    a = ask(w, "What caused the prime version outage?")
    assert a.found and "federation-redirect" in a.answer


def test_linking_verbs_name_nothing():
    """'what problem did X *address*', 'what came out of X': the verb joins the question to X, it is no subject word."""
    assert "address" not in analyse("What problem did the Kafka decision address?").question.subject
    assert analyse("What problem did the Kafka decision address?").intents[0] == "context"
    assert "came" not in analyse("What follow-ups came out of the checkout outage?").words
    assert "address" in analyse("Which IP address does the proxy use?").question.subject


def test_the_intent_words_a_question_matched_are_kept_for_its_typed_field():
    a = analyse("How was the checkout outage resolved?")
    assert a.intents[0] == "resolution" and "resolved" in a.said_by_intent["resolution"]
    assert analyse("How did the team find out about the leak?").intents[0] == "detection"
    assert analyse("What are the consequences of ADR-7?").intents[0] == "consequences"


def test_ask_explain_prints_the_ranked_candidates_and_their_parts(routine_wiki):
    r = subprocess.run([sys.executable, "-m", "lorebook", "ask", "--explain", "How was the checkout outage resolved?",
                        "--wiki", str(routine_wiki.root)], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert "renewed the certificate" in r.stdout
    first = r.stderr.splitlines()[0]
    assert "typed" in first and "resolution" in first and "field=" in first and "terms=" in first
    r = subprocess.run([sys.executable, "-m", "lorebook", "ask", "--explain", "--json", "How was the checkout outage resolved?",
                        "--wiki", str(routine_wiki.root)], capture_output=True, text=True, timeout=60)
    ranked = json.loads(r.stdout)["ranked"]
    assert ranked[0]["kind"] == "typed" and ranked[0]["score"] >= ranked[-1]["score"]


def test_routine_questions_over_the_corpus_held_out_half():
    """bench/ask_fields.py over ../shared/corpus, scored on the labels' test half (the rules were read off the
    dev halves of this and two third-party sets), in two wordings each. 183/228 at the time of writing; the first
    wording alone was 61/97 before this round."""
    corpus = REPO.parent / "shared" / "corpus"
    if not corpus.is_dir():
        corpus = Path("/work/shared/corpus")
    if not corpus.is_dir():
        pytest.skip("../shared/corpus is not present")
    sys.path.insert(0, str(REPO / "bench"))
    import ask_fields

    from lorebook.config import init_wiki
    from lorebook.pipeline import ingest

    labels = yaml.safe_load((REPO / "tests" / "fidelity" / "labels.yaml").read_text(encoding="utf-8"))
    asked = ask_fields.questions(labels, "test")
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        w = init_wiki(Path(tmp) / "wiki", name="routine")
        ingest(w, [corpus])
        right = sum(ask_fields.right(item, ask(w, item["q"])) for item in asked)
    print(f"routine questions, corpus test half: {right}/{len(asked)}")
    assert len(asked) >= 200
    assert right / len(asked) >= 0.77



def test_a_typed_field_of_a_far_weaker_page_that_says_nothing_asked_is_no_answer():
    """ask8's 'Who is on call for database recovery?': the recovery runbook names nobody, and the contacts of
    an RDS CPU runbook (a tenth of its page score, none of the question's words) must not stand in."""
    from lorebook.query import rank
    from lorebook.query.ask import _off_type

    a = analyse("Who is on call for database recovery?")
    weak = rank.Candidate("typed", "runbook-rdscpuhigh", "contacts", "Contact: page the platform team",
                          parts={"field": 1.0, "terms": 0.0, "type": 1.0, "page": 0.1})
    assert _off_type(weak, a)
    near = rank.Candidate("typed", "runbook-db", "contacts", "Contact: page the DBA",
                          parts={"field": 1.0, "terms": 0.0, "type": 1.0, "page": 0.8})
    assert not _off_type(near, a)


def test_a_title_quoted_with_a_small_word_names_its_page(notes_wiki_of):
    """'One' is a stop word, so the subject of 'the One cluster decision' is only 'cluster'; the phrase
    still names ADR-012, not the later multi-cluster records that say 'cluster' far more often."""
    w = notes_wiki_of({
        "012-one-cluster.md": "# 12. One cluster for dev/staging/prod\n\nDate: 2019-06-01\n\n## Status\n\nSuperseded by ADR-36\n\n"
                              "## Decision\n\nRun every environment in one cluster, separated by namespaces.\n",
        "036-multi-cluster.md": "# 36. Multi-cluster\n\nDate: 2022-09-16\n\n## Status\n\nAccepted\n\n## Context\n\n"
                                "One cluster per environment type: a cluster for production and a cluster for "
                                "non-production, so that a cluster upgrade cannot break production clusters.\n\n"
                                "## Decision\n\nAdopt a multi-cluster approach; split cluster workloads by environment.\n",
    })
    a = ask(w, "When was the One cluster decision made?")
    assert a.found and "2019-06-01" in a.answer
    assert analyse("When was the One cluster decision made?").question.subject == ["cluster"]
