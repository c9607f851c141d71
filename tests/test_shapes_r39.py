"""Shapes of the thirty-ninth round, from six fresh sets of real notes: a record whose parts are headings of its
title's own level; who made the decision, who first spotted it; a roster the notes never name; the state a check
should report; a release, a limit, a commit asked for by name."""

from __future__ import annotations

from lorebook.extract import decision
from lorebook.sources.reader import source_from_text
from lorebook.sources.segment import documents

# Setext headings make every part an H1, the title's own level: "Контекст" is a part of ADR-0007, not a note.
FLAT_ADR = """ADR-0007: Шлюз LLM на внешнем сервере
=====================================

**Статус: Accepted**

Контекст
========

Сотрудники отправляют персональные данные во внешние API без контроля.

Решение
=======

Развернуть шлюз на внешнем сервере. Лимит расходов на пользователя: $7/мес.

Последствия
===========

Единая точка входа для всех сотрудников.
"""


def test_parts_at_the_titles_own_level_belong_to_the_record():
    docs = documents(source_from_text("raw/adr-0007.md", FLAT_ADR))
    assert len(docs) == 1, [d.title for d in docs]
    rec = decision.extract(docs[0])
    assert rec.fields["status"] == "accepted", rec.fields.get("status")
    assert "Развернуть шлюз" in rec.fields["decision"], rec.fields.get("decision")
    assert "персональные данные" in rec.fields["context"], rec.fields.get("context")


LOG_WITH_NOTES = """# Платформа: журнал

## ADR-0008: Очередь на RabbitMQ

Решили взять RabbitMQ.

## Заметки о кэше

Кэш прогревается в 06:00.
"""


def test_a_note_after_a_record_stays_a_note_of_its_own():
    """Only a part's name joins the record before it; a heading that names something else is a note of its own."""
    docs = documents(source_from_text("raw/log.md", LOG_WITH_NOTES))
    assert [d.kind for d in docs] == ["decision", "note"], [(d.kind, d.title) for d in docs]


def test_a_limit_asked_with_words_between_what_and_limit_is_a_number(notes_wiki_of):
    from lorebook.query.ask import ask

    a = ask(notes_wiki_of({"adr-0007.md": FLAT_ADR}), "What per-user monthly spending cap does the LLM gateway set?")
    assert a.found and "$7/мес" in a.answer.split("[1]")[0], a.answer


VERSIONING_ADR = """# ADR-002: Versionamento de APIs

* Status: aceito
* Decisores: Rafaela Moura
* Data: 2025-02-11

## Contexto

Precisamos versionar a API pública sem quebrar clientes antigos.

## Decisão

Versionamento através do cabeçalho `Accept`.
"""


def test_the_decision_maker_is_the_records_deciders(notes_wiki_of):
    from lorebook.query.ask import ask

    a = ask(notes_wiki_of({"adr-002.md": VERSIONING_ADR}), "Who was the decision maker on the API versioning record?")
    assert a.found and "Rafaela Moura" in a.answer, a.answer


DISK_FULL = """# 2024-03-02: Database full

## Timeline

- 2024-03-02 08:40 — @kwheeler notices a Sentry alert about failed database connections.
- 2024-03-02 09:05 — @dpatel increases the disk size.

## Root cause

The `audit_log` table filled the disk.

## Follow-up

Escalation for the database goes to the platform lead once the disk is over 90 % full; the lead rotation is weekly.
"""


def test_who_was_the_first_person_to_spot_it_asks_who_detected_it(notes_wiki_of):
    from lorebook.query.ask import ask

    a = ask(notes_wiki_of({"db-full.md": DISK_FULL}), "Who was the first person to spot the database-full problem?")
    assert a.found and "@kwheeler" in a.answer.split("[1]")[0], a.answer


def test_an_on_call_rotation_the_notes_never_name_is_not_found(notes_wiki_of):
    from lorebook.query.ask import ask

    a = ask(notes_wiki_of({"db-full.md": DISK_FULL}), "What is the on-call escalation rotation for the database?")
    assert not a.found, a.answer


CEPH_RUNBOOK = """# Reinstall Rook-Ceph

## Steps

1. Delete the `CephCluster` resource.
2. Wipe the OSD disks with `sgdisk --zap-all`.
3. Re-apply the cluster manifest.

## Verification

- `ceph -s` shows `HEALTH_OK` or only expected warnings.
- Every OSD is `up` and `in`.
"""


def test_what_a_check_should_report_before_the_work_counts_as_done_is_its_verification(notes_wiki_of):
    from lorebook.query.ask import ask

    a = ask(notes_wiki_of({"ceph.md": CEPH_RUNBOOK}), "What should ceph -s report before I consider the reinstall finished?")
    assert a.found and "HEALTH_OK" in a.answer.split("[1]")[0], a.answer


RESTORE_RUNBOOK = """# 从备份恢复租户

## 概述

数据恢复功能在 tenant-operator 2.4.0 版本中引入。

## 查看恢复任务

```
restore_from_backup: tenant_t1
restore_scn_display: 2023-10-12 16:19:24.718466
start_timestamp: 2023-11-13 11:13:46.220513
status: RUNNING
```
"""


def test_since_which_release_asks_a_version_and_a_log_clock_is_none(notes_wiki_of):
    """ "16:19:24.718466" in a job's output is a moment, not a release number."""
    from lorebook.query.analysis import shape_match
    from lorebook.query.ask import ask

    assert shape_match(["version"], "restore_scn_display: 2023-10-12 16:19:24.718466", "code") == 0.0
    assert shape_match(["version"], "introduced in tenant-operator 2.4.0", "sentence") == 1.0

    a = ask(notes_wiki_of({"restore.md": RESTORE_RUNBOOK}), "Since which tenant-operator release can tenants be restored from backup?")
    assert a.found and "2.4.0" in a.answer.split("[1]")[0], a.answer


NIX_POSTMORTEM = """# 001: the community cache lost its trust

## Timeline

- `3f1e2a9` added the community cache URL and its public key.
- `9bc41d7` 之后删除了 `trusted-public-keys`，只保留了缓存地址。
- `c07d5e2` restored the key through `extra-trusted-public-keys`.

## Root cause

Later settings override earlier ones in the merged configuration: the trusted-public-keys line was removed by a
later commit without anyone noticing.
"""


def test_which_commit_asks_for_a_revision(notes_wiki_of):
    from lorebook.query.ask import ask

    a = ask(notes_wiki_of({"nix.md": NIX_POSTMORTEM}), "Which commit removed the trusted-public-keys line?")
    assert a.found and "9bc41d7" in a.answer.split("[1]")[0], a.answer


GATEWAY_ADR = """# ADR-0011: Шлюз для внутренних моделей

Статус: Accepted

## Контекст

Команды ходят к моделям напрямую, без учёта и без маскирования данных.

## Решение

Развернуть шлюз на одном сервере.

## Последствия

* Единая точка входа для всех команд.
* Нет HA — один сервер, восстановление при падении около часа.
"""


def test_an_acronym_the_notes_write_is_found_when_the_question_spells_it_out(notes_wiki_of):
    from lorebook.query.ask import ask

    a = ask(notes_wiki_of({"adr-0011.md": GATEWAY_ADR}), "Is the model gateway set up for high availability?")
    assert a.found and "Нет HA" in a.answer.split("[1]")[0], a.answer


IDS_ADR = """# ADR-0003: Identifier format

## Status

Accepted

## Context

Every document needs an identifier that sorts by creation time.

## Considered options

* UUIDv4
* ULID

## Decision

The identifier format that suits us best, as the comparison shows, is ULID.
"""


def test_did_it_end_up_choosing_an_option_is_answered_by_what_was_chosen(notes_wiki_of):
    from lorebook.query.ask import ask

    a = ask(notes_wiki_of({"adr-0003.md": IDS_ADR}), "Did the identifier ADR end up choosing UUIDv4?")
    assert a.found and "ULID" in a.answer.split("[1]")[0], a.answer


REALTIME_ADR = """# ADR-002: リアルタイム通信方式

## ステータス

承認

## 決定

クライアントとサーバー間のリアルタイム通信に WebSocket を採用する。

## 検討した代替案

- Server-Sent Events: 下り方向のみで、上りの操作には別の手段が要る。
- ロングポーリング: 遅延とオーバーヘッドが大きい。
"""


def test_why_an_option_was_not_chosen_asked_with_the_reason_last(notes_wiki_of):
    from lorebook.query.ask import ask

    a = ask(notes_wiki_of({"adr-002.md": REALTIME_ADR}), "Server-Sent Events を選ばなかったのはなぜ？")
    assert a.found and "下り方向のみ" in a.answer.split("[1]")[0], a.answer


ECK_POSTMORTEM = """# ECK custom resources: a failed attempt

## 타임라인

| 시간 | 커밋 | 작업 내용 | 결과 |
|------|------|-----------|------|
| 01:11 | `791dfced` | 초기 도입 | ❌ CR 생성 안됨 |
| 02:48 | `39115431` | searchSourceJSON 추가 | ❌ searchSource 에러 |

## 결과 요약

**커밋 횟수: 9회**

**총 소요 시간: 약 2시간**
"""


def test_how_many_is_a_count_by_its_label_not_a_hash_or_a_total_of_time(notes_wiki_of):
    """ "커밋 횟수: 9회" is eleven characters of Korean, no fragment; a commit's hash is no count; the total time spent
    totals something else."""
    from lorebook.query.ask import ask

    a = ask(notes_wiki_of({"eck.md": ECK_POSTMORTEM}), "How many commits went into the failed ECK attempt?")
    assert a.found and "9회" in a.answer.split("[1]")[0], a.answer


SERVICE_GUIDE = """# Runbook : exploitation du service

## Procédure

1. Vérifier l'état des pods avec `kubectl get pods`.
2. Redémarrer le déploiement avec `kubectl rollout restart deploy/api`.

## Contacts

- RSSI : rssi@example.org
- DPO : dpo@example.org

## Couverture

| Paramètre | Valeur |
|-----------|--------|
| Horaires couverts | Lun-Ven 9h-18h |
| Astreinte 24/7 | ❌ Non |
"""


def test_a_yes_no_question_is_answered_by_the_line_that_says_it_not_by_a_field(notes_wiki_of):
    from lorebook.query.ask import ask

    a = ask(notes_wiki_of({"guide.md": SERVICE_GUIDE}), "Do we have 24/7 on-call coverage for the service?")
    assert a.found and "Non" in a.answer.split("[1]")[0], a.answer


UPGRADE_RUNBOOK = """# 集群灰度升级

## 概述

本教程讲述如何进行高可用集群的灰度升级，亦称为局部升级。

## 注意事项

灰度升级要求内存中的数据格式完全兼容。

因此，对于版本跨度较大的升级，建议联系数据库的技术支持工程师进行风险评估后再进行升级。
"""


def test_who_to_talk_to_is_answered_by_a_role_the_notes_name_in_their_language(notes_wiki_of):
    from lorebook.query.ask import ask

    a = ask(notes_wiki_of({"upgrade.md": UPGRADE_RUNBOOK}), "For an upgrade across a large version gap, who should we talk to first?")
    assert a.found and "技术支持工程师" in a.answer.split("[1]")[0], a.answer


BADGED_REPORT = """# 📋 RAPPORT D'INCIDENT - MIGRATION DES COMPTES

## 🚨 PROBLÈME RENCONTRÉ

Après la migration vers le nouveau cluster, le compte de test manquait.

## 🔍 CAUSE RACINE

Aucune vérification n'a été faite avant la migration.

## 📊 IMPACT

- ⏱️ Temps perdu: ~25 minutes (confusion sur le compte manquant)
- 💥 Gravité: FAIBLE (résolu en utilisant un autre compte)
"""


def test_an_emoji_before_a_label_is_its_badge():
    from lorebook.extract import incident

    rec = incident.extract(documents(source_from_text("raw/rapport.md", BADGED_REPORT))[0])
    assert rec.fields["severity"] == "FAIBLE", rec.fields.get("severity")
    assert rec.fields["duration_minutes"] == 25, rec.fields.get("duration_minutes")


CRITICAL_TITLE = """# 🚨 INCIDENTE CRÍTICO: Error CORS en el backend

## Origen del error

La lista de orígenes permitidos no incluía el dominio del frontend.

## Guardrails

- Añadir una prueba de CORS al pipeline.
"""


def test_a_title_that_says_how_bad_gives_the_severity_and_guardrails_are_action_items():
    from lorebook.extract import incident

    rec = incident.extract(documents(source_from_text("raw/incidente.md", CRITICAL_TITLE))[0])
    assert rec.fields["severity"] == "crítico", rec.fields.get("severity")
    assert any("prueba de CORS" in (x.get("text") or x.get("action") or str(x)) for x in rec.fields["action_items"]), \
        rec.fields.get("action_items")


DATED_DECISION = """# DAG構造禁止の方針

## 決定日
2026-01-13

## 背景

共有ノードが複数回評価される。
"""


def test_a_heading_that_names_the_decisions_date_is_not_its_decision():
    rec = decision.extract(documents(source_from_text("raw/idea.md", DATED_DECISION))[0])
    assert rec.fields["date"] == "2026-01-13", rec.fields.get("date")
    assert "2026-01-13" not in (rec.fields.get("decision") or ""), rec.fields.get("decision")


LETTERED_ADR = """# ADR-0004: Хранилище состояния

## Рассмотренные варианты

### Вариант A: PostgreSQL + JSONB

Одна база для всего.

### Вариант B: PostgreSQL + отдельный vector DB

Две системы.

## Решение

Мы выбираем: **Вариант A**.
"""


def test_a_choice_named_by_its_letter_is_spelled_out_from_the_options():
    rec = decision.extract(documents(source_from_text("raw/adr-0004.md", LETTERED_ADR))[0])
    assert "PostgreSQL + JSONB" in rec.fields["decision"], rec.fields.get("decision")
    assert [o["outcome"] for o in rec.fields["options"]] == ["chosen", "considered"], rec.fields["options"]
    assert {s.start for s in rec.citations["decision"]} == {15, 5}, rec.citations["decision"]


CONTENTS_RUNBOOK = """# Wie Sie eine eigene Registry verwenden

## Inhaltsverzeichnis

- [Begriffe: Daten-Image](#begriffe-daten-image)
- [Image spiegeln](#image-spiegeln)
- [Zertifikat hinterlegen](#zertifikat-hinterlegen)

## Begriffe: Daten-Image

Das Daten-Image ist ein separates OCI-Image mit den Vertrauensankern.

## Image spiegeln

Das Image mit Signatur übertragen:

```bash
cosign save registry.example/daten:latest --dir /tmp/daten
```

## Zertifikat hinterlegen

Das CA-Zertifikat als Secret anlegen:

```bash
kubectl create secret generic registry-ca --from-file=ca.crt
```
"""


def test_a_table_of_contents_and_a_glossary_are_no_steps():
    from lorebook.extract import runbook

    rec = runbook.extract(documents(source_from_text("raw/registry.md", CONTENTS_RUNBOOK))[0])
    titles = [s["title"] for s in rec.fields["steps"]]
    assert titles and titles[0] == "Image spiegeln", titles
    assert not any(t.startswith(("Inhaltsverzeichnis", "Begriffe")) for t in titles), titles


IAC_ADR = """---
title: Décision (MADR)
status: accepté
date: 2021-09-21
---

# Choix d'un outil Infrastructure as Code

## Contexte

Il faut un outil permettant de scripter l'infrastructure de l'environnement d'innovation.

## Décision

Terraform est retenu comme outil d'infrastructure en tant que code.
"""


def test_final_or_still_a_proposal_asks_the_records_status(notes_wiki_of):
    from lorebook.query.ask import ask

    a = ask(notes_wiki_of({"iac.md": IAC_ADR}), "Is the infrastructure-as-code tooling decision final, or still just a proposal?")
    assert a.found and "accept" in a.answer.split("[1]")[0].lower(), a.answer


def test_which_engineer_is_the_incident_commander_needs_a_page_that_names_that_role(notes_wiki_of):
    from lorebook.query.ask import ask

    a = ask(notes_wiki_of({"upgrade.md": UPGRADE_RUNBOOK}), "Which engineer is the incident commander for the cluster upgrade this week?")
    assert not a.found, a.answer
