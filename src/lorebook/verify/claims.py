"""What a claim is (a sentence and the lines it cites), how its cited files are read, and the state every rule sees."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from lorebook.verify import facts as F
from lorebook.verify.across import Passage


@dataclass
class Verdict:
    accepted: bool
    reasons: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"accepted": self.accepted, "reasons": list(self.reasons)}


class ClaimError(ValueError):
    """A claim that is not in the expected shape; the message says what is wrong."""


@dataclass
class Citation:
    source: str
    start_line: int
    end_line: int
    quote: str


@dataclass
class Cited:
    """One citation resolved to its lines, with the sentences of those lines that hold the quote."""

    citation: Citation
    text: str  # the cited lines, whitespace-squashed
    lines: list[str]
    evidence: str = ""  # the source sentences the quote sits in
    context: str = ""  # the document's title, file name and the headings above the lines: what they are about
    file_lines: list[str] = field(default_factory=list)  # the whole file, for the list the lines are items of


@dataclass
class State:
    text: str
    cited: list[Cited]
    sentence: F.Facts
    source: F.Facts
    cited_text: str
    evidence_text: str  # the source sentences holding the quotes: where a sentence's facts must be
    across: Passage | None = None  # the cited lines, when the sentence is English and they are in another language

    @property
    def cited_lines(self) -> str:
        """The cited lines as written, line breaks kept (`cited_text` is squashed): where their parts and order are."""
        return "\n".join(line for c in self.cited for line in c.lines)


class Sources:
    """Reads files under a wiki's raw/ once per run; a citation cannot reach outside raw/."""

    def __init__(self, root: Path):
        self.root = Path(root).resolve()
        self.raw = (self.root / "raw").resolve()
        self._lines: dict[str, list[str] | str] = {}

    def lines(self, source: str) -> list[str]:
        """The file's lines (1-based line N is index N-1); raises ClaimError when it cannot be cited."""
        if source not in self._lines:
            self._lines[source] = self._load(source)
        got = self._lines[source]
        if isinstance(got, str):
            raise ClaimError(got)
        return got

    def _load(self, source: str) -> list[str] | str:
        if "\\" in source or source.startswith("/") or not source.startswith("raw/"):
            return f"source {source!r} is not a path inside raw/ (write it as raw/…)"
        path = (self.root / source).resolve()
        if path != self.raw and self.raw not in path.parents:
            return f"source {source!r} points outside raw/"
        if not path.is_file():
            return f"source {source!r} does not exist in the wiki's raw/"
        try:
            data = path.read_bytes()
        except OSError as e:
            return f"source {source!r} cannot be read ({e.strerror})"
        return data.decode("utf-8", errors="replace").replace("\r\n", "\n").replace("\r", "\n").split("\n")


def parse_claim(obj) -> tuple[str, list[Citation]]:
    """The claim's text and citations, or ClaimError saying what is missing."""
    if not isinstance(obj, dict):
        raise ClaimError("a claim must be a JSON object with \"text\" and \"citations\"")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ClaimError("\"text\" must be a non-empty string")
    cits = obj.get("citations")
    if not isinstance(cits, list) or not cits:
        raise ClaimError("\"citations\" must be a non-empty list; every sentence needs a source")
    out = []
    for i, c in enumerate(cits, 1):
        if not isinstance(c, dict):
            raise ClaimError(f"citation {i} must be an object with source, start_line, end_line, quote")
        src, a, b, q = c.get("source"), c.get("start_line"), c.get("end_line"), c.get("quote")
        if not isinstance(src, str) or not src:
            raise ClaimError(f"citation {i}: \"source\" must be a path like raw/notes.md")
        if isinstance(a, bool) or isinstance(b, bool) or not isinstance(a, int) or not isinstance(b, int):
            raise ClaimError(f"citation {i}: \"start_line\" and \"end_line\" must be whole numbers")
        if a < 1 or b < a:
            raise ClaimError(f"citation {i}: lines {a}-{b} are not a range (start ≥ 1, end ≥ start)")
        if not isinstance(q, str) or not re.search(r"[^\W_]{3,}|\d", q):
            raise ClaimError(f"citation {i}: \"quote\" must be the verbatim source words the sentence rests on")
        out.append(Citation(src, a, b, q))
    return text, out
