"""Shapes from the twenty-second round. The notes are ours."""

from __future__ import annotations

from test_unseen_shapes import cited, one

from lorebook.extract.common import find_date
from lorebook.query.analysis import analyse
from lorebook.query.ask import ask

# --- incidents ---

PM_US = """# Postmortem: search page blank on tablets

Date: 10/14/2025

Authors: Dana Whitfield

## What happened?

Support told us that the search page showed no results on tablets. A stylesheet clean-up had removed the grid height.

## Root Causes

A clean-up of unused CSS removed a rule the grid needed.

## Resolution

_What steps were taken?_ The rule was restored and released.

_Date/time of resolution_ Approximately 3 PM ET on October 14, 2025.
"""


def test_a_month_first_date_and_an_hour_with_am_pm_are_read():
    """ "10/14/2025" can only be October 14th; "Approximately 3 PM ET" in the Resolution section is when it was
    resolved. A date that could be read either way ("03/04/2025") is left alone."""
    rec = one(PM_US, "search-tablets.md")
    assert rec.fields["date"] == "2025-10-14"
    assert rec.fields["resolved_at"] == "15:00"
    assert "3 PM" in cited(rec, "resolved_at")
    assert find_date("Date: 03/04/2025") is None
    assert find_date("Date: 25/03/2025") == "2025-03-25"


def test_the_resolution_time_is_answered_in_the_notes_own_words(notes_wiki_of):
    w = notes_wiki_of({"search-tablets.md": PM_US})
    a = ask(w, "When was the tablet search page problem resolved?")
    assert a.found and "15:00" in a.answer and "3 PM ET" in a.answer.split("[1]")[0], a.answer


PM_PROSE = """# Relay outage: a post-mortem

On March 3rd our relay nodes had a global outage which started with degraded performance around 09:00 GMT.
The outage was discovered and reported internally by 21:40 GMT and resolved at 21:55 GMT.
The listener had failed silently and stayed undetected for eight days until the queue report.

## What we changed

We added alerts on queue age.
"""


def test_a_prose_story_says_when_it_was_discovered_and_resolved():
    rec = one(PM_PROSE, "relay-outage.md")
    assert "discovered and reported internally" in rec.fields["detection"]
    assert rec.fields["detected_at"] == "21:40"
    assert rec.fields["resolved_at"] == "21:55"
    assert rec.fields["duration_text"] == "eight days"


def test_finding_out_asks_when_it_was_detected_and_a_length_in_words_is_quoted(notes_wiki_of):
    w = notes_wiki_of({"relay-outage.md": PM_PROSE})
    a = ask(w, "When did the team actually find out the relays were down?")
    assert a.found and "21:40" in a.answer.split("[1]")[0], a.answer
    a = ask(w, "How long did the relay listener failure stay undetected?")
    assert a.found and "8 days" in a.answer and "eight days" in a.answer, a.answer


def test_find_out_is_one_verb():
    """ "find out": "out" is not a word the answer must say."""
    assert "out" not in analyse("When did the on-call find out the relays were down?").words


PM_FR = """# Incident perte de données 4 mars

## Chronologie

**02:40:10** - Commande `/restore` exécutée

**02:41:00** - Début de la restauration manuelle

**02:43:16** - Restauration réussie

## Cause

Le chemin des sauvegardes était faux.
"""


def test_a_success_said_in_french_answers_when_it_succeeded(notes_wiki_of):
    w = notes_wiki_of({"perte-donnees.md": PM_FR})
    a = ask(w, "At what time did the manual restore succeed?")
    assert a.found and "02:43:16" in a.answer.split("[2]")[0], a.answer


RB_CODE = """# Atlas deployment and rollback

## Emergency rollback

```bash
# 1. Roll back to the last good build
deployctl deploy --force <last-good-sha>

# 2. If that fails, restart the app
deployctl restart

# 3. If it still fails, stop everything
deployctl scale --instances 0  # Stop all traffic
```

## Release

```bash
deployctl deploy main
```
"""


def test_how_do_i_with_an_unlisted_verb_asks_what_to_run(notes_wiki_of):
    """ "how do I cut all traffic": no rule lists "cut"; the question still asks what to run, and "cut" finds
    the comment that says "stop"."""
    assert analyse("How do I cut all traffic to the app?").answer_types == ["command"]
    assert analyse("How do I know the app is healthy?").answer_types != ["command"]
    w = notes_wiki_of({"deploy-rollback.md": RB_CODE})
    a = ask(w, "Atlas is on fire and redeploying didn't help - how do I cut all traffic to the app?")
    assert a.found and "--instances 0" in a.answer, a.answer
