"""Shapes from the eleventh round of unseen notes: a decision that names what it replaces in the passive
("ADR-0009 and ADR-0034 are replaced by this decision"), answers that keep the notes' own spelling of an
identifier, a timeline whose day is only in the heading above it, and a line that introduces a list
without a colon."""

from __future__ import annotations

from lorebook.query.ask import ask

from test_unseen_shapes import cited, one

PASSIVE_FR = """# ADR-0041 : Un seul générateur de documentation

## Statut

Accepté, 2026-07-26.

## Décision

Nimbus devient l'unique générateur.

Les ADR-0009 et ADR-0034 sont remplacés par la présente décision.

## Conséquences

La route expérimentale n'est plus publiée.
"""


def test_records_named_before_a_passive_with_the_decision_as_agent_are_superseded():
    rec = one(PASSIVE_FR, "adr-0041-generateur.md")
    assert rec.fields["supersedes"] == ["ADR-0009", "ADR-0034"]  # as the notes write them
    assert "remplacés par la présente décision" in cited(rec, "supersedes")
    english = one("# ADR-12: One queue\n\n## Status\n\nAccepted\n\n## Decision\n\nWe use one queue. "
                  "ADR-0003 is superseded by this decision.\n", "adr-12.md")
    assert english.fields["supersedes"] == ["ADR-0003"]
    overriding = one("# 7. Move to Postgres\n\nThis ADR overrides a previous decision from [ADR 004](./004-dynamo.md) to "
                     "store plans in Dynamo.\n\n## Status\n\nAccepted\n", "007-move-to-postgres.md")
    assert overriding.fields["supersedes"] == ["ADR 004"]
    assert not one("# ADR-13: Two queues\n\n## Status\n\nAccepted\n\n## Decision\n\nThe old format is replaced by "
                   "a new one. ADR-0005 still applies.\n", "adr-13.md").fields.get("supersedes")


def test_an_answer_keeps_the_notes_spelling_of_the_records_and_dates_it_names(notes_wiki_of):
    dated = PASSIVE_FR.replace("Accepté, 2026-07-26.", "Accepté le 26 juillet 2026.")
    w = notes_wiki_of({"adr-0041-generateur.md": dated})
    a = ask(w, "Which earlier ADRs does the single documentation generator decision replace?")
    first = a.answer.split("[1]")[0]
    assert a.found and "ADR-0009" in first and "ADR-9" not in first
    assert a.citations[0]["start_line"] == 11
    a = ask(w, "When was the single documentation generator decision taken?")
    first = a.answer.split("[1]")[0]
    assert a.found and "2026-07-26" in first and "26 juillet 2026" in first  # the typed date, and the line as written


TIMELINE_BY_DAY = """# Postmortem: staging mirror down

## Summary

The staging mirror was unreachable for three days after a storage driver change.

## Timeline

### 03-10-2021 (All times CEST)

- 19:16 **Outage begins**, a contributor reports the mirror unreachable.

### 06-10-2021 (All times CEST)

- 14:36 **Outage mitigated**, the mirror was redeployed on a new machine.
"""


def test_a_moment_under_a_dated_heading_is_answered_with_its_day(notes_wiki_of):
    w = notes_wiki_of({"2021-10-03-mirror-down.md": TIMELINE_BY_DAY})
    a = ask(w, "When was the staging mirror outage finally mitigated?")
    first = a.answer.split("[1]")[0]
    assert a.found and "14:36" in first and "06-10-2021" in first
    assert a.citations[0]["start_line"] == 15


UNCOLONED_LIST = """# Incident: blank page after the profile schema change

## Summary

Users with old profiles in local storage saw a blank page.

## Lessons

- Cookies can expire; local storage values cannot.

The alternatives we considered for the stale profile data

- **Version the storage key** so old values are ignored.
- **Drop local storage** and read profiles from the database every time.
"""


def test_a_line_that_introduces_a_list_without_a_colon_is_answered_with_the_list(notes_wiki_of):
    w = notes_wiki_of({"2021-08-13-blank-page.md": UNCOLONED_LIST})
    a = ask(w, "Which alternatives did we consider for the stale profile data?")
    assert a.found and "Version the storage key" in a.answer and "Drop local storage" in a.answer  # both items, not one


def test_a_german_was_asks_what_not_yes_or_no():
    from lorebook.query.analysis import analyse

    assert "yesno" not in analyse("Was machen wir, wenn die Karten-API keine Live-Daten liefert?").answer_types
    assert "wenn" not in analyse("Was machen wir, wenn die Karten-API keine Live-Daten liefert?").words
    assert "yesno" in analyse("Was the rollback tested before the release?").answer_types


def test_two_spellings_of_one_record_are_one_record_for_the_supersede_lifecycle(notes_wiki_of):
    from lorebook.lint import run_lint
    from lorebook.vocab import record_key

    assert {record_key(r) for r in ("ADR-0009", "ADR 9", "ADR #0009", "adr_009", "9. Use Kafka")} == {"ADR-9"}
    assert record_key("20201016-use-the-slug.md") == "20201016-use-the-slug"
    w = notes_wiki_of({
        "adr-0009-queue.md": "# ADR-0009: One queue\n\n## Status\n\nSuperseded by ADR 12\n\n## Context\n\nx\n\n## Decision\n\ny\n",
        "adr-0012-queues.md": "# ADR-0012: Two queues\n\n## Status\n\nAccepted\n\nSupersedes ADR-0009\n\n## Context\n\nx\n\n"
                              "## Decision\n\ny\n",
        "adr-0013-topics.md": "# ADR-0013: Topics\n\n## Status\n\nAccepted\n\nSupersedes [ADR 0012](adr-0012-queues.md)\n\n"
                              "## Context\n\nx\n\n## Decision\n\ny\n",
    })
    silent = [f.message for f in run_lint(w).findings if f.rule == "adr-successor-not-linking-back"]
    assert len(silent) == 1 and "ADR-013 supersedes ADR-012" in silent[0]  # 9 and 12 agree; 12 does not name 13


RESTORE_RDS = """# Restoring an RDS instance

Use this when a tenant's database must be rolled back to an earlier snapshot.

## Steps

1. Find the instance name with `cf env APP`.
2. Start the restore from the RDS console.

Once the restore has finished, confirm the new instance matches the previous configuration. To change a
setting, click Modify.
"""

DRIFT = """# Resolving DNS drift

## Steps

1. Run the Terraform plan workflow.
2. Apply the changes.

Both of the above should produce a Terraform plan, the expected result should be as follows:

`No changes. Your infrastructure matches the configuration.`
"""

CREDENTIALS = """# Credential exposure

## Steps

1. Generate a replacement credential immediately.
2. Revoke the exposed value at its issuer and verify revocation.
3. Review the audit logs.
"""


def test_how_to_tell_it_worked_is_read_from_the_prose_when_no_section_names_it():
    assert cited(one(RESTORE_RDS, "restoring-rds.md"), "verification").startswith("Once the restore has finished, confirm")
    assert one(DRIFT, "resolve-drift.md").fields["verification"] == ["No changes. Your infrastructure matches the configuration."]
    assert one(CREDENTIALS, "credentials.md").fields["verification"] == ["verify revocation"]
    assert not one("# Slow etcd\n\n## Diagnosis\n\nTo rule out a slow disk and confirm that the disk is fast, query the "
                   "fsync histogram.\n", "etcd-slow.md").fields["verification"]  # a purpose clause diagnoses
    assert not one("# Rotate keys\n\n## Steps\n\n1. Run `rotate.sh`.\n2. Tell the team.\n", "rotate.md").fields["verification"]


TENANT_REMOVAL = """# Purpose

Use this template to remove a tenant from a particular instance.

## Context

Tenants are removed when they stop using the instance.

## Prerequisites

1. Access to the VPN.

## How to remove a tenant

1. Remove the tenant from `saas-tenants.yaml`.
2. Open a merge request and get it merged.
3. Verify that the tenant can no longer write data.
"""

LOAD_SHEDDING = """# Remote write load shedding

## Incident Mitigation

Starting with the receivers, the following steps can be taken to mitigate an incident:

* Ensure the receivers are running and healthy.
  * If there are OOM events, scale up the hashring.

Assuming the receivers are healthy, the next step is to check the API layer:

* Ensure the API and rate limiting are running and healthy.
"""


def test_a_first_heading_that_only_names_a_part_is_a_section_and_how_to_names_the_procedure():
    rec = one(TENANT_REMOVAL, "tenant_removal_sop.md")
    assert rec.document.title == "How to remove a tenant"
    assert rec.fields["overview"].startswith("Use this template to remove a tenant")
    assert [s["title"] for s in rec.fields["steps"]][0].startswith("Remove the tenant")
    assert len(rec.fields["steps"]) == 3
    kept = one("# Support Categories\n\n## Context\n\nx\n\n## Decision\n\ny\n", "0010-categories.md")
    assert kept.document.title == "Support Categories"  # a title that happens to contain a section word stays the title


def test_a_mitigation_section_that_announces_its_steps_gives_its_list_as_steps():
    rec = one(LOAD_SHEDDING, "remote_write_sop.md")
    titles = [s["title"] for s in rec.fields["steps"]]
    assert titles[0].startswith("Ensure the receivers") and titles[-1].startswith("Ensure the API") and len(titles) == 2


def test_a_runbooks_scenario_section_and_a_long_lead_in_over_a_list_are_its_overview():
    korean = one("# DR Runbook 01 — etcd snapshot 복원\n\n## 시나리오\n\nK8s API 가 응답 안 함 / etcd quorum loss.\n\n"
                 "## 복구 절차\n\n1. `etcdctl snapshot restore` 실행\n2. kubelet 재시작\n", "dr-runbook-01.md")
    assert "etcd quorum loss" in korean.fields["overview"]
    chinese = one("# K8S 集群备份与恢复\n\n在高可用k8s集群中 etcd集群保存了整个集群的状态，因此这里的备份与恢复重点就是：\n\n"
                  "- 从运行的etcd集群备份数据到磁盘文件\n- 从etcd备份文件恢复数据\n\n## 操作步骤\n\n1. 执行 `ezctl backup k8s-01`\n"
                  "2. 执行 `ezctl restore k8s-01`\n", "runbook-cluster-restore.md")
    assert "etcd集群保存了整个集群的状态" in chinese.fields["overview"]


COMPARED = """# 6. Select a message queue

## Status

Accepted

## Context

We need a queue for 1M events a second.

## Decision

### Compare **Kafka vs Alternatives**

| Technology | Peak Throughput | Latency |
|---|---|---|
| **Apache Kafka** | millions/sec | <10ms |
| **AWS Kinesis** | 1M records/sec | <100ms |
| **Google Pub/Sub** | high | 100-200ms |

**Decision:** Select **AWS Kinesis** as the message queue technology, as it is serverless.
"""


def test_the_rows_of_a_comparison_table_are_the_options_and_select_x_chooses_one():
    rec = one(COMPARED, "0006-select-message-queue.md")
    opts = {o["name"]: o["outcome"] for o in rec.fields["options"]}
    assert opts == {"Apache Kafka": "considered", "AWS Kinesis": "chosen", "Google Pub/Sub": "considered"}
    assert "Latency: <100ms" in [o for o in rec.fields["options"] if o["name"] == "AWS Kinesis"][0]["reasons"]


STATUS_LOG = """# Cloud status history

## May 26 - 27th, 2018

(7:30 UTC) Services operating normally, root cause is being worked at.

(1:00 UTC) One of the database nodes failed in an autovacuum operation scheduled at night. A failover to the reader happened, but not all web workers reconnected, resulting in consistently dropped connections during that night.
"""


def test_what_caused_an_effect_gives_the_sentence_before_the_one_that_tells_the_effect(notes_wiki_of):
    from lorebook.query.analysis import analyse

    w = notes_wiki_of({"incident-cloud-status.md": STATUS_LOG})
    a = ask(w, "What caused the dropped connections on the cloud on the night of May 26-27, 2018?")
    assert a.found and "autovacuum" in a.answer and a.answer.index("autovacuum") < a.answer.index("dropped connections")
    assert "root_cause" in analyse("What was actually wrong with the S3 health check?").intents


def test_a_label_is_read_whatever_its_accents():
    rec = one("# Postmortem: staging deploy\n\n**Duracion de la sesion de debug:** ~2 horas\n\n## Causa raiz\n\nFalta config.\n",
              "postmortem-staging.md")
    assert rec.fields["duration_minutes"] == 120 and rec.fields["duration_text"] == "~2 horas"
    steps = one("# Runbook: conta admin comprometida\n\n## Acao imediata (primeiros 10 minutos)\n\n1. Classificar como `SEV-1`.\n"
                "2. Revogar sessoes.\n\n## Recuperacao\n\n1. Restabelecer acessos.\n", "runbook-conta-admin.md").fields["steps"]
    assert steps[0]["title"].startswith("Classificar como")  # the immediate actions come first, as the notes order them


STATUS_UPDATES = """---
title: "Eingeschränkte Erreichbarkeit durch DNS-Störung"
date: 2026-05-05T23:30:00
---

**Status:** Behoben

## 06.05.2026, 02:00 Uhr – Behoben

Die DENIC hat die fehlerhafte DNSSEC-Signatur korrigiert. Die Auflösung funktioniert wieder.

## 05.05.2026, 23:30 Uhr – Ursache identifiziert

Ursache ist eine fehlerhafte Signatur für den SOA-Eintrag der .de-Zone.

## 05.05.2026, 22:00 Uhr – Störung erkannt

Erste Meldungen über nicht erreichbare .de-Domains erreichen uns.
"""


def test_a_status_pages_update_headings_are_its_timeline():
    rec = one(STATUS_UPDATES, "incident-2026-05-05-dns.md")
    times = [e["time"] for e in rec.fields["timeline"]]
    assert times == ["2026-05-06 02:00", "2026-05-05 23:30", "2026-05-05 22:00"]
    assert rec.fields["timeline"][0]["event"].startswith("Behoben: Die DENIC")
    assert "Erste Meldungen" in rec.fields["detection"]
    assert "DNSSEC-Signatur korrigiert" in rec.fields["resolution"]
    log = one("# Incident log\n\n## 2025-10-03 02:27 ~ 04:03 (GMT+9)\n\nFunction timeouts.\n\n## 2025-09-01 10:00 ~ 12:00\n\nErrors.\n\n"
              "## 2025-08-01 09:00 ~ 09:30\n\nSlow.\n", "incident-log.md")
    assert not log.fields["timeline"]  # headings that each span an interval are incidents, not one incident's updates


def test_a_period_written_as_two_dated_moments_is_the_duration_and_answers_start_and_end(notes_wiki_of):
    period = ("# Störung: DNS der .de-Zone\n\n**Status:** Behoben\n**Zeitraum:** 05.05.2026, 21:50 Uhr – 06.05.2026, ca. 02:00 Uhr\n\n"
              "## Ursache\n\nEine fehlerhafte DNSSEC-Signatur.\n")
    rec = one(period, "incident-dns.md")
    assert (rec.fields["duration_minutes"], rec.fields["duration_source"]) == (250, "stated")
    w = notes_wiki_of({"incident-dns.md": period})
    a = ask(w, "When did the .de DNS disruption start, and when was it over?")
    assert a.found and "21:50" in a.answer and "02:00" in a.answer and a.citations[0]["start_line"] == 4


NORWEGIAN_ADR = """# ADR 001 - Oppdatert NAV-dekoratør

## Beskrivelse

Dekoratøren lastes på klientsiden, og brukeren ser ikke alltid siste versjon.

## Løsningsforslag

### Server Side Inclusion (SSI)

SSI lar deg inkludere innhold fra en annen kilde i en HTML-fil.

#### Fordeler

- Enkel å ta i bruk

#### Ulemper

- Caching?

### Podium

Podium er et bibliotek for mikro-frontends.
"""


def test_norwegian_solution_proposals_are_options_and_questions_about_candidates_and_concerns_find_them(notes_wiki_of):
    rec = one(NORWEGIAN_ADR, "adr-001-dekorator.md")
    assert [o["name"] for o in rec.fields["options"]] == ["Server Side Inclusion (SSI)", "Podium"]
    assert "ikke alltid siste versjon" in rec.fields["context"]
    w = notes_wiki_of({"adr-001-dekorator.md": NORWEGIAN_ADR})
    a = ask(w, "Which solution candidates are on the table for the updated NAV decorator?")
    assert a.found and "Server Side Inclusion" in a.answer and "Podium" in a.answer
    a = ask(w, "What open concern is listed against Server Side Inclusion?")
    assert a.found and "Caching?" in a.answer.split("[1]")[0]


JUPYTERHUB = """# JupyterHub Runbook

## Common Problems

### User unable to start server

JupyterHub sometimes thinks a user's notebook pod is running when it is not. The fix is as follows:

1. Login as an admin user to the jupyterhub namespace.
2. Delete the _jupyterhub_ pod. Do __NOT__ delete the _jupyterhub-db_ pod.
3. Ask the user to login again.

### JupyterHub unreachable despite pods being up

The main jupyterhub pod sometimes cannot connect to its database.

The issue can be resolved by restarting both pods.
"""


def test_a_prohibition_answers_what_not_to_do_and_can_be_resolved_by_tells_the_fix(notes_wiki_of):
    w = notes_wiki_of({"jupyterhub-runbook.md": JUPYTERHUB})
    a = ask(w, "A user can't start their notebook server. Which pod must I not delete while fixing it?")
    assert a.found and "NOT delete the jupyterhub-db pod" in a.answer.split("[1]")[0].replace("_", "")
    a = ask(w, "JupyterHub is unreachable even though its pods are up. How do I fix it?")
    assert a.found and "restarting both pods" in a.answer.split("[1]")[0]


STAGED = """# Storage freeze

## Background

When the storage is frozen the following will happen:

1. Videos will no longer play.
1. Originals can't be downloaded.

## Strategy

### Immediately

Notify the storage team at `storage@example.org` so that a ticket gets created.

### 1 - 3 hours

Post a message to #library informing users of the downtime.

### > 3 hours, < 1 Day

Ask the storage team about the expected recovery time.
"""


def test_a_stated_elapsed_time_picks_the_stage_of_a_runbook_staged_by_time(notes_wiki_of):
    w = notes_wiki_of({"storage-freeze-runbook.md": STAGED})
    a = ask(w, "The storage has been frozen for about two hours. What should I do now?")
    assert a.found and "#library" in a.answer.split("[1]")[0]
    a = ask(w, "The storage has been frozen for over 5 hours. What should I do now?")
    assert a.found and "expected recovery time" in a.answer.split("[1]")[0]


def test_a_korean_how_it_was_discovered_section_is_the_detection():
    rec = one("# HikariCP 커넥션 풀 고갈 장애\n\n## 1. 문제 발견 배경\n\n### 발견 경위\n\n- **언제**: 2025-12-06 00:37\n"
              "- **어떻게**: CloudWatch 로그 모니터링에서 HikariCP 관련 에러 로그 발견\n\n## 2. 원인 분석\n\nN+1 쿼리.\n",
              "2025-12-06-connection-pool-incident.md")
    assert "CloudWatch 로그 모니터링" in rec.fields["detection"]


def test_a_labelled_bullet_over_a_nested_list_gives_the_list_as_its_value():
    rec = one("# 커넥션 풀 고갈 장애\n\n## 원인 분석\n\n- **직접적 원인**:\n    1. N+1 쿼리로 인한 과도한 DB 커넥션 사용\n"
              "    2. 3개의 스케줄러가 동시에 커넥션 경쟁\n\n## 해결\n\n쿼리를 고쳤다.\n", "2025-12-06-pool-incident.md")
    assert "N+1 쿼리로 인한 과도한 DB 커넥션 사용" in rec.fields["root_cause"]
    assert "3개의 스케줄러가 동시에 커넥션 경쟁" in rec.fields["root_cause"]


def test_an_answer_comes_from_a_page_that_names_the_product_the_question_names():
    from lorebook.query import rank
    from lorebook.query.ask import _prefer_naming_pages
    from lorebook.query.intents import classify

    q = classify("Which follow-up from the ClickHouse outage was flagged as high priority?")
    pages = [{"id": "dec3", "said": "Incident report: ClickHouse connectivity failure. Add timestamps (High Priority)"},
             {"id": "pm-005", "said": "PM-005: worker pod networking failure. Severity: Very High"}]
    other = rank.Candidate("typed", "pm-005", "severity", "PM-005 was Very High", score=3.2)
    named = rank.Candidate("sentence", "dec3", "", "2. Add timestamps to streamer logs (High Priority)", score=2.6)
    _prefer_naming_pages([other, named], pages, q)
    assert named.score > other.score  # the page that never says ClickHouse answers something else
    gov = classify("Why didn't GOV.UK run a logging sidecar next to every pod?")
    kept = rank.Candidate("sentence", "pm-005", "", "x", score=3.0)
    _prefer_naming_pages([kept], pages, gov)
    assert kept.score == 3.0  # a two-letter name ("UK") is no evidence either way


def test_a_phrasal_verb_is_read_as_the_verb_notes_write():
    from lorebook.query.analysis import analyse

    assert "enabled" in analyse("When were package uploads turned back on after the token leak?").words
    assert analyse("Why did they hold the announcement back by a day?").question.subject == ["announcement", "delayed", "day"]
    assert "api" in analyse("Who brought the API back?").words  # the object between verb and particle stays
