"""Shapes from the thirteenth round: a ticket-shaped incident header ("**Opened:** … **Resolved:** …"), a decision's
"stage: draft", an incident "resolved as" a boundary; answers that read a list item whole, follow a sentence that
introduces a command in any language, name the item a labelled sub-item hangs under, and split a Chinese question's
four-character pieces into the pairs a page may hold."""

from __future__ import annotations

from lorebook.query.ask import ask
from lorebook.query.intents import split_cjk

from test_unseen_shapes import cited, one

TICKET = """# Incident: DHCP / VRRP Regression

**Status:** RESOLVED
**Severity:** P1
**Opened:** 2026-04-23
**Resolved:** 2026-05-23

## Problem Statement

During the HA/VRRP transition, fresh LAN clients stopped receiving DHCP leases.

This incident is now resolved as an **explicit single-active DHCP boundary**: the backup is a manual promotion target.

## Timeline

| Date | Event |
| --- | --- |
| 2026-04-24 | Runtime regression identified and patched |
| 2026-05-22 | Live evidence collected from both routers |
"""


def test_a_ticket_header_dates_the_incident_and_bounds_its_length_in_whole_days():
    rec = one(TICKET, "2026-04-23-dhcp-vrrp-regression.md")
    assert rec.fields["date"] == "2026-04-23"  # "Opened", not the first timeline row
    assert rec.fields["duration_minutes"] == 30 * 1440
    assert rec.fields["duration_source"] == "computed"  # and the page says so
    assert "**Opened:** 2026-04-23" in cited(rec, "duration_minutes")
    # a bare "Date:" beside "Resolved:" says when, not since when: no whole-day length is made of it
    dated = one(TICKET.replace("**Opened:**", "**Date:**"), "2026-04-23-dhcp.md")
    assert dated.fields["duration_minutes"] is None


def test_an_incident_resolved_as_a_boundary_is_its_resolution():
    rec = one(TICKET, "2026-04-23-dhcp-vrrp-regression.md")
    assert "explicit single-active DHCP boundary" in rec.fields["resolution"]


def test_a_decisions_stage_is_its_status():
    rec = one("---\ntitle: ADR-003 行情链路\nstage: draft\n---\n\n# ADR-003：行情链路与回补策略\n\n## 背景\n\n行情需要回补。\n\n"
              "## 决策\n\n采用撮合事件流。\n", "ADR-003-market-data.md")
    assert rec.fields["status"] == "proposed"


RUNBOOK = """# デプロイメントガイド

## 手動デプロイ

GitHub Actions を使わずに手動で反映する場合は、`gcloud` 認証済み環境で次を実行します。

```bash
bash scripts/deploy-cloudrun-shadova.sh
```

利用する主な環境変数:

- `APP_URL`

## アクセス復旧

ユーザー名がわからない場合は、ホームディレクトリを確認して利用可能なユーザーアカウントを一覧表示できます：

```
ls /home
```
"""


def test_a_sentence_that_introduces_a_command_in_japanese_is_answered_with_the_command(notes_wiki_of):
    w = notes_wiki_of({"deploy.md": RUNBOOK})
    a = ask(w, "GitHub Actions を使わずに手動でデプロイするにはどうすればいいですか？")
    assert "bash scripts/deploy-cloudrun-shadova.sh" in a.answer
    assert "利用する主な環境変数" not in a.answer  # what follows the block was not introduced
    b = ask(w, "ユーザー名が分からないときはどうすればいいですか？")
    assert "ls /home" in b.answer  # a full-width colon introduces as ":" does


ROLLBACK = """# Guía para realizar rollbacks

## Pasos

1. Identifica el commit que introdujo el error.
2. En caso de usar flujos automáticos de despliegue (por ejemplo, GitHub Actions), asegurarse de coordinar o deshabilitar temporalmente los despliegues si es necesario.

## Consideraciones

- Automatizaciones: Si tienes GitHub Actions configurados para desplegar automáticamente en push, el rollback puede disparar un despliegue automático. Verifica si es necesario desactivar temporalmente los workflows.
- Comunicación: avisa al equipo en el canal de despliegues.
"""


def test_a_list_item_is_answered_whole(notes_wiki_of):
    w = notes_wiki_of({"rollback.md": ROLLBACK})
    a = ask(w, "¿Qué hago antes del rollback si tenemos despliegues automáticos con GitHub Actions?")
    assert "desactivar temporalmente los workflows" in a.answer  # the item's second sentence, beside the step that won
    assert "avisa al equipo" not in a.answer  # the next item is not this one


CONTACTS = """# Runbook: Disaster recovery

## Procedure

1. Stop writes to the primary database.
2. Restore the latest snapshot to a new instance.

## Escalation contacts

1. **On-Call Engineer** (Primary)
   - Response time: < 15 minutes
   - Authority: Execute all DR procedures
2. **Senior DevOps** (Secondary)
   - Response time: < 1 hour
   - Authority: Approve data loss decisions
"""


def test_a_labelled_sub_item_is_answered_with_the_item_it_hangs_under(notes_wiki_of):
    w = notes_wiki_of({"dr.md": CONTACTS})
    a = ask(w, "Who may execute all DR procedures?")
    assert "Execute all DR procedures" in a.answer  # a "who" answer although the sub-item names no one: its item does
    assert "On-Call Engineer" in a.answer.split("Execute all DR")[0]


def test_a_chinese_four_character_piece_is_read_as_its_words():
    assert split_cjk("预防措施") == ["预防", "措施"]  # not 防措, a pair across two words
    assert split_cjk("复盘") == ["复盘"]


PROXY = """# AAVE proxy issue

## Summary

AAVE has initialized the proxies versions of their contracts. However the implementation code was not initialized. An attacker could call the initialization code on the implementation contract. This would cause the implementation contract to be destroyed, making all future calls from the proxy fail.

## Status

The issue was disclosed and fixed.
"""


def test_a_sentence_that_points_back_is_answered_with_the_one_it_points_at(notes_wiki_of):
    w = notes_wiki_of({"2020-12-aave-proxy.md": PROXY})
    a = ask(w, "What would destroy the AAVE implementation contract?")
    assert "This would cause" in a.answer
    assert "initialization code" in a.answer.split("This would cause")[0]
    assert len(a.sentences) <= 4  # the sentence pointed at is context: it does not take a runner-up's place


DISCLOSURE = """# 2020-12 AAVE Proxy/Delegatecall Issue

_Daniel Von Fange 2020-12-15._

## What happened.

A whitehat security researcher found a fairly obscure bug in the Aave proxies, which would allow anyone to destroy some of their contracts.

## What allowed this to happen?

1. The proxy failing to revert on missing code makes this a much bigger problem.
"""


def test_a_disclosure_dated_by_its_byline_and_found_by_a_researcher():
    rec = one(DISCLOSURE, "2020-12-AAVE-proxy.md")
    assert rec.fields["date"] == "2020-12-15"  # the byline under the title, the file name holding only the month
    assert rec.fields["detection"].startswith("A whitehat security researcher found")
    assert "failing to revert on missing code" in rec.fields["root_cause"]  # "What allowed this to happen?"
    plain = one("# Cache outage\n\nThe cache was down for a while and 2020-12-15 was a busy day for everyone on the team.\n\n"
                "## Impact\n\nSlow pages.\n", "cache-outage.md")
    assert plain.fields["date"] is None  # a long opening paragraph that mentions a day is no byline


def test_a_cjk_heading_is_named_by_its_last_word():
    from lorebook import vocab
    assert vocab.field_of_label("runbook", "全体停止確認") == "verification"  # "checking that everything stopped"
    assert vocab.field_of_label("incident", "障害原因") == "root_cause"
    assert vocab.field_of_label("runbook", "Service 확인") is None  # the head word must follow CJK text
    assert vocab.field_of_label("runbook", "其他升级说明") is None  # notes on other upgrades: too general a head word


MDX = """---
title: "専用サーバー：アクセス復旧"
---

import InlineVoucher from '@site/src/components/InlineVoucher';

## アクセス復旧

1. GRUBメニューを開き、**Advanced options for Ubuntu** を選択してください。
2. `passwd username` を実行してください。

## まとめ

この手順を完了すれば、新しいパスワードが設定されているはずです。もし質問やサポートが必要な場合は、いつでもお気軽にサポートチームにご連絡ください。毎日対応していますよ！
"""


def test_an_mdx_import_is_not_text_and_a_closing_please_contact_is_the_escalation():
    from test_unseen_shapes import records
    (rec,) = records(MDX, "runbook/dedicated-linux-troubleshooting-restore-access.md")
    assert rec.fields["escalation"] == ["もし質問やサポートが必要な場合は、いつでもお気軽にサポートチームにご連絡ください。"]
    assert not any("InlineVoucher" in str(v) for v in rec.fields.values())
    from lorebook.sources.reader import source_from_text
    from lorebook.sources.segment import documents
    (doc,) = documents(source_from_text("raw/restore.md", "# Restore\n\nimport the data from the backup first.\n\n"
                                                          "import Tabs from '@theme/Tabs';\n"))
    texts = [blk.text for blk in doc.root.all_blocks()]
    assert "import the data from the backup first." in texts and not any("@theme" in t for t in texts)


def test_chinese_severity_and_a_symptom_told_after_a_change_and_a_portuguese_origin():
    zh = one("# 校验扫描致压缩回退\n\n- 日期：2026-07-13\n- 严重度：medium\n\n## 症状\n\n在 writer 与 reader 边界加入严格的 logical-record 校验后，"
             "压缩速度跌到 45.84 MiB/s。\n\n## 根因\n\n校验被实现成独立的一遍 pass。\n", "2026-07-13-validation-scan-regression.md")
    assert zh.fields["severity"] == "medium"
    assert "加入严格的 logical-record 校验后" in zh.fields["trigger"]
    pt = one("# Incidente: workers em ciclo\n\n- **Estado:** CLOSED\n\n## Sintoma\n\nOs workers reiniciavam em ciclo.\n\n"
             "## Origem (contexto de código)\n\nO loader carregava 1,5M domínios via Directus REST.\n", "20260719-reload-storm.md")
    assert "Directus REST" in pt.fields["root_cause"]


def test_the_choice_named_in_bold_joins_a_list_of_the_alternatives_not_taken():
    rec = one("# ADR-001: Elección del Framework de Machine Learning\n\n## Decisión\n\nElegiremos **PyTorch** como el framework "
              "principal.\n\n### Alternativas Consideradas\n\n- **Alternativa A: TensorFlow/Keras:** más maduro en producción.\n"
              "- **Alternativa B: Scikit-learn puro:** no cubre deep learning.\n", "001_ml_framework.md")
    names = [(o["name"], o["outcome"]) for o in rec.fields["options"]]
    assert names[0] == ("PyTorch", "chosen") and len(names) == 3
    listed = one("# ADR-002: Queue\n\n## Decision\n\nWe use **Kafka**.\n\n## Options\n\n- Kafka\n- RabbitMQ\n", "002-queue.md")
    assert [o["name"] for o in listed.fields["options"]].count("Kafka") == 1  # an options list that holds it already


def test_an_alternative_named_in_a_sentence_is_an_option_beside_the_bold_choice():
    rec = one("# 4. Implementação de Autenticação Stateless com JWT\n\n* **Status:** Aceito\n\n* **Contexto:**\n  O sistema precisa "
              "proteger rotas. A principal alternativa era a autenticação baseada em sessão (stateful), onde o servidor armazena "
              "o estado.\n\n* **Decisão:**\n  Decidimos implementar um sistema de autenticação **stateless usando JSON Web Tokens "
              "(JWT)**.\n", "docs/adr/0004-autenticacao-jwt.md")
    assert [(o["name"], o["outcome"]) for o in rec.fields["options"]] == [
        ("stateless usando JSON Web Tokens (JWT)", "chosen"), ("autenticação baseada em sessão (stateful)", "considered")]
    none = one("# ADR-9: Cache\n\n## Status\n\nAccepted\n\n## Context\n\nThere is no alternative to caching here.\n\n## Decision\n\nWe use **Redis**.\n",
               "0009-cache.md")
    assert none.fields["options"] == []  # "no alternative" names none


def test_a_portuguese_question_reads_its_words_less_their_endings():
    from lorebook.query.analysis import analyse
    from lorebook.query.intents import romance_stem
    assert romance_stem("mitigado") == "mitig" and romance_stem("imediato") == "imediat"
    assert romance_stem("backup") == "backup" and romance_stem("casa") == "casa"  # short words stay whole
    assert "mitig" in analyse("Como foi mitigado o problema de imediato?").question.subject
    assert "deployment" in analyse("When did the payments deployment start?").question.subject  # English is not cut


def test_a_portuguese_question_finds_the_heading_in_another_form(notes_wiki_of):
    w = notes_wiki_of({"20260719-reload-storm.md": "# Incidente: workers em ciclo\n\n## Sintoma\n\nOs workers reiniciavam em ciclo.\n\n"
                       "## Mitigação imediata (na ronda)\n\nReinício sequencial (1 de cada vez) dos workers com 0 domínios.\n\n"
                       "## Fix durável\n\nLoader extraído para `lib/known-domains.js`.\n"})
    a = ask(w, "Como foi mitigado o problema de imediato, antes do fix durável?")
    assert a.found and "Reinício sequencial" in a.answer


def test_a_role_answers_who(notes_wiki_of):
    w = notes_wiki_of({"dr.md": CONTACTS})
    a = ask(w, "Who can approve data loss decisions during a recovery?")
    assert "Approve data loss decisions" in a.answer and "Senior DevOps" in a.answer.split("Approve data loss")[0]


def test_a_foreign_questions_unused_words_are_vocabulary_not_names():
    from lorebook.query.analysis import analyse
    from lorebook.query.ask import vocabulary_words
    q = analyse("Comment récupère-t-on le mot de passe admin d'ArgoCD ?").question
    assert "mot" in vocabulary_words(q, {"mot": 0, "argocd": 50, "admin": 34})
    assert "argocd" not in vocabulary_words(q, {"mot": 0, "argocd": 50, "admin": 34})
    en = analyse("How do we rotate the zorbleflux admin password?").question
    assert "zorbleflux" not in vocabulary_words(en, {"zorbleflux": 0})  # an English question's unknown word may be a name


def test_windows_script_paths_are_commands_and_a_pointer_to_the_rollback_checklist_is_the_rollback():
    from test_unseen_shapes import records
    (rec,) = records("# Deployment Smoke Failure Runbook\n\n## Reproduce Safely\n\n1. Run `.\\scripts\\deployment\\validate.ps1`.\n"
                     "2. Inspect `docker compose -f deploy/docker-compose.yml ps`.\n\nUse the [rollback checklist](../rollback.md) when "
                     "the current reviewed image cannot pass smoke.\n", "runbook/deployment-smoke-failure-runbook.md")
    assert rec.fields["steps"][0]["commands"] == [".\\scripts\\deployment\\validate.ps1"]
    assert rec.fields["rollback"] == "Use the rollback checklist when the current reviewed image cannot pass smoke."
    (plain,) = records("# Restart runbook\n\n## Steps\n\n1. Restart the service.\n2. Check the logs.\n\nThe rollback of the "
                       "last release took an hour.\n", "runbook/restart.md")
    assert plain.fields["rollback"] is None  # a sentence about a rollback sends the reader nowhere
