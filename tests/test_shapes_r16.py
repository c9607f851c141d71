"""Shapes from the sixteenth round: a status page's incident, told as updates led by their stage ("**Identified**",
"**Monitoring**", "**Resolved**") with a moment in each, and a bold lead with no colon that names a part."""

from __future__ import annotations

from lorebook.query.ask import ask
from lorebook.sources.markdown import block_label
from test_unseen_shapes import cited, one

# cState's shape (a Hugo status site): the incident's front matter, then one paragraph per update with its moment
# in a {{< track >}} call. The wording is ours.
CSTATE_EN = """---
title: Checkout API unavailable
date: 2024-05-02 09:10:00
resolved: true
resolvedWhen: 2024-05-02 10:02:00
severity: down
affected:
  - Checkout API
section: issue
---

Customers cannot complete payments. We are investigating.

**Identified** A certificate on the payment gateway's load balancer expired at midnight. {{< track "2024-05-02 09:24:00" >}}

**Monitoring** We installed a renewed certificate and payments are going through again. {{< track "2024-05-02 09:51:00" >}}

**Resolved** Payments have been normal for ten minutes. {{< track "2024-05-02 10:02:00" >}}
"""

# The same shape in German, where an update's stage is its own words.
CSTATE_DE = """---
title: Anmeldung nicht möglich
date: 2023-11-08 07:40:00
max_severity: disrupted
resolved_on: 2023-11-08 08:35:00
affected:
  - Login
---

Die Anmeldung schlägt für alle Nutzer fehl.

**Problem identifiziert** Der Sitzungsspeicher (Redis) war voll und hat neue Sitzungen abgelehnt. {{< track "2023-11-08 07:58:00" >}}

**Überwachung** Wir haben den Speicher vergrößert, Anmeldungen funktionieren wieder. {{< track "2023-11-08 08:20:00" >}}

**Behoben** Alles läuft normal.
"""


def test_a_status_pages_incident_is_an_incident_with_its_updates_as_fields():
    rec = one(CSTATE_EN, "2024-05-02-checkout.md")
    f = rec.fields
    assert rec.document.kind == "incident"
    assert "certificate" in f["root_cause"] and "expired" in f["root_cause"]
    assert "renewed certificate" in f["resolution"]
    assert [e["time"][-5:] for e in f["timeline"]] == ["09:24", "09:51", "10:02"]
    assert f["timeline"][0]["event"].startswith("Identified:") and "{{" not in f["timeline"][0]["event"]
    assert f["severity"] == "down"
    assert f["resolved_at"] == "10:02"
    assert "expired at midnight" in cited(rec, "root_cause")


def test_a_status_pages_updates_in_german_and_its_worst_severity():
    rec = one(CSTATE_DE, "anmeldung.md")
    f = rec.fields
    assert rec.document.kind == "incident"
    assert "Sitzungsspeicher" in f["root_cause"] and "vergrößert" not in f["root_cause"]  # the next update is not the cause
    assert "vergrößert" in f["resolution"]
    assert [e["time"][-5:] for e in f["timeline"]] == ["07:58", "08:20"]
    assert f["severity"] == "disrupted"
    assert f["resolved_at"] == "08:35" and f["duration_minutes"] == 55


def test_a_bold_lead_without_a_colon_labels_a_new_sentence_only_when_it_names_a_part():
    assert block_label("**Impact** Users could not log in for an hour.") == ("Impact", "bold")
    assert block_label("**Problème identifié** Notre hébergeur a une panne.") == ("Problème identifié", "bold")
    assert block_label("**Kafka** is the broker we run.") == ("", "")  # a name, not a part
    assert block_label("**Summary** of the changes is below.") == ("", "")  # the sentence goes on
    assert block_label("**Decision** (tentative) Use Kafka.") == ("", "")


def test_an_update_that_only_says_it_is_resolved_is_the_weaker_home_of_the_fix():
    text = ("# Outage: search down on 2024-03-01\n\n## Summary\n\nSearch returned errors.\n\n## Root cause\n\n"
            "The index ran out of disk.\n\n## Resolution\n\nWe added a node and re-sharded the index.\n\n"
            "**Monitoring** Everything looks normal now.\n")
    f = one(text, "search.md").fields
    assert "re-sharded" in f["resolution"]  # a Resolution section beats an update's words


def test_the_options_listed_inside_the_decision_section_are_not_a_choice():
    text = ("# Choosing a cache\n\n## Status\n\nAccepted\n\n## Context\n\nWe need a cache.\n\n## Decision\n\n### Alternatives\n\n"
            "- Option 1. Memcached\n- Option 2. Redis\n- Option 3. Hazelcast\n\n### Comparison\n\n| | Memcached | Redis |\n"
            "|---|---|---|\n| Persistence | - | + |\n")
    rec = one(text, "adr-3-cache.md")
    opts = rec.fields["options"]
    assert len(opts) == 3 and not any(o.get("outcome") == "chosen" for o in opts), opts  # nothing says which was taken


IMAGES_ADR = """# ADR-13: Tags of our container images

## Status

Accepted

## Context

Other projects publish a `latest` tag and many users pull it without a version. A tag that moves under them has
broken their installs twice this year, and our support channel spends hours on it.

## Decision

- Publish a tag for every release and one for every minor version.
- Do not publish a latest tag for now.

## Consequences

Users must name a version when they pull an image.
"""

IDP_ADR = """# ADR-001: Keycloak als zentraler Identity Provider für EcoTrack

**Status**: Akzeptiert

## Kontext

Drei Plattformen brauchen eine gemeinsame Anmeldung mit Rollen.

## Entscheidung

**Wir verwenden Keycloak als zentralen Identity Provider (IdP) für alle EcoTrack-Plattformen.**

## Alternativen

### Alternative A: Firebase Authentication

- Einfache Authentication für Mobile-Apps
- Abgelehnt: Cloud-Abhängigkeit

### Alternative B: Auth0

- Authentication als Managed Service
- Abgelehnt: Kosten
"""


def test_do_we_and_are_we_still_are_answered_by_the_decision(notes_wiki_of):
    w = notes_wiki_of({"adr-13-tags.md": IMAGES_ADR})
    a = ask(w, "Do we publish a latest tag for our container images?")
    assert a.found and "Do not publish a latest tag" in a.answer.split("[1]")[0], a.answer


def test_which_one_did_we_pick_is_the_decision_not_a_rejected_alternative(notes_wiki_of):
    w = notes_wiki_of({"adr-001-keycloak.md": IDP_ADR})
    a = ask(w, "Which identity provider did we pick for EcoTrack authentication?")
    assert a.found and "Keycloak" in a.answer.split("[1]")[0] and "Firebase" not in a.answer, a.answer


CHANGE_REQUEST = """# Rotate the registry's signing key

## Execution

To stop verifying signatures while the key changes:
- [ ] Set `verify_signatures: false` in the registry role
```yaml
registry:
  verify_signatures: false
```

- [ ] Apply the role to the registry hosts `ansible-playbook registry.yml --limit registry`

Replace the key
- [ ] Generate a new key `cosign generate-key-pair`
- [ ] Upload the public key to the vault

Finally
- [ ] Set `verify_signatures: true` again and apply the role `ansible-playbook registry.yml --limit registry`

## Rollback

Put the old key back in the vault and apply the role.
"""


def test_a_change_requests_task_lists_under_execution_are_its_steps():
    rec = one(CHANGE_REQUEST, "rotate-signing-key.md")
    steps = rec.fields["steps"]
    assert rec.document.kind == "runbook"
    assert len(steps) == 5, [s["title"] for s in steps]
    assert "verify_signatures: false" in steps[0]["title"] and any("verify_signatures" in c for c in steps[0]["commands"])
    assert "cosign generate-key-pair" in steps[2]["title"] and "again" in steps[-1]["title"]


def test_a_dated_title_that_says_what_was_down_is_an_incident_an_undated_one_need_not_be():
    report = ("# 2023-10-14: search-down\n\n## What happened\n\nThe search cluster refused queries for an hour.\n\n"
              "## Investigation\n\nThe JVM heap was full on two nodes.\n")
    assert one(report, "report.md").document.kind == "incident"
    alert = ("# Search down\n\n## Meaning\n\nThe search cluster refuses queries.\n\n## Diagnosis\n\n"
             "Check the heap: `curl -s localhost:9200/_nodes/stats/jvm`\n\n## Mitigation\n\n1. Restart the node with the fullest heap.\n")
    assert one(alert, "search-down.md").document.kind == "runbook"


def test_when_was_x_restored_dates_the_restoring_not_another_line_about_x():
    from lorebook.query.analysis import analyse
    assert analyse("When was the API service restored during the database-full incident?").focus == "restored"
    assert analyse("When did the router outage start?").focus == "start"
    assert analyse("Which flag skips the check?").focus == "flag"  # not a when question: its first word as before


def test_the_moment_of_the_act_asked_about_wins(notes_wiki_of):
    w = notes_wiki_of({"2021-06-03-database-full.md": """# 2021-06-03: Database Full

## Timeline

### 2021-06-03 9:14

The API returns errors for every request; the database disk is full.

### 2021-06-03 9:58

**Service is restored** by switching to the backup database.

### 2021-06-03 13:00

The original database is upsized and the API service is switched back to it.
"""})
    a = ask(w, "When was the API service restored during the database-full incident?")
    assert a.found and "9:58" in a.answer.split("[1]")[0], a.answer


def test_the_words_engineers_ask_with_are_found_in_other_languages():
    from lorebook.query.vocabulary import equivalents
    assert "запуст" in equivalents("runs") and "ausführen" in equivalents("run")
    assert "nicht verfügbar" in equivalents("down") and "宕机" in equivalents("down")
    assert "確認" in equivalents("check") and "выбр" in equivalents("pick")
    assert "rétabli" in equivalents("back") and "vollständig" in equivalents("fully")  # "when was the service fully back"


SMOKE_RUNBOOK = """# Relay runbook

## Procedure

1. Restart the relay: `docker compose restart relay`
2. Tail its log: `docker compose logs --tail=200 relay`

## Verification

1. Bring up the observability profile: `docker compose --profile observability up -d`
2. Run the delivery smoke test: `make alerts-smoke`
3. Read the sink's counters: `curl -fsS http://localhost:9080/stats`
"""


def test_a_command_asked_for_is_found_in_the_verification_section_too(notes_wiki_of):
    w = notes_wiki_of({"relay.md": SMOKE_RUNBOOK})
    a = ask(w, "What command runs the delivery smoke test?")
    assert a.found and "make alerts-smoke" in a.answer, a.answer


def test_a_chosen_option_named_by_its_place_in_the_list_is_that_option():
    text = ("# 8. Sécurisation de l'administration\n\nDate: 2020-04-09\n\n## Options envisagées\n\n1. un unique compte en dur\n"
            "2. des comptes en base de données\n\n## Résultat de la décision\n\nOption choisie : \"option 2: gestion de comptes en "
            "base de données\", parce que cela permettra de stocker des mots de passe chiffrés.\n")
    opts = one(text, "0008-securisation.md").fields["options"]
    assert [o["outcome"] for o in opts] == ["considered", "chosen"], opts  # not a third option, nor option 2 "not chosen"
    assert "chiffrés" in " ".join(opts[1]["reasons"])


def test_a_reason_or_a_fault_told_in_another_language_looks_like_one():
    from lorebook.query.analysis import TYPE_SHAPES
    for text in ("Redis не подходит так как не может обеспечить сохранность сообщений.", "Wir nehmen Kafka, denn es skaliert.",
                 "On garde Redis puisque l'équipe le connaît.", "Usamos Postgres ya que necesitamos transacciones.",
                 "Scegliamo Kafka perché regge il carico."):
        assert TYPE_SHAPES["reason"].search(text), text
    for text in ("Redis не подходит для очереди.", "Auth0 ist zu teuer.", "Firebase ne convient pas.", "Jenkins no puede escalar."):
        assert TYPE_SHAPES["drawback"].search(text), text
    assert not TYPE_SHAPES["reason"].search("We parked the car near the data centre.")


SSO_ADR = """# ADR-0005: SSO

# SSO

## Status

Accepted

## Context

Running Keycloak ourselves takes people we do not have. We can sum up some SaaS solutions to analyze them further:

* Ory Network
* Auth0 by Okta

## Decision

Adopt Ory Network instead of Keycloak.

## Consequences

A production license costs $29 a month.
"""


def test_a_title_said_again_without_its_number_is_one_record_and_solutions_listed_are_options():
    rec = one(SSO_ADR, "0005-sso.md")  # one record, not an empty "ADR-0005: SSO" and a second "SSO"
    f = rec.fields
    assert rec.document.kind == "decision" and f["status"] == "accepted" and "Ory Network" in f["decision"]
    assert [o["name"] for o in f["options"]] == ["Ory Network", "Auth0 by Okta"]


def test_prior_considerations_and_the_other_ways_to_say_before_you_start_are_prerequisites():
    for label, item in (("Consideraciones previas", "Asegúrate de contar con credenciales válidas."),
                        ("Avant de commencer", "Avoir un accès administrateur au cluster."),
                        ("Vor dem Start", "Zugriff auf den Tresor mit den Schlüsseln."),
                        ("Preparation", "A maintenance window has been announced.")):
        text = f"# Restore the database\n\n## {label}\n\n- {item}\n- Second item.\n\n## Steps\n\n1. Stop the app: `systemctl stop app`\n2. Restore: `pg_restore -d app dump.backup`\n"
        f = one(text, "restore.md").fields
        assert item in str(f["prerequisites"]), (label, f["prerequisites"])


def test_a_change_that_set_off_the_failure_as_its_subject_and_a_restoring_told_in_french():
    text = ("# Post-mortem : paralysie du cluster\n\n**Date :** 28 février 2026\n\n## Résumé\n\n"
            "Le 28 février 2026, une modification mineure sur Music Assistant a déclenché une cascade de défaillances. "
            "Le contrôleur d'admission a bloqué toute création de pod. Le service a été rétabli en supprimant les webhooks "
            "du contrôleur d'admission.\n\n## Chronologie\n\n- **18:45** : Déploiement de Music Assistant.\n"
            "- **21:00** : Suppression des webhooks.\n")
    f = one(text, "2026-02-28-paralysie.md").fields
    assert f["trigger"].startswith("une modification mineure sur Music Assistant"), f["trigger"]
    assert "supprimant les webhooks" in f["resolution"], f["resolution"]


AGENT_INCIDENT = """# Incident Report: duplicate issues in the tracker

**Date observed:** 2026-05-20

## 1. What happened

The planner filed the same eight issues four times over two days.

## 2. Root cause

The planner never checked whether a plan had already been split into issues.

## 3. Proposed safety mechanisms

Ordered by impact.

### 3.1 Idempotency check before filing

- Look for an existing epic first.
- Skip when one exists.

### 3.2 Re-open instead of re-file

- A failed task is re-opened.

### 3.3 Make duplication visible

- Count open issues per epic.
"""


def test_a_date_observed_and_numbered_proposals_under_proposed_safety_mechanisms():
    f = one(AGENT_INCIDENT, "INCIDENT_REPORT.md").fields
    assert f["date"] == "2026-05-20"
    items = [a["text"] if isinstance(a, dict) else a for a in f["action_items"]]
    assert len(items) == 3 and "Idempotency check before filing" in str(items[0]) and "Re-open" in str(items[1]), items


IAC_ADR = """# Outils d'infrastructure en tant que code

## Options envisagées

* Ansible par RedHat
* Terraform par HashiCorp
* AWS CloudFormation

## Résultat de la décision

Option choisie : Terraform par HashiCorp

## Avantages et inconvénients des options envisagées

### Ansible par RedHat

Ansible est un outil de gestion de la configuration. Ansible n'est pas retenu car il est avant tout un outil de configuration.

### Terraform par HashiCorp

Terraform est open-source et traite tous les fournisseurs.

### AWS CloudFormation

CloudFormation ne gère que les ressources AWS. Le fait que l'outil ne soit pas open-source ne nous permet pas de le retenir.
"""


def test_an_options_prose_that_says_it_was_not_taken_gives_the_reason(notes_wiki_of):
    opts = one(IAC_ADR, "2021-09-21-outils-iac.md").fields["options"]
    by = {o["name"]: o for o in opts}
    assert by["Ansible par RedHat"]["outcome"] == "rejected" and "outil de configuration" in str(by["Ansible par RedHat"]["reasons"])
    assert by["AWS CloudFormation"]["outcome"] == "rejected" and "pas open-source" in str(by["AWS CloudFormation"]["reasons"])
    assert by["Terraform par HashiCorp"]["outcome"] == "chosen" and not by["Terraform par HashiCorp"]["reasons"]
    w = notes_wiki_of({"2021-09-21-outils-iac.md": IAC_ADR})
    a = ask(w, "Why was CloudFormation ruled out as our IaC tool?")
    assert a.found and "pas open-source" in a.answer, a.answer


def test_a_project_named_todo_app_is_not_a_question_about_to_dos():
    from lorebook.query.analysis import analyse
    assert "action_items" not in analyse("How often was the todo-app-2 heartbeat schedule firing?").intents
    assert "action_items" in analyse("What are the open to-dos after the outage?").intents


def test_an_introduction_in_german_or_french_is_a_runbooks_overview():
    for head, text in (("Einführung", "Dieses Handbuch beschreibt die Backup- und Wiederherstellungsverfahren."),
                       ("Introduction", "Ce guide décrit la sauvegarde et la restauration de la base.")):
        f = one(f"# Backup\n\n## {head}\n\n{text}\n\n## Schritte\n\n1. `pg_dump -Fc app > app.dump`\n2. `pg_restore -d app app.dump`\n",
                "backup.md").fields
        assert text[:30] in str(f["overview"]), (head, f["overview"])


def test_a_german_compound_heading_names_its_head_noun():
    from lorebook import vocab
    assert vocab.label_matches(vocab.norm_label("🔍 Backup-Überprüfung"), vocab.labels("runbook", "verification"))
    assert vocab.label_matches(vocab.norm_label("Auto-remediation"), vocab.labels("incident", "action_items")) is None
    text = ("# Backup\n\n## Einführung\n\nSicherung der Datenbank.\n\n## Sicherung\n\n1. `pg_dump -Fc mms > mms.dump`\n\n"
            "## Backup-Überprüfung\n\nStelle die Sicherung in `mms_test` wieder her: `createdb mms_test && pg_restore -d mms_test mms.dump`\n")
    assert "mms_test" in str(one(text, "backup.md").fields["verification"])
