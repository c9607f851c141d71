"""What a lint rule reports, and the registry every rule joins with @rule."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Callable

SEVERITIES = ("error", "warning")


@dataclass(frozen=True)
class Finding:
    """One problem, pointing at the source file and line a person should edit."""

    rule: str
    severity: str
    page: str | None
    source: str | None  # path relative to the wiki, e.g. "raw/notes.md" or "wiki/concepts/x.md"
    line: int | None
    message: str

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class Rule:
    id: str
    severity: str
    scope: str  # decision | runbook | incident | wiki
    summary: str
    check: Callable


RULES: dict[str, Rule] = {}


def rule(rule_id: str, severity: str, scope: str, summary: str):
    """Register a rule function `check(ctx) -> Iterable[tuple[page, source, line, message]]`."""

    def register(fn):
        RULES[rule_id] = Rule(rule_id, severity, scope, summary, fn)
        return fn

    return register


@dataclass
class LintResult:
    findings: list[Finding] = field(default_factory=list)
    rules_run: list[str] = field(default_factory=list)
    checked: dict = field(default_factory=dict)  # what the run had to read again (lint/state.py)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity == "warning")

    def per_rule(self) -> Counter:
        return Counter(f.rule for f in self.findings)
