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


SUMMARY_CHAIN = """# All services returning 404

## Summary
A malformed route manifest applied to the cluster triggered a bug in the ingress controller, causing no traffic
to be routed.

## Timeline

| Time  | Event |
|-------|-------|
| 08:00 | All services returning 404 |
| 09:08 | Traffic working again |
"""


def test_the_change_that_triggered_a_bug_is_the_trigger(note_record):
    r = note_record("pm-404.md", SUMMARY_CHAIN)
    assert r.fields["trigger"].startswith("A malformed route manifest applied to the cluster"), r.fields.get("trigger")


def test_the_actions_just_before_service_came_back_are_the_resolution(note_record):
    r = note_record("pm-404.md", SUMMARY_CHAIN.replace(
        "| 09:08 | Traffic working again |",
        "| 08:50 | Roll back to ingress v1 initiated |\n| 09:00 | Roll back performed by hand |\n"
        "| 09:08 | All ingress traffic working as intended |\n| 09:20 | Changes applied upstream |"))
    assert r.fields["resolution"] == "Roll back to ingress v1 initiated; Roll back performed by hand", r.fields.get("resolution")
    assert "causing no traffic" in r.fields["impact"], r.fields.get("impact")


STATUS_PAGE = """---
title: Outage on build agents
date: 2023-03-28T14:00:00-00:00
resolved: true
---

[Update - 2023-03-29 15h50 UTC]
Build queue cleaned up twice; the instance is back to normal.

[Update - 2023-03-29 14h00 UTC]
Increased the VM capacity to 80 for each template.

[Initial message]
There is an outage on the build agents since 14h00 UTC.
"""


def test_a_status_pages_bracketed_updates_are_the_timeline(note_record):
    r = note_record("outage.md", STATUS_PAGE)
    times = [e["time"] for e in r.fields["timeline"]]
    assert times == ["2023-03-29 15:50", "2023-03-29 14:00"], r.fields["timeline"]
    assert r.fields["timeline"][1]["event"] == "Increased the VM capacity to 80 for each template."


DIAGNOSIS = """# Docker — rede e volume em produção

**Data do incidente:** 2026-04-04
**Impacto:** Backend 502 Bad Gateway por ~2h
**Status:** ✅ Resolvido

## O problema

O compose não declarava rede explícita.

## Diagnóstico rápido

```bash
docker ps
```

```bash
docker network ls
```
"""


def test_a_value_labelled_as_the_incidents_and_a_ticked_resolved_status_say_incident():
    from lorebook.sources.reader import source_from_text
    from lorebook.sources.segment import documents

    doc = documents(source_from_text("raw/docker-rede.md", DIAGNOSIS))[0]
    assert doc.kind == "incident", doc.kind_reason
    assert "resolved" in doc.kind_reason and "Data do incidente".lower() in doc.kind_reason.lower()


def test_a_status_pages_resolved_when_bounds_a_computed_duration(note_record):
    text = STATUS_PAGE.replace("resolved: true\n", "resolved: true\nresolvedWhen: 2023-03-29T15:55:00-00:00\n")
    r = note_record("outage.md", text)
    assert (r.fields["duration_minutes"], r.fields["duration_source"]) == (1555, "computed")
