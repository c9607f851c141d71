"""What every command module shares: the `main` group, --wiki, one-line errors, progress bars.

It imports no command module, so command modules import it without a circle.
"""

from __future__ import annotations

import functools
import os
import sys

import click

from lorebook import os_errors
from lorebook.config import WikiError, find_wiki

USAGE_EXIT = 2


class UserError(click.ClickException):
    """A one-line error that says what to do."""

    exit_code = USAGE_EXIT

    def show(self, file=None):
        click.echo(f"error: {self.format_message()}", err=True)


def wiki_option(f):
    """--wiki DIR on a command, resolved to a Wiki passed as `wiki`."""

    @click.option("--wiki", "wiki_dir", metavar="DIR", help="The wiki folder (default: found by walking up, or $LOREBOOK_WIKI).")
    @functools.wraps(f)
    def wrapper(*args, wiki_dir=None, **kwargs):
        try:
            wiki = find_wiki(wiki_dir)
        except WikiError as e:
            raise UserError(str(e)) from None
        except OSError as e:  # e.g. the working directory was deleted
            raise UserError(os_errors.describe(e)) from None
        return f(*args, wiki=wiki, **kwargs)

    return wrapper


def _expected_errors() -> tuple[type[Exception], ...]:
    """The library's own one-line errors. IngestError is looked up only when the pipeline was
    imported (nothing else raises it), so a read command does not import the compiler to check."""
    from lorebook.store.lock import Busy

    pipeline = sys.modules.get("lorebook.pipeline")
    return (WikiError, Busy) + ((pipeline.IngestError,) if pipeline is not None else ())


def _reader_gone() -> None:
    """The program reading our output stopped (`lorebook search x | head`): end quietly, as a shell tool
    killed by SIGPIPE does (exit 141), with nothing more written to the closed pipe."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    raise SystemExit(141)


def handle_errors(f):
    """Turn library errors into one-line messages instead of tracebacks."""

    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        try:
            return f(*args, **kwargs)
        except BrokenPipeError:
            _reader_gone()
        except Exception as e:
            if isinstance(e, _expected_errors()):
                raise UserError(str(e)) from None
            if isinstance(e, OSError):
                raise UserError(os_errors.describe(e)) from None
            line = os_errors.describe_database_error(e)  # SQLite reports a full or failing disk as a database error
            if line is None:
                raise
            raise UserError(line) from None

    return wrapper


def reads_only(f):
    """A command that only reads the database: on SQLite it reads without importing SQLAlchemy
    (store.db.light_reads; docs/performance.md, issue 15)."""

    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        from lorebook.store.db import light_reads

        with light_reads():
            return f(*args, **kwargs)

    return wrapper


def light_writer(f):
    """A short-lived command that compiles and saves (`ingest`, `build`): on a SQLite wiki it reads and
    writes on one sqlite3 connection without importing SQLAlchemy (store.db.light_writes), the same
    plain SQL the pool runs."""

    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        from lorebook.store.db import light_writes

        with light_writes():
            return f(*args, **kwargs)

    return wrapper


def progress(label: str):
    """A rich progress bar on a terminal for runs with many files; nothing otherwise."""

    def wrap(items, total):
        if total < 20 or not sys.stderr.isatty():
            yield from items
            return
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        with Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), transient=True) as bar:
            task = bar.add_task(label, total=total)
            for it in items:
                yield it
                bar.advance(task)

    return wrap


class _Main(click.Group):
    """The command group; run from a shell (no `args`), it ends the process without teardown.

    Once a command has printed its result, freeing the interpreter's objects one by one
    (SQLAlchemy, the compiler, the incremental state) took 80-130 ms of a 0.5 s
    `lorebook ingest`. Databases are closed (which checkpoints SQLite's WAL) and output is
    flushed first. Callers that pass `args` (click's CliRunner in tests), runs under a tracer
    or profiler (coverage, cProfile: they write their data at exit) and LOREBOOK_SLOW_EXIT=1
    get the normal return.
    """

    def main(self, args=None, *rest, **kwargs):
        if (args is not None or not kwargs.get("standalone_mode", True) or os.environ.get("LOREBOOK_SLOW_EXIT")
                or sys.gettrace() is not None or sys.getprofile() is not None or "coverage" in sys.modules):
            return super().main(args, *rest, **kwargs)
        try:
            super().main(args, *rest, **kwargs)  # standalone: ends in SystemExit
            code = 0
        except SystemExit as e:
            code = e.code
        _exit_now(code)


def _exit_now(code) -> None:
    if code is None:
        code = 0
    elif not isinstance(code, int):
        click.echo(code, err=True)
        code = 1
    if "lorebook.store.db" in sys.modules:
        sys.modules["lorebook.store.db"].close_all()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, OSError):
        code = code or 1
    os._exit(code)


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="lorebook")
def main():
    """Lorebook: compile engineering notes into a cited wiki of ADRs, postmortems and runbooks."""


FIRST_CHANGES = 20  # page changes a run lists before its summary; --verbose lists them all


def print_report(report, verbose: bool = False) -> None:
    """A run report as the CLI prints it: warnings and conflicts on stderr, the first page changes
    (all with --verbose), the summary line. One line per page was 942 KB of output for a 10,000-source build."""
    for w in report.warnings:
        click.echo(f"warning: {w}", err=True)
    for r in report.recovered:
        click.echo(f"recovered: {r}", err=True)
    changes = [(label, pid) for label, ids in (
        ("created", report.created), ("updated", report.updated), ("removed", report.removed),
        ("merged", getattr(report, "merged", [])), ("stale", getattr(report, "stale", []))) for pid in ids]
    for label, pid in changes if verbose else changes[:FIRST_CHANGES]:
        click.echo(f"  {label:8} {pid}")
    if not verbose and len(changes) > FIRST_CHANGES:
        click.echo(f"  … and {len(changes) - FIRST_CHANGES} more page changes (--verbose lists them all)")
    for c in getattr(report, "conflicts", []):
        click.echo(f"conflict: {c}", err=True)
    for src in report.sources_unchanged if len(report.sources_unchanged) <= 10 else []:
        click.echo(f"  unchanged {src}")
    click.echo(report.summary_line())
