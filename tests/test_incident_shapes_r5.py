"""Postmortem shapes met on a fifth fresh set of unseen incident write-ups (round "pm5b", docs/performance.md).

Each note is ours, written in the shape the real ones took; the real ones stay outside the project.
"""

from __future__ import annotations

from test_unseen_shapes import cited, one

from lorebook import vocab


# --- which kind: a write-up with numbered sub-sections, in other languages ---


def test_sections_named_after_the_incident_word_name_their_part():
    rec = one("# 결제 API 오류\n\n## 발생 일시\n\n2025-03-02 10:12\n\n## 장애 현상\n\n결제 요청이 500을 돌려주었다.\n\n"
              "## 장애 원인 분석\n\n커넥션 풀이 고갈되었다.\n\n## 해결 방법\n\n1. 풀 크기를 늘렸다.\n2. 재배포했다.\n")
    f = rec.fields
    assert rec.document.kind == "incident"
    assert "커넥션 풀" in f["root_cause"] and "커넥션 풀" in cited(rec, "root_cause")
    assert f["date"] == "2025-03-02" and "2025-03-02" in cited(rec, "date")  # a "when it happened" section holds the date
    assert vocab.label_matches(vocab.norm_label("Outage timeline"), vocab.labels("incident", "timeline")) == "timeline"
    assert vocab.label_matches(vocab.norm_label("故障现象"), vocab.INCIDENT_SYMPTOMS) in ("现象", "故障现象")


def test_numbered_sub_sections_of_a_case_report_still_say_incident():
    body = "\n".join(f"```bash\nkubectl get pods -n x{i}\n```\n" for i in range(6))
    rec = one("# 案例 7：缓存节点内存不足\n\n## 1 问题描述\n\n### 1.1 故障现象\n\n缓存节点反复重启。\n\n### 1.2 影响范围\n\n下单接口超时。\n\n"
              f"## 2 故障排查过程\n\n### 2.1 初步诊断\n\n{body}\n### 2.3 根因分析\n\n内存限制过小。\n\n"
              "## 3 解决方案\n\n提高内存限制。\n\n## 4 验证与恢复\n\n### 4.1 验证步骤\n\n节点不再重启。\n\n"
              "## 5 预防措施\n\n1. 上线前做容量评估\n2. 配置内存告警\n\n## 6 经验总结\n\n- 限制要按峰值设置\n")
    assert rec.document.kind == "incident", rec.document.kind_reason
    assert "内存限制" in rec.fields["root_cause"]


def test_an_assignment_in_backticks_is_not_a_command():
    rec = one("# Relatório: ETL parado em setembro\n\n## Causa raiz\n\nO workflow nunca teve agendamento.\n\n"
              "## Correções\n\n- `input_date = \"\"` no modo automático\n- `recall_date = D+7` para a primeira tarefa\n"
              "- `limit = 50` por página\n\n## Ações pendentes\n\n- Reprocessar setembro\n")
    assert rec.document.kind == "incident", rec.document.kind_reason


def test_a_suspected_cause_is_the_cause_when_nothing_states_one_outright():
    rec = one("# Postmortem: feed stalled\n\n## Timeline\n\n- 09:00 feed stalled\n- 09:40 feed back\n\n"
              "## Suspected cause\n\nThe broker dropped idle connections.\n")
    assert "dropped idle connections" in rec.fields["root_cause"]
