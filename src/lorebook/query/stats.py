"""Incident analytics (issue 14): incidents per month, how long they lasted, how fast they were
seen, their severities, and the postmortems' action items open and done with their ages.

Every figure is computed from fields the compiler read from the sources; an incident
that does not state a value is counted as "unknown", never guessed. Time to detect is
computed (first timeline event → detection) and says so.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from datetime import date, datetime, timezone

from sqlalchemy import select

from lorebook.config import Wiki
from lorebook.store import tables as T
from lorebook.store.db import database_for

_CLOCK = re.compile(r"(?:^|\D)(\d{1,2}):(\d{2})(?!\d)")
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
UNDATED = "undated"


def _incident_rows(wiki: Wiki) -> list[dict]:
    q = select(T.pages.c.id, T.pages.c.title, T.pages.c.fields).where(T.pages.c.type == "incident").order_by(T.pages.c.id)
    with database_for(wiki).session() as s:
        return [dict(r._mapping) for r in s.execute(q)]


def _day(value) -> date | None:
    m = _DATE.search(str(value or ""))
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _minutes_of_day(value) -> int | None:
    m = _CLOCK.search(str(value or ""))
    if not m or int(m.group(1)) > 23:
        return None
    return int(m.group(1)) * 60 + int(m.group(2))


def time_to_detect(fields: dict) -> int | None:
    """Minutes from the first timeline event to the stated detection, when both are clock times of
    the incident's day (a date elsewhere, or a detection before the first event, gives None)."""
    timeline = fields.get("timeline") or []
    if not timeline or not fields.get("detected_at"):
        return None
    first, detected = (timeline[0] or {}).get("time"), fields.get("detected_at")
    day = _day(fields.get("date"))
    for stamp in (first, detected):
        d = _day(stamp)
        if d is not None and d != day:
            return None
    a, b = _minutes_of_day(first), _minutes_of_day(detected)
    if a is None or b is None or b < a:
        return None
    return b - a


def _severity(value) -> str:
    text = " ".join(str(value or "").split())
    return text[:24] if text else "unknown"


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def incident_stats(wiki: Wiki, today: date | None = None) -> dict:
    """The analytics as plain data: what `lorebook stats --json`, /analytics and its CSV show."""
    today = today or datetime.now(timezone.utc).date()
    incidents, items = [], []
    for row in _incident_rows(wiki):
        f = row["fields"] or {}
        day = _day(f.get("date"))
        duration = f.get("duration_minutes") if isinstance(f.get("duration_minutes"), (int, float)) else None
        incidents.append({
            "id": row["id"], "title": row["title"], "date": day.isoformat() if day else None,
            "month": day.strftime("%Y-%m") if day else UNDATED, "severity": _severity(f.get("severity")),
            "duration_minutes": duration, "duration_source": f.get("duration_source") if duration is not None else None,
            "time_to_detect_minutes": time_to_detect(f),
        })
        for a in f.get("action_items") or []:
            a = a or {}
            items.append({
                "text": str(a.get("text") or ""), "owner": a.get("owner") or None,
                "status": "done" if a.get("status") == "done" else "open", "incident": row["id"],
                "age_days": (today - day).days if day and day <= today else None,
            })
    incidents.sort(key=lambda r: (r["date"] or "9999", r["id"]))
    per_month = Counter(r["month"] for r in incidents)
    months = sorted(m for m in per_month if m != UNDATED)
    durations = [r["duration_minutes"] for r in incidents if r["duration_minutes"] is not None]
    detects = [r["time_to_detect_minutes"] for r in incidents if r["time_to_detect_minutes"] is not None]
    by_month_duration: dict[str, list[float]] = {}
    for r in incidents:
        if r["duration_minutes"] is not None and r["month"] != UNDATED:
            by_month_duration.setdefault(r["month"], []).append(r["duration_minutes"])
    open_items = sorted((i for i in items if i["status"] == "open"), key=lambda i: -(i["age_days"] or 0))
    done_items = [i for i in items if i["status"] == "done"]
    open_ages = [i["age_days"] for i in open_items if i["age_days"] is not None]
    return {
        "generated": today.isoformat(),
        "incidents": len(incidents),
        "per_month": [{"month": m, "incidents": per_month[m]} for m in _month_range(months)]
                     + ([{"month": UNDATED, "incidents": per_month[UNDATED]}] if per_month.get(UNDATED) else []),
        "durations": {
            "known": len(durations), "unknown": len(incidents) - len(durations),
            "median_minutes": _median(durations), "mean_minutes": round(statistics.fmean(durations), 1) if durations else None,
            "median_by_month": [{"month": m, "median_minutes": statistics.median(v), "incidents": len(v)}
                                for m, v in sorted(by_month_duration.items())],
        },
        "time_to_detect": {"known": len(detects), "median_minutes": _median(detects),
                           "computed": "minutes from the first timeline event to the stated detection time"},
        "severity": dict(Counter(r["severity"] for r in incidents).most_common()),
        "action_items": {
            "open": len(open_items), "done": len(done_items),
            "open_median_age_days": _median(open_ages), "open_oldest_age_days": max(open_ages) if open_ages else None,
            "open_items": open_items, "done_items": done_items,
        },
        "incident_list": incidents,
    }


def _month_range(months: list[str]) -> list[str]:
    """Every month from the first to the last, so quiet months show as zero (capped at 20 years)."""
    if not months:
        return []
    y, m = map(int, months[0].split("-"))
    end = months[-1]
    out: list[str] = []
    while len(out) < 240:
        key = f"{y:04d}-{m:02d}"
        out.append(key)
        if key >= end:
            break
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out if out[-1] >= end else sorted(set(months))


CSV_COLUMNS = ("id", "title", "date", "month", "severity", "duration_minutes", "duration_source",
               "time_to_detect_minutes", "action_items_open", "action_items_done")


def stats_csv(stats: dict) -> str:
    """One row per incident (the figures' raw material), for a spreadsheet."""
    import csv
    import io

    open_by, done_by = Counter(), Counter()
    for i in stats["action_items"]["open_items"]:
        open_by[i["incident"]] += 1
    for i in stats["action_items"]["done_items"]:
        done_by[i["incident"]] += 1
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for r in stats["incident_list"]:
        w.writerow([r["id"], r["title"], r["date"] or "", r["month"], r["severity"],
                    "" if r["duration_minutes"] is None else r["duration_minutes"], r["duration_source"] or "",
                    "" if r["time_to_detect_minutes"] is None else r["time_to_detect_minutes"],
                    open_by[r["id"]], done_by[r["id"]]])
    return buf.getvalue()
