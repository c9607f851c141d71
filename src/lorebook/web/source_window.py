"""A window of a source file's lines, read in bounded memory however large the file is.

The source view and /api/sources used to read the whole file and render every line: one GET of
a 50 MB source built 555 MB of HTML with 3.2 GB of server memory. Here the file is streamed: the
window's first line is found by counting newlines in 1 MB chunks, at most `max_lines` lines and
`max_bytes` bytes of text are kept (a single line longer than `LINE_CAP` is cut and marked), and
the total line count is counted on the way out. Callers link to the neighbouring windows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

CHUNK = 1 << 20
WINDOW_LINES = 2000  # lines per window of the source view and the API
WINDOW_BYTES = 256 * 1024  # bytes of source text per response (the HTML is a few times this)
LINE_CAP = 16 * 1024  # a longer line is shown cut, ending in CUT_MARK
CONTEXT = 20  # lines shown before a cited range
CUT_MARK = " … [line cut: too long to show]"


@dataclass
class Window:
    start: int  # first line in `lines` (1-based)
    lines: list[str] = field(default_factory=list)
    line_count: int = 0  # lines in the whole file
    cut_by_bytes: bool = False  # stopped early at WINDOW_BYTES

    @property
    def end(self) -> int:
        return self.start + len(self.lines) - 1


def window_around(a: int | None, b: int | None) -> int:
    """Where a window showing the cited lines a..b starts: at line 1 when the first window holds
    them with some lines after (so a file of up to WINDOW_LINES lines is shown whole), else just
    before them."""
    if not a or max(a, b or a) <= WINDOW_LINES - CONTEXT:
        return 1
    return max(1, a - CONTEXT)


def read_window(path: Path, start: int = 1, max_lines: int = WINDOW_LINES, max_bytes: int = WINDOW_BYTES) -> Window:
    """Lines start.. of `path` (CRLF read as LF; text decoded as UTF-8 with replacement)."""
    start = max(1, start)
    with open(path, "rb") as f:
        reached, pos = _seek_line(f, start)
        win = Window(start=reached)
        used = 0
        f.seek(pos)
        while len(win.lines) < max_lines and used < max_bytes:
            piece = f.readline(LINE_CAP)
            if not piece:
                break
            if not piece.endswith(b"\n") and len(piece) == LINE_CAP:
                while True:  # skip the rest of an over-long line without holding it
                    more = f.readline(CHUNK)
                    if not more or more.endswith(b"\n"):
                        break
                text = piece.decode("utf-8", "replace").rstrip("\ufffd") + CUT_MARK
            else:
                text = piece.decode("utf-8", "replace").rstrip("\n").removesuffix("\r")
            used += len(piece)
            win.lines.append(text)
        win.cut_by_bytes = used >= max_bytes
    win.line_count = count_lines(path)
    return win


def count_lines(path: Path) -> int:
    """Lines in the file as an editor counts them (a last line without a newline counts)."""
    newlines, last = 0, b"\n"
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            newlines += chunk.count(b"\n")
            last = chunk[-1:]
    return newlines + (0 if last == b"\n" else 1)


def _seek_line(f, line: int) -> tuple[int, int]:
    """(the line reached, its byte offset): `line`, or one past the last line if the file is shorter."""
    n, pos = 1, 0
    f.seek(0)
    while n < line:
        chunk = f.read(CHUNK)
        if not chunk:
            break
        k = chunk.count(b"\n")
        if n + k < line:
            n += k
            pos += len(chunk)
            continue
        idx = -1
        for _ in range(line - n):
            idx = chunk.index(b"\n", idx + 1)
        return line, pos + idx + 1
    return n, pos
