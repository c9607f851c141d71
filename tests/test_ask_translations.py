"""English questions about notes written in other languages: the terms a page says in Spanish or Korean
("base de datos", "복구") count as the English words asked, in finding the page and in scoring its lines;
and two answer-type guards met on the same check (a "how much … per month" needs an amount; SQL's
"@@hostname" is not somebody's handle). Small notes written for these tests."""

from __future__ import annotations

import pytest

from lorebook.config import init_wiki
from lorebook.pipeline import ingest
from lorebook.query.analysis import TYPE_SHAPES
from lorebook.query.ask import ask, covers
from lorebook.query.vocabulary import equivalents
from lorebook.translations import translations
from test_ask_vocabulary import cited  # the one definition of "the answer cites lines of this file"


def test_terms_have_their_translations_and_plain_forms():
    assert "base de datos" in translations("database") and "데이터베이스" in translations("databases")
    assert "재시도" in translations("retried") and "pedidos" in translations("orders")
    assert translations("network") and "red" not in translations("network")  # Spanish "red" is an English word
    assert "fluentbit" in equivalents("shipper") and "復旧" in equivalents("recovery")
    assert translations("banana") == set()


def test_a_page_that_says_the_term_in_its_own_language_covers_it():
    assert covers("Elegimos una base de datos relacional.", "database")
    assert covers("복구 작업은 40초 걸렸다.", "recovery")
    assert covers("障害の復旧に2時間かかった。", "recovery")
    assert not covers("We chose a relational store.", "recovery")


def test_durations_and_handles_in_more_shapes():
    assert TYPE_SHAPES["duration"].search("인덱스 삭제에 40초가 걸렸다")
    assert TYPE_SHAPES["duration"].search("la restauración tardó 25 minutos")
    assert not TYPE_SHAPES["person"].search("SELECT @@hostname;")
    assert TYPE_SHAPES["person"].search("paged @dana at 03:10")


@pytest.fixture(scope="module")
def mixed_wiki(tmp_path_factory):
    root = tmp_path_factory.mktemp("translations")
    notes = root / "notes"
    notes.mkdir()
    (notes / "adr-almacen.md").write_text(
        "# ADR 7: Almacén de facturas\n\n- Status: accepted\n- Date: 2025-06-02\n\n"
        "## Contexto\n\nLas facturas y los pedidos necesitan transacciones y consultas con joins.\n\n"
        "## Opciones\n\n* Base de datos relacional (PostgreSQL)\n* Base de datos documental (CouchDB)\n\n"
        "## Decisión\n\nUsaremos una base de datos relacional, PostgreSQL, para facturas y pedidos.\n\n"
        "## Consecuencias\n\n* Bad, because el esquema cambia con migraciones.\n", encoding="utf-8")
    (notes / "장애-정산-배치.md").write_text(
        "# 정산 배치 장애\n\n- 날짜: 2025-08-14\n- 심각도: P2\n\n## 요약\n\n정산 배치가 새벽에 멈췄다. 사용자 영향은 없었다.\n\n"
        "## 타임라인\n\n| 시각 | 내용 |\n|---|---|\n| 03:10 | 배치 지연 알림 |\n| 03:25 | 재시도, `Deadlock found`로 실패 |\n"
        "| 복구 | 잠긴 행을 풀고 배치를 다시 실행 (12분) |\n\n"
        "## 교훈\n\n- 조회 전에 `SELECT @@hostname, DATABASE()`로 대상을 확인한다.\n", encoding="utf-8")
    w = init_wiki(root / "wiki", name="T")
    ingest(w, [notes])
    return w


def test_an_english_question_finds_the_spanish_decision(mixed_wiki):
    a = ask(mixed_wiki, "Which database was chosen for invoices and orders?")
    assert a.found and "PostgreSQL" in a.answer and cited(a, "adr-almacen.md")


def test_an_english_question_reads_the_korean_recovery_row(mixed_wiki):
    a = ask(mixed_wiki, "How long did the recovery of the settlement batch take?")
    assert a.found and "12분" in a.answer


def test_a_cost_question_with_no_amount_in_the_notes_is_not_found(mixed_wiki):
    assert not ask(mixed_wiki, "How much did the document database option cost per month?").found


def test_sql_at_signs_do_not_answer_who(mixed_wiki):
    a = ask(mixed_wiki, "Who was on call for the settlement batch incident?")
    assert not a.found or "@@hostname" not in a.answer
