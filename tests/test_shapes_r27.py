"""Shapes from the twenty-seventh round: a runbook's commands given outside the procedure its steps come
from (set-up, single-database restore, clean-up), in fences or named in its prose. The notes are ours."""

from __future__ import annotations

from pathlib import Path

from lorebook.compile.pages import runbook_blocks
from lorebook.extract import extract
from lorebook.sources.reader import read_source
from lorebook.sources.segment import documents

BACKUP_RUNBOOK = """\
# Sicherung mit restic

## Überblick

Die Datenbanken werden jede Nacht verschlüsselt an zwei Ziele gesichert.

## Einrichtung

```bash
cp .env.example .env
docker compose run --rm backup backup-tool init
```

```yaml
retention:
  daily: 7
```

## Wiederherstellung

1. Backup-Container stoppen.
2. Stand wählen:

   ```bash
   docker exec backup backup-tool snapshots
   ```

3. Dump einspielen.

### Einzelne Datenbank

```
# Dump holen, dann einspielen
docker exec backup sh -c 'pg_restore --clean -d app /work/app.dump'
```

```
2026-03-01T02:00:01Z INFO backup finished in 312s
```

## Aufräumen

Danach `docker exec backup rm -rf /work/restore` ausführen und `submit_report.sh 7` starten.
"""


def _record(tmp_path: Path, name: str, text: str):
    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    return extract(documents(read_source(f, f"raw/{name}"))[0])


def test_commands_outside_the_steps_are_kept_under_their_heading(tmp_path):
    rec = _record(tmp_path, "backup.md", BACKUP_RUNBOOK)
    f = rec.fields
    assert [s["title"] for s in f["steps"]][:1] == ["Backup-Container stoppen"]
    other = f["other_commands"]
    by_section = {(e["section"], e["command"].splitlines()[-1]) for e in other}
    assert ("Einrichtung", "docker compose run --rm backup backup-tool init") in by_section
    assert ("Einzelne Datenbank", "docker exec backup sh -c 'pg_restore --clean -d app /work/app.dump'") in by_section
    assert ("Aufräumen", "docker exec backup rm -rf /work/restore") in by_section
    assert ("Aufräumen", "submit_report.sh 7") in by_section
    text = "\n".join(e["command"] for e in other)
    assert "retention" not in text  # a YAML file is not a command
    assert "INFO backup finished" not in text  # nor is a log line
    assert "snapshots" not in text  # the step's own command stays with its step
    assert any("snapshots" in c for s in f["steps"] for c in s["commands"])
    # each entry cites its own lines
    lines = BACKUP_RUNBOOK.splitlines()
    for entry, span in zip(other, rec.citations["other_commands"]):
        cited = "\n".join(lines[span.start - 1:span.end])
        assert entry["command"].splitlines()[-1].strip() in cited


def test_the_runbook_page_shows_the_other_commands_cited(tmp_path):
    rec = _record(tmp_path, "backup.md", BACKUP_RUNBOOK)
    blocks = runbook_blocks(rec)
    titles = [b.text for b in blocks if b.kind == "heading"]
    assert "Other commands" in titles
    start = titles.index("Other commands")
    after = [b for b in blocks if b.kind == "heading"][start:]
    body = blocks[blocks.index(after[0]) + 1:]
    assert body[0].kind == "item" and body[0].text == "**Einrichtung**" and body[0].citations
    assert any(b.kind == "code" and "backup-tool init" in b.text and b.citations for b in body)


def test_a_runbook_whose_commands_are_all_in_its_steps_has_no_other_commands(tmp_path):
    rec = _record(tmp_path, "restart.md", """\
# Restart the worker

## Steps

1. Drain it:

   ```bash
   kubectl drain node-3 --ignore-daemonsets
   ```

2. Restart: `systemctl restart worker`
""")
    assert rec.fields["other_commands"] == []
    assert rec.fields["steps"][0]["commands"] == ["kubectl drain node-3 --ignore-daemonsets"]
