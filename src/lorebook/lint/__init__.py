"""lint: a health check of the wiki — template conformance, lifecycle, rot.

One rule per function (see rules_*.py), each registered with an id, a default
severity and a message that says how to fix what it found. `run_lint` applies
the wiki's `[lint.rules]` settings; `report` renders text, JSON or SARIF.
"""

from lorebook.lint.findings import RULES, Finding, LintResult  # noqa: F401
from lorebook.lint.runner import run_lint  # noqa: F401
