"""Round 25 of the claim verifier: three readings that refused true paraphrases. A compound adjective
("Datomic-style") is two words, not a token; "the Luxon ADR" names Luxon and the record about it; an agentless
passive turns its sides and swaps nobody. The fabrications beside each show what stays refused. The sentences
are written for these tests, about notes written for them."""

from __future__ import annotations

from claim_checks import check_claim as _check, note_sources as _root


def test_a_compound_adjective_is_words_not_an_identifier(tmp_path):
    """ "slug-based IDs" where the lines speak of the slug as the ID: each half is a word the lines say; a compound
    that names a thing ("etcd-metrics", a container) must still be in the lines as written."""
    src = _root(tmp_path, "# ADR 20: IDs\n\nWe use the ADR slug as its unique ID,\nso links survive a renumbering.\n"
                          "Run etcdctl in the etcdctl container of an etcd pod.\n")
    _check(src, "Each ADR gets a slug-based unique ID, so links survive a renumbering.", 3, "We use the ADR slug as its unique ID", True, end=4)
    _check(src, "Run etcdctl in the etcd-metrics container of an etcd pod.", 5, "Run etcdctl in the etcdctl container",
           "etcd-metrics")


def test_a_record_named_by_its_subject(tmp_path):
    """ "The Luxon ADR" is the decision about Luxon: the lines need not write "Luxon ADR" together; a name they do
    not hold is still refused."""
    src = _root(tmp_path, "# ADR 12: Use Luxon for dates\n\nStatus: Accepted\n\nWe standardise on Luxon as our date library.\n")
    _check(src, "The Luxon ADR makes Luxon our standard date library.", 5, "We standardise on Luxon as our date library", True)
    _check(src, "The Moment ADR makes Moment our standard date library.", 5, "We standardise on Luxon as our date library",
           "Moment")


def test_an_agentless_passive_turns_its_sides(tmp_path):
    """ "The kOps cluster was decommissioned on 12 April" from "On 12 April we decommissioned the kOps cluster";
    swapping what moved where is still refused."""
    src = _root(tmp_path, "# Migration\n\nOn 12th April, 2022, we decommissioned the kOps cluster.\n"
                          "We migrated the workloads from kOps to EKS.\n")
    _check(src, "The kOps cluster was decommissioned on 12th April, 2022.", 3, "we decommissioned the kOps cluster", True)
    _check(src, "The workloads were migrated from EKS to kOps.", 4, "We migrated the workloads from kOps to EKS", "sides")
