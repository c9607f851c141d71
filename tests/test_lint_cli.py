"""lint through the real CLI: formats, exit codes, the log; and on real documents."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from collections import Counter

import jsonschema
import pytest

from lint_helpers import FIXTURES, SHARED, make_wiki
from lorebook.lint import run_lint

pytestmark = pytest.mark.usefixtures("backend")  # every test on SQLite and on PostgreSQL


def lorebook(*args, cwd=None):
    return subprocess.run([sys.executable, "-c", "from lorebook.cli import main; main()", *args], capture_output=True, text=True, cwd=cwd)


def test_json_sarif_exit_codes_and_log(tmp_path):
    wiki = make_wiki(tmp_path, ["adr-superseded-alone.md", "runbook-bare.md"])
    r = lorebook("lint", "--format", "json", "--today", "2026-11-10", "--wiki", str(wiki.root))
    assert r.returncode == 1, r.stderr  # adr-superseded-without-successor is an error
    data = json.loads(r.stdout)
    assert set(data) == {"findings", "summary"}
    assert all(set(f) == {"rule", "severity", "page", "source", "line", "message"} for f in data["findings"])
    assert data["summary"] == {"errors": 1, "warnings": len(data["findings"]) - 1}
    sarif = json.loads(lorebook("lint", "--format", "sarif", "--wiki", str(wiki.root)).stdout)
    schema = json.loads((FIXTURES / "sarif-2.1.0-rtm.5.json").read_text())
    jsonschema.validate(sarif, schema)
    assert len(sarif["runs"][0]["results"]) == len(data["findings"])
    ok = lorebook("lint", "--rule", "runbook-no-contacts", "--wiki", str(wiki.root))
    assert ok.returncode == 0 and "0 errors, 1 warning" in ok.stdout
    log = (wiki.wiki_dir / "log.md").read_text()
    assert log.count("] lint | ") == 3 and "- runbook-no-contacts: 1" in log
    bad = lorebook("lint", "--rule", "no-such-rule", "--wiki", str(wiki.root))
    assert bad.returncode == 2 and bad.stderr.startswith("error: unknown rule")


def test_sarif_schema_rejects_a_broken_log():
    schema = json.loads((FIXTURES / "sarif-2.1.0-rtm.5.json").read_text())
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"version": "2.1.0", "runs": [{"results": []}]}, schema)  # no tool


def test_shared_example_has_real_findings(tmp_path):
    example = SHARED / "examples" / "engineering-incidents-and-decisions.md"
    if not example.exists():
        pytest.skip("shared example not present")
    wiki = make_wiki(tmp_path, {"example.md": example.read_text(encoding="utf-8")})
    res = run_lint(wiki, today=dt.date(2026, 11, 20))
    lines = example.read_text(encoding="utf-8").split("\n")
    by_rule = Counter(f.rule for f in res.findings)
    print("\nexample findings:", dict(by_rule))
    overdue = [f for f in res.findings if f.rule == "action-item-overdue"]
    assert len(overdue) == 3  # the three open action items of the 2026-05-12 postmortem
    for f in overdue:
        assert lines[f.line - 1].lstrip().startswith(("-", "*", "|", "1", "2", "3")) and "incident" in f.message
    steps = [f for f in res.findings if f.rule == "runbook-step-without-command"]
    assert len(steps) == 5  # its runbook has no code blocks
    assert "Confirm the regression" in lines[steps[0].line - 1]
    assert by_rule["runbook-no-rollback"] == 1 and by_rule["runbook-no-contacts"] == 1
    assert res.errors == 0 and "contradiction" not in by_rule


def test_lint_whole_corpus(tmp_path):
    corpus = SHARED / "corpus"
    if not corpus.exists():
        pytest.skip("shared corpus not present")
    wiki = make_wiki(tmp_path, [])
    for kind in ("adr", "postmortem", "runbook"):
        shutil.copytree(corpus / kind, wiki.raw_dir / kind)
    from lorebook.pipeline import build

    build(wiki)
    res = run_lint(wiki, today=dt.date(2026, 11, 20))
    counts = res.per_rule()
    print(f"\ncorpus lint: {res.errors} errors, {res.warnings} warnings over {len(wiki.raw_dir.rglob('*') and list(wiki.raw_dir.rglob('*.*')))} files")
    for rule, n in sorted(counts.items()):
        example = next(f for f in res.findings if f.rule == rule)
        print(f"  {rule:34} {n:4}   e.g. {example.source}:{example.line}: {example.message[:110]}")
    assert res.findings and not any(f.rule == "stale-page" for f in res.findings)
    assert {"runbook-no-contacts", "postmortem-no-action-items", "adr-missing-section"} <= set(counts)
