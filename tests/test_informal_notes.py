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
