"""Shapes of the thirty-first round: the sentences shown beside the best one, checks asked for by what they follow,
clocks and windows as French notes write them, and a few field labels in more languages."""

from __future__ import annotations

import pytest

from lorebook.config import init_wiki
from lorebook.pipeline import ingest
from lorebook.query.analysis import analyse
from lorebook.query.ask import ask

RESTORE_RUNBOOK = """# Restaurar la base de datos de la liga

## Requisitos

- PostgreSQL 15 instalado en el servidor.
- Acceso al archivo de respaldo `liga.dump`.

## Restauración

1. Detén la aplicación web con `systemctl stop liga-web`.
2. Restaura el respaldo con `pg_restore -d liga liga.dump`.

## Verificación posterior a la restauración

1. Revisa que el proceso finalice sin errores en la consola.
2. Conéctate a la base de datos y verifica que las tablas críticas contengan registros.
3. Arranca de nuevo la aplicación con `systemctl start liga-web`.
"""


@pytest.fixture(scope="module")
def wiki(tmp_path_factory):
    root = tmp_path_factory.mktemp("r31")
    notes = root / "notes"
    notes.mkdir()
    (notes / "restore-league-db.md").write_text(RESTORE_RUNBOOK, encoding="utf-8")
    w = init_wiki(root / "wiki", name="T")
    ingest(w, [notes])
    return w


def lines(a) -> set[int]:
    return {n for c in a.citations for n in range(c["start_line"], c["end_line"] + 1)}


@pytest.mark.parametrize("q", ["What should I check after restoring the league database?",
                               "What do we look at once the deploy is done?",
                               "What must I verify after the failover?"])
def test_what_to_check_after_the_work_asks_for_its_checks(q):
    assert analyse(q).answer_types[:1] == ["verify"]


@pytest.mark.parametrize("q", ["What should I check first if the API starts answering 429?",
                               "What should I check before the upgrade?"])
def test_a_first_check_or_one_before_the_work_is_no_verification(q):
    assert "verify" not in analyse(q).answer_types


def test_the_checks_after_a_restore_come_from_the_verification_part(wiki):
    a = ask(wiki, "What should I check after restoring the league database?")
    assert a.found and "tablas críticas" in a.answer
    assert 16 in lines(a) and not lines(a) & {10, 11}  # the checks, not the restore steps themselves


def test_a_one_word_label_is_no_second_sentence(notes_wiki_of):
    w = notes_wiki_of({"0003-pick-feature-flag-service.md":
        "# Pick a feature flag service\n\n* Status: Accepted\n\n## Considered Options\n\n* Flagsmith\n* LaunchDarkly\n\n"
        "## Decision Outcome\n\nChosen option: LaunchDarkly, because it has audit logs per flag.\n\n"
        "## Pros and Cons of the Options\n\n### LaunchDarkly\n\n* Good, because it does not require us to host anything.\n"
        "* Bad, because seats are billed per developer.\n"})
    a = ask(w, "What is the drawback of LaunchDarkly?")
    assert a.found and "seats are billed per developer" in a.answer
    assert "LaunchDarkly. [" not in a.answer and "Good" not in a.answer


GRAFANA_PANNE = """# Postmortem : Grafana injoignable après un déploiement

## Résumé

Le 12 mars 2026, un déploiement de l'application d'observabilité a cassé le proxy. Pendant deux heures, les
tableaux de bord Grafana sont restés inaccessibles pour toute l'équipe.

## Cause racine

Le chart Helm a remplacé le certificat TLS du proxy par un certificat vide.
"""


@pytest.mark.parametrize("said", [
    "Pendant deux heures, les tableaux de bord Grafana sont restés inaccessibles pour toute l'équipe.",
    "Pendant deux heures, le tableau de bord Grafana est resté indisponible.",
    "两个小时内，Grafana 仪表盘无法访问。",
    "2時間にわたり Grafana のダッシュボードにアクセスできなかった。",
    "두 시간 동안 Grafana 대시보드에 접속 불가 상태였다.",
    "Zwei Stunden lang war Grafana nicht erreichbar.",
])
def test_a_summary_sentence_saying_what_users_lost_is_the_impact_in_any_language(note_record, said):
    text = GRAFANA_PANNE.replace("Pendant deux heures, les\ntableaux de bord Grafana sont restés inaccessibles pour toute l'équipe.", said)
    r = note_record("panne-grafana.md", text)
    assert r.kind == "incident"
    assert r.fields["impact"] and said.split()[-1].rstrip(".。") in r.fields["impact"]
    assert "certificat vide" not in r.fields["impact"]


CANARY_FR = """# Postmortem — la version 3.4 est passée en production malgré l'analyse

| Champ | Valeur |
| --- | --- |
| Date et heure | Mardi 3 mars 2026, 09h15 |
| Durée d'exposition | De 09h15 à environ 10h02 |
| Part des requêtes touchée | 30 % des requêtes en erreur |
| Version touchée | `api:3.4.0` |

## Chronologie

| Heure | Événement |
| --- | --- |
| 09h15 | Le canary passe à 25 %. |
| 09h31 | Les premières erreurs 502 remontent. |
| 10h02 | Retour à la 3.3.9. |
"""


def test_french_clocks_make_the_timeline_and_the_exposure_window(note_record):
    r = note_record("canary-fr.md", CANARY_FR)
    assert r.kind == "incident"
    assert r.fields["date"] == "2026-03-03"  # "Date et heure" names the day as "Date" does
    assert r.fields["duration_minutes"] == 47  # 09h15 to 10h02, not "9 h"
    assert [e["time"] for e in r.fields["timeline"]] == ["09:15", "09:31", "10:02"]
    assert "30 %" in r.fields["impact"] and "api:3.4.0" not in r.fields["impact"]


@pytest.mark.parametrize("line, minutes", [("**Durée :** de 11h40 à environ 13h51", 131), ("**Dauer:** von 10:04 bis 10:24", 20),
                                           ("**Duración:** desde las 10:05 hasta las 11:20", 75)])
def test_a_duration_written_as_a_window_between_two_clocks(note_record, line, minutes):
    r = note_record("window.md", f"# Postmortem: checkout outage\n\n{line}\n\n## Root cause\n\nThe pool was exhausted.\n")
    assert r.fields["duration_minutes"] == minutes


@pytest.mark.parametrize("word, status", [("Zaakceptowane", "accepted"), ("Proponowane", "proposed"),
                                          ("Odrzucone", "rejected"), ("Zastąpione", "superseded")])
def test_a_polish_status_in_the_neuter(note_record, word, status):
    r = note_record("adr-001-chmura.md", f"# ADR-001: Wybór dostawcy chmury\n\n## Kontekst\n\nPotrzebujemy chmury.\n\n"
                                         f"## Decyzja\n\nWybieramy AWS.\n\n## Status\n\n{word}\n")
    assert r.kind == "decision" and r.fields["status"] == status


PRA = """# Plan de reprise d'activité — Facturation

## Vue d'ensemble

Ce plan garantit la continuité de service de la facturation en cas de sinistre.

## Objectifs

### RTO (Recovery Time Objective)
- **Valeur cible**: 45 minutes

### RPO (Recovery Point Objective)
- **Valeur cible**: 15 minutes

## Procédure de restauration

1. Arrêter le service : `systemctl stop facturation`.
2. Restaurer la dernière sauvegarde : `./restore.sh --latest`.
3. Redémarrer le service : `systemctl start facturation`.

## Vérification

- `curl https://facturation.example.com/health` répond `200`.
"""


def test_vue_d_ensemble_is_the_overview_and_a_value_under_an_rto_heading_answers_the_rto(notes_wiki_of, note_record):
    a = ask(notes_wiki_of({"pra-facturation.md": PRA}), "What is the RTO target for billing disaster recovery?")
    assert a.found and "45 minutes" in a.answer.split("[1]")[0]
    assert 10 in lines(a)
    r = note_record("pra-facturation.md", PRA)
    assert r.kind == "runbook" and "continuité de service" in r.fields["overview"]


def test_the_version_a_question_names_picks_the_record_over_a_product_name(notes_wiki_of):
    w = notes_wiki_of({
        "adr-001-chmura.md":
        "# ADR-001: Wybór platformy\n\n## Status\n\nZaakceptowane\n\n## Kontekst\n\nPotrzebujemy platformy dla usług.\n\n"
        "## Decyzja\n\nWybieramy Kubernetes (EKS), bo ma sondy gotowości i dużą społeczność.\n",
        "postmortem-3-2-1.md":
        "# Postmortem — la 3.2.1 renvoyait des erreurs\n\n**Date :** 2026-04-02\n\n## Résumé\n\nLa version `3.2.1` a renvoyé "
        "des erreurs 500 sur `/orders` pendant une heure.\n\n## Analyse\n\n**Pourquoi les probes ne l'ont-elles pas vu ?** "
        "Elles appellent seulement `/health`, qui répond toujours.\n\n## Cause racine\n\nUn cache mal invalidé dans la 3.2.1.\n"})
    a = ask(w, "Why didn't the Kubernetes probes notice that 3.2.1 was failing requests?")
    assert a.found and {c["source"] for c in a.citations} == {"raw/notes/postmortem-3-2-1.md"}


CANARY_TIMELINE = """# Postmortem — le canary 5.0 est passé à 100 % trop tôt

**Date :** 2026-05-12

## Chronologie

| Heure | Événement |
| --- | --- |
| 11h40 | Le canary `5.0` démarre à 25 % du trafic. |
| 11h43 | La `5.0` sert 100 % du trafic. |
| 12h06 | Revert du canary `5.0` (PR #21). |

## Cause racine

L'analyse du canary ne faisait qu'un seul test court.
"""


def test_a_timeline_row_nearly_as_good_as_the_best_is_shown_beside_it(notes_wiki_of):
    a = ask(notes_wiki_of({"canary-5.md": CANARY_TIMELINE}), "At what time did the 5.0 canary end up serving 100% of traffic?")
    assert a.found and "11h43" in a.answer and 10 in lines(a)
    assert len(a.citations) <= 3


def test_a_crontab_line_says_what_time_a_job_runs(notes_wiki_of):
    w = notes_wiki_of({"ops.md":
        "# Ledger 앱 운영 가이드\n\n## 1. 설치\n\n```bash\nsudo apt install sqlite3\n```\n\n## 2. 백업\n\n`crontab -e` (app 계정):\n\n"
        "```\n30 3 * * * cp /srv/app/app.db /srv/app/backups/app-$(date +%F).db\n```\n\n## 3. 재시작\n\n"
        "```bash\nsudo systemctl restart app\n```\n"})
    for q in ("What time does the Ledger app database backup run every day?", "Ledger 앱 DB 백업은 매일 몇 시에 돌아가나요?"):
        a = ask(w, q)
        assert a.found and "30 3 * * *" in a.answer.split("[1]")[0], (q, a.answer)


@pytest.mark.parametrize("text, clock", [("0 4 * * * backup.sh", True), ("30 2 * * 1-5 /usr/bin/report", True),
                                         ("kubectl scale --replicas 3 deploy/x", False), ("cp a.db b.db", False)])
def test_the_clock_shape_reads_a_crontab_schedule(text, clock):
    from lorebook.query.analysis import CLOCK_SHAPE

    assert bool(CLOCK_SHAPE.search(text)) is clock
