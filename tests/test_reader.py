"""Issue 14's reader surface in-process: analytics and stats, identifier URLs, HEAD, the JSON
error shape, offline API docs, the navigation and the static export of all of it."""

from __future__ import annotations

import csv
import io
import json
import re
import statistics
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from lorebook.pipeline import ingest
from lorebook.query.stats import incident_stats, time_to_detect
from lorebook.web.app import create_app
from lorebook.web.charts import style_hashes
from lorebook.web.static_site import export_html

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "platform-team"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from lorebook.config import init_wiki

    w = init_wiki(tmp_path_factory.mktemp("reader") / "wiki", "Platform Team")
    ingest(w, [str(EXAMPLES)])
    return w


@pytest.fixture(scope="module")
def client(built):
    with TestClient(create_app(built)) as c:
        yield c


def _incidents(client) -> list[dict]:
    ids = [p["id"] for p in client.get("/api/pages", params={"type": "incident"}).json()]
    return [client.get(f"/api/pages/{i}").json() for i in ids]


def test_stats_agree_with_the_incident_pages(client, built):
    pages = _incidents(client)
    s = client.get("/api/stats").json()
    assert s["incidents"] == len(pages) >= 3
    assert sum(m["incidents"] for m in s["per_month"]) == len(pages)
    months = {p["fields"]["date"][:7] for p in pages if p["fields"].get("date")}
    assert {m["month"] for m in s["per_month"] if m["incidents"]} == months
    durations = [p["fields"]["duration_minutes"] for p in pages if p["fields"].get("duration_minutes") is not None]
    assert s["durations"]["known"] == len(durations)
    assert s["durations"]["median_minutes"] == statistics.median(durations)
    items = [a for p in pages for a in p["fields"].get("action_items") or []]
    assert s["action_items"]["open"] + s["action_items"]["done"] == len(items)
    assert s["action_items"]["done"] == sum(1 for a in items if a["status"] == "done")
    today = date.fromisoformat(s["generated"])
    for item in s["action_items"]["open_items"]:
        page = next(p for p in pages if p["id"] == item["incident"])
        assert item["age_days"] == (today - date.fromisoformat(page["fields"]["date"][:10])).days
    assert s == incident_stats(built)


def test_time_to_detect_is_computed_only_when_both_times_are_of_the_day():
    tl = [{"time": "14:02", "event": "deploy"}, {"time": "14:10", "event": "alert"}]
    assert time_to_detect({"date": "2026-05-12", "timeline": tl, "detected_at": "14:10"}) == 8
    assert time_to_detect({"date": "2026-05-12", "timeline": tl, "detected_at": None}) is None
    assert time_to_detect({"date": "2026-05-12", "timeline": tl, "detected_at": "13:00"}) is None  # before the start
    other_day = [{"time": "2026-05-11 23:50", "event": "deploy"}]
    assert time_to_detect({"date": "2026-05-12", "timeline": other_day, "detected_at": "00:10"}) is None
    assert time_to_detect({"date": "2026-05-12", "timeline": [{"time": "??", "event": "x"}], "detected_at": "1:00"}) is None


def test_analytics_page_has_library_drawn_svg_under_a_strict_csp(client):
    r = client.get("/analytics")
    assert r.status_code == 200
    html = r.text
    svgs = re.findall(r"<svg\b.*?</svg>", html, re.S)
    assert len(svgs) >= 3 and all('class="pygal-chart"' in s for s in svgs)
    assert "<script" not in "".join(svgs)  # pygal's config script is taken out
    csp = r.headers["content-security-policy"]
    assert "script-src 'self';" in csp and "unsafe-inline" not in csp
    for h in style_hashes(html):
        assert h in csp
    assert "Incidents per month" in html and "Open action items, oldest first" in html


def test_analytics_downloads_carry_the_same_figures(client):
    s = client.get("/api/stats").json()
    assert client.get("/analytics.json").json() == s
    r = client.get("/analytics.csv")
    assert r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == s["incidents"]
    assert sum(int(x["action_items_open"]) for x in rows) == s["action_items"]["open"]


@pytest.mark.parametrize("ref", ["ADR-14", "adr-014", "ADR-014", "adr_14", "adr-014-postgres"])
def test_identifiers_reach_the_page(client, ref):
    r = client.get(f"/page/{ref}")
    assert r.status_code == 200
    assert "ADR-014: Postgres as primary datastore" in r.text


def test_ambiguous_or_unknown_identifiers_are_404(client):
    assert client.get("/page/adr-01").status_code == 404  # adr-014 and adr-015
    assert client.get("/page/ADR-99").status_code == 404


@pytest.mark.parametrize("url", ["/", "/page/overview", "/page/ADR-14", "/analytics", "/api/health", "/docs",
                                 "/type/runbook", "/analytics.csv"])
def test_head_answers_like_get_without_a_body(client, url):
    get = client.get(url)
    head = client.head(url)
    assert head.status_code == 200 == get.status_code
    assert head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"]


def test_head_of_a_missing_page_is_404(client):
    assert client.head("/page/nope").status_code == 404


@pytest.mark.parametrize("url,status", [("/api/search?q=", 422), ("/api/search", 422), ("/api/search?q=x&limit=0", 422),
                                        ("/api/pages/nope", 404), ("/api/nowhere", 404)])
def test_api_errors_have_one_shape(client, url, status):
    r = client.get(url)
    assert r.status_code == status
    body = r.json()
    assert list(body) == ["error"] and isinstance(body["error"], str) and body["error"]


def test_api_docs_are_offline(client):
    html = client.get("/docs").text
    refs = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert refs and not [u for u in refs if "//" in u]  # nothing from another host
    for u in refs:
        assert client.get(u).status_code == 200, u
    js = client.get("/docs/openapi.js").text
    assert js.startswith("window.LOREBOOK_OPENAPI = ")
    spec = json.loads(js.removeprefix("window.LOREBOOK_OPENAPI = ").rstrip().rstrip(";"))
    assert {"/api/pages", "/api/stats", "/api/runs"} <= set(spec["paths"])


def test_runbooks_and_analytics_in_the_navigation(client):
    html = client.get("/").text
    nav = html[html.index("<nav"):html.index("</nav>")]
    assert 'href="/type/runbook">Runbooks</a>' in nav and 'href="/analytics">Analytics</a>' in nav
    assert "Runbook: Roll back a bad deploy" in client.get("/type/runbook").text


def test_static_export_has_analytics_and_offline_docs(built, tmp_path):
    out = tmp_path / "site"
    export_html(built, out)
    analytics = (out / "analytics.html").read_text(encoding="utf-8")
    assert analytics.count('class="pygal-chart"') >= 3 and 'href="analytics.csv"' in analytics
    assert json.loads((out / "analytics.json").read_text())["incidents"] == 3
    assert (out / "analytics.csv").read_text().startswith("id,title,date,month")
    docs = (out / "docs.html").read_text(encoding="utf-8")
    for ref in re.findall(r'(?:src|href)="([^"]+)"', docs):
        assert "//" not in ref and (out / ref).is_file(), ref
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="type-runbook.html">Runbooks</a>' in index and 'href="docs.html"' in index


def test_runbook_steps_are_numbered_once_with_their_commands_inside(client, built):
    html = client.get("/page/runbook-rotate-the-postgres-application-credentials").text
    steps = re.search(r'<ol class="steps">(.*?)</ol>', html, re.S).group(1)
    items = re.split(r'<li value="(\d+)">', steps)[1:]
    numbers, bodies = items[0::2], items[1::2]
    fields = client.get("/api/pages/runbook-rotate-the-postgres-application-credentials").json()["fields"]
    assert numbers == [str(i) for i in range(1, len(fields["steps"]) + 1)]
    for step, body in zip(fields["steps"], bodies):
        assert body.count('class="chip') == 1  # one chip per step, none on its code
        assert body.count('<div class="code">') == len(step["commands"])
    assert "**1." not in html and "<ul><li><strong>1." not in html


def test_long_pages_get_a_table_of_contents(client):
    html = client.get("/page/incident-2026-05-12-api-outage").text
    toc = re.search(r'<nav class="toc".*?</nav>', html, re.S).group(0)
    for anchor in re.findall(r'href="#([^"]+)"', toc):
        assert f'id="{anchor}"' in html
    assert 'class="toc"' not in client.get("/page/source-platform-team-adr-015-redis-for-sessions").text


def test_bare_urls_become_safe_links():
    from lorebook.web.render import inline

    html = inline("Status at https://status.example.com/x?a=1 — mail oncall@example.com; see notes.md")
    assert '<a href="https://status.example.com/x?a=1" rel="noopener noreferrer nofollow">' in html
    assert '<a href="mailto:oncall@example.com">' in html and "notes.md</a>" not in html
    assert "<a" not in inline("javascript:alert(1) and data:text/html,x")


def test_pages_declare_their_language(client):
    from lorebook.web.lang import text_lang

    korean = client.get("/page/incident-2026-09-14-%EA%B2%B0%EC%A0%9C-%EC%A7%80%EC%97%B0").text
    assert korean.startswith('<!doctype html>\n<html lang="ko">')
    assert '<html lang="en">' in client.get("/page/ADR-14").text
    assert text_lang("これは日本語の文章です") == "ja" and text_lang("这是中文") == "zh" and text_lang("1234") == "en"
    assert text_lang("Deploy 배포") == "ko" and text_lang("A long English sentence with one word 배포") == "en"


def test_pages_command_names_types_and_aligns_wide_ids(built, cli):
    from rich.cells import cell_len

    r = cli("pages", "--type", "adr", "--wiki", built.root)
    assert r.exit_code == 2 and "decision, incident, runbook" in r.stderr
    out = cli("pages", "--wiki", built.root).output.splitlines()
    confidence_at = {cell_len(line[:line.index(" high ") if " high " in line else line.index(" low ")]) for line in out
                     if " high " in line or " low " in line}
    assert len(confidence_at) == 1  # the confidence column lines up, Hangul ids included


def test_static_export_has_history_diffs_and_old_versions(tmp_path):
    from lorebook.config import init_wiki
    from lorebook.web.urls import StaticSite, file_name

    w = init_wiki(tmp_path / "wiki", "Hist")
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    a.write_text("# ADR-001: Use Postgres\n\n**Status:** Accepted\n\n## Decision\n\nWe use Postgres.\n", encoding="utf-8")
    ingest(w, [str(a)])
    b.write_text("# ADR-002: Use Redis for caching\n\n**Status:** Proposed\n\n## Decision\n\nWe cache in Redis.\n",
                 encoding="utf-8")
    ingest(w, [str(b)])
    out = tmp_path / "site"
    export_html(w, out)
    overview = (out / "page-overview.html").read_text(encoding="utf-8")
    link = re.search(r'<a class="version" href="([^"]+)"', overview).group(1)
    assert link == file_name("history", "overview")
    history = (out / link).read_text(encoding="utf-8")
    assert any("ADR-002" in row for row in re.findall(r'<div class="dl add">(.*?)</div>', history, re.S))
    assert "<form" not in history.split('<main', 1)[1]  # no server to compare other pairs
    old = (out / StaticSite().version("overview", 1)).read_text(encoding="utf-8")
    assert "Version 1" in old and "ADR-002" not in old.split("Version 1", 1)[1]
    adr = (out / "page-adr-001-use-postgres.html").read_text(encoding="utf-8")
    assert '<span class="version">v1</span>' in adr  # one version: no history link to a missing file


def test_one_quiet_chip_per_block_with_unique_popovers(client):
    from lorebook.web.render import Urls, chips

    urls = Urls(page=lambda p: p, source=lambda s, a=None, b=None: f"{s}#L{a}-L{b}")
    cites = [{"source": "raw/log.md", "start_line": 4, "end_line": 6, "quote": "x"},
             {"source": "raw/log.md", "start_line": 9, "end_line": 9, "quote": "y"}]
    html = chips(cites, urls, main_source="raw/log.md")
    assert html.count('class="chip"') == 1 and ">L4–6, 9</button>" in html
    assert ">log.md L4–6, 9</button>" in chips(cites, urls, main_source="raw/other.md")
    many = [{"source": f"raw/f{i}.md", "start_line": 1, "end_line": 2} for i in range(4)]
    assert ">f0.md L1–2 +3 files</button>" in chips(many, urls)
    assert html.count('<a class="cite-link" href="raw/log.md#L4-L6">') == 1
    page = client.get("/page/incident-2026-05-12-api-outage").text
    ids = re.findall(r'popovertarget="([^"]+)"', page)
    assert ids and len(ids) == len(set(ids)) and all(f'id="{i}" popover' in page for i in ids)
    assert "engineering-log.md L" not in page.split('<div class="body">')[1]  # the main source is not repeated


def test_source_headings_are_kept_beside_field_names(client):
    ko = client.get("/api/pages/incident-2026-09-14-%EA%B2%B0%EC%A0%9C-%EC%A7%80%EC%97%B0").json()
    heads = [b["text"] for b in ko["blocks"] if b["kind"] == "heading"]
    assert "Root cause · 근본 원인" in heads and "Timeline · 타임라인" in heads
    en = client.get("/api/pages/incident-2026-05-12-api-outage").json()
    assert "Root cause" in [b["text"] for b in en["blocks"] if b["kind"] == "heading"]  # same words: no repeat
