"""A compiled pattern that first checks, cheaply, that the text holds a word every match needs.

Many of the extractors' patterns are alternations of phrases in several languages under re.I
("we decided to", "it was agreed to", "hemos elegido", "決定…"), searched over every block of every
source. The regex engine tries each branch at each position, so such a search costs far more than
scanning the text for the branches' words, and the words are absent from nearly all blocks.

`Quick(pattern)` reads, from the pattern's own parse tree, a literal that each top-level branch
cannot match without ("decided" or "agreed" for "we (have )?(decided|agreed) to …"). On ASCII text
it lowercases the text once and returns "no match" when no branch's literal is in it; otherwise,
and on any non-ASCII text, it runs the pattern as it is. A branch with no such literal turns the
check off. The check only ever skips searches that cannot match, so results are those of the
pattern itself.

Why ASCII only: under re.I a few non-ASCII characters match ASCII letters (KELVIN SIGN matches "k",
LONG S "s") while str.lower() leaves them alone; on ASCII text, re.I and str.lower() agree.
"""

from __future__ import annotations

import re
from re import _constants as C
from re import _parser as P

_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", C.MAX_REPEAT))
_NO_ASCII_TWIN: dict[str, bool] = {}


def _ascii_safe(ch: str) -> bool:
    """True when, even under re.I, `ch` matches no ASCII character (so a literal holding it never matches ASCII text)."""
    if ch not in _NO_ASCII_TWIN:
        p = re.compile(re.escape(ch), re.I)
        _NO_ASCII_TWIN[ch] = not any(p.fullmatch(chr(i)) for i in range(128))
    return _NO_ASCII_TWIN[ch]


# A requirement is a set of literals (lower case): a match holds at least one of them.
# IMPOSSIBLE: the branch holds a literal that no ASCII text can match, so on ASCII text the branch never matches.
IMPOSSIBLE: frozenset[str] = frozenset()


def _runs(seq) -> list[frozenset[str]]:
    """Every requirement a match of this sequence meets (one per literal run, group, repeat or branch)."""
    out: list[frozenset[str]] = []
    cur: list[str] = []

    def close():
        if cur:
            out.extend(_literal(cur))
            cur.clear()

    for op, av in seq:
        if op is C.LITERAL:
            cur.append(chr(av))
            continue
        close()
        if op is C.SUBPATTERN:
            out += _runs(av[-1])
        elif op in _REPEATS and av[0] >= 1:
            out += _runs(av[2])
        elif op is getattr(C, "ATOMIC_GROUP", None):
            out += _runs(av)
        elif op is C.BRANCH:
            best = [_best(_runs(alt)) for alt in av[1]]
            if all(b is not None for b in best):
                out.append(frozenset().union(*best))
        # IN, ANY, AT, ASSERT, GROUPREF…: nothing a match must hold
    close()
    return out


def _literal(chars: list[str]) -> list[frozenset[str]]:
    """The requirement(s) of a run of literal characters."""
    if all(c.isascii() for c in chars):
        return [frozenset(["".join(chars).lower()])]
    if any(not c.isascii() and _ascii_safe(c) for c in chars):
        return [IMPOSSIBLE]
    # non-ASCII characters that re.I lets match ASCII letters: keep only the plain ASCII pieces
    pieces, cur = [], []
    for c in chars + ["\udfff"]:
        if c.isascii():
            cur.append(c)
        elif cur:
            pieces.append(frozenset(["".join(cur).lower()]))
            cur = []
    return pieces


# Words nearly every English block holds: a requirement made of one of them rules out almost nothing.
_COMMON = frozenset("a an and as at be by for in is it of on or the to was we".split())


def _best(reqs: list[frozenset[str]]) -> frozenset[str] | None:
    """The most selective requirement: impossible first, then the one whose shortest literal is longest
    (a common word counting as one character)."""
    if not reqs:
        return None
    if IMPOSSIBLE in reqs:
        return IMPOSSIBLE
    return max(reqs, key=lambda r: min(1 if s.strip() in _COMMON else len(s) for s in r))


def requirements(pattern: re.Pattern) -> list[frozenset[str]] | None:
    """One requirement per top-level branch of the pattern, or None when some branch has none."""
    tree = P.parse(pattern.pattern, pattern.flags)
    items = list(tree)
    branches = items[0][1][1] if len(items) == 1 and items[0][0] is C.BRANCH else [items]
    out = []
    for b in branches:
        best = _best(_runs(b))
        if best is None or (best is not IMPOSSIBLE and any(len(s) == 0 for s in best)):
            return None
        out.append(best)
    return out


class Quick:
    """A re.Pattern with a literal pre-check on ASCII text; any other attribute is the pattern's."""

    __slots__ = ("pattern_", "words")

    def __init__(self, pattern: re.Pattern):
        self.pattern_ = pattern
        reqs = requirements(pattern)
        self.words = None if reqs is None else tuple(sorted(set().union(*reqs), key=len, reverse=True))

    def cannot(self, text: str) -> bool:
        """True when the pattern cannot match anywhere in `text`."""
        if self.words is None or not text.isascii():
            return False
        low = text.lower()
        for w in self.words:
            if w in low:
                return False
        return True

    def search(self, string, *a, **k):
        if not a and not k and self.cannot(string):
            return None
        return self.pattern_.search(string, *a, **k)

    def match(self, string, *a, **k):
        if not a and not k and self.cannot(string):
            return None
        return self.pattern_.match(string, *a, **k)

    def finditer(self, string, *a, **k):
        if not a and not k and self.cannot(string):
            return iter(())
        return self.pattern_.finditer(string, *a, **k)

    def findall(self, string, *a, **k):
        if not a and not k and self.cannot(string):
            return []
        return self.pattern_.findall(string, *a, **k)

    def __getattr__(self, name):
        return getattr(self.pattern_, name)

    def __repr__(self) -> str:
        return f"Quick({self.pattern_!r})"
