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
    """Temporary files an interrupted run left: copies into raw/, cache writes (they can fill a disk).

    The files `rglob(".*.copying")` in raw/ (not symbolic links) and `rglob(".*.tmp")` in the cache would
    find, found with one scandir per folder: every run calls this, and rglob matching each of a
    10,000-source wiki's 21,000 entries against a pattern cost 20 ms, half of it the matching."""
    out = _named(wiki.raw_dir, lambda n: len(n) > len(COPY_MARK) and n[0] == "." and n.endswith(COPY_MARK), links=False)
    out += _named(wiki.state_dir / "cache", lambda n: len(n) > 4 and n[0] == "." and n.endswith(".tmp"), links=True)
    return sorted(out)


def _named(folder: Path, keep, links: bool) -> list[Path]:
    """Files under `folder` whose name `keep` accepts; folders reached through symbolic links are not
    entered (as rglob). `links`: a symbolic link to a file counts."""
    out, todo = [], [str(folder)]
    while todo:
        try:
            with os.scandir(todo.pop()) as it:
                for e in it:
                    if e.is_dir(follow_symlinks=False):
                        todo.append(e.path)
                    elif keep(e.name) and e.is_file(follow_symlinks=links):
                        out.append(Path(e.path))
        except OSError:  # gone, not a folder, or not readable: as rglob, nothing from it
            continue
    return out


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
