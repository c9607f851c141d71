"""Round 26 of the claim verifier: a contraction is the words it stands for. "doesn't" is "does not", so a
paraphrase written with it is checked against lines that say "does not" (it used to be refused for saying
"doesn"), and a contraction that denies what the lines affirm is still refused. The sentences are written for
these tests, about notes written for them."""

from __future__ import annotations

from claim_checks import check_claim as _check, note_sources as _root
from lorebook.verify.words import plain_contractions


def test_contractions_are_spelled_out():
    said = plain_contractions("It doesn't. We can't. They won't. It isn’t. Don't.")
    assert said == "It does not. We cannot. They will not. It is not. Do not."


def test_a_contraction_reads_as_the_words_the_lines_use(tmp_path):
    src = _root(tmp_path, "# Operator upgrades\n\nA service does not report a Degraded state during a normal upgrade.\n"
                          "The operator restarts its pods one by one.\n")
    _check(src, "A service doesn't report a Degraded state during a normal upgrade.", 3,
           "A service does not report a Degraded state during a normal upgrade", True)
    _check(src, "The operator doesn't restart its pods.", 4, "The operator restarts its pods one by one", "not")


def test_kinds_are_types_and_to_find_is_to_detect(tmp_path):
    src = _root(tmp_path, "# Alerts\n\nThere are three types of events that raise the banner.\n"
                          "The operator detects and rejects invalid ServiceMonitor objects.\n")
    _check(src, "Three kinds of event raise the banner.", 3, "There are three types of events", True)
    _check(src, "The operator finds and rejects invalid ServiceMonitor objects.", 4, "detects and rejects invalid", True)
    _check(src, "Four kinds of event raise the banner.", 3, "There are three types of events", "Four")
