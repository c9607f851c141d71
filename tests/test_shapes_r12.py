"""Shapes from the twelfth round: what set an incident off, told the ways notes tell it — a bold word with a
Korean or Japanese topic particle as its label, "after <a change>, <a failure>" in the Problem section or in
Russian, a change named as the reason ("broken due to a deployment that …")."""

from __future__ import annotations

from test_unseen_shapes import cited, one


def test_a_bold_word_with_a_topic_particle_labels_the_trigger():
    ko = one("# 설정 쓰기 한도 초과 장애\n\n## 요약\n\n설정 저장이 실패했다.\n\n## 원인\n\n"
             "**트리거**는 이번 세션의 카탈로그 변경이다. 변경 후 저장 요청이 급증했다.\n", "2026-08-26-quota.md")
    assert "카탈로그 변경" in ko.fields["trigger"]
    assert "카탈로그 변경" in cited(ko, "trigger")
    ja = one("# 障害報告: 同期の停止\n\n## 根本原因\n\n**契機**: 別経路でリポジトリが作られ、ローカルが空のまま残った。\n",
             "2026-06-01-split.md")
    assert "別経路でリポジトリが作られ" in ja.fields["trigger"]
    # a bold word in running prose that no field names stays prose
    plain = one("# 障害報告\n\n## 概要\n\n**dead_letter**は 使わない。ジョブが止まった。\n", "2026-06-02-jobs.md")
    assert not plain.fields["trigger"]


def test_the_change_a_failure_came_after_is_the_trigger_in_the_problem_section_and_in_russian():
    en = one("# Postmortem: worker ARP failure\n\n**Date:** 2026-05-02\n\n## Problem\n\nAfter re-provisioning both worker nodes, Airflow pods were "
             "stuck in `Init:0/2`. The init container could not reach Postgres.\n\n## Resolution\n\nFlushed the ARP "
             "cache.\n", "pm-005-arp.md")
    assert en.fields["trigger"] == "re-provisioning both worker nodes"
    ru = one("# Инцидент 0001 — переполнение тома базы\n\nДата: 2026-09-18\nСтатус: устранено\n\n## Сводка\n\nПосле обновления Dawnly 1.11.0 → 1.14.5 "
             "кластер баз ушёл в CrashLoopBackOff, том заполнен.\n\n## Влияние\n\n"
             "Сервис недоступен ~5 минут.\n", "incident-0001-db-disk-full.md")
    assert "1.14.5" in ru.fields["trigger"]  # a version's dots do not end the clause
    waiting = one("# Postmortem: slow builds\n\n## Summary\n\nAfter about 30 minutes, builds failed again.\n\n## Impact\n\n"
                  "CI was red for an hour.\n", "slow-builds-postmortem.md")
    assert not waiting.fields["trigger"]  # time passing is no change


def test_a_change_named_as_the_reason_is_the_trigger():
    rec = one("# Downloads broken\n\n## Summary\n\nBetween 12:17 and 12:30 UTC all downloads were broken due to a "
              "deployment that contained a bug in the URL generation.\n", "downloads-postmortem.md")
    assert rec.fields["trigger"].startswith("a deployment that contained a bug")
    cause = one("# Downloads broken\n\n## Summary\n\nAll downloads were broken due to a full disk.\n", "disk-postmortem.md")
    assert not cause.fields["trigger"]  # a state is a cause, not a change that set it off


LEAK = """# Security incident with package uploads

Our upload token was exposed to all maintainers.

## Response timeline

- 2025-04-01 12:10 UTC: Downstream projects were also notified about the upcoming patch release.
- 2025-04-01 13:35 UTC: An auditor and their contractor notified `pkg-forge` of the leaked token.
- 2025-04-01 14:15 UTC: The core team disabled the token and stopped uploads.
- 2025-04-01 22:20 UTC: We deployed a new token and restarted uploads.
"""


def test_being_notified_of_the_problem_is_how_it_was_found_and_notifying_others_is_not():
    rec = one(LEAK, "2025-04-02-security-incident.md")
    assert rec.fields["detection"].startswith("An auditor and their contractor notified")
    assert rec.fields["detected_at"] == "13:35"
    told = one("# Outage postmortem\n\n## Timeline\n\n- 09:00: Deploy of v2 finished.\n- 09:20: We received several "
               "reports of failed logins from support.\n- 09:40: Rolled back v2; logins recovered.\n", "outage-postmortem.md")
    assert told.fields["detection"].startswith("We received several reports")


def test_how_it_was_fixed_under_more_headings_and_in_russian_prose():
    taken = one("# Update on the registry incident\n\n## Root Cause\n\nA user uploaded packages under a reserved name.\n\n"
                "## Action Taken\n\nThe user's IP address was banned immediately.\n", "registry-incident.md")
    assert "was banned immediately" in taken.fields["resolution"]
    applied = one("# Incidente: publisher sem conexão\n\nData: 2026-03-02\n\n## Causa raiz\n\nO publisher abria a conexão "
                  "cedo demais.\n\n## Mudança aplicada\n\n- abrir publisher com `lazyConnect: true`\n", "incidente-publisher.md")
    assert "lazyConnect" in applied.fields["resolution"]
    ru = one("# Инцидент 0002 — переполнение тома\n\nДата: 2026-09-18\n\n## Сводка\n\nБаза ушла в CrashLoopBackOff: том "
             "заполнен. Том увеличен до 3 GiB, кластер восстановлен.\n\n## Влияние\n\nСервис недоступен ~5 минут.\n",
             "incident-0002-volume.md")
    assert "Том увеличен до 3 GiB" in ru.fields["resolution"]


def test_labels_read_past_a_stage_number_and_a_non_breaking_hyphen():
    from lorebook import vocab
    assert vocab.norm_label("Post\u2011Update Validation") == "post-update validation"
    assert vocab.norm_label("Phase 4: Validation") == "validation"
    assert vocab.norm_label("Étape 2 : Vérification") == "vérification"
    assert vocab.norm_label("Impact – users") == "impact users"  # an en dash still separates words


def test_how_to_tell_it_worked_under_more_headings_and_as_an_infinitive_step():
    post = one("# Update and maintenance runbook\n\n## Steps\n\n1. Stop the VMs.\n2. Apply the updates.\n3. Reboot the host.\n\n"
               "## Post\u2011Update Validation\n\n- **Backups:** Trigger a small test backup job to confirm nothing broke.\n",
               "update-maintenance-runbook.md")
    assert any("test backup job" in v for v in post.fields["verification"])
    pt = one("# Runbook: alertas críticos\n\n## Procedimento Geral\n\n1. Confirmar o alerta no painel.\n2. Seguir a ação "
             "primária do alerta.\n\n## Indicadores de Recuperação\n\n- Taxa de erro < 0,8% por ao menos 15 minutos.\n",
             "runbook-alertas-criticos.md")
    assert any("Taxa de erro" in v for v in pt.fields["verification"])
    step = one("# Runbook: incidente geral\n\n## Checklist de resposta\n\n1. Abrir o canal do incidente.\n2. Identificar o "
               "último deploy.\n3. Reverter para o último deploy estável.\n4. Validar recuperação com smoke "
               "(`/api/health/live`, `/api/health/ready`).\n5. Registrar a linha do tempo.\n", "runbook-incidente-geral.md")
    assert any("/api/health/live" in v for v in step.fields["verification"])


def test_inline_commands_run_by_task_runners_scripts_and_with_environment_assignments():
    rec = one("# Runbook: failed release\n\n## Procedure\n\n1. Fix the build, then run `task quartz:build` again.\n"
              "2. Execute `scripts/finops/rollback_and_tag.py rollback` with the affected release.\n"
              "3. Roll back with `IMAGE_TAG=<previous> $DC up -d api worker`.\n4. Tell the team in `#ops`.\n",
              "runbook-failed-release.md")
    commands = [c for s in rec.fields["steps"] for c in s["commands"]]
    assert "task quartz:build" in commands
    assert "scripts/finops/rollback_and_tag.py rollback" in commands
    assert "IMAGE_TAG=<previous> $DC up -d api worker" in commands
    assert "#ops" not in commands  # a channel is no command


def test_a_summary_that_names_the_root_cause_leads_the_root_cause_section():
    rec = one("# Regression: FS0229 in type metadata\n\n## Summary\n\nBuilds fail with `FS0229`. The root cause is a stream "
              "alignment bug in the pickler.\n\n## Root cause\n\nThe compiler writes two streams; one entry was written to "
              "stream B unconditionally.\n", "regression-postmortem.md")
    assert rec.fields["root_cause"].startswith("The root cause is a stream alignment bug in the pickler.")
    assert "written to stream B unconditionally" in rec.fields["root_cause"]
    assert "stream alignment bug" in cited(rec, "root_cause") and "unconditionally" in cited(rec, "root_cause")
    plain = one("# Outage postmortem\n\n## Summary\n\nThe API returned 500s for 20 minutes.\n\n## Root cause\n\nA full disk.\n",
                "api-outage-postmortem.md")
    assert plain.fields["root_cause"] == "A full disk."
    labelled = one("# 에뮬레이터 멈춤 장애\n\n## 요약\n\n- **영향:** 3일간 화면 연결 불가\n- **근본 원인:** 에뮬레이터 프로세스가 종료되지 "
                   "않은 채 멈췄다.\n\n## 원인\n\n처음 멈춘 원인은 미확인이다. 생존 판정이 adb 전송 상태 하나뿐이었다.\n",
                   "2026-10-01-emulator-hang-incident.md")
    assert labelled.fields["root_cause"].startswith("에뮬레이터 프로세스가 종료되지 않은 채 멈췄다.")
    assert "생존 판정이" in labelled.fields["root_cause"]


TOML_POST = """+++
path = "inside/2023/02/08/dns-outage"
title = "DNS Outage on 2023-01-25"
authors = ["Jan Nose"]
date = 2023-02-08

[extra]
team = "The Infrastructure Team"
+++

On Wednesday, 2023-01-25 at 09:15 UTC, we deployed changes to the production infrastructure.
Users experienced build failures during this time, because packages could not be downloaded.

## Resolution

We rolled back the change at 10:40 UTC and downloads recovered.
"""


def test_toml_front_matter_is_front_matter_and_every_line_keeps_its_number():
    from lorebook.sources.markdown import parse, toml_front_matter
    from lorebook.sources.reader import source_from_text
    fm, closing = toml_front_matter(TOML_POST)
    assert fm["title"] == "DNS Outage on 2023-01-25" and fm["date"] == "2023-02-08" and closing == 9
    doc = parse(source_from_text("raw/dns-outage.md", TOML_POST))
    assert doc.front_matter["authors"] == ["Jan Nose"] and (doc.front_matter_span.start, doc.front_matter_span.end) == (1, 9)
    first = next(b for b in doc.root.blocks if b.kind == "paragraph")
    assert first.span.start == 11 and "+++" not in first.text  # the story, not the TOML, opens the body
    rec = one(TOML_POST, "dns-outage-postmortem.md")
    assert "build failures" in rec.fields["impact"]
    assert "+++" not in " ".join(str(v) for v in rec.fields.values())
    # a block TOML cannot read stays text, as before
    assert toml_front_matter("+++\nthis is = = not toml\n+++\n\nBody.\n") is None
    assert toml_front_matter("+++\n" + "[" * 5000 + "\n+++\n") is None  # nesting bomb: refused, not a crash


def test_impact_reads_its_table_and_the_summary_line_that_labels_it():
    rec = one("# Incident report: database loss\n\n## Incident summary\n\n- **Impact:** Complete production database loss "
              "(14 users affected)\n- **Duration:** ~11 hours\n\n## Impact\n\n| Area | Effect |\n|---|---|\n| User impact | "
              "The app showed a red \"Failed to load\" box |\n| Data | none lost |\n\nAvailability was 99.5 % for the month.\n",
              "incident-report-db-loss.md")
    assert rec.fields["impact"].startswith("Complete production database loss (14 users affected)")
    assert "Failed to load" in rec.fields["impact"] and "Availability was 99.5" in rec.fields["impact"]
    assert "14 users affected" in cited(rec, "impact") and "Failed to load" in cited(rec, "impact")


def test_options_under_more_headings():
    scen = one("# 7. Deployment strategy\n\n## Status\n\nAccepted\n\n## Context\n\nThe calculator must reach partners.\n\n"
               "### Potential Scenarios\n\n#### 1. Deployment via HTTP or SFTP\n\nWe upload a bundle.\n\n#### 2. Hosting a web "
               "server on our side\n\nWe run it.\n\n## Decision\n\nWe host on our side.\n", "0007-deployment-strategy.md")
    assert [o["name"] for o in scen.fields["options"]][:2] == ["Deployment via HTTP or SFTP", "Hosting a web server on our side"]
    ja = one("# ADR-388: 短いコンテンツの要約ジョブ\n\n## ステータス\n\n承認\n\n## 決定\n\nスキップとして扱う。\n\n### 検討した代替案\n\n"
             "| 案 | 結果 | 理由 |\n|---|---|---|\n| 全文取得 API | 不採用 | API 非対応 |\n| スクレイピング | 不採用 | 規約違反 |\n",
             "000388-adr.md")
    assert any("スクレイピング" in o["name"] for o in ja.fields["options"])


GROUPED = """# ADR-001: Keycloak as identity provider

## Status

Akzeptiert

## Entscheidung

Wir verwenden Keycloak.

## Alternativen

### Alternative A: Keycloak

**Pro**:
- ✅ Self-hosted

### Alternative B: Auth0 (SaaS)

**Beschreibung**: Managed Identity Provider (Cloud-Service).

**Pro**:
- Keine Infrastruktur-Verwaltung

**Contra**:
- **Kosten**: ~23€/Monat für 1000 MAUs
- ❌ **DSGVO-Bedenken**: US-Server

**Entscheidung**: Abgelehnt - Kosten, Datenschutz-Bedenken für Schulprojekt
"""


def test_an_options_grouped_pros_and_cons_and_its_verdict_are_its_reasons():
    rec = one(GROUPED, "ADR-001-keycloak.md")
    auth0 = next(o for o in rec.fields["options"] if o["name"].startswith("Auth0"))
    assert auth0["outcome"] == "rejected"
    assert "Good: Keine Infrastruktur-Verwaltung" in auth0["reasons"]
    assert any(r.startswith("Bad: Kosten") for r in auth0["reasons"]) and any("DSGVO" in r for r in auth0["reasons"])
    assert "Verdict: Abgelehnt - Kosten, Datenschutz-Bedenken für Schulprojekt" in auth0["reasons"]


def test_chinese_headings_that_name_the_problem_before_the_part():
    rec = one("# 2026-05-14 · 面板输入消失 事故复盘\n\n## 问题现象\n\n输入完全不显示，只能强关终端窗口。\n\n## 问题原因\n\n"
              "onPaste 在 input mode 下丢字符。\n\n## 行动\n\n**本案最终修复**：\n\n- `onPaste` 在 input mode 下接受字符流\n",
              "2026-05-14-input-postmortem.md")
    assert "输入完全不显示" in rec.fields["impact"]
    assert "丢字符" in rec.fields["root_cause"]
    assert "接受字符流" in rec.fields["resolution"]


def test_a_decision_dated_in_html_bold_or_in_a_closing_signature():
    html = one("# 004: 秘密鍵管理\n\n## Orchestrator Pattern による秘密鍵管理\n\n<b>日時: 2025-06-17</b>\n\n### ステータス\n承認済み\n\n"
               "### 決定\n\nOrchestrator を使う。\n", "004-private-key-management.md")
    assert html.fields["date"] == "2025-06-17"
    footer = one("# ADR-0005: Redis 캐시 전략\n\n## 상태\n\n승인\n\n## 결정\n\nCache-Aside 를 쓴다.\n\n---\n\n> 작성일: 2025-12-23\n",
                 "0005-redis-cache-strategy.md")
    assert footer.fields["date"] == "2025-12-23"
    assert "작성일: 2025-12-23" in cited(footer, "date")
    undated = one("# ADR-0006: Queue\n\n## Status\n\nAccepted\n\n## Decision\n\nOne queue.\n\n> Note: see ADR-0005.\n", "0006-queue.md")
    assert not undated.fields["date"]


MKDOCS = """---
title: Maximum upload size
---

# Maximum upload size { #upload_size_limit_configure}

## Введение

Здесь представлены инструкции по настройке максимально допустимого размера загружаемых файлов.

## Настройка {: .pageBreakBefore }

1. Откройте для редактирования файл `/etc/nginx/site.conf`: {: .pageBreakBefore }
2. Установите лимит с помощью директивы `client_max_body_size`.
3. Перезагрузите NGINX: `systemctl reload nginx`
4. Убедитесь, что файл размером 500 МБ загружается.
"""


def test_mkdocs_attribute_lists_are_not_text_and_russian_introductions_and_checks_are_read():
    from lorebook.utilities import plain
    assert plain("Откройте файл: {: .pageBreakBefore }") == "Откройте файл:"
    assert plain("use `{ .x }` here") == "use { .x } here" and plain("set {a: 1}") == "set {a: 1}"
    rec = one(MKDOCS, "upload-size-runbook.md")
    assert "{" not in rec.fields["steps"][0]["title"]
    assert "инструкции по настройке" in rec.fields["overview"]
    assert any("Убедитесь" in v for v in rec.fields["verification"])


def test_a_russian_question_drops_its_function_words():
    from lorebook.query.analysis import analyse
    assert analyse("Какие службы нужно остановить перед восстановлением базы данных?").question.subject == [
        "службы", "остановить", "восстановлением", "базы", "данных"]
    assert "нужно" not in analyse("Что нужно указать при восстановлении через make?").question.subject


def test_a_hyphenated_compound_of_intent_words_is_one_subject_word():
    from lorebook.query.analysis import analyse
    assert "signups" in analyse("The 429 alert fired but the sign-ups were genuine. What should we change?").question.subject
    assert "runstate" in analyse("What is the downside of adopting the run-state model?").question.subject
    assert analyse("What error shows up when clicking Google login in the in-app browser?").question.subject.count("app") == 1
    assert "followups" not in analyse("What are the follow-ups from the outage?").question.subject


def test_an_alert_runbooks_resolutions_are_its_steps():
    rec = one("# TooManyRequests\n\nMEDIUM\n\n## Description\n\nAlerts when the API has responded with a 429 status code.\n\n"
              "## Potential Causes\n\nA spike in sign ups.\n\n## Resolutions\n\nCheck the Grafana panel for an indication of what’s "
              "going on.\n\nIf the sign ups are legitimate, increase the rate limiting threshold in the API.\n",
              "runbooks/too-many-requests.md")
    assert rec.fields["steps"][0]["title"].startswith("Check the Grafana panel")
