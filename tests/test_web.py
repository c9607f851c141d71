"""The reader's HTTP surface in-process (Starlette TestClient): JSON API, 404s, path escapes, escaping, export."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient

from lorebook.pipeline import ingest
from lorebook.web.app import create_app
from lorebook.web.render import MD, LinkContext, Urls, _cells, inline, render_blocks
from lorebook.web.static_site import ExportError, export_html

from pathlib import Path

pytestmark = pytest.mark.usefixtures("backend")  # every test on SQLite and on PostgreSQL

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "platform-team"

HOSTILE = "# Hostile <script>alert(1)</script>\n\nText <img src=x onerror=alert(2)> and [x](javascript:alert(3)).\n"


@pytest.fixture(scope="module")
def built(tmp_path_factory, backend):
    from lorebook.config import init_wiki

    w = init_wiki(tmp_path_factory.mktemp("web") / "wiki", "Platform Team")
    hostile = tmp_path_factory.mktemp("h") / "hostile.md"
    hostile.write_text(HOSTILE, encoding="utf-8")
    ingest(w, [str(EXAMPLES), str(hostile)])
    return w


@pytest.fixture(scope="module")
def client(built):
    with TestClient(create_app(built)) as c:
        yield c


def test_api_pages_match_the_export_shape(client, built):
    from lorebook.export import page_records

    rows = client.get("/api/pages").json()
    assert {r["id"] for r in rows} >= {"overview", "incident-2026-05-12-api-outage"}
    one = client.get("/api/pages/incident-2026-05-12-api-outage").json()
    assert one.pop("markdown").startswith("---\nid: incident-2026-05-12-api-outage\n")
    assert one == json.loads(json.dumps(page_records(built, ["incident-2026-05-12-api-outage"])[0]))
    assert all(c["source"].startswith("raw/") for b in one["blocks"] for c in b["citations"])
    assert [r["type"] for r in client.get("/api/pages", params={"type": "decision"}).json()] == ["decision", "decision"]


def test_api_source_lines_and_range(client):
    src = client.get("/api/sources/raw/platform-team/engineering-log.md", params={"start": 46, "end": 48}).json()
    assert [ln["n"] for ln in src["lines"]] == [46, 47, 48]
    assert "Postmortem" in src["lines"][0]["text"]
    assert any(p["id"] == "incident-2026-05-12-api-outage" for p in src["pages"])


def test_api_search_ask_health(client):
    hits = client.get("/api/search", params={"q": "connection pool"}).json()["hits"]
    assert "incident-2026-05-12-api-outage" in [h["id"] for h in hits]
    ans = client.get("/api/ask", params={"q": "Why was DynamoDB rejected?"}).json()
    assert "DynamoDB" in ans["answer"] and ans["passages"][0]["citations"]
    health = client.get("/api/health").json()
    assert health["ok"] and health["pool"]["size"] >= 1 and health["pool"]["peak_checked_out"] >= 1
    assert client.get("/api/search").status_code == 422  # q is required
    assert isinstance(client.get("/api/lint").json()["findings"], list)
    assert client.get("/openapi.json").json()["paths"].keys() >= {"/api/pages", "/api/search", "/api/ask", "/api/health"}


@pytest.mark.parametrize("url", [
    "/page/no-such-page", "/page/..%2F..%2Florebook.toml", "/source/raw/nope.md", "/source/lorebook.toml",
    "/source/raw/../lorebook.toml", "/source/raw/%2e%2e/lorebook.toml", "/source/raw/..%2F.lorebook%2Florebook.db",
    "/source//etc/passwd", "/type/nothing", "/page/no-such-page/history", "/nowhere",
])
def test_missing_or_escaping_is_a_friendly_404(client, url):
    r = client.get(url)
    assert r.status_code == 404
    assert "Not found" in r.text and "Traceback" not in r.text and "[wiki]" not in r.text
    assert r.headers["content-type"].startswith("text/html")


def test_api_404_is_json(client):
    r = client.get("/api/pages/nope")
    assert r.status_code == 404 and r.json() == {"error": "no page 'nope'"}
    assert client.get("/api/sources/raw/../lorebook.toml").status_code == 404


def test_views_render(client):
    for url in ["/", "/incidents", "/actions", "/decisions", "/sources", "/search?q=rollback", "/ask?q=rollback",
                "/type/incident", "/page/overview/history"]:
        r = client.get(url)
        assert r.status_code == 200, url
        assert "Content-Security-Policy" in r.headers
    home = client.get("/").text
    assert "Platform Team" in home and "Recent changes" in home and "ingest" in home
    page = client.get("/page/incident-2026-05-12-api-outage").text
    assert "High confidence" in page and "Postmortem" in page and 'class="chip"' in page
    assert 'href="/source/raw/platform-team/engineering-log.md?hl=55-55#L55-L55"' in page
    src = client.get("/source/raw/platform-team/engineering-log.md?hl=55-55").text
    assert re.search(r'<span class="line hl" id="L55">', src) and 'id="L54"' in src


def test_hostile_source_is_inert_text(client, built):
    pages = client.get("/api/sources/raw/hostile.md").json()["pages"]
    assert pages
    shown = []
    for p in pages:
        html = client.get("/page/" + p["id"]).text
        body = html.split('<main id="main"', 1)[1]
        assert "<script>alert" not in body and "<img" not in body and 'href="javascript' not in body.lower()
        shown.append("&lt;img src=x onerror=alert(2)&gt;" in body and "[x](javascript:alert(3))" in body)
    assert any(shown)  # the payload is shown as text somewhere
    src = client.get("/source/raw/hostile.md").text
    assert "<script>alert" not in src and "&lt;img src=x onerror=alert(2)&gt;" in src


def test_render_only_allows_safe_links():
    urls = Urls(page=lambda i: "/page/" + i, source=lambda p, a, b: f"/source/{p}#L{a}-L{b}")
    ctx = LinkContext("incidents/x.md", {"decisions/adr.md": "adr"})
    text = ("[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](java\tscript:alert(1)) [d](data:text/html,x) "
            "[e](vbscript:x) [f](https://example.com) [g](../decisions/adr.md) [h](../../raw/n.md#L2-L3) [i](../../../etc/passwd)")
    html = render_blocks([{"kind": "paragraph", "text": text, "citations": []}], ctx, urls)
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert hrefs == ["https://example.com", "/page/adr", "/source/raw/n.md#L2-L3"]


def test_static_export(built, tmp_path, cli):
    out = tmp_path / "site"
    n = export_html(built, out)
    assert n > 10 and (out / "index.html").is_file() and (out / "static" / "search-index.js").is_file()
    overview = (out / "page-overview.html").read_text(encoding="utf-8")
    assert "High confidence" in overview and 'href="/' not in overview and "http://" not in overview
    index = (out / "static" / "search-index.js").read_text(encoding="utf-8")
    assert index.startswith("window.LOREBOOK_INDEX = ") and "</script" not in index
    export_html(built, out)  # re-export over an earlier export is fine
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "keep.txt").write_text("mine")
    with pytest.raises(ExportError):
        export_html(built, tmp_path / "busy")
    assert (tmp_path / "busy" / "keep.txt").read_text() == "mine"
    r = cli("export", "--format", "html", "--wiki", built.root)
    assert r.exit_code == 2 and "-o DIR" in r.stderr


def test_cached_pages_follow_new_ingests(wiki, tmp_path):
    """The render cache must not serve a page that a later ingest changed."""
    first = tmp_path / "a.md"
    first.write_text("# ADR-001: Use Postgres\n\n**Status:** Accepted\n\n## Decision\n\nWe use Postgres.\n", encoding="utf-8")
    ingest(wiki, [str(first)])
    with TestClient(create_app(wiki)) as c:
        before = c.get("/page/overview").text
        assert c.get("/page/overview").text == before and c.app.state.cache.hits >= 1
        second = tmp_path / "b.md"
        second.write_text("# ADR-002: Use Redis for caching\n\n**Status:** Proposed\n\n## Decision\n\nWe cache in Redis.\n",
                          encoding="utf-8")
        ingest(wiki, [str(second)])
        after = c.get("/page/overview").text
        assert "ADR-002" in after and "ADR-002" not in before
        history = c.get("/page/overview/history").text
        added = re.findall(r'<div class="dl add">(.*?)</div>', history, re.S)
        assert any("ADR-002" in row for row in added), "the diff between versions shows the new ADR"
        assert "<sup>" not in history and "&lt;sup&gt;" not in history and "confidence_reason" not in history
        old = c.get("/page/overview/history", params={"v": 1}).text
        assert "Version 1" in old and "ADR-002" not in old.split("Version 1", 1)[1]


def test_cached_searches_and_lists_follow_new_ingests(wiki, tmp_path):
    """Searches, lists and the home page are cached per compile generation: a later ingest shows at once."""
    first = tmp_path / "a.md"
    first.write_text("# ADR-001: Use Postgres\n\n**Status:** Accepted\n\n## Decision\n\nWe use Postgres.\n", encoding="utf-8")
    ingest(wiki, [str(first)])
    with TestClient(create_app(wiki)) as c:
        before = c.get("/search", params={"q": "redis"}).text
        hits = c.app.state.cache.hits
        assert c.get("/search", params={"q": "redis"}).text == before and c.app.state.cache.hits == hits + 1
        assert "Use Redis" not in before
        lists = {u: c.get(u).text for u in ("/", "/decisions", "/sources", "/type/decision")}
        assert lists == {u: c.get(u).text for u in lists}
        second = tmp_path / "b.md"
        second.write_text("# ADR-002: Use Redis for caching\n\n**Status:** Proposed\n\n## Decision\n\nWe cache in Redis.\n",
                          encoding="utf-8")
        ingest(wiki, [str(second)])
        assert "Use Redis" in c.get("/search", params={"q": "redis"}).text
        assert all("Use Redis" in c.get(u).text for u in ("/decisions", "/type/decision"))
        assert "b.md" in c.get("/sources").text and c.get("/").text != lists["/"]


def test_reader_page_record_is_the_export_record(built):
    """The reader's one-connection page query returns exactly the export's record, plus backlinks
    and each citation's quoted text (for the chip's popover)."""
    from lorebook.export import page_records
    from lorebook.web import data

    records = page_records(built)
    assert len(records) > 10
    for rec in records:
        mine = data.page(built, rec["id"])
        assert isinstance(mine.pop("backlinks"), list)
        quotes = [c.pop("quote") for b in mine["blocks"] for c in b["citations"]]
        assert all(isinstance(q, str) for q in quotes)
        assert mine == rec, rec["id"]
    assert any(c for rec in records for b in rec["blocks"] for c in b["citations"])


def test_plain_text_skips_the_parser_with_the_same_html(built):
    """inline() renders text without inline syntax itself; it must equal markdown-it's output."""
    from lorebook.export import page_records

    texts = [b["text"] for rec in page_records(built) for b in rec["blocks"]]
    texts += [c for t in texts for c in _cells(t)]
    texts += ["", " ", "  lead and trail  ", "tab\there", 'quotes "double" and \'single\'', "a > b", "x | y",
              "# not a heading", "- not a list", "1. not a list", "~~no strike~~", "\u00a0nbsp\u2028sep", "emoji 😀 é"]
    from lorebook.web.render import external_only

    env = {"resolve": external_only}  # inline()'s default: bare web links stay links
    for t in texts:
        assert inline(t) == MD.renderInline(t, env), repr(t)


def test_render_cache_is_bounded_by_bytes():
    from lorebook.web.cache import RenderCache

    cache = RenderCache(max_bytes=1000)
    for i in range(10):
        assert cache.get_or_render(i, lambda: "x" * 300) == b"x" * 300
    assert cache.bytes <= 1000 and cache.stats()["entries"] == 3
    assert cache.get_or_render("big", lambda: "y" * 600) == b"y" * 600  # over half the budget: served, not kept
    assert "big" not in cache._d and cache.misses == 11
    assert cache.get_or_render(9, lambda: "z") == b"x" * 300 and cache.hits == 1
