"""The seed's promise: compiling the shared example gives the overview, ADR-014, the
2026-05-12 postmortem and the rollback runbook with every fact the seed page states,
each cited to lines that contain it."""

from __future__ import annotations

import re

import pytest

from lorebook.export import export_json
from lorebook.pipeline import ingest


@pytest.fixture
def compiled(wiki, shared_example):
    ingest(wiki, [shared_example])
    data = export_json(wiki)
    pages = {p["id"]: p for p in data["pages"]}
    lines = (wiki.raw_dir / shared_example.name).read_text().split("\n")
    return wiki, pages, lines


def _page(pages, type_, contains):
    found = [p for p in pages.values() if p["type"] == type_ and contains.lower() in p["title"].lower()]
    assert len(found) == 1, [p["title"] for p in pages.values()]
    return found[0]


def _cited_text(lines, cite):
    return " ".join(lines[cite["start_line"] - 1 : cite["end_line"]])


def test_adr_014_fields(compiled):
    _, pages, lines = compiled
    adr = _page(pages, "decision", "ADR-014")
    f = adr["fields"]
    assert f["number"] == 14 and f["status"] == "accepted"
    outcomes = {o["name"]: o["outcome"] for o in f["options"]}
    assert outcomes == {"MongoDB": "rejected", "DynamoDB": "rejected", "Managed Postgres": "chosen"}
    reasons = {o["name"]: " ".join(o["reasons"]) for o in f["options"]}
    assert "multi-table transactions" in reasons["MongoDB"]
    assert "lock-in" in reasons["DynamoDB"] and "ad-hoc query" in reasons["DynamoDB"]
    assert adr["confidence"] == "high", adr["confidence_reason"]
    for i, opt in enumerate(f["options"]):
        cite = adr["field_citations"]["options"][i]
        assert opt["name"].split()[-1] in _cited_text(lines, cite)


def test_postmortem_fields(compiled):
    _, pages, lines = compiled
    pm = _page(pages, "incident", "2026-05-12")
    f = pm["fields"]
    assert f["date"] == "2026-05-12"
    assert [e["time"] for e in f["timeline"]] == ["14:02", "14:10", "14:47", "14:55"]
    assert f["duration_minutes"] == 45
    items = f["action_items"]
    assert len(items) == 3 and all(a["status"] == "open" for a in items)
    assert any("80%" in a["text"] for a in items)
    for i, e in enumerate(f["timeline"]):
        assert e["time"] in _cited_text(lines, pm["field_citations"]["timeline"][i])


def test_runbook_fields(compiled):
    _, pages, lines = compiled
    rb = _page(pages, "runbook", "Roll back")
    steps = rb["fields"]["steps"]
    assert [s["number"] for s in steps] == [1, 2, 3, 4, 5]
    assert steps[0]["title"] == "Confirm the regression"
    assert any("migration" in c for c in rb["fields"]["caveats"])


def test_overview_and_document_index(compiled):
    wiki, pages, _ = compiled
    ov = pages["overview"]
    assert ov["type"] == "concept" and ov["confidence"] == "high"
    rows = [b for b in ov["blocks"] if b["kind"] == "row"]
    kinds = [r["text"].split(" | ")[0] for r in rows]
    assert kinds.count("ADR") == 1 and kinds.count("Postmortem") == 1 and kinds.count("Runbook") == 1
    assert kinds.count("Source") == 1
    summaries = {r["text"].split(" | ")[0]: r["text"].split(" | ")[2] for r in rows}
    assert "MongoDB" in summaries["ADR"] and "DynamoDB" in summaries["ADR"]
    assert "45-min" in summaries["Postmortem"]
    assert summaries["Runbook"].startswith("5-step")
    text = (wiki.wiki_dir / "concepts" / "overview.md").read_text()
    assert "| Type | Document | One-line summary |" in text
    for heading in ("## Architecture Decision Records", "## Incident Postmortems", "## Operational Runbooks",
                    "## How these documents relate", "## Document Index"):
        assert heading in text


def test_pages_link_as_the_seed_does(compiled):
    _, pages, _ = compiled
    adr = _page(pages, "decision", "ADR-014")
    pm = _page(pages, "incident", "2026-05-12")
    rb = _page(pages, "runbook", "Roll back")
    # the overview links every document; the postmortem's rollback follows the runbook;
    # the ADR's rollback consequence points at the runbook; the outage concerns the Postgres ADR
    assert {adr["id"], pm["id"], rb["id"]} <= set(pages["overview"]["links"])
    assert rb["id"] in pm["links"]
    assert rb["id"] in adr["links"]
    assert adr["id"] in pm["links"]


def test_every_claim_block_is_cited_and_the_lines_hold_its_words(compiled):
    wiki, pages, lines = compiled
    for p in pages.values():
        for b in p["blocks"]:
            if b["kind"] in ("paragraph", "item", "row", "code", "link_item", "link_paragraph"):
                assert b["citations"], (p["id"], b)
    # the words of each timeline/action/step block appear in the lines it cites
    pm = _page(pages, "incident", "2026-05-12")
    for b in pm["blocks"]:
        if b["kind"] == "item" and b["text"].startswith("[ ]"):
            words = re.findall(r"[a-z]{5,}", b["text"].lower())[:4]
            cited = " ".join(_cited_text(lines, c) for c in b["citations"]).lower()
            assert all(w in cited for w in words), (b["text"], cited)


def test_files_on_disk(compiled):
    wiki, pages, _ = compiled
    adr = _page(pages, "decision", "ADR-014")
    text = (wiki.root / adr["path"]).read_text()
    assert text.startswith("---\nid: ")
    for key in ("type:", "title:", "confidence:", "confidence_reason:", "version:", "edited_by:", "origin:",
                "updated:", "sources:", "links:"):
        assert f"\n{key}" in text
    assert re.search(r"\]\(\.\./\.\./raw/engineering-incidents-and-decisions\.md#L\d+-L\d+\)", text)
    index = (wiki.wiki_dir / "index.md").read_text()
    assert "ADR-014" in index and "Roll back a bad deploy" in index
    log = (wiki.wiki_dir / "log.md").read_text()
    assert re.search(r"^## \[\d{4}-\d\d-\d\d \d\d:\d\d\] ingest \| engineering-incidents-and-decisions\.md$", log, re.M)
