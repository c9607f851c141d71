"""Shapes from the forty-third round: a decision section that only announces what the record goes on to weigh, with
the verdict in a later "## Recommendation"; options that are sections titled "## Option 1: …" with no Options section
above them; a list under "… is recommended because:" gives reasons, not options; a backslash that ends a line is a
Markdown hard break, not text. The notes are written for these tests."""

from __future__ import annotations

from lorebook.sources.sentences import split_sentences
from lorebook.utilities import plain
from test_unseen_shapes import cited, one

WEIGHED = """# ADR-007: Lazy start for the report exporters

## Context

Every configured exporter opens its connections at start-up, even the ones no pipeline uses.

## Decision

This ADR evaluates two approaches to starting the exporters lazily.

## Option 1: Two-phase exporter lifecycle

### Design

Split each exporter into a configure step and an open step.

### Pros

- Configuration errors surface at start-up.

### Cons

- Every exporter has to change.

## Option 2: Open on first use

### Design

Keep the exporters as they are and open each one the first time it is asked for.

### Cons

- A broken exporter is only noticed on first use.

## Recommendation

**Option 2 (open on first use)** is recommended for the first release because:

1. It needs no change to the exporters.
2. It can ship this month.

## Consequences

- Start-up no longer fails for exporters nobody uses.
"""


def test_an_announcing_decision_section_gives_way_to_the_recommendation():
    rec = one(WEIGHED)
    decision = rec.fields["decision"]
    assert decision.startswith("Option 2 (open on first use) is recommended"), decision
    assert "evaluates two approaches" not in decision
    assert "## Recommendation" not in cited(rec, "decision") and "is recommended for the first release" in cited(rec, "decision")


def test_sections_titled_as_numbered_options_are_the_options_and_the_recommended_one_is_chosen():
    rec = one(WEIGHED)
    options = {o["name"]: o["outcome"] for o in rec.fields["options"]}
    assert options == {"Two-phase exporter lifecycle": "considered", "Open on first use": "chosen"}, options
    two_phase = next(o for o in rec.fields["options"] if o["name"] == "Two-phase exporter lifecycle")
    assert "Bad: Every exporter has to change." in two_phase["reasons"]


def test_a_decision_that_states_its_choice_is_kept_though_a_recommendation_follows():
    rec = one(WEIGHED.replace("This ADR evaluates two approaches to starting the exporters lazily.",
                              "We will open each exporter on first use, after comparing two approaches."))
    assert rec.fields["decision"].startswith("We will open each exporter on first use"), rec.fields["decision"]


def test_a_list_of_reasons_under_a_recommendation_is_no_list_of_options():
    rec = one("# ADR-008: Cache for the price service\n\n## Context\n\nPrices are read on every page view.\n\n"
              "## Decision\n\nAn in-process cache is the recommended option because:\n\n"
              "- it needs no new server\n- it halves the reads\n")
    assert rec.fields["options"] == [], rec.fields["options"]


def test_a_backslash_that_ends_a_line_is_a_hard_break_not_text():
    assert plain("最低でも2GBのメモリが必要です。\\\nサーバーを増やす手もあります。") == "最低でも2GBのメモリが必要です。 サーバーを増やす手もあります。"
    assert plain("a \\~24h outage") == "a ~24h outage"  # an escape still reads as its character
    assert split_sentences("The build needs 2 GB of memory.\\\nA bigger server also works.", 30) == [
        (30, 30, "The build needs 2 GB of memory."), (31, 31, "A bigger server also works.")]


def test_an_issued_or_last_modified_line_dates_a_record_that_states_no_other_day():
    rec = one("---\ntitle: Choose a data catalogue\ndate-issued: \"2022-03-09\"\n---\n\n## Context\n\nNobody can find the datasets.\n\n"
              "## Decision\n\nWe will run an open-source data catalogue.\n")
    assert rec.fields["date"] == "2022-03-09", rec.fields["date"]
    rec = one("# Uptime checks\n\n* **Status:** Active\n* **Last Modified:** 2024-02-14\n\n## Context and Problem Statement\n\n"
              "We have no outside view of the site.\n\n## Decision Outcome\n\nChosen option: a canary check, because it is free.\n")
    assert rec.fields["date"] == "2024-02-14", rec.fields["date"]


ALERT = """# QueueWorkersDown

## Meaning

No queue worker pod has been running for 5 minutes.

## Impact

Jobs pile up and nothing is processed.

## Diagnosis

1. **Check the alert labels**:

   A `reason` label names why the workers are down.

2. Check the worker pods:

   ```bash
   $ kubectl -n jobs get pods -l app=queue-worker
   ```

3. If a worker pod exists, review its logs:

   ```bash
   $ kubectl -n jobs logs -l app=queue-worker --previous
   ```

## Mitigation

Try to find the cause and resolve it. Common causes include:

- **CrashLoopBackOff**: the worker crashes on start.
- **Pods absent**: the deployment was scaled to zero.
"""


def test_an_alert_runbooks_numbered_diagnosis_is_its_procedure_when_nothing_else_is():
    rec = one(ALERT, "queue-workers-down.md")
    steps = rec.fields["steps"]
    assert [s["title"] for s in steps] == ["Check the alert labels", "Check the worker pods",
                                           "If a worker pod exists, review its logs"], steps
    assert steps[1]["commands"] == ["$ kubectl -n jobs get pods -l app=queue-worker"]
    assert rec.fields["diagnosis"], "the diagnosis is still read as such"


def test_accepted_by_and_decisionnaires_name_the_deciders():
    rec = one("# 7. Release path\n\nDate: 2025-03-02\n\n## Status\n\n- Accepted by: Ines, Tomas\n- Discussed with: Kai\n\n"
              "## Context\n\nReleases wait on the hosting partner.\n\n## Decision\n\nWe will publish the files ourselves.\n")
    assert rec.fields["deciders"] == ["Ines", "Tomas"] and rec.fields["status"] == "accepted", rec.fields
    rec = one("# Choix du format des ADR\n\n* statut : proposé\n* date : 2025-05-27\n* décisionnaires : CTO\n\n"
              "## Décision\n\nNous utilisons un modèle Markdown.\n")
    assert rec.fields["deciders"] == ["CTO"], rec.fields["deciders"]


LEDGER = """---
title: "Postmortem for the ledger outage on 3rd May 2024"
date: 2024-05-10 15:00:00
---

The ledger network has stopped due to a duplicated signing key and had to be restarted. No funds were lost.

## What happened on 3rd May 2024

We got alerts in chat that node A stopped producing blocks.

## How we resolved the issue

We moved on with the planned migration to the new network, which went smoothly.

## Lessons learned

- Never run two nodes with the same key.
"""


def test_a_write_up_that_opens_with_what_stopped_due_to_what_states_its_cause():
    rec = one(LEDGER, "ledger.md")
    assert rec.fields["root_cause"].startswith("The ledger network has stopped due to a duplicated signing key"), rec.fields
    assert "has stopped due to" in cited(rec, "root_cause")


def test_how_we_resolved_the_issue_heads_the_resolution():
    rec = one(LEDGER, "ledger.md")
    assert rec.fields["resolution"].startswith("We moved on with the planned migration"), rec.fields["resolution"]


def test_impacted_users_experienced_states_the_impact_and_notifying_the_team_the_detection():
    rec = one("---\ndate: 2023-02-01\ntitle: \"Global outage: 502s\"\n---\n\nOn February 1st, 2023 at 09:10 UTC the forum had a "
              "12 minute outage after its database disk filled up.\n\nImpacted users experienced 502 responses in every region.\n\n"
              "# Timeline\n\n- **09:10** The disk fills up\n- **09:12** A user posted issue #12, notifying the forum team of the issue\n"
              "- **09:22** Space freed and service back\n", "forum.md")
    assert rec.fields["impact"].startswith("Impacted users experienced 502 responses"), rec.fields["impact"]
    assert "notifying the forum team" in rec.fields["detection"], rec.fields["detection"]


LINKED = """# Disaster recovery for the booking service

1. [Freeze the pipeline](#freeze-the-pipeline)
2. [Restore the database](#restore-the-database)
3. [Validate the app](#validate-the-app)

### Freeze the pipeline

Tell developers not to merge to main.

### Restore the database

Run the restore workflow:

```
make prod restore-db BACKUP=latest
```

### Validate the app

Confirm the app is working and shows the restored data; check the /healthcheck URL.
"""


def test_a_procedure_written_as_links_to_its_sections_takes_each_step_from_its_section():
    rec = one(LINKED, "dr.md")
    steps = rec.fields["steps"]
    assert [s["title"] for s in steps] == ["Freeze the pipeline", "Restore the database", "Validate the app"], steps
    assert steps[1]["commands"] == ["make prod restore-db BACKUP=latest"] and "not to merge" in steps[0]["text"]
    assert "check the /healthcheck URL" in cited(rec, "steps")
    assert any("/healthcheck" in v for v in rec.fields["verification"]), rec.fields["verification"]


def test_unpublishing_or_revoking_what_leaked_is_the_resolution():
    rec = one("# Postmortem for the malicious package release\n\n## Summary\n\nOn May 2nd, 2024, an attacker used a stolen token to "
              "publish a malicious version of `left-tool`. The malicious version is `left-tool@2.0.1`, which has been unpublished "
              "from the registry.\n\n## Timeline\n\n* **2024-05-02 09:49 UTC**: The attacker published `left-tool@2.0.1`.\n"
              "* **2024-05-02 11:17 UTC**: A user opened issue #39.\n", "left-tool.md")
    assert "has been unpublished from the registry" in rec.fields["resolution"], rec.fields["resolution"]
