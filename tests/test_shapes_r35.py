"""Shapes of the thirty-fifth round, from six fresh sets of real notes: a table's command column, a question
that sets its scene before asking what to do first, a role and the name in brackets beside it, an option's
"rejected because" lead in Dutch, an amount written "$3M", a start moment under its own heading, and the
Chinese word for "upgrade" that is no escalation contact."""

from __future__ import annotations

from lorebook import vocab
from lorebook.extract import decision, runbook
from lorebook.query.analysis import TYPE_SHAPES, analyse, shape_match
from lorebook.sources.reader import source_from_text
from lorebook.sources.segment import documents


def _asked(notes_wiki_of, name: str, text: str, question: str):
    """Compile one note into a fresh wiki (conftest's `notes_wiki_of`) and ask it `question`."""
    from lorebook.query.ask import ask

    return ask(notes_wiki_of({name: text}), question)


COMMAND_TABLE = """# ADR-007: Kysely を採用する

## ステータス

承認

## 決定

データベースアクセスには Kysely を使う。

## マイグレーション

| コマンド | 説明 |
|---------|------|
| pnpm kysely migrate:make add_users | マイグレーション作成 |
| pnpm kysely migrate:latest | マイグレーション適用 |
"""


def test_a_table_command_column_answers_what_to_run(notes_wiki_of):
    """A cell under a "コマンド" column is a command though nothing marks it as code; "説明" alone is none."""
    assert shape_match(["command"], "コマンド: pnpm kysely migrate:make add_users; 説明: マイグレーション作成", "row") == 1.0
    assert shape_match(["command"], "Befehl: ./gradlew flywayMigrate; Beschreibung: Migration anwenden", "row") == 1.0
    assert shape_match(["command"], "説明: マイグレーション作成", "row") == 0.0
    answer = _asked(notes_wiki_of, "adr-007.md", COMMAND_TABLE, "What command do I run to create a migration with Kysely?")
    assert "migrate:make" in answer.answer, answer.answer


ROLLBACK = """# PROD : revenir à une version précédente

En cas de catastrophe en production, il faut parfois revenir à la version précédente.

## Prérequis

- Prévenir l'équipe sur le canal #incidents avant le retour arrière
- Voir avec la responsable des données (Amina) si des saisies récentes doivent être sauvegardées
- Répéter la procédure en recette avant de l'appliquer en production

## Retour arrière du code

- Retrouver le tag de la version précédente
- Pousser ce tag en production

```sh
git remote add prod git@ssh.example-host.fr:notre-app.git
git push -f prod v1.4.2:main
```

## Vérifier que la restauration est effective

Ouvrir la carte et vérifier que les points s'affichent : [la carte](https://example.fr/carte)
"""


def test_a_scene_set_before_the_question_still_asks_for_prerequisites(notes_wiki_of):
    """"Before rolling X back, what do I have to do first?": the prerequisites, not the rollback's commands."""
    a = analyse("Before rolling our app back to an older release, what do I have to do first?")
    assert a.intents[:1] == ["prerequisites"]
    answer = _asked(notes_wiki_of, "rollback.md", ROLLBACK,
                    "Before rolling the production app back to an older release, what do I have to do first?")
    assert "#incidents" in answer.answer, answer.answer


def test_checking_that_a_restore_took_is_a_verification():
    assert "verify" in analyse("After the rollback, how do I check the restore actually took?").answer_types
    assert "verify" not in analyse("How do I restore the database?").answer_types


def test_a_role_and_the_name_beside_it_is_a_person_and_a_git_remote_is_not():
    person = TYPE_SHAPES["person"]
    assert person.search("Voir avec la responsable des données (Amina) si des saisies doivent être sauvegardées")
    assert person.search("Rücksprache mit dem Ansprechpartner der Fachabteilung (Jonas)")
    assert not person.search("git remote add prod git@ssh.example-host.fr:notre-app.git")
    assert person.search("write to oncall@example.org")


def test_who_to_check_with_is_the_named_role(notes_wiki_of):
    answer = _asked(notes_wiki_of, "rollback.md", ROLLBACK,
                    "Who should I check with about saving recent data before restoring the production app database?")
    assert "Amina" in answer.answer, answer.answer


ALTERNATIVES = """# ADR-004: Modulaire monoliet

## Status

Geaccepteerd

## Besluit

We houden één monoliet met duidelijke modulegrenzen.

## Overwogen alternatieven

### 1. Microservices
- **Verworpen omdat**: te veel operationele last voor een team van drie
- **Voordelen**: onafhankelijk schalen
- **Nadelen**: gedistribueerde transacties

### 2. Serverless functies
- **Verworpen omdat**: koude starts hinderen de gebruikers
"""


def test_a_dutch_rejected_because_lead_gives_the_option_fate_and_reason():
    rec = decision.extract(documents(source_from_text("raw/adr-004.md", ALTERNATIVES))[0])
    options = {o["name"]: o for o in rec.fields["options"]}
    micro = next(o for name, o in options.items() if "Microservices" in name)
    assert micro["outcome"] == "rejected"
    assert any("operationele last" in r for r in micro["reasons"])
    assert vocab.norm_label("Verworpen omdat") in vocab.OPTION_VERDICT


def test_why_the_team_turned_an_option_down_is_its_rejection(notes_wiki_of):
    assert analyse("Why did the platform team give up on the hosted scheduler?").intents[:1] == ["rejected"]
    answer = _asked(notes_wiki_of, "adr-004.md", ALTERNATIVES, "Why did the team turn down a move to microservices?")
    assert "operationele last" in answer.answer, answer.answer


FUNDED = """# ADR-2: Choose Remix as the web framework

## Status

Accepted

## Context

We need a framework for form-heavy applications.

## Consequences

Remix is young. The ecosystem is small, but the core team is experienced and just got funded with $3M.
Documentation will lag behind for a while.
"""


def test_an_amount_written_with_a_magnitude_answers_how_much(notes_wiki_of):
    """"How much funding …" asks for money, and "$3M" is an amount of it (not a number glued to a word)."""
    assert analyse("How much funding had the Remix team just raised?").answer_types[:1] == ["money"]
    answer = _asked(notes_wiki_of, "adr-2.md", FUNDED, "How much funding had the Remix team just raised?")
    assert "$3M" in answer.answer, answer.answer


STARTED = """# v2.3.0 リリース後にアプリが起動しなくなった障害

## 障害の内容

### 発生日時
2024年3月1日午後2時

### 復旧日時
2024年3月2日午前9時30分

## 経緯

- 14:40 - サポート窓口に「v2.3.0 が起動しない」問い合わせ
- 14:55 - 開発チーム 調査開始
- 09:30 - v2.3.1 配信、復旧を確認
"""


def test_the_moment_labelled_as_the_start_answers_when_it_started(notes_wiki_of):
    """"When did it start?": the notes' own "発生日時", not the first timeline entry that repeats the release."""
    answer = _asked(notes_wiki_of, "incident.md", STARTED, "When did the v2.3.0 launch outage start?")
    assert answer.answer.startswith("2024年3月1日午後2時"), answer.answer


UPGRADE = """# 集群升级手册

## 准备工作

- 备份元数据目录
- 下载新版本的安装包

## 升级步骤

### 停止旧的服务

```bash
sh bin/stop-all.sh
```

### 启动新版本

```bash
sh bin/start-all.sh
```
"""


def test_the_chinese_word_for_upgrade_heads_no_escalation_contacts():
    """"升级" is an upgrade in a procedure's headings; an escalation is "升级处理" or "升级路径"."""
    assert vocab.field_of_label("runbook", "升级步骤") != "contacts"
    assert vocab.field_of_label("runbook", "2. 旧集群升级") is None
    assert vocab.field_of_label("runbook", "升级路径") == "contacts"
    rec = runbook.extract(documents(source_from_text("raw/upgrade.md", UPGRADE))[0])
    assert not rec.fields.get("contacts")
    assert any("stop-all" in (s.get("command") or "") + " ".join(s.get("commands") or []) for s in rec.fields["steps"])


VLESS = """# 2026-07-24 代理服务 连接不上

## 现象
- 用户反馈代理连不上，约 19:30 手动重启容器后恢复
- 容器健康检查全程显示 `healthy`

## 排查过程
- `docker inspect`：容器没有崩溃
- 健康检查：只测端口是否能完成 TCP 握手

## 根因
- 健康检查太浅，测不出代理进程是否真的在处理流量

## 处理
- healthcheck 增加 `pgrep -f xray` 判断
"""


def test_a_dated_title_that_says_it_could_not_connect_is_an_incident():
    """"2026-07-24 代理服务 连接不上" with its symptoms, investigation and root cause is a write-up, not a runbook."""
    doc = documents(source_from_text("raw/notes/vless.md", VLESS))[0]
    assert doc.kind == "incident"


def test_a_norwegian_status_word_is_read():
    text = "# ADR: Kjeding innenfor en periode\n\n## Status\n\nAkseptert\n\n## Kontekst\n\nKjeding er komplisert.\n"
    rec = decision.extract(documents(source_from_text("raw/adr.md", text))[0])
    assert rec.fields["status"] == "accepted" and rec.fields["status_text"] == "Akseptert"


MIGRATION = """# Migration

**1\\.**
Befolgen Sie die Installationsanleitung von Docker und Compose.

**2\\.** Stoppen Sie Docker auf dem Zielrechner:
```
systemctl stop docker.service
```

**3\\.** Schalten Sie den Dienst auf dem Quellrechner ab.

=== "docker compose (Plugin)"

    ``` bash
    docker compose down
    ```

=== "docker-compose (Standalone)"

    ``` bash
    docker-compose down
    ```
"""


def test_bold_numbers_with_a_backslash_escape_are_steps_and_content_tabs_hold_commands():
    """"**1\\.**" is how a converter writes a bold "1."; MkDocs Material's `=== "tab"` indents its fenced commands."""
    rec = runbook.extract(documents(source_from_text("raw/migration.md", MIGRATION))[0])
    steps = rec.fields["steps"]
    assert [s["number"] for s in steps] == [1, 2, 3]
    assert steps[0]["title"].startswith("Befolgen Sie die Installationsanleitung")
    assert steps[2]["commands"] == ["docker compose down", "docker-compose down"]


INSTALL = """# Instalación de la API

## Dependencias

- Elasticsearch >= 7.0.0
- Python >= 3.6.0

## Ejecutar la API

```bash
$ make start_dev_server
```

Para comprobar que la API esté funcionando:
```bash
$ curl localhost:5000/api/provincias
```
"""


def test_an_install_guides_dependencies_and_its_check_that_it_works():
    rec = runbook.extract(documents(source_from_text("raw/install.md", INSTALL))[0])
    assert rec.fields["prerequisites"][:2] == ["Elasticsearch >= 7.0.0", "Python >= 3.6.0"]
    assert rec.fields["verification"] == ["$ curl localhost:5000/api/provincias"]


def test_a_user_report_and_a_filed_issue_are_how_it_was_detected():
    """Detection told as notes in Chinese and Japanese write it: "之後使用者回報「…」", "GitHub Issue #41 「…」投稿"."""
    from lorebook.extract import incident

    told = ("# 事故記錄：反代到 NodePort 全斷\n\n日期:2026-08-19\n\n## 背景\n\n上午改了 Cilium 的設定。"
            "之後使用者回報「服務都不能訪問了」。\n\n## 根因\n\n設定收窄了 socket-LB。\n")
    rec = incident.extract(documents(source_from_text("raw/inc.md", told))[0])
    assert "使用者回報" in rec.fields["detection"]
    timeline = ("# v2.0 リリース後の障害\n\n発生日: 2024-05-02\n\n## 経緯\n\n- 15:00 - v2.0 リリース\n"
                "- 16:10 - GitHub Issue #41 「v2.0 が起動しない」投稿\n- 16:30 - 開発チーム 対応を開始\n")
    rec = incident.extract(documents(source_from_text("raw/inc2.md", timeline))[0])
    assert "Issue #41" in rec.fields["detection"] and rec.fields["detected_at"] == "16:10"


def test_common_question_words_are_found_in_notes_written_in_other_languages():
    """"search", "weekend", "receipt", "approval": an English question finds the French, Japanese, Norwegian word;
    no form short enough to sit inside unrelated words ("명" of 명령, "年" of every Japanese date, "行" of 执行)."""
    from lorebook.query.ask import covers

    assert covers("Le moteur de recherche est Meilisearch.", "search")
    assert covers("週末はバッチを止める。", "weekend")
    assert covers("Manglende kvittering følges opp med Utbetalingsseksjonen.", "receipt")
    assert covers("변경은 팀장 승인 후 배포한다.", "approval")
    assert not covers("다음 명령어를 실행한다.", "people")
    assert not covers("2021年11月25日午後3時", "year")
    assert not covers("执行迁移脚本", "row")
    assert not covers("We started separating out workloads.", "split")


KAFKA_ONLY = """# ADR-0005: 메시징 도구로 Kafka와 RabbitMQ를 함께 사용

## Status

Accepted

## Context

이벤트 스트리밍과 작업 큐를 한 도구로 처리하기 어렵다.

## Considered Options

### [Only Apache Kafka]

- Good: 단일 스택 운영 편의성.
- Bad: 단순한 작업 큐에 오프셋 관리가 과하다.

### [Only RabbitMQ]

- Good: 라우팅이 유연하다.
- Bad: 대용량 로그 스트리밍의 리플레이 기능 부족.

## Decision

Kafka는 스트리밍에, RabbitMQ는 작업 큐에 사용한다.
"""


def test_a_korean_question_why_an_option_was_eliminated_asks_its_faults(notes_wiki_of):
    """"… RabbitMQ 하나만 쓰는 안은 왜 탈락했나요?": the option's fate first, and "하나만", "쓰는", "안은" name no page."""
    a = analyse("메시징 ADR에서 RabbitMQ 하나만 쓰는 안은 왜 탈락했나요?")
    assert a.intents[:1] == ["rejected"]
    assert not {"하나만", "쓰는", "안은", "탈락"} & set(a.words)
    answer = _asked(notes_wiki_of, "adr-0005.md", KAFKA_ONLY, "메시징 ADR에서 RabbitMQ 하나만 쓰는 안은 왜 탈락했나요?")
    assert "리플레이 기능 부족" in answer.answer.split("[1]")[0], answer.answer


def test_a_start_written_as_a_key_line_with_a_full_width_colon_answers_when_it_started(notes_wiki_of):
    text = ("# 障害報告\n\n発生日時：2024年6月3日 10:05\n\n## 経緯\n\n- 10:20 Payment API outage を検知\n"
            "- 10:40 Payment API outage の対応開始\n")
    answer = _asked(notes_wiki_of, "inc.md", text, "When did the payment API outage start?")
    assert "10:05" in answer.answer.split("[1]")[0], answer.answer
