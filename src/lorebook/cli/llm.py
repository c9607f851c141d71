"""Commands: `verify` (the claim verifier alone, no model)."""

from __future__ import annotations

import functools
import json
import sys

import click

from lorebook.cli.base import UserError, handle_errors, main, print_report, wiki_option
from lorebook.cli.wiki import build as build_command


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


def _run_with_model(wiki, only: set[str] | None, no_wait: bool) -> None:
    """A full build whose compiled pages get verified model prose before they are saved."""
    from lorebook.pipeline import build
    from lorebook.store.repo import append_log
    from lorebook.synth.settings import llm_settings
    from lorebook.synth.synthesize import record, synthesize

    if llm_settings(wiki) is None:
        raise UserError(f"no model configured: add an [llm] table with base_url and model to {wiki.config_path} (see docs/llm.md)")
    done = {}

    def transform(pages, sources):
        done["report"] = synthesize(wiki, pages, sources, only)

    report = build(wiki, wait=not no_wait, full=True, transform=transform,
                   on_wait=lambda: click.echo("waiting for another lorebook run to finish…", err=True))

    print_report(report)
    synth = done.get("report")
    if synth is not None:
        append_log(wiki, record(wiki, synth))
        click.echo(synth.line(), err=True)


@main.command()
@click.argument("ids", nargs=-1, metavar="[ID]...")
@click.option("--no-wait", is_flag=True, help="Fail at once if another run holds the wiki's lock.")
@wiki_option
@handle_errors
def synthesize(ids, no_wait, wiki):
    """Rebuild with model-written prose (the overview's sections, one-line summaries) for the given
    page ids, or for all; every sentence is verified against its cited lines, the rest dropped."""
    _run_with_model(wiki, set(ids) or None, no_wait)


def _add_llm_flag_to_build() -> None:
    """`lorebook build --llm`: the option is added here so cli/wiki.py stays free of model code."""
    cmd = build_command
    plain = cmd.callback

    @functools.wraps(plain)
    def callback(*args, llm=False, **kwargs):
        if not llm:
            return plain(*args, **kwargs)
        wiki_dir = kwargs.get("wiki_dir")
        from lorebook.config import WikiError, find_wiki

        try:
            wiki = find_wiki(wiki_dir)
            _run_with_model(wiki, None, kwargs.get("no_wait", False))
        except WikiError as e:
            raise UserError(str(e)) from None

    cmd.params.append(click.Option(["--llm"], is_flag=True, help="Add verified model prose (needs [llm] in lorebook.toml; see docs/llm.md)."))
    cmd.callback = callback


_add_llm_flag_to_build()
