"""Shapes from the nineteenth round. The notes are ours."""

from __future__ import annotations

from test_unseen_shapes import cited, one

HEDGED_CAUSE_PM = """# 2025-06-03 wiki database emptied

## Summary

The wiki's SQLite file was found empty at 09:10 and restored from the nightly backup by 10:05.

## Timeline

### 09:10

Readers report empty pages.

### 09:40

Tried the `.dump` of yesterday's copy locally: running `.restore` on the live file replaces it without asking,
and is most likely cause of the issue.
"""


def test_a_hedged_cause_in_the_story_is_the_root_cause():
    """"… is most likely cause of the issue", "was probably caused by": a note that hedges still names its cause."""
    rec = one(HEDGED_CAUSE_PM)
    assert ".restore" in rec.fields["root_cause"]
    assert "most likely cause" in cited(rec, "root_cause")
    probably = one(HEDGED_CAUSE_PM.replace("and is most likely cause of the issue.",
                                           "The outage was probably caused by that restore."))
    assert "probably caused by" in probably.fields["root_cause"]
