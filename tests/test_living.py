"""Living ingest: citations that follow source edits, human edits kept, versions, retired pages.

Every test compiles a real wiki (SQLite, files on disk) and edits real files.
"""

from __future__ import annotations


import pytest

from lorebook.export import export_json
from lorebook.living.frontmatter import set_meta, split
from lorebook.pipeline import build, ingest
from lorebook.store.db import database_for

from conftest import EXAMPLES

pytestmark = pytest.mark.usefixtures("backend")  # every test on SQLite and on PostgreSQL

ADR = "adr-015-use-redis-for-session-storage"
RAW = "raw/adr-015-redis-for-sessions.md"


@pytest.fixture
def adr_wiki(wiki):
    ingest(wiki, [EXAMPLES / "adr-015-redis-for-sessions.md"])
    return wiki


def page_file(wiki, pid=ADR):
    return wiki.wiki_dir / "decisions" / f"{pid}.md"


def exported(wiki, pid=ADR):
    return next(p for p in export_json(wiki)["pages"] if p["id"] == pid)


def edit_raw(wiki, old, new):
    f = wiki.root / RAW
    text = f.read_text()
    assert old in text
    f.write_text(text.replace(old, new, 1))


def review(wiki, pid=ADR):
    """A person marks the page reviewed: from now on it is frozen against recompiles."""
    f = page_file(wiki, pid)
    f.write_text(set_meta(f.read_text(), reviewed=True))
    build(wiki)


def cites(page):
    return {b["text"]: [(c["start_line"], c["end_line"], c.get("stale", False)) for c in b["citations"]]
            for b in page["blocks"] if b["citations"]}


def test_one_line_edit_relocates_citations_after_it(adr_wiki):
    wiki = adr_wiki
    review(wiki)
    before = cites(exported(wiki))
    # line 3 becomes two lines: everything after it moves down by one, nothing before it moves
    edit_raw(wiki, "Date: 2026-06-01\n", "Date: 2026-06-01\nAuthor: Mina Park\n")
    report = build(wiki)
    assert report.sources_changed == [RAW]
    after = cites(exported(wiki))
    assert after.keys() == before.keys()
    for text, spans in before.items():
        for (a, z, _), (a2, z2, stale) in zip(spans, after[text]):
            assert not stale
            assert (a2, z2) == (a + (a >= 4), z + (z >= 4)), text
    # the reviewed page's file shows the moved links, the rest of its text as it was
    md = page_file(wiki).read_text()
    assert "for, monitor and pay for." not in md
    assert "pay for. <sup>[adr-015-redis-for-sessions.md:30](" in md  # was line 29
    assert split(md)[0]["reviewed"] is True


def test_deleting_a_sentence_marks_exactly_its_blocks_stale(adr_wiki, cli):
    wiki = adr_wiki
    review(wiki)
    edit_raw(wiki, "- A Redis failover logs everyone out.\n", "")
    report = build(wiki)
    assert ADR in report.stale
    page = exported(wiki)
    stale = [b["text"] for b in page["blocks"] if any(c.get("stale") for c in b["citations"])]
    assert stale == ["A Redis failover logs everyone out."]
    assert all(bool(b.get("stale")) == (b["text"] in stale) for b in page["blocks"] if b["citations"])
    # the block after the deleted line moved up; the one before it did not move
    by_text = cites(page)
    assert by_text["One more managed service to run, monitor and pay for."] == [(29, 29, False)]
    assert by_text["The session format moves from a table row to a JSON blob."] == [(33, 33, False)]
    assert page["confidence"] == "medium" and "lost the source text" in page["confidence_reason"]
    md = page_file(wiki).read_text()
    assert md.count("⚠ stale") == 1 and "A Redis failover logs everyone out. <sup>" in md
    out = cli("status", "--wiki", wiki.root)
    assert "stale" in out.output and "A Redis failover logs everyone out." in out.output
    assert "stale" in (wiki.wiki_dir / "log.md").read_text().split("## [")[-1]


def test_human_edit_survives_three_recompiles_merged(adr_wiki):
    wiki = adr_wiki
    f = page_file(wiki)
    f.write_text(f.read_text().replace("## Decision\n", "## Decision\n\nReviewed with the SRE team on 2026-06-03.\n\n"))
    edits = [
        ("- Expiry is handled by Redis instead of a nightly cleanup job.\n",
         "- Expiry is handled by Redis instead of a nightly cleanup job.\n- Fewer cron jobs to babysit.\n"),
        ("# 15. Use Redis for session storage\n", "# 15. Use Redis for session storage\n\n<!-- moved from the wiki -->\n"),
        ("- A Redis failover logs everyone out.", "- A Redis failover logs everyone out, once."),
    ]
    for i, (old, new) in enumerate(edits):
        edit_raw(wiki, old, new)
        report = build(wiki)
        assert ADR in report.merged and not report.conflicts, (i, report.conflicts)
        md = f.read_text()
        assert "Reviewed with the SRE team on 2026-06-03." in md
    assert "Fewer cron jobs to babysit." in md and "logs everyone out, once." in md
    fm = split(md)[0]
    from lorebook.living.versions import history

    hist = history(database_for(wiki), ADR)
    assert [h["origin"] for h in hist] == ["compiled", "human", "merged", "merged", "merged"]
    assert fm["version"] == hist[-1]["version"] == 5 and fm["origin"] == "merged"
    assert hist[1]["edited_by"] not in ("", "lorebook")
    # the merged page cites the new lines: the consequence after the inserted lines moved by 3
    assert "adr-015-redis-for-sessions.md#L33-L33" in md  # "A Redis failover…" was line 30


def test_conflicting_edit_is_kept_and_reported(adr_wiki, cli):
    wiki = adr_wiki
    f = page_file(wiki)
    mine = f.read_text().replace("- One more managed service to run, monitor and pay for.",
                                 "- One more managed service (about $400 a month).")
    f.write_text(mine)
    edit_raw(wiki, "- One more managed service to run, monitor and pay for.", "- One more managed service to operate.")
    res = cli("build", "--wiki", wiki.root)
    assert res.exit_code == 0
    assert "conflict" in res.output and ADR in res.output
    md = f.read_text()
    assert "about $400 a month" in md and "to operate" not in md
    side = wiki.state_dir / "conflicts" / f"{ADR}.conflict.md"
    markers = side.read_text()
    assert "<<<<<<< your edit" in markers and "about $400 a month" in markers and "to operate" in markers
    log = (wiki.wiki_dir / "log.md").read_text().split("## [")[-1]
    assert "1 in conflict" in log and ADR in log
    # the next run does not report the same conflict again, and the edit is still there
    again = build(wiki)
    assert not again.conflicts and "about $400 a month" in f.read_text()
    assert cli("check", "--wiki", wiki.root).exit_code == 0


def test_revert_and_diff(adr_wiki, cli):
    wiki = adr_wiki
    edit_raw(wiki, "Accepted", "Superseded")
    build(wiki)
    d = cli("diff", ADR, "1", "2", "--wiki", wiki.root)
    assert d.exit_code == 0
    assert "-**Status:** Accepted" in d.output.replace(" · ", "\n") or "-" in d.output
    assert any(l.startswith("-") and "Accepted" in l for l in d.output.splitlines())
    assert any(l.startswith("+") and "Superseded" in l for l in d.output.splitlines())
    r = cli("revert", ADR, "1", "--wiki", wiki.root)
    assert r.exit_code == 0 and "restored as v3" in r.output
    md = page_file(wiki).read_text()
    assert "Accepted" in md and split(md)[0]["version"] == 3 and split(md)[0]["origin"] == "revert"
    h = cli("history", ADR, "--wiki", wiki.root).output
    assert "v3" in h and "revert" in h and "restored v1" in h
    assert cli("diff", ADR, "1", "3", "--wiki", wiki.root).output.count("\n-**") == 0
    assert cli("check", "--wiki", wiki.root).exit_code == 0
    bad = cli("revert", ADR, "99", "--wiki", wiki.root)
    assert bad.exit_code == 2 and "no version 99" in bad.output


def test_deleting_a_source_retires_its_pages(wiki, cli):
    ingest(wiki, [EXAMPLES])
    raw = wiki.raw_dir / "platform-team" / "adr-015-redis-for-sessions.md"
    raw.unlink()
    report = build(wiki)
    assert report.sources_removed == ["raw/platform-team/adr-015-redis-for-sessions.md"]
    assert set(report.removed) == {ADR, "source-platform-team-adr-015-redis-for-sessions"}
    assert not page_file(wiki).exists()
    ids = {p["id"] for p in export_json(wiki)["pages"]}
    assert ADR not in ids and "adr-014-postgres-as-primary-datastore" in ids
    h = cli("history", ADR, "--wiki", wiki.root)
    assert h.exit_code == 0 and "retired" in h.output
    assert ADR not in (wiki.wiki_dir / "index.md").read_text()
    assert cli("check", "--wiki", wiki.root).exit_code == 0


def _comparable(wiki):
    pages = export_json(wiki)["pages"]
    for p in pages:
        for k in ("version", "updated", "edited_by", "origin"):
            p.pop(k)
    return sorted(pages, key=lambda p: p["id"])


def test_incremental_run_equals_full_rebuild(wiki, tmp_path):
    ingest(wiki, [EXAMPLES])
    f = wiki.raw_dir / "platform-team" / "runbook-rotate-database-credentials.md"
    f.write_text(f.read_text().replace("\n", "\n", 1) + "\nA last note about rotation.\n")
    report = build(wiki)
    assert report.sources_changed == ["raw/platform-team/runbook-rotate-database-credentials.md"]
    assert len(report.sources_unchanged) == 4
    inc = _comparable(wiki)
    files_inc = {p: (wiki.wiki_dir / p).read_text() for p in ("index.md",)}
    build(wiki, repair=True)
    assert _comparable(wiki) == inc
    assert {p: (wiki.wiki_dir / p).read_text() for p in ("index.md",)} == files_inc


def test_incremental_run_skips_unchanged_sources(wiki):
    ingest(wiki, [EXAMPLES])
    adr = wiki.raw_dir / "platform-team" / "adr-015-redis-for-sessions.md"
    adr.write_text(adr.read_text().replace("nightly cleanup job", "nightly clean-up job"))
    report = build(wiki)
    assert report.partial  # only this source's pages were recompiled
    assert report.updated and all("adr-015" in p for p in report.updated)
    assert "nightly clean-up job" in page_file(wiki).read_text()


def test_ingest_keeps_a_human_edit_to_a_page_whose_citations_it_patches(wiki):
    """An ingest does not look at every file in wiki/, but it checks the pages it patches."""
    ingest(wiki, [EXAMPLES])
    overview = wiki.wiki_dir / "concepts" / "overview.md"
    overview.write_text(overview.read_text().replace("## ", "Kept by hand.\n\n## ", 1))
    adr = wiki.raw_dir / "platform-team" / "adr-015-redis-for-sessions.md"
    adr.write_text(adr.read_text().replace("Date: 2026-06-01\n", "Date: 2026-06-01\nAuthor: Mina Park\n"))
    report = ingest(wiki, [adr])
    assert report.partial and "overview" in report.human
    md = overview.read_text()
    assert "Kept by hand." in md  # the person's text, with the moved citation patched in
    assert "adr-015-redis-for-sessions.md#L8-L8" in md and "adr-015-redis-for-sessions.md#L7-L7" not in md
    assert split(md)[0]["origin"] == "human"
    assert not build(wiki).human  # lorebook's own writes are not taken for edits later


def test_ingest_leaves_other_human_edits_for_the_next_build(wiki, cli):
    ingest(wiki, [EXAMPLES])
    runbook = wiki.wiki_dir / "runbooks" / "runbook-roll-back-a-bad-deploy.md"
    runbook.write_text(runbook.read_text() + "\nChecked on the 2026-10 game day.\n")
    adr = wiki.raw_dir / "platform-team" / "adr-015-redis-for-sessions.md"
    adr.write_text(adr.read_text().replace("nightly cleanup job", "nightly clean-up job"))
    report = ingest(wiki, [adr])
    assert report.partial and not report.human
    assert "Checked on the 2026-10 game day." in runbook.read_text()
    assert "runbook-roll-back-a-bad-deploy" in cli("status", "--wiki", wiki.root).output
    report = build(wiki)  # a build looks at every page: the edit becomes a version now
    assert report.human == ["runbook-roll-back-a-bad-deploy"]
    assert "Checked on the 2026-10 game day." in runbook.read_text()
    assert split(runbook.read_text())[0]["origin"] == "human"


def test_ingest_compiles_the_named_file_and_leaves_the_rest_of_raw_to_build(wiki):
    ingest(wiki, [EXAMPLES])
    runbook = wiki.raw_dir / "platform-team" / "runbook-rotate-database-credentials.md"
    runbook.write_text(runbook.read_text() + "\nA last note about rotation.\n")  # edited in raw/ directly
    adr = wiki.raw_dir / "platform-team" / "adr-015-redis-for-sessions.md"
    adr.write_text(adr.read_text().replace("nightly cleanup job", "nightly clean-up job"))
    report = ingest(wiki, [adr])
    assert report.partial and report.sources_changed == [RAW.replace("raw/", "raw/platform-team/")]
    assert report.sources_unchecked == 4 and "4 others in raw/ not checked" in report.summary_line()
    report = build(wiki)  # a build looks at every file in raw/: the runbook edit was left for it
    assert report.sources_changed == ["raw/platform-team/runbook-rotate-database-credentials.md"]
    assert report.sources_unchecked == 0
    again = ingest(wiki, [adr])  # named but unchanged: nothing to do, and no full run for it
    assert again.partial and again.sources_unchanged == [RAW.replace("raw/", "raw/platform-team/")]
    assert not again.updated and not again.created


def test_edit_command_records_a_human_version(adr_wiki, cli, tmp_path):
    wiki = adr_wiki
    script = tmp_path / "ed.sh"
    script.write_text("#!/bin/sh\nsed -i 's/Accepted/Accepted (confirmed)/' \"$1\"\n")
    script.chmod(0o755)
    res = cli("edit", ADR, "--wiki", wiki.root, env={"EDITOR": str(script), "USER": "mina"})
    assert res.exit_code == 0, res.output
    md = page_file(wiki).read_text()
    assert "Accepted (confirmed)" in md and split(md)[0]["origin"] == "human"
    edit_raw(wiki, "Expiry is handled by Redis", "Expiry is handled by Redis itself")
    report = build(wiki)
    assert ADR in report.merged
    md = page_file(wiki).read_text()
    assert "Accepted (confirmed)" in md and "handled by Redis itself" in md
