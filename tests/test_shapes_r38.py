"""Shapes of the thirty-eighth round: why an option lost, told where the record decides as well as in the option's
own drawbacks; a decision's status asked yes or no; a count asked of a query's code."""

from __future__ import annotations

PERSISTENCE_ADR = """# ADR-003: Persistência em sistema de arquivos, sem banco de dados

## Status

Aceito

## Opções Consideradas

1. Persistência em sistema de arquivos (JSON + imagens) — opção escolhida
2. Banco de dados embutido (SQLite)

Decisão registrada na adoção (2026-08-25): SQLite foi considerado e descartado. Não há consultas relacionais nem transações entre entidades; os artefatos são imagens e JSON pequenos.

## Prós e contras das opções

### Banco de dados embutido (SQLite)

- Bom, porque ofereceria transações nativas.
- Ruim, porque adicionaria uma dependência de driver ao projeto.
"""


def test_why_an_option_lost_adds_the_records_own_sentence_that_turns_it_down(notes_wiki_of):
    from lorebook.query.ask import ask

    a = ask(notes_wiki_of({"adr-003.md": PERSISTENCE_ADR}), "Why did the team rule out embedding SQLite for project data?")
    assert a.found and "dependência de driver" in a.answer, a.answer  # the option's own drawback
    assert "Não há consultas relacionais" in a.answer, a.answer  # and the reason the decision gives
    assert any(c["start_line"] == 12 for c in a.citations), a.citations


KAFKA_ADR = """# ADR-0002: Por qué Kafka en vez de RabbitMQ

## Status
Accepted

## Context
Necesitamos un sistema de mensajería para comunicación asíncrona entre microservicios.

## Decision
Elegimos Apache Kafka como sistema de event streaming.

## Alternatives
- RabbitMQ: Mejor para colas de tareas, pero menos adecuado para event streaming
"""


def test_has_the_decision_been_accepted_asks_its_status(notes_wiki_of):
    from lorebook.query.analysis import analyse
    from lorebook.query.ask import ask

    assert analyse("Has the decision to use Kafka instead of RabbitMQ been accepted?").intents[0] == "status"
    assert analyse("Has the fix been deployed?").intents[:1] != ["status"]
    a = ask(notes_wiki_of({"adr-0002.md": KAFKA_ADR}), "Has the decision to use Kafka instead of RabbitMQ been accepted?")
    assert a.found and "Accepted" in a.answer, a.answer


def test_a_querys_flags_count_nothing():
    from lorebook.query.analysis import shape_match

    code = "SELECT COUNT(CASE WHEN backup.history != current.history THEN 1 END) as wrong_addresses FROM backup"
    table = "TOTAL; 2 478 addresses; 2 445 with an id"
    near = ["addresses", "wrong"]
    assert shape_match(["number"], table, "row", near) > shape_match(["number"], code, "code", near)


def test_a_time_limit_is_a_quantity_not_a_moment():
    from lorebook.query.analysis import analyse

    assert analyse("What time limit do the CRON jobs impose?").answer_types[:1] == ["number"]
    assert analyse("What time did the alert fire?").answer_types[:1] == ["date"]
    assert analyse("How wide is the large thumbnail?").answer_types[:1] == ["number"]


def test_who_told_whom_names_the_teller(notes_wiki_of):
    from lorebook.query.ask import ask

    note = ("# Block times incident\n\n## Timeline\n\n| Time (UTC) | Event |\n|---|---|\n"
            "| 22:23 | Hypha notifies Cosmos Labs |\n| 22:25 | Hypha confirms it is multisend spam |\n"
            "| 22:40 | CryptoCrew notifies Hypha that other chains are being spammed as well |\n")
    a = ask(notes_wiki_of({"block-times.md": note}), "Who told Hypha that other chains were being spammed too?")
    assert a.found and a.answer.split("[1]")[0].count("CryptoCrew") == 1, a.answer


THUMBNAIL_RFC = """# 缩略图

## 背景

附件管理缺乏缩略图生成功能。

## 方案

实现方案分为两大部分：缩略图生成和缩略图的使用。

### 缩略图生成

我们选择使用 imgscalr 作为缩略图生成库。

### 缩略图使用

主题端通过 thumbnail.gen 获取缩略图。

### 总结

通过以上设计，缩略图功能将具备灵活性。
"""


def test_a_chinese_rfcs_solution_section_is_its_proposal_not_its_options(note_record):
    r = note_record("thumbnails.md", THUMBNAIL_RFC)
    assert not r.fields.get("rejected"), r.fields.get("rejected")
    assert not any("总结" in str(o) for o in r.fields.get("options") or []), r.fields.get("options")


UPGRADE_POSTMORTEM = """# v22.0.1 patch upgrade

- Date: 2025-Feb-07
- Status: Chain is moving but not upgraded

## Timeline
- Feb 7 1506 UTC: Hypha and ICL agree to release a patch.
- 1936 UTC: v22.0.1 is released.
- 1947 UTC: Hypha reports the state swap test passes.
- Feb 8 0117 UTC: First validator reports an apphash.
- 0133 UTC: Hypha tells validators to revert.
"""


def test_an_operations_logs_four_digit_clocks_with_their_zone(note_record):
    r = note_record("upgrade.md", UPGRADE_POSTMORTEM)
    assert r.fields["date"] == "2025-02-07"
    times = [e["time"] for e in r.fields["timeline"]]
    assert times == ["2025-02-07 15:06", "19:36", "19:47", "2025-02-08 01:17", "01:33"], times


def test_a_year_written_before_the_month_in_words():
    from lorebook.extract.common import find_date

    assert find_date("Date: 2025-DEC-5") == "2025-12-05"
    assert find_date("2025 Sept 03") == "2025-09-03"
    assert find_date("Feb 7 1506 UTC") != "1506-02-07"


def test_a_records_one_line_summary_or_conclusion_says_its_decision(note_record):
    tldr = ("# 0001 — 제목 생성 전용 스케줄러 분리\n\n## 한 줄 요약\n\n세션 제목 생성을 전용 스케줄러로 격리한다.\n\n"
            "## 배경\n\n제목 생성과 영속화가 같은 스레드풀을 공유한다.\n\n## 고려한 대안\n\n- 전역 풀 유지\n- 전용 풀\n")
    assert "전용 스케줄러로 격리" in note_record("0001-bulkhead.md", tldr).fields["decision"]
    ended = ("# ADR 7: Locking for seat booking\n\n## Status\n\nAccepted\n\n## Context\n\nTwo users can book one seat.\n\n"
             "## Options\n\n- Optimistic locking\n- Pessimistic locking\n\n## Conclusion\n\nWe use pessimistic locking (SELECT FOR UPDATE).\n")
    assert "SELECT FOR UPDATE" in note_record("adr-7-locking.md", ended).fields["decision"]


def test_what_a_procedure_assumes_is_in_place_is_its_prerequisites(note_record):
    text = ("# Installation de theses-docker avec un cluster elasticsearch\n\n"
            "On suppose d'abord un déploiement sur les serveurs suivants :\n- diplotaxis1-test\n- diplotaxis2-test\n\n"
            "## Noeud 1\n\nLancer l'application :\n\n```bash\ndocker-compose up -d\n```\n\n"
            "## Noeud 2\n\nCopier les certificats :\n\n```bash\nscp certs/* diplotaxis2-test:/opt/certs/\n```\n")
    assert note_record("runbook-cluster.md", text).fields["prerequisites"] == ["diplotaxis1-test", "diplotaxis2-test"]


BACKUP_RCA = """# RCA: Backup lief 19 Stunden

## Root Cause

Das Backup-Script hat keinen Lock-Mechanismus. Mehrere Instanzen können parallel laufen.

## Fix

**File**: `scripts/backup-run.sh`

**Change**:
```bash
exec 200>"$LOCK_FILE"
if ! flock -n 200; then
    exit 0
fi
```

**Benefit**: Verhindert parallele Ausführung garantiert
"""


def test_a_benefit_line_is_answered_with_the_change_it_follows(notes_wiki_of):
    from lorebook.query.ask import ask

    a = ask(notes_wiki_of({"rca-backup.md": BACKUP_RCA}), "Welcher Mechanismus verhindert, dass das Backup-Script parallel läuft?")
    assert a.found and "flock -n 200" in a.answer.split("[1]")[0], a.answer


def test_a_name_asked_in_latin_letters_that_the_notes_write_in_hangul_or_chinese():
    from lorebook.romanized import written_in_other_script

    assert written_in_other_script("Modutime", "- 모두타임 프로젝트에서 API 문서화를 위해 RestDocs를 사용하기로 결정했습니다.")
    assert written_in_other_script("Zhigang", "智港指南是一个校园导航项目")
    assert not written_in_other_script("Zabbix", "- 모두타임 프로젝트에서 API 문서화를 위해")
    assert not written_in_other_script("Modutime", "The Modutime team writes in English.")


RESTDOCS_ADR = """# 2. api docs rest docs

## Status

Accepted

## 결정(Decision)

- 모두타임 프로젝트는 프로젝트 초기부터 TDD 를 적용하여 테스트 코드가 촘촘합니다.
- API 테스트가 필수인 프로젝트 이므로 Spring RestDocs를 사용하여 API 문서를 작성합니다.

## 영향(Consequence)

- 컨트롤러 테스트 코드를 필수로 작성해야 합니다.
"""


def test_the_romanised_name_of_a_korean_project_is_its_own(notes_wiki_of):
    from lorebook.query.ask import ask

    wiki = notes_wiki_of({"0002-api-docs-rest-docs.md": RESTDOCS_ADR})
    a = ask(wiki, "What does the Modutime project use to write its API docs?")
    assert a.found and "RestDocs" in a.answer, a.answer
    assert not ask(wiki, "What does the Zabbix project use to write its API docs?").found
