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
