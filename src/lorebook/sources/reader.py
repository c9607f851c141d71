"""Read raw files into Sources: decode, normalise line endings, hash.

Bad input is reported as a `SourceError` with a one-line reason; callers decide
whether to skip the file (binary, non-UTF-8) or stop.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from lorebook import os_errors
from lorebook.model import Source

SOURCE_SUFFIXES = (".md", ".markdown", ".qmd", ".txt")
# Files larger than this are read in a bounded way: only the first part is compiled.
MAX_COMPILE_BYTES = 2 * 1024 * 1024


class SourceError(Exception):
    """A raw file that cannot be compiled; the message says why and what to do."""


def is_source_name(name: str) -> bool:
    """True for .md/.markdown/.qmd/.txt, including multi-suffix names like x.html.md."""
    lower = name.lower()
    return not lower.startswith(".") and lower.endswith(SOURCE_SUFFIXES)


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def read_source(path: Path, rel: str) -> Source:
    """Read `path` (stored in the wiki as `rel`, e.g. "raw/notes.md") into a Source.

    Memory stays bounded for huge files: the hash streams over the whole file, but
    only the first MAX_COMPILE_BYTES are decoded and compiled.
    """
    try:
        return _read(path, rel)
    except OSError as e:  # unreadable now (permissions, a vanished file, an I/O error): skip it, say why
        raise SourceError(os_errors.describe(e, rel)) from None


def _read(path: Path, rel: str) -> Source:
    size = path.stat().st_size
    if size == 0:
        raise SourceError(f"{rel}: file is empty; add some notes to it or remove it")
    with path.open("rb") as f:
        data = f.read(MAX_COMPILE_BYTES + 1)
    if len(data) <= MAX_COMPILE_BYTES:  # the whole file (nearly every one): hashed as read, not read twice
        digest = hashlib.sha256(data).hexdigest()
    else:
        data = data[:MAX_COMPILE_BYTES]
        digest = sha256_file(path)  # the hash streams over the whole file
    if b"\x00" in data[:8192]:
        raise SourceError(f"{rel}: looks binary (contains NUL bytes); only Markdown or text files can be ingested")
    if size > MAX_COMPILE_BYTES:
        # Cut at the last newline so no line is split.
        cut = data.rfind(b"\n")
        data = data[: cut + 1] if cut > 0 else data
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        if size > MAX_COMPILE_BYTES and e.start >= len(data) - 4:
            text = data[: e.start].decode("utf-8")
        else:
            raise SourceError(
                f"{rel}: not valid UTF-8 (byte {e.start}); convert it with `iconv -t UTF-8` and ingest again"
            ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise SourceError(f"{rel}: file has only whitespace; add some notes to it or remove it")
    line_count = text.count("\n") + (0 if text.endswith("\n") else 1)
    cut = ""
    if size > MAX_COMPILE_BYTES:
        cut = (f"{rel}: {size:,} bytes; only lines 1–{line_count:,} (the first {len(data):,} bytes) were compiled, "
               f"to keep memory bounded; split the file to compile the rest")
    return Source(path=rel, text=text, sha256=digest, line_count=line_count, cut=cut)


def source_from_text(rel: str, text: str) -> Source:
    """A Source from text already in memory (tests, templates)."""
    data = text.encode("utf-8")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    line_count = text.count("\n") + (0 if text.endswith("\n") else 1)
    return Source(path=rel, text=text, sha256=hashlib.sha256(data).hexdigest(), line_count=line_count)


def read_source_or_none(path: Path, rel: str) -> Source | None:
    """read_source, or None for a file that cannot be read (the search index skips it)."""
    try:
        return read_source(path, rel)
    except SourceError:
        return None
