"""`lorebook stats`: incident analytics in the terminal (rich tables measure display width) or as JSON."""

from __future__ import annotations

import json
import textwrap

import click

from lorebook.cli.base import handle_errors, main, wiki_option


def _minutes(v) -> str:
    if v is None:
        return "unknown"
    v = float(v)
    return f"{v:.0f} min" if v < 120 else f"{v / 60:.1f} h"


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print every figure as JSON.")
@click.option("--csv", "as_csv", is_flag=True, help="Print one CSV row per incident.")
@wiki_option
@handle_errors
def stats(as_json, as_csv, wiki):
    """Incident analytics: incidents per month, durations and their median, time to detect, severities,
    action items open and done with their ages."""
    from lorebook.query.stats import incident_stats, stats_csv

    s = incident_stats(wiki)
    if as_json:
        click.echo(json.dumps(s, ensure_ascii=False, indent=2))
        return
    if as_csv:
        click.echo(stats_csv(s), nl=False)
        return
    if not s["incidents"]:
        click.echo("No postmortems yet. Add incident write-ups with `lorebook ingest FILE`.")
        return
    from rich.console import Console
    from rich.table import Table

    con = Console(soft_wrap=False)
    d, t, a = s["durations"], s["time_to_detect"], s["action_items"]
    con.print(f"[bold]{s['incidents']} incidents[/]  ·  median duration {_minutes(d['median_minutes'])} "
              f"({d['known']} of {s['incidents']} state it)  ·  median time to detect {_minutes(t['median_minutes'])} "
              f"({t['known']} computed from timelines)")
    months = Table("Month", "Incidents", "Median duration", title="Incidents per month", title_justify="left")
    medians = {m["month"]: m["median_minutes"] for m in d["median_by_month"]}
    for m in s["per_month"]:
        if m["incidents"]:
            months.add_row(m["month"], str(m["incidents"]), _minutes(medians.get(m["month"])) if m["month"] in medians else "")
    con.print(months)
    sev = Table("Severity", "Incidents", title="Severity", title_justify="left")
    for k, n in s["severity"].items():
        sev.add_row(k, str(n))
    con.print(sev)
    age = a["open_median_age_days"]
    con.print(f"[bold]Action items[/]: {a['open']} open, {a['done']} done; median age of the open ones "
              f"{'unknown' if age is None else f'{age:.0f} days'}")
    items = Table("Age", "Owner", "Action item", "Incident", title="Open action items, oldest first", title_justify="left")
    for i in a["open_items"][:20]:
        items.add_row("" if i["age_days"] is None else f"{i['age_days']} d", i["owner"] or "—", textwrap.shorten(i["text"], 90, placeholder=" …"), i["incident"])
    if a["open_items"]:
        con.print(items)
    if a["open"] > 20:
        con.print(f"… and {a['open'] - 20} more (lorebook stats --json)")
