"""Commands: `verify` (the claim verifier alone, no model)."""

from __future__ import annotations

import json
import sys

import click

from lorebook.cli import UserError, handle_errors, main, wiki_option


@main.command()
@click.argument("claims_file", metavar="CLAIMS.jsonl", type=click.Path(dir_okay=False, allow_dash=True))
@wiki_option
@handle_errors
def verify(claims_file, wiki):
    """Check each claim in CLAIMS.jsonl against the wiki's raw/ sources; print one verdict per line.

    Input lines: {"text": ..., "citations": [{"source": "raw/x.md", "start_line": N, "end_line": M,
    "quote": ...}]}. Output lines, in the same order: {"accepted": true|false, "reasons": [...]}.
    Blank input lines are skipped; a line that is not a claim is rejected with the reason (and
    reported on stderr). No model and no network are involved.
    """
    from lorebook.verify.verifier import verify_jsonl

    try:
        data = sys.stdin.buffer.read() if claims_file == "-" else open(claims_file, "rb").read()
        text = data.decode("utf-8")
    except FileNotFoundError:
        raise UserError(f"{claims_file} does not exist; pass a JSON Lines file of claims") from None
    except IsADirectoryError:
        raise UserError(f"{claims_file} is a folder; pass a JSON Lines file of claims") from None
    except OSError as e:
        raise UserError(f"cannot read {claims_file} ({e.strerror}); check the path and its permissions") from None
    except UnicodeDecodeError:
        raise UserError(f"{claims_file} is not UTF-8 text; save it as UTF-8 JSON Lines") from None
    accepted = rejected = 0
    for _n, verdict in verify_jsonl(wiki.root, text.splitlines()):
        if not verdict.accepted and verdict.reasons[0].startswith("line "):
            click.echo(f"error: {verdict.reasons[0]}", err=True)
        accepted += verdict.accepted
        rejected += not verdict.accepted
        click.echo(json.dumps(verdict.as_dict(), ensure_ascii=False))
    click.echo(f"{accepted} accepted, {rejected} rejected", err=True)
