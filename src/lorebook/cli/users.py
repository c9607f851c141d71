"""`lorebook users add|list|revoke`: the accounts of a served wiki (see docs/teams.md)."""

from __future__ import annotations

import click

from lorebook.cli.base import UserError, handle_errors, main, wiki_option
from lorebook.model import ROLES


@main.group()
def users():
    """Accounts for `lorebook serve`: readers read, editors edit and ingest, admins manage accounts."""


@users.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(ROLES), default="reader", show_default=True)
@wiki_option
@handle_errors
def users_add(name, role, wiki):
    """Create NAME (or give it a new token and this role); prints the token once, alone on the last line."""
    from lorebook.store import accounts
    from lorebook.living.versions import whoami
    from lorebook.store.db import database_for

    try:
        token = accounts.add_user(database_for(wiki), name, role, by=whoami())
    except accounts.AccountError as e:
        raise UserError(str(e)) from None
    click.echo(f"Added {name} ({role}). The token is shown only now; keep it secret (send it as 'Authorization: Bearer TOKEN'):")
    click.echo(token)


@users.command("list")
@wiki_option
@handle_errors
def users_list(wiki):
    """Every account: name, role, live tokens, created, revoked."""
    from lorebook.store import accounts
    from lorebook.store.db import database_for
    rows = accounts.list_users(database_for(wiki))
    if not rows:
        click.echo("No accounts: `lorebook serve` is open to anyone on this machine (loopback only).")
        return
    for r in rows:
        state = f"revoked {r['revoked']}" if r["revoked"] else f"{r['tokens']} token(s)"
        click.echo(f"{r['name']}\t{r['role']}\t{state}\tcreated {r['created']} by {r['created_by']}")


@users.command("revoke")
@click.argument("name")
@wiki_option
@handle_errors
def users_revoke(name, wiki):
    """Revoke NAME: its tokens and sessions stop working at the next request, on every server."""
    from lorebook.store import accounts
    from lorebook.living.versions import whoami
    from lorebook.store.db import database_for

    try:
        accounts.revoke_user(database_for(wiki), name, by=whoami())
    except accounts.AccountError as e:
        raise UserError(str(e)) from None
    click.echo(f"Revoked {name}")
