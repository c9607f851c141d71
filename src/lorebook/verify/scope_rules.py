"""Rules on how far a word reaches (round 12): a negation written in another language, a frequency, a
step's place in its list, a time's own timeline row, the attributes that belong to one named thing.

Each catches a sentence whose words all appear in its lines (or, across scripts, whose facts all do)
but which ties one of them to the wrong thing or drops what the lines deny.
"""

from __future__ import annotations

import re

from lorebook.verify import facts as F
from lorebook.verify import lexicon as L
from lorebook.verify.claims import State
from lorebook.verify.words import FOREIGN_NEGATION, NEGATION, TOKEN, plain

# --- a negation written in another language: the quote denies, the sentence must too

# The ways an English sentence denies without "not": a word built on un-/non-/-less, zero, "instead".
_SOFT_NEGATION = re.compile(r"\b(?:un|non-?)[a-z]{4,}|\b[a-z]{3,}less\b|\bzero\b|\bnone\b", re.IGNORECASE)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def _denies(text: str) -> bool:
    t = plain(text)
    return bool(NEGATION.search(t) or FOREIGN_NEGATION.search(text) or _SOFT_NEGATION.search(t)
                or {w.lower() for w in TOKEN.findall(t)} & L.NEGATING_WORDS)


def rule_foreign_negation(st: State) -> list[str]:
    """A quote that denies in another language ("Сервер ничего не выбрасывал", "不再为 statix 本地编译")
    backs no sentence that denies nothing ("the server dropped frames"); and a sentence in the quote's own
    script may not copy the quote with its negation taken out ("根因是 …" from "根因不是 …")."""
    out = []
    for c in st.cited:
        quote = F.squash(c.citation.quote)
        neg = FOREIGN_NEGATION.search(quote)
        if not neg:
            continue
        if not _denies(st.text):
            out.append(f"the quote denies ({neg.group(0)!r}) but the sentence states no negation")
            continue
        said = F.squash(st.text)
        if quote in said:
            continue
        for m in FOREIGN_NEGATION.finditer(quote):
            if not _CJK.match(m.group(0)):
                continue
            left, right = quote[max(0, m.start() - 3) : m.start()], quote[m.end() : m.end() + 3]
            if len(left.strip()) >= 2 and len(right.strip()) >= 1 and left + right in said and left + m.group(0) not in said:
                out.append(f"the sentence copies the quote without its negation: {left + right!r} for {left + m.group(0) + right!r}")
                break
    return out


# --- how often: "weekly" is a fact like a time of day, not a neutral word

_PERIODS = {"hour": "hourly", "day": "daily", "night": "nightly", "week": "weekly", "fortnight": "fortnightly",
            "month": "monthly", "quarter": "quarterly", "year": "yearly", "minute": "minutely"}
_FREQUENCY = re.compile(
    r"\b(?:(hourly|daily|nightly|weekly|fortnightly|biweekly|monthly|quarterly|yearly|annually|annual)"
    r"|(?:every|each|per|once\s+a|twice\s+a|once\s+per|(?:a|one)\s+time\s+(?:a|per))\s+(hour|day|night|week|fortnight|month|quarter|year))\b",
    re.IGNORECASE)


def _frequencies(text: str) -> set[str]:
    out = set()
    for m in _FREQUENCY.finditer(text):
        w = (m.group(1) or _PERIODS[m.group(2).lower()]).lower()
        out.add({"annually": "yearly", "annual": "yearly"}.get(w, w))
    return out


def rule_frequency(st: State) -> list[str]:
    """'audited weekly' where the lines say 'audit monthly': how often something happens must be the lines' own."""
    said = _frequencies(F.clean(st.text))
    if not said:
        return []
    theirs = _frequencies(st.cited_text) | _frequencies(" ".join(c.context for c in st.cited))
    out = []
    for w in sorted(said - theirs):
        out.append(f"the sentence says {w!r} but the cited lines say {', '.join(sorted(theirs))!r}" if theirs
                   else f"the sentence says {w!r} but the cited lines say nothing of how often")
    return out
