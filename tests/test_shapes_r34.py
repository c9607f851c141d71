"""Shapes of the thirty-fourth round, from six fresh sets of real notes: a decision's status as its notes write
it: a settled question ("Statut : Résolu"), the first piece of a line under the title ("**Aceita** · 2026-09-02 ·
…"), a docs site's status element; and the page shows the source's own word beside the canonical status."""

from __future__ import annotations

import pytest

from lorebook.compile.pages import decision_blocks
from lorebook.extract import decision
from lorebook.sources.reader import source_from_text
from lorebook.sources.segment import documents


def _record(text: str, name: str = "raw/adr.md"):
    return decision.extract(documents(source_from_text(name, text))[0])


def _asked(tmp_path, name: str, text: str, question: str):
    """Compile one note into a fresh wiki and ask it `question`."""
    from lorebook.config import init_wiki
    from lorebook.pipeline import ingest
    from lorebook.query.ask import ask

    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / name).write_text(text, encoding="utf-8")
    wiki = init_wiki(tmp_path / "wiki", name="T")
    ingest(wiki, [tmp_path / "notes"])
    return ask(wiki, question)


def _status_line(rec) -> str:
    return next(b.text for b in decision_blocks(rec) if "**Status:**" in b.text)


RESOLVED = """# 1. Injection au runtime des variables d'environnement dans le frontend

Date: 22/11/2023

## Statut

Résolu

## Contexte

Le frontend est servi par le backend ; les variables d'environnement sont figées au build.

## Décision

Les variables sont injectées au démarrage du conteneur.
"""

FIRST_PIECE = """# ADR-0005. Migrations como Job do pipeline, não no boot da aplicação

**Aceita** · 2026-09-02 · Relacionada [ADR-0004](./0004-hpa-no-deployment-da-api.md)

**Contexto.** O binário do monolito rodava as migrations ao subir, o que funcionava com uma réplica.

**Decisão.** As migrations rodam como Job do pipeline antes do rollout.
"""

ELEMENT = """# Immer vollständiger Migration nach Keycloak

## Status

<adr-status status='accepted'></adr-status>

## Kontext

Die Hebung von Version 20 auf 24 musste zurückgenommen werden.

## Entscheidung

Migrationen nach Keycloak werden immer vollständig durchgeführt.
"""

IMPLEMENTED = """# Lazy Storage Factory Initialization

* **Status**: Implemented; graduated from [RFC 0009](../rfc/0009.md)
* **Decided**: 2026-01-20

## Context

Constructing every declared backend at startup failed the process when an unused one was down.

## Decision

Backends are constructed on first use.
"""

ENGLISH = """# 3. Use Redis for sessions

## Status

Accepted

## Context

Sessions must survive a restart.

## Decision

We store sessions in Redis.
"""


@pytest.mark.parametrize("text, word, line", [
    (RESOLVED, "Résolu", 7),  # a settled question is a decided one
    (FIRST_PIECE, "Aceita", 3),  # the date and the related record after it are not the status
    (ELEMENT, "accepted", 5),  # the element's attribute, under the Status heading
    (IMPLEMENTED, "Implemented", 3),
], ids=["resolu", "first-piece", "element", "implemented"])
def test_a_status_written_in_these_shapes_is_read_and_cited(text, word, line):
    rec = _record(text)
    assert rec.fields["status"] == "accepted"
    assert decision.stated_status_word(rec.fields["status_text"]) == word
    assert rec.citations["status"][0].start == line
    assert "<" not in rec.fields["status_text"]  # the element's value, not its markup


@pytest.mark.parametrize("text, shown", [
    (RESOLVED, "**Status:** Résolu (accepted)"),
    (FIRST_PIECE, "**Status:** Aceita (accepted)"),
    (IMPLEMENTED, "**Status:** Implemented (accepted)"),
    (ENGLISH, "**Status:** Accepted"),  # the same word once
], ids=["resolu", "first-piece", "implemented", "english"])
def test_the_page_shows_the_sources_own_status_word_beside_the_canonical_status(text, shown):
    assert _status_line(_record(text)).startswith(shown)


def test_a_templates_list_of_statuses_in_a_comment_is_not_part_of_the_status_text():
    rec = _record(ENGLISH.replace("\nAccepted\n", "\nACCEPTÉ <!-- BROUILLON|ACCEPTÉ|REJETÉ|DÉPRÉCIÉ -->\n"))
    assert rec.fields["status_text"] == "ACCEPTÉ"
    assert _status_line(rec).startswith("**Status:** ACCEPTÉ (accepted)")


def test_a_word_that_only_starts_a_line_under_the_title_is_no_status():
    rec = _record(FIRST_PIECE.replace("**Aceita** · 2026-09-02 ·", "**Contexto geral** · 2026-09-02 ·"))
    assert rec.fields["status"] == "unknown"


@pytest.mark.parametrize("q", [
    "What's the status of the decision to always do full Keycloak migrations instead of deltas?",
    "Where does Jaeger's lazy storage factory initialization decision stand — proposed, accepted, or already done?",
])
def test_a_question_that_opens_by_asking_a_status_asks_the_status_first(q):
    from lorebook.query.analysis import analyse

    a = analyse(q)
    assert a.intents[:1] == ["status"] and a.answer_types[:1] == ["status"]


def test_the_status_is_the_answer_though_the_question_names_what_was_chosen_instead(tmp_path):
    note = ELEMENT.replace("Migrationen nach Keycloak werden immer vollständig durchgeführt.",
                           "Migrationen nach Keycloak werden immer vollständig durchgeführt. Es muss keine Delta-Migration geben.")
    a = _asked(tmp_path, "keycloak.md", note,
               "What's the status of the decision to always do full Keycloak migrations instead of deltas?")
    assert a.found and a.answer.startswith("Immer vollständiger Migration nach Keycloak is accepted.")
    assert a.citations[0]["start_line"] == 5


def test_importance_in_an_incident_header_is_its_severity():
    from lorebook.extract import incident

    text = """# インシデントレポート: CodeBuild PHP依存関係エラー

## インシデント概要

**発生日時**: 2025-08-01 09:07:45 JST
**影響範囲**: CodePipeline全体 (Build Stage失敗)
**重要度**: High (デプロイ完全停止)
**ステータス**: 解決済み

## 根本原因

composer.lock が PHP 8 向けに更新されていた。
"""
    rec = incident.extract(documents(source_from_text("raw/pm.md", text))[0])
    assert str(rec.fields["severity"]).lower() == "high"
    assert rec.citations["severity"][0].start == 7


@pytest.mark.parametrize("q, intent, kind", [
    ("Which versioning scheme does the helpwave versioning ADR standardize on?", "chosen", None),
    ("Which message broker does the ADR settle on?", "chosen", None),
    ("Welche Datenbank in welcher Version wurde für das Karstens-Projekt festgelegt?", "chosen", "version"),
    ("Quelle version de PostgreSQL a été retenue ?", "chosen", "version"),
])
def test_what_a_record_standardizes_on_or_sets_is_its_choice(q, intent, kind):
    from lorebook.query.analysis import analyse

    a = analyse(q)
    assert a.intents[:1] == [intent]
    assert kind is None or a.answer_types[:1] == [kind]


RFC_TABLE = """# Paddle 框架旧执行器功能退场

|任务名称|Paddle 框架旧执行器功能退场|
|------|------|
|提交作者|@ccsuzzh (张正海)|
|提交时间|2024-03-23|
|版本号|v0.1|

## 一、概述

飞桨 Paddle 自 2.0 版本以来，进行了多个重大机制改造，旧执行器需要退场和移除。

## 二、方案

移除 ParallelExecutor 及其单测。
"""


def test_who_put_a_proposal_forward_is_the_author_row_of_a_table_whose_first_row_is_data(tmp_path):
    a = _asked(tmp_path, "rfc.md", RFC_TABLE, "Who put forward the RFC for retiring Paddle's legacy executors?")
    assert a.found and "@ccsuzzh" in a.answer
    assert a.citations[0]["start_line"] == 5


PERF_POSTMORTEM = """## POST MORTEM

### Date
24 Janvier 2023

### Status
Brouillon

### Résumé
Le 23 janvier nous avons noté de nombreuses erreurs 500 sur la base de données, des lenteurs partout.

### Actions
**Action 1 (mitigate): créer une table hebdomadaire des événements d'engagement**

Statut : to do

**Action 2 (detect) : surveiller la ram du postgre**

Statut : to debatre
"""


def test_a_write_ups_own_status_answers_before_its_actions_statuses_and_a_second_question_word_names_nothing(tmp_path):
    from lorebook.query.ask import capitalised_words

    q = "Le post-mortem sur les lenteurs de la base de janvier 2023 est-il finalisé ? Quel est son statut ?"
    assert "quel" not in capitalised_words(q)
    a = _asked(tmp_path, "pm.md", PERF_POSTMORTEM, q)
    assert a.found and a.answer.startswith("Brouillon")
    assert a.citations[0]["start_line"] == 7


EXCHANGE_RUNBOOK = """# 交易所项目 运维 Runbook

## 故障处理

#### B) 清算积压/重复失败
- 现象：成交已生成但余额/订单状态更新慢；consumer lag 增长
- 立即动作：
  1) 降低撮合入口（限流/暂停热点）避免雪崩
  2) 检查幂等冲突/DB 锁等待

#### C) 资金对账异常/负余额（P0）
- 现象：对账作业报警、出现负余额、账本与余额快照不一致
- 立即动作：
  1) 全局暂停下单（至少暂停相关资产/用户）
  2) 保留撤单通道（释放冻结，降低风险扩散）
  3) 固化证据：锁定当时段日志/事件流 offset/DB 快照

## 监控

- 资金：对账异常数、负余额（应为 0）、账本写入失败数
"""


def test_the_first_step_is_the_first_item_under_an_immediate_action_lead_in(tmp_path):
    a = _asked(tmp_path, "runbook.md", EXCHANGE_RUNBOOK, "资金对账异常或出现负余额时，第一步立即动作是什么？")
    assert a.found and "全局暂停下单" in a.answer.split("[1]")[0]
    assert a.citations[0]["start_line"] == 14


FLUTTER_UPGRADE = """# Flutter のアップグレード

### 手順

1. `mise use flutter@<upgrade version>` を実行
   - 例: `mise use flutter@3.29.3`
2. `mise use -g flutter@<upgrade version>` を実行
3. ルートの `pubspec.yaml` の `sdk` バージョンを更新
4. `melos bootstrap`コマンドを実行
"""


def test_the_first_command_of_a_procedure_is_its_step_one(tmp_path):
    a = _asked(tmp_path, "UPGRADE_FLUTTER.md", FLUTTER_UPGRADE, "What is the first command when upgrading Flutter?")
    assert a.found and "mise use flutter@<upgrade version>" in a.answer.split("[1]")[0]
    assert a.citations[0]["start_line"] == 5


def test_a_final_draft_is_still_a_draft():
    rec = _record(ENGLISH.replace("\nAccepted\n", "\nFinal draft, in review\n"))
    assert rec.fields["status"] == "proposed"
