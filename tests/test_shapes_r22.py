"""Shapes from the twenty-second round. The notes are ours."""

from __future__ import annotations

from test_unseen_shapes import cited, one

from lorebook.extract.common import find_date
from lorebook.query.analysis import analyse
from lorebook.query.ask import ask

# --- incidents ---

PM_US = """# Postmortem: search page blank on tablets

Date: 10/14/2025

Authors: Dana Whitfield

## What happened?

Support told us that the search page showed no results on tablets. A stylesheet clean-up had removed the grid height.

## Root Causes

A clean-up of unused CSS removed a rule the grid needed.

## Resolution

_What steps were taken?_ The rule was restored and released.

_Date/time of resolution_ Approximately 3 PM ET on October 14, 2025.
"""


def test_a_month_first_date_and_an_hour_with_am_pm_are_read():
    """ "10/14/2025" can only be October 14th; "Approximately 3 PM ET" in the Resolution section is when it was
    resolved. A date that could be read either way ("03/04/2025") is left alone."""
    rec = one(PM_US, "search-tablets.md")
    assert rec.fields["date"] == "2025-10-14"
    assert rec.fields["resolved_at"] == "15:00"
    assert "3 PM" in cited(rec, "resolved_at")
    assert find_date("Date: 03/04/2025") is None
    assert find_date("Date: 25/03/2025") == "2025-03-25"


def test_the_resolution_time_is_answered_in_the_notes_own_words(notes_wiki_of):
    w = notes_wiki_of({"search-tablets.md": PM_US})
    a = ask(w, "When was the tablet search page problem resolved?")
    assert a.found and "15:00" in a.answer and "3 PM ET" in a.answer.split("[1]")[0], a.answer


PM_PROSE = """# Relay outage: a post-mortem

On March 3rd our relay nodes had a global outage which started with degraded performance around 09:00 GMT.
The outage was discovered and reported internally by 21:40 GMT and resolved at 21:55 GMT.
The listener had failed silently and stayed undetected for eight days until the queue report.

## What we changed

We added alerts on queue age.
"""


def test_a_prose_story_says_when_it_was_discovered_and_resolved():
    rec = one(PM_PROSE, "relay-outage.md")
    assert "discovered and reported internally" in rec.fields["detection"]
    assert rec.fields["detected_at"] == "21:40"
    assert rec.fields["resolved_at"] == "21:55"
    assert rec.fields["duration_text"] == "eight days"


def test_finding_out_asks_when_it_was_detected_and_a_length_in_words_is_quoted(notes_wiki_of):
    w = notes_wiki_of({"relay-outage.md": PM_PROSE})
    a = ask(w, "When did the team actually find out the relays were down?")
    assert a.found and "21:40" in a.answer.split("[1]")[0], a.answer
    a = ask(w, "How long did the relay listener failure stay undetected?")
    assert a.found and "8 days" in a.answer and "eight days" in a.answer, a.answer


def test_find_out_is_one_verb():
    """ "find out": "out" is not a word the answer must say."""
    assert "out" not in analyse("When did the on-call find out the relays were down?").words


PM_FR = """# Incident perte de données 4 mars

## Chronologie

**02:40:10** - Commande `/restore` exécutée

**02:41:00** - Début de la restauration manuelle

**02:43:16** - Restauration réussie

## Cause

Le chemin des sauvegardes était faux.
"""


def test_a_success_said_in_french_answers_when_it_succeeded(notes_wiki_of):
    w = notes_wiki_of({"perte-donnees.md": PM_FR})
    a = ask(w, "At what time did the manual restore succeed?")
    assert a.found and "02:43:16" in a.answer.split("[2]")[0], a.answer


RB_CODE = """# Atlas deployment and rollback

## Emergency rollback

```bash
# 1. Roll back to the last good build
deployctl deploy --force <last-good-sha>

# 2. If that fails, restart the app
deployctl restart

# 3. If it still fails, stop everything
deployctl scale --instances 0  # Stop all traffic
```

## Release

```bash
deployctl deploy main
```
"""


def test_how_do_i_with_an_unlisted_verb_asks_what_to_run(notes_wiki_of):
    """ "how do I cut all traffic": no rule lists "cut"; the question still asks what to run, and "cut" finds
    the comment that says "stop"."""
    assert analyse("How do I cut all traffic to the app?").answer_types == ["command"]
    assert analyse("How do I know the app is healthy?").answer_types != ["command"]
    w = notes_wiki_of({"deploy-rollback.md": RB_CODE})
    a = ask(w, "Atlas is on fire and redeploying didn't help - how do I cut all traffic to the app?")
    assert a.found and "--instances 0" in a.answer, a.answer


# --- shapes from set50 ---

ADR_PT = """# ADR 3: Versionamento de APIs

Data: 04-02-2022

Status: Aceito

## Contexto

Os clientes móveis demoram semanas a atualizar.

## Decisão

Versionamos as APIs pelo caminho (/v1, /v2).
"""


def test_a_numeric_date_with_dashes_is_read_day_first_in_a_decision():
    rec = one(ADR_PT, "0003-versionamento.md")
    assert rec.fields["date"] == "2022-02-04"


PM_LOG = """# Incident: lost settings on 12 May 2025

**Severity** is not recorded. This low-severity incident did not affect real users.

## Chronologie

### 12 Mai 2025

**02:49:53** - Commande `/restore` exécutée
```
[RestoreMenu] start
```

**02:50:35** - Erreur de restauration
```
ENOENT: no such file
```

**02:53:16** - Restauration réussie

## What happened underneath

The top-level story is accurate, but the actual root cause was deeper. The exact cause of events was:

- The restore looked for backups in one folder only
- The hourly backups lived in a sub-folder

## Action Items

### Add an alert for failed restores

- **Rule name**: `Restore failed`
- **Condition**: any restore error
- **Contact point**: `Bot DevOps`

### Search backups in every sub-folder

- **Change**: walk the backup tree
- **Owner**: `Bot DevOps`
"""


def test_timed_paragraphs_under_a_day_heading_are_the_timeline():
    """ "**02:49:53** - …" paragraphs, each with a pasted log, under "### 12 Mai 2025": one entry each."""
    rec = one(PM_LOG, "lost-settings.md")
    times = [e["time"] for e in rec.fields["timeline"]]
    assert times == ["2025-05-12 02:49", "2025-05-12 02:50", "2025-05-12 02:53"], times


def test_subsections_of_labelled_bullets_are_one_action_each_and_a_severity_word_in_prose():
    rec = one(PM_LOG, "lost-settings.md")
    assert [a["text"] for a in rec.fields["action_items"]] == ["Add an alert for failed restores",
                                                               "Search backups in every sub-folder"]
    assert rec.fields["severity"] == "low"


def test_a_cause_told_as_a_list_after_was_deeper():
    """ "the actual root cause was deeper. The exact cause of events was:" over a list: the list is the cause."""
    rec = one(PM_LOG, "lost-settings.md")
    assert "backups in one folder only" in rec.fields["root_cause"]
    assert "was deeper" not in rec.fields["root_cause"]


RB_QUOTE = """# Deployment & Rollback Runbook

> Procedures for deploying and rolling back the Atlas portal

## 1. Deployment Overview

| Environment | Branch |
| --- | --- |
| Production | `main` |

## 2. Standard Deployment

1. Merge to `main`.
2. Watch the build: `deployctl status`.
"""


def test_a_quote_under_the_title_is_the_runbooks_overview():
    rec = one(RB_QUOTE, "deploy-runbook.md")
    assert rec.fields["overview"] == "Procedures for deploying and rolling back the Atlas portal"


RB_TWO_CHECKLISTS = """# Atlas deployment and rollback

## Standard deployment

### Pre-Deployment Checklist

- [ ] All CI checks passing on the PR
- [ ] Code reviewed and approved
- [ ] Migration tested locally (if any)

### Steps

1. Merge to `main`.
2. Watch the build: `deployctl status`.

## Database migrations

### Pre-Migration Checklist

- [ ] Migration is backward-compatible
- [ ] Rollback migration exists
- [ ] Backup taken for destructive changes
"""


def test_a_checklist_named_for_the_asked_task_beats_the_runbooks_first_one(notes_wiki_of):
    """ "What must be in place before I run a database migration?": the "Pre-Migration Checklist", not the
    pre-deployment list the prerequisites field holds; asked of the whole runbook, that list still answers."""
    w = notes_wiki_of({"atlas-deploy.md": RB_TWO_CHECKLISTS})
    for q in ("What must be in place before I run a database migration on Atlas?",
              "What do I need to have before I run a database migration on Atlas?"):
        a = ask(w, q)
        assert a.found and "backward-compatible" in a.answer.split("[1]")[0], (q, a.answer)
    a = ask(w, "What do I need before running the Atlas deployment and rollback runbook?")
    assert a.found and "CI checks" in a.answer, a.answer


PM_VALIDATED = """# Lost settings after a restore, 12 May 2025

## Summary

A restore from the wrong folder replaced the settings of 412 users.

## What happened underneath

The restore looked for backups in one folder only, so it used an empty file.

## Fix

Backups are now searched in every sub-folder.

## Validation post-incident

1. Bot restarted with the restored data
2. A new hourly backup holds 412 users again
"""


def test_what_was_behind_asks_the_cause_and_how_they_confirmed_asks_the_validation(notes_wiki_of):
    assert "root_cause" in analyse("What was really behind the relay outage, beyond the traffic bump?").intents
    w = notes_wiki_of({"lost-settings.md": PM_VALIDATED})
    a = ask(w, "How did they confirm the lost settings fix really worked?")
    assert a.found and "412 users again" in a.answer, a.answer


# --- abstaining ---

PM_ORBIT = """# Orbit queue outage, 3 June 2025

## Summary

The Orbit queue listener stopped after a DNS glitch; 141 jobs expired. Error 500 was returned to 12 callers.

## Resolution

We restarted the listener and added log rotation on the queue host.
"""

RB_KTX = """# KTX deployment runbook

## Steps

1. Merge to `main`.
2. Watch the build: `deployctl status`.
"""


def test_a_name_no_answering_page_says_is_not_answered(notes_wiki_of):
    """ "the on-call rotation for the KTX team" answered from the Orbit page's "log rotation", or "the Redis
    outage" where no page says Redis: not found. A name said only in the notes' path still counts."""
    w = notes_wiki_of({"orbit-outage.md": PM_ORBIT, "ktx-deploy.md": RB_KTX})
    for q in ("What's the on-call phone rotation for the KTX team?", "How many customers were hit by the Redis cache outage?"):
        a = ask(w, q)
        assert not a.found, (q, a.answer)
    a = ask(w, "How many jobs expired in the Orbit queue outage?")
    assert a.found and "141" in a.answer, a.answer


def test_a_number_is_no_amount_of_money(notes_wiki_of):
    w = notes_wiki_of({"orbit-outage.md": PM_ORBIT})
    a = ask(w, "How much revenue did we lose during the Orbit queue outage?")
    assert not a.found, a.answer


# --- shapes from set53 ---

PM_STATUS_DE = """# Störung Lernportal (Stand 27.08.2022)

### Update 26.08.2022 17:00 Uhr:

Es liegt eine weitere Störung vor, ein Login ist nicht möglich.

### Update 26.08.2022 16:15 Uhr:

Seit einigen Minuten ist das Login am Lernportal wieder möglich.

### Update 26.08.2022 15:00 Uhr:

Die Konsistenzchecks dauern länger als geplant.
"""


def test_a_status_page_update_heading_gives_its_lines_their_moment(notes_wiki_of):
    """ "### Update 26.08.2022 16:15 Uhr:" over the line that says login works again: asked when (with the day
    written with dots), that line answers with its moment."""
    assert analyse("Wann war der Login am 26.08.2022 wieder möglich?").dates == ["2022-08-26"]
    w = notes_wiki_of({"lernportal-stoerung.md": PM_STATUS_DE})
    a = ask(w, "Wann war der Login am Lernportal am 26.08.2022 kurzzeitig wieder möglich?")
    assert a.found and "16:15" in a.answer.split("[1]")[0], a.answer


STATUS_FR = """---
title: Impossible d'accéder aux sites
date: 2019-03-30 20:03:00
status: "resolved"
max_severity: down
resolved_on: 2019-03-30 20:45:19
affected:
  - Site
  - Helpdesk
---

Les sites et le support étaient inaccessibles à cause d'une panne réseau chez l'hébergeur.
"""


def test_when_it_was_resolved_asked_in_french():
    assert analyse("À quelle heure l'incident a-t-il été marqué comme résolu ?").intents[0] == "resolved"
    assert analyse("Wann wurde die Störung behoben?").intents[0] == "resolved"


def test_when_it_was_resolved_asked_in_french_answers_the_resolution_time(notes_wiki_of):
    w = notes_wiki_of({"acces-sites.md": STATUS_FR})
    a = ask(w, "À quelle heure l'incident d'accès aux sites a-t-il été marqué comme résolu ?")
    assert a.found and "20:45" in a.answer, a.answer


ADR_JA = """## アーキテクチャ選択

**日時: 2024-06-30**

### ステータス (Status)
承認済み (accepted)

### 決定事項 (Decision)
層状アーキテクチャを採用する。

### 比較した選択肢 (Options Considered)

#### 1. クリーンアーキテクチャ + DDD
**理由で不採用:**
- **過剰設計**: 要件に反する
- **開発効率低下**: 短期プロジェクトに不向き

#### 2. MVC
**理由で不採用:**
- **責務不明確**: ビジネスロジックの配置が曖昧

#### 3. 層状アーキテクチャ（採用）
- シンプルで十分
"""


def test_a_bold_key_value_line_and_options_marked_in_their_headings():
    """ "**日時: 2024-06-30**" is the date; "#### 3. 層状アーキテクチャ（採用）" the chosen option; an option under
    "**理由で不採用:**" was rejected, for the reasons listed under it."""
    rec = one(ADR_JA, "adr-005.md")
    assert rec.fields["date"] == "2024-06-30"
    opts = {o["name"]: o for o in rec.fields["options"]}
    assert opts["層状アーキテクチャ"]["outcome"] == "chosen"
    assert opts["クリーンアーキテクチャ + DDD"]["outcome"] == "rejected"
    assert any("過剰設計" in r for r in opts["クリーンアーキテクチャ + DDD"]["reasons"])


RB_COMMENTED = """# Orders database restore

## Step 5: Check the data

```bash
# Connect to staging
psql "${STAGING_DATABASE_URL}"

# Count the users
SELECT COUNT(*) FROM users;

# Check referential integrity
SELECT COUNT(*) FROM consents WHERE "userId" NOT IN (SELECT id FROM users);
```
"""


def test_each_commented_command_of_a_code_block_is_found_and_cited_on_its_own(notes_wiki_of):
    """A block written as "# what it does" over its command: the group that answers is cited on its own lines."""
    from lorebook.sources.sentences import commented_groups

    assert commented_groups(["# a", "x", "", "# b", "y"]) == [(0, 1), (3, 4)]
    assert commented_groups(["x", "# a", "y"]) == []  # a command before any comment: not written that way
    w = notes_wiki_of({"orders-restore.md": RB_COMMENTED})
    a = ask(w, "Which SQL do I run to check referential integrity of the orders restore?")
    assert a.found and "NOT IN" in a.answer.split("[1]")[0] and "psql" not in a.answer.split("[1]")[0], a.answer
    assert a.citations[0]["start_line"] == 12, a.citations


# --- shapes from set52 ---

RB_SIGNED = """# Runbook: restauración de emergencia de la base de datos

## Contactos de emergencia

| Rol | Nombre | Email |
| --- | --- | --- |
| CTO | [Nombre] | cto@example.com |

## Paso 1: Descargar backup

```bash
aws s3 cp s3://backups/db.dump .
```

## Paso 2: Restaurar

```bash
pg_restore -d orders db.dump
```

---

**Última Prueba:** Pendiente
**Mantenedor:** DevOps Team
"""

PM_ES = """# Reporte de caída del servidor

**Fecha del Incidente**: 6 de Enero de 2026
**Duración Aproximada**: ~1 minuto 14 segundos

## Resumen

El servidor Django perdió la conexión con la base de datos; todas las peticiones fallaron con error 500.
"""


def test_a_maintainer_signed_at_the_bottom_owns_the_runbook(notes_wiki_of):
    rec = one(RB_SIGNED, "restauracion.md")
    assert rec.fields["owner"] == ["DevOps Team"]
    w = notes_wiki_of({"restauracion.md": RB_SIGNED})
    a = ask(w, "Which team maintains the emergency database restore runbook?")
    assert a.found and "DevOps Team" in a.answer.split("[1]")[0], a.answer


def test_a_length_in_singular_spanish_units_and_monitoring_picking_it_up(notes_wiki_of):
    rec = one(PM_ES, "caida.md")
    assert rec.fields["duration_minutes"] == 1 and rec.fields["duration_text"] == "~1 minuto 14 segundos"
    w = notes_wiki_of({"caida.md": PM_ES})
    a = ask(w, "How long was the Django server down on January 6?")
    assert a.found and "1 minuto 14" in a.answer and "1 minute " in a.answer, a.answer
    assert analyse("When did monitoring first pick up the SSL handshake failures?").intents[0] == "detected"


# --- shapes from set54 ---

PM_ZH = """# 记录一次阿里云Redis版超出最大内存限制异常

## 具体错误

在扣减库存时，报如下错误，导致整个Redis不能对外提供服务。

```
org.redisson.client.RedisOutOfMemoryException: command not allowed when used memory > 'maxmemory'.
```

## 分析

另外，分析超出maxmemory限制的问题，可以通过 evicted_keys 这个指标直观的分析出来。

evicted_keys 表示因达到maxmemory限制而被驱逐的键的数量。
"""


def test_the_lines_of_a_write_up_whose_fields_came_out_empty_are_still_its_own(notes_wiki_of):
    """Rules that find no field in a Chinese incident leave its lines to the incident page, not the source page:
    an English question about it is answered from them."""
    w = notes_wiki_of({"redis-maxmemory.md": PM_ZH})
    from lorebook.store.db import database_for

    with database_for(w).read() as conn:
        owners = {r.page_id for r in conn.execute("SELECT page_id FROM sentence_units WHERE source LIKE '%redis-maxmemory%'")}
    assert owners and all(o.startswith("incident-") for o in owners), owners
    a = ask(w, "Which Redis metric shows at a glance that the maxmemory limit has been hit?")
    assert a.found and "evicted_keys" in a.answer.split("[1]")[0], a.answer


RB_CASES = """# Build runner runbook

## Steps

1. Check the runner is up: `systemctl status runner`.
2. Restart it: `systemctl restart runner`.

## Troubleshooting

### Build fails with `MANIFEST_UNKNOWN`

- Symptom: the builder fails on the base image with `MANIFEST_UNKNOWN`.
- Set `BUILDER_CACHE_ENABLED=false` in the runner's environment, then redeploy.
"""


def test_first_in_a_named_case_is_not_the_runbooks_first_step(notes_wiki_of):
    w = notes_wiki_of({"build-runner.md": RB_CASES})
    a = ask(w, "What should I do first if runner builds start failing with MANIFEST_UNKNOWN?")
    # the action beside the case's "Symptom:" line, which only restates the case (round 26)
    assert a.found and "BUILDER_CACHE_ENABLED=false" in a.answer.split("[2]")[0] and "systemctl status" not in a.answer, a.answer
    a = ask(w, "What is the first step of the build runner runbook?")
    assert a.found and "systemctl status runner" in a.answer, a.answer


ADR_FM_ID = """---
doc_id: ADR-0005
type: adr
title: "Run namespace TTL retention"
status: accepted
created_at: 2026-02-20
updated_at: 2026-03-14
---

# ADR-0005: Run namespace TTL retention

## Контекст

Namespace удаляется сразу после завершения run.

## Решение

Сохранять run namespace по TTL (default `24h`).
"""

RB_RU = """# Production Runbook (MVP)

## Быстрый ручной smoke (на сервере)

Предпосылки:
- есть доступ по SSH на production host;
- на host установлен `kubectl` и кластер поднят.

Базовые команды:

```bash
kubectl -n prod get pods
```
"""


def test_a_doc_id_and_created_at_in_front_matter_and_russian_prerequisites():
    rec = one(ADR_FM_ID, "adr-0005-namespace-ttl.md")
    assert rec.fields["number"] == 5 and rec.fields["date"] == "2026-02-20"
    rb = one(RB_RU, "production-runbook.md")
    assert len(rb.fields["prerequisites"]) == 2 and "SSH" in rb.fields["prerequisites"][0]


def test_who_held_an_incident_role_the_notes_never_name_is_not_answered(notes_wiki_of):
    """ "Who was the incident commander?" over a write-up that names no commander (nor on-call, in any language):
    whoever its sentences name did something else. Where the role is named, it answers."""
    unnamed = PM_ORBIT.replace("Orbit", "Orbix") + "\n## Response\n\nAlex Moreau restarted the listener at 10:02.\n"
    named = (PM_ORBIT.replace("Orbit", "Nimbex").replace("3 June", "9 July")
             + "\n## Response\n\nDana Whitfield was incident commander; Li Wei was on call.\n")
    w = notes_wiki_of({"orbix-outage.md": unnamed, "nimbex-outage.md": named})
    a = ask(w, "Who was the incident commander during the Orbix queue outage?")
    assert not a.found, a.answer
    a = ask(w, "Who was the incident commander during the Nimbex queue outage?")
    assert a.found and "Dana Whitfield" in a.answer, a.answer
