"""A synthetic corpus of ADRs, postmortems and runbooks, for benchmarks and crash tests.

Deterministic for a given n: file i is always the same text, so a bench can
change one file and know exactly what changed.
"""

from __future__ import annotations

import random
from pathlib import Path

SYSTEMS = ["Postgres", "Redis", "Kafka", "checkout", "billing", "search", "auth", "exports", "gateway", "scheduler",
           "notebooks", "ledger", "CDN", "DNS", "queue", "metrics", "logging", "mailer", "payments", "sessions"]
VERBS = ["adopt", "replace", "split", "cache", "shard", "retire", "pin", "move", "mirror", "throttle"]


def _adr(i: int, r: random.Random) -> str:
    a, b = r.sample(SYSTEMS, 2)
    other = r.randrange(1, max(2, i))
    return f"""# ADR-{i:05d}: {r.choice(VERBS).capitalize()} {a} for {b} number {i}

**Status:** {r.choice(['Accepted', 'Proposed', 'Deprecated'])}
**Date:** 2026-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}
**Deciders:** Mina Park, Tomás Reyes

## Context

The {b} service depends on {a} and load grew {r.randint(2, 9)}x this year. See ADR-{other:05d}.
Latency at the 99th percentile reached {r.randint(200, 900)} ms during peaks.

## Options considered

- **Keep {a}** — rejected. It does not scale with the {b} workload.
- **Managed {r.choice(SYSTEMS)}** — chosen.

## Decision

We will {r.choice(VERBS)} {a} behind the {b} API, with a {r.randint(5, 60)} minute rollout window.

## Consequences

- Operations learn one more system for {b}.
- Rolling back takes a manual step for change {i}.
"""


def _incident(i: int, r: random.Random) -> str:
    a = r.choice(SYSTEMS)
    d = f"2026-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}"
    return f"""# Postmortem: {d} {a} outage number {i}

**Severity:** SEV-{r.randint(1, 3)}

## Summary

The {a} service returned errors for {r.randint(5, 90)} minutes after deploy {i}.

## Timeline

- 10:{r.randint(0, 9)}0 — Alert fires for {a} error rate.
- 10:{r.randint(10, 29)} — On-call rolls back deploy {i}.
- 10:{r.randint(30, 59)} — Error rate back to normal.

## Root cause

A configuration change to {a} lowered the connection limit to {r.randint(1, 20)}.

## Action items

- [ ] Add a config check for {a} limits (owner: @mina)
- [x] Alert on {a} connection saturation
"""


def _runbook(i: int, r: random.Random) -> str:
    a = r.choice(SYSTEMS)
    return f"""# Runbook: Restart {a} workers number {i}

## Overview

Use this when {a} workers stop taking jobs (queue depth above {r.randint(100, 999)}).

## Procedure

1. Check the queue depth.

   ```
   kubectl -n {a.lower()} get pods
   ```

2. Drain the worker pool {i}.
3. Restart the deployment and watch the error rate for {r.randint(5, 15)} minutes.

## Rollback

Scale the old deployment back up.
"""


KINDS = [("adr", _adr), ("incident", _incident), ("runbook", _runbook)]


def source_text(i: int) -> tuple[str, str]:
    """(relative file name, text) of synthetic source i."""
    r = random.Random(i)
    kind, make = KINDS[i % 3]
    return f"{kind}/{kind}-{i:05d}.md", make(i, r)


def generate(directory: str | Path, n: int) -> list[Path]:
    """Write n synthetic sources under `directory` (made if missing); return their paths."""
    d = Path(directory)
    out = []
    for i in range(1, n + 1):
        rel, text = source_text(i)
        p = d / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
        out.append(p)
    return out
