"""Shapes of the thirty-third round, from six fresh sets of real notes: a detection time stated in a header row,
an incident's one duration and detection time asked about in the words that name the incident, and the access
a runbook's header table says it needs."""

from __future__ import annotations

import pytest

from lorebook.config import init_wiki
from lorebook.extract import incident, runbook
from lorebook.pipeline import ingest
from lorebook.query.analysis import analyse
from lorebook.query.ask import ask
from lorebook.sources.reader import source_from_text
from lorebook.sources.segment import documents


def _record(module, text: str, name: str = "raw/note.md"):
    src = source_from_text(name, text)
    return module.extract(documents(src)[0])


CERT_POSTMORTEM = """# ポストモーテム: mTLS 証明書期限切れによる Billing Portal 停止

## メタデータ

| 項目 | 内容 |
|------|------|
| 発生日時 | 2026-03-02 21:10 (JST) |
| 検知日時 | 2026-03-02 21:45 頃 (JST)（ユーザー報告） |
| 復旧日時 | 2026-03-02 22:05 (JST) |
| 影響時間 | 約 55 分（期限切れから復旧まで） |
| 重大度 | SEV-2 |

## サマリー

2026-03-02 21:10 に billing-api の mTLS サーバー証明書（24h leaf）が期限切れを迎え、Billing Portal の全 RPC が失敗した。

## タイムライン

| 時刻 (JST) | イベント |
|------|------|
| 2026-03-01 21:10 | billing-api 用の最後の cert 発行（24h leaf） |
| 2026-03-02 21:10 | billing-api の cert が期限切れ到達 |
| 2026-03-02 21:40 | ダッシュボードの確認を開始 |
| 2026-03-02 21:45 | 検知 — ユーザーが「Billing Portal が空」と報告 |
| 2026-03-02 22:05 | cert を再発行し復旧 |

## 根本原因

renewer サイドカーが稼働していなかったため、cert が更新されなかった。
"""


def test_a_detection_time_in_a_header_row_is_the_detection_time_and_cites_that_row():
    rec = incident.extract(documents(source_from_text("raw/pm.md", CERT_POSTMORTEM))[0])
    assert rec.fields["detected_at"] == "21:45"
    assert rec.citations["detected_at"][0].start == 8  # the 検知日時 row, not a timeline entry


@pytest.fixture(scope="module")
def wiki(tmp_path_factory):
    root = tmp_path_factory.mktemp("r33")
    notes = root / "notes"
    notes.mkdir()
    (notes / "billing-portal-pm.md").write_text(CERT_POSTMORTEM, encoding="utf-8")
    (notes / "scale-out.md").write_text(SCALE_OUT, encoding="utf-8")
    w = init_wiki(root / "wiki", name="T")
    ingest(w, [notes])
    return w


def test_how_long_it_was_down_when_something_happened_is_the_records_duration(wiki):
    # "when the billing-api certificate expired" names the incident; a timeline row that says "24h" is no answer
    a = ask(wiki, "How long was Billing Portal down when the billing-api mTLS certificate expired?")
    assert a.found and "55" in a.answer
    assert any(c["start_line"] == 10 for c in a.citations)  # the 影響時間 row


def test_when_anyone_first_noticed_the_incident_is_its_detection_time(wiki):
    a = ask(wiki, "When did anyone first notice the Billing Portal outage caused by the expired mTLS cert?")
    assert a.found and "21:45" in a.answer
    assert any(c["start_line"] == 8 for c in a.citations)


SCALE_OUT = """# Scale-out Runbook

## 개요

| 항목 | 내용 |
|------|------|
| **예상 소요 시간** | 15분 |
| **필요 권한** | K8s cluster admin |
| **영향 범위** | 스케일 대상 서비스 |

## 사전 조건

- [ ] 클러스터 리소스 여유 확인
- [ ] 현재 Pod 상태 정상 확인
- [ ] 트래픽 패턴 분석 완료

## 절차

### 1. 현재 상태 확인

```bash
kubectl get deployment -n shop
```

### 2. replica 증가

```bash
kubectl scale deployment/api -n shop --replicas=3
```
"""


def test_the_access_a_header_row_says_is_needed_is_a_prerequisite():
    rec = _record(runbook, SCALE_OUT, "raw/scale-out.md")
    prereqs = rec.fields["prerequisites"]
    assert prereqs[:3] == ["클러스터 리소스 여유 확인", "현재 Pod 상태 정상 확인", "트래픽 패턴 분석 완료"]
    assert "K8s cluster admin" in prereqs


def test_what_access_a_runbook_needs_and_what_it_needs_first_are_answered_from_its_prerequisites(wiki):
    a = ask(wiki, "What access do I need before running the scale-out runbook?")
    assert a.found and "K8s cluster admin" in a.answer
    b = ask(wiki, "What do I need before running the Scale-out runbook?")
    assert b.found and b.answer.index("클러스터 리소스 여유") < b.answer.index("K8s cluster admin")


# --- "How can I quickly confirm …", "what should … return?": asking for the check and its expected output ---

OPS_RUNBOOK = """# Runbook operativo — Facturas Backend

## 1. Health checks

### 1.1 Comprobar que la API responde

```bash
curl -s -o /dev/null -w "%{http_code}" "https://BASE_URL/api/v2/health"
# Esperado: 200
```

## 2. Incidencias

### 2.1 API devuelve 500

1. Revisar `storage/logs/laravel.log` para el stack trace de la API.
2. Comprobar espacio en disco y memoria del contenedor.

## 3. Tras la migración del login

```bash
curl -X POST https://api.facturas.example/api/admin/login -d '{"email":"a@b.c"}'
```

Status: 410 Gone
"""


@pytest.fixture(scope="module")
def ops_wiki(tmp_path_factory):
    root = tmp_path_factory.mktemp("r33ops")
    (root / "notes").mkdir()
    (root / "notes" / "facturas-runbook.md").write_text(OPS_RUNBOOK, encoding="utf-8")
    w = init_wiki(root / "wiki", name="T")
    ingest(w, [root / "notes"])
    return w


@pytest.mark.parametrize("question", ["How can I quickly confirm the Facturas API is up?",
                                      "How do I easily check that the Facturas API is healthy?"])
def test_an_adverb_before_confirm_still_asks_for_the_check(ops_wiki, question):
    assert "verify" in analyse(question).answer_types
    a = ask(ops_wiki, question)
    assert a.found and "/api/v2/health" in a.answer


def test_what_an_endpoint_should_return_is_the_expected_output(ops_wiki):
    assert analyse("What should the old /api/admin/login endpoint return?").field_weights.get("verification") == 1.0
    a = ask(ops_wiki, "After the login migration, what should the old /api/admin/login endpoint return in Facturas?")
    assert a.found and "410 Gone" in a.answer


# --- "Which Scribe version …": a product named between "which" and "version" ---

@pytest.mark.parametrize("question, is_version", [
    ("Which Scribe version constraint does the OpenAPI tooling ADR settle on?", True),
    ("What Postgres version do the catalog servers run?", True),
    ("Which version control system did we choose?", False),
])
def test_a_version_asked_with_the_product_named_before_it(question, is_version):
    assert ("version" in analyse(question).answer_types) is is_version


# --- "В каком статусе инцидент?": an incident's status on a line of labelled values ---

RADIO_INCIDENT = """# INC-007. Стрим: обрывы звука у слушателей

**Статус:** расследуется · **Открыт:** 12.03.2026, ~10:15 CET · **Сообщил:** дежурный

## Что увидели

Слушатели жаловались на обрывы звука. Инцидент во время замера нагрузки тоже был виден на графике.

## Хронология

| Время | Событие |
|---|---|
| 10:15 | Первые жалобы на обрывы звука |
| 11:40 | Инцидент во время замера: поток недоступен 3 мин |
"""


def test_a_status_asked_in_russian_is_the_status_on_a_line_of_labelled_values(tmp_path):
    a = analyse("В каком статусе сейчас инцидент INC-007 с обрывами звука?")
    assert "status" in a.intents and "status" in a.answer_types
    assert "статусе" not in a.question.subject and "инцидент" not in a.question.subject
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "inc-007.md").write_text(RADIO_INCIDENT, encoding="utf-8")
    w = init_wiki(tmp_path / "wiki", name="T")
    ingest(w, [tmp_path / "notes"])
    answer = ask(w, "В каком статусе сейчас инцидент INC-007 с обрывами звука?")
    assert answer.found and answer.answer.startswith("Статус: расследуется")
    assert answer.citations[0]["start_line"] == 3


# --- the name a note is filed under: "in APLyPro" names notes that never write the project's name ---

NEW_YEAR = """# New school year

Every year the new school year is opened to users on September {day} by the {team} team.

## Steps

1. Import the new training files.
2. Check the payment ceilings.
3. Open the year in the admin interface.
"""


def test_a_project_named_only_by_the_file_a_note_is_filed_under_picks_that_note(tmp_path):
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "betagouv__aplypro__docs__new_year.md").write_text(NEW_YEAR.format(day=15, team="Fondation"), encoding="utf-8")
    # the other project's note says more of the question's words: only the file name tells them apart
    (notes / "betagouv__pixscol__docs__new_year.md").write_text(
        NEW_YEAR.format(day=2, team="Lumière").replace("is opened to users", "opens for every school and user"), encoding="utf-8")
    w = init_wiki(tmp_path / "wiki", name="T")
    ingest(w, [notes])
    a = ask(w, "Which team opens the new school year in APLyPro?")
    assert a.found and "Fondation" in a.answer
    assert "aplypro" in a.citations[0]["source"]


def test_the_pages_filed_under_a_name_are_found_by_whole_names_only(tmp_path):
    from lorebook.query.pages import source_paths, sourced_pages
    from lorebook.store.db import database_for

    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "betagouv__rdv-service-public__decisions__deploiement.md").write_text(
        "# Processus de déploiement\n\n## Statut\n\nAccepté\n\n## Décision\n\nNous déployons en continu.\n", encoding="utf-8")
    w = init_wiki(tmp_path / "wiki", name="T")
    ingest(w, [notes])
    with database_for(w).read() as conn:
        pages = sourced_pages(conn, "rdv")
        assert len(pages) == 1 and sourced_pages(conn, "service") == pages
        assert sourced_pages(conn, "rd") == [] and sourced_pages(conn, "deploi") == []  # whole names, three letters or more
        assert "rdv service public" in source_paths(conn, pages)[pages[0]]


# --- "## :memo: État": a GitHub emoji shortcode before a heading's words ---

def test_headings_opening_with_an_emoji_shortcode_are_read_by_their_words():
    text = """# Remettre Hasura au centre de l'architecture

## :memo: État

Accepté

## :stethoscope: Contexte

L'équipe se sent perdue entre l'API Python et Hasura.

## :sparkles: Décision

Nous misons sur Hasura pour toutes les nouvelles fonctionnalités.
"""
    from lorebook.extract import decision

    rec = _record(decision, text, "raw/adr-hasura.md")
    assert rec.fields["status"] == "accepted"
    assert "API Python" in rec.fields["context"]
    assert "misons sur Hasura" in rec.fields["decision"]


# --- an ADR written as one numbered list: the options under an item that introduces them ---

BROKER_LIST_ADR = """# ADR-07: Использование Kafka в качестве основного брокера сообщений

1. Контекст:
   * Сервисам нужно асинхронное взаимодействие и горизонтальное масштабирование.
   * На рынке есть несколько распространенных решений:
       * RabbitMQ.
       * Kafka.
       * ActiveMQ.
2. Решение:
    * Использовать Apache Kafka в качестве основного брокера сообщений.
3. Статус:
    * Принято.
"""


def test_options_listed_under_an_item_that_introduces_them():
    from lorebook.extract import decision

    rec = _record(decision, BROKER_LIST_ADR, "raw/adr-07.md")
    names = [o["name"].rstrip(".") for o in rec.fields["options"]]
    assert names == ["RabbitMQ", "Kafka", "ActiveMQ"]


@pytest.mark.parametrize("question, first", [
    ("Why was a decision about Kafka needed?", "context"),
    ("Why did we need to decide on a message broker?", "context"),
    ("Why was Kafka chosen?", "why"),
])
def test_why_a_decision_was_needed_asks_for_its_context(question, first):
    assert analyse(question).intents[0] == first


def test_a_window_in_four_digit_clock_times_is_the_outages_stated_length():
    text = """# Transaction delays on April 26

On April 26, 2023 between the hours of 1900 and 2100 UTC, the network experienced degraded service following a
~10x increase in the rate of requests.

# Root cause

The read-only replicas fell behind.
"""
    rec = incident.extract(documents(source_from_text("raw/pm.md", text))[0])
    assert rec.fields["duration_minutes"] == 120
    assert rec.fields["duration_text"] == "between the hours of 1900 and 2100 UTC"  # when, as well as how long
    # years are no clock times: "between 2019 and 2021" bounds no outage
    rec = incident.extract(documents(source_from_text("raw/pm2.md", text.replace("the hours of 1900 and 2100 UTC", "2019 and 2021")))[0])
    assert rec.fields["duration_minutes"] != 120


def test_the_length_in_the_opening_quote_is_the_stated_duration():
    text = """# 2026-09-20 · auto:reasoning 全线 503

> **一句话**：网关把一个瞬态抖动当成了事实，切进付费档。
>
> 现场：`2026-09-20 15:31:49 – 15:34:49`（3 分钟）· 由用户报错发现

## 经过

网关重启后，决策日志是内存环形缓冲，按当天流量约 **4 小时**就被自己滚掉。
"""
    rec = incident.extract(documents(source_from_text("raw/pm.md", text))[0])
    assert rec.fields["duration_minutes"] == 3
    assert rec.citations["duration_minutes"][0].start == 5


UPDATE_RUNBOOK = """# Actualizar Andino

## Parámetros

```
# Parámetros de update.py
    [-h]                    Mostrar la ayuda del script
    [--install_directory INSTALL_DIRECTORY]
        Directorio donde está instalada la aplicación. Por defecto es `/etc/portal`
    [--site_host SITE_HOST]
        Dominio o IP de la aplicación, por defecto localhost.
```

## Actualización

Para esta actualización de ejemplo, usaremos los valores por defecto:

    sudo wget https://raw.github.com/datosgobar/portal-andino/master/install/update.py
    sudo python update.py
"""


def test_a_scripts_help_listing_is_no_command_to_run():
    rec = _record(runbook, UPDATE_RUNBOOK, "raw/update.md")
    given = [c["command"] for c in rec.fields["other_commands"]] + [c for s in rec.fields["steps"] for c in s.get("commands") or []]
    assert any("sudo python update.py" in c for c in given)
    assert not any("Mostrar la ayuda" in c for c in given)


@pytest.mark.parametrize("question, intent", [
    ("What actually caused users to not see their transactions confirmed?", "root_cause"),
    ("What really triggered the checkout outage?", "root_cause"),
])
def test_an_intensifier_does_not_hide_what_is_asked(question, intent):
    a = analyse(question)
    assert a.intents[:1] == [intent] and "reason" in a.answer_types


def test_why_a_named_system_did_not_use_an_option_asks_why_it_lost():
    a = analyse("Why didn't the harmony study app use SQLite for storing exercises?")
    assert a.intents[0] == "rejected"


PIPELINE_ADR = """# ADR-001: Telemetry pipeline

## Options Considered

1) **Devices post over HTTP straight to the database**

- Pros: simple, few parts
- Cons: write spikes hit the API; hard to replay

2) **MQTT → Kafka → writer → ClickHouse** (chosen)

- Pros:
  - Kafka absorbs write peaks
  - replayable for backtests
- Cons: more components to run

## Decision

MQTT → Kafka → writer → ClickHouse.
"""


def test_pros_and_cons_bullets_after_each_numbered_option_are_its_reasons():
    from lorebook.extract import decision

    rec = _record(decision, PIPELINE_ADR, "raw/adr-001.md")
    opts = rec.fields["options"]
    assert len(opts) == 2
    assert any("hard to replay" in r for r in opts[0]["reasons"])
    assert any("replayable" in r for r in opts[1]["reasons"]) and opts[1]["outcome"] == "chosen"


def test_why_one_thing_instead_of_another_in_chinese_asks_why_the_one_taken():
    assert analyse("滑坡监测系统为什么要在 MQTT 之后加一层 Kafka，而不是直接写 ClickHouse？").intents[:1] == ["why"]
    assert analyse("为什么不用 Kafka 而是用 RabbitMQ？").intents[0] == "rejected"


@pytest.mark.parametrize("item, outcome", [
    ("- **Zustand + чистый core-store класс (предлагаемая)** — обычный JS-класс", "chosen"),
    ("- **Kafka（採用）** — 再生可能", "chosen"),
    ("- **Extend the OLTP schema (rejected: manual partitioning overhead)**", "rejected"),
])
def test_a_verdict_after_an_options_name_in_any_language(item, outcome):
    from lorebook.extract import decision

    text = f"# ADR-3: State\n\n## Considered Options\n\n{item}\n- **Pure React** — hooks and context\n"
    rec = _record(decision, text, "raw/adr-3.md")
    assert rec.fields["options"][0]["outcome"] == outcome
