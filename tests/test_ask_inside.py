"""Questions about something inside a page rather than the page as a whole (issue 12, sixth unseen check):
a drawback among a MADR option's pros and cons, the moment an incident was escalated rather than its date,
a port named in a decision's learnings rather than the decision itself. Small synthetic notes of those shapes."""

from __future__ import annotations

import pytest

from lorebook.config import init_wiki
from lorebook.pipeline import ingest
from lorebook.query.analysis import shape_match
from lorebook.query.ask import ask


def cited(a, name: str) -> set[int]:
    return {n for c in a.citations if c["source"].endswith(name) for n in range(c["start_line"], c["end_line"] + 1)}


def test_a_pros_and_cons_line_is_judged_by_its_verdict():
    # "does not" reads like a drawback, but the line says first that it is a good point
    assert shape_match(["drawback"], "Good, because it does not need a username.") == 0.0
    assert shape_match(["drawback"], "Bad, because licences can get expensive at scale.") == 1.0
    assert shape_match(["drawback"], "Con: no offline mode.") == 1.0
    assert shape_match(["drawback"], "Pro: it cannot be misconfigured.") == 0.0
    assert shape_match(["drawback"], "It does not scale past one node.") == 1.0  # no verdict: the words decide


@pytest.fixture(scope="module")
def inside_wiki(tmp_path_factory):
    root = tmp_path_factory.mktemp("inside")
    notes = root / "notes"
    notes.mkdir()
    (notes / "0003-pick-feature-flag-service.md").write_text(
        "# Pick a feature flag service\n\n* Status: Accepted\n* Date: 2024-05-02\n\n"
        "## Considered Options\n\n* Flagsmith\n* LaunchDarkly\n\n"
        "## Decision Outcome\n\nChosen option: LaunchDarkly, because it has audit logs per flag.\n\n"
        "## Pros and Cons of the Options\n\n### LaunchDarkly\n\n"
        "* Good, because it does not require us to host anything.\n"
        "* Good, because it has audit logs per flag.\n"
        "* Bad, because seats are billed per developer.\n\n"
        "### Flagsmith\n\n* Good, because it is open source.\n* Bad, because we would run it ourselves.\n",
        encoding="utf-8")
    (notes / "2025-06-11-cdn-outage.md").write_text(
        "# Postmortem: CDN certificate outage\n\n## Summary\n\n"
        "- **Start Time:** June 11, 2025, 08:00 (UTC)\n- **End Time:** June 11, 2025, 09:10 (UTC)\n\n"
        "The CDN served an expired certificate and most browsers refused to connect.\n\n"
        "## Timeline\n\n- **08:00 UTC:** Synthetic checks failed on the edge.\n"
        "- **08:25 UTC:** Escalated the incident to the Network Team to rule out a routing fault.\n"
        "- **09:10 UTC:** New certificate deployed to every edge node.\n\n"
        "## Root Cause\n\nThe renewal job ran under an account that had lost write access to the key store.\n",
        encoding="utf-8")
    w = init_wiki(root / "wiki", name="T")
    ingest(w, [notes])
    return w


def test_the_drawback_of_an_option_is_a_bad_line_not_a_good_one(inside_wiki):
    a = ask(inside_wiki, "What is the drawback of LaunchDarkly?")
    assert a.found and "seats are billed per developer" in a.answer.split("[1]")[0]
    assert "Good" not in a.answer
    assert 21 in cited(a, "0003-pick-feature-flag-service.md")


def test_how_many_wants_a_figure():
    from lorebook.query.analysis import analyse
    from lorebook.query.ask import _off_type
    from lorebook.query.rank import Candidate

    a = analyse("How many users were affected by the July checkout outage?")
    why = Candidate("typed", "incident-x", "impact", "Users could not pay because the certificate had expired.")
    figure = Candidate("typed", "incident-x", "impact", "About 40% of users could not complete a payment.")
    assert _off_type(why, a) and not _off_type(figure, a)
    assert not _off_type(why, analyse("What was the impact of the July checkout outage?"))


def test_a_status_written_in_another_language():
    from lorebook.query.analysis import heading_field
    from lorebook.query.ask import covers

    assert heading_field("Estado") == "status" and heading_field("Statut") == "status"
    assert shape_match(["status"], "Estado: Aprobada") == 1.0
    assert shape_match(["status"], "Status: abgelehnt") == 1.0
    assert covers("E-Mails werden derzeit nicht zugestellt.", "emails")
    assert covers("영향: 요청 242K개", "requests")


def test_a_short_labelled_line_feeds_the_field_its_label_names(tmp_path):
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "adr-007-colas.md").write_text(
        "# ADR 007: Uso de RabbitMQ para las colas\n\n**Estado:** Aprobada\n\n## Contexto\n\n"
        "Los pedidos se procesan de forma síncrona y se pierden cuando el servicio cae.\n\n"
        "## Decisión\n\nSe decidió utilizar RabbitMQ para todas las colas de pedidos.\n", encoding="utf-8")
    w = init_wiki(tmp_path / "wiki", name="T")
    ingest(w, [notes])
    a = ask(w, "Is the RabbitMQ decision approved?")
    assert a.found and "Aprobada" in a.answer and 3 in cited(a, "adr-007-colas.md")


def test_when_was_something_inside_an_incident_done_reads_the_timeline(inside_wiki):
    a = ask(inside_wiki, "When was the June 2025 CDN outage escalated to the Network Team?")
    assert a.found and "08:25" in a.answer and 13 in cited(a, "2025-06-11-cdn-outage.md")
    b = ask(inside_wiki, "When did the CDN certificate outage happen?")
    assert b.found and "2025-06-11" in b.answer  # a plain "when" still answers with the document's date
