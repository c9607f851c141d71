"""Shapes from the eleventh round of unseen notes: a decision that names what it replaces in the passive
("ADR-0009 and ADR-0034 are replaced by this decision"), answers that keep the notes' own spelling of an
identifier, a timeline whose day is only in the heading above it, and a line that introduces a list
without a colon."""

from __future__ import annotations

from lorebook.query.ask import ask

from test_unseen_shapes import cited, one

PASSIVE_FR = """# ADR-0041 : Un seul générateur de documentation

## Statut

Accepté, 2026-07-26.

## Décision

Nimbus devient l'unique générateur.

Les ADR-0009 et ADR-0034 sont remplacés par la présente décision.

## Conséquences

La route expérimentale n'est plus publiée.
"""


def test_records_named_before_a_passive_with_the_decision_as_agent_are_superseded():
    rec = one(PASSIVE_FR, "adr-0041-generateur.md")
    assert rec.fields["supersedes"] == ["ADR-9", "ADR-34"]
    assert "remplacés par la présente décision" in cited(rec, "supersedes")
    english = one("# ADR-12: One queue\n\n## Status\n\nAccepted\n\n## Decision\n\nWe use one queue. "
                  "ADR-0003 is superseded by this decision.\n", "adr-12.md")
    assert english.fields["supersedes"] == ["ADR-3"]
    assert not one("# ADR-13: Two queues\n\n## Status\n\nAccepted\n\n## Decision\n\nThe old format is replaced by "
                   "a new one. ADR-0005 still applies.\n", "adr-13.md").fields.get("supersedes")


def test_an_answer_keeps_the_notes_spelling_of_the_records_it_names(notes_wiki_of):
    w = notes_wiki_of({"adr-0041-generateur.md": PASSIVE_FR})
    a = ask(w, "Which earlier ADRs does the single documentation generator decision replace?")
    first = a.answer.split("[1]")[0]
    assert a.found and "ADR-9" in first and "ADR-0009" in first  # the compiler's name, and the line as written
    assert a.citations[0]["start_line"] == 11


TIMELINE_BY_DAY = """# Postmortem: staging mirror down

## Summary

The staging mirror was unreachable for three days after a storage driver change.

## Timeline

### 03-10-2021 (All times CEST)

- 19:16 **Outage begins**, a contributor reports the mirror unreachable.

### 06-10-2021 (All times CEST)

- 14:36 **Outage mitigated**, the mirror was redeployed on a new machine.
"""


def test_a_moment_under_a_dated_heading_is_answered_with_its_day(notes_wiki_of):
    w = notes_wiki_of({"2021-10-03-mirror-down.md": TIMELINE_BY_DAY})
    a = ask(w, "When was the staging mirror outage finally mitigated?")
    first = a.answer.split("[1]")[0]
    assert a.found and "14:36" in first and "06-10-2021" in first
    assert a.citations[0]["start_line"] == 15


UNCOLONED_LIST = """# Incident: blank page after the profile schema change

## Summary

Users with old profiles in local storage saw a blank page.

## Lessons

- Cookies can expire; local storage values cannot.

The alternatives we considered for the stale profile data

- **Version the storage key** so old values are ignored.
- **Drop local storage** and read profiles from the database every time.
"""


def test_a_line_that_introduces_a_list_without_a_colon_is_answered_with_the_list(notes_wiki_of):
    w = notes_wiki_of({"2021-08-13-blank-page.md": UNCOLONED_LIST})
    a = ask(w, "Which alternatives did we consider for the stale profile data?")
    assert a.found and "Version the storage key" in a.answer and "Drop local storage" in a.answer  # both items, not one


def test_a_german_was_asks_what_not_yes_or_no():
    from lorebook.query.analysis import analyse

    assert "yesno" not in analyse("Was machen wir, wenn die Karten-API keine Live-Daten liefert?").answer_types
    assert "wenn" not in analyse("Was machen wir, wenn die Karten-API keine Live-Daten liefert?").words
    assert "yesno" in analyse("Was the rollback tested before the release?").answer_types
