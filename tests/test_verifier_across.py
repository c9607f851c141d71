"""An English sentence about notes written in another language (issue 13: a model summarising a French ADR or a
Chinese post-mortem writes English). Before this round every such sentence about Latin-script notes was refused
(its words are not the lines' words) and the facts of one about Chinese notes could not be matched ("两个" is two).
The notes and sentences are written for these tests."""

from __future__ import annotations

from claim_checks import check_claim as _check, note_sources as _root
from lorebook.verify.across import Passage, language_gap, not_english

FRENCH_ADR = """# ADR 7 : un dépôt séparé pour l'historique des rapports

## Statut

Accepté

## Contexte

Chaque récupération du dépôt télécharge tout l'historique des rapports de tests.

## Décision

Nous déplaçons l'historique des rapports dans un dépôt séparé, et nous gardons les deux derniers rapports dans l'application.

## Incident du 3 mars

- Les sauvegardes locales contenaient une base de données vide.
- Les données réelles existaient seulement en production.
"""

CHINESE_POSTMORTEM = """# 事故报告：测试内存压力

## 摘要

两个 Bun 进程各占用约 30 GB 内存，开发机器因此变慢。
"""


def test_the_language_of_lines_is_told_by_script_or_by_function_words():
    assert not_english("Nous déplaçons l'historique des rapports dans un dépôt séparé.")
    assert not_english("两个 Bun 进程各占用约 30 GB 内存")
    assert not not_english("We move the report history into a separate repository.")
    assert language_gap("The ADR moves the history into a separate repository.", "Nous déplaçons l'historique des "
                        "rapports dans un dépôt séparé, et nous gardons les deux derniers rapports.", [])
    assert not language_gap("Nous déplaçons l'historique.", "Nous déplaçons l'historique des rapports.", [])


def test_a_word_is_said_as_written_in_the_term_table_or_as_a_cognate():
    p = Passage("Nous déplaçons l'historique des rapports dans un dépôt séparé en production. Bun API의 응답")
    assert p.says("repository")  # the term table's "dépôt"
    assert p.says("history") and p.says("production") and p.says("separate")  # table, cognate, cognate
    assert p.says("API") and p.says("Bun")  # names survive translation
    assert not p.says("cluster") and not p.says("deleted")


def test_an_english_sentence_about_a_french_adr_is_accepted_from_its_own_lines_only(tmp_path):
    src = _root(tmp_path, FRENCH_ADR)
    quote = "Nous déplaçons l'historique des rapports dans un dépôt séparé"
    _check(src, "The decision moves the report history into a separate repository.", 13, quote, True)
    # the same sentence citing the context line: it says little of what the sentence says
    _check(src, "The decision moves the report history into a separate repository and deletes the old cluster.", 9,
           "Chaque récupération du dépôt télécharge", "not said in the cited lines")


def test_what_the_french_lines_keep_apart_may_not_be_exchanged(tmp_path):
    src = _root(tmp_path, FRENCH_ADR)
    quote = "Les données réelles existaient seulement en production"
    _check(src, "The local backups held an empty database, and the real data existed only in production.", 17, quote,
           True, end=18)
    _check(src, "The real data existed only in the local backups, and production held an empty database.", 17, quote,
           "pairs", end=18)


def test_numbers_written_in_chinese_back_an_english_count(tmp_path):
    src = _root(tmp_path, CHINESE_POSTMORTEM)
    _check(src, "Two Bun processes each used about 30 GB of memory.", 5, "两个 Bun 进程各占用约 30 GB 内存", True)
    _check(src, "Three Bun processes each used about 30 GB of memory.", 5, "两个 Bun 进程各占用约 30 GB 内存", "Three")
    _check(src, "Two Bun processes each used about 40 GB of memory.", 5, "两个 Bun 进程各占用约 30 GB 内存", "40 GB")


NGINX_RUNBOOK = """# API 代理排障

## 3. 两处修改

`location /api/` 必须位于 SPA 的 `location /` 之前，确保 API 不会落入前端兜底逻辑。

CDK deploy は auth-stack → compute-stack の順で更新される。
"""


def test_an_order_the_lines_give_by_arrow_or_by_their_word_for_before_may_not_be_turned(tmp_path):
    src = _root(tmp_path, NGINX_RUNBOOK)
    q = "必须位于 SPA 的 `location /` 之前"
    _check(src, "The `location /api/` block must come before the SPA's `location /` block.", 5, q, True)
    _check(src, "The SPA's `location /` block must come before `location /api/`.", 5, q, "cited lines put `location /api/` first")
    q = "auth-stack → compute-stack の順で更新される"
    _check(src, "CDK deploys update auth-stack first and compute-stack afterwards.", 7, q, True)
    _check(src, "CDK deploys update compute-stack first and auth-stack afterwards.", 7, q, "cited lines put auth-stack first")


def test_a_section_number_in_the_heading_is_no_figure_of_the_lines(tmp_path):
    src = _root(tmp_path, NGINX_RUNBOOK)
    q = "必须位于 SPA 的 `location /` 之前"
    # "## 3. 两处修改": the 3 numbers the section, the 两 (two) counts the changes
    _check(src, "Two changes are listed, the first placing `location /api/` before the SPA's `location /`.", 5, q, True)
    _check(src, "Three changes are listed, the first placing `location /api/` before the SPA's `location /`.", 5, q, "Three")


def test_one_side_of_a_pair_is_not_the_other_in_the_lines_language(tmp_path):
    src = _root(tmp_path, "# Runbook\n\nDer Cache wurde für die Migration deaktiviert und die Prüfung ist fehlgeschlagen.\n")
    q = "Der Cache wurde für die Migration deaktiviert"
    _check(src, "The cache was disabled for the migration.", 3, q, True)
    _check(src, "The cache was enabled for the migration.", 3, q, "the cited lines say 'disabled'")
    src = _root(tmp_path, "# Déploiement\n\nSi la migration échoue, le déploiement est avorté et l'ancien conteneur continue de servir.\n",
                name="fr.md")
    q = "le déploiement est avorté et l'ancien conteneur continue de servir"
    _check(src, "If the migration fails, the deployment is aborted and the old container keeps serving.", 3, q, True, name="fr.md")
    _check(src, "If the migration fails, the deployment still goes ahead with the new container.", 3, q,
           "the cited lines say 'old'", name="fr.md")


def test_an_english_word_that_is_a_number_elsewhere_is_no_figure(tmp_path):
    src = _root(tmp_path, "# Outage\n\nThe node was restarted due to a memory leak.\n")
    q = "The node was restarted due to a memory leak"
    _check(src, "The node was restarted due to a memory leak.", 3, q, True)
    _check(src, "2 nodes were restarted due to a memory leak.", 3, q, "number 2")


FRENCH_POSTMORTEM = """# Incident de production du 22 septembre

## Chronologie

- Vendredi à 12:12, le déploiement en production a échoué : les connexions à la base de données étaient épuisées.
- La restauration a duré environ 30 minutes.
"""

KOREAN_TIMELINE = """# 결제 지연

- 20:31 — 마이그레이션을 중단했다.
- 20:35 — 결제 응답 시간이 정상으로 돌아왔다.
"""


def test_a_weekday_and_a_duration_in_the_lines_language_back_the_english_ones(tmp_path):
    src = _root(tmp_path, FRENCH_POSTMORTEM)
    q = "le déploiement en production a échoué"
    _check(src, "The Friday 12:12 production deploy failed because the database connections were exhausted.", 5, q, True)
    _check(src, "The Thursday 12:12 production deploy failed because the database connections were exhausted.", 5, q,
           "Thursday")
    q = "La restauration a duré environ 30 minutes"
    _check(src, "The restore took about 30 minutes.", 6, q, True)
    _check(src, "The restore took about 45 minutes.", 6, q, "45 minutes")


def test_units_in_other_languages_are_durations():
    from lorebook.verify.facts import extract

    assert extract("Nach 5 Minuten war alles wieder da", source=True).durations == {300.0}
    assert extract("10分钟内恢复", source=True).durations == {600.0}
    assert extract("duurde 3 uur", source=True).durations == {10800.0}
    assert not extract("we push 2 tags", source=True).durations  # English "tags", not German "Tage"


def test_an_event_given_the_time_of_another_row_of_a_foreign_timeline_is_refused(tmp_path):
    src = _root(tmp_path, KOREAN_TIMELINE)
    _check(src, "The migration was stopped at 20:31, and payment latency returned to normal at 20:35.", 3, "20:31", True, end=4)
    _check(src, "Payment latency returned to normal at 20:31, before the migration was stopped at 20:35.", 3, "20:31",
           "the time of another row", end=4)
