"""Postmortem shapes met on a fresh set of unseen incident write-ups (round "fieldspm", docs/fidelity.md).

Each note is ours, written in the shape the real ones took; the real ones stay outside the project.
"""

from __future__ import annotations

from test_unseen_shapes import cited, one


def _times(rec) -> list[str]:
    return [e["time"] for e in rec.fields["timeline"]]


def test_month_first_dates_in_a_timeline_read_the_ambiguous_ones_the_same_way():
    rec = one("# Wallet shows clickable links\n\n## Issue Summary\n\nLinks in metadata were clickable.\n\n"
              "## Timeline (all times PST) 04/26/2024 - 05/01/2024\n\n"
              "04-26-2024 - The issue was disclosed to our team.\n\n"
              "04-29-2024 - The fix was merged.\n\n"
              "05-01-2024 - Version 2.3.0 was released with the fix.\n")
    assert _times(rec) == ["2024-04-26", "2024-04-29", "2024-05-01"]  # 05-01 is May 1, as 04-26 says
    assert "disclosed" in rec.fields["detection"]


def test_day_first_dates_and_clock_entries_grouped_under_a_date_line():
    rec = one("# Chain stall\n\n## Timeline\n\n26-04-2024\n\n7:32 PM - The chain stalled.\n\n7:42 PM - Blocks again.\n\n"
              "05-06-2024 - Release with the fix.\n")
    assert _times(rec) == ["2024-04-26 19:32", "2024-04-26 19:42", "2024-06-05"]


def test_an_ambiguous_numeric_date_with_nothing_to_settle_it_stays_as_written():
    rec = one("# Outage\n\n## Timeline\n\n05-01-2024 - deploy\n\n05-02-2024 - rollback\n")
    assert _times(rec) == ["05-01-2024", "05-02-2024"]  # January 5 or May 1: not guessed
    assert rec.fields["date"] is None


def test_times_the_author_could_only_bound_are_still_entries():
    rec = one("# PM-7: el despliegue no arrancaba\n\n## Línea de tiempo\n\n"
              "- 08:40 — se declara el blueprint\n"
              "- antes de las 18:40 — despliegue 1: nginx no arranca\n"
              "- entre 18:40 y 18:45 — despliegue 2: el backend aborta\n"
              "- 18:54 — servicio en vivo\n\n"
              "## Resumen\n\nFallaron dos despliegues. Se resolvió pasando los valores a literales con esquema.\n")
    assert [e["time"] for e in rec.fields["timeline"]] == ["08:40", "18:40", "18:40", "18:54"]
    assert "literales con esquema" in rec.fields["resolution"]


def test_a_key_value_table_gives_impact_and_duration_and_a_recovery_time_is_no_resolution():
    rec = one("# 장애 보고서 — 게이트웨이 지연\n\n| 항목 | 내용 |\n|---|---|\n| 발생 일시 | 2024-11-15 14:23 KST |\n"
              "| 복구 일시 | 2024-11-15 15:41 KST |\n| 영향 시간 | 78분 |\n| 영향 범위 | 전체 API 응답 지연 |\n| 심각도 | SEV-2 |\n\n"
              "## 타임라인\n\n- **14:23** — 알람 발생\n- **15:41** — 정상 복귀\n")
    f = rec.fields
    assert f["duration_minutes"] == 78 and f["duration_source"] == "stated"
    assert "전체 API" in f["impact"] and "영향 범위" in cited(rec, "impact")
    assert f["resolution"] == ""  # "복구 일시" says when it recovered, not how
    assert f["severity"] == "SEV-2"


def test_a_label_another_field_names_more_closely_is_that_field():
    rec = one("# Postmortem: 升级后纹理丢失\n\n**严重级别**: P1 (High - 核心视觉效果失效)\n**发生时间**: 2026-01-12\n"
              "**影响时长**: ~2 小时\n\n## 事故详情\n\n- **用户影响**: 所有用户看到白色方块\n")
    f = rec.fields
    assert f["severity"] == "P1"
    assert f["duration_minutes"] == 120
    assert "白色方块" in f["impact"] and "小时" not in f["impact"]


def test_symptoms_are_the_impact_and_a_title_may_state_the_length():
    rec = one("# March 2021 - Media server outage for approximately 2 weeks\n\n### Issues Found:\n\n"
              "* Remote access kept dropping\n* Local access stopped working\n\n### Steps to Resolution:\n\n"
              "* Changed the external ports\n")
    f = rec.fields
    assert "Remote access kept dropping" in f["impact"]
    assert f["duration_minutes"] == 14 * 24 * 60 and f["duration_source"] == "stated"
    assert "external ports" in f["resolution"]


def test_a_bug_that_caused_the_outage_is_the_root_cause():
    rec = one("# Scheduler stall\n\n## Issue Summary\n\nThe scheduler skips peaks it thinks are stale.\n\n"
              "A bug in this check caused a stall when two peaks arrived together.\n\n"
              "## Timeline\n\n- 7:32 PM - The chain stalled.\n- 7:42 PM - Blocks again.\n\n"
              "## Resolution\n\nThe schedulers were restarted.\n")
    assert rec.document.kind == "incident"
    assert rec.fields["root_cause"].startswith("A bug in this check caused a stall")


def test_links_under_an_action_item_are_its_references():
    rec = one("# Wrapper broke sites\n\n## Action Items\n\n- Add integration tests for the wrapper\n"
              "    - https://example.com/pull/1\n    - [PR 2](https://example.com/pull/2)\n"
              "- Verify releases reach the CDN\n")
    assert [a["text"] for a in rec.fields["action_items"]] == ["Add integration tests for the wrapper", "Verify releases reach the CDN"]


def test_a_date_written_as_a_span_of_days_is_its_first_day():
    rec = one("# Post-Mortem: SDK wrapper\n\n**Date:** January 14-19, 2026\n\n**Severity:** Critical\n\n## Summary\n\nSites broke.\n")
    assert rec.fields["date"] == "2026-01-14"


def test_two_entries_at_the_same_minute_bound_no_duration():
    rec = one("# Blip\n\n## Timeline\n\n- 10:00 errors start\n- 10:00 resolved by a restart\n")
    assert rec.fields["duration_minutes"] is None


def test_front_matter_detected_at_dates_the_incident():
    rec = one("---\ndocument: postmortem\ndetected_at: 2026-09-09T18:40:00-03:00\n---\n\n# PM-1: deploy failed\n\n"
              "## Resumen\n\nEl despliegue falló.\n\n## Impacto\n\nNingún usuario afectado.\n\n"
              "## Línea de tiempo\n\n- 18:40 — despliegue 1 falla\n- 18:54 — servicio en vivo\n")
    assert rec.document.kind == "incident"
    assert rec.fields["date"] == "2026-09-09"


def test_plain_text_labels_on_their_own_line_and_times_above_their_events():
    rec = one("# Postmortem: login failures\n\nImpact:\nOne login in three failed for two hours.\n\nRoot Cause:\n"
              "A load balancer rule rejected valid requests.\n\n## Timeline\n\n10:00 AM:\n\nDetection: monitoring alert on failed logins.\n"
              "10:45 AM:\n\nEscalation: network team paged.\n12:00 PM:\n\nResolution: the rule was corrected.\n")
    f = rec.fields
    assert f["impact"] == "One login in three failed for two hours."
    assert f["root_cause"] == "A load balancer rule rejected valid requests."
    assert [(e["time"], e["event"]) for e in f["timeline"]] == [
        ("10:00", "Detection: monitoring alert on failed logins."), ("10:45", "Escalation: network team paged."),
        ("12:00", "Resolution: the rule was corrected.")]


def test_times_counted_from_the_start_and_steps_taken_are_the_resolution():
    rec = one("# Incident: health check misconfiguration\n\n## 1. Affected services\n\n* Gateway 2 marked unhealthy\n\n"
              "## 2. Customer impact\n\n* Customers could not check out.\n\n## 3. Timeline\n\n1. **T-0**: health check changed.\n"
              "2. **T+2m**: gateway 2 marked unhealthy.\n3. **T+8m**: order service circuit breaker opened.\n\n"
              "## 4. Remediation steps taken\n\n* Overrode the health check state of gateway 2.\n\n"
              "## 5. Follow-up actions\n\n* Validate health checks before deploying.\n* Alert on unbalanced gateway traffic.\n")
    f = rec.fields
    assert "could not check out" in f["impact"]  # the heading that names the impact most closely
    assert [e["time"] for e in f["timeline"]] == ["T-0", "T+2m", "T+8m"]
    assert "Overrode the health check" in f["resolution"]
    assert [a["text"] for a in f["action_items"]] == ["Validate health checks before deploying.", "Alert on unbalanced gateway traffic."]


def test_a_spanish_bold_lead_names_the_trigger():
    rec = one("# PM-2: la API no arrancaba\n\n## Línea de tiempo\n\n- 10:02 — despliegue\n- 10:20 — servicio en vivo\n\n"
              "## Causas contribuyentes\n\n- **Disparó el fallo:** una variable sin esquema en el blueprint.\n"
              "- **Le permitió llegar:** nadie verificó el blueprint antes.\n")
    assert rec.fields["trigger"] == "una variable sin esquema en el blueprint."
