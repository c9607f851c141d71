"""Runbook rules, from the seed's five principles: commands, verification, rollback, contacts, currency."""

from __future__ import annotations

import datetime as dt
import re

from lorebook.lint.findings import rule


@rule("runbook-step-without-command", "warning", "runbook",
      "A procedure step has no copy-pasteable command in a code block (principle 2: include all commands).")
def step_without_command(ctx):
    for d in ctx.of_kind("runbook"):
        for i, step in enumerate(d.fields.get("steps") or []):
            if not step.get("commands"):
                label = f"step {step.get('number') or i + 1}" + (f" ({step['title']})" if step.get("title") else "")
                yield (d.page, d.source, d.line_of("steps", i),
                       f"{label} has no command in a code block; add the exact command in a ``` block "
                       "so it can be copy-pasted at 3 AM")


@rule("runbook-no-verification", "warning", "runbook",
      "No step or section confirms the procedure worked (principle 3: add verification steps).")
def no_verification(ctx):
    for d in ctx.of_kind("runbook"):
        if not d.fields.get("verification"):
            yield (d.page, d.source, d.title_line,
                   f"{d.name} has no verification; add a \"Verify\" step or section saying how to confirm it worked")


@rule("runbook-no-rollback", "warning", "runbook",
      "No rollback section (principle 4: always have an exit strategy).")
def no_rollback(ctx):
    for d in ctx.of_kind("runbook"):
        if not (d.fields.get("rollback") or d.fields.get("rollback_commands")):
            yield (d.page, d.source, d.title_line,
                   f"{d.name} has no rollback; add a \"## Rollback\" section with the commands that undo it")


@rule("runbook-no-contacts", "warning", "runbook",
      "No contacts (principle 5: keep contacts current).")
def no_contacts(ctx):
    for d in ctx.of_kind("runbook"):
        if not d.fields.get("contacts"):
            yield (d.page, d.source, d.title_line,
                   f"{d.name} names nobody to call; add a \"## Contacts\" section (on-call, owning team, escalation)")


@rule("runbook-no-review-date", "warning", "runbook",
      "No History section or last_reviewed date, so nobody can tell whether it is current.")
def no_review_date(ctx):
    for d in ctx.of_kind("runbook"):
        if not d.fields.get("last_reviewed"):
            yield (d.page, d.source, d.title_line,
                   f"{d.name} has no review date; add a \"## History\" section with dated entries "
                   "or `last_reviewed: YYYY-MM-DD` front matter")


_UNITS = {"day": 1, "week": 7, "month": 30, "year": 365}


def review_interval_days(text: str | None) -> int | None:
    """'6 months' -> 180; '1 year' -> 365; None when unreadable."""
    m = re.search(r"(\d+)\s*(day|week|month|year)s?", str(text or ""), re.I)
    return int(m.group(1)) * _UNITS[m.group(2).lower()] if m else None


@rule("runbook-review-overdue", "warning", "runbook",
      "last_reviewed + review_in (or [lint] runbook_review_days, default 365) has passed.")
def review_overdue(ctx):
    default = int(ctx.setting("runbook_review_days", 365))
    for d in ctx.of_kind("runbook"):
        reviewed = d.fields.get("last_reviewed")
        try:
            last = dt.date.fromisoformat(str(reviewed)[:10]) if reviewed else None
        except ValueError:
            continue
        if last is None:
            continue
        days = review_interval_days(d.fields.get("review_in")) or default
        due = last + dt.timedelta(days=days)
        if due < ctx.today:
            yield (d.page, d.source, d.line_of("review_in") if d.fields.get("review_in") else d.line_of("last_reviewed"),
                   f"{d.name} was last reviewed {last.isoformat()} and was due for review {due.isoformat()}; "
                   "walk through it, fix what changed, and update last_reviewed / History")
