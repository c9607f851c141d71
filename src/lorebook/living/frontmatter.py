"""Read and set a page's YAML front matter without touching its body.

Setting keys edits only their own lines, so a page with thousands of links in
its front matter (the overview) is patched in microseconds, and a person's
formatting of the other keys stays as they wrote it.
"""

from __future__ import annotations

import re

import yaml


def _bounds(text: str) -> int:
    """Index of the closing '---' line of the front matter, or -1 when there is none."""
    if not text.startswith("---\n"):
        return -1
    return text.find("\n---\n", 3)


def split(text: str) -> tuple[dict, str]:
    """(front matter, body). A page without valid front matter has {}."""
    end = _bounds(text)
    if end < 0:
        return {}, text
    try:
        fm = yaml.load(text[4:end + 1], Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
    except yaml.YAMLError:
        return {}, text
    return (fm if isinstance(fm, dict) else {}), text[end + 5:]


def set_meta(text: str, **values) -> str:
    """`text` with these top-level keys set (added at the end if missing); everything else byte for byte."""
    end = _bounds(text)
    if end < 0:
        return text
    fm = text[4:end + 1]  # the front matter's lines, each ending in "\n"
    for key, value in values.items():
        new = yaml.safe_dump({key: value}, allow_unicode=True, width=1000, sort_keys=False).rstrip("\n") + "\n"
        m = re.compile(rf"^{re.escape(key)}:", re.M).search(fm)  # not split into lines: the overview's are 20,000
        if m is None:
            fm += new
            continue
        j = fm.find("\n", m.start()) + 1 or len(fm)
        while j < len(fm) and fm[j] in " \t":  # the old value's continuation lines
            j = fm.find("\n", j) + 1 or len(fm)
        fm = fm[:m.start()] + new + fm[j:]
    return "---\n" + fm + text[end + 1:]


_REVIEWED = re.compile(r"^reviewed:\s*(?:true|True|TRUE|yes)\s*$", re.M)


def is_reviewed(text: str | None) -> bool:
    """`reviewed: true` in the front matter freezes a page against recompiles."""
    if not text:
        return False
    end = _bounds(text)
    return end >= 0 and bool(_REVIEWED.search(text, 4, end + 1))
