"""Shapes from the twenty-ninth round. The notes are ours."""

from __future__ import annotations

import pytest

from lorebook.extract.common import find_date
from lorebook.utilities import plain

BUG_WRITEUP = """\
# Bug : `purgeExpiredTokens` ne purge rien

**Statut :** confirmé. **Introduit par :** commit `4f1c2aa` (mars 2025).

## Le bug

`purgeExpiredTokens` compare une date à une chaîne : la condition `expiresAt < now` est
toujours fausse, si bien qu'aucun jeton n'est jamais supprimé.

## Reproduction

1. Créer un jeton expiré hier.
2. Lancer `node scripts/purge.js`.
3. Le jeton est toujours en base.

## Conséquence

Les jetons révoqués restent valides jusqu'au redémarrage du cache : 1 200 sessions orphelines.

## Suivi recommandé

1. Comparer des dates entre elles dans `purgeExpiredTokens`.
2. Ajouter un test qui échoue tant que le jeton expiré survit.
"""


def test_a_bug_write_up_is_an_incident_with_its_cause_impact_and_follow_ups(note_record):
    """A root-cause write-up of one bug ("Bug : …", "Le bug", "Reproduction") is an incident record, not a note;
    the bug's own section tells the cause, "Conséquence" the impact, "Suivi recommandé" the follow-ups."""
    r = note_record("purge.md", BUG_WRITEUP)
    assert r.kind == "incident", r.document.kind_reason
    assert "expiresAt < now" in r.fields["root_cause"]
    assert "1 200 sessions" in r.fields["impact"]
    assert [a["text"][:20] for a in r.fields["action_items"]] == ["Comparer des dates e", "Ajouter un test qui "]


@pytest.mark.parametrize("title", ["Bug triage process", "How we handle a bug report"])
def test_a_page_about_handling_bugs_is_not_a_bug_write_up(note_record, title):
    r = note_record("triage.md", f"# {title}\n\nEvery morning the on-call engineer reads the new reports.\n")
    assert r.kind != "incident"


def test_emphasis_that_wraps_onto_the_next_line_is_removed_whole():
    assert plain("Every **unlisted\nfield** **survives** the *schema\nfunction.*") == "Every unlisted field survives the schema function."


@pytest.mark.parametrize("text, day", [
    ("**Fecha:** Enero 14, 2026", "2026-01-14"),
    ("Data: Março 3, 2025", "2025-03-03"),
    ("Datum: Dezember 1 2025", "2025-12-01"),
])
def test_a_month_named_first_in_another_language(text, day):
    assert find_date(text) == day


def test_a_decision_record_dated_by_its_timestamp_key(note_record):
    r = note_record("adr.md", "# ADR-7: Store vectors in Postgres\n\n- **Status**: Accepted\n- **Context Timestamp**: 2025-10-12\n\n"
                              "## Context\n\nWe need vector search.\n\n## Decision\n\nUse pgvector in the main cluster.\n")
    assert r.fields["date"] == "2025-10-12"


PAYMENTS_DECISION = """\
# Payments provider record

**Decision:** Run Adyen and Mollie side by side
**Date:** 2026-02-03
**Status:** Approved

## Problem

Local buyers pay by bank transfer, foreign buyers by card.

## Architecture decision

### One gateway or two

A router sends each payment to the provider that suits its country.
"""


def test_a_decision_stated_on_a_header_key_line_wins_over_a_later_decision_section(note_record):
    r = note_record("pay.md", PAYMENTS_DECISION)
    assert r.fields["decision"] == "Run Adyen and Mollie side by side"
    assert r.fields["date"] == "2026-02-03"


OPTIONS_WITH_MERITS = """\
# ADR-12: Where embeddings live

## Status

Accepted

## Considered options

1. **Postgres with pgvector**
   - Prós: one database to back up.
   - Contras: index tuning needed.
   - Custo: none.
2. **A hosted vector service**
   - Vorteile: low latency.
   - Nachteile: a monthly bill.

## Decision

Postgres with pgvector.
"""


def test_merits_written_in_another_language_are_an_options_reasons_not_options(note_record):
    r = note_record("adr12.md", OPTIONS_WITH_MERITS)
    names = [o["name"] for o in r.fields["options"]]
    assert names == ["Postgres with pgvector", "A hosted vector service"], names
    assert any("one database to back up" in x for x in r.fields["options"][0]["reasons"])


ROUTER_POSTMORTEM = """\
# Network outage postmortem (2024-12-19)

## Summary

A planned change to renumber the loopback addresses resulted in an unexpected loss of
connectivity at two exchanges. It lasted 40 minutes.

## Timeline

- 23:50 UTC: engineers start the change
- 00:30 UTC: links restored

## Future Work

1. Validate router configuration in CI
2. Add a third edge router
"""


def test_the_change_that_resulted_in_the_outage_is_its_trigger_and_future_work_its_follow_ups(note_record):
    r = note_record("net.md", ROUTER_POSTMORTEM)
    assert r.fields["trigger"].startswith("A planned change to renumber the loopback addresses"), r.fields["trigger"]
    assert [a["text"] for a in r.fields["action_items"]] == ["Validate router configuration in CI", "Add a third edge router"]


def test_an_external_cause_heading_names_the_trigger(note_record):
    r = note_record("cn.md", "# 某服务故障复盘\n\n## 时间线\n\n- 04:00 开始迁移\n- 05:10 恢复\n\n## 根本原因\n\n连接池打满。\n\n"
                               "## 外因\n\n凌晨进行了核心库的分库迁移，拆走了一半的查询负载。\n")
    assert "分库迁移" in r.fields["trigger"], r.fields["trigger"]


MINUTES = """\
# Ata de reunião

**Data:** 3 de março de 2026

## Participantes

* **Produto:** Joana Reis
* **Engenharia:** Caio Lima, Rita Alves

## Deliberações

* **Pagamentos:** O checkout antigo será desligado em 30 dias.
* **Suporte:** O plantão passa a cobrir o sábado.
"""


def test_what_a_meeting_settled_is_a_decision_record(note_record):
    """Minutes with a "Deliberações" (decisions) part record decisions: the part is the decision, its day the date."""
    r = note_record("ata.md", MINUTES)
    assert r.kind == "decision", r.document.kind_reason
    assert "desligado em 30 dias" in r.fields["decision"]
    assert r.fields["date"] == "2026-03-03"


DESIGN_RATIONALE = """\
# 주문 테이블은 이렇게 설계했습니다

## 구조

주문 공통 속성은 orders 에, 결제 수단별 속성은 별도 테이블에 둡니다.

## 장점

- 새 결제 수단을 테이블 하나로 추가할 수 있다.

## 단점

- 조회할 때 테이블 조인이 필요하다.

## 선택 이유

- 결제 수단이 계속 늘어날 예정이다.
"""


def test_a_design_weighed_under_pros_and_cons_headings_is_a_decision_with_those_consequences(note_record):
    r = note_record("orders.md", DESIGN_RATIONALE)
    assert r.kind == "decision", r.document.kind_reason
    assert r.fields["consequences"]["positive"] == ["새 결제 수단을 테이블 하나로 추가할 수 있다."]
    assert r.fields["consequences"]["negative"] == ["조회할 때 테이블 조인이 필요하다."]


def test_each_options_own_pros_headings_are_not_the_records_consequences(note_record):
    r = note_record("opts.md", "# ADR-3: Queue\n\n## Status\n\nAccepted\n\n## Option A: SQS\n\n### Pros\n\n- managed\n\n### Cons\n\n- vendor lock-in\n\n"
                               "## Option B: RabbitMQ\n\n### Pros\n\n- open source\n\n### Cons\n\n- we run it\n\n## Decision\n\nSQS.\n")
    assert r.fields["consequences"] == {"positive": [], "negative": [], "neutral": []}


def test_a_cause_identified_in_prose_and_resulting_actions_under_numbered_headings(note_record):
    r = note_record("tls.md", "# Media outage postmortem\n\n## Summary\n\nImages failed to load for two hours. We quickly identified the root "
                              "cause as an expired TLS certificate on the CDN host.\n\n## Timeline\n\n- 01:50 alert\n- 03:50 renewed\n\n"
                              "## Resulting Action\n\n### 1) Renewal cron scheduled `@ana`\n\nRuns weekly.\n\n### 2) Expiry alert added `@bo`\n\nAt 14 days.\n")
    assert r.fields["root_cause"].startswith("We quickly identified the root cause as an expired TLS certificate")
    assert [(a["text"], a["owner"]) for a in r.fields["action_items"]] == [("Renewal cron scheduled", "ana"), ("Expiry alert added", "bo")]


def test_japanese_implications_for_the_future_are_follow_ups(note_record):
    r = note_record("jp.md", "# デプロイが止まった件\n\n- **日付**: 2026-06-01\n\n## 何が起きたか\n\n1. **17:01** — ビルドが失敗。\n\n## 根本原因\n\n"
                             "キャッシュが壊れていた。\n\n## 今後の示唆\n\n- キャッシュの検証を追加する。\n- 手順書に復旧方法を書く。\n")
    assert [a["text"] for a in r.fields["action_items"]] == ["キャッシュの検証を追加する。", "手順書に復旧方法を書く。"]


CONSOLE_RUNBOOK = """\
# Ouverture d'une nouvelle saison

Chaque automne, la nouvelle saison est ouverte pour les inscriptions du club.

## Description des étapes

### 1 - Préparer les fichiers de tarifs

### 2 - Créer la saison

`Season.create!(start_year: Season.current.start_year + 1)`
`PriceSeeder.seed(['data/prices.csv'])`

### 3 - Recharger les équipes

`Sync::AllTeamsJob.perform_later`

### 4 - Vérifier

`Season.current.open?`
"""


def test_steps_under_numbered_headings_with_console_calls_make_a_runbook(note_record):
    """Numbered step headings and console calls alone on their lines make a runbook; the heading over the steps
    ("Description des étapes") is not its overview: the lines under the title are."""
    r = note_record("saison.md", CONSOLE_RUNBOOK)
    assert r.kind == "runbook", r.document.kind_reason
    assert r.fields["overview"].startswith("Chaque automne")
    cmds = [c for s in r.fields["steps"] for c in s["commands"]]
    assert cmds == ["Season.create!(start_year: Season.current.start_year + 1)", "PriceSeeder.seed(['data/prices.csv'])",
                    "Sync::AllTeamsJob.perform_later", "Season.current.open?"]


@pytest.mark.parametrize("line", ["`config.yaml`", "`README.md`", "`docs.example.com`"])
def test_a_file_or_host_name_alone_on_its_line_is_no_command(note_record, line):
    r = note_record("rb.md", f"# Runbook: restart the API\n\n## Steps\n\n1. Edit the file:\n\n{line}\n\n2. `systemctl restart api`\n")
    cmds = [c for s in r.fields["steps"] for c in s["commands"]]
    assert line.strip("`") not in cmds and "systemctl restart api" in cmds


REJECTED_OPTIONS = """\
# Registro de decisión: proveedor de correo

**Decisión:** Usar Postmark para el correo transaccional

## Opciones rechazadas

### ❌ Opción 1: SOLO SES

```
Problema: plantillas a mano
- Sin analíticas de entrega
- Soporte solo por foro
```

### ❌ Opción 2: Servidor SMTP propio

```
Problema: reputación de IP
- Mantenimiento de parches
```
"""


def test_options_under_a_rejected_heading_with_their_case_in_a_plain_fence(note_record):
    """'❌ Opción 1: …' under 'Opciones rechazadas' is a rejected option named without its mark and number; a fence of
    plain lines (no code) under it holds its case."""
    r = note_record("mail.md", REJECTED_OPTIONS)
    opts = r.fields["options"]
    assert [(o["name"], o["outcome"]) for o in opts] == [("SOLO SES", "rejected"), ("Servidor SMTP propio", "rejected")]
    assert opts[0]["reasons"] == ["Problema: plantillas a mano", "Sin analíticas de entrega", "Soporte solo por foro"]


def test_a_fenced_command_under_an_option_is_no_reason(note_record):
    r = note_record("q.md", "# ADR-9: Queue\n\n## Considered options\n\n### Kafka\n\n```\nkafka-topics.sh --create --topic x | tee log\n```\n\n"
                            "### SQS\n\nManaged by AWS.\n\n## Decision\n\nSQS.\n")
    assert r.fields["options"][0]["reasons"] == []


def test_the_option_whose_words_the_decision_repeats_is_the_chosen_one(note_record):
    r = note_record("vec.md", "# ADR-4: Vector store\n\n## Status\n\nAccepted\n\n## Considered Options\n\n"
                              "1. **PostgreSQL + pgvector extension (same cluster as the app)**\n   - Pros: one backup.\n"
                              "2. **Managed vector service (Pinecone, Weaviate)**\n   - Cons: monthly bill.\n\n"
                              "## Decision\n\nAdopt PostgreSQL with pgvector in the cluster the app already uses. Tune indexes later.\n")
    assert [o["outcome"] for o in r.fields["options"]] == ["chosen", "considered"]


def test_a_length_given_as_the_outages_size_is_its_stated_duration(note_record):
    """"experienced a 7 minute cascading failure" states the length; the timeline's first and last times only compute one."""
    r = note_record("h.md", "# Database disk full postmortem\n\nOn 2022-12-13 at 18:52 UTC we experienced a 7 minute cascading failure "
                            "that returned 504s worldwide.\n\n## Timeline\n\n- **18:53** first report\n- **19:04** archive deleted\n\n"
                            "## Root Cause\n\nThe root filesystem was full.\n")
    assert (r.fields["duration_minutes"], r.fields["duration_source"]) == (7, "stated")


ROUTER_WRITEUP = """\
# Network outage postmortem (2025-03-06)

## Summary

A misconfiguration on the edge router caused an outage. Reverting it did not help at once, leading to an 18-minute
downtime until a reboot of the router resolved it.

## Response timeline

- 09:31 UTC: connectivity lost
- 09:49 UTC: service restored after the reboot
"""


@pytest.mark.parametrize("question", ["How much downtime did the March 2025 router misconfiguration cost us?",
                                      "How much downtime did the router misconfiguration cause?"])
def test_how_much_downtime_asks_for_a_length_not_money_or_a_cause(notes_wiki_of, question):
    from lorebook.query.analysis import analyse
    from lorebook.query.ask import ask

    assert analyse(question).answer_types[0] == "duration"
    a = ask(notes_wiki_of({"net.md": ROUTER_WRITEUP}), question)
    assert a.found and "18 minutes" in a.answer, a.answer


@pytest.mark.parametrize("question", ["¿Qué necesito tener antes de respaldar la base de datos?",
                                      "O que preciso ter antes de restaurar o banco?", "Was brauche ich, bevor ich das Backup einspiele?"])
def test_what_do_i_need_before_asked_in_other_languages_asks_for_prerequisites(question):
    from lorebook.query.analysis import analyse

    assert analyse(question).question.intent == "prerequisites"


def test_who_opening_a_question_asks_for_a_person_before_the_date_it_mentions():
    from lorebook.query.analysis import analyse

    assert analyse("Who decides the date the new school year opens?").answer_types[0] == "person"
    assert analyse("When did the new school year open?").answer_types[0] == "date"


def test_a_record_the_question_numbers_is_named_whatever_else_it_is_called(notes_wiki_of):
    """Asked in German about "ADR-0001 zur Datenbanktechnologie", the English record ADR-0001 ("Database Technology
    Selection") is the one asked about: its number names it, though it never writes the German compound."""
    from lorebook.query.ask import ask

    w = notes_wiki_of({"adr.md": "# ADR-0001: Database Technology Selection\n\n**Status**: Accepted\n**Date**: 2025-12-27\n\n"
                                 "## Context\n\nSaves must survive a browser change.\n\n## Decision\n\nUse SQLite through sql.js.\n"})
    a = ask(w, "Welchen Status hat die ADR-0001 zur Datenbanktechnologie?")
    assert a.found and "Accepted" in a.answer, a.answer


PLAIN_LINE_ADR = """\
---
adr: 7
status: Proposed
date: 2025-10-04
---

# Zentrales Logging

Kontext
- Logs enthalten personenbezogene Daten.
- Ziel: zentrales Suchen.

Optionen
- A) Dateien auf jedem Host
  - + Einfach
  - − Kein zentrales Suchen
- B) Loki selbst betrieben
  - + Volle Kontrolle
  - − Betriebsaufwand

Entscheidung
- Kurzfristig: Option B, mit Filtern vor dem Ingest.

Konsequenzen
- Filter brauchen Tests in der CI.
"""


def test_part_names_alone_on_their_lines_are_headings_and_signed_merits_are_reasons(note_record):
    """'Kontext', 'Optionen', 'Entscheidung' alone on a line over a list name their parts as headings would; '- + X' and
    '- − Y' under an option are its merits and faults; 'Option B' in the decision picks the option listed 'B) …'."""
    r = note_record("log.md", PLAIN_LINE_ADR)
    assert r.fields["context"].startswith("Logs enthalten personenbezogene Daten.")
    assert r.fields["decision"].startswith("Kurzfristig: Option B")
    assert r.fields["consequences"]["neutral"] == ["Filter brauchen Tests in der CI."]
    opts = r.fields["options"]
    assert [(o["name"], o["outcome"]) for o in opts] == [("A) Dateien auf jedem Host", "considered"), ("B) Loki selbst betrieben", "chosen")]
    assert opts[0]["reasons"] == ["Good: Einfach", "Bad: Kein zentrales Suchen"]


@pytest.mark.parametrize("text", ["Kontext:\n", "Next we restart\n", "Status of the rollout was unclear.\n", "TODO\n"])
def test_a_line_that_is_not_exactly_a_part_name_is_no_heading(text):
    from lorebook.sources.markdown import block_label

    assert block_label(text)[1] != "bold"


def test_a_list_in_a_list_on_its_own_lines_stays_nested(note_record):
    r = note_record("n.md", "# Notes\n\n- outer\n  + inner one\n  + inner two\n")
    blocks = [b for b in r.document.root.all_blocks() if b.kind == "item"]
    assert blocks[0].text == "outer" and [c.text for c in blocks[0].children] == ["inner one", "inner two"]


def test_how_long_a_thing_stayed_broken_is_the_duration_and_who_discovered_it_the_detection(note_record):
    r = note_record("bot.md", "# Postmortem: scheduler hang\n\n**Date**: 2026-05-14\n**Severity**: P1 (bot scheduler frozen ~7h, no auto-recovery)\n\n"
                              "## Timeline\n\n- **06:43** bot start\n- **09:13** last clean log line\n"
                              "- **21:11** Ana discovered the outage while testing the nightly export\n\n## Root cause\n\nA thread hung.\n")
    assert (r.fields["duration_minutes"], r.fields["duration_source"]) == (420, "stated")
    assert r.fields["detection"].startswith("Ana discovered the outage")


def test_who_actually_spotted_asks_how_it_was_detected():
    from lorebook.query.analysis import analyse

    assert analyse("Who actually spotted that the API had been down for a month?").question.intent == "detection"


def test_gdpr_is_found_under_its_names_in_other_languages():
    from lorebook.query.vocabulary import equivalents

    assert {"dsgvo", "rgpd"} <= equivalents("gdpr") and "avg" not in equivalents("gdpr")


def test_why_we_went_with_one_option_instead_of_another_says_why_the_winner_won(notes_wiki_of):
    """Nothing is said against the option that lost: why the chosen one won is the answer."""
    from lorebook.query.ask import ask

    w = notes_wiki_of({"auth.md": "# ADR-8: Securing the admin\n\n## Status\n\nAccepted\n\n## Considered options\n\n"
                                  "1. one hard-coded account\n2. accounts in the database\n\n## Decision outcome\n\n"
                                  'Chosen option: "accounts in the database", because passwords can be stored hashed and accounts added easily.\n'})
    a = ask(w, "Why did we go with database accounts instead of a single hard-coded admin account?")
    assert a.found and "passwords can be stored hashed" in a.answer, a.answer


def test_severity_asked_in_korean_is_the_severity_line(notes_wiki_of):
    from lorebook.query.analysis import analyse
    from lorebook.query.ask import ask

    q = "결제 장애의 심각도는 몇 등급이었나요?"
    assert analyse(q).answer_types[0] == "severity" and analyse(q).question.intent == "severity"
    w = notes_wiki_of({"pg.md": "# 결제 장애 사후 분석\n\n- 날짜: 2026-09-27\n- 심각도: P1\n\n## 타임라인\n\n- 10:00 결제 실패 시작\n"
                                "- 10:40 복구\n\n## 근본 원인\n\n인증서가 만료되었다.\n"})
    a = ask(w, q)
    assert a.found and "P1" in a.answer, a.answer


def test_a_prerequisite_that_introduces_a_command_keeps_it(note_record):
    r = note_record("restore.md", "# Restore the database\n\n## Prerequisites\n\n1. Stop the application and its helper services:\n\n"
                                  "    ```\n    systemctl stop opensearch kafka app\n    ```\n\n2. Have the backup file at hand.\n\n"
                                  "## Steps\n\n1. `pg_restore -d app backup.dump`\n")
    assert r.fields["prerequisites"][0] == "Stop the application and its helper services: `systemctl stop opensearch kafka app`"


def test_traditional_chinese_part_names(note_record):
    r = note_record("tw.md", "# 事故記錄：反向代理全斷\n\n日期:2026-08-19\n\n## 時間線\n\n- 10:00 服務中斷\n- 11:00 恢復\n\n"
                             "## 影響\n\n所有外部請求失敗。\n\n## 修復(兩部分)\n\n1. 加一條防火牆放行規則。\n\n## 後續行動\n\n- 把規則寫進文檔。\n")
    assert r.fields["impact"] == "所有外部請求失敗。"
    assert "加一條防火牆放行規則" in r.fields["resolution"]
    assert [a["text"] for a in r.fields["action_items"]] == ["把規則寫進文檔。"]


def test_an_init_scripts_status_lines_are_output_not_a_command():
    from lorebook.vocab import log_output

    assert log_output(" * ovn-northd is not running\novsdb-server: ovsdb error: error reading record 2739\n")
    assert not log_output("kubectl ko nb status\n")


def test_ranked_hypotheses_state_the_likely_cause(note_record):
    r = note_record("bsod.md", "# Reboot analysis — build box (2026-05-01)\n\n## Summary\n\nNine blue screens in a week.\n\n"
                               "## Hypotheses (ranked by likelihood)\n\n1. **GPU driver bug (HIGH)** — 8 of 9 crashes share one bug check.\n"
                               "2. **Power supply (LOW)** — no evidence yet.\n\n## Recommendations\n\n- Roll the GPU driver back.\n")
    assert r.fields["root_cause"].startswith("GPU driver bug (HIGH)")


def test_a_constraints_part_of_a_runbook_is_its_caveats(note_record):
    r = note_record("rb.md", "# Restaurer une app\n\n## Étapes\n\n1. `yunohost backup restore --apps wiki`\n\n## Contraintes\n\n"
                             "- Il n'est pas possible de restaurer une application déjà installée.\n")
    assert r.fields["caveats"] == ["Il n'est pas possible de restaurer une application déjà installée."]


def test_which_version_are_we_standardising_on_asks_what_was_chosen():
    from lorebook.query.analysis import analyse

    assert analyse("Which Keycloak version are we standardising on?").question.intent == "chosen"


def test_a_handle_written_in_camel_case_acts_as_a_person():
    from lorebook.query.analysis import TYPE_SHAPES

    assert TYPE_SHAPES["person"].search("01:57: QuietMisdreavus found the directory taking up the disk")
    assert not TYPE_SHAPES["person"].search("01:57: KubePersistentVolume filling up")


def test_chinese_analysis_and_plan_parts_and_french_story_parts(note_record):
    zh = note_record("zh.md", "# 记录一次Redis超出最大内存限制异常\n\n## 具体错误\n\n写入失败：OOM command not allowed。\n\n## 分析\n\n"
                              "缓存的订单ID没有设置过期时间，内存达到 maxmemory 上限。\n\n## 方案\n\n1、清理掉Redis数据\n2、减小缓存的过期时间\n")
    assert "maxmemory" in zh.fields["root_cause"] and zh.fields["resolution"].startswith("1、清理掉Redis数据")
    fr = note_record("fr.md", "# Incident - interface graphique sur le serveur de prod\n\n## Ce qui s'est passé\n\nLe serveur démarrait "
                              "en mode graphique et la mémoire manquait.\n\n## Solution\n\nsystemctl set-default multi-user.target\n\n"
                              "## Ce que j'ai appris\n\n- Vérifier la cible par défaut après chaque installation.\n")
    assert fr.kind == "incident" and fr.fields["summary"].startswith("Le serveur démarrait")
    assert "'ce que j'ai appris' section" in fr.document.kind_reason


def test_why_a_choice_was_made_says_the_choice_and_a_criteria_table_compares_its_columns(note_record):
    r = note_record("auth.md", "# 세션 vs 토큰 비교 분석\n\n이 프로젝트에서 토큰을 선택한 이유를 정리합니다.\n\n## 비교표\n\n"
                               "| 비교 항목 | 세션 | 토큰 |\n|---|---|---|\n| 확장성 | △ 저장소 공유 필요 | ◎ Stateless |\n"
                               "| 즉시 무효화 | ◎ 가능 | △ 블랙리스트 필요 |\n")
    assert r.kind == "decision"
    assert r.fields["decision"] == "이 프로젝트에서 토큰을 선택한 이유를 정리합니다."
    opts = r.fields["options"]
    assert [(o["name"], o["outcome"]) for o in opts] == [("세션", "considered"), ("토큰", "chosen")]
    assert opts[1]["reasons"] == ["확장성: ◎ Stateless", "즉시 무효화: △ 블랙리스트 필요"]


def test_a_final_diagnosis_report_is_an_incident_write_up(note_record):
    r = note_record("vps.md", "# Diagnóstico final y recomendaciones - VPS\n\n**Fecha:** 27 de diciembre de 2025\n\n## 1. Resumen de la situación\n\n"
                              "El clúster no arranca tras varios intentos de recuperación.\n\n## 2. Diagnóstico técnico\n\n"
                              "La causa más probable es una corrupción de los volúmenes.\n\n## 3. Próximos pasos\n\n1. Reinstalar el sistema.\n"
                              "2. Restaurar las copias.\n3. Vigilar el disco.\n")
    assert r.kind == "incident", r.document.kind_reason
    assert r.fields["date"] == "2025-12-27"


def test_a_russian_write_up_names_its_mechanism_detection_and_follow_ups(note_record):
    r = note_record("ru.md", "# Просьба влить прозвучала при черновике\n\n09.09.2026. Заявка отдана, черновик не снят.\n\n"
                             "## Что произошло\n\nВладельцу сказано «прошу влить», а прогон ещё шёл.\n\n"
                             "## Механизм промаха\n\nОткрытие заявки принято за конец работы.\n\n"
                             "## Чем ловилось\n\nСлоем правил: статьи прочитаны в этом заходе.\n\n"
                             "## Что делать\n\n1. Возвращаться к отданным заявкам.\n2. Проверять черновик перед просьбой.\n")
    assert r.kind == "incident", r.document.kind_reason
    assert r.fields["root_cause"].startswith("Открытие заявки принято за конец работы")
    assert r.fields["detection"].startswith("Слоем правил")
    assert [a["text"] for a in r.fields["action_items"]] == ["Возвращаться к отданным заявкам.", "Проверять черновик перед просьбой."]


def test_a_russian_what_to_do_runbook_stays_a_runbook(note_record):
    r = note_record("rb.md", "# Что делать, если упал воркер\n\n## Что делать\n\n1. `systemctl restart worker`\n2. `journalctl -u worker -n 50`\n"
                             "3. Проверить очередь.\n")
    assert r.kind == "runbook", r.document.kind_reason


def test_a_key_that_names_some_day_of_the_event_dates_it(note_record):
    r = note_record("load.md", "# 부하 테스트 결과 & 장애 대응 문서\n\n- 실행 일시(재측정): `2025-12-26` (KST)\n- 다음 검토일: 2026-01-10\n\n"
                               "## 타임라인\n\n- 10:00 타임아웃 시작\n- 10:20 복구\n\n## 근본 원인\n\nKafka 리스너 주소가 잘못 광고되었다.\n")
    assert r.fields["date"] == "2025-12-26"
    late = note_record("late.md", "# Outage write-up\n\n- Next review date: 2026-01-10\n\n## Timeline\n\n- 10:00 errors\n\n## Root cause\n\nA bad deploy.\n")
    assert late.fields["date"] is None


def test_is_the_problem_fixed_yet_is_answered_from_the_current_status_part(notes_wiki_of):
    """"Fixed now, or still open?" is asked of the write-up's "Current Status" part, not answered with its open follow-ups."""
    from lorebook.query.ask import ask

    w = notes_wiki_of({"bgp.md": "# Network outage postmortem (2024-12-19)\n\n## Summary\n\nA planned router change cut two peering "
                                 "sessions for 95 minutes.\n\n## Timeline\n\n- 23:55 UTC: change started\n- 01:30 UTC: sessions back\n\n"
                                 "## Current Status and Future Plans\n\nThe underlying routing issue (several router-ids on one loopback) "
                                 "remains unresolved. The fix is postponed until after the holiday freeze.\n\n## Future Work\n\n"
                                 "1. Validate router configuration in CI\n2. Enforce safe mode during remote maintenance\n"
                                 "3. Install a third edge router before the next attempt\n"})
    a = ask(w, "Is the several-router-ids-on-one-loopback problem fixed now, or is it still open?")
    assert a.found and "remains unresolved" in a.answer, a.answer
