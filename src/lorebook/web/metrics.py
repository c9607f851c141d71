"""/metrics: the worker process's database pool and render cache as Prometheus text.

The seeds' postmortem was a pool exhausted by a leak that nobody saw coming;
here the pool's use is a gauge an alert can watch (store/db.py also logs a
warning when it passes 80 % of the maximum).
"""

from __future__ import annotations

import os

from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse

from lorebook.config import Wiki
from lorebook.store.db import database_for


def router(wiki: Wiki) -> APIRouter:
    r = APIRouter()

    @r.get("/metrics", tags=["meta"], summary="Prometheus text: pool size, connections in use, peak, use ratio")
    def metrics(request: Request):
        pool = database_for(wiki).pool_status()
        cache = request.app.state.cache.stats()
        pid = os.getpid()
        lines = []
        for name, kind, help_, value in (
            ("lorebook_db_pool_size", "gauge", "Connections the pool keeps open", pool["size"] or 0),
            ("lorebook_db_pool_max", "gauge", "Most connections the pool will open (size + overflow)", pool["max"]),
            ("lorebook_db_pool_checked_out", "gauge", "Connections in use now", pool["checked_out"]),
            ("lorebook_db_pool_peak_checked_out", "gauge", "Most connections in use at once", pool["peak_checked_out"]),
            ("lorebook_db_pool_use_ratio", "gauge", "Connections in use / maximum (a warning is logged above 0.8)",
             pool["use"]),
        ) + tuple((f"lorebook_render_cache_{k}", "gauge", f"Render cache {k}", v) for k, v in cache.items()
                  if isinstance(v, (int, float))):
            lines += [f"# HELP {name} {help_}", f"# TYPE {name} {kind}", f'{name}{{pid="{pid}"}} {value}']
        return PlainTextResponse("\n".join(lines) + "\n", media_type="text/plain; version=0.0.4")

    return r
