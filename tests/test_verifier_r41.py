"""Round 41 of the claim verifier: an English sentence citing lines in another script must share at least one of its
words with them (as written, or through the term table). The term table knows too few words of Chinese or Japanese
for a share of the words to mean much, but a sentence that shares none is about other lines. The sentences are
written for these tests, about notes written for them."""

from __future__ import annotations

from claim_checks import check_claim as _check, note_sources as _root

JAPANESE_ADR = """# ADR-002: 接続ごとの管理

## 利点

- Conn（物理）と Session（論理）の責務分離が明確
- 将来的な再接続（Session rebind）に拡張しやすい
"""


def test_a_sentence_that_shares_no_word_with_lines_in_another_script_is_about_other_lines(tmp_path):
    src = _root(tmp_path, JAPANESE_ADR)
    quote = "Conn（物理）と Session（論理）の責務分離が明確"
    _check(src, "Conn and Session have clearly separated responsibilities.", 5, quote, True)
    _check(src, "One listed benefit is that race conditions are ruled out at the design level.", 5, quote,
           "none of the sentence's words is said")


def test_a_word_of_the_term_table_is_a_shared_word(tmp_path):
    src = _root(tmp_path, "# BR 恢复数据\n\n>**注意**：数据恢复需要离线进行。\n")
    _check(src, "The data restore has to be done offline.", 3, "数据恢复需要离线进行", True)
    _check(src, "Clients keep their sessions open throughout.", 3, "数据恢复需要离线进行", "none of the sentence's words is said")


def test_only_before_an_amount_says_it_is_small_and_restricts_nothing(tmp_path):
    src = _root(tmp_path, "# Restore test\n\nThe backup used in the test, etp_20251115.sql.gz, was 52 bytes and held no tables.\n")
    quote = "was 52 bytes"
    _check(src, "The backup used in the test was only 52 bytes.", 3, quote, True)
    _check(src, "Only the backup used in the test was 52 bytes.", 3, quote, "state no restriction")


def test_a_share_of_all_and_a_period_of_every_claim_no_whole(tmp_path):
    src = _root(tmp_path, "# Outage\n\nDuring the 25-minute window, 12.4% of requests returned 502 or 504.\n"
                          "Clean the drive with a cleaning tape after 50 backups.\n")
    quote = "12.4% of requests returned 502 or 504"
    _check(src, "During the 25-minute window, 12.4% of all requests returned 502 or 504.", 3, quote, True)
    _check(src, "During the 25-minute window, all requests returned 502 or 504.", 3, quote, "state no 'all'")
    _check(src, "Clean the drive with a cleaning tape every 50 backups.", 4, "after 50 backups", True)
