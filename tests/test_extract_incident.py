"""The incident extractor on the sample log, hand-written fixtures and the real postmortem corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from lorebook.extract.incident import KEY_FIELDS, extract
from lorebook.sources.reader import read_source, source_from_text
from lorebook.sources.segment import documents

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures" / "incident"
SHARED = Path(__file__).resolve().parents[2] / "shared"
EXAMPLE = SHARED / "examples" / "engineering-incidents-and-decisions.md"
CORPUS = SHARED / "corpus" / "postmortem"


def _incident(path: Path):
    """The record of the file's (first) incident document."""
    docs = documents(read_source(path, "raw/" + path.name))
    return extract(next(d for d in docs if d.kind == "incident"))


def _from_text(text: str, name: str = "raw/notes.md"):
    return extract(documents(source_from_text(name, text))[0])


def _cited(rec, span) -> str:
    return "\n".join(rec.document.source.lines(span.start, span.end))


def _clock_forms(clock: str) -> set[str]:
    """How HH:MM may be written in the source: 14:54, 2:54 (PM), 0:25."""
    h, m = int(clock[:2]), clock[3:]
    return {clock, f"{h}:{m}", f"{h % 12 or 12}:{m}"}


def _corpus(name: str):
    if not CORPUS.exists():
        pytest.skip("shared corpus not available")
    return _incident(next(CORPUS.glob(f"*{name}*")))


# --- the sample multi-document log ---


@pytest.fixture(scope="module")
def example():
    if not EXAMPLE.exists():
        pytest.skip("shared example not available")
    return _incident(EXAMPLE)


def test_example_fields(example):
    f = example.fields
    assert example.key_missing == []
    assert f["date"] == "2026-05-12"
    assert [e["time"] for e in f["timeline"]] == ["14:02", "14:10", "14:47", "14:55"]
    assert f["timeline"][3]["event"] == "Service recovered."
    assert f["duration_minutes"] == 45 and f["duration_source"] == "stated"
    assert "about 45 minutes" in _cited(example, example.cite("duration_minutes")[0])
    assert f["resolved_at"] == "14:55" and f["detected_at"] == "14:10"
    assert "per-request connection" in f["root_cause"]
    assert f["impact"].startswith("the public API returned 5xx errors")
    assert example.summary == (
        "45-min outage: the new endpoint opened a per-request connection instead of using the shared pool"
    )


def test_example_action_items(example):
    items = example.fields["action_items"]
    assert [i["status"] for i in items] == ["open"] * 3
    texts = [i["text"] for i in items]
    assert "connection-count alert" in texts[0] and "80%" in texts[0]
    assert "lint rule" in texts[1] and "ad-hoc connections" in texts[1]
    assert "load testing of new endpoints" in texts[2]
    for item, span in zip(items, example.cite("action_items"), strict=True):
        assert item["text"].split()[1] in _cited(example, span)


def test_example_citations_hold_their_entries(example):
    entries, spans = example.fields["timeline"], example.cite("timeline")
    assert len(entries) == len(spans)
    for e, span in zip(entries, spans):
        assert e["time"] in _cited(example, span)
        assert e["event"].split()[0] in _cited(example, span)
    assert "per-request connection" in _cited(example, example.cite("root_cause")[0])


# --- hand-written fixtures ---

COMPUTED = """\
# Postmortem: 2026-04-01 login errors

Logins failed for some users after a config push.

## Timeline

- 09:58 — Config push changes the session cookie domain.
- 10:05 — Login endpoint starts returning 5xx errors.
- 10:31 — Config reverted.
- 10:40 — Logins restored for all users.

## Root cause

The cookie domain was set to the staging host.
"""


def test_duration_computed_from_timeline_when_not_stated():
    rec = _from_text(COMPUTED)
    f = rec.fields
    assert f["duration_minutes"] == 35 and f["duration_source"] == "computed"
    assert f["resolved_at"] == "10:40" and f["detected_at"] == "10:05"
    cited = [_cited(rec, s) for s in rec.cite("duration_minutes")]
    assert "10:05" in cited[0] and "10:40" in cited[1]
    assert rec.summary == "35-min outage: the cookie domain was set to the staging host"


def test_korean_postmortem():
    rec = _incident(FIXTURES / "ko-postmortem.md")
    f = rec.fields
    assert rec.key_missing == []
    assert f["date"] == "2026-03-02" and f["severity"] == "SEV-2"
    assert [e["time"] for e in f["timeline"]] == ["13:05", "13:12", "13:40", "13:52"]
    for e, span in zip(f["timeline"], rec.cite("timeline"), strict=True):
        assert e["time"] in _cited(rec, span)
    assert f["duration_minutes"] == 40 and f["duration_source"] == "stated"
    assert "40분 동안" in _cited(rec, rec.cite("duration_minutes")[0])
    assert f["detected_at"] == "13:12" and f["resolved_at"] == "13:52"
    assert f["summary"].startswith("결제 API 응답이")
    assert "타임아웃" in f["impact"]
    assert "커넥션 풀 크기 기본값" in f["root_cause"]
    assert f["action_items"] == [
        {"text": "설정 변경에 대한 코드 리뷰 필수화", "owner": "minji", "status": "open"},
        {"text": "커넥션 풀 사용률 알림 추가", "owner": "jihoon", "status": "done"},
        {"text": "결제 서비스 부하 테스트 자동화", "owner": None, "status": "open"},
    ]


def test_table_timeline_and_table_action_items():
    rec = _incident(FIXTURES / "table-timeline.md")
    f = rec.fields
    assert f["date"] == "2025-11-03" and f["severity"] == "SEV-3"
    assert [e["time"] for e in f["timeline"]] == ["09:14", "09:20", "09:31", "09:40", "10:02"]
    assert f["timeline"][2]["event"] == "Alert fires for index lag; on-call is paged"
    for e, span in zip(f["timeline"], rec.cite("timeline"), strict=True):
        assert e["time"] in _cited(rec, span) and e["event"] in _cited(rec, span)
    # No duration is stated: 09:20 (first 5xx) -> 10:02 (resolved).
    assert (f["duration_minutes"], f["duration_source"]) == (42, "computed")
    assert (f["detected_at"], f["resolved_at"]) == ("09:31", "10:02")
    assert f["action_items"] == [
        {"text": "Alert on consumer offset commit age", "owner": "dana", "status": "done"},
        {"text": "Add broker restarts to the staging chaos suite", "owner": "ops-team", "status": "open"},
        {"text": "Document the indexer restart procedure", "owner": "lee", "status": "open"},
    ]
    assert [s.start for s in rec.cite("action_items")] == [36, 37, 38]


SHAPES = """\
# Incident: 2019-03-26 queue backlog

Severity: P1

## Timeline

**2019-03-25**

- 23:50 first consumer falls behind

**2019-03-26**

- [03-26 00:10] Backlog alert fires
- 00:20: consumers restarted

**00:45** Queue drained, service restored.

| Date       | Event            |
|------------|------------------|
| 2019-03-27 | Fix merged       |

### 2019-03-28 10:00

Retro held.

## Follow-ups

### Monitoring

- ~~Add backlog alert~~
- Page on consumer lag (owner: @alice)
- Tune retention (done)

### Docs

Write a consumer restart runbook. Owner: bob

### Process

None.
"""


def test_timeline_shapes_and_action_item_markers():
    rec = _from_text(SHAPES)
    f = rec.fields
    assert f["severity"] == "P1"
    assert [e["time"] for e in f["timeline"]] == [
        "2019-03-25 23:50", "2019-03-26 00:10", "2019-03-26 00:20", "2019-03-26 00:45",
        "2019-03-27", "2019-03-28 10:00",
    ]
    assert [e["event"] for e in f["timeline"]][:4] == [
        "first consumer falls behind", "Backlog alert fires", "consumers restarted", "Queue drained, service restored.",
    ]
    assert f["resolved_at"] == "00:45"
    # Impact (00:10 alert) and recovery (00:45) are on the same day: 35 minutes.
    assert (f["duration_minutes"], f["duration_source"]) == (35, "computed")
    assert f["action_items"] == [
        {"text": "Add backlog alert", "owner": None, "status": "done"},
        {"text": "Page on consumer lag", "owner": "alice", "status": "open"},
        {"text": "Tune retention (done)", "owner": None, "status": "done"},
        {"text": "Write a consumer restart runbook.", "owner": "bob", "status": "open"},
    ]


def test_duration_across_midnight_is_not_computed():
    text = "# Outage 2024-01-01\n\n## Timeline\n\n- 23:30 errors begin\n- 01:10 service restored\n- 02:00 retro\n"
    f = _from_text(text).fields
    assert f["resolved_at"] == "01:10"
    assert f["duration_minutes"] is None and f["duration_source"] is None


@pytest.mark.parametrize(
    "text",
    [
        "# Postmortem\n",
        "## Timeline\n\n## Action items\n",
        "# Incident\n\n## Timeline\n\n- [\n- ]] 99:99 x\n- [^1]: y\n\n| a |\n|---|\n| 12:00 |\n",
        "# Outage\n\n### 25:99\n\n#### 10:00\n\n```\n```\n\n## Root cause\n\n> quoted\n",
        "---\ndate: not a date\n---\n\n## Summary\n\n| Summary |\n|---|\n",
    ],
)
def test_odd_input_never_raises(text):
    rec = _from_text(text)
    assert set(KEY_FIELDS) <= set(rec.fields)
    assert len(rec.fields["timeline"]) == len(rec.cite("timeline"))
    assert len(rec.summary) <= 100


# --- the real postmortem corpus ---


def test_corpus_exact_values():
    etcd = _corpus("etcd-io")
    assert etcd.fields["date"] == "2022-04-20"
    assert etcd.fields["summary"].startswith("Code refactor in v3.5.0")
    assert etcd.fields["timeline"][0] == {
        "time": "2021-05-08",
        "event": "Pull request that caused data corruption was merged - https://github.com/etcd-io/etcd/pull/12855",
    }
    acts = etcd.fields["action_items"]
    assert len(acts) == 10 and sum(a["status"] == "done" for a in acts) == 5
    assert acts[0]["text"] == "etcd testing can reproduce historical data inconsistency issues"

    boskos = _corpus("2019-03-26")
    assert boskos.fields["timeline"][0]["time"] == "2018-12-05 16:21"  # [12-05 16:21], the year before
    assert boskos.fields["detected_at"] == "02:50"  # "Users reported issues at 02:50" in Detection
    assert (boskos.fields["duration_minutes"], boskos.fields["duration_source"]) == (540, "stated")
    assert len(boskos.fields["action_items"]) == 3

    prow = _corpus("2019-01-23")
    assert prow.fields["date"] == "2019-01-23"
    assert prow.fields["timeline"][0] == {"time": "2019-01-22 14:54", "event": "config behavior change PR merged"}
    assert len(prow.fields["action_items"]) == 2

    assert _corpus("2019-05-30").fields["duration_minutes"] == 420  # "lasted for at least seven hours"
    assert _corpus("2022-01-27").fields["duration_minutes"] == 540  # "lasted approximately nine hours"
    assert _corpus("2025-04-14").fields["duration_minutes"] == 122  # "resolved in 2 hours and 2 minutes"

    oom = _corpus("2017-11-30")
    assert oom.fields["timeline"][0]["time"] == "2017-11-30 16:22"
    assert oom.fields["resolved_at"] == "17:21"
    assert len(oom.fields["action_items"]) == 4  # paragraphs under Repo2docker/Jupyterhub + 2 numbered

    pypi = _corpus("2023-12-04")
    assert pypi.fields["timeline"][0] == {"time": "2023-11-22 08:42", "event": "new user account dvolk created"}

    core = _corpus("2024-core-node")
    assert core.fields["timeline"][0]["time"] == "2024-03-05"
    assert core.fields["impact"].startswith("On the afternoon of Feb 7th")

    brew = _corpus("Homebrew")
    assert brew.fields["date"] == "2018-07-31" and brew.fields["timeline"] == []  # "On 31st July 2018", posted 08-05
    assert "GitHub Support" in brew.fields["impact"] and len(brew.fields["action_items"]) == 4
    assert "was leaked from Homebrew's Jenkins" in brew.fields["root_cause"]
    assert brew.key_missing == ["timeline"]


def test_corpus_every_postmortem(capsys):
    if not CORPUS.exists():
        pytest.skip("shared corpus not available")
    rows = []
    for path in sorted(CORPUS.iterdir()):
        if path.name == "MANIFEST.tsv":
            continue
        rec = _incident(path)
        f = rec.fields
        assert f["date"], path.name
        has_timeline = any(s.title.lower().startswith("timeline") for s in rec.document.root.walk() if s.title)
        if has_timeline:
            assert len(f["timeline"]) >= 3, path.name
        if "kubernetes" in path.name or "etcd" in path.name:
            assert f["action_items"], path.name
        for name, value in f.items():
            spans = rec.cite(name)
            if isinstance(value, list):
                assert len(spans) == len(value), (path.name, name)
            for s in spans:
                assert rec.document.extent.start <= s.start <= s.end <= rec.document.source.line_count
        for e, span in zip(f["timeline"], rec.cite("timeline")):
            clock = e["time"][-5:] if e["time"][-3:-2] == ":" else None
            if clock:
                assert any(c in _cited(rec, span) for c in _clock_forms(clock)), (path.name, e)
        assert len(rec.summary) <= 100
        rows.append(
            (path.name[:58], f["date"], len(f["timeline"]), len(f["action_items"]), f["duration_minutes"],
             f["detected_at"], f["resolved_at"], bool(f["root_cause"]), ",".join(rec.key_missing) or "-")
        )
    with capsys.disabled():
        print(f"\n{'file':58} {'date':10} {'tl':>3} {'ai':>3} {'min':>4} {'det':5} {'res':5} rc missing")
        for r in rows:
            print(f"{r[0]:58} {r[1]:10} {r[2]:3} {r[3]:3} {str(r[4]):>4} {str(r[5]):5} {str(r[6]):5} "
                  f"{'y' if r[7] else 'n':2} {r[8]}")


def test_action_item_status_cells_with_a_sign_before_the_word():
    """'✅ Complete' is done and '🔄 In Progress' is open: the sign before the word does not hide it."""
    rec = _from_text("# Postmortem: queue stall\n\n**Date:** 2025-02-03\n\n## Action Items\n\n"
                     "| Action | Owner | Status |\n|---|---|---|\n"
                     "| Alert on queue age | Kim | ✅ Complete |\n| Add a canary stage | Ops Team | 🔄 In Progress |\n"
                     "| Load-test the consumer | QA Team | ✔ |\n")
    assert [(a["text"], a["status"]) for a in rec.fields["action_items"]] == [
        ("Alert on queue age", "done"), ("Add a canary stage", "open"), ("Load-test the consumer", "done")]


def test_action_item_table_in_french():
    """'Qui' is the owner column and 'fait' means done, as 'Owner' and 'done' do."""
    rec = _from_text("# Post-mortem : jeton exposé\n\n**Date :** 2025-03-02\n\n## Actions\n\n"
                     "| Action | Qui | État |\n|---|---|---|\n| Révoquer le jeton | Julien | fait |\n"
                     "| Ajouter gitleaks en CI | moi | prévu |\n", name="raw/pm.md")
    assert [(a["text"], a["owner"], a["status"]) for a in rec.fields["action_items"]] == [
        ("Révoquer le jeton", "Julien", "done"), ("Ajouter gitleaks en CI", "moi", "open")]
