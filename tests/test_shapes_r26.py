"""Shapes from the twenty-sixth round: what to do first for a case, a line that restates the case, a
record's story told in prose, commands kept in an HTML <pre>, settings asked for by what they do, and a
product named in words its notes run together. The notes are ours."""

from __future__ import annotations

from pathlib import Path

import pytest

from lorebook.extract import extract
from lorebook.query.analysis import analyse
from lorebook.query.ask import ask
from lorebook.sources.markdown import parse
from lorebook.sources.reader import read_source
from lorebook.sources.segment import documents
from lorebook.sources.sentences import sentence_rows, split_sentences


def _fields(tmp_path: Path, name: str, text: str) -> dict:
    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    return extract(documents(read_source(f, f"raw/{name}"))[0]).fields


@pytest.mark.parametrize("question", [
    "If the replica lags behind, what should I try first?",
    "セキュリティインシデントが起きたら、まず最初に何をすべきですか？",
    "Que faire d'abord si le disque est plein ?",
    "¿Qué hago primero si falla la base de datos?",
    "Was muss ich zuerst tun, wenn der Server ausfällt?",
])
def test_what_to_do_first_in_other_wordings_asks_for_a_step(question):
    assert analyse(question).intents[:1] == ["step"], analyse(question).intents


@pytest.mark.parametrize("question", [
    "장애 때 먼저 무엇을 했나요?",  # 먼저 also means "earlier": what was done, not the runbook's step
    "いつ最初に検知されましたか？",  # when it was first detected
    "What did the team do first during the outage?",  # what was done, not what to do
])
def test_first_in_a_story_is_no_step(question):
    assert "step" not in analyse(question).intents[:1], analyse(question).intents


CASES_RUNBOOK = """# Build runbook

## Troubleshooting

### Build fails with `MANIFEST_UNKNOWN` while retrieving image from cache

- Symptom: the image builder fails on the base image with `MANIFEST_UNKNOWN` in its log.
- Cause: the registry kept a stale cache entry after garbage collection.
- Set `BUILDER_CACHE_ENABLED=false` in the runtime config and redeploy.

### Build fails with `unauthorized`

- Symptom: the push is refused with `unauthorized`.
- Cause: the robot account token expired.
- Rotate the robot token in the vault and rerun the pipeline.
"""


def test_the_action_beside_a_case_answers_what_to_do_not_the_symptom_line(notes_wiki_of):
    w = notes_wiki_of({"build.md": CASES_RUNBOOK})
    a = ask(w, "What should I do first if builds start failing with MANIFEST_UNKNOWN?")
    assert a.found and "BUILDER_CACHE_ENABLED=false" in a.answer, a.answer
    assert not a.answer.startswith("Symptom"), a.answer


NGINX_RUNBOOK = """# Operations

## Deploying

1. Run `ansible-playbook deploy.yml -l staging`.
2. Check the release notes were posted.

## Nginx answers 502 Bad Gateway

Either the upstream port is wrong or the application server is down.

Check the application process under Supervisor:

```
sudo supervisorctl status server
```
"""


def test_check_first_after_a_case_is_that_case_not_the_runbooks_step_one(notes_wiki_of):
    w = notes_wiki_of({"ops.md": NGINX_RUNBOOK})
    a = ask(w, "Nginx answers 502 Bad Gateway — what should I check first?")
    assert a.found and "supervisorctl" in a.answer, a.answer


def test_who_first_noticed_asks_for_the_detection():
    a = analyse("Who first noticed the queue messages were piling up?")
    assert a.intents[:1] == ["detection"], a.intents


def test_an_option_dropped_or_ruled_out_is_a_rejection():
    assert analyse('Why was the "Drupal as a service" scenario dropped?').intents[:1] == ["rejected"]
    assert analyse("Why was the hosted option ruled out?").intents[:1] == ["rejected"]
    assert analyse("Why were the packets dropped?").intents[:1] != ["rejected"]  # packets are no option


FR_ADR = """# ADR-003 : Convergence des CMS

## Statut

Accepté

## Options considérées

* **Scénario 1 : Migration du portail vers le site institutionnel**
* **Scénario 2 : Migration du site institutionnel vers le portail**
* **Scénario 3 : Nouvelle solution Drupal "as a service"** (Option écartée car jugée trop coûteuse et longue à mettre en œuvre)

## Décision

Option choisie : "Scénario 2", parce que cette option est jugée plus réaliste à court terme.
"""


def test_a_french_option_set_aside_car_gives_the_reason(notes_wiki_of):
    w = notes_wiki_of({"adr-003.md": FR_ADR})
    a = ask(w, 'Why was the "Drupal as a service" scenario dropped?')
    assert a.found and "trop coûteuse" in a.answer, a.answer


PROSE_INCIDENT = """# Connect CRM outage — incident summary

Primer for the follow-up discussion on alerting.

## What broke

`CRM_HOST` held a value that already included `/api/v1`, while the client also added `/api/v1`. Every call went
to a doubled path and got a 404. This started **2026-06-05** and ran for **~3.5 months**, fully undetected
internally. It was only discovered when the partner team emailed to ask why they had stopped receiving data.
"""


def test_a_prose_incident_tells_its_day_cause_and_detection(tmp_path):
    f = _fields(tmp_path, "crm-outage.md", PROSE_INCIDENT)
    assert f["date"] == "2026-06-05"
    assert "CRM_HOST" in f["root_cause"]
    assert f["detection"].startswith("It was only discovered when the partner team emailed")


def test_a_duration_in_months_answers_how_long(notes_wiki_of):
    w = notes_wiki_of({"crm-outage.md": PROSE_INCIDENT})
    a = ask(w, "How long did the CRM outage last?")
    assert a.found and "3.5 months" in a.answer, a.answer


PEAK_INCIDENT = """---
title: "MEET - Ausfall am 21.04.2020"
date: 2020-04-21 09:00:00
---

Leider hatten wir heute um 10 Uhr einen Ausfall zu verzeichnen.

### Hintergründe

Gegen 10 Uhr erreichten wir einen neuen Nutzerpeak. Dieser führte dazu, dass zu viele Backendverbindungen
aufgebaut wurden. Daraufhin beendete der Dienst alle Nutzerverbindungen.
"""


def test_a_peak_of_users_in_the_background_is_the_trigger(tmp_path):
    f = _fields(tmp_path, "meet.md", PEAK_INCIDENT)
    assert "Nutzerpeak" in f["trigger"], f["trigger"]


def test_short_forms_of_other_languages_do_not_end_a_sentence():
    said = [t for _, _, t in split_sentences("Seit ca. 22:00 Uhr besteht eine Störung. Wir nutzen z.B. Redis.", 1)]
    assert said == ["Seit ca. 22:00 Uhr besteht eine Störung.", "Wir nutzen z.B. Redis."]


PRE_NOTICE = """# DNSSEC-Störung

### Was haben wir getan?

Wir haben auf unseren Nameservern die DNSSEC-Validierung für die .de-Zone deaktiviert:

<pre><code>rec_control add-nta de.</code></pre>

Das bedeutet: `.de`-Domains bleiben erreichbar.
"""


def test_a_pre_block_is_code(tmp_path):
    f = tmp_path / "dnssec.md"
    f.write_text(PRE_NOTICE, encoding="utf-8")
    rows = sentence_rows(parse(read_source(f, "raw/dnssec.md")))
    assert ("code", "rec_control add-nta de.") in [(kind, text) for _, _, kind, _, text in rows]


def test_what_a_team_ran_is_the_pre_block_not_a_line_naming_the_zone(notes_wiki_of):
    w = notes_wiki_of({"dnssec.md": PRE_NOTICE})
    a = ask(w, "What did the team run on its resolvers so that .de domains kept resolving?")
    assert a.found and "rec_control add-nta de." in a.answer, a.answer


LOOP_NOTE = """# pytest memory leak

## Cause 1 — one event loop per test

pytest-asyncio creates a new event loop for every async test by default, and module singletons keep the old ones.

### Fix

Added `asyncio_default_test_loop_scope = "session"` to `pyproject.toml` so that all tests share one event loop.
"""


def test_which_setting_makes_something_asks_for_a_setting(notes_wiki_of):
    assert analyse("Which pytest setting makes all async tests share one event loop?").answer_types[:1] == ["setting"]
    w = notes_wiki_of({"pytest-leak.md": LOOP_NOTE})
    a = ask(w, "Which pytest setting makes all async tests share one event loop?")
    assert a.found and 'asyncio_default_test_loop_scope = "session"' in a.answer, a.answer


SHUTDOWN_RUNBOOK = """# Betrieb – Geplanter Shutdown

Hinweis: Die Rolle des Reverse Proxys ist unter „Netzwerk" beschrieben.

## Ablauf

```
for d in /opt/docker/*; do (cd "$d" && docker compose down); done
```
"""


ROLLBACK_FR = """# PROD : revenir à une version précédente

## Rollback du code

Pousser le tag de la version précédente en production :

```sh
git remote add prod-interface git@scalingo.com:quefairedemesobjets.git
git push -f prod-interface <TAG>:master
```
"""

EMAIL_ADR = """# ADR-017 : transport des e-mails en production

## Décision

En production, `MailService` envoie par l'API Brevo ; en local, MailHog. On ne fait jamais de `git push` de secrets.
"""


def test_a_product_named_in_words_its_notes_run_together(notes_wiki_of):
    w = notes_wiki_of({"rollback.md": ROLLBACK_FR, "adr-017.md": EMAIL_ADR, "shutdown.md": SHUTDOWN_RUNBOOK})
    a = ask(w, "What do I run to put the previous release tag of Que faire de mes objets back into production?")
    assert a.found and "git push -f prod-interface" in a.answer, a.answer




def test_who_is_not_answered_by_a_line_that_says_nothing_asked(notes_wiki_of):
    w = notes_wiki_of({"homelab-shutdown-runbook.md": SHUTDOWN_RUNBOOK})
    assert not ask(w, "Who signed off on the homelab planned-shutdown procedure?").found


def test_generalites_is_a_runbooks_overview(tmp_path):
    f = _fields(tmp_path, "ops-runbook.md", "# Runbook : opérations\n\n## Généralités\n\nLe déploiement des serveurs est fait avec Ansible.\n\n"
                "## Procédure\n\n1. Lancer `ansible-playbook deploy.yml -l staging`.\n2. Vérifier `systemctl status nginx`.\n"
                "3. Relancer `sudo supervisorctl restart server` si besoin.\n")
    assert "Ansible" in (f.get("overview") or ""), f.get("overview")


STATUS_INCIDENT = """# TS-002: Grafana "No data" panels

**상태**: Resolved
**심각도**: High

## Summary

Several dashboards showed "No data" after the metrics tags changed.

## Action items

- [ ] Add a "No data" check to the dashboard review checklist
- [ ] Require histogram settings in the service template
"""


def test_is_the_issue_still_open_asks_its_own_status_not_its_follow_ups(notes_wiki_of):
    assert analyse("Is the Grafana no-data issue still open?").intents[:1] == ["status"]
    assert "status" not in analyse("Was the incident fixed after the approved change?").intents  # the fix, asked
    w = notes_wiki_of({"grafana-nodata.md": STATUS_INCIDENT})
    a = ask(w, "Is the Grafana no-data issue still open?")
    assert a.found and "Resolved" in a.answer.split("[1]")[0], a.answer


DNSSEC_NOTICE = """# DENIC DNSSEC outage – .de domains unreachable

Since approximately 10:00 PM on 05 May 2026 there has been a major DNSSEC outage at DENIC.

## What did we do?

We temporarily disabled DNSSEC validation for the .de zone on our nameservers.
More information about our DNS service is available on our DNS Privacy page.
"""


def test_which_on_call_engineer_needs_a_page_that_names_the_role(notes_wiki_of):
    w = notes_wiki_of({"dnssec-notice.md": DNSSEC_NOTICE})
    assert not ask(w, "Which on-call engineer was paged when the DENIC DNSSEC outage started?").found


RESTORE_CHECKLIST = """# Runbook: restauración de emergencia

## Procedimiento

1. Descargar el backup: `aws s3 cp s3://backups/db.dump.enc .`
2. Restaurar: `./scripts/restore-database.sh db.dump.enc`

## Checklist de verificación

### Pre-Restauración

- [ ] Checksum verificado
- [ ] Modo mantenimiento activado

### Post-Restauración

- [ ] Conteo de registros correcto
"""


def test_a_pre_section_holds_what_must_be_true_before(notes_wiki_of):
    from lorebook.query.analysis import heading_field

    assert heading_field("Checklist > Pre-Restauración") == "prerequisites"
    assert heading_field("Pre-production") != "prerequisites"  # an environment, not a checklist
    w = notes_wiki_of({"restore-runbook.md": RESTORE_CHECKLIST})
    a = ask(w, "What has to be ticked off before starting a database restore?")
    assert a.found and "Checksum verificado" in a.answer, a.answer


def test_a_pre_checklist_is_a_runbooks_prerequisites_when_none_are_named(tmp_path):
    f = _fields(tmp_path, "restore-runbook.md", RESTORE_CHECKLIST)
    assert f["prerequisites"] == ["Checksum verificado", "Modo mantenimiento activado"], f["prerequisites"]


PHASE_TABLE_INCIDENT = """# 설정 쓰기 할당량 소진으로 전체 기능 중단

- 날짜: 2026-08-26
- 상태: 해결

## 근본 원인

getSettings()가 읽을 때마다 저장소에 되써서 쓰기 할당량을 소진했다.

## 대응 시간

| 시점 | 사건 |
| --- | --- |
| — | 카탈로그 변경으로 저장값과 정규화 결과가 어긋남 |
| 발견 | 사용자가 "익스텐션이 아예 안뜨는데?"라고 알림 |
| 수정 | 되쓰기 제거 + 회귀 테스트 3건 |
| 확인 | 사용자 재로드 후 복구 확인 |
"""


def test_a_moment_event_table_is_a_timeline_even_when_its_moments_are_phases(tmp_path):
    f = _fields(tmp_path, "quota-outage.md", PHASE_TABLE_INCIDENT)
    events = [e["event"] for e in f["timeline"]]
    assert len(events) == 4 and events[0].startswith("카탈로그 변경") and "재로드" in events[-1], events


MARKED_OPTIONS_ADR = """# 녹음 오디오는 FE가 Presigned URL로 직접 업로드한다

## 상태

채택됨

## 트레이드 오프

- FE 직접 업로드(채택): 서버 부하가 없지만 URL 발급과 완료 확인이 필요하다
- 백엔드 중계 업로드: FE가 단순하지만 2시간 파일이 서버를 통과한다

## 결과

- 백엔드는 URL 발급 API를 제공한다
"""

OPTIONAL_ITEMS_ADR = """# 설정 파일 형식은 YAML로 한다

## 상태

채택됨

## 결정

설정 파일은 YAML로 쓴다.

## 준비물

- 설정 파일(선택): 없으면 기본값을 쓴다
- 환경 변수: 배포 환경마다 다르다
"""


def test_a_list_weighing_approaches_with_one_marked_taken_is_the_options(tmp_path):
    f = _fields(tmp_path, "adr-482.md", MARKED_OPTIONS_ADR)
    assert [(o["name"], o["outcome"]) for o in f["options"]] == [("FE 직접 업로드", "chosen"), ("백엔드 중계 업로드", "considered")]
    f = _fields(tmp_path, "adr-config.md", OPTIONAL_ITEMS_ADR)  # "(선택)" marks an optional item, not a choice
    assert not f["options"], f["options"]
