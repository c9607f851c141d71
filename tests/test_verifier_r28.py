"""Round 28 of the claim verifier: who reached whom, and a cost brought down where the lines say it goes up.
The sentences are written for these tests, about notes written for them."""

from __future__ import annotations

from claim_checks import check_claim as _check, note_sources as _root


def test_who_reached_whom_may_not_be_turned_around(tmp_path):
    src = _root(tmp_path, "# Flaky job\n\nThe oncall was not online yet, so @dana pinged @omar to check on this.\n")
    _check(src, "The oncall was not online yet, so @dana pinged @omar to check on this.", 3,
           "@dana pinged @omar to check on this", True)
    _check(src, "The oncall was not online yet, so @omar pinged @dana to check on this.", 3,
           "@dana pinged @omar to check on this", "reaching")


def test_a_passive_turns_sides_legitimately(tmp_path):
    src = _root(tmp_path, "# Flaky job\n\n@omar was paged by @dana at night.\n")
    _check(src, "@dana paged @omar at night.", 3, "@omar was paged by @dana at night", True)


def test_a_cost_brought_down_is_not_a_cost_that_increases(tmp_path):
    src = _root(tmp_path, "# Clusters\n\nWith one cluster per team we expect the cost of running the platform to increase.\n")
    _check(src, "One cluster per team is expected to bring the platform's running costs down.", 3,
           "we expect the cost of running the platform to increase", "down")
    _check(src, "With one cluster per team we expect the cost of running the platform to increase.", 3,
           "we expect the cost of running the platform to increase", True)


def test_a_hyphenated_compound_the_lines_write_apart_is_no_identifier(tmp_path):
    src = _root(tmp_path, "# Date library\n\nMoment.js has big bundles and mutable state problems.\n"
                          "The cache host prod-users-db-01 was rebuilt.\n")
    _check(src, "Moment.js has big bundles and mutable-state problems.", 3,
           "Moment.js has big bundles and mutable state problems", True)
    # a real identifier still has to be the lines' own
    _check(src, "The cache host prod-orders-db-01 was rebuilt.", 4, "The cache host prod-users-db-01 was rebuilt", "prod-orders-db-01")
