"""Shapes from the seventeenth round: an option's merits, faults and fate told as labelled list items ("- **단점:** …",
"- **デメリット**:" over sub-items, "- **거절:** …"); a two-digit year; a plural section name; rules the team set,
asked as "supposed to" / "allowed"; "has X been approved"; a number near a word the question says in English."""

from __future__ import annotations

from lorebook.query.ask import ask
from test_unseen_shapes import one

# Options as subsections, each told as labelled items: merits, faults, and a line that gives the option's fate.
# The wording is ours.
CACHE_ADR_KO = """# ADR-014: 세션 캐시 만료 전략

## 상태
승인됨

## 결정
세션 캐시는 TTL 기반 만료를 적용합니다.

## 대안 분석
### 옵션 A: 수동 무효화
- **장점:** 구현 간단
- **단점:** 누락 시 오래된 세션이 남음
- **거절:** 배포마다 무효화 누락이 재현됨
- **결론:** 운영 부담 (기각)

### 옵션 B: TTL 기반 만료
- **장점:** 자동 정리
- **단점:** TTL 튜닝 필요
- **채택:** 만료 누락 0건
"""

STORE_ADR_JA = """# ADR: 設定データの保存方式

## ステータス
承認済み

## 決定事項
YAMLファイルで保存する。

## 代替案

### 1. PostgreSQLの採用
- **メリット**:
  - トランザクション管理
- **デメリット**:
  - 小さなツールには運用が重すぎる
  - バックアップ手順が増える

### 2. 環境変数のみ
- **メリット**:
  - 設定が単純
- **デメリット**:
  - 構造化データを表せない
"""


def test_an_options_labelled_items_give_its_merits_faults_and_fate():
    by = {o["name"]: o for o in one(CACHE_ADR_KO, "adr-014-cache.md").fields["options"]}
    manual, ttl = by["수동 무효화"], by["TTL 기반 만료"]
    assert manual["outcome"] == "rejected" and ttl["outcome"] == "chosen"
    assert "Bad: 누락 시 오래된 세션이 남음" in manual["reasons"]
    assert any(r.startswith("Verdict:") and "무효화 누락이 재현됨" in r for r in manual["reasons"])
    assert len(by) == 2  # the decision's sentence is no third option


def test_a_labelled_item_over_sub_items_gives_each_of_them(notes_wiki_of):
    by = {o["name"]: o for o in one(STORE_ADR_JA, "adr-store.md").fields["options"]}
    pg = by["PostgreSQLの採用"]
    assert pg["reasons"] == ["Good: トランザクション管理", "Bad: 小さなツールには運用が重すぎる", "Bad: バックアップ手順が増える"]
    w = notes_wiki_of({"adr-store.md": STORE_ADR_JA, "adr-014-cache.md": CACHE_ADR_KO})
    a = ask(w, "Why didn't we go with PostgreSQL for the settings store?")
    assert a.found and "運用が重すぎる" in a.answer.split("[1]")[0], a.answer
    a = ask(w, "Why did we reject manual invalidation for the session cache?")
    assert a.found and "무효화 누락이 재현됨" in a.answer.split("[1]")[0], a.answer


def test_a_two_digit_year_is_this_centurys_and_a_version_is_no_date():
    f = one("# Runners get cloud access\n\nLast updated: 27/06/24\n\n## Context\n\nRunners need keys.\n\n"
            "## Decision\n\nWe will use OIDC.\n", "runners.md").fields
    assert f["date"] == "2024-06-27"
    f = one("# Runners get cloud access\n\nVersion: 1.2.24\n\n## Context\n\nRunners need keys.\n\n"
            "## Decision\n\nWe will use OIDC.\n", "runners.md").fields
    assert f["date"] is None


SPIKE_PM = """# Post-mortem : pic sur la base des événements

### Date
24 janvier 2023

### Résumé
Le 23 janvier, nombreuses erreurs 500 entre 17h15 et 17h30.

### Impacts
- le temps de réponse moyen était de 6 secondes
- Au total 270 sur 1620 requêtes ont échoué durant le pic

### Root Causes
- 13 millions de lignes dans la table des événements en DB
"""


def test_a_section_named_in_the_plural_is_the_part_it_names(notes_wiki_of):
    f = one(SPIKE_PM, "2023-01-24-pic.md").fields
    assert "270 sur 1620" in f["impact"]
    w = notes_wiki_of({"2023-01-24-pic.md": SPIKE_PM})
    a = ask(w, "How many requests failed during the events DB spike?")
    assert a.found and "270 sur 1620" in a.answer.split("[1]")[0], a.answer


RUNNERS_ADR = """# CI runners with cloud access

## Status

Proposed

## Context

Deploy jobs hold long-lived keys today. The same group of people with developer credentials can change the runners.

## Decision

- We will use OIDC to give deploy jobs short-lived access to the cloud accounts
- Only the platform group should have write access to repositories whose jobs can deploy
"""


def test_a_rule_the_team_set_is_answered_by_the_decision(notes_wiki_of):
    w = notes_wiki_of({"ci-runners.md": RUNNERS_ADR})
    a = ask(w, "How are deploy jobs supposed to get cloud credentials?")
    assert a.found and "OIDC" in a.answer.split("[1]")[0], a.answer
    a = ask(w, "Has the CI runners cloud access decision actually been approved?")
    assert a.found and "Proposed" in a.answer.split("[1]")[0], a.answer


def test_a_chinese_question_is_cut_into_its_words_and_its_question_words_read():
    from lorebook.query.analysis import analyse

    a = analyse("这个性能门禁子系统一共涉及多少行代码？")
    assert {"性能", "门禁", "子系统"} <= set(a.question.subject) and "统一" not in a.question.subject  # no pair across two words
    assert a.answer_types[:1] == ["number"]
    a = analyse("为什么不直接用 Koa 全局中间件处理 body？")
    assert a.answer_types[:1] == ["drawback"] and "rejected" in a.intents
    a = analyse("怎么判断 Redis 是否已经超过 maxmemory 限制？")
    assert "verify" in a.intents and "是否" not in a.question.subject
    # kanji the dictionary does not join stay one piece (Japanese in an English question)
    assert "永続" in analyse("What options did we weigh for 永続化層?").question.subject
    a = analyse("永続化層の設計は誰が承認しましたか？")
    assert a.intents[:1] == ["deciders"] and a.answer_types[:1] == ["person"]


def test_an_hour_of_the_night_and_an_adverb_are_not_what_the_question_is_about():
    from lorebook.query.analysis import analyse

    assert analyse("prism-gateway is completely down at 3am — what's the first thing to run?").question.subject == ["prism", "gateway"]


KAFKA_ADR = """# ADR-07: Kafka as the main message broker

1. Context:
   * Services must exchange events asynchronously at a high rate.
   * Candidates on the market: RabbitMQ, Kafka, ActiveMQ.
2. Decision:
   * Use Apache Kafka as the main message broker.
3. Status:
   * Accepted.
4. Rationale:
   * Horizontal scaling: partitions let us add brokers as the event volume grows.
   * Compared with RabbitMQ: RabbitMQ suits classic queues, but Kafka keeps events for replay and long-term retention.
"""


def test_why_a_choice_was_made_is_answered_by_its_rationale(notes_wiki_of):
    w = notes_wiki_of({"adr-07-kafka.md": KAFKA_ADR})
    a = ask(w, "Why was Kafka chosen as the main message broker instead of RabbitMQ?")
    assert a.found and "long-term retention" in a.answer, a.answer  # the rationale is part of the answer


# A first "Decision" section that only lays out the alternatives, and a second one that decides. The wording is ours.
BROKER_ADR_RU = """# Выбор брокера сообщений

## Статус

Accepted

## Контекст

Нужен брокер для очереди событий.

## Решение

### Альтернативы
- Альтернатива 1. RabbitMQ
- Альтернатива 2. Kafka

## Решение

RabbitMQ проще в настройке. Но Kafka держит большие сообщения, поэтому выбираем Kafka.
"""

# A Decision section whose subheadings each state the choice for one aspect.
STORE_ADR_ASPECTS = """# ADR: Storage for practice tasks

## Decision

### 1. Persistence: JSON files
- Reason: the MVP only saves and loads

### 2. Layout: repository pattern
- Reason: storage can be swapped later
"""


def test_a_decision_section_that_only_lists_alternatives_gives_way_to_the_one_that_decides():
    f = one(BROKER_ADR_RU, "broker.md").fields
    assert "выбираем Kafka" in f["decision"] and "Альтернатива" not in f["decision"]


def test_a_subheading_that_states_a_choice_is_part_of_the_decision():
    f = one(STORE_ADR_ASPECTS, "storage.md").fields
    assert f["decision"].startswith("1. Persistence: JSON files")
    assert f["decision"].index("the MVP only saves") < f["decision"].index("2. Layout: repository pattern")


STABILITY_GUIDE = """# API server stability guide

## 1. Restart the API containers

```bash
# restart the API with the new settings, then check it came up
sudo docker compose -f docker-compose.prod.yml up -d --build api
sudo docker ps
```

## 2. Run the API under PM2

```bash
pm2 start dist/main.js --name api
```

## 3. Checks

```bash
# API health check
curl http://10.0.0.5:3001/health
```
"""


def test_how_do_i_check_it_is_healthy_looks_for_a_check_not_any_command(notes_wiki_of):
    from lorebook.query.analysis import analyse

    assert analyse("How do I check the API is healthy after the restart?").answer_types[:1] == ["verify"]
    assert analyse("What's the command to regenerate the template validation rules?").answer_types[:1] == ["command"]
    w = notes_wiki_of({"stability.md": STABILITY_GUIDE})
    a = ask(w, "How do I check the API is healthy after applying the stability fixes?")
    assert a.found and "/health" in a.answer.split("[1]")[0], a.answer


def test_why_didnt_we_choose_it_in_other_languages_asks_what_was_against_it():
    from lorebook.query.analysis import analyse

    for q in ("Почему не выбрали RabbitMQ, если он проще в настройке?",
              "Warum haben wir nicht eine einzige Datenbank für alle Dienste genommen?"):
        a = analyse(q)
        assert a.intents[:1] == ["rejected"] and a.answer_types[:1] == ["drawback"], q
    assert "rejected" not in analyse("Warum ist der Dienst nicht erreichbar?").intents  # an outage's why, no option


REDIS_PM_ZH = """# 记录一次Redis版超出最大内存限制异常

## 具体错误

扣减库存时报错，导致整个Redis不能对外提供服务。

## 分析

订单ID缓存到了Redis中且没有过期时间，内存使用率达到100%。
"""

LOCALE_ADR_DE = """# ADR-005: Locale-Normalisierung der Auth-Routen

## Kontext

Die Middleware normalisierte bisher Pfade abhängig von der Nutzer-Locale; das führte zu einem Incident bei Redis-Sitzungen
mit Speicherlimit.

## Entscheidung

Auth-Routen werden nicht mehr normalisiert.
"""


def test_chinese_words_inside_a_longer_run_find_their_page(notes_wiki_of):
    w = notes_wiki_of({"redis-oom.md": REDIS_PM_ZH, "adr-005-locale.md": LOCALE_ADR_DE})
    a = ask(w, "What was the root cause of the Redis 最大内存限制 incident?")
    # the Chinese note's own lines answer (its "分析" says why), not the German ADR's "Incident bei Redis …
    # Speicherlimit" (round 22: a note whose fields came out empty still owns its lines)
    first = a.answer.split("[1]")[0]
    assert a.found and "内存使用率达到100%" in first and "Speicherlimit" not in a.answer, a.answer


def test_a_fix_told_in_the_story_in_first_person_or_as_the_way_it_was_fixed():
    f = one("# 2023-10-14: search-down\n\nOn Sunday the search API timed out for most users.\n\n"
            "Around 17:55 I just restarted the indexer -- `systemctl restart indexer` -- and things get back to work.\n",
            "2023-10-14-search-down.md").fields
    assert "systemctl restart indexer" in f["resolution"]
    f = one("# Incident: builds broke after the sync\n\n## What happened\n\nThe nightly failed for most projects.\n\n"
            "We figured out that the fastest way to fix it was reverting the sync update.\n", "builds-broke.md").fields
    assert "reverting the sync update" in f["resolution"]
    f = one("# Störung Lernplattform\n\n## Aktueller Stand\n\nDie Plattform ist nicht erreichbar. Es wird nun die komplette "
            "Infrastruktur mit den Backup Daten wieder hergestellt.\n", "stoerung.md").fields
    assert "Backup Daten" in f["resolution"]
    f = one("# Outage 2026-01-08 (prod) — Revert 86efc7a\n\n- **Impact**: sites returned 504\n"
            "- **Commit de revert**: `742b95e` (ce commit annule `86efc7a`)\n", "outage-revert.md").fields
    assert "742b95e" in f["resolution"]


def test_a_cause_said_in_passing_is_the_root_cause():
    f = one("# Störung Lernplattform\n\n## Aktueller Stand\n\nDurch eine massive Störung bei unserem Rechenzentrum ist der "
            "Login zur Zeit nicht möglich. Es wird mit Hochdruck an einer Lösung gearbeitet.\n", "stoerung-login.md").fields
    assert "Rechenzentrum" in f["root_cause"]
    f = one("# 2017-08-23 - CMS articles unpublished\n\n## Timeline\n\n- Morning: articles found unpublished.\n"
            "- Evening: cause of the bug is a change in the logging that read the response body first.\n",
            "2017-08-23-cms.md").fields
    assert "change in the logging" in f["root_cause"]
