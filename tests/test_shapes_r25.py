"""Shapes from the twenty-fifth round: how questions ask for a moment, a duration or a cause in more
wordings, diagrams that are no commands, and a change log's "who" column. The notes are ours."""

from __future__ import annotations

import pytest

from lorebook.query.analysis import analyse
from lorebook.query.ask import ask


@pytest.mark.parametrize("question, intent, answer_type", [
    ("障害が始まったのは何時ですか？", "when", "date"),  # 何時 asks a time of day …
    ("障害は何時間続きましたか？", "duration", "duration"),  # … 何時間 asks how many hours
    ("Wie lange dauerte der Ausfall?", "duration", "duration"),
    ("Сколько длился сбой?", "duration", "duration"),
    ("¿Cuánto tiempo duró la caída?", "duration", "duration"),
    ("At what time did the first 500 hit the API?", "when", "date"),
    ("What time did the pager fire?", "when", "date"),
    ("What actually made the proxy keep running out of memory?", "root_cause", "reason"),
])
def test_more_wordings_of_when_how_long_and_what_caused(question, intent, answer_type):
    a = analyse(question)
    assert intent in a.intents, a.intents
    assert answer_type in a.answer_types, a.answer_types


@pytest.mark.parametrize("question", [
    "原因が判明したのは何時ですか？",  # the act before its question word, as Japanese puts it
    "At what time did the ops team figure out the certificate had expired?",
])
def test_when_a_cause_came_to_light_asks_the_moment_not_the_cause(question):
    a = analyse(question)
    assert a.intents[0] == "detected", a.intents
    assert a.field_weights.get("timeline", 0) >= a.field_weights.get("root_cause", 0), a.field_weights


def test_how_old_asks_an_age():
    assert analyse("How old may our internal node snapshots be at most?").answer_types[:1] == ["duration"]


JA_TIMELINE = """# COCOA v2.0 起動クラッシュ 障害報告

## 概要

2021年11月25日午後3時に COCOA v2.0 を配信した後、アプリが起動直後にクラッシュした。

## 原因

本障害に至った原因として、次の2点が挙げられる。
タイムゾーン変換（JSTからUTCへ）で、時差の9時間を直接減算したこと。
過去バージョンの仕様の調査が不足していたこと。

## 経緯

- 15:00 - v2.0 を配信
- 16:49 - クラッシュレポートを共有
- 20:13 - 開発チーム 同意日付が最小値のままとなることが原因と判明
- 23:30 - 修正版を配信
"""


def test_when_the_cause_was_found_is_the_timeline_line_that_says_so(notes_wiki_of):
    """ "原因が判明したのは何時ですか" asks the moment the cause came to light: the 20:13 line, not the cause."""
    w = notes_wiki_of({"cocoa-crash.md": JA_TIMELINE})
    a = ask(w, "COCOA v2.0 の障害で、原因が判明したのは何時ですか？")
    assert a.found and "20:13" in a.answer, a.answer


DIAGRAM_RUNBOOK = """# Runbook: maintenance page

The maintenance page keeps teacher services answering while the service behind them is down.

## Deploy the maintenance app

The maintenance app runs beside the service, behind its own ingress:

```mermaid
flowchart LR
    MaintenanceIngress{{"Maintenance ingress"}} --> MaintenanceService
    MaintenanceService --> MaintenancePod
```

## Fail over to the maintenance page

The main ingress is pointed at the maintenance service:

```mermaid
flowchart LR
    ServiceIngress{{"Service ingress"}} --> MaintenanceService
```

## Enable maintenance

- Run: `make production enable-maintenance`

## Disable maintenance

- Run: `make production disable-maintenance`
"""


def test_a_diagram_is_no_command(note_record, notes_wiki_of):
    """A mermaid block draws the system; "what do I run" is answered by the block that runs something."""
    r = note_record("maintenance.md", DIAGRAM_RUNBOOK)
    commands = [c for s in r.fields["steps"] for c in s["commands"]]
    assert commands and not any("flowchart" in c for c in commands), commands
    w = notes_wiki_of({"maintenance.md": DIAGRAM_RUNBOOK})
    a = ask(w, "What do I run to put the teacher services behind the maintenance page?")
    assert a.found and "enable-maintenance" in a.answer and "flowchart" not in a.answer, a.answer


def test_a_plain_text_timeline_block_is_no_diagram():
    """Mermaid's "timeline" opens a diagram alone on its line; "timeline: 10:00 paged" is a plain-text timeline."""
    from lorebook import vocab
    assert vocab.diagram("", "timeline\n    title Release history\n") and vocab.diagram("mermaid", "A --> B")
    assert not vocab.diagram("", "timeline: 10:00 paged the on-call\n10:20 rolled back\n")
    assert not vocab.diagram("bash", "kubectl get pods")


CHANGELOG_GUIDE = """# Guía para realizar rollbacks

## Rollback de un commit

1. Ubícate en tu rama: `git checkout main`.
2. Revierte el commit: `git revert <commit_hash>`.

## Rollback de ítem de la wiki

1. Entrar a las Pull Request Cerradas del repositorio de Github.
2. Filtrar las Pull Request por fecha e introducir la fecha de la versión a la que se quiere regresar.
3. Buscar la Pull Request específica del ítem.

## Historial de cambios

| **Tipo de versión** | **Descripción** | **Fecha** | **Colaborador** |
|---|---|---|---|
| 1.0 | Se creó la primera versión de la guía. | 28/04/2025 | Daniel Contreras |
| 1.1 | Se agregaron pasos para la wiki. | 13/05/2025 | Daniel Contreras |
"""


def test_who_wrote_a_guide_is_read_from_its_change_logs_who_column(notes_wiki_of):
    """ "Colaborador" names who changed the guide, even in the last column of a change-log row."""
    w = notes_wiki_of({"rollback-guia.md": CHANGELOG_GUIDE})
    a = ask(w, "Who wrote and last updated the rollback guide?")
    assert a.found and "Daniel Contreras" in a.answer, a.answer


RECOVERY_TIMELINE = """# 결제 API 장애 보고서

## 요약

2026-03-02 결제 API가 40분 동안 응답하지 않았다.

## 복구 타임라인

- 14:02 - 알림 발생
- 14:10 - 원인 파악 시작
- 14:42 - 서비스 복구
"""


@pytest.mark.parametrize("heading", ["## 복구 타임라인", "## Recovery timeline", "## 対応タイムライン"])
def test_a_timeline_qualified_by_another_part_name_is_still_the_timeline(note_record, heading):
    """ "복구 타임라인" (the recovery's timeline) is a timeline, not the recovery its first word names."""
    r = note_record("payments.md", RECOVERY_TIMELINE.replace("## 복구 타임라인", heading))
    timeline = r.fields["timeline"]
    assert [e["time"] for e in timeline][:3] == ["14:02", "14:10", "14:42"], timeline
    assert "14:10" not in (r.fields.get("resolution") or ""), r.fields["resolution"]  # the whole timeline is no fix


QUESTION_HEADINGS = """# ADR-482: 녹음 오디오는 Presigned URL로 직접 업로드한다

## 상태

Proposed

## 왜 이 결정이 필요했나

녹음은 최대 2시간이며 개발 서버는 단일 서버다.

## 무엇을 결정했나

FE가 Presigned URL로 객체 저장소에 직접 업로드하고 백엔드는 URL 발급만 한다.

## 확인

- 결정 주체: 루덴스
"""


def test_headings_asked_as_questions_name_the_context_and_the_decision(note_record):
    """ "왜 이 결정이 필요했나" (why was this needed) is the context, "무엇을 결정했나" (what did we decide) the
    decision, and "결정 주체" (who decides) names the deciders, not a second decision."""
    r = note_record("adr-482.md", QUESTION_HEADINGS)
    f = r.fields
    assert "2시간" in f["context"], f["context"]
    assert "Presigned URL" in f["decision"], f["decision"]
    assert f["deciders"] == ["루덴스"], f["deciders"]


def test_why_and_what_did_we_decide_headings_in_english(note_record):
    text = ("# ADR-7: Queue for exports\n\n## Status\n\nAccepted\n\n## Why is this decision needed?\n\n"
            "Exports time out after 30 seconds.\n\n## What did we decide?\n\nWe run exports on a queue worker.\n")
    f = note_record("adr-7.md", text).fields
    assert "30 seconds" in f["context"], f["context"]
    assert "queue worker" in f["decision"], f["decision"]


OCCURRED_RECOVERED = """# インシデント記録: 使用率DB更新の最中に学習が27時間ハング

- **発生**: 2026-08-16 19:41 JST(使用率DB更新の実行中)
- **検知**: 2026-08-17 22:36 JST(状態確認で発覚)
- **復旧**: 2026-08-17 23:15 JST(ハングしたプロセスを停止)
- **影響**: 隔離実験の自己対戦が停止した。

## 何が起きたか

使用率DBの更新の最中に学習ログが途絶えた。

## 経緯

```
08-16 19:41    学習ログが途絶える
08-17 22:36    状態確認で発覚
08-17 23:15    プロセスを停止
```
"""


def test_occurred_and_recovered_lines_give_the_date_and_a_computed_duration(note_record):
    """ "発生" (occurred) and "復旧" (recovered) bound the incident: its date, and the minutes between them,
    said to be computed."""
    f = note_record("hang.md", OCCURRED_RECOVERED).fields
    assert f["date"] == "2026-08-16", f["date"]
    assert f["duration_minutes"] == 1654 and f["duration_source"] == "computed", (f["duration_minutes"], f["duration_source"])


def test_month_day_clock_lines_in_a_code_block_are_timeline_entries(note_record):
    """ "08-17 22:36    状態確認で発覚": a month and a day before the clock, in the incident's year."""
    f = note_record("hang.md", OCCURRED_RECOVERED).fields
    times = [e["time"] for e in f["timeline"]]
    assert times == ["2026-08-16 19:41", "2026-08-17 22:36", "2026-08-17 23:15"], f["timeline"]


INTERLEAVED = """# Le volume d'un pod Elasticsearch est plein

## Quoi faire ?

- Scale à 0 le StatefulSet elasticsearch-es-default
- Créer un pod de debug qui monte le volume du pod :

```yaml
apiVersion: v1
kind: Pod
metadata:
  name: es-debug
```

- Se connecter dans ce container :

```bash
kubectl exec -it -n elastic-stack es-debug -- /bin/bash
```

- Supprimer le pod de debug :

```bash
kubectl delete pod -n elastic-stack es-debug
```

- Scale à 3 le StatefulSet elasticsearch-es-default
"""


def test_bullets_a_code_block_interrupts_are_each_a_step(note_record):
    """A bullet list broken by code blocks: every bullet is a step, the ones with no code of their own and the one
    after the last block too ("## Quoi faire ?" — what to do — names the steps)."""
    steps = note_record("es-volume.md", INTERLEAVED).fields["steps"]
    titles = [s["title"] for s in steps]
    assert len(steps) == 5, titles
    assert titles[0].startswith("Scale à 0") and titles[-1].startswith("Scale à 3"), titles
    assert steps[1]["commands"] and "kind: Pod" in steps[1]["commands"][0], steps[1]


THIRTY_SECONDS = """# 2026-09-20 · auto:reasoning 全线 503

## 0. 三十秒版

| | |
|---|---|
| **症状** | 用 `auto:reasoning` 的会话全线报错 |
| **根本原因** | 层门控 `paidOnly()` 把免费候选从链上删掉 |
| **怎么发现的** | 用户报错 → 翻状态机事件时间戳 |
| **怎么修的** | 删掉门控，候选顺序恒为 free → paid |

## 9. 时间线

```
09-19          上一代同症状事故
09-20 14:54    网关重启
09-20 15:32–34 事故窗口
09-20 16:16    重启生效
```
"""


def test_a_summary_table_with_question_labels_gives_impact_detection_and_fix(note_record):
    """ "症状" (symptoms) in a key/value row is what users saw; "怎么发现的" (how was it found) and "怎么修的"
    (how was it fixed) are the detection and the resolution."""
    f = note_record("503.md", THIRTY_SECONDS).fields
    assert "全线报错" in f["impact"], f["impact"]
    assert f["detection"].startswith("用户报错"), f["detection"]
    assert f["resolution"].startswith("删掉门控"), f["resolution"]


def test_a_code_block_timeline_with_month_day_lines(note_record):
    """ "09-19    …" (a day alone before its column of events), "09-20 14:54", "09-20 15:32–34" (a span of minutes)."""
    timeline = note_record("503.md", THIRTY_SECONDS).fields["timeline"]
    assert [e["time"] for e in timeline] == ["2026-09-19", "2026-09-20 14:54", "2026-09-20 15:32", "2026-09-20 16:16"], timeline
    assert timeline[0]["event"] == "上一代同症状事故" and timeline[2]["event"] == "事故窗口", timeline


ROLLBACK_ES = """# Procedimientos de rollback — Backend

**Última actualización:** 2026-02-16

## Alcance

Estos procedimientos aplican al backend Laravel desplegado con Docker.

## 1. Rollback de código

```bash
docker compose up -d
```

### 1.1 Post-rollback

- Comprobar logs: `docker compose logs -f app`.
- Comprobar que la API responde.
"""


def test_scope_is_a_runbooks_overview_and_post_rollback_its_checks(note_record):
    """ "## Alcance" (scope) says what the runbook covers; "### Post-rollback" lists the checks after it."""
    f = note_record("rollback.md", ROLLBACK_ES).fields
    assert "Laravel" in f["overview"], f["overview"]
    assert any("docker compose logs" in v for v in f["verification"]), f["verification"]


def test_a_meeting_dated_under_its_own_heading(note_record):
    """Minutes that decide something give their date under "## 日時" (date and time)."""
    text = ("# Issue #33 認証設計 議事録\n\n## 日時\n2026-02-22\n\n## 参加者\n- 開発者（Dev_Aki）\n\n"
            "## 決定事項\n\n管理者認証は短命トークン方式に移行する。\n")
    f = note_record("minutes.md", text).fields
    assert f["date"] == "2026-02-22", f["date"]


MINUTES_JA = """# Issue #33 認証認可設計 議事録

## 日時
2026-02-22

## 決定事項
- アジェンダ1: A案採用。管理者トークンは15分で失効させる。

## Next Action
- [ ] テックリード 会議決定サマリ（採用案・不採用案・理由）を Issue #33 にコメント投稿し、投稿URLを共有する。
- [ ] デザイナー PR #72 に確定差分コメントを投稿する。
"""


def test_who_has_to_do_something_after_a_meeting_is_its_next_action(notes_wiki_of):
    """ "Who has to post the summary …?" asks who took a task away: the "Next Action" item that names the role
    ("テックリード", the tech lead) in the notes' language."""
    w = notes_wiki_of({"minutes.md": MINUTES_JA})
    a = ask(w, "Who has to post the decision summary to Issue #33 after the admin auth meeting?")
    assert a.found and "テックリード" in a.answer, a.answer
    assert a.citations[0]["start_line"] == 10, a.citations


def test_a_manner_adverb_is_no_word_a_page_must_hold():
    """ "wrongly", "mistakenly": everyday words, which a page in another language need not hold to be the one asked."""
    from lorebook.query.ask import ordinary
    assert ordinary("wrongly") and ordinary("mistakenly") and not ordinary("kubectl")


EMBEDDED_RUNBOOK = """---
id: 2026-10-01-emulator-hang
status: resolved
---

# 에뮬레이터 좀비 상태로 화면 연결 불가

## 요약

- **근본 원인:** 에뮬레이터 프로세스가 종료되지 않은 채 멈췄다.

## 영향

- 기간: 2026-10-01 15:13경부터 2026-10-04 13:50경 수동 정리까지
- 범위: 홈서버의 모든 사용자.

## 타임라인 (KST)

| 시각 | 사건 |
|---|---|
| 10-01 15:13 | 에뮬레이터 크래시 보고기가 죽음 |
| 10-04 13:50 | 멈춘 프로세스를 수동으로 정리 |

## 런북: 같은 증상이 다시 보일 때

1. 멈춘 프로세스를 찾는다:

   ```powershell
   Get-Process emulator
   ```

2. 프로세스를 종료한다:

   ```powershell
   Stop-Process -Name emulator -Force
   ```
"""


def test_a_postmortem_with_a_runbook_section_keeps_its_own_title(tmp_path):
    """The runbook at its end becomes a page of its own; the post-mortem before it keeps the file's H1 as its
    title (not "요약 · 영향 · 타임라인", the names of its sections) and the file's front matter."""
    from lorebook.sources.reader import read_source
    from lorebook.sources.segment import documents

    f = tmp_path / "emulator.md"
    f.write_text(EMBEDDED_RUNBOOK, encoding="utf-8")
    docs = documents(read_source(f, "raw/emulator.md"))
    assert [d.kind for d in docs] == ["incident", "runbook"], [(d.kind, d.title) for d in docs]
    assert docs[0].title == "에뮬레이터 좀비 상태로 화면 연결 불가", docs[0].title
    assert docs[0].front_matter.get("status") == "resolved", docs[0].front_matter


def test_a_labelled_period_dates_the_incident_and_bounds_its_duration(note_record):
    """ "기간: 2026-10-01 15:13경부터 2026-10-04 13:50경" (period: from … to …): the day it began, and the
    minutes between its two moments, computed and said so."""
    f = note_record("emulator.md", EMBEDDED_RUNBOOK.split("## 런북")[0]).fields
    assert f["date"] == "2026-10-01", f["date"]
    assert f["duration_minutes"] == 4237 and f["duration_source"] == "computed", (f["duration_minutes"], f["duration_source"])
    assert [e["time"] for e in f["timeline"]] == ["2026-10-01 15:13", "2026-10-04 13:50"], f["timeline"]


def test_japanese_context_and_consequences_headings(note_record):
    text = ("# ADR-010: リモート推論はSSHトンネルで接続する\n\n- ステータス: 承認済み\n\n## 文脈\n\n推論クライアントはlocalhost限定である。\n\n"
            "## 決定\n\nSSHトンネルで接続し、TLSは強制しない。\n\n## 帰結\n\n- クライアントのコード変更ゼロで済む。\n")
    f = note_record("adr-010.md", text).fields
    assert "localhost" in f["context"], f["context"]
    assert "コード変更ゼロ" in str(f["consequences"]), f["consequences"]


def test_a_timeline_table_of_numbered_steps_without_times(note_record):
    """ "| Step | What happened |": the rows are the timeline's entries in order, their times left empty."""
    text = ("# 2026-09-21: make poc-down wiped the real stack\n\n## Summary\n\nThe real stack was deleted.\n\n## Timeline\n\n"
            "| Step | What happened |\n|---|---|\n| 1 | A live check on the test project passed |\n"
            "| 2 | I ran `make poc-down` on the real daemon |\n| 3 | Noticed right after, by `docker volume ls` |\n\n"
            "## Root cause\n\nThe Makefile hardcoded the real project name.\n")
    f = note_record("poc-down.md", text).fields
    assert [e["event"][:12] for e in f["timeline"]] == ["A live check", "I ran make p", "Noticed righ"], f["timeline"]
    assert all(not e["time"] for e in f["timeline"]), f["timeline"]


@pytest.mark.parametrize("question", [
    "What stopped new emulators from booting while the old one was hung?",
    "What prevented the pods from starting?",
])
def test_what_stopped_x_from_doing_asks_a_cause_not_a_fix(question):
    a = analyse(question)
    assert a.intents[:1] == ["root_cause"] and "reason" in a.answer_types, (a.intents, a.answer_types)
    assert "resolution" in analyse("What stopped the outage?").intents


def test_who_signed_off_is_not_answered_by_the_status(notes_wiki_of):
    """ "Who signed off on …?" of a record that says it is accepted but not by whom: no one is named, so no
    answer — "ステータス: 承認済み" says that it was signed off, not who did."""
    text = ("# ADR-010: リモート推論はSSHトンネルで接続する\n\n- ステータス: 承認済み\n- 日付: 2026-07-19\n\n## 文脈\n\n"
            "推論クライアントはlocalhost限定である。\n\n## 決定\n\nSSHポートフォワード（`ssh -N -L 11434:localhost:11434 user@gpu-server`）で接続する。\n")
    w = notes_wiki_of({"adr-010.md": text})
    a = ask(w, "Who signed off on the decision to connect remote inference over an SSH tunnel?")
    assert not a.found, a.answer


def test_an_ssh_target_is_no_person():
    from lorebook.query.analysis import shape_match
    assert not shape_match(["person"], "ssh -N -L 11434:localhost:11434 user@gpu-server", "", near=[])
    assert shape_match(["person"], "Escalate to @sam-oncall", "", near=[])


def test_a_product_the_wiki_never_mentions_is_not_answered(notes_wiki_of):
    """ "Which Kafka version did we pin …?" where no note mentions Kafka: the wiki holds no answer, however much
    else of the question a page shares. ("Kafka", like "Docker", is common enough in English to pass for a word;
    written with its capital in the question it names a product.)"""
    note = ("# Postmortem: full k3s cluster loss (2026-06-10)\n\n## Summary\n\nWhile reinstalling worker-01's k3s agent, the "
            "cleanup steps destroyed far more than intended.\n\n## What happened\n\n1. Ran `k3s-killall.sh` then "
            "`k3s-agent-uninstall.sh` on worker-01.\n2. The server install was removed too, and the cluster state with it.\n\n"
            "## Resolution\n\nWe rebuilt the k3s cluster from the Git repository and pinned k3s to v1.30.4.\n")
    w = notes_wiki_of({"k3s-loss.md": note})
    assert not ask(w, "Which Kafka version did we pin when rebuilding the k3s cluster?").found
    assert "v1.30.4" in ask(w, "Which k3s version did we pin when rebuilding the cluster?").answer
