"""Chat transcripts: a pasted Slack, IRC or Teams log becomes one list item per message.

Teams drop chat exports in as they are: lines such as "[09:02] alice: paged",
"**09:04 bob:** looking", "09:05 <carol> on it", "[2026-10-14 09:06] dave: ok" or
Slack's copy shape, a "alice  9:02 AM" line with the message below it. Markdown
reads a run of them as one paragraph, so the readers downstream would see a single
block. Here each message becomes an item of one list, with its own line span and its
text normalised to "09:02 alice: paged" (markup and brackets around the stamp and
name removed), so the timeline, labelled parts ("action item: …") and the sentence
index see messages. Only runs that look like a conversation are touched: at least
three messages from at least two people.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DATE = r"\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}"
_HALF_DAY = {"오전": "AM", "오후": "PM", "午前": "AM", "午後": "PM", "上午": "AM", "下午": "PM"}  # KakaoTalk, LINE, WeChat
_CLOCK = (r"(?:(?:오전|오후|午前|午後|上午|下午)\s*)?\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:\s*[AaPp]\.?[Mm]\.?)?"
          r"(?:\s*(?:Z|UTC|[+-]\d{2}:?\d{2}))?")
_STAMP = rf"(?:(?:{_DATE})[ T,]+)?{_CLOCK}"
_NAME = r"@?[\w][\w.'’-]{0,30}(?: [\w][\w.'’-]{0,30}){0,2}"

# "[09:02] alice: msg", "09:02 alice: msg", "[09:02] <alice> msg", "09:02 - alice: msg"
_STAMP_FIRST = re.compile(
    rf"^\s*\[?(?P<stamp>{_STAMP})\]?\s*(?:[-–—|]\s*)?(?:<(?P<nick>[^>\s]{{1,32}})>|(?P<name>{_NAME})\s*[:：])\s*(?P<msg>.*)$"
)
# "alice [09:02]: msg", "alice (09:02): msg", "<alice> [09:02] msg"
_NAME_FIRST = re.compile(
    rf"^\s*<?(?P<name>{_NAME})>?\s*[\[(](?P<stamp>{_STAMP})[\])]\s*[:：]?\s*(?P<msg>.*)$"
)
# KakaoTalk's export: "[홍길동] [오후 2:14] 메시지".
_BOTH_BRACKETED = re.compile(rf"^\s*\[(?P<name>{_NAME})\]\s*\[(?P<stamp>{_STAMP})\]\s*(?P<msg>.*)$")
# Slack's copy shape: "alice  9:02 AM" (or "alice [9:02 AM]") alone on its line, the message below.
_HEADER = re.compile(rf"^\s*(?P<name>{_NAME})\s*(?:\s{{2,}}|\s*[\[(])(?P<stamp>{_STAMP})[\])]?\s*$")
_MARKUP = re.compile(r"\*\*|__")


@dataclass
class Message:
    """One message: the stamp and speaker as written, its text, and its lines (0-based, inclusive)."""

    stamp: str
    speaker: str
    text: str
    first: int
    last: int

    def line(self) -> str:
        return f"{self.stamp} {self.speaker}: {self.text}".rstrip()


def body(text: str, speaker: str) -> str:
    """A message item's words without its "09:02 alice: " opening (the text itself when it has none)."""
    _, sep, rest = text.partition(f" {speaker}: ") if speaker else ("", "", "")
    return rest if sep else text


def _stamp(raw: str) -> str:
    """The stamp as the timeline reads it: "오후 2:14" is "2:14 PM"."""
    t = raw.strip()
    for word, half in _HALF_DAY.items():
        if t.startswith(word) or f" {word}" in t:
            return re.sub(rf"{word}\s*(\d{{1,2}}:\d{{2}}(?::\d{{2}})?)", rf"\1 {half}", t)
    return t


def _head(line: str) -> tuple[str, str, str] | None:
    """(stamp, speaker, message) when the line opens a chat message."""
    t = _MARKUP.sub("", line)
    for rx in (_BOTH_BRACKETED, _STAMP_FIRST, _NAME_FIRST):
        m = rx.match(t)
        if m:
            name = (m.groupdict().get("nick") or m.group("name") or "").strip()
            return _stamp(m.group("stamp")), name.lstrip("@"), m.group("msg").strip()
    return None


def messages(lines: list[str]) -> list[Message] | None:
    """The messages of a run of lines, or None when the lines are not a chat transcript.

    Every line must belong to a message: a message head, a Slack header line with the
    message below it, or a continuation line after either.
    """
    out: list[Message] = []
    header: tuple[str, str, int] | None = None
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        h = _head(line)
        if h is not None:
            header = None
            out.append(Message(h[0], h[1], h[2], i, i))
            continue
        s = _HEADER.match(_MARKUP.sub("", line))
        if s:
            header = (_stamp(s.group("stamp")), s.group("name").strip().lstrip("@"), i)
            continue
        if header is not None:
            out.append(Message(header[0], header[1], line.strip(), header[2], i))
            header = None
        elif out:
            prev = out[-1]
            prev.text = f"{prev.text}\n{line.strip()}" if prev.text else line.strip()
            prev.last = i
        else:
            return None
    return out or None


def is_conversation(found: list[Message]) -> bool:
    """Three messages or more, from two people or more: a conversation, not a timeline of events."""
    return len(found) >= 3 and len({m.speaker.lower() for m in found}) >= 2
