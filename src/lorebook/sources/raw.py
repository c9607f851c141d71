"""Walking raw/: which files are sources. Build, lint, status, check and authoring all use it."""

from __future__ import annotations

import os
from pathlib import Path

from lorebook.config import Wiki
from lorebook.sources.reader import is_source_name


def link_target(p: Path) -> str:
    """Where a symbolic link points, for a warning ("?" when it cannot be read)."""
    try:
        return os.readlink(p)
    except OSError:
        return "?"


def raw_files(wiki: Wiki) -> list[Path]:
    """Every source in raw/, sorted; symbolic links out of raw/ are left out (see scan_raw)."""
    return [Path(f) for _rel, f, _st in scan_raw(wiki)]


def scan_raw(wiki: Wiki, warnings: list[str] | None = None) -> list[tuple[str, str, os.stat_result]]:
    """(raw-relative path, file path, stat) of every source in raw/, sorted; one stat each, nothing read.

    A symbolic link in raw/ is compiled only when it leads to a file inside raw/; one leading
    out (or to a folder) is skipped, with a warning naming it when `warnings` is given."""
    out: list = []
    raw_real = os.path.realpath(wiki.raw_dir)

    def walk(d: str, prefix: str) -> None:
        with os.scandir(d) as it:
            for e in it:
                if e.name.startswith("."):
                    continue
                if e.is_dir(follow_symlinks=False):
                    walk(e.path, prefix + e.name + "/")
                elif is_source_name(e.name) or e.is_symlink():
                    if e.is_symlink():
                        target = os.path.realpath(e.path)
                        if not target.startswith(raw_real + os.sep) or not os.path.isfile(target):
                            if warnings is not None:
                                warnings.append(f"{prefix}{e.name}: skipped, a symbolic link to {link_target(Path(e.path))} "
                                                "outside raw/; copy the file into raw/ instead")
                            continue
                        if not is_source_name(e.name):
                            continue
                    try:
                        out.append((prefix + e.name, e.path, e.stat()))
                    except OSError:
                        pass

    if wiki.raw_dir.is_dir():
        walk(str(wiki.raw_dir), "raw/")
    out.sort(key=lambda e: e[0])
    return out


COPY_MARK = ".copying"  # a copy into raw/ in progress; `lorebook check` reports one left behind


def leftovers(wiki: Wiki) -> list[Path]:
    """Temporary files an interrupted run left: copies into raw/, cache writes (they can fill a disk)."""
    out = [f for f in wiki.raw_dir.rglob(f".*{COPY_MARK}") if f.is_file() and not f.is_symlink()] if wiki.raw_dir.is_dir() else []
    cache = wiki.state_dir / "cache"
    if cache.is_dir():
        out += [f for f in cache.rglob(".*.tmp") if f.is_file()]
    return sorted(out)


def remove_leftovers(wiki: Wiki) -> list[str]:
    """Delete `leftovers` (the caller holds the wiki's lock, so no run is writing them)."""
    gone = []
    for f in leftovers(wiki):
        try:
            size = f.stat().st_size
            f.unlink()
            gone.append(f"{wiki.rel(f)}: removed a temporary file left by an interrupted run ({size:,} bytes)")
        except OSError:
            pass
    return gone
