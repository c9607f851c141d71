"""Incident shapes from the forty-first round: a timeline's first entry that sets something going (a script
started, a command run, a batch merged) is the trigger the notes do not name, and the page says where it came from;
a first entry that only states the failure is none. The notes are written for these tests."""

from __future__ import annotations

from pathlib import Path

from test_unseen_shapes import cited, one

from lorebook.config import init_wiki
from lorebook.pipeline import ingest


def _incident(first: str) -> str:
    return ("# Störung: Backup-Server überlastet\n\n**Datum:** 2026-05-04\n\n## Zusammenfassung\n\n"
            "Der Backup-Server war eine Stunde lang nicht erreichbar.\n\n## Timeline\n\n"
            f"{first}\n19:20:00 - Monitoring meldet Timeouts, Bereitschaft informiert\n"
            "20:05:00 - Server neu gestartet, Dienst wiederhergestellt\n")


def test_the_first_entry_that_sets_something_going_is_the_trigger():
    for first, said in (("19:00:01 - Backup-Script startet (3x parallel!)", "Backup-Script startet"),
                        ("19:00 — 执行 `docker compose up -d` 拉取镜像", "docker compose up -d"),
                        ("19:00 - TXT 支持批次合入", "TXT 支持批次合入")):
        rec = one(_incident(first))
        assert said in rec.fields["trigger"], (first, rec.fields["trigger"])
        assert rec.fields["trigger_source"] == "timeline"
        assert said.split()[0] in cited(rec, "trigger")


def test_a_first_entry_that_only_states_the_failure_is_no_trigger():
    rec = one(_incident("19:00:01 - Backup-Server nicht erreichbar"))
    assert rec.fields["trigger"] == ""
    assert not rec.fields.get("trigger_source")


def test_a_stated_trigger_is_not_marked_as_the_timelines(tmp_path: Path):
    text = _incident("19:00:01 - Backup-Script startet").replace(
        "Der Backup-Server war", "The outage was triggered by a broker upgrade. Der Backup-Server war")
    rec = one(text)
    assert rec.fields["trigger"] == "a broker upgrade"
    assert rec.fields.get("trigger_source") != "timeline"


def test_the_page_says_the_trigger_is_the_timelines_first_entry(tmp_path: Path):
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "backup.md").write_text(_incident("19:00:01 - Backup-Script startet (3x parallel!)"), encoding="utf-8")
    wiki = init_wiki(tmp_path / "w", name="t")
    ingest(wiki, [notes])
    page = next((tmp_path / "w" / "wiki").rglob("*backup*.md")).read_text(encoding="utf-8")
    trigger = page.split("## Trigger", 1)[1].split("\n## ", 1)[0]
    assert "Backup-Script startet" in trigger and "(the timeline's first entry)" in trigger
