"""Shapes from the tenth round of unseen notes: MADR written in French and German (an HTML metadata table,
"Positive, car …" / "Gut, weil …" pro and con bullets, "Conséquences négatives", "Option choisie"), a
Chinese post-mortem whose sections say lessons and prevention, and the questions asked about such records."""

from __future__ import annotations

from lorebook.query.analysis import analyse
from lorebook.query.ask import ask
from lorebook.sources.html_tables import html_table_rows

from test_unseen_shapes import cited, one

GERMAN_MADR = """# Auswahl einer Karten-API

<table>
<tr>
<th>status</th>
<td>proposed</td><!-- {proposed / rejected / accepted} -->
</tr>
<tr>
<th>date</th>
<td>2023-04-16</td>
</tr>
<tr>
<th>deciders</th>
<td>Leonard Pelzer, Patrick Raul Lang</td>
</tr>
</table>

## Kontext und Problemstellung

Das System braucht eine API zum Abfragen möglicher Routen.

## In Betracht gezogene Optionen

* [Google Maps Platform](https://example.com/g)
* [Here Maps](https://example.com/h)
* [Bing Maps Platform](https://example.com/b)

## Ergebnis der Entscheidung

Gewählte Option: "[Here Maps](https://example.com/h)", weil Here Maps eine eigene Transit-API anbietet.

## Pro und Kontra der Optionen

### Google Maps Platform

* Gut, weil viele APIs zur Berechnung von Routen
* Schlecht, weil keine extra API für den ÖPNV

### Here Maps

* Sehr gut, weil eigene Transit-API
"""


def test_an_html_metadata_table_is_read_row_by_row():
    rec = one(GERMAN_MADR, "adr-007.md")
    assert rec.fields["status"] == "proposed"
    assert rec.fields["date"] == "2023-04-16"
    assert rec.fields["deciders"] == ["Leonard Pelzer", "Patrick Raul Lang"]
    assert cited(rec, "date").split() == ["<tr>", "<th>date</th>", "<td>2023-04-16</td>", "</tr>"]  # that row's own lines


def test_german_madr_options_and_their_pros_and_cons():
    rec = one(GERMAN_MADR, "adr-007.md")
    opts = {o["name"]: o for o in rec.fields["options"]}
    assert list(opts) == ["Google Maps Platform", "Here Maps", "Bing Maps Platform"]
    assert opts["Here Maps"]["outcome"] == "chosen"
    assert "Bad: keine extra API für den ÖPNV" in opts["Google Maps Platform"]["reasons"]
    assert any(r.startswith("Good: eigene Transit-API") for r in opts["Here Maps"]["reasons"])  # "Sehr gut, weil"


def test_html_table_cells_are_text_only():
    rows = html_table_rows("<table>\n<tr><th>a</th><td>x &amp; <b>y</b><script>alert(1)</script></td></tr>\n</table>")
    assert [(r.line, r.end, r.cells, r.keyed) for r in rows] == [(1, 1, ["a", "x & y"], True)]
    assert html_table_rows("<div>no table here</div>") == []


FRENCH_MADR = """# 1. Utilisation des ADR pour documenter le projet

Date: 2020-03-04

## Options envisagées

-   Utilisation du wiki de Github.
-   **Confluence :** Centraliser les décisions dans un espace Confluence.
-   Utiliser des ADRs.

## Résultat de la décision

Option choisie : "Utiliser des ADR", parce que la solution est simple et rapide.

### Conséquences positives

-   Un suivi des décisions architecturales prises sur le projet

### Conséquences négatives

-   Un peu de travail supplémentaire pour les développeurs.

## Avantages et inconvénients des options

### Confluence

* Positive, car permet une gestion centralisée des connaissances.
* Négative, car peut devenir un silo d'information si mal utilisé.
"""


def test_french_madr_sides_chosen_option_and_option_names():
    rec = one(FRENCH_MADR, "adr-001.md")
    assert rec.fields["consequences"]["positive"] == ["Un suivi des décisions architecturales prises sur le projet"]
    assert rec.fields["consequences"]["negative"] == ["Un peu de travail supplémentaire pour les développeurs."]
    opts = {o["name"]: o for o in rec.fields["options"]}
    assert opts["Utiliser des ADRs."]["outcome"] == "chosen"  # "Utiliser des ADR" names it, plural or not
    assert "Confluence" in opts  # "**Confluence :**": the French space before the colon is not part of the name
    assert "Bad: peut devenir un silo d'information si mal utilisé." in opts["Confluence"]["reasons"]


CHINESE_POSTMORTEM = """# [0007] 后端进程无守护

> **首次发现**：2026-05-28
> **状态**：已修复

## 症状

对话页显示「LLM not available」。

## 根本原因

后端进程崩溃后没有任何守护机制。

## 排查路径

1. `curl http://localhost:8159/v1/models` — 无响应
2. `ps aux | grep 8159` — 无进程

## 修复方案

使用 `launchd` 托管后端，进程崩溃后 10 秒内自动重启。

```bash
launchctl stop com.example.router
launchctl start com.example.router
```

## 防复发机制

- 开机自动启动，不再依赖手动 `start.sh`

## 教训

> 所有关键依赖服务都应该有守护进程。
"""


def test_a_chinese_postmortem_with_lessons_and_prevention_is_an_incident():
    rec = one(CHINESE_POSTMORTEM, "0007-router.md")
    assert rec.document.kind == "incident"
    assert rec.fields["date"] == "2026-05-28"  # "首次发现" (first found) dates it
    assert any("开机自动启动" in a["text"] for a in rec.fields["action_items"])


def test_questions_that_name_options_drawbacks_status_and_size():
    assert analyse("What other documentation approaches did we look at before picking ADRs?").intents[:1] == ["options"]
    assert "picking" not in analyse("What other documentation approaches did we look at before picking ADRs?").question.subject
    assert analyse("Quel est l'inconvénient principal d'avoir adopté les ADR ?").intents[:1] == ["consequences_negative"]
    assert analyse("Welche Vorteile hat Here Maps?").intents[:1] == ["consequences_positive"]
    assert analyse("この決定のステータスは？").intents[:1] == ["status"]
    a = analyse("How big did we make the Prometheus volume?")
    assert a.answer_types[:1] == ["size"] and "big" not in a.question.subject


def test_how_big_is_answered_with_a_size(notes_wiki_of):
    w = notes_wiki_of({"inc.md": "# Incident: Prometheus disk full\n\n**Date:** 2026-07-25\n\n## Summary\n\n"
                                 "Prometheus crash-looped after maintenance; its volume was full.\n\n## Resolution\n\n"
                                 "The team checked the logs first.\n\nThe PVC was expanded online to 20 GiB and the pod restarted.\n"})
    a = ask(w, "How big did we make the Prometheus volume?")
    assert a.found and "20 GiB" in a.answer.split("[1]")[0]


def test_a_chinese_question_is_not_held_to_pairs_that_straddle_two_words(notes_wiki_of):
    """"路由后端崩溃以后" is split into overlapping pairs; 由后 and 端崩 are no words, and no page holds them."""
    w = notes_wiki_of({"0007.md": CHINESE_POSTMORTEM})
    a = ask(w, "路由后端崩溃以后，多久会被自动拉起来？")
    assert a.found and "10 秒内自动重启" in a.answer
    assert analyse("路由后端崩溃以后，多久会被自动拉起来？").answer_types[:1] == ["duration"]  # 多久: how long


def test_why_was_an_option_not_chosen_gives_its_drawbacks(notes_wiki_of):
    w = notes_wiki_of({"adr-007.md": GERMAN_MADR})
    a = ask(w, "Why was Google Maps Platform not an option for the route planner?")
    assert a.found and a.answer.split("[1]")[0].count("keine extra API für den ÖPNV") == 1
    assert "viele APIs" not in a.answer.split("[1]")[0]  # its merits do not say why it lost


def test_signed_off_asks_for_the_status_of_the_decision_its_words_name(notes_wiki_of):
    w = notes_wiki_of({"adr-6.md": "# 6. Select Message Queue Technology\n\nDate: 2025-09-03\n\n## Status\n\nProposed\n\n"
                                   "## Context\n\nWe need a queue for 1M events/sec.\n\n## Decision\n\n"
                                   "Select Amazon MSK (Managed Streaming for Apache Kafka) as the message queue.\n"})
    a = ask(w, "Is the MSK choice signed off yet?")
    assert a.found and "Proposed" in a.answer.split("[1]")[0]


def test_a_why_question_asks_for_a_reason_before_a_person():
    assert analyse("Why didn't the UptimeRobot alert reach the owner in time?").answer_types[:2] == ["drawback", "reason"]
    assert analyse("Why was Mapbox not an option for the route planner?").answer_types[0] == "drawback"


def test_a_blog_postmortem_is_dated_by_the_day_its_story_opens_on():
    """Front matter `date:` of a post is when it was posted; "On June 4, 2024, …" is when it happened."""
    post = ("---\ndate: 2024-06-09\ntitle: \"Bloggulus Outage Postmortem\"\n---\n\n"
            "On June 4, 2024, Bloggulus was down for just under 7 hours.\n\n## Root cause\n\nThe server ran out of memory.\n")
    rec = one(post, "bloggulus-outage-postmortem.md")
    assert rec.fields["date"] == "2024-06-04"
    late = post.replace("date: 2024-06-09", "date: 2025-01-20")  # written much later: the metadata says what it says
    assert one(late, "bloggulus-outage-postmortem.md").fields["date"] == "2025-01-20"


def test_someone_noticing_or_becoming_aware_is_the_detection():
    for sentence, told in (("A user reopened the website and noticed a blank screen with errors in the console.", "noticed a blank screen"),
                           ("I didn't become aware of the outage until I visited the site myself.", "visited the site myself")):
        rec = one(f"# Incident: blank page\n\n*Date: 13 August, 2021*\n\n## What was the problem?\n\n{sentence}\n\n"
                  "## Why did it happen?\n\nThe stored schema changed.\n", "incident.md")
        assert told in rec.fields["detection"], sentence
    rec = one("# Incident: blank page\n\n*Date: 13 August, 2021*\n\n## What was the problem?\n\nUsers saw a blank screen.\n\n"
              "## Why did it happen?\n\nThe stored schema changed.\n", "incident.md")
    assert "blank screen" in rec.fields["impact"]  # "What was the problem?" tells what users saw


def test_numbered_lines_stand_for_headings_in_a_note_with_none():
    note = ("Incident Report: ClickHouse connectivity failure\n1. Summary of the Issue\n\n"
            "The streamer stopped ingesting data for ~20 hours.\n\n2. Root Cause\nDNS failure when resolving the host clickhouse.\n\n"
            "The logs showed a name resolution error.\n\n3. How the Issue Was Solved\n\nRebuilt the network with docker compose up -d --build.\n\n"
            "depends_on:\n  clickhouse:\n    condition: service_healthy\n")
    rec = one(note, "incident-dec3.md")
    assert "DNS failure" in rec.fields["root_cause"]
    titles = [s.title for s in rec.document.root.walk() if s.title]
    assert titles[:3] == ["Summary of the Issue", "Root Cause", "How the Issue Was Solved"]
    assert "depends_on" not in titles  # unfenced code is no heading


INCIDENT_RESPONSE = """# Incident response — ledger

Last verified: 2026-07-11

## Severity and response targets

SEV1/SEV2 postmortems are due within seven days of resolution; SEV3 within fourteen.

## Secret or credential exposure

1. Generate a replacement credential immediately.
2. Revoke the exposed value at its issuer and verify revocation.
3. Review issuer audit logs for use between exposure and revocation.
"""


def test_a_teams_incident_response_procedure_is_a_runbook_not_an_incident():
    assert one(INCIDENT_RESPONSE, "INCIDENT-RESPONSE.md").document.kind == "runbook"
    assert one("# Incident: response times doubled\n\n**Date:** 2026-03-02\n\n## Root cause\n\nA slow query.\n",
               "notes.md").document.kind == "incident"  # "Incident: response times …" is still a write-up


def test_a_deadline_question_wants_a_within_or_by(notes_wiki_of):
    w = notes_wiki_of({"INCIDENT-RESPONSE.md": INCIDENT_RESPONSE,
                       "2026-07-12-leak.md": "# Postmortem: leaked token\n\n**Date:** 2026-07-12\n\n**Severity:** SEV2\n\n"
                                             "## Root cause\n\nA debug log printed the token.\n"})
    a = ask(w, "By when is the postmortem due for a SEV2?")
    assert a.found and "within seven days" in a.answer.split("[1]")[0]


def test_when_to_act_is_a_condition_not_a_list_that_starts_with_below(notes_wiki_of):
    w = notes_wiki_of({"tenant_removal_sop.md": "# Purpose\n\nUse this template to remove a tenant.\n\n## Context\n\n"
                       "Below are some typical scenarios where removing a tenant would be necessary:\n\n"
                       "1. The tenant is no longer using the instance.\n2. The tenant is moving to another instance.\n\n"
                       "## How to remove a tenant\n\n1. Remove the tenant configuration from the file.\n"
                       "2. Create an MR to remove the tenant. Once the MR is merged, the tenant will be removed from the instance.\n"})
    a = ask(w, "At what point is the tenant actually removed?")
    assert a.found and a.answer.startswith("Once the MR is merged")


def test_how_do_i_lock_or_stop_asks_for_a_command():
    for q in ("How do I stop the workers before the migration?", "How can we lock deploys while migrations run?",
              "How do I turn shard allocation back on?"):
        assert analyse(q).answer_types[:1] == ["command"], q
    assert "anyone" not in analyse("How do I stop anyone else from deploying?").question.subject


WEBFLUX = ("# 16. Identify Reactive WebFlux as Technical Debt\n\nDate: 2023-07-20\n\n## Status\n\nAccepted\n\n"
           "Supersedes [3. Use Spring WebFlux reactive stack](0003-use-spring-webflux.md)\n\n## Context\n\n"
           "WebFlux made the code hard to follow.\n\n## Decision\n\nWebFlux is technical debt to be replaced by Spring MVC.\n")
KERNEL = ("---\nadr: 36\ndate: 2021-07-27\ntitle: Kernel repository separation\nstatus: Deprecated\n---\n\n"
          "## Context\n\nThe kernel and the renderer shared one repository.\n\n## Decision\n\nWe create a separate kernel repository.\n\n"
          "## Deprecation Reason\n\nThis ADR has been marked as **Deprecated** due to the deprecation of the old client. "
          "The kernel has been entirely eliminated in the new client, making this separation obsolete.\n")


def test_what_a_decision_replaced_is_what_it_supersedes(notes_wiki_of):
    w = notes_wiki_of({"0016-webflux.md": WEBFLUX})
    a = ask(w, "Which earlier ADR does the WebFlux technical-debt decision replace?")
    assert a.found and "supersedes 3. Use Spring WebFlux reactive stack" in a.answer.split("[1]")[0]
    assert analyse("What did we replace DynamoDB with?").intents[:1] != ["status"]  # that asks for the replacement


def test_why_a_decision_no_longer_holds_is_told_by_its_deprecation_section(notes_wiki_of):
    w = notes_wiki_of({"ADR-36-kernel.md": KERNEL})
    a = ask(w, "Why is the kernel repository separation ADR no longer relevant?")
    assert a.found and "due to the deprecation of the old client" in a.answer.split("[1]")[0]
    assert "entirely eliminated" in a.answer  # the section's next sentence, shown with it


def test_runbook_commands_in_triple_backticks_a_prerequisite_told_as_make_sure_before_and_a_rollback_over_its_code():
    rec = one("# How to Re-run a Failed Pipeline Load\n\n"
              "Note: If there are pending deployments or db migrations, make sure those finish before running these steps.\n\n"
              "1. Check the pipeline with ```sudo systemctl status bfd-pipeline```, and stop it with ```sudo systemctl stop bfd-pipeline```.\n"
              "2. Restart it with ```sudo systemctl start bfd-pipeline```.\n\n"
              "Reverting to a previous deployment\n\n```bash\nkamal rollback <git-commit-hash>\n```\n", "rerun-runbook.md")
    commands = {c for step in rec.fields["steps"] for c in step["commands"]}
    assert {"sudo systemctl stop bfd-pipeline", "sudo systemctl start bfd-pipeline"} <= commands
    assert any("pending deployments or db migrations" in p for p in rec.fields["prerequisites"])
    assert rec.fields["rollback_commands"] == ["kamal rollback <git-commit-hash>"]
    step = one("# Restart the API\n\n1. Make sure the pods are drained before running step 2.\n2. Run `kubectl rollout restart deploy/api`.\n",
               "restart-runbook.md")
    assert not step.fields["prerequisites"]  # one step waiting on another is no prerequisite of the whole runbook


def test_why_did_we_drop_an_option_gives_that_options_verdict(notes_wiki_of):
    adr = ("# ADR: queue strategy for reward events\n\n## Status\n\nAccepted\n\n## Considered options\n\n"
           "- Option A: Default Exchange — rejected: cannot send one event to two queues.\n"
           "- Option B: Named Direct Exchange — rejected: Celery ignores the exchange parameter.\n"
           "- Option C: Fanout Exchange\n\n## Decision\n\nChosen option: Option C: Fanout Exchange, because every bound queue gets each event.\n")
    w = notes_wiki_of({"adr-queue.md": adr})
    a = ask(w, "Why did we drop the named direct exchange for reward events?")
    assert a.found and "Celery ignores the exchange parameter" in a.answer.split("[1]")[0]
    assert "Default Exchange" not in a.answer  # every option says "Exchange"; the question names B


def test_a_table_the_page_does_not_quote_still_answers_for_its_document(notes_wiki_of):
    """The raw lines of a source that no compiled block cites belong to the one document built from that file;
    and a Korean question's particles and verb forms ("레이어는", "의심되는") are dropped from its words."""
    note = ("# 장애: ApplicationSet controller API timeout\n\n**Date:** 2026-04-19\n\n## 요약\n\n새 서비스의 Application 이 자동 생성되지 않음.\n\n"
            "## Root Cause Analysis (가설)\n\n| Layer | 의심도 | 근거 |\n|---|---|---|\n| Calico 라우팅 | **HIGH** | 새 pod 만 fail |\n"
            "| NetworkPolicy egress | LOW | egress allow 자동 |\n")
    w = notes_wiki_of({"2026-04-19-appset.md": note})
    a = ask(w, "원인으로 가장 의심되는 레이어는 어디였어요?")
    assert a.found and "Calico 라우팅" in a.answer.split("[1]")[0]
    assert analyse("원인으로 가장 의심되는 레이어는 어디였어요?").question.subject == ["의심", "레이어"]


def test_what_did_we_run_to_get_it_back_is_the_command_of_the_fix(notes_wiki_of):
    note = ("# Incident: streamer lost ClickHouse\n\n**Date:** 2025-12-03\n\n## How the Issue Was Solved\n\n"
            "Stopped both containers:\n\n```\ndocker compose down\ndocker compose up -d --build\n```\n\n"
            "Streamer successfully connected and re-initialized the ClickHouse client.\n")
    w = notes_wiki_of({"dec3.md": note})
    a = ask(w, "What did we run to get the streamer talking to ClickHouse again?")
    assert a.found and "docker compose down" in a.answer.split("[1]")[0]
    assert analyse("What did we run to get the streamer talking to ClickHouse again?").intents[:1] == ["resolution"]


def test_the_downside_of_the_chosen_option_is_first_what_the_decision_accepted(notes_wiki_of):
    adr = ("---\nstatus: accepted\ndate: 2024-11-06\n---\n\n# Database type\n\n## Considered Options\n\n"
           "* 0002-1: SQL database for structured data.\n* 0002-2: NoSQL database for unstructured data.\n\n"
           "## Decision Outcome\n\nChosen option: SQL database for structured data, because it keeps the data consistent.\n\n"
           "### Consequences\n\n* Good, because relations are enforced.\n* Bad, because it is less flexible for large unstructured volumes.\n\n"
           "## Pros and Cons of the Options\n\n### SQL database for structured data\n\n"
           "* Good, because it is well known.\n* Bad, because SQL databases can slow down with big unstructured data.\n")
    w = notes_wiki_of({"0002-db.md": adr})
    a = ask(w, "What is the downside of choosing SQL for all the structured data?")
    assert a.found and a.answer.startswith("it is less flexible for large unstructured volumes")


def test_a_mid_question_when_is_a_clause_and_a_setting_question_wants_an_assignment(notes_wiki_of):
    assert "when" not in analyse("What downside did the team accept when it mandated --input everywhere?").question.subject
    assert "when" in analyse("When did we mandate --input?").question.subject or \
        analyse("When did we mandate --input?").intents[:1] == ["when"]
    w = notes_wiki_of({"rerun.md": "# How to Re-run a Failed Pipeline Load\n\n"
                       "Follow this runbook to reload data after a failed run.\n\n"
                       "1. Stop the pipeline with `sudo systemctl stop bfd-pipeline`.\n"
                       "2. Enable idempotent mode: change the line `export IDEMPOTENCY_REQUIRED='false'` to "
                       "`export IDEMPOTENCY_REQUIRED='true'`.\n3. Start the pipeline with `sudo systemctl start bfd-pipeline`.\n"})
    a = ask(w, "What setting do I flip before rerunning a failed pipeline load?")
    assert a.found and "IDEMPOTENCY_REQUIRED='true'" in a.answer.split("[1]")[0]


def test_how_do_i_bring_it_back_reads_the_runbooks_resolution_not_its_heading(notes_wiki_of):
    runbook = ("# Runbook : Erreur Base de Données\n\n## Symptômes\n\n- `/health` retourne une erreur\n\n## Diagnostic\n\n"
               "| Cause | Symptôme |\n|---|---|\n| Projet Supabase pausé | \"Project paused\" sur dashboard |\n\n"
               "## Résolution\n\n### Projet Supabase pausé\n\nLes projets inactifs sont pausés après 7 jours.\n\n"
               "1. Aller sur Supabase Dashboard\n2. Cliquer sur \"Restore Project\"\n3. Attendre ~2 minutes\n")
    w = notes_wiki_of({"db_error.md": runbook})
    a = ask(w, "The DeepPilot Supabase project shows as paused. How do I bring it back?")
    assert a.found and "Restore Project" in a.answer
    assert not a.answer.startswith("Projet Supabase pausé")  # the heading only repeats the question
