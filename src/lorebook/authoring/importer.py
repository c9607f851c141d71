"""`lorebook import DIR`: bring in an existing decision log as it is.

Finds the ADR folder the way each tool does — adr-tools' `.adr-dir` (default
doc/adr), MADR's docs/decisions, log4brains' docs/adr — and copies its ADR
files unchanged into raw/<project>/<folder>/, so numbers, dates, statuses and
supersede links are read from the originals by the normal compiler.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

from lorebook.authoring.new import AuthoringError
from lorebook.pipeline import ingest
from lorebook.sources.reader import is_source_name

CANDIDATES = ("doc/adr", "docs/decisions", "docs/adr", "docs/architecture/decisions", "doc/architecture/decisions",
              "docs/architecture-decisions", "architecture-decision-record", "adr", "decisions")
_SKIP = re.compile(r"^(readme|index|template|adr-template|_)", re.I)


def find_adr_dir(root: Path) -> tuple[Path, str]:
    """(ADR folder, which layout found it)."""
    marker = root / ".adr-dir"
    if marker.is_file():
        d = (root / marker.read_text(encoding="utf-8").strip()).resolve()
        if not d.is_relative_to(root.resolve()) or not d.is_dir():
            raise AuthoringError(f"{marker} points at {d}, which is not a folder inside {root}; fix .adr-dir")
        return d, "adr-tools (.adr-dir)"
    for rel in CANDIDATES:
        d = root / rel
        if d.is_dir() and adr_files(d):
            layout = {"doc/adr": "adr-tools", "docs/decisions": "MADR", "docs/adr": "log4brains"}.get(rel, rel)
            return d, layout
    if adr_files(root):
        return root, "a folder of ADRs"
    raise AuthoringError(f"no decision log found in {root}: looked for .adr-dir, {', '.join(CANDIDATES[:3])}, "
                         "and numbered ADR files; pass the project folder or the ADR folder itself")


def adr_files(folder: Path) -> list[Path]:
    """Markdown files that look like ADRs (numbered or dated names; not README/index/template)."""
    out = []
    for f in sorted(folder.iterdir()):
        if f.is_file() and is_source_name(f.name) and not _SKIP.match(f.name) and re.match(r"^(?:adr[-_]?)?\d", f.name, re.I):
            out.append(f)
    return out


def import_log(wiki, directory: Path, **kw):
    """Copy the ADRs of `directory` into raw/ and compile. Returns (layout, files, RunReport)."""
    directory = Path(directory).expanduser()
    if not directory.is_dir():
        raise AuthoringError(f"{directory}: no such folder; pass the project folder holding the decision log")
    directory = directory.resolve()
    folder, layout = find_adr_dir(directory)
    found = adr_files(folder)
    project = re.sub(r"[^\w.-]+", "-", directory.name).strip("-.") or "imported"
    rel = folder.relative_to(directory) if folder != directory else Path()
    with tempfile.TemporaryDirectory(prefix="lorebook-import-") as tmp:
        stage = Path(tmp) / project
        (stage / rel).mkdir(parents=True)
        for f in found:
            shutil.copyfile(f, stage / rel / f.name)
        report = ingest(wiki, [stage], **kw)
    return layout, [f"raw/{project}/{(rel / f.name).as_posix()}" for f in found], report
