"""Notes pasted as HTML tags compile as the headings, paragraphs and list items they mean, line for line;
a Markdown note with a few tags in it is left alone, and nothing hidden or escaped becomes prose."""

from __future__ import annotations

from lorebook.sources.html_notes import markdown_of_html

PASTED = (
    "<h1>Incident Report</h1>\n"
    "<h2>Root Cause</h2>\n"
    "<p>An expired certificate on the proxy.</p>\n"
    "<h2>Timeline</h2>\n"
    "<ul>\n"
    "<li>09:10: Logins start failing.</li>\n"
    "<li>09:40: Certificate renewed, logins recover.</li>\n"
    "</ul>\n"
    "<script>\n"
    "steal(document.cookie)\n"
    "</script>\n"
    "<p># of users affected: &lt;script&gt; about 300</p>\n"
)


def test_a_pasted_html_note_reads_as_markdown_line_for_line():
    md = markdown_of_html(PASTED)
    assert md is not None and md.count("\n") == PASTED.count("\n")  # every citation keeps its line
    lines = md.split("\n")
    assert lines[0] == "# Incident Report" and lines[1] == "## Root Cause"
    assert lines[2] == "An expired certificate on the proxy."
    assert lines[5] == "- 09:10: Logins start failing."
    assert lines[8:11] == ["", "", ""]  # the script's lines are dropped, never prose
    assert lines[11] == "\\# of users affected: &lt;script&gt; about 300"  # not a heading, nothing unescaped


def test_a_markdown_note_with_a_few_tags_is_left_alone():
    note = "# Runbook\n\n<details>\n<summary>More</summary>\n\nRestart the worker.\n\n</details>\n\n1. Run `make restart`.\n"
    assert markdown_of_html(note) is None
    assert markdown_of_html("<p>one line</p>\n") is None


def test_a_pasted_post_mortem_compiles_its_fields(note_record):
    rec = note_record("pasted.md", PASTED)
    assert rec.document.kind == "incident"
    assert "expired certificate" in rec.fields["root_cause"]
    assert [e["time"] for e in rec.fields["timeline"]] == ["09:10", "09:40"]
    assert "steal" not in str(rec.fields)
