"""Informal notes: a decision told in prose and a runbook draft compile to typed pages with their fields.

Teams rarely start from a template. These notes, written for this test, have no Status,
Decision or Steps headings: the decision is a sentence ("We decided to go with …"), the
options a list after a lead-in, the trade-off a "Downside:" line, and the runbook a
numbered list whose commands sit inline in backticks.
"""

from __future__ import annotations

DECISION_NOTE = """# Picking a queue for the export pipeline

Date: 2026-09-30
Participants: Priya, Marco, Lena

We need a durable queue between the API and the export workers; today the API writes
jobs straight into Postgres and the workers poll every 5 s, which caused the August backlog.

Options we looked at:
- SQS: managed, cheap, but no ordering within a tenant unless we use FIFO queues
- RabbitMQ: we already run it for notifications; ordering per queue
- Kafka: overkill for ~2k jobs/hour

**We decided to go with RabbitMQ**, one queue per tenant tier, because the team already operates it.

Downside: another stateful service in the export path.
"""

UNDECIDED_NOTE = """# Queue options for exports

We need a durable queue between the API and the export workers.

Options we looked at:
- SQS: managed, cheap
- RabbitMQ: we already run it

We have not decided yet; Marco will benchmark both by Friday.
"""

RUNBOOK_DRAFT = """# draft: what to do when the export queue backs up

If the `ExportQueueDepthHigh` alert fires (depth > 10k for 10 min):

1. check worker pods: `kubectl -n export get pods -l app=export-worker`
2. look at logs: `kubectl -n export logs deploy/export-worker --tail=200`
3. scale workers: `kubectl -n export scale deploy/export-worker --replicas=12`
4. watch depth fall in the "Export queue" dashboard; it should drop below 1k within 15 min

If it does not recover, roll back the last deploy with `argocd app rollback export`.
"""




def _cited(rec, field: str) -> str:
    return "\n".join("\n".join(rec.document.source.lines(s.start, s.end)) for s in rec.citations[field] if s is not None)


def test_a_decision_told_in_prose_is_the_decision_not_the_context(note_record):
    rec = note_record("queue.md", DECISION_NOTE)
    assert rec.kind == "decision"
    assert rec.fields["decision"].startswith("We decided to go with RabbitMQ")
    assert "We decided" in _cited(rec, "decision")
    assert "decided" not in rec.fields["context"] and rec.fields["context"].startswith("We need a durable queue")
    assert rec.fields["status"] == "unknown"  # a decision taken in a meeting note does not state a record's status


def test_short_named_options_split_and_the_one_chosen_is_marked(note_record):
    rec = note_record("queue.md", DECISION_NOTE)
    options = {o["name"]: o for o in rec.fields["options"]}
    assert list(options) == ["SQS", "RabbitMQ", "Kafka"]
    assert options["RabbitMQ"]["outcome"] == "chosen"
    assert options["SQS"]["outcome"] == options["Kafka"]["outcome"] == "considered"
    assert options["Kafka"]["reasons"] == ["overkill for ~2k jobs/hour"]


def test_participants_decide_and_a_downside_line_is_a_negative_consequence(note_record):
    rec = note_record("queue.md", DECISION_NOTE)
    assert rec.fields["deciders"] == ["Priya", "Marco", "Lena"]
    assert rec.fields["consequences"]["negative"] == ["another stateful service in the export path."]
    assert rec.fields["consequences"]["positive"] == []


def test_an_undecided_note_leaves_the_decision_empty(note_record):
    rec = note_record("options.md", UNDECIDED_NOTE)
    assert rec.fields.get("decision", "") == ""
    assert all(o["outcome"] == "considered" for o in rec.fields.get("options", []))


def test_a_runbook_draft_with_inline_commands_is_a_runbook(note_record):
    rec = note_record("export-queue.md", RUNBOOK_DRAFT)
    assert rec.kind == "runbook"
    steps = rec.fields["steps"]
    assert [s["commands"] for s in steps[:3]] == [
        ["kubectl -n export get pods -l app=export-worker"],
        ["kubectl -n export logs deploy/export-worker --tail=200"],
        ["kubectl -n export scale deploy/export-worker --replicas=12"],
    ]


def test_a_drafts_closing_expectation_verifies_and_its_prose_rollback_is_the_rollback(note_record):
    rec = note_record("export-queue.md", RUNBOOK_DRAFT)
    assert rec.fields["verification"] == ['watch depth fall in the "Export queue" dashboard; it should drop below 1k within 15 min']
    assert rec.fields["rollback"] == "If it does not recover, roll back the last deploy with argocd app rollback export."
    assert rec.fields["rollback_commands"] == ["argocd app rollback export"]
    assert "roll back the last deploy" in _cited(rec, "rollback")


def test_a_step_that_only_mentions_rolling_back_is_not_a_rollback(note_record):
    text = RUNBOOK_DRAFT.split("If it does not recover")[0] + "Do not roll back without asking the on-call lead first.\n"
    rec = note_record("export-queue.md", text)
    assert rec.fields["rollback"] is None and rec.fields["rollback_commands"] == []


PROSE_INCIDENT = """# Login outage, 3 Nov 2026

On Tuesday at 14:05 UTC we deployed auth-service v2.3. Within two minutes the login error rate climbed to 35%
and the on-call (Sam) was paged by the LoginErrorsHigh alert at 14:08.

Customers could not log in to the web app for about 40 minutes; the mobile app was unaffected.

The cause was a config change in v2.3 that pointed the session store at the staging Redis cluster.
We rolled back to v2.2 at 14:41 and logins recovered by 14:45.
"""


def test_an_incident_told_as_a_story_gives_its_cause_fix_and_times(note_record):
    rec = note_record("login.md", PROSE_INCIDENT)
    assert rec.kind == "incident"
    assert rec.fields["root_cause"].startswith("The cause was a config change in v2.3")
    assert rec.fields["resolution"] == "We rolled back to v2.2 at 14:41 and logins recovered by 14:45."
    # the times the story tells, each cited by the sentence that tells it
    assert (rec.fields["detected_at"], rec.fields["resolved_at"]) == ("14:08", "14:45")
    assert "14:45" in _cited(rec, "resolved_at") and "14:08" in _cited(rec, "detected_at")
    assert rec.fields["impact"].startswith("Customers could not log in")
    assert rec.fields["timeline"] == []  # a story is not a timeline: none is made up from it


def test_a_fix_that_did_not_work_is_not_the_resolution(note_record):
    text = PROSE_INCIDENT.replace("We rolled back to v2.2 at 14:41 and logins recovered by 14:45.",
                                  "We restarted the pods at 14:20 but nothing changed.")
    rec = note_record("login.md", text)
    assert rec.fields["resolution"] == "" and rec.fields["resolved_at"] is None


KO_DECISION = """# 세션 저장소 선택

날짜: 2026-07-02
참석자: 김민수, 이지은

현재 세션을 Postgres에 저장하고 있어 로그인 피크 때 DB 부하가 큽니다.

검토한 선택지:
- Redis: 빠르고 TTL 지원
- Memcached: 단순하지만 영속성 없음

Redis를 사용하기로 결정했습니다. TTL로 만료를 처리할 수 있기 때문입니다.

단점: 관리할 상태 저장 서비스가 하나 늘어납니다.
"""

JA_RUNBOOK = """# エクスポートキューが詰まったときの対応

`ExportQueueDepthHigh` アラートが発火したら:

1. ワーカーの状態を確認: `kubectl -n export get pods -l app=export-worker`
2. ワーカーを増やす: `kubectl -n export scale deploy/export-worker --replicas=12`
3. ダッシュボードでキューの深さが 1k 未満に下がることを確認する
"""

DE_INCIDENT = """# Ausfall des Login-Dienstes am 3. November 2026

Kunden konnten sich etwa 40 Minuten lang nicht anmelden.

Die Ursache war eine Konfigurationsänderung am Session-Store.
Wir haben um 14:41 auf v2.2 zurückgerollt; um 14:45 war der Login wiederhergestellt.

Maßnahmen:
- Konfigurationsprüfung für Produktionsendpunkte einführen (Verantwortlich: Sam)
"""


def test_a_korean_decision_note(note_record):
    rec = note_record("session.md", KO_DECISION)
    assert rec.kind == "decision"
    assert rec.fields["deciders"] == ["김민수", "이지은"]
    assert rec.fields["decision"].startswith("Redis를 사용하기로 결정했습니다")
    assert [(o["name"], o["outcome"]) for o in rec.fields["options"]] == [("Redis", "chosen"), ("Memcached", "considered")]
    assert rec.fields["consequences"]["negative"] == ["관리할 상태 저장 서비스가 하나 늘어납니다."]


def test_a_japanese_runbook_draft_verifies_with_its_closing_check(note_record):
    rec = note_record("queue.md", JA_RUNBOOK)
    assert rec.kind == "runbook"
    assert rec.fields["verification"] == ["ダッシュボードでキューの深さが 1k 未満に下がることを確認する"]


def test_a_german_incident_story(note_record):
    rec = note_record("login.md", DE_INCIDENT)
    assert rec.kind == "incident"
    assert rec.fields["impact"] == "Kunden konnten sich etwa 40 Minuten lang nicht anmelden."
    assert rec.fields["resolution"].startswith("Wir haben um 14:41 auf v2.2 zurückgerollt")
    assert rec.fields["resolved_at"] == "14:45"
    assert [(a["text"], a["owner"]) for a in rec.fields["action_items"]] == [
        ("Konfigurationsprüfung für Produktionsendpunkte einführen", "Sam")]
