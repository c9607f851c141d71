"""The overview reads in sentences and stays the same size as the wiki grows (issue 14)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from lorebook.config import init_wiki
from lorebook.pipeline import ingest
from lorebook.web import views
from lorebook.web.app import create_app

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "platform-team"


def _blocks(client, page_id="overview"):
    return client.get(f"/api/pages/{page_id}").json()["blocks"]


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    w = init_wiki(tmp_path_factory.mktemp("ov") / "wiki", "Engineering & Runbooks")
    ingest(w, [str(EXAMPLES)])
    with TestClient(create_app(w)) as c:
        yield c


def test_small_overview_reads_in_sentences(small):
    blocks = _blocks(small)
    text = "\n".join(b["text"] for b in blocks)
    assert "Engineering & Runbooks's" not in text and "engineering memory of Engineering & Runbooks" in text
    assert not re.search(r"shares its subject \(", text)  # no word stems as a shared subject
    for inc in small.get("/api/pages", params={"type": "incident"}).json():
        f = small.get(f"/api/pages/{inc['id']}").json()["fields"]
        for e in (f.get("timeline") or [])[:5]:
            assert f"{e['time']} — {e['event'].rstrip('.')[:40]}" in text  # timelines carry their events
        for a in (f.get("action_items") or [])[:4]:
            assert a["text"].rstrip(".")[:40] in text  # action items are named
    assert "Document Index" in text


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    """80 decisions and 40 postmortems that cite each other: past the overview's full-detail limit."""
    root = tmp_path_factory.mktemp("big")
    src = root / "notes"
    src.mkdir()
    for i in range(1, 81):
        (src / f"adr-{i:03d}.md").write_text(
            f"# ADR-{i:03d}: Adopt tool {i}\n\n**Status:** Accepted\n**Date:** 2026-01-{1 + i % 28:02d}\n\n"
            f"## Context\n\nWe need tool {i}; see ADR-001 and ADR-{max(1, i - 1):03d}.\n\n## Decision\n\nWe adopt tool {i}.\n",
            encoding="utf-8")
    for i in range(1, 41):
        (src / f"pm-{i:03d}.md").write_text(
            f"# Postmortem: 2026-03-{1 + i % 28:02d} outage {i}\n\n## Summary\n\nThe API failed for {10 + i} minutes.\n\n"
            f"## Timeline\n\n- 10:00 — Deploy {i} ships.\n- 10:{10 + i % 40:02d} — Alert fires.\n\n"
            f"## Root cause\n\nA bad config in ADR-001's tool.\n\n## Action items\n\n- [ ] Add check number {i} (owner: mina)\n"
            f"- [x] Roll back deploy {i}\n", encoding="utf-8")
    w = init_wiki(root / "wiki", "Big Team")
    ingest(w, [str(src)])
    with TestClient(create_app(w)) as c:
        yield c


def test_large_overview_summarises_and_links_the_indexes(large, monkeypatch):
    blocks = _blocks(large)
    heads = [b["text"] for b in blocks if b["kind"] == "heading"]
    assert heads == ["Recent documents", "Most-linked documents", "Open action items"]
    assert len(blocks) < 60
    text = "\n".join(b["text"] for b in blocks)
    assert "80 architecture decision records" in text and "40 incident postmortems" in text
    assert "ADR-001: Adopt tool 1" in text.split("Most-linked documents")[1]  # everything cites it
    assert "40 action items are still open" in text and "Add check number" in text
    assert all(b["citations"] for b in blocks if b["kind"] != "heading")
    html = large.get("/page/overview").text
    assert 'href="/type/decision">Decisions (ADRs) (80)</a>' in html
    monkeypatch.setattr(views, "PER_PAGE", 30)
    first = large.get("/type/decision?page=1").text
    assert "1–30 of 80" in first and 'href="/type/decision?page=3"' in first
    third = large.get("/type/decision?page=3").text
    assert "61–80 of 80" in third and third.count("<tr>") == 20 + 1
    assert large.get("/type/decision?page=4").status_code == 404
