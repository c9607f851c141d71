"""Shapes met on documents Lorebook had never seen (the "unseen" check, docs/performance.md).

Each test is a small hand-written note in one shape, and what a reader expects from it.
The documents that showed the shapes stay outside the project; these snippets are ours.
"""

from __future__ import annotations

from lorebook.extract import extract
from lorebook.sources.reader import source_from_text
from lorebook.sources.segment import documents


def records(text: str, name: str = "notes.md"):
    docs = documents(source_from_text("raw/" + name, text))
    return [extract(d) for d in docs]


def one(text: str, name: str = "notes.md"):
    recs = records(text, name)
    assert len(recs) == 1, [r.document.title for r in recs]
    return recs[0]


def cited(rec, field: str) -> str:
    src = rec.document.source
    return "\n".join("\n".join(src.lines(s.start, s.end)) for s in rec.cite(field) if s is not None)


# --- decisions ---


def test_identifier_heading_over_title_heading_is_one_record():
    rec = one("### **ADR_012-00**:\n\n### Queue for billing events\n\n**<u>Status</u>**:\tProposed\n\n"
              "**<u>Context</u>**: Billing reads the shared DB.\n\n**<u>Decision</u>**:\n\nWe will publish billing events to a queue.\n\n"
              "**<u>Consequences</u>**:\n\nOne more queue to run.\n")
    f = rec.fields
    assert rec.document.kind == "decision"
    assert "Queue for billing events" in rec.document.title and f["number"] == 12
    assert f["status"] == "proposed"
    assert "shared DB" in f["context"] and "publish billing events" in f["decision"]
    assert f["consequences"]["neutral"] == ["One more queue to run."]
    assert "One more queue" in cited(rec, "consequences")


def test_options_listed_under_a_lead_in_sentence():
    rec = one("# 4. Where the cache lives\n\nDate: 2023-01-02\n\n## Status\n\nAccepted\n\n## Context\n\nReads are slow.\n\n"
              "## Decision\n\nWe discussed three options:\n\n1. keep the cache in process\n2. run Redis\n3. run Memcached\n\n"
              "We chose Redis because we already run it.\n")
    names = [o["name"] for o in rec.fields["options"]]
    assert names == ["keep the cache in process", "run Redis", "run Memcached"]


def test_a_numbered_plan_is_not_a_list_of_options():
    rec = one("# 5. Move to managed queues\n\n## Status\n\nAccepted\n\n## Context\n\nWe run RabbitMQ by hand.\n\n"
              "## Decision\n\nThe approaches taken for the move are:\n\n1. new services use SQS\n2. old services move when touched\n")
    assert rec.fields["options"] == []


def test_status_menu_with_the_chosen_one_in_bold():
    rec = one("# ADR-7: Feature flags\n\n## Status\n\nProposed | **Accepted** | Rejected | Superseded\n\n## Context\n\nx\n\n## Decision\n\ny\n")
    assert rec.fields["status"] == "accepted"


def test_status_menu_with_nothing_marked_states_no_status():
    rec = one("# ADR-8: Logging\n\n## Status\n\nProposed / Accepted / Rejected / Deprecated\n\n## Context\n\nx\n\n## Decision\n\ny\n")
    assert rec.fields["status"] == "unknown"


def test_dated_status_history_takes_the_latest_line():
    rec = one("# 3. 使用缓存\n\n日期: 2020-05-01\n\n## 状态\n\n2020-05-01 提议\n\n2020-05-03 通过\n\n## 背景\n\n查询太慢。\n\n## 决策\n\n使用 Redis。\n")
    assert rec.fields["status"] == "accepted"
    assert "通过" in cited(rec, "status")


def test_template_placeholder_text_is_not_a_decision():
    rec = one("# 9. Better record format\n\nDate: 2020-01-01\n\n## Status\n\nProposed\n\n## Context\n\nThe format could be better.\n\n"
              "## Decision\n\nRecord the decision here...\n\n## Consequences\n\n[Describe the consequences]\n")
    assert rec.fields["decision"] == ""
    assert not any(rec.fields["consequences"].values())
