"""The /analytics view: incident analytics (query/stats.py) as figures, pygal charts and tables.

Shared by the server and the static export; the CSV and JSON downloads carry the same figures.
"""

from __future__ import annotations

import json

from markupsafe import Markup

from lorebook.config import Wiki
from lorebook.query.stats import UNDATED, incident_stats, stats_csv
from lorebook.web import charts
from lorebook.web.charts import style_hashes  # noqa: F401  (the route's CSP needs them)

AGE_BUCKETS = (("< 30 days", 0, 30), ("30–90 days", 30, 90), ("90 days – 1 year", 90, 365), ("> 1 year", 365, 10**9))


def stats_json(wiki: Wiki) -> str:
    return json.dumps(incident_stats(wiki), ensure_ascii=False, indent=2)


def stats_csv_text(wiki: Wiki) -> str:
    return stats_csv(incident_stats(wiki))


def _hours(minutes):
    return None if minutes is None else round(minutes / 60, 2)


def figures(s: dict) -> list[dict]:
    """The charts: each a title, the SVG and the rows of its table view."""
    out = []
    months = [m for m in s["per_month"] if m["month"] != UNDATED]
    if months:
        labels = [m["month"] for m in months]
        out.append({"id": "per-month", "title": "Incidents per month",
                    "svg": charts.bar("Incidents per month", labels, [m["incidents"] for m in months],
                                      "Bar chart of incidents per month", y_title="Incidents"),
                    "head": ("Month", "Incidents"), "rows": [(m["month"], m["incidents"]) for m in months if m["incidents"]]})
    by_month = s["durations"]["median_by_month"]
    if by_month:
        out.append({"id": "duration", "title": "Median duration by month (hours)",
                    "svg": charts.line("Median duration by month", [m["month"] for m in by_month],
                                       [_hours(m["median_minutes"]) for m in by_month],
                                       "Line chart of the median incident duration per month, in hours", y_title="Hours"),
                    "head": ("Month", "Median hours", "Incidents with a duration"),
                    "rows": [(m["month"], _hours(m["median_minutes"]), m["incidents"]) for m in by_month]})
    if s["severity"]:
        sev = list(s["severity"].items())
        out.append({"id": "severity", "title": "Incidents by severity",
                    "svg": charts.bar("Incidents by severity", [k for k, _ in sev], [n for _, n in sev],
                                      "Bar chart of incidents by severity", horizontal=True),
                    "head": ("Severity", "Incidents"), "rows": sev})
    a = s["action_items"]
    if a["open"] or a["done"]:
        ages = [i["age_days"] for i in a["open_items"]]
        counts = [sum(1 for d in ages if d is not None and lo <= d < hi) for _, lo, hi in AGE_BUCKETS]
        labels = [b[0] for b in AGE_BUCKETS]
        if any(d is None for d in ages):
            labels.append("undated")
            counts.append(sum(1 for d in ages if d is None))
        out.append({"id": "actions", "title": "Open action items by age",
                    "svg": charts.bar("Open action items by age", labels, counts,
                                      "Bar chart of open action items by age", y_title="Open items"),
                    "head": ("Age", "Open items"), "rows": list(zip(labels, counts))})
    return out


def analytics_view(wiki: Wiki, site) -> str:
    from lorebook.web import data, views

    s = incident_stats(wiki)
    figs = figures(s)
    for f in figs:
        f["svg"] = Markup(f["svg"])
    return views.ENV.get_template("analytics.html").render(
        wiki_name=wiki.name, site=site, labels=data.TYPE_LABELS, plurals=data.TYPE_PLURALS, stats=s, figures=figs)


def write_static(wiki: Wiki, root, site) -> list[str]:
    """analytics.html with its CSV and JSON downloads, for the HTML export."""
    s = incident_stats(wiki)
    (root / "analytics.json").write_text(json.dumps(s, ensure_ascii=False, indent=2), encoding="utf-8")
    (root / "analytics.csv").write_text(stats_csv(s), encoding="utf-8")
    (root / "analytics.html").write_text(analytics_view(wiki, site), encoding="utf-8")
    return ["analytics.html"]
