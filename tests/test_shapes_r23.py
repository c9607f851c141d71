"""Shapes from the twenty-third round. The notes are ours."""

from __future__ import annotations

from lorebook import vocab
from lorebook.query.ask import ask

# A Korean incident whose facts sit in a two-column table headed "항목 | 내용" (item | details).
KO_TABLE = """# INC-0412: 결제 알림 메일 지연

**상태**: Resolved

| 항목 | 내용 |
|------|------|
| **발생일시** | 2026-03-02 |
| **영향** | Payment Mailer, Receipt Service |
| **대시보드** | Mail Queue Overview |
| **담당자** | Minseo Park |

## 원인

메일 큐 워커의 동시성 설정이 1로 되돌아가 있었다.

## 조치

워커 동시성을 8로 올리고 큐를 비웠다.
"""


def test_a_key_value_table_headed_item_details_is_read_as_labels():
    """ "| 항목 | 내용 |" and "| Item | Details |" head a table of labelled values, although "항목" and "내용" also
    head action and event columns elsewhere."""
    assert vocab.table_shape(["항목", "내용"]) == "metadata"
    assert vocab.table_shape(["Item", "Details"]) == "metadata"
    assert vocab.table_shape(["Action", "Owner"]) == "actions"


def test_who_handled_it_is_answered_from_the_person_row_of_such_a_table(notes_wiki_of):
    w = notes_wiki_of({"inc-0412.md": KO_TABLE})
    a = ask(w, "Who handled the delayed payment mail incident?")
    assert a.found and "Minseo Park" in a.answer, a.answer
    c = a.citations[0]
    assert (c["start_line"], c["end_line"]) == (10, 10), a.citations


# A French post-mortem whose fix is a code block under "Solution".
FR_FIX = """# Incident - cron de sauvegarde désactivé sur db-backup-02

## Ce qui s'est passé

Le matin, la sauvegarde de la nuit manquait. Le service cron était arrêté depuis la mise à jour du noyau.

## Vérifications

J'ai regardé l'état du service : `systemctl status cron`

Résultat : `inactive (dead)`

## Solution

Réactivation au démarrage :
```bash
systemctl enable --now cron
```

## Résultat

La sauvegarde de la nuit suivante a tourné normalement.
"""


def test_the_command_that_fixed_an_incident_is_found_in_its_solution_section(notes_wiki_of):
    """A post-mortem's fix is often one command under "Solution": a command question reads that section's code,
    and the prose around it still does not outrank a runbook's steps for it."""
    w = notes_wiki_of({"cron-backup.md": FR_FIX})
    a = ask(w, "Quelle commande a remis en route les sauvegardes sur db-backup-02 ?")
    assert a.found and "systemctl enable --now cron" in a.answer.split("[1]")[0], a.answer


# Phases as headings, each closed by a list of what it broke: a new phase borrows nothing from the end of the last.
PHASES = """# Outage report: order API, 9 March 2026

## Timeline

### Phase 1: connection aborted (10:14:05)

```
[ERROR] 10:14:05 - Internal Server Error: /api/orders/history/
```

Affected endpoints:
- `/api/orders/history/` (500 error)

### Phase 2: connection timeout (10:15:40)

```
[ERROR] 10:15:40 - Internal Server Error: /api/orders/cart/
```

Affected endpoints:
- `/api/orders/cart/` (500 error)
"""


def test_a_phase_heading_does_not_borrow_the_words_that_close_the_phase_before_it(notes_wiki_of):
    """ "Phase 2: connection timeout (10:15:40)" follows "(500 error)" of phase 1: it says nothing about a 500 itself,
    so the first 500 is the one at 10:14:05."""
    w = notes_wiki_of({"orders-outage.md": PHASES})
    a = ask(w, "At what time did the first 500 error hit the order API?")
    assert a.found and "10:14:05" in a.answer.split("[1]")[0], a.answer


# A Russian post-mortem that states its length inside the impact list, and says there whether data was lost.
RU_DISK = """# 0007 — Переполнение тома `ledger-db` при миграции

Дата: 2026-04-02
Статус: устранено

## Сводка

После миграции схемы кластер `ledger-db` ушёл в `CrashLoopBackOff`: том 1 GiB заполнился WAL. Том увеличен до 4 GiB.

## Влияние

- **Ledger недоступен ~7 минут** (`10:02`–`10:09`): API отдавал `503`.
- Очередь отчётов отложена и дообработана после восстановления.
- **Потери данных нет**: строк в `entries` одинаково до и после.

## Временная шкала

| Время | Событие |
|---|---|
| 10:02 | `ledger-db-1` не стартует: нет места под WAL, под в `CrashLoopBackOff` |
| 10:05 | Том увеличен до 4Gi |
| 10:09 | Под стартовал, `/health` → `200` |

## Причина

Том был рассчитан без запаса под миграции.
"""


def test_a_length_stated_as_unavailable_for_minutes_in_russian_is_the_duration():
    from test_unseen_shapes import one

    rec = one(RU_DISK, "ledger-db.md")
    assert rec.fields["duration_minutes"] == 7
    assert rec.fields["duration_source"] == "stated"
    assert "~7 минут" in rec.fields["duration_text"]


def test_italian_dutch_and_polish_lengths_are_read():
    from test_unseen_shapes import one

    for text, minutes in (("Il servizio è rimasto giù per 3 ore.", 180), ("De storing duurde 2 uur.", 120),
                          ("Awaria trwała 40 minut.", 40)):
        note = f"# Incident: betalingen\n\n## Samenvatting\n\n{text} Gebruikers konden niet betalen.\n"
        rec = one(note, "x.md")
        assert rec.fields["duration_minutes"] == minutes, (text, rec.fields["duration_minutes"])


def test_a_yes_no_question_with_a_when_clause_asks_the_main_clause(notes_wiki_of):
    """ "Did we lose any data when ledger-db went into CrashLoopBackOff?" asks about data, not when: the clause sets
    the scene, the answer is the line that says whether data was lost."""
    from lorebook.query.analysis import analyse

    assert "when" not in analyse("Did we lose any data when ledger-db went into CrashLoopBackOff?").intents
    assert "when" in analyse("Do you know when the ledger outage began?").intents
    w = notes_wiki_of({"ledger-db.md": RU_DISK})
    a = ask(w, "Did we lose any data when ledger-db went into CrashLoopBackOff?")
    assert a.found and "Потери данных нет" in a.answer, a.answer
    assert any(c["start_line"] == 14 for c in a.citations), a.citations


CUTOVER = """# Payments cutover runbook

**Date**: 2026-02-01
**Estimated total duration**: 50 minutes

## Steps

1. Freeze writes.
2. Switch the DNS record.
3. Run the smoke tests.

## Time plan

| Step | Duration | Running total |
|------|----------|---------------|
| Freeze | 10 min | 10 min |
| Switch | 5 min | 15 min |
| Smoke tests | 30 min | 45 min |
| Buffer | 5 min | 50 min |

**Total duration**: ~50 minutes
"""


def test_how_much_time_to_block_is_the_stated_total_not_one_step(notes_wiki_of):
    w = notes_wiki_of({"cutover.md": CUTOVER})
    a = ask(w, "How much time should I set aside for the payments cutover?")
    assert a.found and "50 minutes" in a.answer.split("[1]")[0], a.answer
    b = ask(w, "How long do the smoke tests of the payments cutover take?")
    assert b.found and "30 min" in b.answer.split("[1]")[0], b.answer


# Notes with no heading at all: a bold title, then every section set off by a bold line (Portuguese, unaccented).
PT_BOLD = """**ADR 004 - Decisoes de Rede**

**Contexto**
Precisamos ligar duas regioes da nuvem com trafego privado e auditavel.

**Decisoes**
1. **Peering entre regioes**
   - O trafego entre regioes passa por peering privado.

**Alternativas consideradas**
- **VPN site-a-site**: mais barata, mas limitada a 1 Gbps.
- **Internet publica com TLS**: simples, mas exposta.

**Consequencias**
- Custo de transferencia entre regioes.
"""

PT_RUNBOOK = """**Runbook Operacional**

**Pre-requisitos**
- Conta com permissao para criar recursos.

**Provisionamento**
1. Execute `terraform -chdir=iac init`.
2. Execute `terraform -chdir=iac apply`.

**Submeter um job**
1. No servidor de controle, execute `submit_job.sh 120`.

**Desprovisionamento**
- Execute `terraform -chdir=iac destroy`.
"""


def test_a_bold_first_line_titles_notes_whose_sections_are_bold_lines():
    from test_unseen_shapes import one

    adr = one(PT_BOLD, "adr-004.md")
    assert adr.kind == "decision" and adr.document.title == "ADR 004 - Decisoes de Rede"
    assert "Peering" in str(adr.fields.get("decision"))
    assert [o["name"] for o in adr.fields["options"] if o["outcome"] == "considered"] == ["VPN site-a-site",
                                                                                       "Internet publica com TLS"]
    rb = one(PT_RUNBOOK, "runbook.md")
    assert rb.kind == "runbook" and rb.document.title == "Runbook Operacional"


def test_portuguese_plural_labels_name_their_part():
    assert vocab.field_of_label("decision", vocab.norm_label("Decisões")) == "decision"
    assert vocab.field_of_label("decision", vocab.norm_label("Decisoes")) == "decision"


DE_RELEASE = """# Incidentbericht: Terminal-Deploy (2026-09-13)

**Datum:** 2026-09-13
**Status:** Behoben

## Auswirkung

Das Terminal lief drei Stunden lang mit der alten Version.

## Ursache

Der Health-Check brach nach 90 Sekunden ab, der alte Container 1.4.9 wurde wiederhergestellt.

## Zeitachse (UTC)

| Zeit (UTC) | Ereignis |
|---|---|
| 17:21:06Z | Release v1.5.0 veröffentlicht |
| 17:24:22Z | Rollback auf Image `terminal:1.4.9` |
| 20:38:52Z | Manueller Re-Deploy: `docker run ... terminal:1.5.0` |
"""

DE_OTHER = """# Incidentbericht: Terminal-Deploy (2026-09-12)

**Datum:** 2026-09-12
**Status:** Behoben

## Ursache

Der Webhook war für v1.4.9 nicht zugestellt worden.

## Zeitachse (UTC)

| Zeit (UTC) | Ereignis |
|---|---|
| 19:55:02Z | Release v1.4.9 veröffentlicht, manuell neu deployt |
"""


def test_a_german_question_capitalises_nouns_and_names_a_version(notes_wiki_of):
    """ "Um wie viel Uhr …": "Uhr" is a German noun, not a thing the wiki must name; "v1.5.0" is a version, which the
    notes also write "1.5.0", and it picks the report that names it."""
    from lorebook.query.vocabulary import identifiers

    assert identifiers("v1.5.0 und 2.14.1, nicht 3.5") == ["1.5.0", "2.14.1"]
    w = notes_wiki_of({"deploy-13.md": DE_RELEASE, "deploy-12.md": DE_OTHER})
    a = ask(w, "Um wie viel Uhr wurde v1.5.0 des Terminals manuell neu deployt?")
    assert a.found and "20:38" in a.answer.split("[1]")[0], a.answer


def test_a_coloured_badge_before_a_severity_is_decoration():
    from test_unseen_shapes import one

    note = KO_TABLE.replace("**상태**: Resolved", "**심각도**: 🟠 High\n**상태**: Resolved")
    assert one(note, "inc.md").fields["severity"] == "High"
    es = "# Reporte de caída\n**Fecha del Incidente**: 6 de Enero de 2026\n**Severidad**: 🔴 CRÍTICA\n\n## Causa\n\nEl pool de conexiones se agotó.\n"
    assert one(es, "caida.md").fields["severity"] == "CRÍTICA"


KO_ADR = """# ADR-021: 검색 색인 갱신 주기

- 날짜: 2026-05-11 / 상태: 확정
- 범주: 기술

## 문제 정의

색인이 하루 한 번만 갱신되어 새 문서가 검색되지 않는다.

## 결정

색인을 10분마다 증분 갱신한다.
"""


def test_two_key_value_pairs_on_one_line_split_at_a_slash():
    from test_unseen_shapes import one

    rec = one(KO_ADR, "adr-021.md")
    assert rec.fields["date"] == "2026-05-11"
    assert rec.fields["status"] == "accepted"


ES_SIGNED = """---
title: "Cola de mensajes corporativa"
---

## ESTADO

Aceptada – Marzo 2026

## CONTEXTO

Los servicios necesitan intercambiar eventos de forma fiable.

## DECISIÓN

Adoptar RabbitMQ como cola de mensajes corporativa.

## REFERENCIAS

- [RabbitMQ](https://www.rabbitmq.com/)

---

**Decisión tomada por:** Equipo de Plataforma
**Fecha:** Marzo 2026
"""


def test_who_decided_is_read_from_a_signature_at_the_end_of_the_record():
    from test_unseen_shapes import one

    rec = one(ES_SIGNED, "adr-cola.md")
    assert rec.kind == "decision"
    assert rec.fields["deciders"] == ["Equipo de Plataforma"]


DE_SHUTDOWN = """# Runbook: Geplanter Wartungsstopp

## Zweck

Dieses Runbook beschreibt den geordneten Stopp der Build-Server.

## Voraussetzungen

* SSH-Zugang zu allen Build-Servern

## Schritt 1 – Dienste

Alle Container mit `docker compose down` stoppen.

## Schritt 2 – Host

Den Host mit `shutdown -h now` ausschalten.

## Abschlusskriterium

Der Stopp gilt als erfolgreich, wenn:

* alle Build-Server ausgeschaltet sind
* keine Jobs mehr in der Warteschlange stehen
"""

KO_HEALTH = """# 런북: 결제 API

## 1. 배포 요약
- [ ] Docker 설치

## 2. 정상 상태 확인(헬스 체크)

```bash
curl -I https://pay.example.org/health
```

## 3. TLS 이슈 대응
1. 인증서 만료일 확인
2. certbot renew 실행
"""


def test_completion_criteria_and_health_checks_are_the_verification():
    from test_unseen_shapes import one

    de = one(DE_SHUTDOWN, "stopp.md")
    assert de.kind == "runbook" and "alle Build-Server ausgeschaltet sind" in de.fields["verification"]
    ko = one(KO_HEALTH, "pay.md")
    assert "curl -I https://pay.example.org/health" in str(ko.fields["verification"])


def test_how_to_tell_it_worked_asked_in_german_reads_the_verification(notes_wiki_of):
    w = notes_wiki_of({"stopp.md": DE_SHUTDOWN})
    a = ask(w, "Woran erkenne ich, dass der Wartungsstopp geklappt hat?")
    assert a.found and "alle Build-Server ausgeschaltet" in a.answer, a.answer


RU_5XX = """# Runbook: API 5xx rate spike

- **Alerts**: `ApiErrorRateHigh` warning/critical.

## First Response Checklist
1. Подтвердите алерт в Alertmanager и возьмите роль Incident Commander.
2. Сообщите в `#api-incident`: «Investigating elevated 5xx rate».

## Диагностика
1. Проверьте логи: `kubectl logs deploy/api --since=10m`.

## Действия по восстановлению
1. **Mitigation**: включить rate limiting на проблемный роут.
2. **Rollback**: выполните `kubectl rollout undo deploy/api`.
"""


def test_what_to_do_first_reads_the_first_response_part(notes_wiki_of):
    w = notes_wiki_of({"api-5xx.md": RU_5XX})
    a = ask(w, "What should I do first when the ApiErrorRateHigh alert pages me?")
    assert a.found and "Alertmanager" in a.answer.split("[1]")[0], a.answer


ES_STOPGAP = """# Incidente: error 500 en el backend de pedidos

**Fecha:** 2025-11-13
**Estado:** RESUELTO (con parche temporal)

## Causa raíz

La relación `User.tokens` faltaba en producción y los mappers de SQLAlchemy no se inicializaban.

## Solución

Se comentó la relación en `Token` hasta publicar la migración.
"""


def test_a_stopgap_is_a_temporary_patch(notes_wiki_of):
    w = notes_wiki_of({"pedidos.md": ES_STOPGAP})
    a = ask(w, "Is the orders backend fix permanent or just a stopgap?")
    assert a.found and "parche temporal" in a.answer.split("[1]")[0], a.answer


PNPM = """# We use Bun as package manager

Date: 2026-01-10

## Status

Accepted

## Decision

We have switched to Bun as our package manager.

## Change History

- 2026-01-10: Adopted Bun as package manager, superseding ADR-0002 and ADR-0007
  due to faster installs.
"""


def test_superseding_in_a_change_history_names_the_records_it_replaces():
    from test_unseen_shapes import one

    assert one(PNPM, "adr-0012-bun.md").fields["supersedes"] == ["ADR-0002", "ADR-0007"]


IT_DLQ = """# Runbook: pulizia della coda DLQ

## Passi

1. Effettua il dump dei messaggi dalla coda DLQ.
2. Filtra gli eventi già elaborati.

## Modalità Purge

Se eseguito con opzione `--purge`, lo script:

- Attende il timeout di visibilità (predefinito 30 secondi).
- Invoca remove_from_sqs per rimuovere i messaggi dalla coda DLQ.
"""

OVH = """# 2026-02-02: backup host down

## What happened

The backup host ran out of disk space and its containers stopped.

A bit later, the metrics exporter could not reach the production Redis. This is because the
tunnel container 113 was also stopped, so Tomas restarts it.

The day after we also had to restart the mail gateway container (102).
"""


def test_how_long_it_waits_asked_in_italian(notes_wiki_of):
    w = notes_wiki_of({"dlq.md": IT_DLQ})
    a = ask(w, "In modalità --purge, quanto aspetta lo script prima di rimuovere i messaggi dalla DLQ?")
    assert a.found and "30 secondi" in a.answer.split("[1]")[0], a.answer


def test_who_acted_in_the_present_tense_is_a_person_answer(notes_wiki_of):
    """ "… so Tomas restarts it": the notes tell the story in the present; the name still answers "who restarted"."""
    w = notes_wiki_of({"backup-host.md": OVH})
    b = ask(w, "Who restarted the tunnel container when the metrics exporter could not reach production Redis?")
    assert b.found and "Tomas" in b.answer, b.answer


JA_CRASH = """# v2.3.0リリースで発生した障害について

## 影響範囲

- 影響を受けた端末
  - 1,200万台（推定される最大値）

## タイムライン

- 16:17 - GitHub Issue #88 「アプリ v2.3.0 が起動しない」投稿
- 16:49 - GitHub クラッシュレポート（iOS）共有
- 17:11 - GitHub クラッシュレポート（Android）共有
"""


def test_a_clock_time_or_a_version_is_no_count(notes_wiki_of):
    """ "How many devices …": "16:49" and "v2.3.0" are no figures of devices; "1,200万台" is."""
    w = notes_wiki_of({"crash.md": JA_CRASH})
    a = ask(w, "How many devices could have been hit by the v2.3.0 crash?")
    assert a.found and "1,200万台" in a.answer.split("[1]")[0], a.answer
