"""Shapes of the thirty-sixth round: a question that asks for a kind of setting ("eviction policy", "retention
period", "how many partitions") the notes never state for that system gets no answer, rather than another line
about the same system."""

from __future__ import annotations

REDIS_ADR = """# ADR-004: Redis for sessions

## Status

Accepted

## Decision

We keep user sessions in Redis 7 instead of the Postgres sessions table, because session reads
dominate our database load.

## Consequences

Sessions survive an application restart; a Redis outage logs everyone out.
"""

REDIS_RUNBOOK = """# Redis session cache: memory settings

The session cache runs with `maxmemory 2gb` and the eviction policy `allkeys-lru`, so the oldest sessions go first.
"""


def _asked(notes_wiki_of, files: dict, question: str):
    from lorebook.query.ask import ask

    return ask(notes_wiki_of(files), question)


def test_a_setting_the_notes_never_state_is_not_answered_from_another_line(notes_wiki_of):
    a = _asked(notes_wiki_of, {"adr-004.md": REDIS_ADR}, "What eviction policy is configured for the Redis session cache?")
    assert not a.found and "eviction policy" in a.answer


def test_a_stated_setting_is_still_answered(notes_wiki_of):
    a = _asked(notes_wiki_of, {"adr-004.md": REDIS_ADR, "redis-memory.md": REDIS_RUNBOOK},
               "What eviction policy is configured for the Redis session cache?")
    assert a.found and "allkeys-lru" in a.answer


def test_a_count_of_partitions_the_notes_never_give_is_not_answered(notes_wiki_of):
    a = _asked(notes_wiki_of, {"adr-004.md": REDIS_ADR}, "How many partitions does the Redis session store have?")
    assert not a.found
