"""The links written in a wiki/ page, and where each one points, without touching the file system per link.

Scanning happens once per version of a file (lint/state.py stores the result); whether a
link's target exists is then answered from the files lint already knows.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote

_MD_LINK = re.compile(r"(?<!!)\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_WIKILINK = re.compile(r"\[\[([^\]|#]+)(?:#[^\]|]*)?(?:\|[^\]]*)?\]\]")
_CODE = re.compile(r"`[^`]*`")
_EXTERNAL = re.compile(r"^[a-zA-Z][\w+.-]*:")
LINES = re.compile(r"^L(\d+)(?:-L(\d+))?$")


def scan(text: str):
    """(line number, target, "md" | "wiki") for each Markdown or [[wiki]] link outside code fences."""
    fence = None
    for n, line in enumerate(text.split("\n"), 1):
        s = line.lstrip()
        if s.startswith(("```", "~~~")):
            fence = None if fence and s.startswith(fence) else (fence or s[:3])
            continue
        if fence or ("[" not in line):
            continue
        line = _CODE.sub("", line)
        for m in _MD_LINK.finditer(line):
            yield n, m.group(1), "md"
        for m in _WIKILINK.finditer(line):
            yield n, m.group(1).strip(), "wiki"


def resolve(root: str, src: str, target: str, kind: str) -> tuple[str | None, int | None] | None:
    """(dest, last line asked for) of a link in file `src` (relative to the wiki root `root`).

    dest is relative to the root when inside it, else absolute; None for a [[wikilink]]
    (resolved by name at lint time). Returns None for links lint does not check: external
    URLs and anchors on the same page. Pure string work: no file system call per link.
    """
    if kind == "wiki":
        return None, None
    if _EXTERNAL.match(target) or target.startswith("#"):
        return None
    path_part, _, frag = target.partition("#")
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(src), unquote(path_part)))
    if joined == ".." or joined.startswith("../") or posixpath.isabs(joined):
        joined = posixpath.normpath(posixpath.join(root, joined))
    m = LINES.match(frag) if frag else None
    return joined, (int(m.group(2) or m.group(1)) if m else None)


def line_count(data: bytes) -> int:
    """Lines as a #L12-L14 fragment is checked: newlines + 1."""
    return data.count(b"\n") + 1
