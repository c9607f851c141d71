"""Lists that page (issue 15): /api/pages by cursor, /type/<t> and /sources by page number, one stable order."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from lorebook.config import init_wiki
from lorebook.pipeline import build
from lorebook.web.app import create_app
from lorebook.web.paging import HTML_PER_PAGE


@pytest.fixture(scope="module")
def wiki(tmp_path_factory):
    w = init_wiki(tmp_path_factory.mktemp("paging") / "wiki", "Paging")
    for i in range(HTML_PER_PAGE + 15):  # one note page and one source page each: more than a list page of both
        (w.raw_dir / f"note-{i:03}.md").write_text(f"# Release note {i}\n\nRelease {i} went out on a Tuesday.\n")
    build(w)
    return w


def test_api_pages_follow_the_cursor_to_every_page_once(wiki):
    with TestClient(create_app(wiki)) as c:
        everything = c.get("/api/pages", params={"limit": 5000})
        assert "X-Next-Cursor" not in everything.headers
        all_rows = everything.json()
        total = int(everything.headers["X-Total-Count"])
        assert len(all_rows) == total > 2 * HTML_PER_PAGE
        assert [(r["type"], r["id"]) for r in all_rows] == sorted((r["type"], r["id"]) for r in all_rows)
        assert set(all_rows[0]) == {"id", "type", "title", "confidence", "version", "updated", "summary"}

        seen, url, params = [], "/api/pages", {"limit": 37}
        while True:
            r = c.get(url, params=params)
            assert r.status_code == 200 and len(r.json()) <= 37
            seen += r.json()
            if "Link" not in r.headers:
                break
            url, params = re.match(r"<([^>]+)>; rel=\"next\"", r.headers["Link"]).group(1), None
        assert seen == all_rows

        notes = c.get("/api/pages", params={"type": "note", "limit": 100})
        assert [r["type"] for r in notes.json()] == ["note"] * 100
        assert int(notes.headers["X-Total-Count"]) == HTML_PER_PAGE + 15
        rest = c.get("/api/pages", params={"type": "note", "limit": 1000, "cursor": notes.headers["X-Next-Cursor"]}).json()
        assert len(rest) == HTML_PER_PAGE + 15 - 100 and rest[0]["id"] > notes.json()[-1]["id"]

        bad = c.get("/api/pages", params={"cursor": "not-a-cursor"})
        assert bad.status_code == 400 and "without it" in bad.json()["error"]
        assert c.get("/api/pages", params={"limit": 0}).status_code == 422


def test_html_lists_page_by_number(wiki):
    with TestClient(create_app(wiki)) as c:
        first = c.get("/type/note").text
        assert first.count('<tr><td><a href="/page/') == HTML_PER_PAGE
        assert 'href="/type/note?page=2" rel="next"' in first and 'rel="prev"' not in first
        second = c.get("/type/note", params={"page": 2}).text
        assert second.count('<tr><td><a href="/page/') == 15 and 'href="/type/note" rel="prev"' in second
        ids = re.findall(r'href="/page/([^"]+)"', first + second)
        assert len(set(ids)) == HTML_PER_PAGE + 15 and ids == sorted(ids)
        past = c.get("/type/note", params={"page": 99})
        assert past.status_code == 404 and "has 2 pages, not 99" in past.text
        sources = c.get("/sources", params={"page": 2}).text
        assert "of 215" in sources and sources.count("<tr><td>") == 15
