"""`lorebook serve` and the HTML flavour of `lorebook export`."""

from __future__ import annotations

from pathlib import Path

import click

from lorebook.cli.base import UserError, handle_errors, main, wiki_option


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind; only loopback unless you say otherwise.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="TCP port (0 picks a free one).")
@click.option("--allowed-host", "allowed_host", multiple=True, metavar="NAME",
              help="A Host name to answer besides loopback (repeatable; also [serve] allowed_hosts in lorebook.toml).")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Server processes sharing the port, each with its own database pool and render cache "
                   "(about one per CPU core helps under load).")
@wiki_option
@handle_errors
def serve(host, port, allowed_host, workers, wiki):
    """Read the wiki in a browser: pages, cited sources, search, ask, and a JSON API at /api (docs at /docs)."""
    import os

    import uvicorn

    from lorebook.web.auth import exposure_error

    if (why := exposure_error(host, wiki)) is not None:
        raise UserError(why)

    from lorebook.web.hosts import HOSTS_ENV, allowed_hosts, exposure_warning, restrict_hosts

    hosts = allowed_hosts(wiki.settings, host, allowed_host)
    if (warning := exposure_warning(host, hosts)) is not None:
        click.echo(warning, err=True)
    if workers > 1:
        os.environ[HOSTS_ENV] = ",".join(hosts)
        _serve_workers(host, port, workers, wiki)
        return
    from lorebook.web.app import create_app

    app = restrict_hosts(create_app(wiki), hosts)
    click.echo(f"Serving '{wiki.name}' on http://{host}:{port}/  (Ctrl-C to stop)", err=True)
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
    except OSError as e:
        raise UserError(f"cannot listen on {host}:{port} ({e.strerror or e}); pick another --port") from None


def _serve_workers(host: str, port: int, workers: int, wiki) -> None:
    """uvicorn's process supervisor: it binds the port once and starts `workers` fresh
    processes (spawned, not forked), each building the app with `app_from_env`, so each
    opens its own engine and pool through store/db.py. This process only supervises."""
    import os
    import socket

    import uvicorn

    from lorebook.store.db import close_all, database_for
    from lorebook.web.app import WORKERS_ENV
    from lorebook.web.server import HTTP_PROTOCOL

    database_for(wiki)  # migrate once, here, before the workers open it side by side
    close_all()  # and hold no connection in the supervisor
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family) as probe:  # uvicorn would only log the failure and exit
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as e:
            raise UserError(f"cannot listen on {host}:{port} ({e.strerror or e}); pick another --port") from None
    os.environ["LOREBOOK_WIKI"] = str(wiki.root)
    os.environ[WORKERS_ENV] = str(workers)
    click.echo(f"Serving '{wiki.name}' on http://{host}:{port}/ with {workers} worker processes  (Ctrl-C to stop)",
               err=True)
    uvicorn.run("lorebook.web.app:app_from_env", factory=True, host=host, port=port, workers=workers,
                http=HTTP_PROTOCOL, log_level="warning", access_log=False)


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
