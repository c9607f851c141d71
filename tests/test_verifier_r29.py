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


def test_each_clause_keeps_its_own_negation_across_languages(tmp_path):
    src = _root(tmp_path, "# 배치\n\n배치는 멈춘 적이 없었다. 프로세스 감시로는 잡히지 않았다.\n")
    _check(src, "The batch had actually stopped, which is why process monitoring did not notice anything.", 3,
           "배치는 멈춘 적이 없었다", "deny")


def test_a_move_from_one_state_to_another_keeps_its_direction(tmp_path):
    src = _root(tmp_path, "# 복구\n\n| 복구 API | 실패 레코드 재시도 엔드포인트 추가 (`'E' → 'N'`, `'Y'` 는 차단) |\n")
    _check(src, "The recovery API moves failed records from 'N' back to 'E'.", 3, "실패 레코드 재시도 엔드포인트 추가", "'E' first")
    _check(src, "The recovery API moves failed records from 'E' to 'N' for a retry.", 3, "실패 레코드 재시도 엔드포인트 추가", True)


def test_the_other_kind_of_a_hyphenated_head_and_a_sibling_subcommand(tmp_path):
    src = _root(tmp_path, "# 아웃박스\n\n- Kafka 브로커가 일시 다운되어도 이벤트 유실 없음 (at-least-once)\n"
                          "- 복원한 DB で `prisma migrate status` を実行する\n")
    _check(src, "No events are lost: the design gives exactly-once delivery.", 3, "이벤트 유실 없음 (at-least-once)", "at-least-once")
    _check(src, "No events are lost: the design gives at-least-once delivery.", 3, "이벤트 유실 없음 (at-least-once)", True)
    _check(src, "Run prisma migrate deploy on the restored DB.", 4, "`prisma migrate status` を実行する", "prisma migrate status")
    _check(src, "Run prisma migrate status on the restored DB.", 4, "`prisma migrate status` を実行する", True)


def test_a_date_written_in_chinese_or_japanese(tmp_path):
    src = _root(tmp_path, "# 障害報告\n\n* **日付**: 2026年6月26日\n* **影響時間**: 6月25日 10:00 〜 10:25\n")
    _check(src, "The write-up is dated 26 June 2026.", 3, "2026年6月26日", True)
    _check(src, "The write-up is dated 27 June 2026.", 3, "2026年6月26日", "date")
    _check(src, "The outage was on 24 June.", 4, "6月25日 10:00", "date")


def test_larger_for_lines_that_say_smaller_and_a_setting_turned_off(tmp_path):
    src = _root(tmp_path, "# 事後検証\n\n検証環境のテストデータが本番の実データと比較してサイズが小さく、リークが隠れていた。\n")
    _check(src, "The staging test data was larger than production's real data.", 3, "本番の実データと比較してサイズが小さく", "smaller")
    _check(src, "The staging test data was smaller than production's real data.", 3, "本番の実データと比較してサイズが小さく", True)
    src = _root(tmp_path, "# Actions\n\n```yaml\n- id: purge-flood-docs\n  risk: high\n  reversible: false\n```\n", name="a.md")
    _check(src, "The purge-flood-docs action is marked as reversible.", 4, "id: purge-flood-docs", "reversible", end=6, name="a.md")


def test_a_japanese_past_negative_denies(tmp_path):
    src = _root(tmp_path, "# 再発防止\n\n5. ステージングで再現できなかった問題が本番で発生した\n")
    _check(src, "この問題はステージング環境で事前に再現されていた。", 3, "ステージングで再現できなかった問題", "negation")


def test_one_of_a_thing_said_without_the_digit(tmp_path):
    src = _root(tmp_path, "# 起動\n\n`MIGRATE_ON_START=true` は、単一レプリカの検証環境だけで使う。\n")
    _check(src, "MIGRATE_ON_START=true is meant only for single-replica verification environments.", 3,
           "単一レプリカの検証環境だけで使う", True)
    src = _root(tmp_path, "# 起動\n\n`MIGRATE_ON_START=true` は、3 レプリカの検証環境だけで使う。\n", name="b.md")
    _check(src, "MIGRATE_ON_START=true is meant only for single-replica verification environments.", 3,
           "レプリカの検証環境だけで使う", "single", name="b.md")


def test_status_words_written_in_chinese_and_a_fix_label(tmp_path):
    src = _root(tmp_path, "# 选型\n\n3) **MQTT → Kafka → writer → ClickHouse（遥测）**（选定）\n- 遥测字段不固定：不同节点可能缺少某些传感器。\n")
    _check(src, "The selected option routes data from MQTT through Kafka to a writer that stores telemetry in ClickHouse.", 3,
           "MQTT → Kafka → writer → ClickHouse", True)
    _check(src, "The rejected option routes data from MQTT through Kafka to a writer that stores telemetry in ClickHouse.", 3,
           "MQTT → Kafka → writer → ClickHouse", "rejected")
    _check(src, "The telemetry fields vary because different nodes may be missing certain sensors.", 4, "不同节点可能缺少某些传感器", True)
    src = _root(tmp_path, "# Post-mortem\n\n| **Fix** | Eliminar todos los caches `Linux-buildx-*` via `gh cache delete` |\n", name="c.md")
    _check(src, "The poisoned build cache was fixed by deleting all Linux-buildx-* caches with gh cache delete.", 3,
           "Eliminar todos los caches", True, name="c.md")


def test_large_numbers_and_counters_as_korean_writes_them(tmp_path):
    src = _root(tmp_path, "# 장애\n\n**규모** GPS 이력 테이블 단일 8억 행, 446GB\n"
                          "미처리 레코드가 **2025-12-25부터 1,813건** 쌓여 있었다.\n"
                          "- `VACUUM` 로 죽은 튜플 **18억 5,270만 개를 1시간 33분에 제거**\n")
    _check(src, "The GPS history table held 800 million rows taking 446GB.", 3, "GPS 이력 테이블 단일 8억 행", True)
    _check(src, "The GPS history table held 900 million rows taking 446GB.", 3, "GPS 이력 테이블 단일 8억 행", "900 million")
    _check(src, "Unprocessed records had piled up since 2025-12-25, reaching 1,813.", 4, "2025-12-25부터 1,813건", True)
    _check(src, "VACUUM removed about 1.85 billion dead rows.", 5, "죽은 튜플 **18억 5,270만 개를", True)
    _check(src, "VACUUM removed about 1.86 billion dead rows.", 5, "죽은 튜플 **18억 5,270만 개를", "billion")
    _check(src, "VACUUM removed about 1.9 billion dead rows.", 5, "죽은 튜플 **18억 5,270만 개를", "billion")


def test_a_korean_noun_negation_and_a_term_it_denies(tmp_path):
    src = _root(tmp_path, "# 잔여 17건\n\n- 파일 크기가 헤더의 페이지 수와 정확히 일치 → **전송 중 절단 아님**\n")
    _check(src, "The analysis confirmed the files had been truncated in transit.", 3, "파일 크기가 헤더의 페이지 수와 정확히 일치", "deny")
