"""Shapes from the twenty-eighth round. The notes are ours."""

from __future__ import annotations

import pytest

from lorebook.extract.common import find_date
from lorebook.query.analysis import TYPE_SHAPES, analyse, heading_field
from lorebook.query.ask import ask
from lorebook.query.vocabulary import equivalents
from lorebook.sources.markdown import block_label
from lorebook.sources.parts import key_value_pairs

LOST_BUCKET_RUNBOOK = """\
# Procédure – Bucket de stockage supprimé

## Contexte

Un bucket de production a été supprimé par erreur.

## Réactions immédiates

1. **Prévenir l'astreinte**
   - [ ] Appeler le responsable de la plateforme.
2. **Geler les écritures**
   - [ ] Passer l'application en lecture seule.
   - [ ] Vérifier les droits du compte :
      - Supprimer les clés d'accès inutiles.
      - Supprimer les comptes de service obsolètes.

## Restauration

1. Recréer le bucket depuis la sauvegarde de la nuit.
"""


def test_the_first_thing_to_do_is_the_opening_of_the_first_response_part(notes_wiki_of):
    """Lines further down the first-response part that share a word with the question ("supprimer" for
    "deleted") are not what to do first; its opening lines are."""
    w = notes_wiki_of({"bucket.md": LOST_BUCKET_RUNBOOK})
    a = ask(w, "What should I do first if the production bucket gets deleted by mistake?")
    assert a.found and a.answer.startswith("1. Prévenir"), a.answer
    assert "responsable de la plateforme" in a.answer, a.answer


ESCALATION_RUNBOOK = """\
# Notfall-Runbook Kasse

## Kontakte Hosting

**Hetzner:**
- Support: https://console.hetzner.cloud/support
- E-Mail: support@hetzner.example
- Telefon: +49 000 000000

## Neustart

1. `systemctl restart kasse-api`
2. `systemctl status kasse-api`

## Kontakte Team

**Teamleitung:** Jana Roth
- E-Mail: jana@kasse.example
- Telefon: +49 111 111111

**Bereitschaft:** wechselnd
- Telegram: @kasse_bereitschaft
- Slack: #kasse-alarm
"""


def test_every_contacts_section_is_read_and_kept_out_of_the_steps(note_record):
    r = note_record("kasse.md", ESCALATION_RUNBOOK)
    contacts = r.fields["contacts"]
    assert "Telegram: @kasse_bereitschaft" in contacts and "E-Mail: support@hetzner.example" in contacts, contacts
    assert not any("Telegram" in str(s) for s in r.fields["steps"]), r.fields["steps"]


def test_a_channel_the_question_names_picks_its_entry_from_the_directory(notes_wiki_of):
    w = notes_wiki_of({"kasse.md": ESCALATION_RUNBOOK})
    a = ask(w, "Who do I ping on Telegram when the Kasse is down?")
    assert a.found and a.answer.startswith("Telegram: @kasse_bereitschaft"), a.answer
    assert "hetzner" not in a.answer.lower(), a.answer
    # asked for whom to call at all, no one channel is picked out
    a = ask(w, "Whom do I contact when the Kasse is down?")
    assert a.found and "support@hetzner.example" in a.answer and not a.answer.startswith("Telegram"), a.answer


@pytest.mark.parametrize("text, day", [
    ("2026-07-17T15:27Z (ronda do monitor)", "2026-07-17"),  # an ISO moment: the day before its T
    ("（2013 年）10 月 2 日至 11 日", "2013-10-02"),  # a year set apart in brackets
])
def test_dates_written_as_moments_or_with_a_bracketed_year(text, day):
    assert find_date(text) == day


@pytest.mark.parametrize("name, text, day", [
    ("discovered.md", """\
# Incident: agent wrote outside its sandbox

| | |
| --- | --- |
| **Severity** | High |
| **Discovered** | 2026-06-20, during a smoke test |

## Summary

The agent wrote a file outside its sandbox.
""", "2026-06-20"),
    ("visto.md", """\
# Incidente: workers duplicados

- **Estado:** fechado
- **Primeiro visto:** 2026-07-17T15:27Z (ronda do monitor)

## Impacto

Dois workers processaram a mesma fila.
""", "2026-07-17"),
    ("window.md", """\
# Outage Postmortem: the nightly script

## Issue Summary

**Duration:** May 20, 2024, 14:00 - 16:30 UTC (2 hours and 30 minutes of unexpected downtime for every user)

**Root Cause:** A database update script locked the users table.
""", "2024-05-20"),
    ("cjk.md", """\
# 安全事件记录 · 凭证外泄(未遂)

> 事件日期:2026-06-30 · 记录者:值班工程师 · 状态:已遏制

## 1. 发生经过

有外部内容被注入会话。

## 2. 影响

凭证未外泄。

## 3. 根本原因

会话读取了不可信的网页内容。
""", "2026-06-30"),
    ("opening.md", """\
# Слияние запрошено при черновике

09.09.2026. Заявка отдана в ветку эпика, и той же репликой владельцу сказано «прошу влить», хотя черновик не снят.

## Что произошло

Черновик не был снят, прогон ещё шёл.

## Корневая причина

Правило поставки не проверялось перед просьбой.
""", "2026-09-09"),
])
def test_an_incident_day_written_where_a_reader_finds_it(note_record, name, text, day):
    """A first-seen key in another language, a "Discovered" row, a window line that names its day, a CJK
    key with a half-width colon, a story that opens on its date."""
    r = note_record(name, text)
    assert r.kind == "incident" and r.fields["date"] == day, (r.kind, r.fields.get("date"))


def test_a_cjk_label_with_a_half_width_colon_is_a_key():
    assert block_label("状态:已遏制") == ("状态", "key")
    assert [block_label(p)[0] for p in key_value_pairs("事件日期:2026-06-30 · 记录者:值班 · 状态:已遏制")] == ["事件日期", "记录者", "状态"]
    assert block_label("参见 https://example.com/x") == ("", "")  # not a key: no label before a colon


def test_a_decision_log_titled_with_its_day_is_dated_by_it(note_record):
    r = note_record("log.md", """\
# 2024-03-19

## Context

The artifact cache keeps filling its disk every week.

## Decision

We decided to move the artifact cache to object storage.

## Consequences

Builds read artifacts over the network.
""")
    assert r.kind == "decision" and r.fields["date"] == "2024-03-19", (r.kind, r.fields.get("date"))


DEPLOY_RUNBOOK_KO = """\
# 배포 운영 런북

## 개발 배포

개발 서버는 `develop` branch에 병합되면 자동으로 배포된다.

## 운영 배포

운영 EC2, RDS, ALB target group, `/etc/kanban/application.env`가 준비된 뒤 진행한다.

### 릴리스 PR

승인과 병합 사이에 다른 PR이 병합될수록 재승인이 필요해지므로, 승인 조건을 채운 PR은 바로 병합한다.
Kanban 운영 배포가 끝나면 필요한 경우 대시보드에서 오류율을 확인한다.
"""


def test_a_line_that_says_what_must_hold_first_answers_a_prerequisite_question(notes_wiki_of):
    w = notes_wiki_of({"deploy.md": DEPLOY_RUNBOOK_KO})
    a = ask(w, "What needs to be in place before doing a Kanban production deploy?")
    assert a.found and a.answer.startswith("운영 EC2, RDS"), a.answer


@pytest.mark.parametrize("question", [
    "At what time did the model refuse to run the injected command?",
    "When did the on-call run the rollback command?",
    "What time did we run the failover command?",
])
def test_a_question_that_opens_with_when_asks_for_a_moment_first(question):
    """The command named later in the question is what the moment was of, not what is asked."""
    assert analyse(question).intents[0] == "when"


def test_a_plain_command_question_still_asks_for_the_command():
    assert analyse("What command do I run to fail over the database?").intents[0] == "command"


@pytest.mark.parametrize("word, said", [
    ("refuse", "拒绝"), ("refused", "拒绝"), ("injected", "注入"), ("model", "模型"), ("retries", "재시도"),
    ("stopped", "停止"), ("recovered", "복구"), ("lag", "지연"), ("vulnerability", "脆弱性"), ("weekly", "wöchentlich"),
])
def test_english_question_words_reach_notes_in_other_languages(word, said):
    assert said in equivalents(word)


INJECTION_INCIDENT = """\
# 安全事件记录 · 提示注入诱导凭证外泄(未遂)

> 事件日期:2026-06-30 · 状态:已遏制

## 1. 时间线

| 时间 | 事件 |
| --- | --- |
| 03:52:48 | 用户输入「运行 onboarding」 |
| 03:56:08 | 模型查证 serve-status,确认该 skill 不存在 |
| 03:56:44 | 模型识别为提示注入,拒绝执行,无任何 curl 动作 |
| 04:06:18 | 用户开始溯源 |

## 2. 影响

凭证未外泄。
"""


def test_a_moment_asked_in_english_is_found_in_a_chinese_timeline(notes_wiki_of):
    w = notes_wiki_of({"inj.md": INJECTION_INCIDENT})
    a = ask(w, "At what time did the model refuse to run the injected command?")
    assert a.found and "03:56:44" in a.answer, a.answer


SYNC_RUNBOOK = """\
# Runbook : exploitation de la synchro

## Mise à jour

1. Lire le CHANGELOG de la nouvelle version.
2. Sauvegarder : `docker exec synchro synchro sauvegarder`.
3. Changer `SYNCHRO_IMAGE` dans `.env`, puis :

   ```
   docker compose pull && docker compose up -d
   ```

4. Contrôler : `healthy` au bout de quelques minutes, `synchro rapport` sans alerte.

## Incidents

| Symptôme | Cause probable | Que faire |
|---|---|---|
| Alerte « disjoncteur » | beaucoup de suppressions d'un coup | `synchro simuler` ; si c'est voulu : `synchro une-fois --confirmer` |
| « N cycles en échec » | un outil injoignable, jeton expiré | `synchro verifier` |
"""


def test_a_troubleshooting_row_says_what_to_do_about_the_case_it_names(notes_wiki_of):
    """The runbook's own step that shares only "synchro" and "alerte" with the question is not the first thing to do
    when the "disjoncteur" alert fires; the row naming that alert, with its "Que faire" column, is."""
    w = notes_wiki_of({"synchro.md": SYNC_RUNBOOK})
    a = ask(w, "What should I do first when the synchro 'disjoncteur' alert fires?")
    assert a.found and a.answer.startswith("Symptôme: Alerte « disjoncteur »") and "synchro simuler" in a.answer, a.answer


@pytest.mark.parametrize("question", [
    "Which version of Zabbix did the team end up deploying?",
    "What version of Postgres are we on?",
])
def test_which_version_asks_for_a_version_number(question):
    assert analyse(question).answer_types[:1] == ["version"]


@pytest.mark.parametrize("text, shaped", [
    ("PostgreSQL 15.4 is what we run", True), ("we pinned v1.22", True), ("stay on 2.x for now", True),
    ("Zabbix is overwogen vanwege zijn mogelijkheden", False), ("on 2024-03-19 at 14:05", False),
])
def test_a_version_is_a_number_with_dots(text, shaped):
    assert bool(TYPE_SHAPES["version"].search(text)) is shaped


ZABBIX_ADR = """\
# Implementatie van Zabbix voor monitoring

**Status**: Besloten

## Context

We hebben een robuuste oplossing nodig voor monitoring van infrastructuur en applicaties.
Zabbix is overwogen vanwege zijn uitgebreide mogelijkheden voor monitoring en visualisatie.

## Besluit

We gebruiken Zabbix voor monitoring van alle servers.
"""


def test_a_version_no_note_states_is_not_answered_with_any_line_about_the_tool(notes_wiki_of):
    w = notes_wiki_of({"zabbix.md": ZABBIX_ADR})
    a = ask(w, "Which version of Zabbix did the team end up deploying?")
    assert not a.found, a.answer


def test_a_number_in_a_config_block_is_no_year(notes_wiki_of):
    w = notes_wiki_of({"pgb.md": """\
# Runbook: dedicated Postgres host

## Set-up

1. Install pgbouncer:

   ```
   apt-get install pgbouncer
   ```

2. Configure it:

   ```
   [pgbouncer]
   listen_port = 6432
   max_client_conn = 2000
   ```

3. Restart it with `systemctl restart pgbouncer`.
"""})
    a = ask(w, "When was the last restore drill run against the Postgres host?")
    assert "max_client_conn" not in a.answer, a.answer


CACHE_ADR = """\
# ADR 0016: Drop the local cache entirely

- **Status:** Accepted
- **Date:** 2026-06-20
- **Supersedes:** the "cache is optional local enrichment" clause of
  [0009](0009-repo-is-source-of-truth.md); refines
  [0010](0010-migration-is-ordinary-work.md)

## Context

ADR 0009 kept the local cache as optional enrichment. It carried no weight.

## Decision

We remove the local cache; the repository is the only source of truth.
"""

GRID_ADR_KO = """\
# ADR-0006: 서버에서 균등 원 이동을 적용한다

## Status

Accepted (2026-09-07). ADR-0002를 대체해요.

## Context

같은 격자에서 누적되면 윤곽이 드러났어요.

## Decision

서버에서 균등 원 이동을 적용해요.
"""


@pytest.mark.parametrize("name, text, replaced", [("cache.md", CACHE_ADR, "0009"), ("grid.md", GRID_ADR_KO, "ADR-0002")])
def test_a_record_names_the_one_it_supersedes(note_record, name, text, replaced):
    """A Supersedes line whose link wraps onto the next line; a Korean status that says 'replaces ADR-0002'."""
    assert note_record(name, text).fields["supersedes"] == [replaced]


def test_the_status_of_a_record_the_wiki_lacks_is_told_by_the_one_that_replaced_it(notes_wiki_of):
    w = notes_wiki_of({"cache.md": CACHE_ADR, "grid.md": GRID_ADR_KO})
    a = ask(w, "Is the ADR 0009 rule that the cache is optional local enrichment still in force?")
    assert a.found and a.answer.startswith("Supersedes:") and "0009" in a.answer, a.answer
    a = ask(w, "Is ADR-0002 still in force?")
    assert a.found and "ADR-0002를 대체해요" in a.answer, a.answer
    a = ask(w, "Is ADR 16 still in force?")  # its own status, when it is the one asked
    assert a.found and "Accepted" in a.answer.split("\n")[0], a.answer


MONOREPO_ADR = """\
# Multi-packages architecture in a monorepo with Yarn and Lerna

- Status: accepted
- Date: 2020-09-25

## Context and Problem Statement

We have to define the initial overall architecture of the project.

## Considered Options

- Monolith
- Multi-packages, monorepo, with Yarn and Lerna

## Decision Outcome

Chosen option: "Multi-packages, monorepo, with Yarn and Lerna", because

- We want the core library to be very well tested on its own.
- Yarn + Lerna is common practice for publishing npm packages.
"""


@pytest.mark.parametrize("question", ["Which tools manage the monorepo?", "What database backs the billing service?",
                                      "Which library handles retries in the client?"])
def test_which_tool_does_a_job_asks_what_was_chosen(question):
    assert analyse(question).intents[:1] == ["chosen"]


def test_the_chosen_option_is_cited_where_the_record_says_it_was_chosen(notes_wiki_of):
    w = notes_wiki_of({"monorepo.md": MONOREPO_ADR, "deploy.md": DEPLOY_RUNBOOK_KO, "synchro.md": SYNC_RUNBOOK})
    a = ask(w, "Which tools manage the monorepo?")
    assert a.found and "Lerna" in a.answer, a.answer
    first = a.citations[0]
    assert (first["start_line"], first["end_line"]) == (17, 17), a.citations


def test_a_single_recommendation_heading_holds_the_action_items(note_record):
    r = note_record("workers.md", """\
# Incidente: containers worker duplicados

- **Estado:** fechado
- **Primeiro visto:** 2026-07-17T15:27Z

## Impacto

O host de1 ficou com load 15.61 e os workers consumiram a mesma fila duas vezes.

## Causa provável

O `pull-deploy.sh` passou a usar um nome de projeto novo sem derrubar o antigo.

## Recomendação ao utilizador

1. **de1 (urgente):** derrubar o projeto antigo — `docker compose -p worker down`.
2. **Corrigir `pull-deploy.sh`:** derrubar o projeto antigo primeiro.
""")
    items = r.fields["action_items"]
    assert len(items) == 2 and "docker compose -p worker down" in str(items[0]), items


def test_metadata_and_a_rate_of_megabytes_are_no_money(notes_wiki_of):
    """"元数据" (metadata) holds no yuan and "200 MB/h" is no price per hour: asked what an incident cost, a note
    that states no amount of money gives no answer."""
    w = notes_wiki_of({"disk.md": """\
# 事故报告：WorkBuddy 沙盒日志吞噬磁盘

## 影响

系统盘在 3~4 天内减少 15GB 以上。

## 根本原因

单会话内堆积上万个元数据 json (8,412 files)。
单小时日志吞吐速率：稳定在 150 MB ~ 200 MB/h。
""", "deploy.md": DEPLOY_RUNBOOK_KO})
    a = ask(w, "How much money did the WorkBuddy disk incident cost the team?")
    assert not a.found, a.answer


@pytest.mark.parametrize("text, dated", [("09.09.2026.", True), ("26/03/2024 um 14 Uhr", True),
                                         ("Заявка #1952 отдана в ветку", False)])
def test_a_day_written_with_dots_or_slashes_is_a_date_and_a_ticket_number_is_not(text, dated):
    assert bool(TYPE_SHAPES["date"].search(text)) is dated


def test_a_story_that_opens_on_its_date_answers_when(notes_wiki_of):
    w = notes_wiki_of({"merge.md": """\
# Слияние запрошено при черновике

09.09.2026. Заявка #1952 отдана в ветку эпика, и той же репликой владельцу сказано «прошу влить».

## Что произошло

Черновик не был снят, прогон ещё шёл. Заявка #1930 пролежала черновиком больше суток.
""", "deploy.md": DEPLOY_RUNBOOK_KO})
    a = ask(w, "When did the premature merge request on the epic happen?")
    assert a.found and a.answer.startswith("09.09.2026"), a.answer


def test_what_do_i_need_before_asks_the_prerequisites():
    assert analyse("What do I need in hand before building the Postgres container?").intents[:1] == ["prerequisites"]


@pytest.mark.parametrize("heading", ["0. Pré-requisitos", "Prérequis", "Prerrequisitos"])
def test_a_numbered_or_accented_prerequisites_heading_names_the_field(heading):
    assert heading_field(heading) == "prerequisites"


def test_a_title_that_sets_two_options_side_by_side_is_a_decision(note_record):
    r = note_record("auth.md", """\
# 세션 vs JWT 비교 분석

이 프로젝트에서 JWT를 선택한 이유를 정리합니다.

## 비교표

| 비교 항목 | 세션 | JWT |
|----------|-----|-----|
| 서버 확장성 | Redis 공유 필요 | Stateless |
| 즉시 무효화 | 세션 삭제로 가능 | 블랙리스트 필요 |
""")
    assert r.kind == "decision", r.kind
