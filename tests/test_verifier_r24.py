"""Round 24 of the claim verifier: what binds a fact to its place in the lines. A passive's agent ends where
its means begin, "and then" orders steps, a timeline row keeps its person, "both … and" is not "either … or",
and a rename or upgrade goes to its own target. The sentences are written for these tests, about notes
written for them."""

from __future__ import annotations

from claim_checks import check_claim as _check, note_sources as _root


def test_passive_agent_is_not_the_means(tmp_path):
    """ "The admins were informed by the user via email": the user informed the admins, not the other way round;
    "by email" names the means and does not excuse the swap."""
    src = _root(tmp_path, "# Account takeover\n\nThe admins were informed by the user via email,\nand they blocked the attacker.\n")
    _check(src, "The user told the admins about it by email.", 3, "The admins were informed by the user", True)
    _check(src, "The admins were informed by the user through an email.", 3, "The admins were informed by the user", True)
    _check(src, "The admins informed the user by email that the account was taken.", 3,
           "The admins were informed by the user", "informed by")


def test_and_then_orders_two_steps(tmp_path):
    """ "remove the ownership, and then delete the account" puts the removal first."""
    src = _root(tmp_path, "# Takeover\n\nThe attacker was able to remove the user's ownership of their projects,\n"
                          "and then delete the account.\n")
    _check(src, "The attacker first removed the user's ownership of the projects and then deleted the account.", 3,
           "and then delete the account", True, end=4)
    _check(src, "The attacker first deleted the account and then removed the user's ownership of the projects.", 3,
           "and then delete the account", "opposite order", end=4)


def test_timeline_row_keeps_its_person(tmp_path):
    """ "At 07:37 Katharine found the cause" where 07:37's row names liggitt and Katharine only woke at 07:16."""
    src = _root(tmp_path, "# Timeline\n\n- [03-26 07:16] @Katharine wakes up and notices the Slack reports\n"
                          "- [03-26 07:37] @liggitt finds the cause of the failure\n")
    _check(src, "At 07:37 @liggitt found the cause of the failure.", 3, "@liggitt finds the cause of the failure", True, end=4)
    _check(src, "At 07:37 @Katharine found the cause of the failure.", 3, "@liggitt finds the cause of the failure",
           "katharine", end=4)


def test_both_conditions_are_not_either(tmp_path):
    """An alert that fires when both conditions hold does not fire on either one."""
    src = _root(tmp_path, "# Disk alert\n\nIt fires if both the usage is above a threshold _and_ the\n"
                          "extrapolation predicts running out of space.\n")
    _check(src, "The alert fires when both the usage is above a threshold and the extrapolation predicts running out of space.",
           3, "fires if both the usage is above a threshold", True, end=4)
    _check(src, "The alert fires if either the usage is above a threshold or the extrapolation predicts running out of space.",
           3, "fires if both the usage is above a threshold", "either", end=4)


def test_a_rename_goes_to_its_own_target(tmp_path):
    """The lines name two packages; the rename goes to one of them."""
    src = _root(tmp_path, "# Packages\n\n- The package will require the existing `@acme/cli` package\n"
                          "- `init-acme` will be renamed to `@acme/init` and required as a dependency\n")
    _check(src, "`init-acme` is renamed to `@acme/init` and becomes a dependency.", 4, "will be renamed to `@acme/init`", True)
    _check(src, "`init-acme` is renamed `@acme/cli` and required as a dependency.", 3, "will be renamed to `@acme/init`",
           "renam", end=4)
