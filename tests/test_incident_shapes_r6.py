"""Incident shapes from a fresh unseen set's dev half: the write-up's own creation date, a total-time line in
Chinese or Korean, and a length stated in brackets beside the date."""

from __future__ import annotations

from test_unseen_shapes import cited, one


def test_the_day_a_case_write_up_was_created_dates_it_when_nothing_closer_does():
    rec = one("# 案例 K-006：K3s 证书过期问题\n\n> **案例编号**：K-006\n> **严重程度**：严重\n> **创建日期**：2025-11-13\n\n"
              "## 1 问题描述\n\n### 1.1 故障现象\n\n- K3s API Server 无法访问\n\n### 2.3 根因分析\n\n证书已过期。\n")
    assert rec.kind == "incident" and rec.fields["date"] == "2025-11-13"


def test_a_stated_incident_day_still_wins_over_the_creation_date():
    rec = one("# Postmortem: cache outage\n\n- **Date:** 2025-03-02\n- **Created:** 2025-03-09\n\n## Root cause\n\nA full disk.\n")
    assert rec.fields["date"] == "2025-03-02"


def test_a_total_time_line_states_the_duration():
    rec = one("# 案例 K-007：控制平面高负载\n\n> **创建日期**：2025-11-15\n\n## 2.3 根因分析\n\netcd 写入过多。\n\n"
              "## 4 验证与恢复\n\n- **总耗时**：35 分钟\n")
    assert (rec.fields["duration_minutes"], rec.fields["duration_source"]) == (35, "stated")
    rec = one("# 장애 보고서: 결제 지연\n\n- **발생일**: 2025-01-02\n- **총 소요 시간**: 40분\n\n## 원인\n\n배포 오류.\n")
    assert rec.fields["duration_minutes"] == 40


def test_a_length_in_brackets_beside_the_date_is_the_duration():
    rec = one("# INCIDENT #810: API servers overloaded\n\n## Summary\n- **Date:** April 25-26, 2025 (9 hours, 22 minutes)\n"
              "- **Root Cause:** a retry storm\n")
    assert (rec.fields["duration_minutes"], rec.fields["duration_source"]) == (562, "stated")
    rec = one("# INCIDENT #866: realtime API 500s\n\n## Summary\n- **Date:** June 2, 2025 (1 hour, 4 minutes duration)\n"
              "- **Root Cause:** a bad deploy\n")
    assert rec.fields["duration_minutes"] == 64


def test_a_numbered_action_with_a_bold_label_keeps_its_bullets_as_details():
    """'1. **资源规划**：' over three bullets is one action; '- Monitoring:' over bullets still lists each bullet."""
    rec = one("# 事故：控制平面高负载\n\n**发生日期**：2025-11-15\n\n## 根因分析\n\netcd 写入过多。\n\n## 预防措施\n\n"
              "1. **资源规划**：\n   - 合理规划控制平面资源\n   - 预留足够的资源余量\n\n2. **监控告警**：\n   - 配置 CPU/内存告警\n")
    assert [a["text"] for a in rec.fields["action_items"]] == ["资源规划: 合理规划控制平面资源; 预留足够的资源余量", "监控告警: 配置 CPU/内存告警"]
    rec = one("# Postmortem: disk full\n\n**Date:** 2025-01-02\n\n## Root cause\n\nLogs filled the disk.\n\n## Action items\n\n"
              "1. **State the encoding**\n   Always write UTF-8 without a BOM.\n   - PowerShell: use UTF8Encoding\n   - Python: open(..., encoding='utf-8')\n")
    assert [a["text"] for a in rec.fields["action_items"]] == ["State the encoding: Always write UTF-8 without a BOM."]
    rec = one("# Postmortem: disk full\n\n**Date:** 2025-01-02\n\n## Root cause\n\nLogs filled the disk.\n\n## Action items\n\n"
              "- Monitoring:\n  - alert on disk at 80%\n  - dashboard for log volume\n")
    assert len(rec.fields["action_items"]) == 2


def test_an_ambiguous_date_in_the_title_is_read_the_way_the_document_writes_dates():
    day_first = ("# WhatsApp: historial perdido (05/10/2026)\n\nDos conversaciones del 01/10/2026.\n\n## Causa raíz\n\n"
                 "Desde el PR #186 (29/09) el webhook no guardaba nada; el último mensaje es del 29/09 18:39 UTC.\n")
    assert one(day_first).fields["date"] == "2026-10-05"
    month_first = "# Outage (05/10/2026)\n\nSee also the 12/24/2025 outage.\n\n## Root cause\n\nA full disk.\n"
    assert one(month_first).fields["date"] == "2026-05-10"
    assert one("# Outage (05/10/2026)\n\n## Root cause\n\nA full disk.\n").fields["date"] is None  # nothing tells: left empty


def test_an_impact_line_wins_over_an_earlier_affected_service_line():
    rec = one("# Incident Report: Production Outage - Error 500\n\n**Date:** December 15, 2025\n"
              "**Affected Service:** Production (mc-app.example.at)\n**Impact:** Complete production outage, site unreachable\n\n"
              "## Root Cause\n\nA corrupted nginx config.\n")
    assert "site unreachable" in rec.fields["impact"]


def test_fix_sections_named_in_more_ways_are_the_resolution():
    for heading, fix in (("## Solution appliquée", "Suppression des triggers obsolètes sur la table User."),
                         ("## Correções Aplicadas", "O Schedule Trigger foi adicionado ao workflow."),
                         ("## Permanent Fix (Applied)", "All colored output now goes to stderr.")):
        rec = one(f"# Incident: settings page fails, 2025-06-01\n\n## Root cause\n\nA stale trigger.\n\n{heading}\n\n{fix}\n")
        assert rec.fields["resolution"] == fix, heading


def test_a_lead_in_colon_takes_the_first_line_of_the_code_it_introduces():
    rec = one("# 장애 보고: 리더 히스토리 API\n\n## 발생 일시\n2024-05-04 15:28:32\n\n## 장애 현상\n"
              "`/history` API 호출 시 다음과 같은 예외 발생:\n\n```\norg.hibernate.LazyInitializationException: no Session\n```\n\n"
              "## 장애 원인 분석\n\n지연 로딩.\n")
    assert "LazyInitializationException" in rec.fields["impact"]
    assert [(s.start, s.end) for s in rec.cite("impact")] == [(7, 7), (10, 10)]


def test_a_priority_raised_in_the_story_is_the_severity_the_later_word_standing():
    rec = one("# INCIDENT #810: API servers overloaded\n\n- **Date:** April 25, 2025\n\n## Detection\n\n"
              "- Alert `HighCpuLoad95` fired at 10:00 PM\n- Initially classified as P4, upgraded to P2 on April 28\n")
    assert rec.fields["severity"] == "P2"
    assert one("# Postmortem: queue stall, 2025-01-02\n\n## Root cause\n\nThe p1 replica lagged.\n").fields["severity"] is None


def test_a_first_seen_line_dates_the_case_before_the_write_ups_creation_date():
    toc = "\n".join(f"- [第 {i} 节](#s{i})" for i in range(45))
    rec = one(f"# 案例 9：队列积压\n\n> **创建日期**：2025-06-20\n\n## 目录\n\n{toc}\n\n## 1 问题描述\n\n"
              "### 1.1 影响范围\n\n- **首次发现**：2025-06-18 08:40\n- **解决时间**：2025-06-18 10:10\n\n"
              "## 2 根因分析\n\n消费者崩溃。\n\n## 3 解决方案\n\n重启消费者。\n")
    assert rec.fields["date"] == "2025-06-18" and "2025-06-18" in cited(rec, "date")


_STATUS_POST = ("---\nlayout: post\ntitle: Login problems in the EU region\nstatus: Resolved\nseverity: outage\ndate: 2024-02-03 08:10\n"
                "resolvedDate: 2024-02-03 08:55\nupdates:\n- status: investigating\n"
                "  content: \"We are looking into login errors caused by a certificate rotation on our proxies.\"\n"
                "- status: resolved\n  content: \"Logins work again.\"\n---\nSorry for the trouble this morning.\n")


def test_a_status_posts_updates_in_its_front_matter_state_the_cause():
    rec = one(_STATUS_POST, "incidents/2024-02-03-login-problems.md")
    assert "certificate rotation" in rec.fields["root_cause"] and "certificate rotation" in cited(rec, "root_cause")


def test_a_status_posts_date_and_resolved_date_bound_the_duration():
    rec = one(_STATUS_POST, "incidents/2024-02-03-login-problems.md")
    assert rec.fields["duration_minutes"] == 45 and rec.fields["duration_source"] == "computed"


_CAMBIO = ("# Pedidos duplicados en el checkout (12/03/2026)\n\n## Qué pasó\n\nLos clientes vieron pedidos repetidos.\n\n"
           "## Causa raíz\n\nEl reintento del cliente HTTP no era idempotente.\n\n## Qué cambia\n\n"
           "| Capa | Archivo | Cambio |\n|---|---|---|\n| API | `pedidos.ts` | Clave de idempotencia `requestId` por pedido. |\n"
           "| Base | `migracion.sql` | Índice único sobre la clave. |\n\nEl camino viejo queda de respaldo.\n\n"
           "## Lo que queda\n\n- **Revisar los pedidos de marzo** con soporte\n"
           "- **Pedidos de Ana sin tocar** (los corrige el dueño):\n  - pedido 1 duplicado\n  - pedido 2 duplicado\n"
           "- Avisar a los clientes afectados\n")


def test_a_what_changes_section_told_as_a_table_is_the_resolution():
    rec = one(_CAMBIO)
    assert "requestId" in rec.fields["resolution"] and "requestId" in cited(rec, "resolution")


def test_what_remains_lists_the_action_items_and_a_bold_item_that_says_more_keeps_its_bullets():
    items = one(_CAMBIO).fields["action_items"]
    assert len(items) == 3, items
    assert "Pedidos de Ana" in items[1]["text"]


def test_a_time_window_that_times_something_other_than_the_outage_is_no_duration():
    rec = one("# Pedido perdido en el chat (05/10/2026)\n\nDos conversaciones de la clienta del 01/10/2026, 21:16 a 21:25 hora local "
              "(02/10 00:16-00:25 UTC).\n\n## Causa raíz\n\nEl webhook no guardaba los mensajes.\n\n## Solución\n\nGuardar fila por fila.\n")
    assert rec.kind == "incident" and not rec.fields.get("duration_minutes")


def test_a_time_window_in_a_sentence_about_the_outage_is_still_its_duration():
    rec = one("# Checkout outage\n\n## Summary\n\nCheckout was down 14:05-14:50 UTC for all buyers.\n\n"
              "## Root cause\n\nA bad deploy.\n")
    assert rec.fields["duration_minutes"] == 45


_RELATORIO = ("# Relatório: importação de pedidos parada\n\n## Resumo Executivo\n\nO job de importação estava desligado, "
              "o que causou a captura de apenas 3 de 40 pedidos em maio.\n\n## Causa raiz\n\nO job nunca teve agendamento.\n\n"
              "## Correções Aplicadas\n\nAgendamento diário adicionado.\n\n## Próximas Execuções Programadas\n\n"
              "| Data | Hora | Escopo |\n|---|---|---|\n| 2026-06-02 | 07:00 BRT | Pedidos de 2026-05-26 |\n"
              "| 2026-06-03 | 07:00 BRT | Pedidos de 2026-05-27 |\n| 2026-06-04 | 07:00 BRT | Pedidos de 2026-05-28 |\n")


def test_a_table_of_upcoming_scheduled_runs_is_no_timeline():
    rec = one(_RELATORIO)
    assert rec.kind == "incident" and rec.fields["timeline"] == []


def test_the_consequence_clause_of_the_summary_tells_the_impact():
    rec = one(_RELATORIO)
    assert "3 de 40" in rec.fields["impact"] and "3 de 40" in cited(rec, "impact")


def test_prevention_headings_in_other_languages_list_the_action_items():
    for head in ("Prévention", "Prevención", "Prävention", "예방 조치", "予防策"):
        rec = one(f"# Bug des paramètres\n\n## Cause racine\n\nUn trigger obsolète bloquait les mises à jour.\n\n"
                  f"## Solution appliquée\n\nSuppression du trigger.\n\n## {head}\n\n1. Migrer avec `prisma migrate`\n"
                  "2. Éviter les triggers manuels\n")
        assert [x["text"] for x in rec.fields["action_items"]][:1] == ["Migrer avec prisma migrate"], (head, rec.fields["action_items"])


def test_a_table_of_reproduced_errors_tells_the_impact():
    rec = one("# Fehleranalyse nach dem Schema-Update\n\nStand: 02.03.2026\n\n## Reproduzierte Fehler\n\n"
              "| Route | Fehlerklasse | Ergebnis |\n| --- | --- | --- |\n| `/kunden` | `P2022` | HTTP 500 |\n"
              "| `/rechnungen` | `P2021` | HTTP 500 |\n\nKeine weiteren Browserfehler festgestellt.\n\n"
              "## Ursache\n\nDie Datenbank war älter als das Schema.\n")
    assert "HTTP 500" in rec.fields["impact"] and "HTTP 500" in cited(rec, "impact")


def test_a_checklist_of_action_items_is_not_counted_again_with_a_prevention_list():
    rec = one("# Incident: site down after deploy\n\n## Root Cause\n\nThe deploy script wrote colour codes into the proxy config.\n\n"
              "## Action Items\n\n### Done\n- [x] Send colour output to stderr\n\n### To do\n- [ ] Validate the proxy config after deploy\n"
              "- [ ] Alert on proxy reload failures\n\n## Prevention Measures\n\n### Monitoring\n- Watch the proxy error log\n"
              "- Alert on reload failures\n\n### Script practice\n- Keep stdout clean\n")
    assert len(rec.fields["action_items"]) == 3, rec.fields["action_items"]


def test_a_fix_told_only_in_code_is_said_by_its_opening_comment():
    rec = one("# Incident: proxy returned 500\n\n## Root Cause\n\nThe config file held colour codes.\n\n## Immediate Fix\n\n"
              "### Proxy config restoration\n```bash\n# Rewrote the proxy config by hand with the current upstream addresses\n"
              "ssh host 'cat > /etc/proxy.conf'\nproxy -t && proxy reload\n```\n\n### Verification\n- Frontend answers 200\n")
    assert "Rewrote the proxy config" in rec.fields["resolution"] and "Rewrote the proxy config" in cited(rec, "resolution")
