"""Commands: `lint`, `new`, `adr status|supersede|renumber`, `import`."""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
from pathlib import Path

import click

from lorebook.cli.base import UserError, handle_errors, main, wiki_option


def _authoring_errors(f):
    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        try:
            return f(*args, **kwargs)
        except Exception as e:  # the error classes are imported only when something failed: `lint` needs no authoring
            from lorebook.authoring.new import AuthoringError
            from lorebook.lint.runner import LintConfigError

            if isinstance(e, (AuthoringError, LintConfigError)):
                raise UserError(str(e)) from None
            raise

    return wrapper


def _rebuild(wiki) -> None:
    from lorebook.pipeline import build

    report = build(wiki, on_wait=lambda: click.echo("waiting for another lorebook run to finish…", err=True))
    for w in report.warnings:
        click.echo(f"warning: {w}", err=True)
    click.echo(report.summary_line(), err=True)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif"]), default="text", show_default=True)
@click.option("--rule", "rules", multiple=True, metavar="ID", help="Only this rule (repeatable).")
@click.option("--today", metavar="YYYY-MM-DD", help="Judge ages and review dates as of this day (default: today).")
@click.option("--list-rules", is_flag=True, help="List the rules with their ids and severities, then exit.")
@click.option("--full", is_flag=True, help="Forget what earlier lints stored and read every file again.")
@wiki_option
@handle_errors
@_authoring_errors
def lint(fmt, rules, today, list_rules, full, wiki):
    """Check the wiki's health; exit 1 when an error-level finding remains."""
    from lorebook.lint import report as R
    from lorebook.lint.runner import log_entry, rule_levels, run_lint
    from lorebook.lint.findings import RULES
    from lorebook.store.repo import append_log

    if list_rules:
        levels = rule_levels(wiki)
        for rid, r in RULES.items():
            click.echo(f"{rid:34} {levels[rid]:8} {r.summary}")
        return
    try:
        day = dt.date.fromisoformat(today) if today else None
    except ValueError:
        raise UserError(f"--today {today!r} is not a date; write it as YYYY-MM-DD") from None
    result = run_lint(wiki, list(rules) or None, today=day, full=full)
    if fmt == "json":
        click.echo(json.dumps(R.as_json(result), ensure_ascii=False, indent=2))
    elif fmt == "sarif":
        click.echo(json.dumps(R.as_sarif(result), ensure_ascii=False, indent=2))
    else:
        click.echo(R.as_text(result))
    append_log(wiki, log_entry(result, list(rules) or None))
    if result.errors:
        raise SystemExit(1)


@main.command("new")
@click.argument("kind", type=click.Choice(["adr", "postmortem", "runbook"]))
@click.argument("title")
@click.option("--date", metavar="YYYY-MM-DD", help="The document's date (default: today).")
@click.option("--no-edit", is_flag=True, help="Do not open $EDITOR; just write the file and compile.")
@wiki_option
@handle_errors
@_authoring_errors
def new_doc(kind, title, date, no_edit, wiki):
    """Write a new ADR, postmortem or runbook into raw/ from its template, edit it, compile."""
    from lorebook.authoring.new import create
    from lorebook.pipeline import ingest

    path = create(wiki, kind, title, date)
    click.echo(f"Wrote {wiki.rel(path)}")
    if not no_edit:
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
        click.edit(filename=str(path), editor=editor)
    report = ingest(wiki, [path])
    for label, ids in (("created", report.created), ("updated", report.updated)):
        for pid in ids:
            click.echo(f"  {label:8} {pid}")
    click.echo(report.summary_line())


@main.group()
def adr():
    """The ADR lifecycle: status, supersede, renumber (these edit files in raw/ and show the diff)."""


def _edits(wiki, *numbers):
    from lorebook.authoring.lifecycle import SourceEdit, find_adr

    located = [find_adr(wiki, n) for n in numbers]
    cache: dict[str, SourceEdit] = {}
    out = []
    for rel, index in located:
        if rel not in cache:
            cache[rel] = SourceEdit.load(wiki, rel)
        out.append((cache[rel], index))
    return out, list(cache.values())


def _apply(wiki, edits) -> None:
    from lorebook.store.lock import wiki_lock

    changed = [e for e in edits if e.text != e.original]
    if not changed:
        click.echo("Nothing to change.")
        return
    with wiki_lock(wiki.state_dir):
        for e in changed:
            click.echo(e.diff(), nl=False)
            e.write()
    _rebuild(wiki)


@adr.command("status")
@click.argument("number", type=int)
@click.argument("status", type=click.Choice(["Proposed", "Accepted", "Rejected", "Deprecated", "Superseded"], case_sensitive=False))
@wiki_option
@handle_errors
@_authoring_errors
def adr_status(number, status, wiki):
    """Set ADR NUMBER's status in its source, show the diff, recompile."""
    from lorebook.authoring.lifecycle import set_status

    (edit, index), = _edits(wiki, number)[0]
    set_status(edit, index, status.capitalize())
    _apply(wiki, [edit])


@adr.command("supersede")
@click.argument("old", type=int)
@click.argument("new", type=int)
@wiki_option
@handle_errors
@_authoring_errors
def adr_supersede(old, new, wiki):
    """Mark ADR OLD "Superseded by ADR-NEW" and ADR NEW "Supersedes ADR-OLD"; show the diffs; recompile."""
    from lorebook.authoring.lifecycle import mark_superseded, mark_supersedes

    if old == new:
        raise UserError("an ADR cannot supersede itself; name two different numbers")
    pairs, edits = _edits(wiki, old, new)
    (old_edit, old_i), (new_edit, new_i) = pairs
    mark_superseded(old_edit, old_i, new)
    mark_supersedes(new_edit, new_i, old)
    _apply(wiki, edits)


@adr.command("renumber")
@click.argument("source")
@click.argument("new", type=int)
@click.option("--number", "old", type=int, help="Which ADR of SOURCE, when it holds several.")
@wiki_option
@handle_errors
@_authoring_errors
def adr_renumber(source, new, old, wiki):
    """Give the ADR in SOURCE (a raw/ path) the number NEW, e.g. after two branches both added ADR-12."""
    from lorebook.authoring.lifecycle import SourceEdit, renumber
    from lorebook.authoring.new import used_numbers
    from lorebook.store.files import UnsafePath, safe_join

    rel = source if source.startswith("raw/") else f"raw/{source}"
    try:
        safe_join(wiki.raw_dir, rel.removeprefix("raw/"))
    except UnsafePath as e:
        raise UserError(f"{source}: {e}") from None
    if not (wiki.root / rel).is_file():
        raise UserError(f"{rel}: no such source; pass its path in raw/ as lint printed it")
    if new in used_numbers(wiki):
        raise UserError(f"ADR-{new} is already taken; pick a free number (lint suggests one)")
    edit = SourceEdit.load(wiki, rel)
    decisions = [i for i, r in enumerate(edit.records()) if r.kind == "decision" and (old is None or r.fields.get("number") == old)]
    if len(decisions) != 1:
        raise UserError(f"{rel} holds {len(decisions)} matching ADRs; say which with --number")
    new_name = renumber(edit, decisions[0], new)
    click.echo(edit.diff(), nl=False)
    edit.write()
    if new_name:
        src = wiki.root / rel
        os.replace(src, src.with_name(new_name))
        click.echo(f"renamed {rel} -> {Path(rel).with_name(new_name).as_posix()}")
    _rebuild(wiki)


@main.command("import")
@click.argument("directory", type=click.Path(path_type=Path))
@wiki_option
@handle_errors
@_authoring_errors
def import_cmd(directory, wiki):
    """Import a decision log (adr-tools, MADR, log4brains) into raw/ and compile it."""
    from lorebook.authoring.importer import import_log

    layout, files, report = import_log(wiki, directory)
    click.echo(f"Found a {layout} decision log: {len(files)} ADR{'s' if len(files) != 1 else ''}")
    for f in files:
        click.echo(f"  {f}")
    click.echo(report.summary_line())
