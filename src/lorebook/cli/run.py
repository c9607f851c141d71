"""`lorebook run` and `lorebook runs`: follow a runbook step by step, asking before each, and list past runs."""

from __future__ import annotations

import json
import sys

import click

from lorebook.cli.base import UserError, handle_errors, main, wiki_option

_CHOICES = {"r": "run", "run": "run", "y": "run", "yes": "run", "s": "skip", "skip": "skip", "n": "skip",
            "q": "quit", "quit": "quit"}


def _print_commands(commands: list[str], indent: str = "   ") -> None:
    for cmd in commands:
        lines = cmd.split("\n")
        click.echo(f"{indent}$ {lines[0]}")
        for ln in lines[1:]:
            click.echo(f"{indent}  {ln}")


class TerminalOperator:
    """Asks on the terminal; with `yes`, answers "run" (and "roll back") itself."""

    def __init__(self, yes: bool, rollback: bool):
        self.yes = yes
        self.rollback = rollback

    def show_step(self, step, total):
        click.echo("")
        click.secho(f"{step.number}. {step.title}", bold=True)
        if step.text and step.text != step.title:
            click.echo(f"   {step.text}")
        if step.commands:
            _print_commands(step.commands)
        else:
            click.echo("   (no commands: a manual step)")

    def ask_step(self, step):
        if self.yes:
            return "run"
        verb = "Run" if step.commands else "Mark done"
        try:
            answer = click.prompt(f"{verb} step {step.number}? [r]un / [s]kip / [q]uit", default="", show_default=False,
                                  err=True)
        except click.Abort:  # end of input: nothing was confirmed
            click.echo("", err=True)
            return "quit"
        while answer.strip().lower() not in _CHOICES:
            try:
                answer = click.prompt("Type r (run), s (skip) or q (quit)", err=True)
            except click.Abort:
                return "quit"
        return _CHOICES[answer.strip().lower()]

    def ask_rollback(self, failed, commands):
        click.echo(f"Step {failed.number} failed. The runbook's rollback:", err=True)
        _print_commands(commands)
        if not self.rollback:
            click.echo("Not rolling back (--no-rollback).", err=True)
            return False
        if self.yes:
            return True
        try:
            return click.confirm("Run the rollback now?", default=False, err=True)
        except click.Abort:
            return False

    def show_command(self, command):
        click.secho(f"+ {command.splitlines()[0]}{' …' if chr(10) in command else ''}", dim=True, err=True)

    def output(self, text):
        sys.stdout.write(text)
        sys.stdout.flush()

    def show_result(self, step, record):
        mark = "ok" if record["status"] == "ok" else f"FAILED (exit {record['exit_code']})"
        click.echo(f"   → {mark} in {record['seconds']:.2f} s", err=True)


@main.command()
@click.argument("runbook")
@click.option("--dry-run", is_flag=True, help="Print every step and its commands; run nothing.")
@click.option("--yes", "-y", is_flag=True, help="Run every step without asking (for scripts); a failure rolls back.")
@click.option("--incident", metavar="ID", help="Link this run to a postmortem page.")
@click.option("--no-rollback", is_flag=True, help="On a failure, show the rollback but do not run it.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=600, show_default=True,
              help="Seconds a step's command may run before it is stopped.")
@wiki_option
@handle_errors
def run(runbook, dry_run, yes, incident, no_rollback, timeout, wiki):
    """Follow RUNBOOK step by step: each step's commands are shown and run only when you say so."""
    from lorebook.runbooks.plan import PlanError, incident_id, load_plan
    from lorebook.runbooks.session import run_plan

    try:
        plan = load_plan(wiki, runbook)
        linked = incident_id(wiki, incident) if incident else None
    except PlanError as e:
        raise UserError(str(e)) from None
    click.echo(f"{plan.title} ({plan.page_id}, v{plan.version}): {len(plan.steps)} steps")
    if dry_run:
        for step in plan.steps:
            click.echo(f"{step.number}. {step.title}")
            _print_commands(step.commands)
        if plan.rollback:
            click.echo("Rollback:")
            _print_commands(plan.rollback)
        click.echo("(dry run: nothing was run)")
        return
    op = TerminalOperator(yes=yes, rollback=not no_rollback)
    outcome = run_plan(wiki, plan, op, incident=linked, timeout=timeout,
                       on_start=lambda run_id: click.echo(f"Run {run_id} started; log: lorebook runs {plan.page_id}", err=True))
    ok = sum(1 for s in outcome.steps if s["status"] in ("ok", "confirmed"))
    skipped = sum(1 for s in outcome.steps if s["status"] == "skipped")
    rolled = f"; rollback {'ok' if all(r['exit_code'] == 0 for r in outcome.rollback) else 'FAILED'}" if outcome.rollback else ""
    click.echo(f"Run {outcome.run_id} {outcome.status}: {ok} done, {skipped} skipped of {len(plan.steps)} steps{rolled}")
    if outcome.status == "failed":
        sys.exit(1)


@main.command()
@click.argument("runbook", required=False)
@click.option("--run", "run_id", type=int, metavar="N", help="Show one run in full: each step's commands and output.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@wiki_option
@handle_errors
def runs(runbook, run_id, as_json, wiki):
    """List past runs of RUNBOOK (of every runbook when left out), newest first."""
    from lorebook.runbooks.log import get_run, runs_of
    from lorebook.runbooks.plan import PlanError, load_plan

    if run_id is not None:
        rec = get_run(wiki, run_id)
        if rec is None:
            raise UserError(f"no run {run_id}; list runs with `lorebook runs`")
        if as_json:
            click.echo(json.dumps(rec, ensure_ascii=False, indent=2))
            return
        _show_run(rec)
        return
    page_id = None
    if runbook:
        try:
            page_id = load_plan(wiki, runbook).page_id
        except PlanError as e:
            raise UserError(str(e)) from None
    rows = runs_of(wiki, page_id)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo(f"No runs yet{' of ' + page_id if page_id else ''}. Start one with `lorebook run ID`.")
        return
    for r in rows:
        click.echo(_run_line(r))


def _run_line(r: dict) -> str:
    steps = r["steps"] or []
    ok = sum(1 for s in steps if s.get("status") in ("ok", "confirmed"))
    inc = f"  incident {r['incident_id']}" if r["incident_id"] else ""
    return (f"#{r['id']:<4} {r['started']}  {r['status']:9} {r['page_id']} v{r['page_version']}  "
            f"{ok}/{len(steps)} steps  by {r['operator']}{inc}")


def _show_run(r: dict) -> None:
    click.echo(_run_line(r))
    for s in r["steps"] or []:
        extra = f" (exit {s['exit_code']}, {s['seconds']:.2f} s)" if "exit_code" in s else ""
        click.echo(f"{s['number']}. {s['title']} — {s['status']}{extra}")
        for res in s.get("results") or []:
            _print_commands([res["command"]])
            for ln in (res.get("output") or "").rstrip("\n").split("\n")[-20:]:
                if ln:
                    click.echo(f"     | {ln}")
    if r["rollback"]:
        click.echo("Rollback:")
        for res in r["rollback"]:
            _print_commands([res["command"]])
            click.echo(f"     exit {res['exit_code']}")
