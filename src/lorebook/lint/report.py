"""Lint results as text for people, JSON for scripts, SARIF 2.1.0 for code-scanning UIs."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from lorebook.lint.findings import RULES, LintResult


def as_text(result: LintResult) -> str:
    lines = []
    for f in result.findings:
        where = f"{f.source or '-'}" + (f":{f.line}" if f.line else "")
        lines.append(f"{where}: {f.severity}: {f.message} [{f.rule}]")
    lines.append(f"{result.errors} error{'s' if result.errors != 1 else ''}, "
                 f"{result.warnings} warning{'s' if result.warnings != 1 else ''}"
                 f" ({len(result.rules_run)} rules checked)")
    return "\n".join(lines)


def as_json(result: LintResult) -> dict:
    return {"findings": [f.as_dict() for f in result.findings],
            "summary": {"errors": result.errors, "warnings": result.warnings}}


def _version() -> str:
    try:
        return version("lorebook")
    except PackageNotFoundError:  # pragma: no cover
        return "0"


def as_sarif(result: LintResult) -> dict:
    """One run, one rule descriptor per rule checked, one result per finding."""
    rule_ids = sorted(set(result.rules_run) | {f.rule for f in result.findings})
    index = {rid: i for i, rid in enumerate(rule_ids)}
    rules = [{"id": rid, "name": "".join(w.capitalize() for w in rid.split("-")),
              "shortDescription": {"text": RULES[rid].summary},
              "defaultConfiguration": {"level": RULES[rid].severity}} for rid in rule_ids]
    results = []
    for f in result.findings:
        res = {"ruleId": f.rule, "ruleIndex": index[f.rule], "level": f.severity, "message": {"text": f.message}}
        if f.source:
            loc = {"physicalLocation": {"artifactLocation": {"uri": f.source, "uriBaseId": "WIKIROOT"}}}
            if f.line:
                loc["physicalLocation"]["region"] = {"startLine": f.line}
            if f.page:
                loc["logicalLocations"] = [{"name": f.page, "kind": "page"}]
            res["locations"] = [loc]
        results.append(res)
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "lorebook", "version": _version(), "informationUri": "https://pypi.org/project/lorebook/",
                                "rules": rules}},
            "originalUriBaseIds": {"WIKIROOT": {"description": {"text": "The wiki folder (where lorebook.toml is)."}}},
            "results": results,
        }],
    }
