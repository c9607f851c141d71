"""Source files hold no control characters: a regex written as "\\b" inside a non-raw string once became a
backspace (U+0008) and silently stopped matching; nothing in our code needs such a character."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def test_no_control_characters_in_python_sources():
    bad = []
    for folder in ("src", "tests", "bench"):
        for path in (ROOT / folder).rglob("*.py"):
            for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
                if CONTROL.search(line):
                    bad.append(f"{path.relative_to(ROOT)}:{n}")
    assert not bad, "control characters (a \\b that became a backspace?) at " + ", ".join(bad)
