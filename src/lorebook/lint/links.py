"""The links written in a wiki/ page, and where each one points, without touching the file system per link.

Scanning happens once per version of a file (lint/state.py stores the result); whether a
link's target exists is then answered from the files lint already knows.
"""

from __future__ import annotations

import posixpath
import re
from functools import lru_cache
from urllib.parse import unquote

_MD_LINK = re.compile(r"(?<!!)\[[^\]\\]*(?:\\.[^\]\\]*)*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_WIKILINK = re.compile(r"\[\[([^\]|#]+)(?:#[^\]|]*)?(?:\|[^\]]*)?\]\]")
_CODE = re.compile(r"`[^`]*`")
_EXTERNAL = re.compile(r"^[a-zA-Z][\w+.-]*:")
LINES = re.compile(r"^L(\d+)(?:-L(\d+))?$")


def scan(text: str):
    """(line number, target, "md" | "wiki") for each Markdown or [[wiki]] link outside code fences and front
    matter (a runbook's commands there hold shell tests such as `[[ "$X" == "B" ]]`, which are no links)."""
    fence = None
    front = text.startswith("---\n")
    for n, line in enumerate(text.split("\n"), 1):
        if front:
            front = n == 1 or line.rstrip() not in ("---", "...")
            continue
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


def links_of(root: str, src: str, text: str) -> list[dict]:
    """The links lint checks in file `src` (relative to the wiki root `root`), as lint_links rows (not yet judged).

    dest is relative to the root when inside it, else absolute; None for a [[wikilink]]
    (resolved by name at lint time). External URLs and anchors on the same page are left
    out. Pure string work: no file system call per link.
    """
    folder = posixpath.dirname(src)
    out = []
    for line, target, kind in scan(text):
        if kind == "wiki":
            dest, need = None, None
        elif _EXTERNAL.match(target) or target.startswith("#"):
            continue
        else:
            path_part, _, frag = target.partition("#")
            m = LINES.match(frag) if frag else None
            dest, need = _join(root, folder, path_part), (int(m.group(2) or m.group(1)) if m else None)
        out.append({"src": src, "line": line, "target": target, "kind": kind, "dest": dest, "need_line": need, "ok": False})
    return out


@lru_cache(maxsize=65536)
def _join(root: str, folder: str, path_part: str) -> str:
    """Where a link's path leads from a file in `folder`: computed once per folder and target file,
    however many line ranges of that file the pages cite."""
    joined = posixpath.normpath(posixpath.join(folder, unquote(path_part)))
    if joined == ".." or joined.startswith("../") or posixpath.isabs(joined):
        joined = posixpath.normpath(posixpath.join(root, joined))
    return joined


def line_count(data: bytes) -> int:
    """Lines as a #L12-L14 fragment is checked: newlines + 1."""
    return data.count(b"\n") + 1
