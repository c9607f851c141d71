"""Round 39 of the claim verifier: an action item's status cell in the notes' language, an order the lines write with
"depois" between two names, an un- word that denies itself and not the clause's verb, and an attempt the lines
number themselves. The sentences are written for these tests, about notes written for them."""

from __future__ import annotations

from claim_checks import check_claim as _check, note_sources as _root


def test_a_status_cell_in_another_language_says_the_item_is_still_open(tmp_path):
    src = _root(tmp_path, "# Действия\n\n| Действие | Статус |\n|---|---|\n"
                          "| Настроить резервное копирование журнала | ❌ НЕ СДЕЛАНО |\n| Включить алерт на диск | ✅ Сделано |\n")
    _check(src, "Journal backups have since been configured.", 5, "Настроить резервное копирование журнала", "open")
    _check(src, "The disk alert has been enabled.", 6, "Включить алерт на диск", True)


def test_then_between_two_names_orders_them_in_the_lines_language(tmp_path):
    src = _root(tmp_path, "# Infra\n\nDestruição da infra: `workflow_dispatch` com `destroy`. Ordem: database depois kubernetes.\n")
    _check(src, "When tearing down, destroy kubernetes first and the database afterwards.", 3,
           "Ordem: database depois kubernetes", "kubernetes before database")
    _check(src, "When tearing down, destroy the database first and kubernetes afterwards.", 3,
           "Ordem: database depois kubernetes", True)


def test_an_un_word_denies_itself_not_the_verb_of_its_clause(tmp_path):
    src = _root(tmp_path, "# Перезагрузка\n\nСервисы поднялись, но незавершённая работа не возобновилась.\n")
    _check(src, "After the reboot the unfinished work resumed on its own.", 3, "незавершённая работа не возобновилась", "deny")
    _check(src, "After the reboot the unfinished work did not resume.", 3, "незавершённая работа не возобновилась", True)


def test_an_attempt_the_lines_number_keeps_their_number(tmp_path):
    src = _root(tmp_path, "# 网关\n\n网关间歇 504（3s 硬限）→ 调用必须带重试循环（5 次 × 间隔 1s，通常第 2 次成功）。\n")
    _check(src, "With the retry loop, calls usually succeed on the third attempt.", 3, "通常第 2 次成功", "the third attempt")
    _check(src, "With the retry loop, calls usually succeed on the second attempt.", 3, "通常第 2 次成功", True)


def test_two_clauses_that_give_each_subject_the_others_value(tmp_path):
    src = _root(tmp_path, "# 빌드\n\n서버(EC2)는 ARM64(Graviton) 인스턴스인데, GitHub-hosted 러너는 amd64라 기본 설정으로는 amd64 이미지만 빌드된다.\n")
    _check(src, "The EC2 server is an amd64 instance, whereas the GitHub-hosted runners are ARM64 Graviton machines.", 3,
           "GitHub-hosted 러너는 amd64라", "the other one")
    _check(src, "The EC2 server is an ARM64 instance, whereas the GitHub-hosted runners are amd64 machines.", 3,
           "GitHub-hosted 러너는 amd64라", True)
