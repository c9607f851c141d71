"""Shapes from the fourteenth round: a note whose parts are the items of one list ("1. Контекст:" over its bullets),
a hyphenated section name ("Root-cause hierarchy"), a timeline kept in a code block or told without times, a byline
of "key：value" pairs after the date, and status words in Russian and Polish."""

from __future__ import annotations

from test_unseen_shapes import cited, one

LISTED_ADR = """# ADR-07: Kafka als zentraler Nachrichtenbroker

1. Kontext:
   * Die Dienste sollen asynchron über Ereignisse kommunizieren.
   * Zur Wahl stehen RabbitMQ und Kafka.
2. Entscheidung:
    * Wir verwenden Apache Kafka als zentralen Broker.
3. Status:
    * Akzeptiert.
4. Konsequenzen:
    * Höherer Betriebsaufwand für das Team.

## Navigation

1. [Übersicht](overview.md)
"""


def test_a_list_whose_items_are_the_parts_of_a_decision_is_read_as_its_sections():
    rec = one(LISTED_ADR, "adr_07.md")
    f = rec.fields
    assert rec.document.kind == "decision"
    assert f["status"] == "accepted"
    assert "asynchron" in f["context"]
    assert "Apache Kafka als zentralen Broker" in f["decision"]
    assert "Betriebsaufwand" in str(f["consequences"])
    assert "Wir verwenden Apache Kafka" in cited(rec, "decision")  # cited at the nested bullet's own line


def test_russian_and_polish_status_words_are_statuses():
    ru = one("# ADR-3: Очереди\n\n## Статус\n\nПринято.\n\n## Контекст\n\nНужна очередь.\n\n## Решение\n\nБерём Kafka.\n", "adr-3.md")
    assert ru.fields["status"] == "accepted"
    pl = one("# ADR-4: Kolejki\n\n## Status\n\nOdrzucona\n\n## Kontekst\n\nPotrzebna kolejka.\n\n## Decyzja\n\nKafka.\n", "adr-4.md")
    assert pl.fields["status"] == "rejected"


PLAN = """# 案例 W-002：内存溢出

## 1 故障描述

支付网关在处理大 JSON 时崩溃。

## 5 解决方案

### 5.3 预防措施

1. **建立内存基准测试**：
   - 在部署前测试内存使用
2. **实现流式处理**：
   - 流式解析大 JSON
3. **输入验证**：
   - 限制输入大小
"""


def test_a_list_of_tasks_named_in_bold_stays_a_list():
    """"输入验证" (validate the input) is a task whose name ends like a verification section; it is not one."""
    rec = one(PLAN, "incident-w-002.md")
    assert len(rec.fields["action_items"]) == 3


HYPHENATED = """# 2026-04-21 — Live/backtest divergence: root cause and fix design

**Loss**: -1,722 NTD net (48 fills, 24 trips)

## TL;DR

The strategy could not cancel stale orders while a gate was closed.

## Evidence

```python
if bid_moved:
    cancel(order_id)
```

```yaml
quote_cooldown_ms: 200
```

```
08:48:32 v004N BUY SUBMITTED
```

1. first
2. second
3. third

## Root-cause hierarchy

1. **Primary — gate short-circuit**: the strategy returns before the cancel branch.
2. **Secondary — cooldown shorter than RTT**: 200 ms against a 792 ms round trip.
"""


def test_a_hyphenated_section_name_names_its_part_and_the_kind():
    rec = one(HYPHENATED, "2026-04-21-r47-divergence.md")
    assert rec.document.kind == "incident"  # not a runbook for its code blocks
    assert "gate short-circuit" in rec.fields["root_cause"]
    assert "-1,722 NTD net" in rec.fields["impact"]  # "Loss" states what it cost


def test_a_timeline_in_a_code_block_is_read_line_by_line():
    rec = one("# PM-001: ABI mismatch\n\n**Date:** 2026-01-31\n\n## Timeline\n\n```\n"
              "2026-01-31 ~14:00  Usuário reporta: `pnpm test` falha com NODE_MODULE_VERSION mismatch\n"
              "2026-01-31 ~14:30  Investigação inicial\n"
              "2026-01-31 ~17:30  Validação: ambos os ambientes funcionando\n```\n\n## Root Cause\n\nABI diferente.\n",
              "PM-001-abi-mismatch.md")
    tl = rec.fields["timeline"]
    assert [e["time"] for e in tl] == ["2026-01-31 14:00", "2026-01-31 14:30", "2026-01-31 17:30"]
    assert "Usuário reporta" in cited(rec, "timeline") and "```" not in cited(rec, "timeline")
    assert rec.fields["detection"].startswith("Usuário reporta")  # "reporta": someone told us


def test_a_timeline_told_in_order_without_times_keeps_its_events_and_no_invented_time():
    rec = one("# Постмортем 0002: инструменты отключены\n\n## Хронология\n\n- PR #261 объединил композиции.\n"
              "- Все проверки прошли.\n- Ревью нашло карточки неудач.\n\n## Первопричина\n\nТег применяется только к config.\n",
              "0002-postmortem.ru.md")
    tl = rec.fields["timeline"]
    assert len(tl) == 3 and all(e["time"] == "" for e in tl)
    assert tl[0]["event"].startswith("PR #261")


def test_a_trigger_for_future_work_is_not_the_incidents_trigger():
    rec = one("# PM-002: build broke\n\n## Summary\n\nThe build broke for two hours.\n\n## Root cause\n\nA bad lockfile.\n\n"
              "## Future Direction\n\n"
              "**Trigger para Migração:** Se os hooks começarem a causar problemas em CI.\n\n**Trigger:** the nightly upgrade job.\n",
              "PM-002-build.md")
    assert rec.fields["trigger"] == "the nightly upgrade job."


def test_the_fix_said_in_a_sentence_of_the_summary_is_the_resolution():
    rec = one("# Постмортем 0003: снапшоты\n\n## Краткое резюме\n\nСырой объект был truthy, поэтому стек оставался отключённым. "
              "Исправление использует явный файловый оверлей.\n\n## Первопричина\n\nТег применяется только к config.\n",
              "0003-postmortem.ru.md")
    assert "явный файловый оверлей" in rec.fields["resolution"]
    en = one("# Postmortem: stale cache\n\n## Summary\n\nThe cache kept old keys. The fix uses a versioned key prefix.\n\n"
             "## Root cause\n\nKeys were never versioned.\n", "postmortem-cache.md")
    assert "versioned key prefix" in en.fields["resolution"]


def test_a_byline_of_pairs_after_the_date_gives_impact_and_severity():
    rec = one("# 事故复盘：备份静默中断\n\n> 2026-09-07 · 影响面：数据库备份中断约 1 小时 · 级别：P1\n\n## 时间线\n\n"
              "| 时刻 | 事件 |\n|---|---|\n| 08:10 | 停掉旧 cron |\n| 08:23 | 巡检抓出缺 config |\n\n## 根因\n\n没人负责播种。\n",
              "2026-09-07-silent-noop.md")
    assert rec.fields["impact"] == "数据库备份中断约 1 小时"
    assert rec.fields["severity"] == "P1"
    assert rec.fields["date"] == "2026-09-07"


RU_ADR = """# ADR-07: Использование Kafka в качестве основного брокера сообщений

1. Контекст:
   * В рамках микросервисной архитектуры необходимо обеспечить асинхронное взаимодействие сервисов и обработку событий.
   * На рынке есть несколько распространенных решений: RabbitMQ, Kafka, ActiveMQ.
2. Решение:
    * Использовать Apache Kafka в качестве основного брокера сообщений.
3. Статус:
    * Принято.
"""


def test_an_english_question_for_the_choice_in_a_russian_decision_is_answered_with_the_choice(notes_wiki_of):
    """Its context states more of the question's words ("asynchronous", "communication"); the choice names the broker
    asked for, and is the answer."""
    from lorebook.query.ask import ask
    w = notes_wiki_of({"adr_07.md": RU_ADR})
    a = ask(w, "Which message broker did the platform choose for asynchronous service communication?")
    assert a.found and a.answer.startswith("Использовать Apache Kafka")


def test_a_date_key_that_opens_with_the_word_for_the_incident_and_japanese_severity_and_resolution():
    rec = one("# ポストモータム: マイグレーション問題\n\n**インシデント発生日**: 2025-06-15  \n**影響度**: 中（管理者ログイン不可）\n\n"
              "## 概要\n\nマイグレーションが失敗した。\n\n## 根本原因\n\n履歴の不整合。\n\n## 実施した対応\n\n- マイグレーション履歴を同期した\n",
              "POSTMORTEM.md")
    assert rec.fields["date"] == "2025-06-15"
    assert rec.fields["severity"].startswith("中")
    assert "履歴を同期" in rec.fields["resolution"]


def test_a_chinese_first_recorded_date_and_a_user_report_as_the_detection():
    rec = one("# 0001 — 评分暂不可用\n\n**首次记录**：2026-10-07\n\n## 1. 用户看到的现象\n\n卡片无法评分。同一张卡反复重试都失败。"
              "用户报告：「每次到这里就要报错」。\n\n## 根因\n\n只允许一个写者。\n", "0001-review-session-locked.md")
    assert rec.fields["date"] == "2026-10-07"
    assert rec.fields["detection"].startswith("用户报告")


PUSH = """# Push-Alerts Setup-Guide

## ENV-Vars

| Variable | Wert | Beschreibung |
|----------|------|--------------|
| `VAPID_PUBLIC_KEY` | von web-push generate | Browser-side Subscription-Key |
| `VAPID_PRIVATE_KEY` | von web-push generate | Server-side Sign-Key |

**VAPID-Keys generieren:**
```bash
npx web-push generate-vapid-keys
```

## Test

1. Öffne `/push-setup.html`
2. Klick "Berechtigung anfragen"
"""


def test_how_do_i_create_something_is_answered_with_the_command_that_makes_it(notes_wiki_of):
    """"create"/"generate" ask for a command as "run"/"restart" do; a table row that only names the tool is not one."""
    from lorebook.query.ask import ask
    w = notes_wiki_of({"push.md": PUSH})
    a = ask(w, "How do I create the VAPID key pair for browser push?")
    assert a.answer.startswith("`npx web-push generate-vapid-keys`")


def test_options_listed_after_a_lead_in_that_ends_a_long_paragraph():
    rec = one("# ADR-001: Redis Streams as the work queue\n\n- **Status:** Accepted\n\n## Context\n\n"
              "OrderFlow needs an asynchronous path from `order-api` accept to `order-worker` processing so we can demonstrate "
              "backlog, queue age, retries, consumer groups, and idempotent handling under failure in the lab. "
              "Options considered:\n\n1. **Redis Streams** (consumer groups)\n2. **RabbitMQ** (classic choice)\n"
              "3. **Kafka / managed bus** (overkill)\n\n## Decision\n\nUse **Redis Streams** with consumer groups.\n",
              "ADR-001-redis-streams.md")
    names = [o["name"] for o in rec.fields["options"]]
    assert names == ["Redis Streams", "RabbitMQ", "Kafka / managed bus"]
    assert rec.fields["options"][0]["outcome"] == "chosen"


def test_decisions_kept_as_a_table_of_rows_are_the_decision():
    rec = one("# ADR 0002 — Покрытие состояний\n\n**Статус:** Принято\n\n## Контекст\n\nВитрина показывает 80 файлов.\n\n"
              "## Решения\n\n| # | Решение |\n| --- | --- |\n| 1 | **Два слоя, а не один.** Обзор в MDX плюс истории. |\n"
              "| 2 | **Таблица API пишется руками.** `compodoc` отвергнут. |\n\n## Что это меняет\n\n- Около 430 экспортов историй.\n",
              "0002-ui-kit-v2-state-coverage.md")
    f = rec.fields
    assert f["decision"].startswith("Два слоя, а не один.") and "compodoc" in f["decision"]
    assert "| 1 |" in cited(rec, "decision") and "| 2 |" in cited(rec, "decision")
    assert "430 экспортов" in str(f["consequences"])


def test_a_drill_narrative_timed_from_t_zero_is_the_timeline():
    rec = one("# 2026-04 drill writeup — SEV-2 decoder regression\n\n## Trigger\n\nA protocol upgrade added a new type tag.\n\n"
              "## Response narrative\n\nT+0 = trigger at 09:17 UTC. Times simulated.\n\n- **T+02:30** — decode-error alert fires; oncall acks.\n"
              "- **T+05:00** — Pulled the runbook.\n- **T+10:00** — Confirmed events still arriving.\n- **T+24h (simulated)** — Backfill ran.\n\n"
              "## Root cause\n\nThe decoder did not know the new tag.\n", "2026-04-sev2-decode-regression.md")
    times = [e["time"] for e in rec.fields["timeline"]]
    assert "T+02:30" in times and "T+10:00" in times and "T+24h" in times


def test_a_russian_notify_section_is_the_escalation():
    from test_unseen_shapes import records
    rec = records("# Runbook: Redis недоступен\n\n## Шаги\n\n1. Подтвердить инцидент: `docker compose ps redis`\n"
                  "2. Рестарт: `docker compose restart redis`\n\n## Уведомить\n\n- Максим — Telegram DM.\n- `#incidents`.\n",
                  "redis-down.md")[0]
    assert rec.fields["escalation"] == ["Максим — Telegram DM.", "#incidents."]


def test_a_considered_section_lists_the_options_and_russian_verdicts_say_rejected():
    en = one("# ADR 0005: External deadman switch\n\n## Context\n\nAlerts run inside the cluster.\n\n## Decision\n\nUse Healthchecks.io.\n\n"
             "## Considered\n\n- **Self-hosted deadman.** More work to maintain.\n- **Pager service like PagerDuty.** Heavier than needed.\n",
             "0005-healthchecks-deadman.md")
    assert [o["name"] for o in en.fields["options"]][:2] == ["Self-hosted deadman.", "Pager service like PagerDuty."]
    ru = one("# ADR-0009: Dev VPS во Frankfurt\n\n## Контекст\n\nНужен прямой доступ к Telegram.\n\n## Решение\n\nПереносим dev во Frankfurt.\n\n"
             "## Рассмотренные альтернативы\n\n- **Оставить dev на старом сервере.** Отвергнута: две машины вместо одной.\n",
             "0009-dev-vps-frankfurt.md")
    assert ru.fields["options"][0]["outcome"] == "rejected"


REDIS_DOWN = """# Runbook: Redis недоступен

## Почему это не фатально

Postgres — источник истины. Даже если Redis потерял очередь, все входящие сообщения записались в `raw_messages` и могут быть отправлены снова.

## Шаги

### 2. Попытка быстрого восстановления

```bash
docker compose restart redis
```

### 4. Если Redis повреждён и не стартует

```bash
docker compose stop redis
sudo mv /data/redis/appendonly.aof /data/redis/appendonly.aof.broken
docker compose up -d redis
```

### 5. Re-enqueue

```bash
python -m backend.scripts.reenqueue --since "7 days" --statuses pending
```
"""


def test_english_questions_over_a_russian_runbook_find_the_step_and_the_reason(notes_wiki_of):
    """"corrupted"/"won't start" are "повреждён"/"не стартует"; a command's "--since" flag is no reason."""
    from lorebook.query.ask import ask
    w = notes_wiki_of({"redis-down.md": REDIS_DOWN})
    a = ask(w, "What do I do if Redis is corrupted and won't start at all?")
    assert a.answer.startswith("`docker compose stop redis")
    b = ask(w, "Why doesn't losing the Redis queue mean losing incoming messages?")
    assert b.answer.startswith("Даже если Redis потерял очередь")


def test_a_time_written_in_chinese_answers_when():
    from lorebook.query.analysis import TYPE_SHAPES
    assert TYPE_SHAPES["date"].search("# 每日全量备份 (凌晨2点)") and TYPE_SHAPES["date"].search("毎日 午前3時に実行")
    assert not TYPE_SHAPES["date"].search("恢复时间约 2 小时") and not TYPE_SHAPES["date"].search("耗时2时间")
