"""new / adr status / adr supersede / adr renumber / import, through the real CLI on a real wiki."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
import textwrap

import pytest

from lint_helpers import FIXTURES, SHARED, make_wiki
from lorebook.lint import run_lint

FILL = textwrap.dedent('''
    import re, sys
    p = sys.argv[1]
    text = open(p, encoding="utf-8").read()
    times = iter(["14:02", "14:10", "14:20", "14:55"])
    text = re.sub(r"\\{\\{TODO: HH:MM\\}\\}", lambda m: next(times), text)
    text = re.sub(r"\\{\\{TODO[^}]*\\}\\}", "Written by the author", text)
    open(p, "w", encoding="utf-8").write(text)
''')


def lorebook(*args, env=None):
    return subprocess.run([sys.executable, "-c", "from lorebook.cli import main; main()", *args],
                          capture_output=True, text=True, env=env)


def pages(wiki):
    out = lorebook("export", "--wiki", str(wiki.root))
    return {p["id"]: p for p in json.loads(out.stdout)["pages"]}


def test_new_documents_lint_clean_once_filled(tmp_path):
    import os

    wiki = make_wiki(tmp_path, [])
    for kind, title in (("adr", "Use Postgres"), ("postmortem", "API outage"), ("runbook", "Restore the database")):
        r = lorebook("new", kind, title, "--date", "2026-11-01", "--no-edit", "--wiki", str(wiki.root))
        assert r.returncode == 0, r.stderr
    unfilled = run_lint(wiki, today=dt.date(2026, 11, 5))
    assert {f.rule for f in unfilled.findings} >= {"template-placeholder"}
    # Now "open the editor": a real $EDITOR process that fills every placeholder.
    script = tmp_path / "fill.py"
    script.write_text(FILL)
    env = dict(os.environ, EDITOR=f"{sys.executable} {script}")
    for kind, title in (("adr", "Use Redis for sessions"), ("postmortem", "Queue backlog"), ("runbook", "Drain the queue")):
        r = lorebook("new", kind, title, "--date", "2026-11-01", "--wiki", str(wiki.root), env=env)
        assert r.returncode == 0, r.stderr
    filled = [f for f in run_lint(wiki, today=dt.date(2026, 11, 5)).findings
              if not f.source or not any(x in f.source for x in ("use-postgres", "api-outage", "restore-the-database"))]
    assert filled == [], "\n".join(f"{f.source}:{f.line} {f.rule} {f.message}" for f in filled)
    p = pages(wiki)
    assert p["adr-002-use-redis-for-sessions"]["fields"]["number"] == 2  # next free number
    assert p["adr-002-use-redis-for-sessions"]["fields"]["status"] == "proposed"
    inc = next(v for k, v in p.items() if k.startswith("incident-") and "queue" in k)
    assert [t["time"] for t in inc["fields"]["timeline"]][:2] == ["14:02", "14:10"]
    assert inc["fields"]["action_items"] and all(a["status"] == "open" for a in inc["fields"]["action_items"])
    rb = next(v for k, v in p.items() if k.startswith("runbook-") and "drain" in k)
    assert all(s["commands"] for s in rb["fields"]["steps"]) and rb["fields"]["contacts"]


def test_wiki_templates_override_the_builtin_ones(tmp_path):
    wiki = make_wiki(tmp_path, [])
    (wiki.root / "templates").mkdir()
    (wiki.root / "templates" / "adr.md").write_text("# ADR-{{number}}: {{title}}\n\n## Status\n\nProposed\n\nOur own shape.\n")
    assert lorebook("new", "adr", "Ours", "--no-edit", "--wiki", str(wiki.root)).returncode == 0
    assert "Our own shape." in (wiki.raw_dir / "decisions" / "adr-001-ours.md").read_text()
    again = lorebook("new", "adr", "   ", "--no-edit", "--wiki", str(wiki.root))
    assert again.returncode == 2 and again.stderr.startswith("error: the title is empty")


def test_supersede_updates_both_documents_and_allows_several_successors(tmp_path):
    wiki = make_wiki(tmp_path, ["adr-good.md", "adr-008-successor-silent.md"])
    (wiki.raw_dir / "adr-009.md").write_text((FIXTURES / "adr-008-successor-silent.md").read_text()
                                             .replace("ADR-008: Move billing to a ledger service", "ADR-009: Archive old invoices"))
    from lorebook.pipeline import build

    build(wiki)
    r = lorebook("adr", "supersede", "7", "8", "--wiki", str(wiki.root))
    assert r.returncode == 0, r.stderr
    assert "+Superseded by ADR-008" in r.stdout and "+Supersedes ADR-007" in r.stdout and "--- a/raw/adr-good.md" in r.stdout
    assert lorebook("adr", "supersede", "7", "9", "--wiki", str(wiki.root)).returncode == 0
    p = pages(wiki)
    old = next(v for k, v in p.items() if k.startswith("adr-007"))["fields"]
    assert old["status"] == "superseded" and old["superseded_by"] == ["ADR-008", "ADR-009"]  # as `adr supersede` wrote them
    assert next(v for k, v in p.items() if k.startswith("adr-008"))["fields"]["supersedes"] == ["ADR-007"]
    assert next(v for k, v in p.items() if k.startswith("adr-009"))["fields"]["supersedes"] == ["ADR-007"]
    lint = [f for f in run_lint(wiki).findings if f.rule.startswith("adr-s")]
    assert lint == []


def test_supersede_with_metadata_bullets_and_status_command(tmp_path):
    madr = "# Use X\n\n* Status: accepted\n* Date: 2026-01-02\n\n## Context and Problem Statement\n\nWhy.\n\n## Decision Outcome\n\nChosen option: X.\n"
    wiki = make_wiki(tmp_path, {"0003-use-x.md": madr, "0004-use-y.md": madr.replace("Use X", "Use Y").replace("X.", "Y.")})
    r = lorebook("adr", "supersede", "3", "4", "--wiki", str(wiki.root))
    assert r.returncode == 0, r.stderr
    assert "+* Status: Superseded by ADR-004" in r.stdout and "+* Supersedes: ADR-003" in r.stdout
    r = lorebook("adr", "status", "4", "deprecated", "--wiki", str(wiki.root))
    assert r.returncode == 0 and "+* Status: Deprecated" in r.stdout
    p = pages(wiki)
    assert next(v for k, v in p.items() if k.startswith("adr-004"))["fields"]["status"] == "deprecated"
    missing = lorebook("adr", "status", "99", "Accepted", "--wiki", str(wiki.root))
    assert missing.returncode == 2 and "no ADR-99" in missing.stderr


def test_renumber_fixes_a_collision(tmp_path):
    wiki = make_wiki(tmp_path, ["adr-good.md", "adr-007-collision.md"])
    (f,) = [f for f in run_lint(wiki).findings if f.rule == "adr-duplicate-number"]
    cmd = f.message.split("`")[1].split()  # lorebook adr renumber SOURCE N
    r = lorebook(*cmd[1:], "--wiki", str(wiki.root))
    assert r.returncode == 0, r.stderr
    assert [f for f in run_lint(wiki).findings if f.rule == "adr-duplicate-number"] == []
    assert {v["fields"]["number"] for v in pages(wiki).values() if v["type"] == "decision"} == {7, 8}


def _corpus(name):
    p = SHARED / "corpus" / "adr" / name
    if not p.exists():
        pytest.skip("shared corpus not present")
    return p


def test_import_adr_tools_madr_and_log4brains(tmp_path):
    wiki = make_wiki(tmp_path, [])
    adrtools = tmp_path / "tools-project"
    (adrtools / "doc" / "decisions").mkdir(parents=True)
    (adrtools / ".adr-dir").write_text("doc/decisions\n")
    for n in ("0002-implement-as-shell-scripts.md", "0004-markdown-format.md", "0008-use-iso-8601-format-for-dates.md"):
        shutil.copyfile(_corpus(f"npryce__adr-tools__doc__adr__{n}"), adrtools / "doc" / "decisions" / n)
    (adrtools / "doc" / "decisions" / "README.md").write_text("# Decisions\n")
    r = lorebook("import", str(adrtools), "--wiki", str(wiki.root))
    assert r.returncode == 0, r.stderr
    assert "adr-tools (.adr-dir)" in r.stdout and "3 ADRs" in r.stdout

    madr = tmp_path / "madr-project" / "docs" / "decisions"
    madr.mkdir(parents=True)
    for n in ("0010-support-categories.md", "0013-use-yaml-front-matter-for-meta-data.md"):
        shutil.copyfile(_corpus(f"adr__madr__docs__decisions__{n}"), madr / n)
    assert "MADR" in lorebook("import", str(madr.parent.parent), "--wiki", str(wiki.root)).stdout

    l4b = tmp_path / "l4b-project" / "docs" / "adr"
    l4b.mkdir(parents=True)
    for n in ("20200926-use-the-adr-number-as-its-unique-id.md", "20201016-use-the-adr-slug-as-its-unique-id.md"):
        shutil.copyfile(_corpus(f"thomvaill__log4brains__docs__adr__{n}"), l4b / n)
    (l4b / "template.md").write_text("# [short title]\n")
    assert "log4brains" in lorebook("import", str(l4b.parent.parent), "--wiki", str(wiki.root)).stdout

    from lorebook.extract import extract
    from lorebook.sources.reader import read_source
    from lorebook.sources.segment import documents

    decisions = {p["sources"][0]: p["fields"] for p in pages(wiki).values() if p["type"] == "decision"}
    assert len(decisions) == 7 and not any("template" in s for s in decisions)
    for src, fields in decisions.items():
        original = extract(documents(read_source(wiki.root / src, src))[0]).fields
        assert (fields["number"], fields["status"], fields["date"]) == (original["number"], original["status"], original["date"])
    tools = {f["number"]: f["status"] for s, f in decisions.items() if "tools-project" in s}
    assert tools == {2: "accepted", 4: "accepted", 8: "accepted"}
    slug = next(f for s, f in decisions.items() if "20200926" in s)
    assert slug["status"] == "superseded" and slug["superseded_by"]
    assert lorebook("import", str(tmp_path / "nowhere"), "--wiki", str(wiki.root)).returncode == 2
