"""Citations follow the value: a field cites the lines its value came from, and a source page's
file line (path · lines · sha256) is metadata, not a claim."""

from __future__ import annotations

from pathlib import Path

from lorebook.compile.confidence import CLAIM_KINDS
from lorebook.compile.overview import source_page
from lorebook.extract import extract
from lorebook.sources.reader import read_source, source_from_text
from lorebook.sources.segment import documents

SHAPES = Path(__file__).resolve().parent / "fixtures" / "shapes"


def _lines(rec, spans) -> str:
    src = rec.document.source
    return "\n".join("\n".join(src.lines(s.start, s.end)) for s in spans)


def test_source_page_file_line_is_meta_not_a_claim():
    src = source_from_text("raw/a.md", "# ADR-1: x\n\n## Status\n\nAccepted\n")
    page = source_page(src, [], [], None)
    assert page.blocks[0].kind == "meta" and "sha256" in page.blocks[0].text
    assert "meta" not in CLAIM_KINDS


def test_option_reasons_cite_the_reason_lines():
    rec = extract(documents(read_source(SHAPES / "adr-tyree.md", "raw/adr-tyree.md"))[0])
    i = next(i for i, o in enumerate(rec.fields["options"]) if o["outcome"] == "chosen")
    assert "transforms" in _lines(rec, rec.cite(f"options.{i}.reasons"))
    assert "Vector" in _lines(rec, [rec.cite("options")[i]])


def test_values_read_from_labelled_parts_cite_their_own_lines():
    rec = extract(documents(read_source(SHAPES / "incident-tables.md", "raw/t.md"))[0])
    assert "1h 25m" in _lines(rec, rec.cite("duration_minutes"))
    assert "SEV-2" in _lines(rec, rec.cite("severity"))
    assert [_lines(rec, [s]).count("|") > 0 for s in rec.cite("action_items")] == [True, True]
    rec = extract(documents(read_source(SHAPES / "incident-prose.md", "raw/p.md"))[0])
    assert "root cause for this incident" in _lines(rec, rec.cite("root_cause"))
    assert "approximately 25 minutes" in _lines(rec, rec.cite("duration_minutes"))


def test_a_supersession_stated_once_shows_on_both_pages():
    from lorebook.compile import assemble, compile_source

    old = source_from_text("raw/adr-021-multi.md", "# ADR-21: One cluster\n\n## Status\n\nSuperseded by ADR-36\n\n## Context\n\nx\n\n## Decision\n\ny\n")
    new = source_from_text("raw/adr-036-multi.md", "# ADR-36: Many clusters\n\n## Status\n\nAccepted\n\n## Context\n\nx\n\n## Decision\n\ny\n")
    wiki = assemble("w", [compile_source(old), compile_source(new)])
    recs = {r.fields["number"]: r for r in wiki.records.values() if r.kind == "decision"}
    assert recs[21].fields["superseded_by"] == ["ADR-36"]
    assert recs[36].fields["supersedes"] == ["ADR-21"]
    (span,) = recs[36].cite("supersedes")
    assert span.source == "raw/adr-021-multi.md" and span.start == 5  # cites the line that says it


def test_a_supersession_is_not_mirrored_onto_another_teams_adr_with_the_same_number():
    from lorebook.compile import assemble, compile_source

    a = source_from_text("raw/team-a/adr-017.md", "# ADR-17: x\n\nNote: this ADR supersedes ADR-16.\n\n## Status\n\nAccepted\n")
    b = source_from_text("raw/team-b/adr-016.md", "# ADR-16: y\n\n## Status\n\nAccepted\n")
    wiki = assemble("w", [compile_source(a), compile_source(b)])
    recs = {r.fields["number"]: r for r in wiki.records.values() if r.kind == "decision"}
    assert recs[17].fields["supersedes"] == ["ADR-16"] and recs[16].fields["superseded_by"] == []
