"""Run the rules a wiki has switched on, at the severities it chose."""

from __future__ import annotations

import datetime as dt

from lorebook.config import Wiki
from lorebook.lint import rules_contradiction, rules_decision, rules_incident, rules_runbook, rules_wiki  # noqa: F401
from lorebook.lint.findings import RULES, SEVERITIES, Finding, LintResult


class LintConfigError(Exception):
    """A bad [lint] setting or an unknown --rule; the message says what to do."""


def rule_levels(wiki: Wiki) -> dict[str, str]:
    """rule id -> "error" | "warning" | "off", after the wiki's [lint.rules] overrides."""
    levels = {rid: r.severity for rid, r in RULES.items()}
    overrides = (wiki.settings.get("lint", {}) or {}).get("rules", {}) or {}
    for rid, level in overrides.items():
        if rid not in RULES:
            raise LintConfigError(f"lorebook.toml [lint.rules] names unknown rule {rid!r}; known rules: {', '.join(sorted(RULES))}")
        if level not in (*SEVERITIES, "off"):
            raise LintConfigError(f"lorebook.toml [lint.rules] {rid} = {level!r}; use \"off\", \"warning\" or \"error\"")
        levels[rid] = level
    return levels


def run_lint(wiki: Wiki, only: list[str] | None = None, today: dt.date | None = None, full: bool = False) -> LintResult:
    """Every enabled rule (or just `only`) over the wiki; findings sorted by file and line.

    Files unchanged since the last lint are not read again (lint/state.py); full=True
    forgets what earlier lints stored and reads everything.
    """
    from lorebook.lint.state import DOC_WIDE_RULES, WIDE_RULES, gather, remember

    levels = rule_levels(wiki)
    for rid in only or []:
        if rid not in RULES:
            raise LintConfigError(f"unknown rule {rid!r}; known rules: {', '.join(sorted(RULES))}")
    chosen = [rid for rid in RULES if (not only or rid in only) and levels[rid] != "off"]
    ctx = gather(wiki, today or dt.date.today(), full=full)
    result = LintResult(rules_run=chosen)
    local = {}
    for rid, page, source, line, message in ctx.local:
        local.setdefault(rid, []).append((page, source, line, message))
    # Duplicate numbers, successors and contradictions read only the sources' shared facts:
    # computed (all three) when one changed, else taken from the last run.
    wide = ctx.memo["docs_wide"]
    if wide is None:
        wide = {rid: [list(f) for f in RULES[rid].check(ctx)] for rid in DOC_WIDE_RULES}
        remember(wiki, "docs_wide", wide)
    for rid in chosen:
        if rid in DOC_WIDE_RULES:
            found = [tuple(f) for f in wide[rid]]
        else:
            found = RULES[rid].check(ctx) if rid in WIDE_RULES else local.get(rid, [])
        for page, source, line, message in found:
            result.findings.append(Finding(rid, levels[rid], page, source, line, message))
    result.findings.sort(key=lambda f: (f.source or "", f.line or 0, f.rule))
    result.checked = ctx.checked
    return result


def log_entry(result: LintResult, only: list[str] | None) -> str:
    stamp = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    label = ", ".join(only) if only else "all rules"
    lines = [f"## [{stamp}] lint | {label}", "",
             f"- findings: {result.errors} errors, {result.warnings} warnings"]
    for rid, n in sorted(result.per_rule().items()):
        lines.append(f"- {rid}: {n}")
    return "\n".join(lines)
