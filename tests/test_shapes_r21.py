"""Shapes from the twenty-first round. The notes are ours."""

from __future__ import annotations

from test_unseen_shapes import cited, one, records

# --- decisions ---

ADR_DE = """# ADR-0007: Belege im Objektspeicher ablegen

- **Status:** angenommen
- **Datum:** 2025-02-11

## Kontext

Belege liegen heute als Dateien auf dem Anwendungsserver.

## Entscheidung

Belege werden im Objektspeicher des Rechenzentrums abgelegt.

## Übergangsphase (Stand 01.03.2025)

Der Entwurf für den Produktions-Bucket liegt der IT vor. Bis dahin schreibt die Anwendung in ein lokales Verzeichnis.
"""


def test_a_dated_note_in_a_heading_is_no_status_section():
    """ "## Übergangsphase (Stand 01.03.2025)": "Stand" with a date says when the text was written; the section's
    "Entwurf" (a draft of something else) does not turn the accepted record into a proposal."""
    rec = one(ADR_DE, "0007-belege.md")
    assert rec.fields["status"] == "accepted"
    assert "angenommen" in cited(rec, "status")


def test_a_status_word_is_a_whole_word():
    """ "OpenID" does not say "open" (proposed)."""
    rec = one("# ADR-0031: Sign-in through the company directory\n\n## Status\n\nAfter the OpenID Connect trial, accepted "
              "by the platform board.\n\n## Decision\n\nWe sign in through the company directory.\n", "0031-sign-in.md")
    assert rec.fields["status"] == "accepted"


ADR_OPTIONS_LINE = """# ADR-0021: No message queue in the first release

- **Status:** Accepted
- **Date:** 2025-06-02

## Context

Imports run for a few seconds at most today.

## Decision

Imports run synchronously, one page per request.

## When to revisit

- Imports of whole catalogues (over 30 s).
- Options evaluated: **Kafka with a consumer group** (fits the event bus) or a Celery worker with its state kept in Postgres.
"""


def test_options_named_on_one_labelled_line_are_the_options():
    rec = one(ADR_OPTIONS_LINE, "0021-no-queue.md")
    names = [o["name"] for o in rec.fields["options"]]
    assert len(names) == 2, names
    assert names[0].startswith("Kafka with a consumer group") and "Celery worker" in names[1]


# --- incidents ---

PM_KNOCK_ON = """# Ingress controller upgrade

## Summary

On 4 May 2024 an upgrade of the ingress controller changed its default timeout.

The new default was shorter than the payment gateway's slowest call, so the gateway's health checks failed.

This in turn caused the checkout pods and the invoice workers to restart in a loop for most of the afternoon.

## Timeline

| Time | Event |
| --- | --- |
| 2024-05-04 13:02 | Upgrade applied |
| 2024-05-04 13:10 | Health checks fail |
| 2024-05-04 15:40 | Timeout restored |
"""


def test_a_summary_sentence_that_tells_what_followed_is_the_impact():
    """No impact part and no "users were affected": "This in turn caused …" in the summary says what was hurt."""
    rec = one(PM_KNOCK_ON, "ingress-upgrade.md")
    assert "invoice workers" in rec.fields["impact"], rec.fields["impact"]


PM_RU = """# Переполнение диска на сервере логов

Дата: 2025-03-14

## Сводка

Диск сервера логов заполнился, и приём логов был остановлен в течение 2 ч 15 мин. Диск расширен до 200 ГБ.

## Причина

Ротация логов была отключена после обновления.
"""


def test_a_russian_length_in_hours_and_minutes_is_the_duration():
    rec = one(PM_RU, "log-disk.md")
    assert rec.fields["duration_minutes"] == 135
    assert rec.fields["duration_source"] == "stated"


# --- runbooks ---

RB_DEPLOY = """# Search index fix: deploy and check

Changes to ship:
- `4f1c2a9` fix(index): skip empty shards
- `77d0e3b` feat(index): shard size metric

## Operator prerequisites

- VPN to the search hosts
- Write access to the `search-prod` repository

## Pre-deploy

Already checked:
- 40 index tests pass
- The shard size metric shows in staging

## Ship it

On the build host:

```bash
git push origin main
```

On each search host:

```bash
cd /srv/search
git pull --ff-only origin main
systemctl restart search-indexer
```

## Follow-up once it holds

1. Lower the shard size alert from 50 GB to 40 GB.
2. Remove the old empty-shard workaround.
"""


def test_qualified_prerequisites_and_pre_deploy_are_prerequisites():
    rec = one(RB_DEPLOY, "search-index-deploy.md")
    prereq = " ".join(rec.fields["prerequisites"])
    assert "VPN to the search hosts" in prereq


def test_follow_up_work_is_no_step_and_the_commands_are_the_procedure():
    """The only numbered list is the follow-up work: the steps are the sections of commands instead."""
    rec = one(RB_DEPLOY, "search-index-deploy.md")
    steps = rec.fields["steps"]
    assert steps and not any("shard size alert" in s["title"] for s in steps), steps
    assert any("git pull --ff-only origin main" in c for s in steps for c in s["commands"])


def test_a_list_under_a_lead_in_below_the_title_is_the_overview():
    rec = one(RB_DEPLOY, "search-index-deploy.md")
    assert "4f1c2a9" in rec.fields["overview"] and "77d0e3b" in rec.fields["overview"], rec.fields["overview"]


RB_PRE_DEPLOY_ONLY = """# Release the billing service

## Pre-deploy

- Release notes approved
- Staging green for 24 hours

## Release

```bash
make release
```
"""


def test_a_pre_deploy_section_is_the_prerequisites():
    rec = one(RB_PRE_DEPLOY_ONLY, "billing-release.md")
    assert rec.fields["prerequisites"] == ["Release notes approved", "Staging green for 24 hours"]


RB_PT = """# RB-03 — Migração quebrou a API

## Sintoma

- A API retorna 500 após um deploy com migration.

## Diagnóstico

1. Ver as últimas migrations aplicadas:
   `select version, applied_at from schema_versions order by applied_at desc limit 3;`
2. Ler o SQL da migration suspeita.

## Ação

| Causa | Ação |
| --- | --- |
| Permissão esquecida | Aplicar migration corretiva com `GRANT ... TO api;` |
| Coluna renomeada | Reverter o rename com uma nova migration. |

**Nunca:**
- Editar uma migration já aplicada.
- Rodar SQL manual em produção.
"""


def test_a_whole_sql_statement_in_a_code_span_is_a_command():
    rec = one(RB_PT, "rb-03-migration.md")
    cmds = [c for d in rec.fields["diagnosis"] for c in d["commands"]]
    assert any(c.startswith("select version, applied_at from schema_versions") for c in cmds), rec.fields["diagnosis"]


def test_a_cause_and_action_table_is_the_steps_not_the_never_list():
    """ "| Causa | Ação |": each row an action for its cause; the "**Nunca:**" list after it is what not to do."""
    rec = one(RB_PT, "rb-03-migration.md")
    steps = rec.fields["steps"]
    assert len(steps) == 2, steps
    assert steps[0]["title"].startswith("Aplicar migration corretiva com GRANT ... TO api"), steps[0]
    assert "Permissão esquecida" in steps[0]["text"]
    assert "A API retorna 500" in rec.fields["overview"]


RB_ZH = """# 网关切换 Runbook

> 目标：把线上网关从 v1 切到 v2。

## 0. 已完成的准备（全部核验过）

| 项 | 状态 |
|---|---|
| 配置迁移 | ✅ |

## 1. 已知行为差异

- v2 默认开启鉴权。

## 2. 启动 v2（8081 端口）

```bash
gatewayd --config v2.yaml --port 8081
```

## 3. 验收

```bash
curl -s http://127.0.0.1:8081/healthz
```

## 4. 切换

```bash
gatewayd --config v2.yaml --port 8080
```
"""


def test_an_outline_skips_work_already_done_and_names_its_check_and_caveats():
    rec = one(RB_ZH, "gateway-switch.md")
    steps = rec.fields["steps"]
    assert "8081" in steps[0]["title"], steps[0]
    assert any("healthz" in v for v in rec.fields["verification"]), rec.fields["verification"]
    assert rec.fields["caveats"] == ["v2 默认开启鉴权。"]
    assert rec.fields["overview"].startswith("目标：把线上网关从 v1 切到 v2")


# --- questions ---

from lorebook import vocab  # noqa: E402
from lorebook.query.analysis import analyse, shape_match  # noqa: E402
from lorebook.query.ask import ask  # noqa: E402


def test_question_wordings_that_name_their_answer():
    """ "how do I confirm" asks for the check; "which tools were already considered" the options; "how often" a
    frequency; "which SQL do I run" a command; "if it breaks critical writes" describes the case, it asks no rollback."""
    assert "verify" in analyse("After the import, how do I confirm the index now has every document?").answer_types
    assert analyse("If we need a queue later, which technologies were already considered?").intents[:1] == ["options"]
    assert "command" in analyse("Which SQL do I run to see the latest migrations?").answer_types
    sev = analyse("What severity should a schema change get if it breaks critical writes?")
    assert "rollback" not in sev.intents and sev.answer_types[:1] == ["severity"]
    assert "rollback" in analyse("How do I undo the change if it breaks?").intents


RB_SEVERITY = """# RB-11 — Fila de e-mails parada

**Severidade padrão:** S2 se a fila passar de 10 mil mensagens; S3 caso contrário.

## Diagnóstico

1. Ver o tamanho da fila no painel do broker.
"""

ADR_FR = """# ADR-0004 : Détection des capteurs muets

- **Statut :** Accepté
- **Date :** 2025-04-02

## Contexte

Un capteur peut cesser d'envoyer des mesures sans erreur visible.

## Décision

- Une boucle par site (toutes les 5 s) lit la dernière mesure de chaque capteur.
- Projet : Atelier Capteurs — scheduler du site pilote.
"""


def test_a_labelled_severity_line_and_a_frequency_in_another_language_answer(notes_wiki_of):
    w = notes_wiki_of({"rb-11-fila.md": RB_SEVERITY, "0004-capteurs-muets.md": ADR_FR})
    a = ask(w, "What severity should a stuck e-mail queue get if it grows past ten thousand messages?")
    assert a.found and "S2" in a.answer.split("[1]")[0], a.answer
    a = ask(w, "How often does the Atelier Capteurs scheduler check each site?")
    assert a.found and "toutes les 5 s" in a.answer.split("[1]")[0], a.answer
    # the frequency is recognised in the notes' own language, not only as "every 5 s"
    for said in ("une boucle par site (toutes les 5 s)", "cada 10 minutos", "alle 10 Minuten", "каждые 5 минут", "每 5 分钟"):
        assert shape_match(["frequency"], said) == 1.0, said
    assert shape_match(["frequency"], "Le projet s'appelle Atelier Capteurs.") == 0.0


PM_RECOVERY = """# Cache cluster upgrade issue

## Summary

On 2 June 2024 an upgrade of the cache cluster left its proxy pods crash-looping, which took the session store down.

## Timeline

| Time | Event |
| --- | --- |
| 2024-06-02 10:05 | Upgrade makes the proxy pods crash loop |
| 2024-06-02 10:31 | Proxy rolled back |
| 2024-06-02 11:40 | Upgrade redone with the vendor's settings |

# Stats

- Time to detection: 4 minutes
- Time to recovery: 26 minutes
"""


def test_asked_how_long_recovery_took_the_line_that_states_it_answers(notes_wiki_of):
    """ "How long did it take to recover": the "Time to recovery" line is the answer, not a timeline row that
    repeats the question's words, and it is not marked down as a competitor of itself."""
    w = notes_wiki_of({"cache-upgrade.md": PM_RECOVERY})
    a = ask(w, "How long did it take to recover from the proxy crash loop?")
    assert a.found and "26 minutes" in a.answer.split("[1]")[0], a.answer


def test_a_length_stated_in_another_language_is_quoted_in_the_answer(notes_wiki_of):
    w = notes_wiki_of({"log-disk.md": PM_RU})
    a = ask(w, "How long was log intake stopped when the log server disk filled?")
    assert a.found and "2 ч 15 мин" in a.answer, a.answer


# --- shapes from set43 ---

ADR_JA = """# ADR-004: 通知基盤の統一

**Status**: Accepted
**Owner**: 山田花子

## コンテキスト
3つのサービスがそれぞれ独自にメールを送信している。

## 判断
共通の通知サービスを新設し、全サービスの送信をそこに集約する。
"""


def test_an_adrs_owner_decides_and_判断_is_its_decision():
    rec = one(ADR_JA, "adr-004-notify.md")
    assert rec.fields["deciders"] == ["山田花子"]
    assert rec.fields["decision"].startswith("共通の通知サービスを新設し")


PM_LOG = """# Postmortems

## 14/Apr/2023
### 1. Incident on the ALPHA and BETA relays leaving both of them offline for an hour.

The incident happened after an upgrade from v2.3 to v2.4.

_Tasks performed_

1. Upgraded ALPHA.
2. Upgraded BETA.
"""


def test_a_log_of_postmortems_is_titled_by_its_days_entry():
    """ "# Postmortems" / "## 14/Apr/2023" / "### 1. Incident on …": the generic title and the day give way to the
    heading that names the incident."""
    rec = one(PM_LOG, "postmortems.md")
    assert "ALPHA and BETA relays" in rec.document.title, rec.document.title


RB_RU = """# Безопасный рестарт узла

1. Перейти на узел по ssh.

1. Проверить, можно ли остановить процесс:

    ```bash
    storectl request restart --node {node_id} --dry
    ```

    При разрешении выведет `ALLOW`.

1. Остановить процесс:

    ```bash
    sudo service storaged stop
    ```
"""


def test_what_a_command_prints_when_all_is_well_is_the_check():
    rec = one(RB_RU, "runbooks/node-restart-ru.md")
    ver = rec.fields["verification"]
    assert len(ver) == 1 and "storectl request restart" in ver[0] and "ALLOW" in ver[0], ver


RB_ZH_USER = """# 备份服务器用户管理

## 新建用户

1. `backup-manager user create 用户名 --email 邮箱`
2. `backup-manager acl update / Admin --auth-id 用户名`
3. 使用 `backup-manager acl list` 确认权限列表。
"""

RB_FR = """# Débloquer un compte bloqué

Pour débloquer un compte, vous devez d’abord vous connecter au serveur avec un compte administrateur.

Puis débloquez le compte :

```bash
sudo faillock --user alice --reset
```
"""


def test_a_step_that_confirms_with_a_command_and_you_must_first_are_check_and_prerequisite():
    rec = one(RB_ZH_USER, "runbooks/backup-users.md")
    assert rec.fields["verification"] == ["使用 backup-manager acl list 确认权限列表"], rec.fields["verification"]
    rec = one(RB_FR, "runbooks/debloquer.md")
    assert rec.fields["prerequisites"] and "vous devez d’abord vous connecter" in rec.fields["prerequisites"][0]


# --- shapes from set47 ---

RB_DATA = """---
id: cache-eviction-storm
title: Tempestade de evicções no Redis
estimatedTime: 20m
steps:
  - type: checklist
    title: Confirmar impacto
    detail: A taxa de acerto caiu? Quais serviços sentem?
  - type: query
    title: Ver memória usada (no primário)
    command: "redis-cli info memory"
  - type: query
    title: Medir evicções por segundo
    command: "redis-cli info stats | grep evicted_keys"
---

## Contexto
Evicções em massa acontecem quando o Redis chega ao maxmemory.
"""


def test_a_runbook_written_as_data_in_its_front_matter_has_those_steps(notes_wiki_of):
    """Front matter "steps:" as a list of mappings (title, detail, command): each a step, cited at its own line."""
    rec = one(RB_DATA, "runbooks/redis-evictions.md")
    steps = rec.fields["steps"]
    assert [s["title"] for s in steps] == ["Confirmar impacto", "Ver memória usada (no primário)", "Medir evicções por segundo"]
    assert steps[1]["commands"] == ["redis-cli info memory"] and steps[0]["text"].startswith("A taxa de acerto caiu?")
    assert [s.start for s in rec.cite("steps")] == [7, 10, 13]
    w = notes_wiki_of({"runbook-redis-evictions.md": RB_DATA})
    a = ask(w, "What command do I run to see how many keys are evicted per second?")
    assert a.found and "grep evicted_keys" in a.answer.split("[1]")[0], a.answer


RB_PREAMBLE = """## QueueConsumerStalled

Get the consumer group and check whether its lag is growing.

The following command is run against the broker:
```bash
kafka-consumer-groups --describe --group billing
```

### a. If the lag is growing
Restart the consumers.

```bash
kubectl rollout restart deploy/billing-consumer
```

### b. If the lag is flat
Check the producer instead.

```bash
kubectl logs deploy/billing-producer --tail 50
```
"""


def test_commands_under_the_title_come_before_the_case_sections():
    rec = one(RB_PREAMBLE, "runbooks/queue-consumer-stalled.md")
    steps = rec.fields["steps"]
    assert steps[0]["commands"] == ["kafka-consumer-groups --describe --group billing"], steps[0]
    assert len(steps) == 3 and steps[1]["title"].startswith("a. If the lag is growing")


PM_QUESTIONS = """# 2024-02-07 - Outage of status.example.org caused by an expired certificate

## What happened?

On 2024-02-07 the status page was unreachable because its TLS certificate had expired.

## What was the impact identified?

Visitors saw certificate warnings for 35 minutes and the uptime widget stopped updating.

## 用户与项目影响

- 用户无法查看状态页。
"""


def test_headings_asked_as_questions_and_joined_cjk_nouns_name_their_part(notes_wiki_of):
    rec = one(PM_QUESTIONS, "2024-02-07-status-outage.md")
    assert rec.fields["impact"].startswith("Visitors saw certificate warnings"), rec.fields["impact"]
    assert vocab.field_of_label("incident", "用户与项目影响") == "impact"
    assert vocab.field_of_label("incident", "What was the root cause?") == "root_cause"
    w = notes_wiki_of({"2024-02-07-status-outage.md": PM_QUESTIONS})
    a = ask(w, "What took the status page down on 7 February 2024?")
    assert a.found and "certificate had expired" in a.answer.split("[1]")[0], a.answer


def test_a_question_that_opens_by_asking_what_to_run_wants_a_command():
    a = analyse("What query do I run on the replica to see how many seconds behind it is?")
    assert a.answer_types[:1] == ["command"] and "command" in a.intents
    assert analyse("How much time should I budget for this runbook?").answer_types[:1] == ["duration"]


# --- shapes from set42 (read in an earlier session) ---

PM_HEADINGS_AS_LINES = """### Postmortem: Checkout Outage - March 3, 2024

## Issue Summary
#  Outage Duration: March 3, 2024, 10:00 AM - March 3, 2024, 11:15 AM (UTC)

* Impact: Checkout returned errors for 75 minutes.

# Root Cause: The payment gateway's API key had been rotated without updating the service's secret.

## Timeline
    10:00 AM: Checkout errors began.
    11:15 AM: The new key was deployed.
"""


def test_headings_written_as_labelled_sentences_are_one_write_up():
    """ "# Root Cause: …" and "# Outage Duration: …" are lines of one postmortem, not the titles of others; the
    "### Postmortem: Checkout Outage …" over them is its title."""
    recs = records(PM_HEADINGS_AS_LINES, "0x19-postmortem.md")
    assert len(recs) == 1, [r.document.title for r in recs]
    assert recs[0].document.title.startswith("Postmortem: Checkout Outage")
    assert "API key had been rotated" in recs[0].fields["root_cause"]


ADR_LOG_DE = """# Architekturentscheidungen

### Wahl des Message Brokers
RabbitMQ wurde gewählt, da das Team es bereits betreibt. Kafka wäre für die Datenmenge überdimensioniert.

### Wahl von Postgres
Alle Dienste speichern ihre Daten in einer gemeinsamen Postgres-Instanz mit je einem Schema.
"""


def test_a_log_of_decisions_is_a_decision_record_and_its_choices_are_its_decision():
    rec = one(ADR_LOG_DE, "09_architekturentscheidungen.md")
    assert rec.kind == "decision"
    assert rec.fields["decision"].startswith("Wahl des Message Brokers: RabbitMQ wurde gewählt"), rec.fields["decision"]
    assert "Wahl von Postgres: Alle Dienste" in rec.fields["decision"]


ADR_NESTED_MERITS = """# ADR-0009: Where build caches live

## Status

Accepted

## Options

### Option A — Object storage bucket
- **Summary**:
  - One bucket per repository
- **Pros**:
  - Cheap per gigabyte
- **Cons**:
  - Slow first download on a cold runner

### Option B — Shared NFS volume
- **Summary**:
  - One volume mounted on every runner
- **좋은 점(Pros)**:
  - Fast on warm runners
- **아쉬운 점(Cons)**:
  - One more server to patch and back up

## Decision

We chose Option A.
"""


def test_merits_nested_under_labelled_items_are_the_options_reasons():
    """ "- **Pros**:" / "- **아쉬운 점(Cons)**:" items with the merits nested under them, inside each option's section."""
    rec = one(ADR_NESTED_MERITS, "0009-build-caches.md")
    by_name = {o["name"]: o for o in rec.fields["options"]}
    assert by_name["Object storage bucket"]["reasons"] == ["Good: Cheap per gigabyte", "Bad: Slow first download on a cold runner"]
    assert "Bad: One more server to patch and back up" in by_name["Shared NFS volume"]["reasons"]
    assert analyse("Why didn't the platform team just use the shared NFS volume?").intents[:1] == ["rejected"]


def test_still_on_the_table_asks_a_status_and_the_owner_of_a_decision_its_deciders():
    """ "approved yet, or still just on the table?" asks whether it was decided, not what the options were; "who is
    listed as the owner of the … decision" asks who decided it (an ADR's Owner)."""
    a = analyse("Is the plan to move to Postgres actually approved yet, or still just on the table?")
    assert a.intents[:1] == ["status"], a.intents
    assert analyse("What options are on the table?").intents[:1] == ["options"]
    assert analyse("Who is listed as the owner of the notification platform decision?").intents[:1] == ["deciders"]


# --- shapes from set48 (held out until its last half hour) ---

PM_RU_REPORT = """# Отчет: Исправление ошибки загрузки PDF в Safari

**Дата:** 2025-05-12 **Приоритет:** HIGH

## Краткое описание проблемы

Пользователи Safari не могли загрузить PDF: сервер отвечал 400.

## Корневая причина

Несовместимость Safari с HTTP/2 при multipart-загрузке через nginx.

## Решение

Для /api/upload включён HTTP/1.1.
"""

ADR_PARTICIPANTS = """# Choix de Redis pour les sessions

## Statut

Accepté

## Participants

- équipe plateforme
- Claire Martin

## Décision

Les sessions sont stockées dans Redis.
"""


def test_a_russian_report_of_a_fixed_error_is_an_incident_and_a_participants_section_decides():
    rec = one(PM_RU_REPORT, "pdf-upload-fix.md")
    assert rec.kind == "incident"
    assert "HTTP/2" in rec.fields["root_cause"]
    rec = one(ADR_PARTICIPANTS, "adr-003-sessions.md")
    assert rec.fields["deciders"] == ["équipe plateforme", "Claire Martin"]
