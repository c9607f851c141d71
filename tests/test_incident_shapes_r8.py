"""Incident shapes from the eighth round: the opening story names the event an outage came after
("failed to restart after planned storage maintenance", "degraded following a ~10x increase in …"),
while time passing ("after 30 minutes") and a process ("after launching a number of servers") name none;
and a runbook shape: Portuguese "Escalonamento de Serviços" is scaling, not escalation."""

from __future__ import annotations

from test_unseen_shapes import cited, one


def _story(sentence: str) -> str:
    return f"# Incident: queue stall\n\n**Date:** 2026-03-02\n\n## Summary\n\n{sentence}\n\n## Root cause\n\nA full disk.\n"


def test_the_event_an_outage_followed_is_its_trigger():
    rec = one(_story("The API failed to restart after planned storage maintenance because its volume was full."))
    assert rec.fields["trigger"] == "planned storage maintenance"
    assert "planned storage maintenance" in cited(rec, "trigger")
    rec = one(_story("Checkout experienced degraded service following a tenfold increase in `POST /orders` requests."))
    assert "increase in POST /orders requests" in rec.fields["trigger"]  # code marks dropped, as for every field


def test_the_failure_may_be_told_in_the_next_sentence():
    rec = one(_story("When the controller was restored after the weekend migration, it reconciled every app at once. "
                     "The repository server was OOM-killed."))
    assert rec.fields["trigger"] == "the weekend migration"


def test_time_passing_a_process_or_a_calm_story_names_no_trigger():
    for sentence in ("The API failed after 30 minutes of load.",
                     "The hub became unresponsive after launching a certain number of servers.",
                     "We upgraded the cluster after the maintenance window and everything kept working."):
        assert not one(_story(sentence)).fields.get("trigger"), sentence


def test_scaling_services_is_not_escalation():
    """Portuguese "Escalonamento de Serviços" is scaling them; the "Contatos de Emergência" section is whom to call."""
    rec = one("# Runbook operacional\n\n## 1. Escalonamento de Serviços\n\n- Backend: min 2 réplicas, max 4\n\n"
                     "## 2. Reiniciar o backend\n\n1. Abra o painel.\n2. Clique em **Restart**.\n\n"
                     "## 3. Contatos de Emergência\n\n- P0: DevOps + Tech Lead\n")
    assert rec.fields["escalation"] == ["P0: DevOps + Tech Lead"]


def test_a_health_checks_section_is_how_to_verify():
    rec = one("# Runbook operativo — API\n\n## 1. Health checks\n\n```bash\ncurl -s https://api.example.com/api/v2/health\n```\n\n"
              "## 2. Respuesta a incidentes\n\n1. Revisar los logs.\n2. Reiniciar el contenedor.\n")
    assert any("/api/v2/health" in v for v in rec.fields["verification"])


def test_the_runbooks_own_rollback_section_wins_over_a_sub_tasks():
    rec = one("# Runbook\n\n## 2. Migrations\n\n### 2.3 Revert a migration (rollback)\n\n```bash\nnpm run migration:revert\n```\n\n"
              "## 6. Rollback\n\n1. Open the dashboard.\n2. Select **Rollback to this deployment**.\n")
    assert "Rollback to this deployment" in rec.fields["rollback"]


def test_a_promise_closing_a_paragraph_over_a_list_gives_the_action_items():
    rec = one("# Checkout delays post-mortem\n\n## Summary\n\nOrders were delayed for two hours.\n\n## Recovery and lessons learned\n\n"
              "The issue resolved itself once traffic dropped. However, we did not tell customers. Going forward, we will do the "
              "following in an effort to avoid similar issues:\n\n- We will add monitoring for replica lag.\n- We will raise rate limits.\n\n"
              "Lastly, the new engine ships next quarter. Specifically:\n\n- There will be no polling.\n")
    assert [a["text"] for a in rec.fields["action_items"]] == ["We will add monitoring for replica lag.", "We will raise rate limits."]


RU = ("# INC-001. Радио: большие провалы звука\n\n**Статус:** расследуется · **Открыт:** 07.10.2026, ~19:55 CEST · **Сообщил:** владелец\n\n"
      "## Что увидели\n\nПропадали большие куски звука у слушателей.\n\n## Хронология (07.10.2026, CEST)\n\n| Время | Событие |\n|---|---|\n"
      "| 16:48 | Выкладка `db343ab` |\n| 19:55 | Владелец сообщает о провалах звука |\n\n## Гипотезы (не доказаны)\n\n"
      "1. **Ведущий отдавал звук рывками.**\n\n## Что делаем дальше\n\n- [ ] История из Prometheus за весь день.\n")


def test_a_russian_write_up_with_its_metadata_on_one_line():
    rec = one(RU, name="INC-001-radio.md")
    assert rec.fields["date"] == "2026-10-07"  # "Открыт: 07.10.2026", one of three pairs on a line split by "·"
    assert rec.fields["detection"] == "владелец"
    assert rec.fields["impact"].startswith("Пропадали большие куски звука")
    assert [e["time"] for e in rec.fields["timeline"]] == ["16:48", "19:55"]
    assert not rec.fields.get("root_cause")  # unproven hypotheses are no cause
    assert not rec.fields.get("summary", "").startswith("расследуется")  # metadata pairs are no summary
    assert rec.fields["action_items"][0]["text"].startswith("История из Prometheus")


def test_corrective_actions_marked_done_are_the_fix_and_pending_ones_the_follow_ups():
    rec = one("# Postmortem: API lenta em prod\n\n**Data:** 2026-07-01\n\n## Causa raiz\n\nÍndices faltando.\n\n"
              "## Ações corretivas (feitas)\n\n- [x] Migration `V56__performance_indexes.sql`\n- [x] G1GC no entrypoint\n\n"
              "## Ações preventivas (pendentes)\n\n- [ ] Alertas de p95 no Railway\n")
    assert "V56" in rec.fields["resolution"]
    assert [a["text"] for a in rec.fields["action_items"]] == ["Alertas de p95 no Railway"]


def test_a_verify_step_gives_how_to_verify_not_only_its_title():
    rec = one("# Emergency deployment rollback\n\n**Severity:** Procedure — used during P1/P2 incidents when a deploy is to blame\n"
              "**Owner:** On-Call Lead\n\n## Steps\n\n### 1. Identify the revision\n\n```bash\nkubectl rollout history deploy/api\n```\n\n"
              "### 2. Execute rollback\n\n```bash\nkubectl rollout undo deploy/api\n```\n\n### 3. Verify rollback success\n\n"
              "```bash\nkubectl rollout status deploy/api\n```\nAll pods should be Running with 0 restarts.\n")
    assert any("0 restarts" in v for v in rec.fields["verification"])
    assert not rec.fields.get("overview")  # a Severity/Owner header records facts about the page, not what it is for


def test_superceded_is_superseded():
    rec = one("# 1. Use Postgres for database\n\nDate: 02/09/2016\n\n## Status\n\nSuperceded by [14. remove postgres code](0014-x.md)\n\n"
              "## Context\n\nWe need a database.\n\n## Decision\n\nWe will use Postgres.\n", name="0012-use-postgres.md")
    assert rec.fields["status"] == "superseded" and rec.fields["superseded_by"] == ["14. remove postgres code"]


def test_an_alert_runbooks_trigger_section_is_its_overview_and_a_verification_step_verifies():
    rec = one("# Runbook: Service Down Alert\n\n## 🚨 Trigger\nThis alert fires when a critical service is inactive.\n\n"
              "## 🤖 Automated Remediation\nThe script attempts the following:\n1.  **Restart Service**: Executes `systemctl restart <svc>`.\n"
              "2.  **Verification**: Checks immediately after restart if the service is active.\n3.  **Logging**: Logs the result.\n")
    assert "critical service" in rec.fields["overview"]
    assert any("Checks immediately after restart" in v for v in rec.fields["verification"])


def test_commands_in_a_diagnosis_checklist_are_commands():
    rec = one("# Runbook: Backup job failures (PBS)\n\n## Diagnosis checklist\n\n- [ ] Network reachability (`ping pbs.example.internal`).\n"
              "- [ ] Datastore free space >20% (`proxmox-backup-manager status`).\n- [ ] Task log shows `read-only` errors.\n\n"
              "## Steps\n\n1. Acknowledge the alert.\n2. Re-run the job.\n")
    cmds = [c for e in rec.fields["diagnosis"] for c in e["commands"]]
    assert cmds == ["ping pbs.example.internal", "proxmox-backup-manager status"]


def test_a_note_saying_what_you_need_before_the_steps_is_a_prerequisite():
    rec = one("# How to restore a database\n\n## Prerequisites\n\n- PostgreSQL client\n\n## Instructions\n\n"
              "**NOTE: Before following the steps below you will need to request the 'contributor' role through PIM.**\n\n"
              "1. Open the portal.\n2. Restore the server.\n")
    assert rec.fields["prerequisites"] == ["PostgreSQL client",
                                           "NOTE: Before following the steps below you will need to request the 'contributor' role through PIM."]


def test_a_norwegian_adr_and_a_french_madr_outcome():
    rec = one("# ADR: Ereg som kilde for organisasjonsinformasjon\n\n## Status\n\nUtkast\n\n## Kontekst\n\n"
              "I dag bruker vi Brønnøysundregisteret som kilde.\n\n## Beslutning\n\nVi bruker Ereg.\n\n## Konsekvenser\n\n"
              "Vi må vedlikeholde informasjonen vår.\n", name="001_ereg.md")
    assert rec.fields["status"] == "proposed" and "Brønnøysundregisteret" in rec.fields["context"]
    assert rec.fields["decision"] == "Vi bruker Ereg." and "vedlikeholde" in str(rec.fields["consequences"])
    rec = one("# 1. Utilisation des ADR\n\n## Statut\n\nAccepté\n\n## Contexte et énoncé du problème\n\nRien n'est documenté.\n\n"
              "## Résultat de la décision\n\nUtiliser des ADR pour documenter le projet.\n", name="ccc-jb-001.md")
    assert rec.fields["decision"].startswith("Utiliser des ADR")


def test_deciders_are_not_split_inside_parentheses():
    rec = one("# 006 - Ajout de Redis\n\n* Date : 2023-06-26\n* Personnes impliquées : Mathieu Marchois (auteur principal), "
              "équipe DiaLog (relecture et commentaires)\n* Statut : ACCEPTÉ\n\n## Contexte\n\nLes sessions sont perdues.\n\n"
              "## Décision\n\nNous utiliserons Redis.\n", name="006_redis.md")
    assert rec.fields["deciders"] == ["Mathieu Marchois (auteur principal)", "équipe DiaLog (relecture et commentaires)"]


def test_a_timeline_named_for_its_timezones_and_the_first_signal_is_the_detection():
    rec = one("# 2026-06-19 — toshi silent cleanup failure\n\n## Summary\n\nA stale part file broke the next UNLOAD.\n\n## Timeline\n\n"
              "| NZST | UTC | Event |\n|---|---|---|\n| 2026-06-18 09:46 | 2026-06-17 21:46 | Backup fails. Alarm does not fire. |\n"
              "| 2026-06-19 17:00 | 05:00 | Daily health report fires RED. First human-visible signal. |\n"
              "| 2026-06-20 | — | Reports continue RED then GREEN. |\n")
    assert [e["time"] for e in rec.fields["timeline"]][:2] == ["2026-06-18 09:46", "2026-06-19 17:00"]
    assert rec.fields["detection"].startswith("Daily health report fires RED") and rec.fields["detected_at"] == "17:00"


def test_the_timeline_entry_that_acted_and_saw_service_restored_is_the_resolution():
    rec = one("# 2018-10-30: Incorrect TLS certificates deployed\n\n## Summary\n\nWrong certificates reached production.\n\n"
              "## Timeline\n\n### 2018-10-30 19:00\n\nSentry began sending alerts.\n\n### 2018-10-30 19:30\n\n"
              "@ops manually updates the certificates on the load balancers. Services are restored.\n\n## Lessons\n\nTest deploys.\n")
    assert rec.fields["resolution"].startswith("@ops manually updates the certificates")


def test_an_option_with_its_verdict_and_reasons_in_parentheses():
    rec = one("# ADR-006: Database for inference results\n\n**Status:** Draft\n\n## Context\n\nWe store 140M rows a month.\n\n"
              "## Decision\n\nAdopt TimescaleDB.\n\n## Alternatives\n\n- Extend existing OLTP schema (rejected: manual partitioning overhead).\n"
              "- Data lake only (rejected: latency not suitable for near real-time decisions).\n", name="ADR-006.md")
    assert [(o["name"], o["outcome"], o["reasons"]) for o in rec.fields["options"]] == [
        ("Extend existing OLTP schema", "rejected", ["manual partitioning overhead"]),
        ("Data lake only", "rejected", ["latency not suitable for near real-time decisions"])]
