"""Lint on notes as teams write them: statuses in their own language, several repositories' ADR logs side by
side, and runbook commands holding shell tests."""

from __future__ import annotations

import datetime as dt

from lorebook.lint import run_lint
from lorebook.lint.links import scan
from lorebook.pipeline import ingest

ADR = "# ADR-{n:03d}: {title}\n\n## Status\n\n{status}\n\n## Context\n\nWe need it.\n\n## Decision\n\nWe do it.\n\n## Consequences\n\nFine.\n"


def _findings(w, rule):
    return [f for f in run_lint(w, today=dt.date(2026, 12, 1)).findings if f.rule == rule]


def test_a_status_in_the_teams_language_is_a_status(notes_wiki_of):
    w = notes_wiki_of({"a.md": ADR.format(n=1, title="Postgres", status="Akzeptiert"),
                       "b.md": ADR.format(n=2, title="Kafka", status="Aprobada"),
                       "c.md": ADR.format(n=3, title="Redis", status="승인"),
                       "d.md": ADR.format(n=4, title="Nginx", status="Approved"),
                       "e.md": ADR.format(n=5, title="Vault", status="Maybe later")})
    flagged = sorted(f.source.rsplit("/", 1)[-1] for f in _findings(w, "adr-status-invalid"))
    assert flagged == ["d.md", "e.md"]  # English 'Approved' gets its hint ('Accepted'); an unknown word is flagged


def test_two_repositories_adr_logs_may_both_have_an_adr_5(notes_wiki_of, tmp_path):
    w = notes_wiki_of({"billing-0005.md": ADR.format(n=5, title="Use Stripe", status="Accepted")})
    other = tmp_path / "search"
    (other / "adr").mkdir(parents=True)
    (other / "adr" / "0005-use-opensearch.md").write_text(ADR.format(n=5, title="Use OpenSearch", status="Accepted"))
    (other / "adr" / "0005-use-solr.md").write_text(ADR.format(n=5, title="Use Solr", status="Accepted"))
    ingest(w, [other])
    dupes = _findings(w, "adr-duplicate-number")
    assert len(dupes) == 1 and "/search/adr/" in dupes[0].source  # only the collision inside one log


def test_shell_tests_in_front_matter_commands_are_not_wiki_links():
    page = '---\nid: r\ncommands:\n- "if [[ \\"$SITE\\" == \\"RBX\\" ]]; then failover; fi"\n---\n\n# R\n\nSee [[other-page]].\n'
    assert list(scan(page)) == [(9, "other-page", "wiki")]


def test_a_new_lorebook_redigests_instead_of_calling_every_page_stale(notes_wiki_of, monkeypatch):
    """Stored digests are keyed by the code that made them: after an upgrade each file is read once more, and a
    wiki built just now has no stale page (before, every source was reported changed until it was edited)."""
    import lorebook.lint.state as state

    w = notes_wiki_of({"a.md": ADR.format(n=1, title="Postgres", status="Accepted"),
                       "b.md": ADR.format(n=2, title="Kafka", status="Accepted")})
    assert not _findings(w, "stale-page")
    monkeypatch.setattr(state, "VERSION", state.VERSION + "-upgraded")
    assert not _findings(w, "stale-page")
    (w.raw_dir / "notes" / "a.md").write_text(ADR.format(n=1, title="Postgres 16", status="Accepted"), encoding="utf-8")
    assert [f.source for f in _findings(w, "stale-page")] == ["raw/notes/a.md"]  # a real change still shows
