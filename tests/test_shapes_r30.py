"""Shapes from the thirtieth round. The notes are ours."""

from __future__ import annotations

import pytest

from lorebook.query.ask import ask

PLATFORM_SYNC = """\
---
tags: meeting, platform
---

# 2026-03-04

[Video room](https://meet.example.org/platform) | [Calendar](https://cal.example.org/platform)

## Attendees

* @ana (Ana Ruiz)
* @tomas (Tomás Berg)

## Notes

1. Build cache
    * The root cause of the slow builds is the cache key, which includes the timestamp.
    * Tomás will drop the timestamp from the key.

## Action Points

* [ ] Drop the timestamp from the cache key
* [ ] TODO: check the runner disk usage next week
"""

KOREAN_MINUTES = """\
---
title: 2026-02-11
parent: 회의록
---

# 2026-02-11 알림 발송 구조 확정

## 1) 개요
- **날짜** : 2026-02-11

## 2) 회의 주제 / Agenda
| Time | Topic |
|-----:|-------|
| 10:00 | 발송 구조 |

## 3) 회의 내용(Notes)

### 3.1 재시도 주기: 고정 간격 vs 지수 백오프
- 고정 간격은 단순하지만 장애 시 부하가 몰린다.
- 결론적으로 **지수 백오프**를 적용하기로 함.

### 3.2 수신자 목록 전달: 공유 DB vs 결과 테이블
- 공유 DB 조회는 결합도가 높다는 의견.
- 결과 테이블을 따로 두는 쪽으로 합의가 형성됨.

## 4) 조치 항목(Action Items)
- [ ] 백오프 상한 정하기
- [ ] 결과 테이블 스키마 초안
"""

KICKOFF = """\
# 2025/05/20 Ledger project meeting notes

## Attendees
Ana Ruiz
Tomás Berg

## Agenda topics
- Project leads
- Release cadence

## Meeting Notes

### Project leads
- The group accepted Ana Ruiz and Tomás Berg as co-leads
- Only one of them will vote on the steering committee

### Release cadence
- Releases every four weeks while the API settles
"""

REVIEW_MEETING = """\
# Meeting notes: review of the 12 May queue outage

## Attendees
Ana, Tomás, Li

## Timeline
- 09:12 consumers stop acknowledging
- 09:40 queue restarted

## Root cause
The consumer pool leaked connections after the driver upgrade.

## Action items
- Pin the driver version
"""


def test_minutes_with_attendees_and_action_points_are_a_decision_note_not_an_incident(note_record):
    """A meeting's minutes (tagged "meeting", an Attendees part) record what it settled: a decision note. Its
    action points and a "root cause" said in passing make no incident; a bar of links is not the context."""
    r = note_record("2026-03-04.md", PLATFORM_SYNC)
    assert r.kind == "decision", r.document.kind_reason
    assert r.fields["date"] == "2026-03-04"
    assert r.fields["number"] is None  # a dated title is not ADR number 2026
    assert "Video room" not in (r.fields["context"] or "")


def test_korean_minutes_state_their_conclusions_and_set_options_side_by_side(note_record):
    """"결론적으로 …" and "… 합의가 형성됨" are where minutes say what was decided; of two "X vs Y" headings the
    options are the pair whose part concludes for one side."""
    r = note_record("2026-02-11.md", KOREAN_MINUTES)
    assert r.kind == "decision", r.document.kind_reason
    assert r.fields["number"] is None
    assert "지수 백오프" in r.fields["decision"] and "결과 테이블을 따로 두는" in r.fields["decision"]
    assert [o["name"] for o in r.fields["options"]] == ["고정 간격", "지수 백오프"]


def test_an_accepted_proposal_in_kickoff_notes_is_the_decision(note_record):
    r = note_record("kickoff.md", KICKOFF)
    assert r.kind == "decision", r.document.kind_reason
    assert r.fields["date"] == "2025-05-20"
    assert "co-leads" in r.fields["decision"]


def test_a_review_meeting_with_a_timeline_and_root_cause_stays_an_incident(note_record):
    r = note_record("review.md", REVIEW_MEETING)
    assert r.kind == "incident", r.document.kind_reason


def test_what_a_meeting_decided_is_answered_from_its_conclusion(notes_wiki_of):
    w = notes_wiki_of({"kickoff.md": KICKOFF})
    a = ask(w, "Who did the group pick as co-leads of the ledger project?")
    assert "Ana Ruiz" in a.answer and "co-leads" in a.answer


DEPLOY_WRITEUP = """\
# Post-mortem : incident de déploiement

**Date de l'incident :** 2026-04-02
**Sévérité :** P1-MAJEUR (perte de métriques)

## Description

Lors du déploiement de la version 3.2 du collecteur, une erreur de configuration a provoqué un arrêt du service
de métriques pendant 40 minutes.

## Actions correctives immédiates

- Redéploiement de la version 3.1.
- Purge du cache des agents.

## Plan d’amélioration pour éviter la récurrence

1. Valider la configuration dans la chaîne CI.
2. Alerter quand le collecteur ne reçoit plus rien pendant 5 minutes.
"""


def test_what_was_done_at_once_is_the_fix_and_the_plan_against_recurrence_the_follow_ups(note_record):
    """"Actions correctives immédiates" is what was done at once (the fix); "Plan d’amélioration pour éviter la
    récurrence", written with a typographic apostrophe, is the follow-up list. A deploy under way when it broke
    ("Lors du déploiement de …") is the trigger; "P1-MAJEUR (…)" is level P1."""
    r = note_record("deploy.md", DEPLOY_WRITEUP)
    assert r.kind == "incident", r.document.kind_reason
    assert "Redéploiement de la version 3.1" in r.fields["resolution"]
    assert [a["text"][:24] for a in r.fields["action_items"]] == ["Valider la configuration", "Alerter quand le collect"]
    assert r.fields["trigger"].startswith("déploiement de la version 3.2")
    assert r.fields["severity"] == "P1"


NGINX_TIMELINE = """\
# Postmortem: forum returning 502s

El 2024-08-22 the forum was down for 10 hours.

## Timeline

- **Aug 22, 2024 1:00 PM (GMT+03:00)** - Issue was detected by customer complaints
- **Actions taken:** the team raised the worker connections
- **Escalation:** **Aug 22, 2024 4:00 PM (GMT+03:00)** - escalated to the back-end team
- **Aug 22, 2024 9:00 PM (GMT+03:00)** - found the open-files limit of nginx too low
"""


def test_timeline_stamps_with_an_offset_zone_and_a_stage_name_before_them(note_record):
    """"(GMT+03:00)" is the stamp's zone, not the event's first words; "**Escalation:** **Aug 22 …** - …" names a
    stage and then gives its moment."""
    r = note_record("forum.md", NGINX_TIMELINE)
    times = [e["time"] for e in r.fields["timeline"]]
    assert times == ["2024-08-22 13:00", "2024-08-22 16:00", "2024-08-22 21:00"]
    assert r.fields["timeline"][0]["event"].startswith("Issue was detected")
    assert r.fields["timeline"][1]["event"].startswith("escalated to the back-end team")


def test_an_incident_dated_in_its_opening_sentence_in_another_language(note_record):
    text = "# Post-mortem blameless\n\n## Resumen\n\nEl 2026-06-08 se simuló un incidente en staging con respuestas HTTP 500.\n\n" \
           "## Root Cause\n\nTráfico hacia un endpoint que responde 500.\n"
    r = note_record("pm.md", text)
    assert r.fields["date"] == "2026-06-08"


AUTH_CHOICE = """\
# ADR-004: 세션 저장소 선택 — Redis vs DB 테이블

| 항목 | 내용 |
|------|------|
| **상태** | 검토 중 |
| **작성일** | 2026-03-02 |

## 1. 현황

현재 세션은 **두 곳에 나뉘어 저장**되어 있다.

**문제**: 만료 처리가 서로 달라 로그아웃이 일관되지 않다.

## 2. 선택지 비교

### Option A: Redis
- 빠르다

### Option B: DB 테이블
- 운영할 서버가 줄어든다

## 3. 권고안

| 단계 | 권고 |
|------|------|
| **지금** | **DB 테이블** — 운영 부담을 줄인다 |
"""


def test_where_things_stand_is_the_context_and_the_recommendation_the_decision(note_record):
    """"## 1. 현황" (where things stand) is the context, whole, not only its "**문제**:" line; "## 3. 권고안" (the
    recommendation) states the decision when no section is named for it."""
    r = note_record("adr-004.md", AUTH_CHOICE)
    assert "두 곳에 나뉘어 저장" in r.fields["context"]
    assert "DB 테이블" in r.fields["decision"]


def test_a_records_header_kept_in_a_plain_fence(note_record):
    """"Statut : Accepté / Date : … / Décideurs : …" inside a fence with no language is the record's header."""
    text = ("# Split pull requests by purpose\n\n```\nStatut : Accepté\nDate : 17 mars 2026\nDécideurs : Équipe Technique\n```\n\n"
            "## Contexte\n\nLes revues sont lentes.\n\n## Décision\n\nUne PR par objectif.\n")
    r = note_record("pr.md", text)
    assert (r.fields["status"], r.fields["date"], r.fields["deciders"]) == ("accepted", "2026-03-17", ["Équipe Technique"])
    assert [(s.start, s.end) for s in r.citations["status"]] == [(4, 4)]  # the line inside the fence that says it


def test_a_fence_of_shell_assignments_is_no_header(note_record):
    text = "# ADR-3: Cache\n\n## Context\n\nSlow.\n\n```\nexport A=1\nDate: tomorrow\n```\n\n## Decision\n\nUse Redis.\n"
    assert note_record("c.md", text).fields["date"] is None


HAPPO = """\
# Use Happo for visual regression testing

## Background

Visual regression tests compare screenshots with references.

## Problem

We use Loki, which runs only in Chrome and keeps reference images in the repository.

## Decision Outcome

- **Chosen Alternative: Switch to Happo**
- `+` Tests run on Happo's hosted platform
- `~` An on-premise option exists
- `-` Happo costs money for private projects
"""


def test_background_and_problem_both_set_the_scene_and_signed_items_are_the_effects(note_record):
    """"## Background" then "## Problem" are both the context; under MADR 1's "Decision Outcome", items marked
    `+`, `~` and `-` are the chosen option's effects, good, neutral and bad."""
    r = note_record("happo.md", HAPPO)
    assert "Loki" in r.fields["context"] and "screenshots" in r.fields["context"]
    c = r.fields["consequences"]
    assert c["positive"] == ["Tests run on Happo's hosted platform"]
    assert c["negative"] == ["Happo costs money for private projects"]
    assert c["neutral"] == ["An on-premise option exists"]


def test_sub_headings_that_each_state_a_cause_are_the_root_cause(note_record):
    text = ("# 磁盘压力问题排查与解决报告\n\n## 问题现象\n\n用户无法访问 WebUI。\n\n## 根本原因\n\n### 1. 磁盘使用率过高（91%）\n"
            "- 触发了磁盘压力驱逐\n- PostgreSQL Pod 无法调度\n\n## 解决方案\n\n清理镜像缓存。\n")
    r = note_record("disk.md", text)
    assert r.kind == "incident", r.document.kind_reason
    assert r.fields["root_cause"].startswith("磁盘使用率过高（91%）")


STORAGE_ADR = """\
# ADR 0002: Armazenamento de objetos no Cloudflare R2

Status: Aceito

## Decisão

Usar o Cloudflare R2 para ROMs e saves.

## Alternativas descartadas

**Backblaze B2.** Mais barato por gigabyte, o que só importa com dezenas de terabytes.

**Garage auto-hospedado.** Tecnicamente adequado e já operado pelo autor em outros projetos.

Foi descartado por causa do custo operacional: são três nós replicados para manter.
"""


def test_a_bold_led_option_goes_on_in_the_paragraphs_after_it(note_record, notes_wiki_of):
    """Under "Alternativas descartadas" each option was turned down; "**Garage auto-hospedado.**" is named without its
    full stop, and the paragraph after it ("Foi descartado por causa do custo …") is its case too."""
    r = note_record("r2.md", STORAGE_ADR)
    opts = {o["name"]: o for o in r.fields["options"]}
    assert opts["Garage auto-hospedado"]["outcome"] == "rejected" and opts["Backblaze B2"]["outcome"] == "rejected"
    assert any("custo operacional" in x for x in opts["Garage auto-hospedado"]["reasons"])
    a = ask(notes_wiki_of({"r2.md": STORAGE_ADR}), "Why was running our own Garage cluster rejected?")
    assert "custo operacional" in a.answer


FRONTEND_ADR = """\
# ADR 0001: React + Vite 採用

Date: 2025-01-18
Status: Accepted

## Context

シミュレーション結果を可視化するWebアプリケーションが必要。

## Decision

React と Vite を採用する。

## Alternatives considered

| 選択肢 | Pros | Cons | 却下理由 |
|--------|------|------|----------|
| Vue | 学習コスト低 | Rechartsとの相性 | 既存コードがReact前提 |
| Svelte | 高速 | エコシステム小 | ライブラリ選択肢が限定的 |
"""


def test_a_rejection_reason_column_turns_options_down_and_answers_why_not_it(note_record, notes_wiki_of):
    """A "却下理由" column says why each row lost: the rows are rejected options and that cell is the verdict.
    "なぜシミュレーターの…VueではなくReactを選んだ" asks why Vue lost (and "シミュレーター" is the loanword the
    notes write "シミュレーション"); the answer also says what the record chose."""
    r = note_record("fe.md", FRONTEND_ADR)
    vue = r.fields["options"][0]
    assert vue["outcome"] == "rejected" and "Verdict: 既存コードがReact前提" in vue["reasons"]
    a = ask(notes_wiki_of({"fe.md": FRONTEND_ADR}), "なぜシミュレーターのフロントエンドにVueではなくReactを選んだのですか？")
    assert a.answer.startswith("Vue was rejected: 既存コードがReact前提")
    assert "React と Vite を採用する" in a.answer


def test_settled_or_still_open_asks_a_decisions_status(notes_wiki_of):
    w = notes_wiki_of({"fe.md": FRONTEND_ADR.replace("Status: Accepted", "Status: Under review")})
    a = ask(w, "Has the React vs Vue question for the simulator been settled, or is it still open?")
    assert a.intent == "status" and "Under review" in a.answer


SNAPSHOT_ADR = """\
# ADR-003: 스냅샷 저장소 선택 - Mongo vs RDS

## 결정

MongoDB를 청구서 스냅샷 저장소로 쓴다.

## 원칙

- DB에 저장되는 개인정보(이메일/전화번호 등)는 암호화된 상태로 저장되어야 함.
"""


@pytest.mark.parametrize("question, said", [
    ("청구서 스냅샷 저장소로 최종적으로 어떤 DB를 선택했나요?", "MongoDB"),
    # "어떤 상태로" asks in what form, not the record's status; "이메일이나" is "이메일" with its particle
    ("이메일이나 전화번호 같은 개인정보는 DB에 어떤 상태로 저장해야 하나요?", "암호화된 상태로"),
])
def test_korean_questions_for_the_choice_and_for_a_form(notes_wiki_of, question, said):
    a = ask(notes_wiki_of({"adr-003.md": SNAPSHOT_ADR}), question)
    assert said in a.answer


LOKI_ADR = """\
# Use Happo for visual regression testing

## Problem

MilMove currently uses a tool called Loki for visual regression tests. While Loki has been helpful, it also has several downsides:

- Loki is executed locally and in CI, so running the tests is time- and resource-intensive.
- Loki only runs tests in Chrome.
- Review of changes is opaque to designers.

## Decision

Switch to Happo.
"""


def test_a_sentence_that_goes_on_to_list_brings_its_list(notes_wiki_of):
    a = ask(notes_wiki_of({"happo.md": LOKI_ADR}), "What made MilMove want to move off Loki for its visual regression tests?")
    assert "several downsides:" in a.answer and "time- and resource-intensive" in a.answer


PD_RECOVER = """\
# PD Recover 使用文档

## 方式一：从存活的 PD 节点重建集群

### 第 1 步：停止所有节点

停止集群中的所有节点。

### 第 2 步：启动存活的 PD 节点

```shell
tiup cluster start <cluster-name> -N 10.0.1.13:2379
```

## 方式二：完全重建 PD 集群

### 第 1 步：获取 Cluster ID

```shell
cat {{/path/to}}/pd.log | grep "init cluster id"
```

### 第 2 步：重启整个集群

```shell
tiup cluster restart <cluster-name>
```
"""


def test_chinese_step_headings_are_the_steps_across_both_ways(note_record):
    """"### 第 1 步：…" is "Step 1: …" in Chinese: the step headings of both ways are the procedure, not the two "方式" parts."""
    r = note_record("pd.md", PD_RECOVER)
    assert r.kind == "runbook", r.document.kind_reason
    assert [s["title"] for s in r.fields["steps"]] == ["停止所有节点", "启动存活的 PD 节点", "获取 Cluster ID", "重启整个集群"]


@pytest.mark.parametrize("title", ["pytest 메모리 누수 분석 및 조치", "ログイン不具合の分析報告"])
def test_an_analysis_of_one_defect_is_an_incident(note_record, title):
    text = (f"# {title}\n\n## 원인 1 — 이벤트 루프 충돌\n\n테스트마다 새 루프가 생긴다.\n\n### 조치\n\n```python\nloop = get_loop()\n```\n\n"
            "```bash\npytest -x\n```\n\n1. 루프를 세션 범위로 바꾼다\n2. 캐시를 비운다\n3. 다시 돌린다\n")
    assert note_record("leak.md", text).kind == "incident"


def test_a_standard_adopted_in_japanese_prose_is_a_decision(note_record):
    text = ("# COCOA アクセシビリティ改善プロジェクト\n2021年12月1日\n\n## アクセシビリティ方針の策定\n\n"
            "方針には日本産業規格の定める「JIS X 8341-3:2016」を採用しています。\n")
    r = note_record("a11y.md", text)
    assert r.kind == "decision", r.document.kind_reason
    assert "JIS X 8341-3:2016" in r.fields["decision"] and r.fields["date"] == "2021-12-01"


def test_a_write_up_titled_only_by_its_kind_is_named_by_its_header_key(note_record):
    """"# 💀 Post-Mortem Report" says only what kind of note it is; "**Incidente:** Caída de Checkout…" names it."""
    text = ("# 💀 Post-Mortem Report\n\n## ℹ️ Meta Información\n\n- **Incidente:** Caída de Checkout en Black Friday\n"
            "- **Fecha:** 2025-11-24\n- **Severidad:** SEV-1\n\n## Resumen\n\nEl checkout respondió 503 durante 15 minutos.\n\n"
            "## Causa raíz\n\nAgotamiento del pool de conexiones.\n")
    r = note_record("pm.md", text)
    assert r.document.title == "Caída de Checkout en Black Friday"
    assert r.fields["date"] == "2025-11-24"


def test_after_a_step_was_done_the_answer_is_the_next_one(notes_wiki_of):
    """"After restarting the node with --force-new-cluster, what command fixes the metadata?": the line that runs
    --force-new-cluster is behind the asker; the next step's command answers."""
    text = ("# PD Recover\n\n## Steps\n\n### Step 1: Start the surviving PD node\n\n```shell\n./bin/pd-server --force-new-cluster --name=pd-1\n```\n\n"
            "### Step 2: Use pd-recover to fix the metadata\n\n```shell\n./bin/pd-recover --from-old-member --endpoints=http://127.0.0.1:2379\n```\n\n"
            "### Step 3: Restart the PD\n\nRestart it without --force-new-cluster.\n")
    a = ask(notes_wiki_of({"pd.md": text}), "After restarting a surviving PD node with --force-new-cluster, what command fixes the PD metadata?")
    assert a.answer.lstrip("`").startswith("./bin/pd-recover --from-old-member")


def test_a_criteria_table_under_the_decision_lists_its_options(note_record):
    """"| 항목 | Lambda | EC2 Spring Worker |" under "## 결정": the columns after the criteria are the options."""
    text = ("# 사진 정제 실행 위치\n\n## 배경\n\nEXIF 위치 정보를 지워야 한다.\n\n## 결정\n\nLambda에서 정제한다.\n\n"
            "| 항목 | Lambda | EC2 Spring Worker |\n| --- | --- | --- |\n| 비용 | 요청 수 과금 | 추가 비용 없음 |\n| 자원 | API와 분리 | EC2 CPU 사용 |\n")
    r = note_record("adr.md", text)
    assert [o["name"] for o in r.fields["options"]] == ["Lambda", "EC2 Spring Worker"]


def test_a_before_and_after_table_is_no_list_of_options(note_record):
    text = ("# ADR-9: Shorter cache TTL\n\n## Context\n\nStale prices.\n\n## Decision\n\nLower the TTL.\n\n"
            "| Aspect | Before | After |\n| --- | --- | --- |\n| TTL | 1 h | 5 min |\n| Hit rate | 97 % | 91 % |\n")
    assert note_record("adr9.md", text).fields["options"] == []


def test_a_log_whose_one_entry_opens_with_its_day_dates_the_incident(note_record):
    text = ("# 트러블슈팅 기록\n\n증상 → 원인 → 해결 순서로 기록한다.\n\n## 2026-08-11 — 배포 파이프라인 장애\n\n### 원인\n\n"
            "보안 그룹이 SSH를 특정 IP만 허용했다.\n\n### 해결\n\nself-hosted 러너로 전환했다.\n")
    r = note_record("log.md", text)
    assert r.kind == "incident", r.document.kind_reason
    assert r.fields["date"] == "2026-08-11"


def test_strategies_a_lead_in_counts_are_the_options_each_named_by_its_first_sentence(note_record):
    """"Nous avons identifié deux principales stratégies :" over a numbered list: each item an option, named by its
    first sentence, the sentences after it its case."""
    text = ("# Transition vers l'UI Kit cible\n\n## Statut\n\n*Accepté*\n\n## Contexte\n\nNos composants sont documentés.\n\n"
            "Nous avons identifié deux principales stratégies :\n\n"
            "1. Développer la nouvelle version du composant directement. Cette approche fait tout en une fois, mais risque des régressions.\n\n"
            "2. Développer d'abord une version parallèle. Cette approche permet de procéder page par page.\n\n"
            "## Décision\n\nNous avons décidé d'adopter une approche mixte.\n")
    r = note_record("ui.md", text)
    names = [o["name"] for o in r.fields["options"]]
    assert names == ["Développer la nouvelle version du composant directement", "Développer d'abord une version parallèle"]
    assert "page par page" in r.fields["options"][1]["reasons"][0]


def test_a_log_of_write_ups_dates_each_by_the_day_heading_above_it(note_record):
    """"## 22/Mar/2022" (a day as logs write it) over "### 1. Incident on …": the write-up's day; "The incident
    happened after a node migration from v0.9.17 to v0.9.18" names its trigger, versions whole."""
    text = ("# Postmortems\n\n## 22/Mar/2022\n### 1. Incident on the COCO nodes resulting in two offline events\n\n"
            "The incident happened after a node migration from v0.9.17 to v0.9.18.\n\n**Lessons learned**: pin the database flags.\n")
    r = note_record("pm.md", text)
    assert r.kind == "incident", r.document.kind_reason
    assert r.fields["date"] == "2022-03-22"
    assert r.fields["trigger"] == "a node migration from v0.9.17 to v0.9.18"


def test_a_day_written_with_slashes_or_dashes_and_a_month_name():
    from lorebook.extract.common import find_date
    assert find_date("22/Mar/2022") == find_date("22-Mar-2022") == "2022-03-22"


def test_a_question_that_names_the_upgrade_asks_what_went_wrong_in_it(notes_wiki_of):
    text = ("# Postmortems\n\n## 22/Mar/2022\n### 1. Incident on the COCO nodes resulting in two offline events\n\n"
            "The incident happened after a node migration from v0.9.17 to v0.9.18.\n\n"
            "**Note**: the paritydb database breaks on upgrade to v0.9.18, which left the nodes unable to start.\n")
    a = ask(notes_wiki_of({"pm.md": text}), "What broke the COCO nodes when they were upgraded to v0.9.18?")
    assert "paritydb" in a.answer


def test_a_monitor_that_raised_the_alarm_is_the_detection(note_record):
    text = ("# Login outage\n\n**Impact:** 80% of users could not log in.\n\n### Timeline\n\n"
            "- **14:00 UTC:** Our monitoring system sent an SOS signal, showing slow database queries.\n"
            "- **14:05 UTC:** An engineer checked the logs.\n")
    assert "monitoring system sent" in note_record("login.md", text).fields["detection"]


def test_a_design_proposal_is_a_decision(note_record):
    text = ("# 备份和恢复 Proposal\n\n## Motivation\n\n用户需要备份。\n\n## Goals\n\n- 支持备份\n\n## Non-Goals\n\n- 增量备份\n\n"
            "## Draft\n\n```shell\nhalo backup create\n```\n\n```shell\nhalo backup restore\n```\n\n1. 创建备份\n2. 下载\n3. 恢复\n")
    assert note_record("proposal.md", text).kind == "decision"


def test_what_do_i_run_asks_for_a_command_not_what_was_chosen():
    from lorebook.query.analysis import analyse
    a = analyse("What do I run on the Dev host to see the Flyway error from a failed deploy?")
    assert a.intents == ["command"]
    assert "chosen" in analyse("What does the billing service run on?").intents


RESTORE_RUNBOOK = """\
# Restore the apflora database

1. Stop the API: `docker compose stop api`
2. Restore the dump: `pg_restore --dbname=apflora /sik_data/apflora.backup`
3. Start the API again: `docker compose start api`

## Incidents

Production incidents on apflora are handled by the on-call engineer, reachable in the #apflora channel.
The apflora database instance is hosted in the cloud by the data team; restoring it takes about 20 minutes.
Users of apflora see a maintenance page during the restore.
"""


@pytest.mark.parametrize("question", [
    "What is the on-call phone number for apflora incidents?",
    "What recovery time objective did we commit to for restoring the apflora database?",
    "Which cloud region hosts the apflora database?",
    "How many users were affected by the apflora restore?",
])
def test_a_question_for_a_value_the_notes_never_give_is_not_answered_with_a_command(notes_wiki_of, question):
    """Asked for a phone number, a recovery objective, a region or a count of people, a line that holds none (a restore
    command, a channel name) is no answer: "not found" says so."""
    a = ask(notes_wiki_of({"restore.md": RESTORE_RUNBOOK}), question)
    assert not a.found, a.answer


def test_a_share_of_users_answers_how_many_were_affected(notes_wiki_of):
    text = ("# Forum outage\n\n## Impact\n\nThe forum was down; 30-35% of the users were affected.\n\n## Root cause\n\n"
            "The nginx open-files limit was 15.\n")
    a = ask(notes_wiki_of({"forum.md": text}), "How many users were affected by the forum outage?")
    assert "30-35%" in a.answer


def test_what_must_come_first_told_in_chinese_prose_is_a_prerequisite(note_record):
    """"更新前请先…打快照" (before updating, first snapshot the VM) and "请于更新前…发布更新公告" are prerequisites,
    each its own sentence, when no part is named for them."""
    text = ("# GitLab\n\n## 更新\n\n由于更新需要停止服务，因此请于更新前至少几小时发布更新公告。\n\n更新前请先在 Proxmox VE 上对虚拟机打快照。\n\n"
            "```shell\n./gitlab.sh db\n```\n\n```shell\n./gitlab.sh run 16.1\n```\n\n```shell\ndocker logs gitlab\n```\n\n"
            "1. 准备数据库\n2. 替换容器\n3. 查看日志\n")
    r = note_record("gitlab.md", text)
    assert r.kind == "runbook", r.document.kind_reason
    assert any("发布更新公告" in p for p in r.fields["prerequisites"])
    assert any("打快照" in p for p in r.fields["prerequisites"])
