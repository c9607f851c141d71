"""One run of a runbook: ask before each step, run it, stop and offer the rollback on a failure.

The caller supplies the questions (a terminal prompt, or "yes" for `--yes`) and where
output goes, so the same loop serves the CLI and tests. Nothing runs unless `ask`
answered "run" for that step. The log row is updated after every step.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Protocol

from lorebook.config import Wiki
from lorebook.runbooks import log
from lorebook.runbooks.execute import run_command
from lorebook.runbooks.plan import Plan, Step


class Operator(Protocol):
    def ask_step(self, step: Step) -> str: ...  # "run" | "skip" | "quit"
    def ask_rollback(self, failed: Step, commands: list[str]) -> bool: ...
    def show_step(self, step: Step, total: int) -> None: ...
    def show_command(self, command: str) -> None: ...
    def output(self, text: str) -> None: ...
    def show_result(self, step: Step, result: dict) -> None: ...


@dataclass
class RunOutcome:
    run_id: int
    status: str  # completed | failed | quit
    steps: list[dict]
    rollback: list[dict]


def run_plan(wiki: Wiki, plan: Plan, op: Operator, incident: str | None = None, timeout: float | None = None,
             cwd: str | None = None, on_start: Callable[[int], None] = lambda run_id: None) -> RunOutcome:
    run_id = log.start_run(wiki, plan, incident)
    on_start(run_id)
    done: list[dict] = []
    rollback: list[dict] = []
    status = "completed"
    try:
        for step in plan.steps:
            op.show_step(step, len(plan.steps))
            answer = op.ask_step(step)
            entry = {"number": step.number, "title": step.title, "commands": step.commands}
            if answer == "quit":
                status = "quit"
                break
            if answer == "skip":
                done.append({**entry, "status": "skipped"})
                log.save_run(wiki, run_id, done, rollback, "running", False)
                continue
            if not step.commands:
                done.append({**entry, "status": "confirmed"})  # a manual step the operator says is done
                log.save_run(wiki, run_id, done, rollback, "running", False)
                continue
            results = []
            for cmd in step.commands:
                op.show_command(cmd)
                res = run_command(cmd, op.output, timeout=timeout, cwd=cwd).as_dict()
                results.append(res)
                if res["exit_code"] != 0:
                    break
            failed = results[-1]["exit_code"] != 0
            record = {**entry, "status": "failed" if failed else "ok", "exit_code": results[-1]["exit_code"],
                      "seconds": round(sum(r["seconds"] for r in results), 3), "results": results}
            done.append(record)
            op.show_result(step, record)
            log.save_run(wiki, run_id, done, rollback, "running", False)
            if failed:
                status = "failed"
                if plan.rollback and op.ask_rollback(step, plan.rollback):
                    for cmd in plan.rollback:
                        op.show_command(cmd)
                        res = run_command(cmd, op.output, timeout=timeout, cwd=cwd).as_dict()
                        rollback.append(res)
                        if res["exit_code"] != 0:
                            break
                break
    except KeyboardInterrupt:
        status = "quit"
        log.save_run(wiki, run_id, done, rollback, status, True)
        raise
    log.save_run(wiki, run_id, done, rollback, status, True)
    return RunOutcome(run_id=run_id, status=status, steps=done, rollback=rollback)
