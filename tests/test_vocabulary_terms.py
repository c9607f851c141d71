"""The wider table of engineering terms (lorebook.translations.TRANSLATIONS): an English question word finds the page
that says it in Korean, Japanese, Chinese, Russian or Spanish, a question in those languages finds the English
page, and a form that is also an everyday word (or the start of one) matches nothing it should not."""

from __future__ import annotations

from lorebook.query.ask import covers
from lorebook.query.vocabulary import equivalents
from lorebook.translations import TRANSLATIONS, translations


def test_english_terms_are_found_in_other_languages():
    assert covers("백업 전에 etcd 스냅샷을 생성한다.", "snapshot")
    assert covers("ヘルスチェックが 503 を返した。", "health")
    assert covers("回滚前先检查监控告警和快照。", "snapshots")
    assert covers("Перед выкладкой проверьте настройки эндпоинта.", "endpoint")
    assert covers("La política de retención es de 30 días.", "policy")
    assert covers("Die Abhängigkeiten wurden aktualisiert.", "dependencies")  # "dependencies" is its own key: no "-ies" rule


def test_questions_in_other_languages_find_the_english_term():
    assert "snapshot" in equivalents("스냅샷") and "snapshot" in equivalents("快照")
    assert covers("Take an etcd snapshot before the upgrade.", "스냅샷")
    assert covers("The staging namespace was deleted.", "네임스페이스")
    assert "namespace" in equivalents("命名空间") and "네임스페이스" not in equivalents("命名空间")  # same script only


def test_plain_forms_reach_the_new_keys():
    assert "스냅샷" in translations("snapshots") and "트리거" in translations("triggered")
    assert "우선순위" in translations("priorities") and "클라우드" in translations("cloud")


def test_everyday_words_and_word_starts_do_not_match():
    assert "red" not in translations("network") and "modo" not in translations("mode")  # Spanish "de modo que"
    assert not covers("The customer account was locked.", "action")  # no "acción": its stem is "acc"
    assert not covers("We derived the new limits from last week.", "drift")  # no French "dérive"
    assert not covers("Patroni failed over to the replica.", "pattern")  # no Spanish "patrón"
    assert not covers("Наш сервер удалённо недоступен, таким образом", "remote")  # "удалённый" is also "deleted"
    assert all(len(f) > 1 for forms in TRANSLATIONS.values() for f in forms
               if any("\u3040" <= c <= "\u9fff" or "\uac00" <= c <= "\ud7af" for c in f)
               and f not in {"层", "락", "큐", "키", "鍵", "慢"})  # the old one-character forms, none added
