"""Answer shapes from the forty-second round: a "when did it come back" question is answered by the sentence of the
story that dates the return ("full service resumed at 2025-09-03 18:00 UTC"), even when that sentence also feeds the
impact, and not by a timeline line whose only tie to "back" is the word "backup". The notes are written for this test."""

from __future__ import annotations

from lorebook.config import init_wiki
from lorebook.pipeline import ingest
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


def test_when_did_it_come_back_is_the_sentence_that_dates_the_return(tmp_path):
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "outage.md").write_text(POST, encoding="utf-8")
    w = init_wiki(tmp_path / "wiki", name="T")
    ingest(w, [notes])
    a = ask(w, "When did full service come back for the example.org homeserver after the September 2025 outage?")
    first = a.answer.split("[1]")[0]
    assert "2025-09-03 18:00" in first, a.answer
    assert any(c["start_line"] <= 8 <= c["end_line"] for c in a.citations)
