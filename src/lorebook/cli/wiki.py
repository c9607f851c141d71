"""Commands on the wiki itself: init, ingest, build, pages, show, export."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from lorebook.cli.base import (FIRST_CHANGES, UserError, handle_errors, light_writer, main, print_report, progress, reads_only,
                               wiki_option)
from lorebook.cli.web import export_html_command
from lorebook.config import init_wiki


@main.command()
@click.argument("directory", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--name", help="The wiki's name (default: from the folder name).")
@handle_errors
def init(directory: Path, name: str | None):
    """Create a wiki: lorebook.toml, raw/, wiki/ and .lorebook/ in DIRECTORY."""
    from lorebook.store.db import database_for

    wiki = init_wiki(directory, name)
    database_for(wiki)  # create the database and apply migrations now, so a bad URL fails here
    click.echo(f"Created wiki '{wiki.name}' in {wiki.root}")
    click.echo(f"Next: lorebook ingest NOTES.md --wiki {directory}")


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--no-wait", is_flag=True, help="Fail at once if another run holds the wiki's lock.")
@click.option("--verbose", "-v", is_flag=True, help=f"List every page change, not just the first {FIRST_CHANGES}.")
@wiki_option
@handle_errors
@light_writer
def ingest(paths, no_wait, verbose, wiki):
    """Copy PATHS (files or folders) into raw/ and compile the wiki."""
    from lorebook.pipeline import ingest as run

    report = run(wiki, paths, wait=not no_wait, progress=progress("Compiling"),
                 on_wait=lambda: click.echo("waiting for another lorebook run to finish…", err=True))
    print_report(report, verbose)
    if not report.ingested:
        raise UserError("nothing was ingested: every file was skipped (see the warnings above); fix them and ingest again")


@main.command()
@click.option("--no-wait", is_flag=True, help="Fail at once if another run holds the wiki's lock.")
@click.option("--repair", is_flag=True, help="Forget every cache and recompile all of raw/ (after `lorebook check` finds a problem).")
@click.option("--verbose", "-v", is_flag=True, help=f"List every page change, not just the first {FIRST_CHANGES}.")
@wiki_option
@handle_errors
@light_writer
def build(no_wait, repair, verbose, wiki):
    """Compile raw/: only sources that changed (--repair: everything)."""
    from lorebook.pipeline import build as run

    report = run(wiki, wait=not no_wait, progress=progress("Compiling"), repair=repair,
                 on_wait=lambda: click.echo("waiting for another lorebook run to finish…", err=True))
    print_report(report, verbose)


@main.command()
@click.option("--type", "page_type", help="Only pages of this type (decision, incident, runbook, note, source, concept).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@wiki_option
@handle_errors
@reads_only
def pages(page_type, as_json, wiki):
    """List pages: type, id, title, confidence."""
    from rich.cells import cell_len  # display width: a Hangul or CJK character takes two columns

    from lorebook.model import PAGE_TYPES
    from lorebook.query.pages import list_pages

    if page_type and page_type not in PAGE_TYPES:
        raise UserError(f"no page type '{page_type}'; use one of: {', '.join(PAGE_TYPES)}")
    rows = list_pages(wiki, page_type)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo(f"No {page_type} pages yet." if page_type else "No pages yet. Add notes with `lorebook ingest FILE`.")
        return
    w = max(cell_len(r["id"]) for r in rows)
    for r in rows:
        click.echo(f"{r['type']:9} {r['id']}{' ' * (w - cell_len(r['id']))}  {r['confidence']:6}  {r['title']}")


@main.command()
@click.argument("page_id")
@click.option("--raw", is_flag=True, help="Print the Markdown file as stored instead of rendering it.")
@wiki_option
@handle_errors
@reads_only
def show(page_id, raw, wiki):
    """Render one page in the terminal (ID, a unique id prefix, or ADR-14)."""
    from lorebook.query.pages import PageNotFound, resolve_page

    try:
        page = resolve_page(wiki, page_id)
    except PageNotFound as e:
        raise UserError(str(e)) from None
    text = (wiki.wiki_dir / page["path"]).read_text(encoding="utf-8") if (wiki.wiki_dir / page["path"]).exists() else page["content"]
    if raw or not sys.stdout.isatty():
        click.echo(text)
        return
    from rich.console import Console
    from rich.markdown import Markdown

    body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
    console = Console()
    console.print(
        f"[bold]{page['confidence'].capitalize()} confidence[/] · {page['type']} · edited by {page['edited_by']} · "
        f"{page['updated']} · {'human' if page['origin'] == 'human' else 'generated'} · v{page['version']}"
    )
    console.print(Markdown(body))


@main.command()
@click.option("--format", "fmt", type=click.Choice(["json", "html"]), default="json", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to FILE (json) or DIR (html) instead of stdout.")
@wiki_option
@handle_errors
def export(fmt, output, wiki):
    """Export the whole wiki as JSON, or as a static HTML site (--format html -o DIR)."""
    if fmt == "html":
        return export_html_command(wiki, output)
    if output is not None and output.is_dir():
        raise UserError(f"{output} is a folder; JSON export writes a file (or use --format html)")
    from lorebook.export import export_json

    data = json.dumps(export_json(wiki), ensure_ascii=False, indent=2)
    if output:
        tmp = output.with_name(output.name + ".tmp")
        tmp.write_text(data + "\n", encoding="utf-8")
        os.replace(tmp, output)
        click.echo(f"Wrote {output}", err=True)
    else:
        click.echo(data)
