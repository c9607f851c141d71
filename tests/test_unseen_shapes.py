"""Shapes met on documents Lorebook had never seen (the "unseen" check, docs/performance.md).

Each test is a small hand-written note in one shape, and what a reader expects from it.
The documents that showed the shapes stay outside the project; these snippets are ours.
"""

from __future__ import annotations

from lorebook.extract import extract
from lorebook.sources.reader import source_from_text
from lorebook.sources.segment import documents


def records(text: str, name: str = "notes.md"):
    docs = documents(source_from_text("raw/" + name, text))
    return [extract(d) for d in docs]


def one(text: str, name: str = "notes.md"):
    recs = records(text, name)
    assert len(recs) == 1, [r.document.title for r in recs]
    return recs[0]


def cited(rec, field: str) -> str:
    src = rec.document.source
    return "\n".join("\n".join(src.lines(s.start, s.end)) for s in rec.cite(field) if s is not None)


# --- decisions ---


def test_identifier_heading_over_title_heading_is_one_record():
    rec = one("### **ADR_012-00**:\n\n### Queue for billing events\n\n**<u>Status</u>**:\tProposed\n\n"
              "**<u>Context</u>**: Billing reads the shared DB.\n\n**<u>Decision</u>**:\n\nWe will publish billing events to a queue.\n\n"
              "**<u>Consequences</u>**:\n\nOne more queue to run.\n")
    f = rec.fields
    assert rec.document.kind == "decision"
    assert "Queue for billing events" in rec.document.title and f["number"] == 12
    assert f["status"] == "proposed"
    assert "shared DB" in f["context"] and "publish billing events" in f["decision"]
    assert f["consequences"]["neutral"] == ["One more queue to run."]
    assert "One more queue" in cited(rec, "consequences")


def test_options_listed_under_a_lead_in_sentence():
    rec = one("# 4. Where the cache lives\n\nDate: 2023-01-02\n\n## Status\n\nAccepted\n\n## Context\n\nReads are slow.\n\n"
              "## Decision\n\nWe discussed three options:\n\n1. keep the cache in process\n2. run Redis\n3. run Memcached\n\n"
              "We chose Redis because we already run it.\n")
    names = [o["name"] for o in rec.fields["options"]]
    assert names == ["keep the cache in process", "run Redis", "run Memcached"]


def test_a_numbered_plan_is_not_a_list_of_options():
    rec = one("# 5. Move to managed queues\n\n## Status\n\nAccepted\n\n## Context\n\nWe run RabbitMQ by hand.\n\n"
              "## Decision\n\nThe approaches taken for the move are:\n\n1. new services use SQS\n2. old services move when touched\n")
    assert rec.fields["options"] == []


def test_status_menu_with_the_chosen_one_in_bold():
    rec = one("# ADR-7: Feature flags\n\n## Status\n\nProposed | **Accepted** | Rejected | Superseded\n\n## Context\n\nx\n\n## Decision\n\ny\n")
    assert rec.fields["status"] == "accepted"


def test_status_menu_with_nothing_marked_states_no_status():
    rec = one("# ADR-8: Logging\n\n## Status\n\nProposed / Accepted / Rejected / Deprecated\n\n## Context\n\nx\n\n## Decision\n\ny\n")
    assert rec.fields["status"] == "unknown"


def test_dated_status_history_takes_the_latest_line():
    rec = one("# 3. 使用缓存\n\n日期: 2020-05-01\n\n## 状态\n\n2020-05-01 提议\n\n2020-05-03 通过\n\n## 背景\n\n查询太慢。\n\n## 决策\n\n使用 Redis。\n")
    assert rec.fields["status"] == "accepted"
    assert "通过" in cited(rec, "status")


def test_template_placeholder_text_is_not_a_decision():
    rec = one("# 9. Better record format\n\nDate: 2020-01-01\n\n## Status\n\nProposed\n\n## Context\n\nThe format could be better.\n\n"
              "## Decision\n\nRecord the decision here...\n\n## Consequences\n\n[Describe the consequences]\n")
    assert rec.fields["decision"] == ""
    assert not any(rec.fields["consequences"].values())


# --- incidents ---


PLAIN_TEXT_POSTMORTEM = """Issue Summary
On March 3, 2025, from 14:00 to 15:30 UTC, the shop API returned errors to about a third of users.

Timeline
13:58 - Alerts fired for 5xx on the API.
14:00 - On-call engineer paged.
15:30 - Service restored.

Root Cause and Resolution
Root Cause:
The root cause was a full disk on the primary database host.

Resolution:
We moved old WAL files off the disk and restarted the database.
"""


def test_plain_text_headings_without_markdown():
    rec = one(PLAIN_TEXT_POSTMORTEM)
    f = rec.fields
    assert rec.document.kind == "incident"
    assert f["date"] == "2025-03-03"
    assert [e["time"][-5:] for e in f["timeline"]] == ["13:58", "14:00", "15:30"]
    assert "full disk" in f["root_cause"] and "WAL" not in f["root_cause"]
    assert "moved old WAL files" in f["resolution"]
    assert "moved old WAL files" in cited(rec, "resolution")


def test_resolution_section_is_its_own_field():
    rec = one("# Postmortem: cache outage\n\n## Summary\n\nThe cache was down.\n\n## Root cause\n\nA bad config push.\n\n"
              "## Resolution\n\nWe rolled the config back.\n\n## Timeline\n\n- 10:00 config pushed\n- 10:20 rolled back\n")
    assert rec.fields["resolution"] == "We rolled the config back."
    rec = one("# Postmortem: queue backlog\n\n## Summary\n\nThe queue backed up.\n\n## Root cause\n\nA slow consumer.\n")
    assert rec.fields["resolution"] == ""  # not stated, not invented


def test_bold_bullets_holding_nested_values_and_start_end_times():
    rec = one("# Postmortem: login outage\n\n## Issue Summary\n\n- **Duration:**\n  - **Start Time:** May 2, 2025, 09:00 (UTC)\n"
              "  - **End Time:** May 2, 2025, 10:45 (UTC)\n- **Impact:**\n  - About 20% of users could not log in.\n"
              "- **Root Cause:**\n  - An expired signing key.\n\n## Timeline\n\n- **09:00 UTC:** alert fired\n- **10:45 UTC:** key rotated\n")
    f = rec.fields
    assert "20% of users could not log in" in f["impact"]
    assert (f["duration_minutes"], f["duration_source"]) == (105, "computed")


def test_tasks_are_action_items_and_actions_taken_are_not():
    rec = one("# Postmortem: DNS outage\n\n## Timeline\n\n- 10:00 resolver failed\n\n### Actions Taken\n\n- Restarted the resolver.\n\n"
              "## Root cause\n\nA crashed resolver.\n\n## Corrective and Preventative Measures\n\n- Add a second resolver.\n\n"
              "## Tasks\n\n- Audit resolver configs (Due: June 1).\n")
    texts = [a["text"] for a in rec.fields["action_items"]]
    assert texts == ["Add a second resolver.", "Audit resolver configs (Due: June 1)."]


def test_impact_stated_in_an_opening_paragraph_and_a_decimal_comma_duration():
    rec = one("# Service degradation when exporting reports\n\nThere was a service degradation of the export service.\n\n"
              "Not all exports were affected. Only reports with more than 10,000 rows failed.\n\n"
              "Users were impacted by this during 1,5 hours.\n\n## Root Cause\n\nA timeout that was too short.\n\n"
              "## Timeline\n\n- 10:00 first error\n- 11:30 fixed\n")
    f = rec.fields
    assert "10,000 rows" in f["impact"]
    assert (f["duration_minutes"], f["duration_source"]) == (90, "stated")


# --- runbooks ---


def _commands(rec) -> list[str]:
    return [c for s in rec.fields["steps"] for c in s["commands"]]


def test_an_outage_titled_runbook_with_a_workaround_is_a_runbook():
    rec = one("# Queue Broker Outage\n\nThe broker sometimes stops accepting connections.\n\n## Check the broker\n\n"
              "```\nnc -z broker.internal 5672\n```\n\n## Workaround\n\nPoint the workers at the standby broker:\n\n"
              "```\nknife ssh 'role:worker' 'sudo chef-client'\n```\n\nIf the standby is down too, you will need to contact the vendor support desk.\n")
    assert rec.document.kind == "runbook"
    assert any("chef-client" in c for c in _commands(rec))
    assert rec.fields["contacts"] == ["If the standby is down too, you will need to contact the vendor support desk."]


def test_a_dated_outage_title_is_still_a_postmortem():
    recs = records("# Outage on 2024-05-02\n\n## Workaround\n\nWe pointed workers at the standby.\n\n```\nsudo chef-client\n```\n\n"
                   "```\nsudo systemctl restart broker\n```\n")
    assert recs[0].document.kind == "incident"


def test_inline_sudo_and_ctl_commands_are_commands():
    rec = one("# Runbook: cache is down\n\n## 1. Check the process\n\n- Is it running: `ps aux | grep cache`?\n\n"
              "## 2. Restart it\n\n- Attempt a restart: `sudo cachectl restart cache`\n- Or: `sudo gitlab-ctl restart cache`\n")
    cmds = _commands(rec)
    assert "sudo cachectl restart cache" in cmds and "sudo gitlab-ctl restart cache" in cmds


def test_a_last_step_ending_with_a_colon_owns_what_follows():
    rec = one("# Restore the database\n\n1) Stop the service\n\n```\nsudo systemctl stop db\n```\n\n2) Restore it. We have two options:\n\n"
              "- **full restore**\n\n```\nsudo -u db restore --all\n```\n\n- **delta restore**\n\n```\nsudo -u db restore --delta\n```\n")
    last = rec.fields["steps"][-1]
    assert last["commands"] == ["sudo -u db restore --all", "sudo -u db restore --delta"]


def test_contact_sentences_are_contacts_when_no_section_names_them():
    rec = one("# Runbook: runner queues are slow\n\n## Quotas\n\n- Look for quota errors in the logs.\n- Contact the Runner team using the rota.\n\n"
              "## Database\n\n- Check the database dashboard.\n- Page the database vendor by opening an incident.\n\n"
              "## Notes\n\nUsers may notice slow jobs; tell the users in the status channel.\n")
    assert rec.fields["contacts"] == ["Contact the Runner team using the rota.", "Page the database vendor by opening an incident."]


# --- definition lists and front matter, for every kind ---


def test_definition_list_fields_in_a_postmortem():
    rec = one("# Postmortem: search outage\n\nRoot cause\n: An index rebuild filled the disk.\n\nImpact\n: Search returned errors.\n\n"
              "Resolution\n: We freed disk space and restarted the node.\n\n## Timeline\n\n- 09:00 disk full\n- 09:20 node restarted\n")
    f = rec.fields
    assert f["root_cause"] == "An index rebuild filled the disk."
    assert f["impact"] == "Search returned errors."
    assert f["resolution"] == "We freed disk space and restarted the node."
    assert "index rebuild" in cited(rec, "root_cause")


def test_definition_list_fields_in_an_adr():
    rec = one("# ADR-14: Use Postgres\n\nStatus\n: Accepted\n\nContext\n: We need transactions across orders and payments.\n\n"
              "Decision\n: We will use Postgres for the order service.\n\nConsequences\n: The team runs one more database.\n")
    f = rec.fields
    assert f["status"] == "accepted"
    assert f["context"].startswith("We need transactions") and f["decision"].startswith("We will use Postgres")
    assert f["consequences"]["neutral"] == ["The team runs one more database."]


def test_front_matter_prose_keys_in_a_postmortem():
    rec = one("---\ntitle: Payment queue outage\ndate: 2025-01-04\nseverity: SEV-2\nroot_cause: A consumer deadlock after the client upgrade.\n"
              "impact: Card payments were delayed for EU customers.\n---\n\n## Timeline\n\n- 10:00 queue depth alert\n- 10:45 consumers restarted\n")
    f = rec.fields
    assert f["root_cause"] == "A consumer deadlock after the client upgrade."
    assert f["impact"] == "Card payments were delayed for EU customers."
    assert "root_cause:" in cited(rec, "root_cause")


def test_an_identifier_heading_with_its_own_content_keeps_the_next_section_apart():
    recs = records("## ADR-1\n\n### Status\n\nAccepted\n\n### Context\n\nSlow reads.\n\n### Decision\n\nUse Postgres.\n\n## Glossary\n\nSome terms.\n")
    assert [(r.document.kind, r.document.title) for r in recs] == [("decision", "ADR-1"), ("note", "Glossary")]


# --- second round (docs/performance.md, "Typed-field fidelity on a fresh unseen set") ---


def test_options_as_subsections_with_pros_and_cons_headings():
    rec = one("# 12. Where build logs go\n\nDate: 2024-03-01\n\n## Status\n\nAccepted\n\n## Context\n\nLogs fill the runners.\n\n"
              "## Options\n\n### 1. Keep them on the runners\n\n#### Pros\n\n- Nothing to build\n\n#### Cons\n\n- Disks fill up\n\n"
              "### Option B: Ship them to object storage\n\nA bucket per team.\n\n#### Pros\n\n- Cheap\n\n"
              "## Decision\n\nWe ship logs to object storage.\n")
    opts = rec.fields["options"]
    assert [o["name"] for o in opts] == ["Keep them on the runners", "Ship them to object storage"]
    assert "Good: Nothing to build" in opts[0]["reasons"] and "Bad: Disks fill up" in opts[0]["reasons"]
    assert "A bucket per team." in opts[1]["reasons"]


def test_a_single_subsection_under_options_is_not_a_list_of_options():
    rec = one("# 13. Runner size\n\n## Status\n\nAccepted\n\n## Context\n\nBuilds are slow.\n\n"
              "## Alternatives considered\n\n### Notes from the meeting\n\nWe talked for an hour.\n\n## Decision\n\nBigger runners.\n")
    assert rec.fields["options"] == []


def test_context_stated_under_the_title_without_a_context_heading():
    rec = one("# Mail relay\n\n- Status: Decided\n- Deciders: Team consensus\n- Date: 2021-09-28\n\n"
              "The pilot has to send password-reset mail to applicants.\n\n"
              "## Considered Alternatives\n\n- A hosted mail service\n- The agency's own relay\n\n"
              "## Decision Outcome\n\nUse the agency's own relay for now.\n")
    f = rec.fields
    assert f["context"] == "The pilot has to send password-reset mail to applicants."
    assert "password-reset" in cited(rec, "context")
    assert "Status" not in f["context"] and "Deciders" not in f["context"]


def test_a_context_section_wins_over_the_opening_lines():
    rec = one("# 3. Queue\n\nSome words about why this record exists at all.\n\n## Status\n\nAccepted\n\n"
              "## Context\n\nJobs are lost on restart.\n\n## Decision\n\nUse a durable queue.\n")
    assert rec.fields["context"] == "Jobs are lost on restart."


def test_incident_dated_only_by_its_timeline_table_takes_the_busiest_day():
    rec = one("# Login outage\n\n## Summary\n\nNobody could sign in to the admin console.\n\n## Timeline\n\nAll times in UTC.\n\n"
              "| Time | Event |\n| --- | --- |\n| 2022-04-04 18:00 | Certificate rotation scheduled |\n"
              "| 2022-04-05 09:10 | First report of failed sign-ins |\n| 2022-04-05 09:40 | Certificate rolled over |\n"
              "| 2022-04-05 09:55 | Sign-ins confirmed working |\n\n## Action Items\n\n- Alert on certificate expiry\n")
    assert rec.document.kind == "incident"
    assert rec.fields["date"] == "2022-04-05"
    assert "2022-04-05 09:10" in cited(rec, "date")


def test_a_stated_incident_date_is_not_replaced_by_the_timeline():
    rec = one("# Login outage\n\nDate: 2022-04-06\n\n## Summary\n\nNobody could sign in.\n\n## Timeline\n\n"
              "| Time | Event |\n| --- | --- |\n| 2022-04-05 09:10 | First report |\n| 2022-04-05 09:40 | Fixed |\n")
    assert rec.fields["date"] == "2022-04-06"


def test_a_title_that_only_names_the_kind_gives_way_to_the_next_top_heading():
    rec = one("# 0x19. Postmortem\n\nMy first write-up.\n\n# Cron job deleted the uploads folder\n\n"
              "## Incident Summary:\n\nOn a Monday night a cleanup job removed user uploads.\n\n"
              "## Timeline:\n\n- 09:30 PM: job runs\n- 10:00 PM: users report missing files\n\n"
              "## Root Cause:\n\nThe job's path variable was empty.\n")
    assert rec.document.kind == "incident"
    assert rec.document.title == "Cron job deleted the uploads folder"


def test_a_kind_word_title_over_its_own_sections_stays_the_title():
    rec = one("# Postmortem\n\nThe web server answered 500 for an hour.\n\n## Debugging Process\n\n1. Checked the logs.\n\n"
              "## Root cause\n\nA typo in a config file.\n")
    assert rec.document.title == "Postmortem"


def test_resolution_stated_in_the_summary_prose():
    rec = one("# Proxy rule sent API calls to the dashboard\n\n## Summary\n\nA routing change sent every /api request to the "
              "dashboard, so apps answered 404. Once identified the issue was resolved by rolling back the routing change.\n\n"
              "## Timeline\n\n| Time | Event |\n| --- | --- |\n| 2025-01-10 16:00 | Change applied |\n| 2025-01-10 17:10 | Rolled back |\n")
    f = rec.fields
    assert f["resolution"] == "Once identified the issue was resolved by rolling back the routing change."
    assert "rolling back" in cited(rec, "resolution")


def test_a_cause_sentence_is_not_a_resolution():
    rec = one("# Disk full\n\n## Summary\n\nThe disk filled up because logs were never rotated.\n\n## Timeline\n\n"
              "- 10:00 alert fired\n- 10:30 logs deleted\n")
    assert rec.fields["resolution"] == ""


def test_impact_prefers_the_sentence_saying_who_was_affected():
    rec = one("# Malicious package release\n\n## Summary\n\nA package we depend on shipped code that overwrites users' files. "
              "We were not affected because we had pinned an older version.\n\n## Timeline\n\n"
              "| Time | Event |\n| --- | --- |\n| 2022-03-18 08:37 | Heard about it |\n| 2022-03-18 11:20 | Pinned the version |\n")
    assert rec.fields["impact"].startswith("We were not affected")


def test_impact_said_as_what_the_failure_meant():
    rec = one("# Node pool emptied\n\n## Summary\n\nA scaling change removed the healthy nodes first. "
              "This meant that the cluster was left without any nodes for fifteen minutes.\n\n## Timeline\n\n"
              "| Time | Event |\n| --- | --- |\n| 2023-02-14 10:46 | Nodes removed |\n| 2023-02-14 11:01 | New nodes healthy |\n")
    assert "left without any nodes" in rec.fields["impact"]


def test_step_labelled_headings_outrank_a_recovery_section_without_numbers():
    rec = one("---\ntitle: Restore the state file\nlast_reviewed_on: 2026-01-01\n---\n\n"
              "## Recovery - general concepts\n\n### Documentation\n\nRead the vendor guide first.\n\n"
              "### Key points\n\n1. Use the admin role.\n1. Agree the recovery point with the owning team.\n\n"
              "## Restoring the state file\n\n### Step 1: Copy the backup into a test folder\n\nUse the console's Copy action.\n\n"
              "### Step 2: Point the backend at the copy\n\n- Run `terraform init -reconfigure` in the test folder.\n")
    assert rec.document.kind == "runbook"
    steps = rec.fields["steps"]
    assert [s["title"] for s in steps] == ["Copy the backup into a test folder", "Point the backend at the copy"]
    assert steps[1]["commands"] == ["terraform init -reconfigure"]


def test_headings_that_carry_their_value_in_a_postmortem():
    rec = one("# Checkout outage\n\n## Impact: 40 % of checkout requests failed\n\n"
              "## Root cause: an expired TLS certificate on the payment proxy\n\n## Duration: 2 hours 10 minutes\n\n"
              "## Timeline\n\n- 10:00 alert fired\n- 12:10 certificate replaced\n")
    f = rec.fields
    assert f["impact"] == "40 % of checkout requests failed"
    assert f["root_cause"] == "an expired TLS certificate on the payment proxy"
    assert f["duration_minutes"] == 130 and f["duration_source"] == "stated"
    assert cited(rec, "impact") == "## Impact: 40 % of checkout requests failed"


def test_status_and_date_written_as_headings_in_an_adr():
    rec = one("# ADR-016: Drop unused schemas\n\n## Status: Accepted\n## Date: 2026-07-02\n\n## Context\n\n"
              "The schemas were never wired in.\n\n## Decision\n\nDelete them.\n")
    assert rec.fields["status"] == "accepted" and rec.fields["date"] == "2026-07-02"
    assert cited(rec, "date") == "## Date: 2026-07-02"
    assert rec.fields["context"] == "The schemas were never wired in."


def test_diagnosis_written_as_a_list_without_code_blocks():
    rec = one("# Runbook: queue backlog\n\n## Overview\n\nWhat to do when the jobs queue backs up.\n\n## Diagnosis\n\n"
              "1) Check the depth: `redis-cli llen jobs`\n2) Check the workers are running\n\n## Mitigation\n\n"
              "1) Scale workers: `kubectl scale deploy worker --replicas=10`\n2) Drain the dead letters\n\n"
              "## Escalation\n\nPage the payments on-call if the backlog grows for 30 minutes.\n")
    f = rec.fields
    assert [d["text"] for d in f["diagnosis"]] == ["Check the depth: redis-cli llen jobs", "Check the workers are running"]
    assert f["diagnosis"][0]["commands"] == ["redis-cli llen jobs"]
    assert f["steps"][0]["commands"] == ["kubectl scale deploy worker --replicas=10"]
    assert f["contacts"] == ["Page the payments on-call if the backlog grows for 30 minutes."]


# --- other languages: Portuguese labels, written-out dates, timeline words ---


def test_portuguese_adr():
    rec = one("# 3. Usar PostgreSQL\n\nData: 2024-02-01\n\n## Status\n\nAceito\n\n## Contexto\n\nPrecisamos de um banco relacional.\n\n"
              "## Decisão\n\nUsaremos PostgreSQL.\n\n## Alternativas consideradas\n\n- MySQL\n- SQLite\n\n"
              "## Consequências\n\n### Positivas\n\n- Transações confiáveis.\n\n### Negativas\n\n- Mais uma base para operar.\n")
    f = rec.fields
    assert (f["status"], f["date"]) == ("accepted", "2024-02-01")
    assert f["context"] == "Precisamos de um banco relacional." and f["decision"] == "Usaremos PostgreSQL."
    assert [o["name"] for o in f["options"]] == ["MySQL", "SQLite"]
    assert f["consequences"]["positive"] == ["Transações confiáveis."] and f["consequences"]["negative"] == ["Mais uma base para operar."]


def test_portuguese_runbook():
    rec = one("# Reiniciar a fila\n\n## Visão geral\n\nComo esvaziar a fila quando ela trava.\n\n## Pré-requisitos\n\n- Acesso ao cluster\n\n"
              "## Diagnóstico\n\n1. Veja o tamanho: `redis-cli llen jobs`\n\n## Mitigação\n\n"
              "1. Pare os consumidores: `kubectl scale deploy consumer --replicas=0`\n2. Esvazie a fila\n\n"
              "## Verificação\n\nA fila está vazia.\n\n## Reversão\n\nRestaure a cópia da fila.\n\n## Escalonamento\n\n"
              "- Acione o time de plataforma.\n")
    f = rec.fields
    assert rec.document.kind == "runbook"
    assert f["overview"] == "Como esvaziar a fila quando ela trava." and f["prerequisites"] == ["Acesso ao cluster"]
    assert f["diagnosis"][0]["commands"] == ["redis-cli llen jobs"]
    assert [s["commands"] for s in f["steps"]] == [["kubectl scale deploy consumer --replicas=0"], []]
    assert f["verification"] == ["A fila está vazia."] and f["rollback"] == "Restaure a cópia da fila."
    assert f["contacts"] == ["Acione o time de plataforma."]


def test_portuguese_postmortem_with_a_stated_duration():
    rec = one("# Queda do login\n\nData: 12 de março de 2024\nSeveridade: alta\n\n## Resumo\n\nO login ficou fora do ar por 30 minutos.\n\n"
              "## Impacto\n\nNenhum usuário conseguiu entrar.\n\n## Causa raiz\n\nUm certificado expirado.\n\n"
              "## Linha do tempo\n\n- 10:00 alerta disparado\n- 10:30 certificado trocado\n\n## Ações corretivas\n\n- Monitorar certificados\n")
    f = rec.fields
    assert (f["date"], f["severity"]) == ("2024-03-12", "alta")
    assert f["duration_minutes"] == 30 and f["duration_source"] == "stated"
    assert f["root_cause"] == "Um certificado expirado." and f["impact"] == "Nenhum usuário conseguiu entrar."
    assert [e["time"] for e in f["timeline"]] == ["10:00", "10:30"] and f["action_items"][0]["text"] == "Monitorar certificados"


def test_written_out_and_day_first_dates_in_other_languages():
    def date_of(line):
        return one(f"# Panne\n\n{line}\n\n## Chronologie\n\n- 09:00 alerte\n- 10:00 rétabli\n\n## Cause racine\n\nUn disque plein.\n").fields["date"]
    assert date_of("Date : 12 mars 2024") == "2024-03-12"
    assert date_of("Datum: 12. März 2024") == "2024-03-12"
    assert date_of("Fecha: 12 de marzo de 2024") == "2024-03-12"
    assert date_of("発生日時: 2021年11月25日午後3時") == "2021-11-25"
    assert date_of("Datum: 12.03.2024") == "2024-03-12"
    assert date_of("Date : 25/11/2021") == "2021-11-25"
    assert date_of("Date : 12/03/2024") is None  # 12 March or 3 December: the text does not say


def test_timeline_words_in_german_give_a_computed_duration():
    rec = one("# Ausfall der Suche\n\n## Zusammenfassung\n\nDie Suche war nicht erreichbar.\n\n## Zeitverlauf\n\n"
              "| Zeit | Ereignis |\n|---|---|\n| 10:00 | Alarm: Fehler bei jeder Anfrage |\n| 10:20 | Ursache gefunden |\n"
              "| 10:45 | Suche wiederhergestellt |\n\n## Ursache\n\nEin voller Datenträger.\n")
    f = rec.fields
    assert f["duration_minutes"] == 45 and f["duration_source"] == "computed"
    assert f["detected_at"] == "10:00" and f["resolved_at"] == "10:45"


def test_a_y_statement_keeps_its_own_context_clause():
    rec = one("# 9. Cache layer\n\nStatus: accepted\n\nIn the context of the product page, facing slow database reads, we decided for a "
              "Redis cache and neglected an in-process cache, to achieve lower latency, accepting that we run one more service.\n",
              name="adr/0009-cache-layer.md")
    assert rec.document.kind == "decision"
    assert rec.fields["context"] == "In the context of the product page, facing slow database reads"


def test_chinese_prerequisites_heading():
    rec = one("# 重启队列\n\n## 前置条件\n\n- 集群访问权限\n\n## 操作步骤\n\n1. 停止消费者\n2. 清空队列\n")
    assert rec.fields["prerequisites"] == ["集群访问权限"]


def test_adr_number_before_a_full_width_colon():
    rec = one("# ADR-003：使用消息队列\n\n状态：已接受\n日期：2024年1月2日\n\n## 背景\n\n任务会丢失。\n\n## 决策\n\n引入 RabbitMQ。\n")
    f = rec.fields
    assert (f["number"], f["status"], f["date"]) == (3, "accepted", "2024-01-02")


def test_the_paragraph_under_the_title_outranks_a_symptoms_section_as_overview():
    text = ("# Disk filling up on the build host\n\n{intro}## Symptoms\n\n- Builds fail with `No space left on device`.\n\n"
            "## Mitigation\n\n1. Remove old images: `docker image prune -af`\n")
    rec = one(text.format(intro="Builds keep every image they pull; this runbook frees the disk before builds stop.\n\n"))
    assert rec.fields["overview"] == "Builds keep every image they pull; this runbook frees the disk before builds stop."
    bare = one(text.format(intro=""))  # nothing under the title: the symptoms are the best description there is
    assert bare.fields["overview"] == "Builds fail with No space left on device."


# --- third round (docs/performance.md, "Third round"): shapes the second set left ---


def test_a_proposal_section_yields_to_the_decision_section():
    rec = one("# 21. Cache the price lists\n\nDate: 2024-02-01\n\n## Status\n\nAccepted\n\n## Context\n\nPrice lists are read on every page.\n\n"
              "## Proposal\n\nWe propose a shared Redis cache.\n\n## Decision\n\nEach service keeps an in-process cache for five minutes.\n")
    assert "in-process cache" in rec.fields["decision"] and "Redis" not in rec.fields["decision"]


def test_a_proposal_section_is_the_decision_when_nothing_else_is():
    rec = one("# 22. Cache the price lists\n\n## Status\n\nProposed\n\n## Context\n\nPrice lists are read on every page.\n\n"
              "## Proposal\n\nWe propose a shared Redis cache.\n")
    assert "shared Redis cache" in rec.fields["decision"]


def test_a_bracketed_length_after_a_time_window_is_the_stated_duration():
    rec = one("# Search outage\n\n## Summary\n\nOn 2024-03-02 from 08:05 CET to roughly 10:20 CET (2 hours and 15 minutes), "
              "search returned no results.\n\n## Root cause\n\nAn index alias pointed at an empty index.\n")
    f = rec.fields
    assert f["duration_minutes"] == 135 and f["duration_source"] == "stated"
    assert "(2 hours and 15 minutes)" in cited(rec, "duration_minutes")


def test_a_bracketed_length_without_a_window_is_not_a_duration():
    rec = one("# Search outage\n\n## Summary\n\nOn 2024-03-02 search returned no results. The reindex job (45 minutes) was rerun.\n\n"
              "## Root cause\n\nAn index alias pointed at an empty index.\n")
    assert rec.fields["duration_source"] != "stated"


def test_an_underlying_issue_bold_lead_is_the_root_cause_over_contributing_factors():
    rec = one("# Mail backlog, 2024-04-09\n\n## Summary\n\nOutgoing mail was queued for two hours.\n\n"
              "**The underlying issue**: the relay's TLS certificate had expired.\n\n"
              "## Contributing Factors\n\n- Certificate expiry was not monitored.\n- The relay had no second node.\n")
    assert "TLS certificate had expired" in rec.fields["root_cause"]
    assert "TLS certificate" in cited(rec, "root_cause")


def test_detection_impact_and_resolution_told_only_in_the_story():
    rec = one("# Checkout outage, 2024-05-14\n\nOn May 14 2024 shoppers could not pay by card for about half an hour. "
              "We were alerted by the payment success-rate alarm. The errors were caused by a rotated API key that was not deployed. "
              "The outage was resolved by deploying the new key to every pod.\n")
    f = rec.fields
    assert f["detection"] == "We were alerted by the payment success-rate alarm."
    assert "could not pay by card" in f["impact"] and "alerted" not in f["impact"]
    assert "deploying the new key" in f["resolution"]
    assert "payment success-rate alarm" in cited(rec, "detection")


def test_a_first_heading_at_level_two_titles_the_file():
    rec = one("## Restarting the billing workers\n\nWhen invoices stop going out.\n\n## Steps\n\n1. Run `systemctl restart billing`.\n"
              "2. Watch the invoice queue drain.\n", name="runbooks/billing.md")
    assert rec.document.title == "Restarting the billing workers"


def test_a_section_name_or_a_first_step_at_level_two_does_not_title_the_file():
    rec = one("## Summary\n\nInvoices were late on 2024-06-01.\n\n## Root cause\n\nA stuck cron job.\n", name="pm-2024-06-01.md")
    assert rec.document.title != "Summary"
    rec = one("## 1. Stop the workers\n\nRun `systemctl stop billing`.\n\n## 2. Start them again\n\nRun `systemctl start billing`.\n",
              name="runbooks/restart-billing.md")
    assert rec.document.title != "1. Stop the workers"


def test_numbered_lists_restarting_under_two_headings_are_one_procedure():
    rec = one("# Restore the orders database\n\n## Prepare\n\n1) Stop the API with `systemctl stop orders-api`.\n2) Take a snapshot.\n\n"
              "## Restore\n\n1) Run `pg_restore -d orders orders.dump`.\n2) Start the API with `systemctl start orders-api`.\n",
              name="runbooks/restore-orders.md")
    steps = rec.fields["steps"]
    assert [s["number"] for s in steps] == [1, 2, 3, 4]
    assert steps[0]["commands"] == ["systemctl stop orders-api"] and steps[2]["commands"] == ["pg_restore -d orders orders.dump"]


def test_a_runbook_of_unnumbered_action_sections_has_a_step_per_section():
    rec = one("---\ntitle: Queue almost full\n---\n\n# Runbook: queue almost full\n\nThis runbook covers a broker above 90% of its disk.\n\n"
              "## Purge dead letters\n\nDrop the dead-letter queue with `rabbitmqadmin purge queue name=dlq`.\n\n"
              "## Specific actions\n\n### Add a node\n\nScale the broker with `kubectl scale sts rabbit --replicas=4`.\n\n"
              "### Tell the producers\n\nPost in the producers' channel.\n\n## References\n\n- [Broker alerts](https://example.org/alerts)\n",
              name="runbooks/queue-full.md")
    titles = [s["title"] for s in rec.fields["steps"]]
    assert titles == ["Purge dead letters", "Add a node", "Tell the producers"]
    assert rec.fields["steps"][1]["commands"] == ["kubectl scale sts rabbit --replicas=4"]


def test_a_mitigation_section_without_steps_does_not_turn_other_sections_into_steps():
    rec = one("# QueueStuck\n\n## Meaning\n\nThe queue has not moved for an hour.\n\n## Mitigation\n\nIt depends on the consumer.\n\n"
              "### Web consumers\n\nThey restart on their own.\n\n### Batch consumers\n\nAsk their owners.\n\n## Additional resources\n\n- a link\n",
              name="runbooks/queue-stuck.md")
    assert rec.fields["steps"] == []


def test_escalation_table_rows_read_as_sentences():
    rec = one("# Payments API down\n\n## Steps\n\n1. Check the dashboard.\n2. Restart the pods.\n\n## Escalation\n\n"
              "| Level | Who | Channel |\n|---|---|---|\n| 1 | On-call SRE | #sre-oncall |\n| 2 | Payments lead | @pay-lead |\n| 3 | | |\n",
              name="runbooks/payments.md")
    assert rec.fields["contacts"] == ["Level 1: On-call SRE, Channel: #sre-oncall", "Level 2: Payments lead, Channel: @pay-lead"]
    assert "| Level | Who | Channel |" in cited(rec, "contacts")


def test_a_front_matter_owner_is_a_contact_but_not_an_escalation():
    rec = one("---\nowner_slack: \"#ledger-team\"\ntitle: Rotate the ledger keys\n---\n\n# Rotate the ledger keys\n\n"
              "1. Run `vault rotate ledger`.\n2. Restart the ledger pods.\n", name="runbooks/ledger-keys.md")
    f = rec.fields
    assert f["contacts"] == ["#ledger-team"] and f["owner"] == ["#ledger-team"] and f["escalation"] == []
    rec = one("---\nowner_slack: \"#ledger-team\"\ntitle: Rotate the ledger keys\n---\n\n# Rotate the ledger keys\n\n"
              "1. Run `vault rotate ledger`.\n2. Restart the ledger pods.\n\n## Escalation\n\n- Ledger lead: @dana\n", name="runbooks/ledger-keys.md")
    assert rec.fields["escalation"] == ["Ledger lead: @dana"] and rec.fields["owner"] == ["#ledger-team"]


def test_a_decision_marked_pending_is_no_decision():
    rec = one("# 3. Where to host the docs\n\n## Status\n\nProposed\n\n## Context\n\nThe docs need a home.\n\n"
              "## Decision\n\n*Pending — waiting for the platform lead*\n")
    assert rec.fields["decision"] == ""


def test_the_fix_involved_sentence_is_the_resolution():
    rec = one("# Wiki outage\n\n## Timeline\n\n- 10:00 pages returned 500 errors\n- 10:40 pages back\n\n## Summary\n\n"
              "The outage was caused by a typo in the config. The fix involved correcting the include path and reloading nginx.\n")
    assert "correcting the include path" in rec.fields["resolution"]


def test_we_got_a_warning_from_the_provider_is_detection_and_can_still_state_the_impact():
    rec = one("# Subnet exhaustion, 2024-07-01\n\n## Summary\n\nOn 1 July 2024 we got an automated warning from the cloud provider "
              "that our load balancers were unable to scale.\n\n## Root cause\n\nThe subnets were too small.\n")
    assert "automated warning" in rec.fields["detection"]
    assert "unable to scale" in rec.fields["impact"]


def test_needing_assistance_from_a_team_names_whom_to_escalate_to():
    rec = one("---\nowner_slack: \"#edge-team\"\ntitle: Traffic flood\n---\n\n# Traffic flood\n\n## Block the source\n\n"
              "Add a rate-limit rule with `waf add-rule --rate 100`.\n\n## Ask for help\n\n"
              "If the flood goes on and you require assistance from the Provider DDoS Team, open a support case.\n",
              name="runbooks/traffic-flood.md")
    assert rec.fields["escalation"] == ["If the flood goes on and you require assistance from the Provider DDoS Team, open a support case."]


def test_a_goal_quoted_under_the_title_is_the_overview():
    rec = one("# Backup and restore\n\n> Goal: be able to back up and restore the orders database by hand.\n\n## Backup\n\n"
              "1) Check the container runs: `docker ps`\n2) Dump it: `pg_dump -Fc orders > orders.dump`\n", name="runbooks/backup.md")
    assert rec.fields["overview"].startswith("Goal: be able to back up")
    rec = one("# Backup and restore\n\n> Note: the dump is large.\n\n## Backup\n\n1) Check the container runs: `docker ps`\n"
              "2) Dump it: `pg_dump -Fc orders > orders.dump`\n", name="runbooks/backup.md")
    assert "dump is large" not in rec.fields["overview"]


def test_a_log_line_quoted_in_the_timeline_is_not_the_detection():
    rec = one("# Postmortem: deploy stuck on a migration, 2025-04-02\n\n## Impact\n\nNo deploys for 20 minutes.\n\n## Timeline\n\n| Time | Event |\n|---|---|\n"
              "| 10:02 | Deploy starts the migration |\n| 10:05 | Retry fails with `Detected failed migration to 12` |\n"
              "| 10:20 | On-call noticed the deploy dashboard stuck at 0 % |\n")
    f = rec.fields
    assert f["detected_at"] == "10:20" and "dashboard" in f["detection"]


def test_a_heading_glossed_in_a_second_language_names_its_field():
    rec = one("# Incident: nightly export corrupted (2025-07-01)\n\n## 概要 (Summary)\n\nThe export wrote broken CSV files.\n\n"
              "## 根本原因 (Root Cause)\n\nThe writer used the platform's default encoding.\n\n"
              "## 解決策・復旧手順 (Resolution)\n\nWe re-ran the export with UTF-8 set explicitly.\n")
    assert "re-ran the export" in rec.fields["resolution"]
    assert "default encoding" in rec.fields["root_cause"]


def test_one_procedure_section_with_its_commands_is_the_steps():
    rec = one("# Deployment runbook: billing API\n\n## Purpose\n\nDeploy the billing API to staging.\n\n"
              "## Prerequisites\n\n- Docker on the host\n\n## Standard deploy\n\n```bash\ndocker compose pull\ndocker compose up -d\n```\n\n"
              "## Rollback\n\n```bash\ndocker compose down\n```\n")
    steps = rec.fields["steps"]
    assert len(steps) == 1 and steps[0]["title"] == "Standard deploy"
    assert "docker compose up -d" in steps[0]["commands"][0]


def test_a_paragraph_of_tracker_lines_is_not_the_runbook_overview():
    rec = one("# Runbook: rotate the payments API key\n\n**Ticket:** PAY-311\n**Severity:** High\n**Executor:** Dana\n\n"
              "## Steps\n\n1. Create the new key with `keytool new --scope payments`.\n2. Revoke the old key with `keytool revoke OLD`.\n")
    assert rec.fields["overview"] == ""
    rec = one("# Runbook: rotate the payments API key\n\nRotates the key the payments API signs requests with.\n\n"
              "## Steps\n\n1. Create the new key with `keytool new --scope payments`.\n2. Revoke the old key with `keytool revoke OLD`.\n")
    assert rec.fields["overview"].startswith("Rotates the key")


def test_an_as_of_line_dates_the_write_up_and_is_not_its_summary():
    rec = one("# Serverfehleranalyse: Abrechnung nach der Migration\n\nStand: 28.07.2026\n\n## Ursache\n\n"
              "Der alten Datenbank fehlte die Migration für die Abrechnungstabellen.\n\n## Lösung\n\nDie Migration wurde nachgeholt.\n")
    assert rec.document.kind == "incident"
    assert rec.fields["date"] == "2026-07-28" and rec.fields["summary"] == ""


def test_a_status_page_update_states_its_cause_and_its_resolved_time():
    rec = one("---\ntitle: \"Ausfall Anmeldung\"\ndate: 2024-03-05T09:10:00\nresolved: true\nresolvedWhen: 2024-03-05T10:02:00\n---\n\n"
              "# Ausfall Anmeldung\n\nWir verzeichnen derzeit einen Ausfall der Anmeldung.\n\n## Update 10:02 Uhr\n\n"
              "Alle Dienste laufen wieder! Ursache für den Ausfall war ein abgelaufenes Zertifikat am Proxy.\n")
    f = rec.fields
    assert f["root_cause"] == "Ursache für den Ausfall war ein abgelaufenes Zertifikat am Proxy."
    assert f["resolved_at"] == "10:02"
    rec = one("# Panne de la messagerie, 2024-06-01\n\nLa messagerie était indisponible. "
              "La cause de la panne était un disque plein sur le relais.\n")
    assert "disque plein" in rec.fields["root_cause"]


def test_an_unnumbered_adr_prefix_is_not_part_of_the_title_or_id():
    """'# ADR: Use Postgres' (or 'ADR：…' with a full-width colon) names the record's kind, not its subject;
    a word that merely starts with the letters ('Adrenaline:') keeps them."""
    from lorebook.compile.pages import base_id, display_title

    for text, want_id, want_title in [
        ("# ADR: Use Postgres for jobs\n\n## Status\n\nAccepted\n\n## Decision\n\nUse Postgres.\n",
         "adr-use-postgres-for-jobs", "Use Postgres for jobs"),
        ("# ADR：使用 Postgres\n\n## 状态\n\n已接受\n\n## 决策\n\n使用 Postgres。\n", "adr-使用-postgres", "使用 Postgres"),
        ("# Adrenaline: a new pump\n\n## Status\n\nAccepted\n\n## Decision\n\nBuy it.\n",
         "adr-adrenaline-a-new-pump", "Adrenaline: a new pump"),
    ]:
        rec = one(text)
        assert rec.kind == "decision"
        assert (base_id(rec), display_title(rec)) == (want_id, want_title)


def test_a_rationale_line_that_opens_with_an_options_label_gives_that_option_its_reasons():
    """'## 决策理由 / - 方案 3 虽然 …' (and 'Option B is …' under 'Decision rationale') explains why option 3 lost."""
    rec = one("# ADR：生产环境默认关闭 Swagger UI\n\n## 状态\n- accepted\n\n## 决策\n生产环境默认关闭。\n\n## 备选方案\n"
              "- 方案 1：所有环境继续公开。\n- 方案 2：生产保留，但要求 JWT 登录。\n\n## 决策理由\n"
              "- 方案 1 不符合生产最小暴露原则。\n- 方案 2 虽然更安全，但默认关闭更稳妥。\n")
    reasons = {o["name"][:4]: o["reasons"] for o in rec.fields["options"]}
    assert reasons == {"方案 1": ["方案 1 不符合生产最小暴露原则。"], "方案 2": ["方案 2 虽然更安全，但默认关闭更稳妥。"]}
    rec = one("# ADR-7: Queue\n\n## Status\n\nAccepted\n\n## Decision\n\nWe use SQS.\n\n## Options\n\n- Option A: SQS\n"
              "- Option B: Kafka\n\n## Decision rationale\n\n- Option B is too costly to run for a team of two.\n")
    kafka = next(o for o in rec.fields["options"] if "Kafka" in o["name"])
    assert kafka["reasons"] == ["Option B is too costly to run for a team of two."]


def test_a_heading_written_without_the_space_after_its_hashes_is_a_heading():
    """'##2024-01-23 18:30' is a heading its writer meant; '#hashtag' stays text, and code fences are left alone."""
    from lorebook.sources.markdown import spaced_headings

    text = "---\n##x: 1\n---\n##2024-01-23 18:30\n\nWir konnten das Problem isolieren.\n\n```\n##comment\n```\n#hashtag\n"
    out = spaced_headings(text)
    assert out.split("\n") == ["---", "##x: 1", "---", "## 2024-01-23 18:30", "", "Wir konnten das Problem isolieren.", "",
                               "```", "##comment", "```", "#hashtag", ""]
    rec = one("# Störung Eingang Mails\n\n##2024-01-23 18:30\n\nWir konnten das Problem isolieren.\n")
    assert [s.title for s in rec.document.root.walk() if s.title][-1] == "2024-01-23 18:30"


def test_an_alert_runbook_is_a_runbook_without_runbook_in_its_name():
    """'**Fires when**: …', '## First 60 seconds', '## Common causes': an alert's runbook, even as rds-cpu-high.md."""
    text = ("# RdsCpuHigh\n\n**Severity**: warning\n**Fires when**: RDS CPU >80% for 15 min.\n**Impact**: API latency increases.\n\n"
            "## First 60 seconds\n\n```bash\naws cloudwatch get-metric-statistics --metric-name CPUUtilization\n```\n\n"
            "## Common causes\n\n### 1. Long-running query\n\n**Fix**:\n```bash\npsql -c 'SELECT pg_cancel_backend($PID);'\n```\n\n"
            "## Escalation\n\nIf CPU stays high for 30 min, engage AWS Support.\n")
    rec = one(text, "rds-cpu-high.md")
    assert rec.kind == "runbook" and rec.document.kind_strength == "strong"


def test_runbook_shapes_from_public_runbooks():
    """A rollback runbook's "Rollback Steps" are its procedure (not its fallback), a Prerequisites checklist is
    not the steps, a bare "3. Verify" step says how; bold lines stand for headings ("**Immediate Actions**")."""
    rec = one("# Rollback Runbook\n\n## Prerequisites\n\n- [ ] Kubernetes access configured\n- [ ] GitHub CLI authenticated\n\n"
              "## Rollback Steps\n\n### 1. Assess Situation (2 min)\n\n```bash\nkubectl get pods -n production\n```\n\n"
              "### 2. Roll back (1 min)\n\n```bash\nkubectl rollout undo deployment/app -n production\n```\n\n"
              "### 3. Verify\n\n```bash\nkubectl rollout status deployment/app -n production\n```\n")
    assert [s["title"] for s in rec.fields["steps"]] == ["Assess Situation (2 min)", "Roll back (1 min)", "Verify"]
    assert rec.fields["prerequisites"] == ["Kubernetes access configured", "GitHub CLI authenticated"]
    assert rec.fields["verification"] == ["Verify: kubectl rollout status deployment/app -n production"]
    rec = one("# Disk full on db-1\n\n**Trigger**  \nDisk usage alert above 90%.\n\n**Immediate Actions**\n\n1. Check usage with `df -h`.\n"
              "2. Remove old WAL files with `pg_archivecleanup /var/lib/pg/wal 000000010000000A`.\n\n**Verification**\n\n"
              "- `df -h` shows usage below 80%.\n\n**Escalation**\n\n- Page the DBA on call after 30 minutes.\n")
    assert rec.kind == "runbook" and len(rec.fields["steps"]) == 2
    assert rec.fields["overview"] == "Disk usage alert above 90%."  # "**Trigger**" labels it
    assert rec.fields["verification"] == ["df -h shows usage below 80%."]
