"""A synthetic corpus of ADRs, postmortems and runbooks, for benchmarks and crash tests.

Deterministic for a given n: file i is always the same text, so a bench can
change one file and know exactly what changed.
"""

from __future__ import annotations

import random
import subprocess
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


FILLER = (
    "During the review the team walked through dashboards, logs and the deploy history, and agreed that the "
    "notes above capture what happened and what we decided. Follow-up questions go to the owning team's channel. "
)


def pad_to(path: Path, size: int) -> None:
    """Grow a generated source to about `size` bytes with a Notes section, as real notes are."""
    text = path.read_text(encoding="utf-8")
    if len(text.encode()) >= size:
        return
    extra = ["", "## Notes", ""]
    while len(text.encode()) + sum(len(x) + 1 for x in extra) < size:
        extra += [FILLER * 2, ""]
    path.write_text(text.rstrip("\n") + "\n" + "\n".join(extra), encoding="utf-8")


def synth_wiki(root: Path, n: int, size: int, lorebook: list[str], env: dict | None = None) -> list[Path]:
    """`lorebook init` a wiki at root and write n sources of about `size` bytes into its raw/ (not built)."""
    subprocess.run(lorebook + ["init", str(root), "--name", "Bench"], env=env, check=True, capture_output=True)
    files = generate(root / "raw", n)
    for f in files:
        pad_to(f, size)
    return files


def search_queries(n_sources: int, k: int, r: random.Random) -> list[str]:
    """Varied queries: system names, pairs, ids, numbers, partial words, phrases, misses."""
    makers = [
        lambda: r.choice(SYSTEMS),
        lambda: f"{r.choice(SYSTEMS)} {r.choice(SYSTEMS)}",
        lambda: f"ADR-{r.randint(1, n_sources):05d}",
        lambda: f"outage number {r.randint(1, n_sources)}",
        lambda: r.choice(SYSTEMS)[:4].lower(),
        lambda: f"{r.choice(SYSTEMS)} rollout window",
        lambda: f"restart {r.choice(SYSTEMS)} workers",
        lambda: "latency percentile peaks",
        lambda: r.choice(["zanzibar", "quokka migration", "graphql federation"]),
        lambda: f"deploy {r.randint(1, n_sources)}",
    ]
    return [r.choice(makers)() for _ in range(k)]


def ask_questions(n_sources: int, k: int, r: random.Random) -> list[str]:
    """Varied questions about the synthetic sources: durations, causes, statuses, steps, misses."""
    def num():
        return r.randint(1, n_sources)

    makers = [
        lambda: f"How long was the {r.choice(SYSTEMS)} outage number {num()}?",
        lambda: f"What caused {r.choice(SYSTEMS)} outage number {num()}?",
        lambda: f"Which follow-ups are still open from outage number {num()}?",
        lambda: f"What is the status of ADR-{num():05d}?",
        lambda: f"Why did we reject keeping {r.choice(SYSTEMS)} in ADR-{num():05d}?",
        lambda: f"What's the first step to restart {r.choice(SYSTEMS)} workers number {num()}?",
        lambda: f"What command restarts the {r.choice(SYSTEMS)} workers?",
        lambda: "What is our Kafka retention policy for GraphQL?",
        lambda: f"Who decided ADR-{num():05d}?",
        lambda: f"When did the {r.choice(SYSTEMS)} outage happen?",
    ]
    return [r.choice(makers)() for _ in range(k)]

