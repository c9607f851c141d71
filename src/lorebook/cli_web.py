"""`lorebook serve` and the HTML flavour of `lorebook export`."""

from __future__ import annotations

from pathlib import Path

import click

from lorebook.cli import UserError, handle_errors, main, wiki_option


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind; only loopback unless you say otherwise.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="TCP port (0 picks a free one).")
@wiki_option
@handle_errors
def serve(host, port, wiki):
    """Read the wiki in a browser: pages, cited sources, search, ask, and a JSON API at /api (docs at /docs)."""
    import uvicorn

    from lorebook.web.app import create_app

    app = create_app(wiki)
    click.echo(f"Serving '{wiki.name}' on http://{host}:{port}/  (Ctrl-C to stop)", err=True)
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
    except OSError as e:
        raise UserError(f"cannot listen on {host}:{port} ({e.strerror or e}); pick another --port") from None


def export_html_command(wiki, output: Path | None) -> None:
    """Called by `lorebook export --format html -o DIR`."""
    from lorebook.web.static_site import ExportError, export_html

    if output is None:
        raise UserError("--format html writes a folder; give it with -o DIR")
    try:
        n = export_html(wiki, output)
    except ExportError as e:
        raise UserError(str(e)) from None
    click.echo(f"Wrote {n} HTML files to {output}; open {output / 'index.html'} in a browser", err=True)
