"""Run logs: one row per `lorebook run`, written as the run goes so a crash leaves what happened."""

from __future__ import annotations

import getpass
import os
from datetime import datetime, timezone

from sqlalchemy import insert, select, update

from lorebook.config import Wiki
from lorebook.runbooks.plan import Plan
from lorebook.store import tables as T
from lorebook.store.db import database_for

_R = T.runbook_runs.c


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def operator() -> str:
    """Who ran it: $LOREBOOK_USER, else the login name."""
    try:
        return os.environ.get("LOREBOOK_USER") or getpass.getuser()
    except Exception:  # no login name in some containers
        return "unknown"


def start_run(wiki: Wiki, plan: Plan, incident: str | None) -> int:
    with database_for(wiki).session() as s:
        res = s.execute(insert(T.runbook_runs).values(
            page_id=plan.page_id, page_version=plan.version, content_hash=plan.content_hash, incident_id=incident,
            started=now(), finished=None, status="running", operator=operator(), steps=[], rollback=[]))
        return int(res.inserted_primary_key[0])


def save_run(wiki: Wiki, run_id: int, steps: list[dict], rollback: list[dict], status: str, finished: bool) -> None:
    with database_for(wiki).session() as s:
        s.execute(update(T.runbook_runs).where(_R.id == run_id).values(
            steps=steps, rollback=rollback, status=status, finished=now() if finished else None))


def runs_of(wiki: Wiki, page_id: str | None = None, limit: int | None = None) -> list[dict]:
    """Past runs, newest first (of one runbook when `page_id` is given)."""
    q = select(T.runbook_runs).order_by(_R.id.desc())
    if page_id is not None:
        q = q.where(_R.page_id == page_id)
    if limit:
        q = q.limit(limit)
    with database_for(wiki).session() as s:
        return [dict(r._mapping) for r in s.execute(q)]


def get_run(wiki: Wiki, run_id: int) -> dict | None:
    with database_for(wiki).session() as s:
        row = s.execute(select(T.runbook_runs).where(_R.id == run_id)).first()
    return dict(row._mapping) if row else None
