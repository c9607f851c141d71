"""Round 29 of the claim verifier: a sentence's capitalised first word that the document writes as an ordinary
word, and a UTC time written with its 'Z'. The sentences are written for these tests, about notes written for them."""

from __future__ import annotations

from claim_checks import check_claim as _check, note_sources as _root


def test_a_first_word_the_document_writes_in_lower_case_is_a_word_not_a_name(tmp_path):
    src = _root(tmp_path, "# Stuck stack\n\nWe ran continue-update-rollback on the auth stack and skipped the pool.\n"
                          "The recovery took an hour.\n")
    _check(src, "Recovery meant running continue-update-rollback on the auth stack.", 3,
           "We ran continue-update-rollback on the auth stack", True)
    # a name at the start of the sentence is still a name the lines must state
    _check(src, "Priya ran continue-update-rollback on the auth stack.", 3,
           "We ran continue-update-rollback on the auth stack", "Priya")


def test_a_utc_time_keeps_its_z(tmp_path):
    src = _root(tmp_path, "# Deploy failure\n\nThe runner outage began at 04:34:24Z and the deploy failed at 04:34:34Z.\n")
    _check(src, "The deploy failed at 04:34:34Z, just after the runner outage began.", 3,
           "the deploy failed at 04:34:34Z", True)
    _check(src, "The deploy failed at 04:44:34Z.", 3, "the deploy failed at 04:34:34Z", "04:44")


def test_a_clause_of_foreign_lines_that_denies_what_the_sentence_states(tmp_path):
    src = _root(tmp_path, "# ヘルスチェック\n\n| `/readyz` | DB への `SELECT 1` を含む | 失敗したら流入を止めるだけで、再起動はしない |\n")
    _check(src, "When /readyz fails, the container is restarted.", 3, "DB への `SELECT 1` を含む", "deny")
    _check(src, "When /readyz fails, traffic to the container is stopped.", 3, "失敗したら流入を止めるだけで", True)
    # "未満" is "less than", "無効" is "disabled": neither denies
    src = _root(tmp_path, "# 段階\n\nPre-PMF 段階で実ユーザー数が 10 未満。投稿機能を無効化する。\n", name="stage.md")
    _check(src, "The service had fewer than 10 real users.", 3, "実ユーザー数が 10 未満", True, name="stage.md")


def test_any_does_not_stand_for_what_the_lines_restrict(tmp_path):
    src = _root(tmp_path, "# 起動\n\n起動時に自動で適用する `MIGRATE_ON_START=true` は、単一レプリカの検証環境だけで使う。\n")
    _check(src, "MIGRATE_ON_START=true can be used in any environment.", 3, "単一レプリカの検証環境だけで使う", "any")
    _check(src, "MIGRATE_ON_START=true is used only in the verification environment.", 3,
           "単一レプリカの検証環境だけで使う", True)
