"""Walking raw/: which files are sources. Build, lint, status, check and authoring all use it."""

from __future__ import annotations

import os
from pathlib import Path

from lorebook.config import Wiki
from lorebook.sources.reader import is_source_name


def is_hidden(f: Path, base: Path) -> bool:
    """True for a file under a dot-folder (or itself a dot-file) below `base`: .git, .obsidian, editors' temp files."""
    return any(part.startswith(".") for part in f.relative_to(base).parts)


def raw_files(wiki: Wiki) -> list[Path]:
    """Every source file in raw/, sorted (what a build compiles)."""
    return sorted(
        f for f in wiki.raw_dir.rglob("*") if f.is_file() and is_source_name(f.name) and not is_hidden(f, wiki.raw_dir)
    )


def scan_raw(wiki: Wiki) -> list[tuple[str, str, os.stat_result]]:
    """(raw-relative path, file path, stat) of every source in raw/, sorted; one stat each, nothing read."""
    out: list = []

    def walk(d: str, prefix: str) -> None:
        with os.scandir(d) as it:
            for e in it:
                if e.name.startswith("."):
                    continue
                if e.is_dir(follow_symlinks=False):
                    walk(e.path, prefix + e.name + "/")
                elif is_source_name(e.name):
                    try:
                        out.append((prefix + e.name, e.path, e.stat()))
                    except OSError:
                        pass

    if wiki.raw_dir.is_dir():
        walk(str(wiki.raw_dir), "raw/")
    out.sort(key=lambda e: e[0])
    return out
