"""What a run follows: a runbook page's numbered steps, their commands and its rollback.

Read from the page's typed fields (the extractor's `steps` and `rollback_commands`),
so the run shows exactly what the wiki page shows, tied to the page's version.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lorebook.config import Wiki
from lorebook.query.pages import PageNotFound, resolve_page


class PlanError(Exception):
    """The runbook cannot be run as asked; the message says what to do."""


@dataclass(frozen=True)
class Step:
    number: int
    title: str
    text: str
    commands: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Plan:
    page_id: str
    title: str
    version: int
    content_hash: str
    steps: list[Step]
    rollback: list[str]


_PROMPT = re.compile(r"^\s*[$#>]\s+")


def shell_lines(command: str) -> str:
    """The script to run for a code block: when it is a transcript ("$ cmd" then output), only the
    "$ " lines, without the prompt; otherwise the block as written."""
    lines = command.split("\n")
    if any(ln.lstrip().startswith("$ ") for ln in lines):
        return "\n".join(ln.lstrip()[2:] for ln in lines if ln.lstrip().startswith("$ "))
    return command


def load_plan(wiki: Wiki, ref: str) -> Plan:
    """The plan of the runbook `ref` names (an id, a unique prefix, …)."""
    try:
        page = resolve_page(wiki, ref)
    except PageNotFound as e:
        raise PlanError(str(e)) from None
    if page["type"] != "runbook":
        raise PlanError(f"'{page['id']}' is a {page['type']} page, not a runbook; list runbooks with "
                        "`lorebook pages --type runbook`")
    fields = page.get("fields") or {}
    steps = []
    for i, s in enumerate(fields.get("steps") or [], 1):
        s = s or {}
        steps.append(Step(number=i, title=str(s.get("title") or "").strip() or f"Step {i}",
                          text=str(s.get("text") or ""), commands=[str(c) for c in s.get("commands") or [] if str(c).strip()]))
    if not steps:
        raise PlanError(f"runbook '{page['id']}' has no steps the compiler could read; see `lorebook show {page['id']}`")
    rollback = [str(c) for c in fields.get("rollback_commands") or [] if str(c).strip()]
    return Plan(page_id=page["id"], title=page["title"], version=int(page["version"]),
                content_hash=page["content_hash"], steps=steps, rollback=rollback)


def incident_id(wiki: Wiki, ref: str) -> str:
    """The incident page `ref` names, to link a run to it."""
    try:
        page = resolve_page(wiki, ref)
    except PageNotFound as e:
        raise PlanError(str(e)) from None
    if page["type"] != "incident":
        raise PlanError(f"--incident: '{page['id']}' is a {page['type']} page, not a postmortem")
    return page["id"]
