"""quick_re.Quick: a literal pre-check that never changes what a pattern finds."""

import re

from lorebook import vocab
from lorebook.extract import decision, incident, runbook
from lorebook.quick_re import Quick, requirements


def test_words_every_branch_needs():
    q = Quick(re.compile(r"\bwe\s+(?:have\s+)?(?:decided|agreed)\s+to\b|\bhemos elegido|決定", re.I))
    assert set(q.words) == {"decided", "agreed", "hemos elegido"}  # "決定" cannot match ASCII text
    assert requirements(re.compile(r"\w+|foo")) is None  # a branch with no literal turns the check off
    assert Quick(re.compile(r"x?")).words is None


def test_same_matches_as_the_pattern():
    texts = [
        "", "We decided to go with Postgres.", "WE HAVE AGREED TO adopt it", "we agreed\tto use it", "nothing here",
        "The fix was a config change.", "It was triggered by a deploy.", "決定採用 Kafka", "Hemos elegido Redis.",
        "we \u212aelvin decided to", "ſettled on", "This ADR supersedes ADR-0003.", "Contact the on-call DBA.",
        "Verify that the pods are back.", "Before you begin, check access.", "We were alerted by a page.",
    ]
    for p in (vocab.DECISION_STATEMENT, incident._RESOLUTION_STATEMENT, incident._TRIGGER_STATEMENT,
              incident._TRIGGER_STATEMENT_SANS_KIKKAKE, incident._FIX_ACTION, incident._DETECTION_STATEMENT,
              runbook._CONTACT_SENTENCE, runbook._TOLD_CHECK, runbook._BEFORE_YOU_NEED, decision._PROSE_SUPER,
              decision._SELF_AGENT):
        assert isinstance(p, Quick) and p.words
        raw = p.pattern_
        for t in texts:
            a, b = raw.search(t), p.search(t)
            assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups())), (raw.pattern[:40], t)
            assert [m.span() for m in raw.finditer(t)] == [m.span() for m in p.finditer(t)]


def test_non_ascii_text_always_runs_the_pattern():
    # under re.I the KELVIN SIGN matches "k": lower() would not find "kicked" in it, so non-ASCII text is never skipped
    p = Quick(re.compile(r"\bkicked\s+off\b", re.I))
    assert p.search("\u212aicked off") is not None
    assert p.search("Kicked off by a deploy") is not None and p.search("started by a deploy") is None
