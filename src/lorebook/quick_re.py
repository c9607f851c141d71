"""A compiled pattern that first checks, cheaply, that the text holds a word every match needs.

Many of the extractors' patterns are alternations of phrases in several languages under re.I
("we decided to", "it was agreed to", "hemos elegido", "決定…"), searched over every block of every
source. The regex engine tries each branch at each position, so such a search costs far more than
scanning the text for the branches' words, and the words are absent from nearly all blocks.

`Quick(pattern)` reads, from the pattern's own parse tree, a literal that each top-level branch
cannot match without ("decided" or "agreed" for "we (have )?(decided|agreed) to …"). It lowercases the
text once and returns "no match" when no branch's literal is in it; otherwise it runs the pattern as it
is. A branch with no such literal turns the check off. The check only ever skips searches that cannot
match, so results are those of the pattern itself.

Where re.I and str.lower() could disagree: four non-ASCII characters match ASCII letters under re.I, or
lowercase to two characters (İ ı ſ and the KELVIN SIGN: _TWINS, checked against every code point in
tests/test_quick_re.py); text holding one of them always runs the pattern. Literals are read in two
ways: for ASCII text, a literal with a character no ASCII text can match makes its branch impossible;
for other text, only runs of ASCII and caseless characters (CJK, Hangul, kana: matched exactly even
under re.I) count, and a cased non-ASCII letter ("ü", "é") ends a run.
"""

from __future__ import annotations

import re
from re import _constants as C
from re import _parser as P

try:
    from _sre import unicode_iscased as _iscased
except ImportError:  # not CPython: every non-ASCII character counts as cased, which only weakens the check
    def _iscased(ch: int) -> bool:
        return True

_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", C.MAX_REPEAT))
_NO_ASCII_TWIN: dict[str, bool] = {}
# The non-ASCII characters that match an ASCII letter under re.I, or that str.lower() makes two characters.
_TWINS = re.compile("[\u0130\u0131\u017f\u212a]")


def _ascii_safe(ch: str) -> bool:
    """True when, even under re.I, `ch` matches no ASCII character (so a literal holding it never matches ASCII text)."""
    if ch not in _NO_ASCII_TWIN:
        p = re.compile(re.escape(ch), re.I)
        _NO_ASCII_TWIN[ch] = not any(p.fullmatch(chr(i)) for i in range(128))
    return _NO_ASCII_TWIN[ch]


# A requirement is a set of literals (lower case): a match holds at least one of them.
# IMPOSSIBLE: the branch holds a literal that no ASCII text can match, so on ASCII text the branch never matches.
IMPOSSIBLE: frozenset[str] = frozenset()


def _runs(seq, ascii_text: bool) -> list[frozenset[str]]:
    """Every requirement a match of this sequence meets (one per literal run, group, repeat or branch), in
    text that is ASCII (`ascii_text`) or holds no _TWINS."""
    out: list[frozenset[str]] = []
    cur: list[str] = []

    def close():
        if cur:
            out.extend(_literal(cur) if ascii_text else _caseless_pieces(cur))
            cur.clear()

    for op, av in seq:
        if op is C.LITERAL:
            cur.append(chr(av))
            continue
        close()
        if op is C.SUBPATTERN:
            out += _runs(av[-1], ascii_text)
        elif op in _REPEATS and av[0] >= 1:
            out += _runs(av[2], ascii_text)
        elif op is getattr(C, "ATOMIC_GROUP", None):
            out += _runs(av, ascii_text)
        elif op is C.BRANCH:
            best = [_best(_runs(alt, ascii_text)) for alt in av[1]]
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


def _caseless_pieces(chars: list[str]) -> list[frozenset[str]]:
    """The pieces of a literal run that lowercased text must hold: runs of ASCII and caseless characters."""
    pieces, cur = [], []
    for c in chars + ["\udfff"]:
        if c != "\udfff" and (c.isascii() or not _iscased(ord(c))):
            cur.append(c)
        elif cur:
            pieces.append(frozenset(["".join(cur).lower()]))
            cur = []
    return pieces


def _best(reqs: list[frozenset[str]]) -> frozenset[str] | None:
    """The most selective requirement: impossible first, then the one whose shortest literal is longest
    (a common word counting as one character)."""
    if not reqs:
        return None
    if IMPOSSIBLE in reqs:
        return IMPOSSIBLE
    return max(reqs, key=lambda r: min(1 if s.strip() in _COMMON else len(s) for s in r))


def requirements(pattern: re.Pattern, ascii_text: bool = True) -> list[frozenset[str]] | None:
    """One requirement per top-level branch of the pattern, or None when some branch has none; for ASCII
    text, or (`ascii_text` false) for text holding no _TWINS."""
    tree = P.parse(pattern.pattern, pattern.flags)
    items = list(tree)
    branches = items[0][1][1] if len(items) == 1 and items[0][0] is C.BRANCH else [items]
    out = []
    for b in branches:
        best = _best(_runs(b, ascii_text))
        if best is None or (best is not IMPOSSIBLE and any(len(s) == 0 for s in best)):
            return None
        out.append(best)
    return out


def top_branches(source: str) -> list[str]:
    """The pattern source split at its top-level "|" (outside groups, classes and escapes)."""
    parts, cur, depth, i, n = [], [], 0, 0, len(source)
    while i < n:
        c = source[i]
        if c == "\\":
            cur.append(source[i:i + 2])
            i += 2
            continue
        if c == "[":  # a class: "]" right after "[" or "[^" is a literal
            j = i + 1
            if j < n and source[j] == "^":
                j += 1
            if j < n and source[j] == "]":
                j += 1
            while j < n and source[j] != "]":
                j += 2 if source[j] == "\\" else 1
            cur.append(source[i:j + 1])
            i = j + 1
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append("".join(cur))
            cur = []
            i += 1
            continue
        cur.append(c)
        i += 1
    parts.append("".join(cur))
    return parts


def _tree_words(tree: list, ascii_text: bool) -> tuple[str, ...] | None:
    """Words one of which a match of this parsed branch holds; None when there is no such word."""
    best = _best(_runs(tree, ascii_text))
    if best is None or any(len(w) == 0 for w in best):
        return None
    return tuple(sorted(best, key=len, reverse=True))


def _words(reqs: list[frozenset[str]] | None) -> tuple[str, ...] | None:
    return None if reqs is None else tuple(sorted(set().union(*reqs), key=len, reverse=True))


def _stub_groups(branch: str, flags: int) -> str:
    """The groups of a branch that cannot match (names and numbers), empty: "" when it holds none."""
    p = re.compile(branch, flags)
    names = {v: k for k, v in p.groupindex.items()}
    return "".join(f"(?P<{names[i]}>)" if i in names else "()" for i in range(1, p.groups + 1))


def _subset(branches: list[str], mask: int, flags: int) -> str:
    """The branches in `mask`; each run of the others is one branch that fails at once and holds their groups.
    One stub a run, not one a dropped branch: the engine tries every top-level branch at every position, and
    nine stubs around one live branch made a search ~2.5x slower."""
    out, held = [], ""
    for k, b in enumerate(branches):
        if mask >> k & 1:
            if held:
                out.append("(?!)" + held)
                held = ""
            out.append(b)
        else:
            held += _stub_groups(b, flags)
    if held:
        out.append("(?!)" + held)
    return "|".join(out)


class Quick:
    """A re.Pattern that first looks for its branches' words in the text; any other attribute is the pattern's.

    Where no branch's word is in the text, it does not search. Where only some branches' words are, it
    searches with a copy of the pattern whose other branches are replaced by "(?!)" and their groups (groups,
    their names and numbers unchanged): a branch whose words are absent cannot match at any position, so
    at every position the engine finds what the whole pattern would, and leftmost-first order is kept."""

    __slots__ = ("pattern_", "_words", "_words_other", "_branches", "_ascii", "_other", "_subsets", "_read")

    def __init__(self, pattern: re.Pattern):
        self.pattern_ = pattern
        self._read = False  # the pattern is read on first use: importing a module costs nothing more

    def _read_pattern(self) -> None:
        """Read the pattern's words. Computed in locals and set together, `_read` last: a thread that reads the
        pattern at the same time computes the same values, and no reader sees them half set."""
        pattern = self.pattern_
        names, each_ascii, each_other = None, None, None
        branches = top_branches(pattern.pattern) if not pattern.flags & re.VERBOSE else [pattern.pattern]
        if len(branches) > 1 and "|".join(branches) == pattern.pattern:
            try:
                trees = [list(P.parse(b, pattern.flags)) for b in branches]
                each_ascii = [_tree_words(t, True) for t in trees]
                each_other = [_tree_words(t, False) for t in trees]
                names = branches
            except re.error:  # a branch that does not stand alone (a backreference to another): whole pattern only
                each_ascii = each_other = None
        if names is not None:  # a match is one branch's: the union of their words is needed
            words = None if None in each_ascii else tuple(sorted({w for ws in each_ascii for w in ws}, key=len, reverse=True))
            words_other = None if None in each_other else tuple(sorted({w for ws in each_other for w in ws}, key=len, reverse=True))
        else:
            words = _words(requirements(pattern))  # for ASCII text
            words_other = _words(requirements(pattern, ascii_text=False))  # for other text without _TWINS
        self._subsets = {}
        self._branches, self._ascii, self._other = names, each_ascii, each_other
        self._words, self._words_other = words, words_other
        self._read = True

    @property
    def words(self) -> tuple[str, ...] | None:
        """Words, one of which ASCII text holds wherever the pattern matches it (None: no such words)."""
        if not self._read:
            self._read_pattern()
        return self._words

    @property
    def words_other(self) -> tuple[str, ...] | None:
        """The same for other text (holding none of _TWINS)."""
        if not self._read:
            self._read_pattern()
        return self._words_other

    def pick(self, text: str) -> re.Pattern | None:
        """The pattern to search `text` with (the whole pattern or the branches that can match), or None when
        it cannot match anywhere in it."""
        if not self._read:
            self._read_pattern()
        if text.isascii():
            words, each = self._words, self._ascii
        else:
            if _TWINS.search(text):
                return self.pattern_
            words, each = self._words_other, self._other
        if words is None and each is None:
            return self.pattern_
        low = text.lower()  # once: the two checks below read the same lowercased text
        if words is not None:  # every branch has words: none of them in the text, no match
            for w in words:
                if w in low:
                    break
            else:
                return None
        if each is None:
            return self.pattern_
        mask = 0
        for k, ws in enumerate(each):
            if ws is None:
                mask |= 1 << k
                continue
            for w in ws:
                if w in low:
                    mask |= 1 << k
                    break
        if not mask:
            return None
        if mask == (1 << len(each)) - 1:
            return self.pattern_
        p = self._subsets.get(mask, False)
        if p is False:
            src = _subset(self._branches, mask, self.pattern_.flags)
            try:
                p = re.compile(src, self.pattern_.flags)
            except re.error:  # e.g. a global inline flag no longer first
                p = self.pattern_
            if len(self._subsets) < 512:
                self._subsets[mask] = p
        return p

    def cannot(self, text: str) -> bool:
        """True when the pattern cannot match anywhere in `text`."""
        return self.pick(text) is None

    def search(self, string, *a, **k):
        if a or k:
            return self.pattern_.search(string, *a, **k)
        p = self.pick(string)
        return p.search(string) if p is not None else None

    def match(self, string, *a, **k):
        if a or k:
            return self.pattern_.match(string, *a, **k)
        p = self.pick(string)
        return p.match(string) if p is not None else None

    def finditer(self, string, *a, **k):
        if a or k:
            return self.pattern_.finditer(string, *a, **k)
        p = self.pick(string)
        return p.finditer(string) if p is not None else iter(())

    def findall(self, string, *a, **k):
        if a or k:
            return self.pattern_.findall(string, *a, **k)
        p = self.pick(string)
        return p.findall(string) if p is not None else []

    def __getattr__(self, name):
        return getattr(self.pattern_, name)

    def __repr__(self) -> str:
        return f"Quick({self.pattern_!r})"
