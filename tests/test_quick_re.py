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


def test_twins_are_every_character_where_re_i_and_lower_disagree():
    from lorebook.quick_re import _TWINS

    chars = "".join(chr(c) for c in range(128, 0x110000) if not 0xD800 <= c <= 0xDFFF)
    found = set()
    for letter in "abcdefghijklmnopqrstuvwxyz":
        found |= set(re.compile(letter, re.I).findall(chars))
    found |= {c for c in chars if len(c.lower()) != 1}
    assert found == set(_TWINS.pattern[1:-1])


def test_other_text_checks_caseless_words_and_ascii_pieces():
    p = vocab.DECISION_STATEMENT
    assert "採用" in p.words_other and "wir haben uns f" in p.words_other
    for t in ["Managed Kafka — chosen.", "Managed Kafka — kept.", "Kafka を採用することに決定した。", "Wir haben uns für Kafka entschieden.",
              "WIR HABEN UNS FÜR Kafka ENTSCHIEDEN", "we decıded to use it", "Tomás said we went with it", "naïve"]:
        a, b = p.pattern_.search(t), p.search(t)
        assert (a and a.span()) == (b and b.span()), t


def _quick_patterns() -> list[Quick]:
    import importlib
    import pkgutil

    import lorebook

    found = {}
    for m in pkgutil.walk_packages(lorebook.__path__, "lorebook."):
        if any(x in m.name for x in ("web", "agents", "cli", "__main__")):
            continue
        try:
            mod = importlib.import_module(m.name)
        except Exception:  # an optional dependency missing
            continue
        for v in vars(mod).values():
            if isinstance(v, Quick):
                found[id(v)] = v
    return list(found.values())


def test_subset_patterns_keep_every_group_and_every_match():
    """A pattern with some branches dropped (each run of them one stub) has the pattern's groups, names and
    numbers, and on corpus text every Quick finds what its pattern finds: spans, groups, lastindex."""
    import random

    from conftest import CORPUS, EXAMPLES

    from lorebook.quick_re import _subset

    texts = [p.read_text(encoding="utf-8") for d in (CORPUS, EXAMPLES) if d.is_dir() for p in sorted(d.rglob("*.md"))]
    pieces = [x for t in texts for x in t.split("\n\n") if x.strip()][:3000]
    r = random.Random(7)
    quick = _quick_patterns()
    assert len(quick) >= 11
    for q in quick:
        q.pick("")  # reads the pattern
        raw = q.pattern_
        if q._branches and len(q._branches) > 1:
            for _ in range(20):
                mask = r.randint(1, (1 << len(q._branches)) - 1)
                try:
                    sub = re.compile(_subset(q._branches, mask, raw.flags), raw.flags)
                except re.error:
                    continue
                assert (sub.groups, sub.groupindex) == (raw.groups, raw.groupindex)
        for t in pieces:
            a, b = raw.search(t), q.search(t)
            assert (a and (a.span(), a.groups(), a.lastindex)) == (b and (b.span(), b.groups(), b.lastindex)), (raw.pattern[:40], t)
