"""Round 23 of the claim verifier: a period a source names as an adjective ("annual") and "One <driver> …" that
picks one of several. The sentences are written for these tests, about notes written for them."""

from __future__ import annotations

from claim_checks import check_claim as _check, note_sources as _root


def test_an_annual_cost_is_a_cost_a_year(tmp_path):
    """ "under £100 a year" restates "an annual cost of under £100"; "a month" does not."""
    src = _root(tmp_path, "# Costs\n\nWe estimate an annual cost of under £100 for the state bucket.\n")
    _check(src, "The state bucket should cost under £100 a year.", 3, "an annual cost of under", True)
    _check(src, "The state bucket should cost under £100 a month.", 3, "an annual cost of under", "a month")


def test_one_driver_of_several_counts_nothing(tmp_path):
    """ "One decision driver was …" and "One configuration change after the incident was …" name one of a list;
    "three drivers" of a list of two still counts."""
    src = _root(tmp_path, "# Categories\n\n## Decision Drivers\n\n* should be doable in under 10 minutes\n* easy to read\n\n"
                          "## Configuration changes after the incident\n\n* decrease the launch timeout to 5 minutes\n")
    _check(src, "One decision driver was that the approach should be doable in under 10 minutes.", 5,
           "should be doable in under 10 minutes", True)
    _check(src, "One configuration change after the incident was to decrease the launch timeout to 5 minutes.", 10,
           "decrease the launch timeout", True)
    _check(src, "Three decision drivers were that the approach should be doable in under 10 minutes.", 5,
           "should be doable in under 10 minutes", "Three")
