"""Field x shape matrix: every shape issue 11 lists, for every kind it applies to, on the project's own fixtures.

Each case names a fixture (tests/fixtures/shapes/, written for this test in English,
Korean, Japanese and German), the field, the shape it is written in, and what a reader
expects to find. Every value must also cite lines that hold it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lorebook import vocab
from lorebook.extract import extract
from lorebook.sources.parts import labelled_parts
from lorebook.sources.reader import read_source
from lorebook.sources.segment import documents

SHAPES = Path(__file__).resolve().parent / "fixtures" / "shapes"


def _record(name: str):
    docs = documents(read_source(SHAPES / name, "raw/" + name))
    assert len(docs) == 1, name
    return extract(docs[0])


def _cited(rec, field: str) -> str:
    src = rec.document.source
    return "\n".join("\n".join(src.lines(s.start, s.end)) for s in rec.cite(field) if s is not None)


def _times(rec) -> list[str]:
    return [e["time"][-5:] for e in rec.fields["timeline"]]


# (fixture, kind, field, shape, check(record) -> bool)
CASES = [
    # --- incidents ---
    ("incident-bold-leads.md", "incident", "summary", "bold lead 'Summary:'", lambda r: "stopped draining" in r.fields["summary"]),
    ("incident-bold-leads.md", "incident", "impact", "bold lead 'Impact.'", lambda r: "300 orders" in r.fields["impact"]),
    ("incident-bold-leads.md", "incident", "root_cause", "bold lead 'Root cause.'", lambda r: "stale config" in r.fields["root_cause"]),
    ("incident-bold-leads.md", "incident", "action_items", "bold lead 'Action point:'",
     lambda r: [a["text"] for a in r.fields["action_items"]] == ["Read pool sizes from the live config service."]),
    ("incident-bold-leads.md", "incident", "timeline", "time/event table outside a Timeline heading",
     lambda r: _times(r) == ["14:05", "14:20", "14:41"]),
    ("incident-bold-leads.md", "incident", "duration_minutes", "computed from the timeline, and says so",
     lambda r: (r.fields["duration_minutes"], r.fields["duration_source"]) == (36, "computed")),
    ("incident-tables.md", "incident", "date", "two-column key/value table", lambda r: r.fields["date"] == "2024-02-11"),
    ("incident-tables.md", "incident", "severity", "two-column key/value table", lambda r: r.fields["severity"] == "SEV-2"),
    ("incident-tables.md", "incident", "duration_minutes", "'Duration: 1h 25m' in a metadata table",
     lambda r: (r.fields["duration_minutes"], r.fields["duration_source"]) == (85, "stated")),
    ("incident-tables.md", "incident", "timeline", "time/event table under an unnamed heading",
     lambda r: _times(r) == ["09:10", "09:40", "10:35"]),
    ("incident-tables.md", "incident", "root_cause", "Root cause chosen over Contributing factors",
     lambda r: "committed offsets" in r.fields["root_cause"] and "neighbour" not in r.fields["root_cause"]),
    ("incident-tables.md", "incident", "action_items", "action/owner/status table",
     lambda r: [(a["owner"], a["status"]) for a in r.fields["action_items"]] == [("dana", "done"), ("li", "open")]),
    ("incident-tables.md", "incident", "trigger", "prose '… was triggered by …'", lambda r: r.fields["trigger"] == "a broker upgrade"),
    ("incident-de.md", "incident", "trigger", "no trigger stated stays empty", lambda r: r.fields["trigger"] == ""),
    ("incident-header-table.md", "incident", "date", "one-row header table", lambda r: r.fields["date"] == "2024-11-02"),
    ("incident-header-table.md", "incident", "severity", "one-row header table", lambda r: r.fields["severity"] == "SEV-3"),
    ("incident-header-table.md", "incident", "duration_minutes", "one-row header table 'Time to recovery'",
     lambda r: (r.fields["duration_minutes"], r.fields["duration_source"]) == (50, "stated")),
    ("incident-headings.md", "incident", "impact", "question heading 'Who was affected'", lambda r: "1,200" in r.fields["impact"]),
    ("incident-headings.md", "incident", "root_cause", "question heading 'Why it happened'", lambda r: "size limit" in r.fields["root_cause"]),
    ("incident-headings.md", "incident", "detection", "heading 'How we found out'", lambda r: "emailed support" in r.fields["detection"]),
    ("incident-headings.md", "incident", "action_items", "'Lessons learned and action items' heading",
     lambda r: [a["text"] for a in r.fields["action_items"]] == ["Alert on delivery drop rate", "Replay the dropped events"]),
    ("incident-lasted.md", "incident", "duration_minutes", "'the disruption lasted 1h 25m' beats the 30-minute timeline",
     lambda r: (r.fields["duration_minutes"], r.fields["duration_source"]) == (85, "stated")),
    ("incident-lasted.md", "incident", "root_cause", "prose 'The immediate cause was …'", lambda r: "kernel upgrade" in r.fields["root_cause"]),
    ("incident-lasted.md", "incident", "action_items", "checklist under 'Follow-ups'",
     lambda r: [a["status"] for a in r.fields["action_items"]] == ["open", "done"]),
    ("incident-window.md", "incident", "duration_minutes", "'between 19:00 and 21:00 UTC'; 'delayed by up to 6 hours' is not it",
     lambda r: (r.fields["duration_minutes"], r.fields["duration_source"]) == (120, "stated")),
    ("incident-window.md", "incident", "root_cause", "prose '… was caused by …'", lambda r: "full disk" in r.fields["root_cause"]),
    ("incident-window.md", "incident", "action_items", "a checklist with no heading", lambda r: len(r.fields["action_items"]) == 2),
    ("incident-prose.md", "incident", "date", "long date in prose 'On Tuesday 3 March 2020'", lambda r: r.fields["date"] == "2020-03-03"),
    ("incident-prose.md", "incident", "root_cause", "prose 'The root cause for this incident is …'",
     lambda r: "expired signing certificate" in r.fields["root_cause"]),
    ("incident-prose.md", "incident", "duration_minutes", "'approximately 25 minutes'; a delay bound is not the duration",
     lambda r: (r.fields["duration_minutes"], r.fields["duration_source"]) == (25, "stated")),
    ("incident-prose.md", "incident", "timeline", "bold-lead long-date lines under a lead-in",
     lambda r: _times(r) == ["07:30", "07:41", "07:55"] and r.fields["timeline"][0]["time"].startswith("2020-03-03")),
    ("incident-prose.md", "incident", "action_items", "'Going forward, we will:' bullets",
     lambda r: len(r.fields["action_items"]) == 2 and "inventory" in r.fields["action_items"][0]["text"]),
    ("incident-durations.md", "incident", "duration_minutes", "'Time to recovery: 20 minutes' beats the timeline",
     lambda r: (r.fields["duration_minutes"], r.fields["duration_source"]) == (20, "stated")),
    ("incident-durations.md", "incident", "timeline", "'2023-06-01 0915:' compact clock lines",
     lambda r: _times(r) == ["09:15", "10:30"]),
    ("incident-durations.md", "incident", "root_cause", "plain-text heading 'Root cause' on its own line",
     lambda r: r.fields["root_cause"] == "A retry loop in the exporter exhausted the connection pool."),
    ("incident-ko.md", "incident", "duration_minutes", "Korean '약 25분'", lambda r: r.fields["duration_minutes"] == 25),
    ("incident-ko.md", "incident", "timeline", "Korean heading '경과'", lambda r: _times(r) == ["10:02", "10:15", "10:27"]),
    ("incident-ko.md", "incident", "root_cause", "Korean heading '근본 원인'", lambda r: "캐시 만료" in r.fields["root_cause"]),
    ("incident-ko.md", "incident", "action_items", "Korean heading '재발 방지 대책'", lambda r: r.fields["action_items"][0]["owner"] == "민수"),
    ("incident-ja.md", "incident", "date", "Japanese key '日付:'", lambda r: r.fields["date"] == "2025-05-20"),
    ("incident-ja.md", "incident", "timeline", "Japanese table headers under 'タイムライン'", lambda r: _times(r) == ["08:00", "08:12", "08:30"]),
    ("incident-ja.md", "incident", "root_cause", "Japanese heading '根本原因'", lambda r: "証明書" in r.fields["root_cause"]),
    ("incident-ja.md", "incident", "action_items", "Japanese heading '再発防止策'", lambda r: len(r.fields["action_items"]) == 1),
    ("incident-de.md", "incident", "date", "German key 'Datum:'", lambda r: r.fields["date"] == "2025-01-14"),
    ("incident-de.md", "incident", "timeline", "German heading 'Zeitlicher Ablauf'", lambda r: _times(r) == ["13:00", "13:20", "13:45"]),
    ("incident-de.md", "incident", "root_cause", "German heading 'Ursache'", lambda r: "Schema-Update" in r.fields["root_cause"]),
    ("incident-de.md", "incident", "action_items", "German heading 'Maßnahmen'", lambda r: len(r.fields["action_items"]) == 1),
    ("incident-es.md", "incident", "timeline", "Spanish heading 'Cronología'", lambda r: _times(r) == ["11:00", "11:05", "11:40"]),
    ("incident-es.md", "incident", "root_cause", "Spanish heading 'Causa raíz'", lambda r: "índice" in r.fields["root_cause"]),
    ("incident-es.md", "incident", "duration_minutes", "Spanish 'durante 40 minutos'", lambda r: r.fields["duration_minutes"] == 40),
    ("incident-es.md", "incident", "action_items", "Spanish heading 'Acciones correctivas'", lambda r: len(r.fields["action_items"]) == 1),
    ("incident-atlassian.md", "incident", "trigger", "Atlassian 'Leadup'", lambda r: "bucket policy" in r.fields["trigger"]),
    ("incident-atlassian.md", "incident", "root_cause", "Atlassian 'Fault'", lambda r: "write access" in r.fields["root_cause"]),
    ("incident-atlassian.md", "incident", "detection", "'Detection' section prose", lambda r: "Support tickets" in r.fields["detection"]),
    # --- decisions ---
    ("adr-bold-table.md", "decision", "number", "prefixed id 'TEAM-ADR-0042'", lambda r: r.fields["number"] == 42),
    ("adr-bold-table.md", "decision", "status", "two-column key/value table", lambda r: r.fields["status"] == "accepted"),
    ("adr-bold-table.md", "decision", "deciders", "two-column key/value table", lambda r: r.fields["deciders"] == ["Ana", "Bo"]),
    ("adr-bold-table.md", "decision", "date", "'Created on 2019-04-02'", lambda r: r.fields["date"] == "2019-04-02"),
    ("adr-bold-table.md", "decision", "context", "bold lead 'Context:'", lambda r: "process memory" in r.fields["context"]),
    ("adr-bold-table.md", "decision", "decision", "bold lead 'Decision:'", lambda r: "shared Redis" in r.fields["decision"]),
    ("adr-bold-table.md", "decision", "supersedes", "'It supersedes ADR-003' in prose", lambda r: r.fields["supersedes"] == ["ADR-003"]),
    ("adr-madr-next-line.md", "decision", "number", "'DR 017'", lambda r: r.fields["number"] == 17),
    ("adr-madr-next-line.md", "decision", "options", "chosen option on the line after 'Chosen option:'",
     lambda r: {o["name"]: o["outcome"] for o in r.fields["options"]} == {"Postgres-backed queue": "chosen", "RabbitMQ": "considered"}),
    ("adr-madr-next-line.md", "decision", "status", "no status stated stays unknown", lambda r: r.fields["status"] == "unknown"),
    ("adr-y-statement.md", "decision", "decision", "Y-statement in a fence", lambda r: "edge cache" in r.fields["decision"]),
    ("adr-y-statement.md", "decision", "options", "Y-statement chosen / neglected",
     lambda r: {o["name"]: o["outcome"] for o in r.fields["options"]} == {"an edge cache": "chosen", "in-process memoization": "rejected"}),
    ("adr-y-statement.md", "decision", "consequences", "Y-statement achieve / accepting",
     lambda r: r.fields["consequences"]["negative"] == ["prices may be a minute stale"]),
    ("adr-tyree.md", "decision", "options", "Tyree Positions + Argument",
     lambda r: [o["name"] for o in r.fields["options"] if o["outcome"] == "chosen"] == ["Vector"]
     and any("transforms" in x for o in r.fields["options"] for x in o["reasons"])),
    ("adr-tyree.md", "decision", "context", "Tyree 'Issue'", lambda r: "by hand" in r.fields["context"]),
    ("adr-tyree.md", "decision", "status", "'Draft' is proposed", lambda r: r.fields["status"] == "proposed"),
    ("adr-no-status.md", "decision", "status", "a chosen option does not make it accepted",
     lambda r: r.fields["status"] == "unknown" and "status" in r.key_missing),
    ("adr-bare-status.md", "decision", "status", "a bare bold status word under the title", lambda r: r.fields["status"] == "proposed"),
    ("adr-0031-use-grpc.md", "decision", "number", "number only in the file name", lambda r: r.fields["number"] == 31),
    ("adr-0031-use-grpc.md", "decision", "date", "'Accepted on 12 May 2021'", lambda r: r.fields["date"] == "2021-05-12"),
    ("adr-0031-use-grpc.md", "decision", "status", "'Accepted on …' states the status", lambda r: r.fields["status"] == "accepted"),
    ("adr-0031-use-grpc.md", "decision", "options", "'We retained gRPC'",
     lambda r: {o["name"]: o["outcome"] for o in r.fields["options"]} == {"REST with OpenAPI": "considered", "gRPC": "chosen"}),
    ("adr-0031-use-grpc.md", "decision", "supersedes", "'This decision replaces ADR-12' in prose", lambda r: r.fields["supersedes"] == ["ADR-12"]),
    ("adr-ko.md", "decision", "status", "Korean '승인'", lambda r: r.fields["status"] == "accepted"),
    ("adr-ko.md", "decision", "context", "Korean heading '배경'", lambda r: "주문 이벤트" in r.fields["context"]),
    ("adr-de.md", "decision", "status", "German 'Vorgeschlagen'", lambda r: r.fields["status"] == "proposed"),
    ("adr-de.md", "decision", "decision", "German heading 'Entscheidung'", lambda r: "Repository" in r.fields["decision"]),
    ("adr-de.md", "decision", "context", "German heading 'Kontext'", lambda r: "per Hand" in r.fields["context"]),
    ("adr-fr.md", "decision", "status", "French 'Accepté'", lambda r: r.fields["status"] == "accepted"),
    ("adr-fr.md", "decision", "decision", "French heading 'Décision'", lambda r: "stockage objet" in r.fields["decision"]),
    ("adr-fr.md", "decision", "consequences", "French heading 'Conséquences'", lambda r: len(r.fields["consequences"]["neutral"]) == 1),
    ("adr-alexandrian.md", "decision", "context", "Alexandrian 'Discussion'", lambda r: "Transient" in r.fields["context"]),
    ("adr-alexandrian.md", "decision", "decision", "Alexandrian 'Solution'", lambda r: "jitter" in r.fields["decision"]),
    ("adr-ja.md", "decision", "status", "Japanese '承認'", lambda r: r.fields["status"] == "accepted"),
    ("adr-ja.md", "decision", "decision", "Japanese heading '決定'", lambda r: "認証サービス" in r.fields["decision"]),
    # --- runbooks ---
    ("runbook-bold-checklist.md", "runbook", "prerequisites", "bold lead 'Prerequisites:' over a list",
     lambda r: r.fields["prerequisites"] == ["Access to the secrets vault", "A maintenance window"]),
    ("runbook-bold-checklist.md", "runbook", "steps", "'- [ ]' checklist procedure",
     lambda r: len(r.fields["steps"]) == 3 and r.fields["steps"][0]["commands"] == ["vault write transit/keys/api/rotate"]),
    ("runbook-bold-checklist.md", "runbook", "verification", "bold lead 'Verify:'",
     lambda r: any("new key" in v for v in r.fields["verification"])),
    ("runbook-bold-checklist.md", "runbook", "rollback", "bold lead 'Rollback:'", lambda r: "previous key" in (r.fields["rollback"] or "")),
    ("runbook-two-lists.md", "runbook", "steps", "two numbered lists under one procedure, code following a step",
     lambda r: len(r.fields["steps"]) == 5 and r.fields["steps"][1]["commands"] == ["pg_dump reports > reports.sql"]
     and "psql reports < reports.sql" in r.fields["steps"][3]["commands"]),
    ("runbook-two-lists.md", "runbook", "verification", "'Verify that …' sentence",
     lambda r: any("row counts" in v for v in r.fields["verification"])),
    ("runbook-many-alerts.md", "runbook", "steps", "a file of many alerts: each alert keeps its own steps",
     lambda r: [(s["alert"], s["number"]) for s in r.fields["steps"]]
     == [("DiskAlmostFull", 1), ("DiskAlmostFull", 2), ("ReplicaLagHigh", 1), ("ReplicaLagHigh", 2), ("ReplicaLagHigh", 3)]
     and r.fields["steps"][4]["commands"] == [] and r.fields["steps"][3]["commands"] == ["pg_ctl restart -D /data/replica"]),
    ("runbook-table-meta.md", "runbook", "contacts", "two-column key/value table 'Owner'", lambda r: "#team-edge" in r.fields["contacts"]),
    ("runbook-table-meta.md", "runbook", "last_reviewed", "two-column key/value table 'Last reviewed'",
     lambda r: r.fields["last_reviewed"] == "2025-01-10"),
    ("runbook-table-meta.md", "runbook", "verification", "'Check resolution' section",
     lambda r: r.fields["verification"] == ["The certificate's expiry date is a year away."]),
    ("runbook-table-meta.md", "runbook", "steps", "inline-code commands inside numbered steps",
     lambda r: [s["commands"] for s in r.fields["steps"]] == [["certbot renew --cert-name edge"], ["systemctl reload haproxy"]]),
    ("runbook-ja.md", "runbook", "steps", "Japanese heading '手順'",
     lambda r: len(r.fields["steps"]) == 2 and r.fields["steps"][0]["commands"] == ["kubectl rollout restart deploy/cache"]),
    ("runbook-ja.md", "runbook", "prerequisites", "Japanese heading '前提条件'", lambda r: len(r.fields["prerequisites"]) == 1),
    ("runbook-ja.md", "runbook", "verification", "Japanese heading '確認'", lambda r: len(r.fields["verification"]) == 1),
    ("runbook-zh.md", "runbook", "steps", "Chinese heading '步骤'",
     lambda r: len(r.fields["steps"]) == 3 and r.fields["steps"][1]["commands"] == ["systemctl restart rabbitmq-server"]),
    ("runbook-zh.md", "runbook", "verification", "Chinese heading '验证'", lambda r: len(r.fields["verification"]) == 1),
    ("runbook-zh.md", "runbook", "prerequisites", "Chinese heading '前提条件'", lambda r: len(r.fields["prerequisites"]) == 1),
    ("runbook-de.md", "runbook", "steps", "German heading 'Vorgehen'", lambda r: len(r.fields["steps"]) == 3),
    ("runbook-de.md", "runbook", "prerequisites", "German heading 'Voraussetzungen'", lambda r: len(r.fields["prerequisites"]) == 1),
    ("runbook-de.md", "runbook", "verification", "German heading 'Überprüfung'", lambda r: len(r.fields["verification"]) == 1),
    ("runbook-de.md", "runbook", "overview", "German heading 'Überblick'", lambda r: "überläuft" in r.fields["overview"]),
]


@pytest.mark.parametrize("fixture,kind,field,shape,check", CASES, ids=[f"{c[1]}-{c[2]}-{c[3]}" for c in CASES])
def test_field_shape(fixture, kind, field, shape, check):
    rec = _record(fixture)
    assert rec.kind == kind, f"{fixture} classified as {rec.kind}"
    assert check(rec), f"{field} from {shape}: {rec.fields.get(field)!r}"
    assert field in vocab.fields(kind) or field in rec.fields
    if rec.fields.get(field) not in (None, "", [], "unknown") and field not in ("status",):
        assert _cited(rec, field), f"{field} has a value but cites no line"


def test_every_fixture_is_its_kind_and_labels_are_unicode():
    for path in sorted(SHAPES.glob("*.md")):
        docs = documents(read_source(path, "raw/" + path.name))
        want = {"incident": "incident", "adr": "decision", "runbook": "runbook"}[path.name.split("-")[0]]
        assert [d.kind for d in docs] == [want], path.name
    parts = labelled_parts(documents(read_source(SHAPES / "incident-ja.md", "raw/x.md"))[0])
    assert ("日付", "key", "2025-05-20") in [(p.label, p.shape, p.value) for p in parts]


def test_parts_layer_shapes():
    doc = documents(read_source(SHAPES / "incident-prose.md", "raw/x.md"))[0]
    parts = labelled_parts(doc)
    shapes = {p.shape for p in parts}
    assert {"leadin", "bold", "checklist", "key"} <= shapes
    lead = next(p for p in parts if p.shape == "leadin" and p.label == "Going forward, we will")
    assert [b.kind for b in lead.blocks] == ["item", "item"]
    doc = documents(read_source(SHAPES / "incident-tables.md", "raw/x.md"))[0]
    assert any(p.shape == "section" and p.label == "Root cause" for p in labelled_parts(doc))
    rows = [p for p in labelled_parts(doc) if p.shape == "row"]
    assert rows[0].cells == {"Field": "Date", "Value": "2024-02-11"}
    assert vocab.table_shape(["Action", "Owner", "Status"]) == "actions"
    assert vocab.table_shape(["When", "What happened"]) == "timeline"
    assert vocab.table_shape(["Field", "Value"]) == "metadata"
