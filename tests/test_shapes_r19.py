"""Shapes from the nineteenth round. The notes are ours."""

from __future__ import annotations

from lorebook.query.analysis import analyse
from lorebook.query.ask import ask
from test_unseen_shapes import cited, one

HEDGED_CAUSE_PM = """# 2025-06-03 wiki database emptied

## Summary

The wiki's SQLite file was found empty at 09:10 and restored from the nightly backup by 10:05.

## Timeline

### 09:10

Readers report empty pages.

### 09:40

Tried the `.dump` of yesterday's copy locally: running `.restore` on the live file replaces it without asking,
and is most likely cause of the issue.
"""


def test_a_hedged_cause_in_the_story_is_the_root_cause():
    """"… is most likely cause of the issue", "was probably caused by": a note that hedges still names its cause."""
    rec = one(HEDGED_CAUSE_PM)
    assert ".restore" in rec.fields["root_cause"]
    assert "most likely cause" in cited(rec, "root_cause")
    probably = one(HEDGED_CAUSE_PM.replace("and is most likely cause of the issue.",
                                           "The outage was probably caused by that restore."))
    assert "probably caused by" in probably.fields["root_cause"]


PROXY_PM = """# 2025-03-14 2:10PM UTC, proxy out of memory

The proxy node ran out of memory and new sessions failed.

## Timeline

### 14:10 UTC

Users report failed launches; the proxy pod is restarting.

### 14:25 UTC

The proxy outage ends after the node is drained.
"""


def test_asked_for_a_day_a_clock_time_alone_is_no_answer(notes_wiki_of):
    """"On which date did the proxy outage occur?": "14:25 UTC — The proxy outage ends …" names the outage but not the
    day; the incident's date does."""
    w = notes_wiki_of({"proxy-oom.md": PROXY_PM})
    a = ask(w, "On which date did the proxy outage occur?")
    assert a.found and "2025-03-14" in a.answer.split("[1]")[0], a.answer
    assert analyse("On which date did the proxy outage occur?").asks_day
    assert not analyse("Where does the template keep status, deciders and date?").asks_day  # a field's name
    assert not analyse("What time on which day did the proxy recover?").asks_day  # the clock is asked too


TAKEOVER_PM = """# Incident report: maintainer account takeover

## What happened?

A maintainer's account was taken over and used to remove them from 3 packages.
Our admins were informed by the maintainer via email, locked the account and restored the ownership.

## Disclosure

On 2 May a security researcher identified an API token that had been pasted into a public CI log.
"""


def test_being_informed_or_a_researcher_identifying_it_is_the_detection():
    rec = one(TAKEOVER_PM)
    assert "informed by the maintainer via email" in rec.fields["detection"]
    researcher = one(TAKEOVER_PM.replace("Our admins were informed by the maintainer via email, locked", "Our admins locked"))
    assert "security researcher identified" in researcher.fields["detection"]


def test_a_cause_ruled_out_then_named_is_the_root_cause():
    """"This was not a bug in X, rather Y": the sentence that rules one cause out names the other."""
    rec = one(TAKEOVER_PM.replace("remove them from 3 packages.", "remove them from 3 packages. This was not a flaw "
                                  "in the registry, rather the account had no second factor."))
    assert "no second factor" in rec.fields["root_cause"]


HUG_PM = """# 2025-01-18, forum post floods the builder

## Summary

A popular forum post sent 300 launches a minute to one repository.

## Action items

- Gather the commands used in incident response into the on-call guide.
- Investigate autoscaler limits.
- Write down when to call an incident resolved.
- Consider a staging cluster for training.
- Run the smoke tests every ten minutes and alert when they fail.
"""


def test_the_incident_named_by_its_kind_asks_for_every_action_item(notes_wiki_of):
    """"What are the action items for the forum incident?": "incident" names the kind of page, not one item that
    happens to say "incident response"."""
    w = notes_wiki_of({"forum-hug.md": HUG_PM})
    a = ask(w, "What are the action items for the forum incident?")
    assert a.found and all(x in a.answer for x in ("on-call guide", "autoscaler", "staging", "smoke tests")), a.answer


TWO_CAUSES_PM = """# 2025-04-18, cleanup flood

A deploy to the hub included a new idle-cleanup script and an update to the spawner.
The cleanup script had a bug which resulted in flooding the hub with requests to stop servers that were not running.
Additionally, a file-handle leak was introduced in the spawner update,
which caused the hub to hang after a few hundred launches.
As a result, launches failed for 20 minutes at a time.

## Timeline

### 12:35

The deploy goes out.

### 13:30

The hub stops answering and is restarted.
"""


def test_a_story_that_names_two_causes_gives_both():
    """"X had a bug which resulted in …. Additionally, a leak …, which caused …": both causes, each cited."""
    rec = one(TWO_CAUSES_PM)
    assert "cleanup script had a bug" in rec.fields["root_cause"] and "file-handle leak" in rec.fields["root_cause"]
    assert "which caused the hub to hang" in cited(rec, "root_cause")


def test_weigh_and_evaluate_ask_for_the_options_not_the_subject():
    """"What options did we weigh for the status field?": "weigh" is how the options were looked at, not what the
    record is about (it made a runbook's "PVC status" the best page)."""
    for q in ("What options did we weigh for the status field?", "Which alternatives were evaluated for categories?",
              "What else did we look at besides the status field?"):
        subject = analyse(q).question.subject
        assert not {"weigh", "evaluated", "evaluate", "besides"} & set(subject), subject


def test_a_post_named_by_its_posting_day_is_dated_by_its_story():
    """A blog post saved as "2025-08-05-security-disclosure.md" that opens "On 31st July 2025 a researcher …": the
    file name is the day it was posted, the story's day is the incident's."""
    text = ("---\ntitle: Security disclosure\n---\n\nOn 31st July 2025 a security researcher identified a leaked token "
            "in our CI logs. We revoked it within hours.\n\n### What was impacted\n\nNothing was pushed with it.\n\n"
            "### What we changed\n\n- Tokens are masked in CI logs.\n")
    rec = one(text, "2025-08-05-security-disclosure.md")
    assert rec.fields["date"] == "2025-07-31"
    assert "31st July 2025" in cited(rec, "date")


def test_a_leaked_secret_is_a_security_incidents_cause():
    """With no cause said outright, "a deploy key … was committed to a public repository" is what went wrong."""
    text = ("# 2025-09-02 deploy key disclosure\n\nOn 2 September 2025 we learned that a deploy key for the docs site was "
            "committed to a public repository by a CI job. It was rotated within the hour.\n\n## Impact\n\n"
            "No unauthorised pushes were made with it.\n\n## Follow-up\n\n- Scan commits for keys before pushing.\n")
    rec = one(text)
    assert "deploy key for the docs site was committed" in rec.fields["root_cause"]
    negated = one(text.replace("was committed to a public repository by a CI job", "was not committed anywhere public"))
    assert "committed" not in negated.fields.get("root_cause", "")


LEDGER_PM = """# v2.4 ledger inconsistency postmortem

## Summary

A refactor in v2.4.0 stopped saving the replay index atomically.

## Root cause

The replay index was written by a commit hook that ran after the batch, so a crash between them lost it.

## Trigger

Ledger v2.4.0 was released with a bug that could cause ledger nodes to crash, an inconsistency fixed in v2.4.1.

## Action items

- Check the replay index on start-up.
"""


def test_the_outage_names_the_page_not_a_sentence_that_says_outage(notes_wiki_of):
    """"What caused the ledger inconsistency outage?": "outage" names the kind of page, so the record's root cause need
    not say it; a trigger sentence that repeats the title's words is not a better answer."""
    w = notes_wiki_of({"ledger.md": LEDGER_PM})
    a = ask(w, "What caused the ledger inconsistency outage?")
    assert a.found and "commit hook" in a.answer.split("[1]")[0], a.answer
    best = a.ranked[0]
    assert best["kind"] == "typed" and best["parts"]["terms"] == 1.0, best  # nothing more is asked of the field


SURGE_RUNBOOK = """# shop.example: high traffic alert

This alert fires when origin requests exceed 40 req/s for 5 minutes.

## Scale up

1. Raise the replica count of the storefront to 6 in the Helm values.
2. Apply the change with the deploy pipeline.

## Verify

Run `kubectl rollout status deployment/storefront -n shop` and watch the p95 latency panel for 10 minutes.
"""


def test_the_procedure_succeeded_asks_for_the_check_of_the_runbook(notes_wiki_of):
    """"How do I verify the high traffic procedure succeeded?": "procedure" names the kind of page and "succeeded"
    what is checked; neither is a word the runbook must say."""
    subject = analyse("How do I verify the high traffic procedure succeeded?").question.subject
    assert "succeeded" not in subject
    w = notes_wiki_of({"surge.md": SURGE_RUNBOOK, "2025-04-18-flood.md": TWO_CAUSES_PM.replace(
        "The deploy goes out.", "The final deploy has to be resubmitted before it succeeds.")})
    a = ask(w, "How do I verify the high traffic procedure succeeded?")
    assert a.found and "rollout status" in a.answer, a.answer


def test_a_post_whose_timeline_happened_days_earlier_is_dated_by_the_timeline():
    """Front matter "date: 2025-12-04" (the day it was posted) over a timeline dated "**Date: 2025-11-22**"."""
    text = ("---\ntitle: \"Incident report: account takeover\"\ndate: 2025-12-04\n---\n\n# Incident report: account takeover\n\n"
            "A maintainer's account was taken over and used to remove them from 4 projects.\n\n## Timeline\n\n"
            "**Date: 2025-11-22**\n\n- 08:42 new account `mallory` created\n- 08:44 `mallory` is invited as a collaborator\n"
            "- 08:50 the maintainer's account is deleted\n")
    rec = one(text)
    assert rec.fields["date"] == "2025-11-22"
    same_day = one(text.replace("date: 2025-12-04", "date: 2025-11-22"))
    assert same_day.fields["date"] == "2025-11-22"
    much_later = one(text.replace("date: 2025-12-04", "date: 2026-09-04"))  # a retrospective of long ago: left alone
    assert much_later.fields["date"] == "2026-09-04"


def test_a_rush_of_users_told_in_the_summary_is_the_trigger():
    """"A notebook is posted to Hacker News, it starts getting popular": what sent the crowd set the incident off."""
    text = ("# 2025-01-18, forum hugs the builder\n\n## Summary\n\nA notebook is posted to Hacker News, it starts getting "
            "popular. Traffic builds from 6pm and peaks at 6am with 600 running pods.\n\n## Timeline\n\n"
            "- 06:15 pods stop launching\n- 07:10 the pod quota is raised\n")
    rec = one(text)
    assert "starts getting popular" in rec.fields["trigger"]


OWN_TOKEN_PM = """# Incident report: token leak found in a container image

## Summary

A personal access token of an admin was leaked in a published container image.

## Detection

The leak was found by a researcher scanning images.

## Timeline

- 2025-06-28 07:09 a researcher reports the leaked token
- 2025-06-28 07:30 the token is revoked
"""

BREW_POST = """---
title: Security disclosure
---

On 31st July 2025 a security researcher identified a token with elevated scopes that was leaked from Brewhouse's
Jenkins. It was revoked within a few hours.

### What changed

- Tokens are masked in Jenkins logs.
"""

BREW_RUNBOOK = """# Brewhouse deploy runbook

Deploy the Brewhouse formula index.

## Steps

1. Run `make deploy` in the Brewhouse repository.
2. Check the Brewhouse status page.
"""

BREW_ADR = """# Use a CDN in front of Brewhouse bottles

## Status

Accepted

## Context

Brewhouse bottles are downloaded millions of times a day.

## Decision

Serve Brewhouse bottles through a CDN.
"""


def test_a_page_that_never_says_the_name_asked_about_is_not_the_answer(notes_wiki_of):
    """"When was the Brewhouse token leak found?": the post-mortem titled "token leak found …" never says Brewhouse;
    the post that does answers, though its title fits less."""
    w = notes_wiki_of({"2025-06-28-token.md": OWN_TOKEN_PM, "2025-08-05-security-disclosure.md": BREW_POST,
                       "brewhouse-deploy.md": BREW_RUNBOOK, "brewhouse-cdn.md": BREW_ADR})
    a = ask(w, "When was the Brewhouse token leak found?")
    assert a.found and "31st July 2025" in a.answer.split("[1]")[0], a.answer


BOLD_LINES_PM = """# 2025-01-27 wrong version deployed

**Summary**

A version bump deployed a build that served blank pages for most users.

**Timeline**

### 11:00

The bump is merged and deployed.

### 14:35

Traffic drops by half; the on-call notices.

### 18:00

The previous version is restored.

**Action items**

- Add proactive alerts on traffic drops.
- Publish deploy metrics on the dashboard.
"""

LABEL_LINES_ADR = """# Use a message queue for billing events

Status: Accepted

Context:

Billing events are lost when the billing service restarts.

Decision:

We will publish billing events to a durable queue and consume them with retries.

Consequences:

- One more service to run.
- Events survive restarts.
"""


def test_bold_lines_and_label_lines_under_the_title_are_the_notes_parts():
    """"**Timeline**", "**Action items**", "Decision:" alone on their lines mark a note's parts as headings would."""
    pm = one(BOLD_LINES_PM)
    assert [e["time"][-5:] for e in pm.fields["timeline"]] == ["11:00", "14:35", "18:00"]
    assert [a["text"] for a in pm.fields["action_items"]] == ["Add proactive alerts on traffic drops.",
                                                             "Publish deploy metrics on the dashboard."]
    adr = one(LABEL_LINES_ADR)
    assert adr.fields["decision"].startswith("We will publish billing events to a durable queue")
    assert "One more service to run" in str(adr.fields["consequences"])
    assert "lost when the billing service restarts" in adr.fields["context"]


def test_a_bold_line_deep_inside_a_section_labels_a_detail_not_a_part(tmp_path):
    """Inside step C of a procedure, "**Verification**" is that step's own check: it does not become a section the
    runbook's parts are looked for in (it took a French runbook's steps and verification from deep inside)."""
    from lorebook.sources.reader import read_source
    from lorebook.sources.segment import documents

    text = ("# Imaging server install\n\n## Procedure\n\n### 1) Install the server\n\nRun `sudo ./installfog.sh`.\n\n"
            "### 2) Register a machine\n\n#### C) Registration\n\n**Verification**\n\nOpen the Hosts menu.\n\n"
            "## Final verification\n\nRun `ss -ulpn | grep :69` and check TFTP is listening.\n")
    (tmp_path / "fog.md").write_text(text, encoding="utf-8")
    doc = documents(read_source(tmp_path / "fog.md", "fog.md"))[0]
    titles = [sec.title for sec in doc.root.walk()]
    assert "Verification" not in titles and "Final verification" in titles
    top = (tmp_path / "pm.md")
    top.write_text(BOLD_LINES_PM, encoding="utf-8")
    assert {"Timeline", "Action items"} <= {sec.title for sec in documents(read_source(top, "pm.md"))[0].root.walk()}


def test_a_two_column_row_naming_a_part_gives_its_value():
    """"| Decision | Publish billing events to a durable queue. |" in a record's table states the decision as a
    "Decision:" label would."""
    text = ("# ADR 7: Queue for billing events\n\n| Field | Details |\n| --- | --- |\n| Status | Accepted |\n"
            "| Context | Billing events are lost when the billing service restarts. |\n"
            "| Decision | Publish billing events to a durable queue and consume them with retries. |\n\n"
            "## Consequences\n\n- One more service to run.\n")
    rec = one(text)
    assert rec.fields["decision"] == "Publish billing events to a durable queue and consume them with retries."
    assert "| Decision |" in cited(rec, "decision")
    assert rec.fields["context"] == "Billing events are lost when the billing service restarts."


RELEASE_PM_JA = """# v2.1.0リリースで発生した障害について

## 障害の内容
v2.0以前から利用している端末でアプリが起動できなくなる。

### 発生日時
2025年11月25日午後3時

## 発生から復旧までのタイムライン
 * 11/25
     * 15:00 - v2.1.0リリース
     * 16:17 - 利用者から「起動しない」との報告
 * 11/26
     * 10:10 - v2.1.1リリース
"""

TEMPLATE_PM_PT = """# Post-mortem

# Resumo

A implantação do serviço de autenticação deixou alguns clientes impossibilitados de fazer login por 9 minutos. O problema
foi relatado pelo Suporte ao Cliente cinco minutos antes de nosso sistema de alerta detectar o problema. Aproximadamente
50 usuários foram afetados.

### Key Timestamps

- **Impact start:** March 3, 2023 9:36 AM (UTC)
- **Fixed:** March 3, 2023 9:45 AM (UTC)

# Incident Timeline

| Date / Time  | Event |
| --- | --- |
| 2023-03-03 |  |
| 09:36:09 | The incident was opened from an alert triggered by Prometheus. |
| … | … |
| 10:12:10 | We closed the incident. |
"""


def test_a_japanese_heading_naming_the_timeline_last_and_days_without_a_year():
    """"発生から復旧までのタイムライン" is "the timeline from occurrence to recovery": the head noun comes last. Its
    entries hang under "11/25", "11/26": days of the note's year."""
    rec = one(RELEASE_PM_JA)
    assert [e["time"] for e in rec.fields["timeline"]] == ["2025-11-25 15:00", "2025-11-25 16:17", "2025-11-26 10:10"]


def test_a_template_post_mortem_in_portuguese():
    """A day heading row and "…" placeholder rows are no entries; "Impact start: <a moment>" is when, not what;
    "foi relatado pelo Suporte ao Cliente" in the summary tells who noticed first; "foram afetados" is the impact."""
    rec = one(TEMPLATE_PM_PT)
    assert [e["time"] for e in rec.fields["timeline"]] == ["2023-03-03 09:36", "2023-03-03 10:12"]
    assert "50 usuários foram afetados" in rec.fields["impact"] and "impossibilitados de fazer login" in rec.fields["impact"]
    assert "relatado pelo Suporte ao Cliente" in rec.fields["detection"]


OPTION_COLUMNS_ADR_FR = """# ADR-0003 : Stocker les critères d'un impact

## Statut

Accepted by the Team, Product Owner & Data Protection Officer

## Contexte

Les critères applicables dépendent du type d'impact.

|                      | **Solution 1**<br>Un JSONB | **Solution 2**<br>Une colonne par critère |
| --- | --- | --- |
| ✅ **Avantages** | Très simple | Typage fort |
| ❌ **Inconvénients** | Perte du typage | Évolution du schéma |

## Décision

La solution retenue est **la solution 2 : une colonne par critère**.
"""


def test_options_as_the_numbered_columns_of_a_table_anywhere_and_deciders_in_the_status():
    """"| | **Solution 1**<br>Un JSONB | **Solution 2**<br>… |" over pros and cons rows, under no options heading, lists
    the options; "Accepted by the Team, Product Owner & Data Protection Officer" names who decided."""
    rec = one(OPTION_COLUMNS_ADR_FR)
    names = [o["name"] for o in rec.fields["options"]]
    assert names == ["Solution 1 Un JSONB", "Solution 2 Une colonne par critère"], names
    assert any("Perte du typage" in r for r in rec.fields["options"][0]["reasons"])
    assert rec.fields["deciders"] == ["the Team", "Product Owner", "Data Protection Officer"]


def test_portuguese_how_many_and_by_the_are_not_the_subject(notes_wiki_of):
    """"Quantos usuários foram afetados pela falha no login?": "quantos" asks for a number and "pela" is "by the"."""
    subject = analyse("Quantos usuários foram afetados pela falha no login?").question.subject
    assert not {"quant", "quantos", "pela"} & set(subject), subject
    w = notes_wiki_of({"auth.md": TEMPLATE_PM_PT})
    a = ask(w, "Quantos usuários foram afetados pela falha no login?")
    assert a.found and "50 usuários" in a.answer.split("[1]")[0], a.answer


NORWEGIAN_PM = """# Problemer med innlogging

**Dato:**

24.05.2022

**Sammendrag:**

Feilende kall mot ID-porten førte til at innloggingen gikk ned.

**Rotårsaker:**

Applikasjonen begynte å "time ut" mot ID-porten og prøvde igjen i det uendelige.

**Utløsende faktor:**

En ny versjon av klienten ble rullet ut kl 20:06.

**Løsning:**

Vi økte timeout for kallet.

**Påvisning:**

- Alarmer i #team-login-alert kanalen

## Aksjonspunkter

- Øke timeout-konfig for klienten
- Legge på retry-logikk
"""


def test_a_norwegian_post_mortem_with_bold_label_lines():
    """"**Rotårsaker:**", "**Utløsende faktor:**", "**Løsning:**", "**Påvisning:**", "## Aksjonspunkter": each its part."""
    rec = one(NORWEGIAN_PM)
    assert rec.fields["root_cause"].startswith("Applikasjonen begynte")
    assert rec.fields["trigger"] == "En ny versjon av klienten ble rullet ut kl 20:06."
    assert "#team-login-alert" in rec.fields["detection"]
    assert [a["text"] for a in rec.fields["action_items"]] == ["Øke timeout-konfig for klienten", "Legge på retry-logikk"]


def test_a_leading_when_clause_sets_the_scene_and_the_question_follows_its_comma():
    """"When shrinking the backend tier, should I DROP or DECOMMISSION the node?" asks which, not when."""
    a = analyse("When shrinking the backend tier, should I DROP or DECOMMISSION the node?")
    assert "date" not in a.answer_types and "when" not in a.intents
    assert analyse("When did the outage start?").answer_types[:1] == ["date"]
    assert analyse("When the disk fills, what command do I run?").answer_types[:1] == ["command"]


def test_a_korean_noun_for_something_is_that_noun():
    """"복구용 cluster" is "the cluster for recovery": the subject word is 복구 (recovery), as the notes write it."""
    subject = analyse("복구용 cluster 가 healthy 상태가 될 때까지 보통 얼마나 걸리나요?").question.subject
    assert "복구" in subject and not {"복구용", "보통", "걸리"} & set(subject), subject
