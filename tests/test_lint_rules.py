"""Each lint rule fails on a fixture that breaks it and passes on one that keeps it."""

from __future__ import annotations

import datetime as dt

import pytest

from lint_helpers import FIXTURES, lint_rule, make_wiki
from lorebook.lint import RULES

pytestmark = pytest.mark.usefixtures("backend")  # every test on SQLite and on PostgreSQL

EARLY = dt.date(2026, 11, 10)  # 9 days after the fixtures' incident
LATE = dt.date(2026, 12, 20)  # 49 days after it

# rule id -> (failing raw files, passing raw files, today for both)
DOC_CASES = {
    "adr-missing-section": (["adr-missing-section.md"], ["adr-good.md"], EARLY),
    "adr-status-invalid": (["adr-status-invalid.md"], ["adr-good.md"], EARLY),
    "adr-superseded-without-successor": (["adr-superseded-alone.md"], ["adr-007-superseded.md", "adr-008-successor-linked.md"], EARLY),
    "adr-successor-not-linking-back": (["adr-007-superseded.md", "adr-008-successor-silent.md"],
                                       ["adr-007-superseded.md", "adr-008-successor-linked.md"], EARLY),
    "adr-duplicate-number": (["adr-good.md", "adr-007-collision.md"], ["adr-good.md", "adr-008-successor-silent.md"], EARLY),
    "runbook-step-without-command": (["runbook-bare.md"], ["runbook-good.md"], EARLY),
    "runbook-no-verification": (["runbook-bare.md"], ["runbook-good.md"], EARLY),
    "runbook-no-rollback": (["runbook-bare.md"], ["runbook-good.md"], EARLY),
    "runbook-no-contacts": (["runbook-bare.md"], ["runbook-good.md"], EARLY),
    "runbook-no-review-date": (["runbook-bare.md"], ["runbook-good.md"], EARLY),
    "runbook-review-overdue": (["runbook-overdue.md"], ["runbook-good.md"], EARLY),
    "postmortem-no-timeline": (["postmortem-bare.md"], ["postmortem-good.md"], EARLY),
    "postmortem-no-root-cause": (["postmortem-bare.md"], ["postmortem-good.md"], EARLY),
    "postmortem-no-action-items": (["postmortem-bare.md"], ["postmortem-good.md"], EARLY),
    "postmortem-duration-mismatch": (["postmortem-duration-mismatch.md"], ["postmortem-good.md"], EARLY),
    "contradiction": (["postmortem-good.md", "copy/postmortem-duration-other.md"],
                      ["postmortem-good.md", "copy/postmortem-good.md"], EARLY),
}


def _files(names):
    return {n: (FIXTURES / n.split("/")[-1]).read_text(encoding="utf-8") for n in names}


@pytest.mark.parametrize("rule", sorted(DOC_CASES))
def test_rule_fails_then_passes(tmp_path, rule):
    bad, good, today = DOC_CASES[rule]
    found = lint_rule(make_wiki(tmp_path, _files(bad), "bad"), rule, today)
    assert found, f"{rule} found nothing in {bad}"
    for f in found:
        assert f.source.startswith("raw/") and f.line and f.message and f.severity in ("error", "warning")
    assert lint_rule(make_wiki(tmp_path, _files(good), "good"), rule, today) == []


def test_duplicate_number_suggests_a_renumber_command(tmp_path):
    wiki = make_wiki(tmp_path, ["adr-good.md", "adr-007-collision.md"])
    (f,) = lint_rule(wiki, "adr-duplicate-number")
    assert "lorebook adr renumber raw/adr-good.md 8" in f.message or "lorebook adr renumber raw/adr-007-collision.md 8" in f.message


def test_action_item_overdue_depends_on_today_and_config(tmp_path):
    wiki = make_wiki(tmp_path, ["postmortem-good.md"])
    assert lint_rule(wiki, "action-item-overdue", EARLY) == []
    (late,) = lint_rule(wiki, "action-item-overdue", LATE)  # the done item is not reported
    assert "Add a lock timeout" in late.message and "owner: mina" in late.message
    assert late.line == (FIXTURES / "postmortem-good.md").read_text().split("\n").index(
        "| Add a lock timeout to billing queries | mina | open |") + 1
    cfg = wiki.config_path.read_text().replace("action_item_max_age_days = 30", "action_item_max_age_days = 60")
    wiki.config_path.write_text(cfg)
    from lorebook.config import find_wiki

    assert lint_rule(find_wiki(wiki.root), "action-item-overdue", LATE) == []


def test_note_contradicting_an_adr_status_cites_both(tmp_path):
    bad = make_wiki(tmp_path, ["adr-good.md", "notes-status-wrong.md"], "bad")
    (f,) = lint_rule(bad, "contradiction")
    assert f.source == "raw/notes-status-wrong.md" and "raw/adr-good.md:5" in f.message
    good = make_wiki(tmp_path, ["adr-good.md", "notes-status-right.md"], "good")
    assert lint_rule(good, "contradiction") == []


def test_placeholder_rule(tmp_path):
    bad = make_wiki(tmp_path, {"x.md": "# Runbook: X\n\n## Overview\n\n{{TODO: say what it does}}\n"}, "bad")
    (f,) = lint_rule(bad, "template-placeholder")
    assert f.line == 5
    good = make_wiki(tmp_path, {"x.md": "# Runbook: X\n\n## Overview\n\nRestarts X.\n"}, "good")
    assert lint_rule(good, "template-placeholder") == []


def test_broken_link_and_orphan_page(tmp_path):
    wiki = make_wiki(tmp_path, ["adr-good.md", "runbook-good.md"])
    assert lint_rule(wiki, "broken-link") == [] and lint_rule(wiki, "orphan-page") == []
    extra = wiki.wiki_dir / "concepts" / "billing.md"
    extra.parent.mkdir(exist_ok=True)
    extra.write_text("# Billing\n\nSee [the ADR](../decisions/nope.md) and [lines](../../raw/adr-good.md#L900-L901).\n"
                     "Fine: [the index](../index.md), [web](https://example.com).\n")
    broken = lint_rule(wiki, "broken-link")
    assert [(f.source, f.line) for f in broken] == [("wiki/concepts/billing.md", 3)] * 2
    (orphan,) = lint_rule(wiki, "orphan-page")
    assert orphan.source == "wiki/concepts/billing.md"


def test_stale_page_when_source_changes_after_compile(tmp_path):
    wiki = make_wiki(tmp_path, ["adr-good.md"])
    assert lint_rule(wiki, "stale-page") == []
    p = wiki.raw_dir / "adr-good.md"
    p.write_text(p.read_text() + "\nOne more note.\n")
    (f,) = lint_rule(wiki, "stale-page")
    assert f.source == "raw/adr-good.md" and "adr-007" in f.message and "lorebook build" in f.message
    (wiki.raw_dir / "new.md").write_text("# Runbook: New\n\n## Overview\n\nRestarts the export workers.\n")
    assert {f.source for f in lint_rule(wiki, "stale-page")} == {"raw/adr-good.md", "raw/new.md"}


def test_every_rule_has_cases():
    covered = set(DOC_CASES) | {"action-item-overdue", "template-placeholder", "broken-link", "orphan-page", "stale-page"}
    assert covered == set(RULES)


def test_rules_can_be_switched_off_and_regraded(tmp_path):
    from lorebook.config import find_wiki
    from lorebook.lint import run_lint

    wiki = make_wiki(tmp_path, ["runbook-bare.md"])
    with open(wiki.config_path, "a") as fh:
        fh.write('\n[lint.rules]\nrunbook-no-contacts = "off"\nrunbook-no-rollback = "error"\n')
    res = run_lint(find_wiki(wiki.root), today=EARLY)
    rules = {f.rule: f.severity for f in res.findings}
    assert "runbook-no-contacts" not in rules and rules["runbook-no-rollback"] == "error"
    assert res.errors == 1
