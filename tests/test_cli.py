"""The command line: init, ingest, build, pages, show, export — and what bad input gets."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import EXAMPLES


def test_init_creates_the_layout(tmp_path, cli):
    r = cli("init", tmp_path / "w", "--name", "Ops")
    assert r.exit_code == 0, r.output
    for p in ("lorebook.toml", "raw", "wiki", ".lorebook", ".lorebook/lorebook.db"):
        assert (tmp_path / "w" / p).exists(), p
    again = cli("init", tmp_path / "w")
    assert again.exit_code == 2 and "already a Lorebook wiki" in again.stderr


def test_ingest_build_pages_show_export(tmp_path, cli, monkeypatch):
    w = tmp_path / "w"
    cli("init", w, "--name", "Platform Team")
    r = cli("ingest", EXAMPLES, "--wiki", w)
    assert r.exit_code == 0, r.output
    assert "created  adr-014-postgres-as-primary-datastore" in r.stdout
    assert r.stdout.strip().splitlines()[-1].startswith("ingest: 5 sources (5 new")
    # sources are copied into raw/, keeping the folder name
    assert (w / "raw" / "platform-team" / "engineering-log.md").is_file()

    # the wiki is found by walking up from a subfolder
    monkeypatch.chdir(w / "wiki" / "decisions")
    r = cli("build")
    assert r.exit_code == 0 and "5 unchanged" in r.stdout and "0 created, 0 updated" in r.stdout

    r = cli("pages", "--type", "incident")
    assert r.exit_code == 0
    assert [line.split()[0] for line in r.stdout.splitlines()] == ["incident"] * 3

    r = cli("show", "ADR-14")
    assert r.exit_code == 0 and "Managed Postgres" in r.stdout
    r = cli("show", "no-such-page")
    assert r.exit_code == 2 and "lorebook pages" in r.stderr

    out = tmp_path / "export.json"
    r = cli("export", "--format", "json", "-o", out)
    assert r.exit_code == 0
    data = json.loads(out.read_text())
    assert data["wiki"] == {"name": "Platform Team"}
    assert {s["path"] for s in data["sources"]} >= {"raw/platform-team/engineering-log.md"}
    page = next(p for p in data["pages"] if p["id"] == "adr-014-postgres-as-primary-datastore")
    for key in ("id", "type", "title", "confidence", "confidence_reason", "version", "edited_by", "origin", "updated",
                "sources", "links", "fields", "field_citations", "blocks"):
        assert key in page
    cited = [b for b in page["blocks"] if b["citations"]]
    assert cited and set(cited[0]["citations"][0]) >= {"source", "start_line", "end_line"}


def test_wiki_from_environment(tmp_path, cli):
    w = tmp_path / "w"
    cli("init", w)
    r = cli("pages", env={"LOREBOOK_WIKI": str(w)})
    assert r.exit_code == 0 and "No pages yet" in r.stdout
    r = cli("pages", "--wiki", tmp_path / "nowhere")
    assert r.exit_code == 2 and "lorebook init" in r.stderr


def test_not_a_wiki(tmp_path, cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = cli("build")
    assert r.exit_code == 2
    assert r.stderr.startswith("error: no Lorebook wiki here") and len(r.stderr.strip().splitlines()) == 1


def test_missing_path_changes_nothing(tmp_path, cli):
    w = tmp_path / "w"
    cli("init", w)
    good = tmp_path / "good.md"
    good.write_text("# Runbook: Restart\n\n1. Restart it.\n")
    r = cli("ingest", good, tmp_path / "missing.md", "--wiki", w)
    assert r.exit_code == 2 and "missing.md: no such file" in r.stderr
    assert list((w / "raw").iterdir()) == []  # nothing copied when any path is missing


def test_bad_files_are_skipped_with_warnings(tmp_path, cli):
    w = tmp_path / "w"
    cli("init", w)
    src = tmp_path / "in"
    src.mkdir()
    (src / "binary.md").write_bytes(b"\x00\x01\x02PNG")
    (src / "latin1.md").write_bytes("# Caf\xe9 notes\n".encode("latin-1"))
    (src / "empty.md").write_text("")
    (src / "plain.txt").write_text("Some loose thoughts about caching with no structure at all.\n")
    (src / "ok.md").write_text("# ADR-3: Use queues\n\n## Status\n\nAccepted\n\n## Context\n\nLoad.\n\n## Decision\n\nQueues.\n")
    r = cli("ingest", src, "--wiki", w)
    assert r.exit_code == 0, r.output
    assert "binary.md: looks binary" in r.stderr
    assert "latin1.md: not valid UTF-8" in r.stderr and "iconv" in r.stderr
    assert "empty.md: file is empty" in r.stderr
    assert "adr-003-use-queues" in r.stdout
    pages = json.loads(cli("pages", "--json", "--wiki", w).stdout)
    note = next(p for p in pages if p["type"] == "note")
    assert note["confidence"] == "low"


def test_hostile_names_cannot_escape_raw(tmp_path, cli):
    from lorebook.store.files import UnsafePath, safe_join
    import pytest

    with pytest.raises(UnsafePath):
        safe_join(tmp_path, "../outside.md")
    with pytest.raises(UnsafePath):
        safe_join(tmp_path, "/etc/passwd")
    # a symlink inside raw/ pointing outside is not followed out of the wiki
    w = tmp_path / "w"
    cli("init", w)
    outside = tmp_path / "outside"
    outside.mkdir()
    os.symlink(outside, w / "raw" / "link")
    with pytest.raises(UnsafePath):
        safe_join(w / "raw", "link/x.md")


def test_html_in_sources_stays_inert(tmp_path, cli):
    w = tmp_path / "w"
    cli("init", w)
    evil = tmp_path / "evil.md"
    evil.write_text("# Postmortem: 2026-01-02 XSS\n\n## Summary\n\nWe saw <script>alert(1)</script> in logs.\n\n"
                    "## Timeline\n\n- 10:00 — <img src=x onerror=alert(1)> posted\n- 10:05 — fixed\n- 10:09 — recovered\n")
    assert cli("ingest", evil, "--wiki", w).exit_code == 0
    page = next((w / "wiki" / "incidents").glob("*.md")).read_text()
    body = page.split("\n---\n", 1)[1]
    assert "<script>" not in body and "<img" not in body
    assert "onerror" not in body or "&lt;img" in body


def test_large_file_is_handled_in_bounded_memory(tmp_path):
    """A 50 MB source compiles in a real process without holding the file in memory."""
    w = tmp_path / "w"
    subprocess.run([sys.executable, "-m", "lorebook.cli", "init", str(w)], check=True, capture_output=True)
    big = tmp_path / "big.md"
    para = ("Notes from the capacity review. " * 30 + "\n\n").encode()
    with big.open("wb") as f:
        f.write(b"# Capacity notes\n\n")
        while f.tell() < 50 * 1024 * 1024:
            f.write(para * 100)
    # The peak of this process's own memory (VmHWM): ru_maxrss also counts the forked copy of the parent from
    # before exec, which in a long pytest run is the test runner's size, not the ingest's.
    code = (
        "import sys\n"
        "from lorebook.cli import main\n"
        "try:\n    main([ 'ingest', sys.argv[1], '--wiki', sys.argv[2]])\n"
        "except SystemExit as e:\n    code = e.code\n"
        "hwm = next(l for l in open('/proc/self/status') if l.startswith('VmHWM:')).split()[1]\n"
        "print('maxrss_kb', hwm)\n"
        "sys.exit(code)\n"
    )
    r = subprocess.run([sys.executable, "-c", code, str(big), str(w)], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    rss_mb = int(r.stdout.split("maxrss_kb")[1]) / 1024
    print(f"peak RSS ingesting a 50 MB file: {rss_mb:.0f} MB")
    assert rss_mb < 400
    assert (w / "raw" / "big.md").stat().st_size == big.stat().st_size


def test_cli_process_keeps_output_and_exit_codes(tmp_path):
    """Run as a program, the CLI ends without interpreter teardown: output and exit codes survive it."""
    def run(*args):
        return subprocess.run([sys.executable, "-c", "from lorebook.cli import main; main()", *map(str, args)],
                              capture_output=True, text=True, timeout=120)

    w = tmp_path / "w"
    assert run("init", w).returncode == 0
    r = run("ingest", EXAMPLES / "adr-015-redis-for-sessions.md", "--wiki", w)
    assert r.returncode == 0 and r.stdout.strip().splitlines()[-1].startswith("ingest: 1 source (1 new"), r.stderr
    bad = run("ingest", tmp_path / "missing.md", "--wiki", w)
    assert bad.returncode == 2 and "no such file" in bad.stderr
    version = run("--version")
    assert version.returncode == 0 and "version" in version.stdout
    assert run("nonsense").returncode == 2


def test_build_prints_a_summary_and_the_first_changes(tmp_path, cli):
    """A big build lists its first page changes and a count, not one line per page; --verbose lists all."""
    w = tmp_path / "w"
    cli("init", w, "--name", "Ops")
    for i in range(15):
        (w / "raw" / f"note-{i:02}.md").write_text(f"# Deploy note {i}\n\nWe rolled out release {i} on 2026-10-{i + 1:02}.\n")
    r = cli("build", "--wiki", w)
    assert r.exit_code == 0, r.output
    lines = r.stdout.rstrip().splitlines()
    changes = [line for line in lines if line.startswith("  created ")]
    assert len(changes) == 20
    more = [line for line in lines if "more page changes" in line]
    assert len(more) == 1 and "--verbose" in more[0]
    hidden = int(more[0].split("and ")[1].split()[0])
    assert lines[-1].startswith("build: 15 sources (15 new") and f"{20 + hidden} created" in lines[-1]

    for i in range(15):
        (w / "raw" / f"note-{i:02}.md").write_text(f"# Deploy note {i}\n\nWe rolled out release {i} on 2026-11-{i + 1:02}.\n")
    r = cli("build", "--verbose", "--wiki", w)
    assert r.exit_code == 0, r.output
    lines = r.stdout.rstrip().splitlines()
    listed = [line for line in lines if line.startswith("  updated ")]
    assert len(listed) > 20 and not any("more page changes" in line for line in lines)
    assert f"{len(listed)} updated" in lines[-1]


def test_a_reader_that_stops_early_gets_no_error(tmp_path):
    """`lorebook search x | head -1`: when the pipe closes, the command ends quietly (exit 141, as SIGPIPE
    would), with no "error: Broken pipe" on stderr."""
    w = tmp_path / "w"
    run = [sys.executable, "-c", "from lorebook.cli import main; main()"]
    subprocess.run([*run, "init", str(w)], check=True, capture_output=True)
    notes = tmp_path / "notes"
    notes.mkdir()
    for i in range(300):
        (notes / f"n{i}.md").write_text(f"# Runbook: restart worker {i}\n\n1. Run `systemctl restart worker{i}`.\n")
    subprocess.run([*run, "ingest", str(notes), "--wiki", str(w)], check=True, capture_output=True, timeout=300)
    p = subprocess.Popen([*run, "pages", "--wiki", str(w)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert p.stdout.readline()
    p.stdout.close()  # like `head -1`: the reader is gone while the command still writes
    err = p.stderr.read().decode()
    assert p.wait(timeout=60) in (0, 141)
    assert "error" not in err.lower() and "Traceback" not in err
