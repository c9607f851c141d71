"""Commands of the living wiki: history, diff, revert, edit, status, watch, check."""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from pathlib import Path

import click

from lorebook.cli.base import UserError, handle_errors, main, wiki_option


def _page(wiki, ref: str) -> dict:
    from lorebook.query.pages import PageNotFound, resolve_page

    try:
        return resolve_page(wiki, ref)
    except PageNotFound as e:
        raise UserError(str(e)) from None


@main.command()
@click.argument("page_id")
@wiki_option
@handle_errors
def history(page_id, wiki):
    """List every version of a page: number, time, who or what, origin."""
    from lorebook.living.versions import history as hist
    from lorebook.store.db import database_for

    rows = hist(database_for(wiki), page_id)
    if not rows:
        page_id = _page(wiki, page_id)["id"]
        rows = hist(database_for(wiki), page_id)
    if not rows:
        raise UserError(f"no versions recorded for '{page_id}'; they start with the next build")
    for r in rows:
        note = f"  {r['note']}" if r["note"] else ""
        click.echo(f"v{r['version']:<4} {r['time']}  {r['origin']:9} {r['edited_by']}{note}")


def _version(db, page_id: str, v: int) -> str:
    from lorebook.living.versions import content_at

    text = content_at(db, page_id, v)
    if text is None:
        raise UserError(f"'{page_id}' has no version {v}; see `lorebook history {page_id}`")
    return text


@main.command()
@click.argument("page_id")
@click.argument("v1", type=int, required=False)
@click.argument("v2", type=int, required=False)
@wiki_option
@handle_errors
def diff(page_id, v1, v2, wiki):
    """Unified diff between two versions of a page (default: the last two; V1 alone: V1 against current)."""
    from lorebook.living.versions import history as hist, unified
    from lorebook.store.db import database_for

    db = database_for(wiki)
    rows = hist(db, page_id) or hist(db, _page(wiki, page_id)["id"])
    if not rows:
        raise UserError(f"no versions recorded for '{page_id}'")
    page_id = page_id if hist(db, page_id) else _page(wiki, page_id)["id"]
    last = rows[-1]["version"]
    if v1 is None:
        v1, v2 = (rows[-2]["version"] if len(rows) > 1 else last), last
    elif v2 is None:
        v2 = last
    out = unified(_version(db, page_id, v1), _version(db, page_id, v2), page_id, v1, v2)
    click.echo(out.rstrip("\n") if out else f"v{v1} and v{v2} are the same")


@main.command()
@click.argument("page_id")
@click.argument("version", type=int)
@wiki_option
@handle_errors
def revert(page_id, version, wiki):
    """Restore VERSION of a page as a new version (nothing is lost: the history keeps every one)."""
    from lorebook.living.edits import record
    from lorebook.living.versions import whoami
    from lorebook.store.db import database_for

    page_id = _page(wiki, page_id)["id"]
    text = _version(database_for(wiki), page_id, version)
    v = record(wiki, page_id, text, whoami(), "revert", f"restored v{version}")
    click.echo(f"{page_id}: v{version} restored as v{v}")


@main.command()
@click.argument("page_id")
@wiki_option
@handle_errors
def edit(page_id, wiki):
    """Open a page in $EDITOR; what you save becomes a new version (origin: human)."""
    from lorebook.living.edits import record
    from lorebook.living.versions import whoami

    page = _page(wiki, page_id)
    path = wiki.wiki_dir / page["path"]
    before = path.read_text(encoding="utf-8") if path.exists() else page["content"]
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d) / Path(page["path"]).name
        tmp.write_text(before, encoding="utf-8")
        try:
            rc = subprocess.call([*shlex.split(editor), str(tmp)])
        except OSError as e:
            raise UserError(f"could not run the editor '{editor}' ({e}); set $EDITOR") from None
        if rc != 0:
            raise UserError(f"the editor exited with status {rc}; nothing was changed")
        after = tmp.read_text(encoding="utf-8")
    if after == before:
        click.echo(f"{page['id']}: no changes")
        return
    v = record(wiki, page["id"], after, whoami(), "human", "edited with lorebook edit")
    click.echo(f"{page['id']}: saved as v{v}; recompiles will merge with your edit")


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@wiki_option
@handle_errors
def status(as_json, wiki):
    """What needs attention: stale blocks, human-edited pages, conflicts, sources changed since the last build."""
    from lorebook.living.status import status as run

    st = run(wiki)
    from lorebook.synth.synthesize import last_run

    llm = last_run(wiki)  # counts of the last `build --llm` / `synthesize` run, if any
    if as_json:
        import json

        click.echo(json.dumps({**st, **({"llm": llm} if llm else {})}, ensure_ascii=False, indent=2))
        return
    if llm:
        click.echo(f"llm       last run {llm['time']}: {llm['accepted']} sentences accepted, {llm['rejected']} rejected "
                   f"(see .lorebook/llm/rejected.jsonl), {llm['calls']} calls, {llm['cached']} cached")
    if not any(st.values()):
        click.echo("Everything is up to date: no stale blocks, conflicts or pending changes.")
        return
    for b in st["stale"]:
        click.echo(f"stale     {b['page']}  block {b['position']}: {b['text'][:80]}")
    for c in st["conflicts"]:
        click.echo(f"conflict  {c}")
    for h in st["edited"]:
        click.echo(f"edited    {h}")
    for p in st["pending"]:
        click.echo(f"pending   {p}")


@main.command()
@click.option("--no-wait", is_flag=True, help="Fail at once if another run holds the wiki's lock.")
@wiki_option
@handle_errors
def check(no_wait, wiki):
    """Verify that wiki/ files, the database and raw/ agree (exit 1 if they do not)."""
    from lorebook.living.check import check as run

    rep = run(wiki, wait=not no_wait)
    for r in rep.recovered:
        click.echo(f"recovered: {r}")
    for p in rep.problems:
        click.echo(f"problem: {p}")
    for p in rep.pending[:50]:
        click.echo(f"pending: {p}")
    if rep.ok:
        click.echo(f"consistent: {rep.pages} pages, {rep.sources} sources"
                   + (f"; {len(rep.pending)} change(s) waiting for `lorebook build`" if rep.pending else ""))
        return
    click.echo(f"inconsistent: {len(rep.problems)} problem(s); repair with `lorebook build --repair`", err=True)
    raise SystemExit(1)


@main.command()
@click.option("--debounce", default=500, show_default=True, help="Milliseconds of quiet before re-ingesting.")
@wiki_option
@handle_errors
def watch(debounce, wiki):
    """Re-ingest whenever files in raw/ change (Ctrl-C to stop)."""
    from lorebook.watch import watch as run

    click.echo(f"watching {wiki.raw_dir} (Ctrl-C to stop)", err=True)
    try:
        run(wiki, debounce_ms=debounce, echo=lambda line: click.echo(line))
    except KeyboardInterrupt:
        pass
