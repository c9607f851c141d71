"""Incident shapes from a fresh unseen set's dev half (set7): who found it as a key line, Japanese sentences that
end at "。" with no space, a trigger told as "after X," in Chinese, "the driver was X", and a fix given as one shell
command continued over several lines; and runbook shapes: a singular "Pre-requisite" heading, "if you cannot resolve the issue, see:" over a list."""

from __future__ import annotations

from test_unseen_shapes import cited, one

HEAD = "# Netplan 文件冲突导致控制面失联\n\n**日期**: 2026-07-21\n**影响**: VPS 迁移后，多个 HTTPS 目标出现 TLS handshake timeout\n**发现人**: 用户\n\n"


def test_who_found_it_is_the_detection_even_in_two_characters():
    rec = one(HEAD + "## 根因\n\n清理列表遗漏了 `90-eth1.yaml`。\n")
    assert rec.fields["detection"] == "用户"
    rec = one("# Postmortem: queue backlog\n\n- **Date:** 2026-02-01\n- **Detected by:** the on-call engineer's own dashboard check\n\n"
              "## Root cause\n\nA stuck consumer.\n")
    assert "on-call engineer" in rec.fields["detection"]


def test_a_time_alone_is_still_not_a_value_in_any_script():
    rec = one("# 障害報告: キャッシュ停止\n\n| 項目 | 内容 |\n|---|---|\n| 発生日時 | 2026-04-15 23:28 |\n| 復旧日時 | 2026-04-16 00:26 |\n\n"
              "## 原因\n\nディスクが満杯になった。\n")
    assert not rec.fields.get("resolution")


def test_a_trigger_told_as_after_x_in_chinese():
    rec = one(HEAD + "## 根因\n\n清理列表遗漏了 `90-eth1.yaml`。\n")
    assert rec.fields["trigger"] == "VPS 迁移后"
    rec = one("# 控制面失联\n\n**日期**: 2026-07-21\n\n## 问题\n\n把 Lima VM 内存从 14G 改为 10G 后执行 `task lima:sync` 重启实例。"
              "VM 进程正常 Running。\n\n## 根因\n\n配置冲突。\n")
    assert "task lima:sync" in rec.fields["trigger"]


def test_time_passing_is_no_trigger():
    rec = one("# 控制面失联\n\n**日期**: 2026-07-21\n\n## 问题\n\n一段时间后，节点无法访问。\n\n## 根因\n\n配置冲突。\n")
    assert not rec.fields.get("trigger")


def test_the_driver_was_x_names_the_trigger():
    rec = one("# Incident: Places API cost climb\n\n## Summary\n\nSpend climbed month over month. The driver was bot traffic, "
              "not real users: headless crawlers scrolled event pages.\n\n## Root cause\n\nThe cache barely helped.\n")
    assert rec.fields["trigger"].startswith("bot traffic")


def test_a_japanese_recovery_sentence_inside_a_summary_is_the_resolution():
    """'。' ends a sentence with no space after it, so "復旧は (1) … (2) …" is found as its own sentence; the
    '復旧日時' row (when it recovered) is not how."""
    rec = one("# ポストモーテム: mTLS 証明書期限切れ\n\n| 項目 | 内容 |\n|---|---|\n| 発生日時 | 2026-04-15 23:28 |\n"
              "| 復旧日時 | 2026-04-16 00:26 (JST)（BFF restart 後、cert expired ログ 0/分） |\n\n## サマリー\n\n"
              "証明書が期限切れを迎えた。直接の原因は renewer が稼働していなかったこと。"
              "復旧は (1) 期限切れ cert を削除、(2) shell cert-init を再作成、という手順で約 1 分で達成。\n\n## 根本原因\n\nrenewer 不在。\n")
    assert rec.fields["resolution"].startswith("復旧は") and "cert-init" in rec.fields["resolution"]
    assert "BFF restart" not in rec.fields["resolution"]


def test_a_fix_given_as_one_command_over_several_lines_keeps_all_of_it():
    rec = one("# VPS MSS 黑洞\n\n**日期**: 2026-07-08\n\n## 根因\n\n路径 MTU 变小。\n\n## 修复\n\n临时恢复方式：\n\n```bash\n"
              "iptables -t mangle -I POSTROUTING 1 \\\n  -o eth0 -p tcp --tcp-flags SYN,RST SYN \\\n  -j TCPMSS --set-mss 1436\n```\n")
    assert "--set-mss 1436" in rec.fields["resolution"]
    assert "--set-mss 1436" in cited(rec, "resolution")  # the citation spans the continued lines too


def test_a_singular_pre_requisite_heading_lists_the_prerequisites():
    rec = one("# Runbook: scale up the Patroni cluster\n\n## Pre-requisite\n\n- Patroni\n- Terraform\n\n## Steps\n\n"
              "1. Add the node in Terraform: `tf apply`\n2. Start patroni: `sudo systemctl start patroni`\n")
    assert rec.kind == "runbook" and len(rec.fields["prerequisites"]) == 2


def test_triggered_by_in_any_language_names_the_trigger():
    cases = {
        "# Outage: checkout\n\n## Summary\n\nA 40-minute outage triggered by a config push to the edge proxies.\n\n## Root cause\n\nA typo.\n":
            "a config push to the edge proxies",
        "# Störung: Checkout\n\n## Zusammenfassung\n\nDer Ausfall wurde ausgelöst durch ein fehlerhaftes Deployment.\n\n## Ursache\n\nEin Tippfehler.\n":
            "ein fehlerhaftes Deployment",
        "# Incidente: checkout\n\n## Resumen\n\nLa caída fue desencadenada por una migración de la base de datos.\n\n## Causa raíz\n\nUn índice.\n":
            "una migración de la base de datos",
        "# 障害: 決済\n\n## 概要\n\n証明書の期限切れをきっかけに、全 API が失敗した。\n\n## 原因\n\nrenewer 不在。\n": "証明書の期限切れ",
    }
    for text, trigger in cases.items():
        assert one(text).fields["trigger"].startswith(trigger), text[:30]


def test_business_and_service_impact_sections_are_the_impact():
    rec = one("# Postmortem: checkout outage\n\n**Date:** 2026-03-02\n\n## Business impact\n\n"
              "About 1,200 orders could not be placed.\n\n## Root cause\n\nAn expired certificate.\n")
    assert "1,200 orders" in rec.fields["impact"]
    rec = one("# 事故报告：支付超时\n\n**日期**：2026-03-02\n\n## 业务影响\n\n约 1200 笔订单失败。\n\n## 根因\n\n证书过期。\n")
    assert "1200 笔订单" in rec.fields["impact"]


def test_if_you_cannot_resolve_it_see_these_resources_is_the_escalation():
    rec = one("# DiskPressureOnBuildAgents\n\n## Meaning\n\nThis alert fires when a build agent has under 10% free disk.\n\n"
              "## Diagnosis\n\n1. Check the free space: `df -h /var/lib/docker`\n\n## Mitigation\n\nPrune old layers.\n\n"
              "If you cannot resolve the issue, see the following resources:\n\n- [Build team help](https://example.org/help)\n"
              "- #build-infra Slack channel\n")
    assert rec.kind == "runbook"
    assert rec.fields["escalation"] == ["Build team help", "#build-infra Slack channel"]


def test_a_timeline_entry_labelled_as_the_fix_is_the_resolution():
    """With no Resolution section, 'Fix applied: …' in the timeline says how it was fixed; a story that tried a
    wrong fix first labels the one that worked last."""
    rec = one("# Postmortem: trace export broken\n\n## Summary\n\nThe fix was committed and the image rebuilt, but traces "
              "still did not arrive.\n\n## Timeline\n\n| Time | Event |\n|---|---|\n| 2026-07-19 10:00 | Fix applied: default endpoint "
              "changed in code |\n| 2026-07-24 16:00 | Fix applied: `kubectl patch secret sre-analytics-env` |\n\n"
              "## Root cause\n\nAn untracked Secret overrode the default.\n")
    assert "kubectl patch secret" in rec.fields["resolution"]
