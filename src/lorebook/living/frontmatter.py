"""Read and set a page's YAML front matter without touching its body."""

from __future__ import annotations

import yaml


def split(text: str) -> tuple[dict, str]:
    """(front matter, body). A page without valid front matter has {}."""
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---\n", 4)
    if end < 0:
        return {}, text
    try:
        fm = yaml.safe_load(text[4:end + 1]) or {}
    except yaml.YAMLError:
        return {}, text
    return (fm if isinstance(fm, dict) else {}), text[end + 5:]


def set_meta(text: str, **values) -> str:
    """`text` with these front matter keys set (added if missing); the body stays byte for byte."""
    fm, body = split(text)
    if not fm and not text.startswith("---\n"):
        return text
    fm.update(values)
    dumped = yaml.safe_dump(fm, sort_keys=False, allow_unicode=True, width=1000)
    return f"---\n{dumped}---\n{body}"


def is_reviewed(text: str | None) -> bool:
    """`reviewed: true` in the front matter freezes a page against recompiles."""
    return bool(text) and split(text)[0].get("reviewed") is True
