"""Chat exports: a pasted Slack, IRC or Teams log compiles to an incident with its timeline, owners and citations.

The transcripts below are written for this test in the shapes teams paste: bracketed
stamps with bold names, IRC's "<nick>", Slack's copy shape (name and time on a line,
the message under it), in Markdown and plain text.
"""

from __future__ import annotations

from lorebook.sources.chat import is_conversation, messages

BRACKETED = """# #inc-payments export, 2026-10-14

**[09:02] alice:** PagerDuty fired: checkout p99 latency > 3s on payments-api
**[09:04] bob:** looking. DB CPU at 98% on pg-primary-2
continuing: the reindex job is running
**[09:07] alice:** declaring SEV2, I'm IC.
**[09:18] bob:** killed the reindex, CPU back to 40%
**[09:25] alice:** latency normal, resolved
**[09:40] carol:** action item: pin cron schedules to UTC — owner bob, due 10-21
**[09:41] carol:** action item: alert on reindex running during business hours — owner alice
"""

SLACK_COPY = """Checkout outage 2026-11-02 (copied from #inc-checkout)

dana  2:14 PM
seeing 502s from checkout in eu-west

erik  2:16 PM
rolling back v4.12.0 now

dana  2:31 PM
error rate back to baseline, resolved

erik  2:40 PM
Root cause: the new connection pool limit (10) was below peak concurrency
"""

IRC = """# DNS incident log

[2026-03-01 04:10] <mira> pager went off: api.example.com NXDOMAIN
[2026-03-01 04:12] <tom> zone file was truncated by the 04:00 cron
[2026-03-01 04:20] <mira> restored zone from backup, resolved
"""




def _lines(rec, field: str, i: int | None = None) -> str:
    spans = rec.citations[field] if i is None else [rec.citations[field][i]]
    return "\n".join("\n".join(rec.document.source.lines(s.start, s.end)) for s in spans if s is not None)


def test_each_message_is_a_timeline_entry_citing_its_own_lines(note_record):
    rec = note_record("payments.md", BRACKETED)
    assert rec.kind == "incident"
    times = [e["time"] for e in rec.fields["timeline"]]
    assert times == ["09:02", "09:04", "09:07", "09:18", "09:25", "09:40", "09:41"]
    assert rec.fields["timeline"][1]["event"].startswith("bob: looking")
    assert "the reindex job is running" in rec.fields["timeline"][1]["event"]  # a continuation line joins its message
    assert _lines(rec, "timeline", 1).splitlines()[1] == "continuing: the reindex job is running"
    assert _lines(rec, "timeline", 0).startswith("**[09:02] alice:**")


def test_severity_owners_and_detection_come_from_the_messages(note_record):
    rec = note_record("payments.md", BRACKETED)
    assert rec.fields["severity"] == "SEV2"
    assert "declaring SEV2" in _lines(rec, "severity")
    items = rec.fields["action_items"]
    assert [(a["owner"], a["status"]) for a in items] == [("bob", "open"), ("alice", "open")]
    assert items[0]["text"].startswith("pin cron schedules to UTC")
    # "action item: alert on …" plans an alert; the page came from PagerDuty at 09:02
    assert rec.fields["detected_at"] == "09:02"
    assert rec.fields["resolved_at"] == "09:25"


def test_slack_copy_in_plain_text_is_titled_by_its_first_line(note_record):
    rec = note_record("checkout.txt", SLACK_COPY)
    assert rec.kind == "incident"
    assert rec.document.title == "Checkout outage 2026-11-02 (copied from #inc-checkout)"
    assert [e["time"] for e in rec.fields["timeline"]] == ["14:14", "14:16", "14:31", "14:40"]
    assert rec.fields["root_cause"] == "the new connection pool limit (10) was below peak concurrency"
    assert "Root cause:" in _lines(rec, "root_cause")
    # the header line and the message under it are one message
    assert _lines(rec, "timeline", 0) == "dana  2:14 PM\nseeing 502s from checkout in eu-west"


def test_irc_log_keeps_dates_and_computes_a_duration_that_says_so(note_record):
    rec = note_record("dns.md", IRC)
    assert [e["time"] for e in rec.fields["timeline"]] == ["2026-03-01 04:10", "2026-03-01 04:12", "2026-03-01 04:20"]
    assert (rec.fields["detected_at"], rec.fields["resolved_at"]) == ("04:10", "04:20")
    if rec.fields["duration_minutes"] is not None:
        assert rec.fields["duration_source"] != "stated"


def test_a_timeline_of_events_or_a_short_exchange_is_not_a_conversation():
    events = ["09:02 Alert fired: p99 over 3 s", "09:05 Deploy rolled back", "09:10 Recovered"]
    found = messages(events)
    assert found is None or not is_conversation(found)
    two = ["[10:00] ann: deploy?", "[10:01] ben: go"]
    assert not is_conversation(messages(two))
    prose = ["We rolled back at 09:05 after alice: saw errors.", "[10:00] ann: ok"]
    assert messages(prose) is None  # a line that opens no message and follows none: not a transcript


def test_a_plain_timeline_paragraph_still_reads_as_before(note_record):
    text = "# Outage 2026-01-05\n\n## Timeline\n\n09:02 Alert fired\n09:05 Deploy rolled back\n09:10 Recovered\n"
    rec = note_record("outage.md", text)
    assert [e["event"] for e in rec.fields["timeline"]] == ["Alert fired", "Deploy rolled back", "Recovered"]


KAKAO = """결제 장애 대화 (2026-10-01)

[김민수] [오후 2:14] 결제 API 502 에러 급증, 장애 선언합니다
[이지은] [오후 2:16] 14:05 배포 롤백 진행
[김민수] [오후 2:31] 에러율 정상화, 해결
"""


def test_a_kakaotalk_export_reads_korean_half_day_stamps(note_record):
    rec = note_record("kakao.txt", KAKAO)
    assert rec.kind == "incident"
    assert [e["time"] for e in rec.fields["timeline"]] == ["14:14", "14:16", "14:31"]
    assert rec.fields["timeline"][0]["event"].startswith("김민수: 결제 API 502")
    assert rec.fields["resolved_at"] == "14:31"
