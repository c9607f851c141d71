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
