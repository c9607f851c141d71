"""Round 40 of the claim verifier: a limit the lines write in their own language ("至少 240 秒", "mindestens 3",
"5개 이하") binds its number, and "kept" is the opposite of what another language's lines call removed. The
sentences are written for these tests, about notes written for them."""

from __future__ import annotations

from claim_checks import check_claim as _check, note_sources as _root


def test_a_limit_written_in_another_language_binds_its_number(tmp_path):
    src = _root(tmp_path, "# 测试\n\n- 全量测试的外层命令超时至少设置为 240 秒；120 秒可能在测试正常运行时将其提前终止。\n")
    _check(src, "The outer timeout of the full test suite must be at least 120 seconds.", 3, "至少设置为 240 秒", "limit")
    _check(src, "The outer timeout of the full test suite must be at least 240 seconds.", 3, "至少设置为 240 秒", True)


def test_a_limit_after_its_number_and_in_a_latin_language(tmp_path):
    src = _root(tmp_path, "# Cluster\n\nDer Cluster braucht mindestens 3 Knoten; 5 Knoten sind für die Last empfohlen.\n")
    said = "Der Cluster braucht mindestens 3 Knoten; 5 Knoten sind für die Last empfohlen."
    _check(src, "The cluster needs at least 5 nodes.", 3, said, "limit")
    _check(src, "The cluster needs at least 3 nodes.", 3, said, True)
    (tmp_path / "ko").mkdir()
    src = _root(tmp_path / "ko", "# 배포\n\n동시 배포는 2개 이하로 유지한다. 하루 배포는 보통 10개 정도다.\n")
    said = "동시 배포는 2개 이하로 유지한다. 하루 배포는 보통 10개 정도다."
    _check(src, "Keep concurrent deployments to at most 10.", 3, said, "limit")
    _check(src, "Keep concurrent deployments to at most 2.", 3, said, True)


def test_kept_where_the_lines_say_removed_in_their_language(tmp_path):
    src = _root(tmp_path, "# Correctif du démarrage automatique\n\nDashy **retiré** de la configuration auto-stop :\n"
                          "- Dashy reste toujours actif, sans arrêt automatique après une période d'inactivité\n")
    _check(src, "Dashy was kept in the auto-stop configuration.", 3, "retiré", "removed")
    _check(src, "Dashy was removed from the auto-stop configuration.", 3, "retiré", True)
