"""Postmortem rules: the parts a postmortem needs, open actions, and durations that add up."""

from __future__ import annotations

import datetime as dt

from lorebook.extract import incident as I
from lorebook.lint.findings import rule


@rule("postmortem-no-timeline", "warning", "incident", "A postmortem has no timeline.")
def no_timeline(ctx):
    for d in ctx.of_kind("incident"):
        if not d.fields.get("timeline"):
            yield (d.page, d.source, d.title_line,
                   f"{d.name} has no timeline; add a \"## Timeline\" with one `HH:MM — what happened` line per event")


@rule("postmortem-no-root-cause", "warning", "incident", "A postmortem has no root cause.")
def no_root_cause(ctx):
    for d in ctx.of_kind("incident"):
        if not (d.fields.get("root_cause") or "").strip():
            yield (d.page, d.source, d.title_line,
                   f"{d.name} states no root cause; add a \"## Root cause\" section")


@rule("postmortem-no-action-items", "warning", "incident", "A postmortem has no action items.")
def no_action_items(ctx):
    for d in ctx.of_kind("incident"):
        if not d.fields.get("action_items"):
            yield (d.page, d.source, d.title_line,
                   f"{d.name} has no action items; add a \"## Action items\" list with an owner and a status for each")


@rule("action-item-overdue", "warning", "incident",
      "An action item is still open N days after the incident ([lint] action_item_max_age_days, default 30).")
def action_item_overdue(ctx):
    max_age = int(ctx.setting("action_item_max_age_days", 30))
    for d in ctx.of_kind("incident"):
        try:
            day = dt.date.fromisoformat(str(d.fields.get("date") or "")[:10])
        except ValueError:
            continue
        age = (ctx.today - day).days
        if age <= max_age:
            continue
        for i, item in enumerate(d.fields.get("action_items") or []):
            if item.get("status") == "open":
                owner = f" (owner: {item['owner']})" if item.get("owner") else " (no owner)"
                yield (d.page, d.source, d.line_of("action_items", i),
                       f"action item open {age} days after the {day.isoformat()} incident{owner}: "
                       f"{item.get('text', '')[:100]!r}; do it, or mark it done / dropped with a reason")


def timeline_minutes(fields: dict) -> int | None:
    """First impact -> recovery on one day's clock, as the incident extractor measures it."""
    entries = []
    for e in fields.get("timeline") or []:
        clock = I._norm_clock(str(e.get("time") or ""))
        if clock:
            entries.append((clock, str(e.get("event") or ""), str(e.get("time"))))
    if len(entries) < 2 or len({t[:10] for _, _, t in entries if len(t) > 5}) > 1:
        return None
    end = next((e for e in reversed(entries) if I._mentions(I._RESOLVE_WORDS, e[1])), None)
    start = next((e for e in entries if I._mentions(I._IMPACT_WORDS, e[1])), entries[0])
    if end is None or start is end or entries.index(start) > entries.index(end):
        return None
    minutes = (int(end[0][:2]) * 60 + int(end[0][3:5])) - (int(start[0][:2]) * 60 + int(start[0][3:5]))
    return minutes if minutes >= 0 else None


@rule("postmortem-duration-mismatch", "warning", "incident",
      "The duration a postmortem states disagrees with its timeline.")
def duration_mismatch(ctx):
    for d in ctx.of_kind("incident"):
        f = d.fields
        if f.get("duration_source") != "stated" or not f.get("duration_minutes"):
            continue
        computed = timeline_minutes(f)
        stated = int(f["duration_minutes"])
        if computed is None or abs(computed - stated) <= max(5, stated // 5):
            continue
        yield (d.page, d.source, d.line_of("duration_minutes"),
               f"states {stated} minutes but its timeline runs {computed} minutes (first impact to recovery, "
               f"line {d.line_of('timeline')}); correct the stated duration or the timeline")
