"""Citations that survive source edits: find a cited quote again in a changed source.

Each span row stores the normalised text it cited (quote) and its hash. When the
source changes we look for that text again: first exactly at the old lines, then
exactly anywhere (nearest to the old place wins), then fuzzily (difflib ratio over
windows of the same size). Found: the range moves. Not found: the support is gone,
and every citation of it is stale.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from lorebook.utilities import normalise_quote

FUZZY_MIN = 0.85  # below this similarity the cited text no longer supports the block


@dataclass(frozen=True)
class Located:
    start: int
    end: int
    exact: bool


def locate(quote: str, lines: list[str], start: int, end: int, _norm: list[str] | None = None) -> Located | None:
    """Where `quote` (normalised, from lines start..end of the old text) is in `lines` now, or None."""
    n = max(1, end - start + 1)
    norm = _norm if _norm is not None else [normalise_quote(x) for x in lines]
    if not quote:
        return Located(start, end, True) if end <= len(lines) else None

    def window(a: int, size: int) -> str:
        return normalise_quote(" ".join(norm[a - 1: a - 1 + size]))

    if end <= len(lines) and window(start, n) == quote:
        return Located(start, end, True)
    # exact elsewhere, same size or a size nearby (a wrapped line may add or drop a line)
    best = None
    for size in _sizes(n):
        for a in range(1, len(lines) - size + 2):
            if window(a, size) == quote:
                d = abs(a - start)
                if best is None or d < best[0]:
                    best = (d, a, size)
        if best:
            return Located(best[1], best[1] + best[2] - 1, True)
    return _by_ends(quote, norm, start, n) or _fuzzy(quote, norm, start, n)


def _by_ends(quote: str, norm: list[str], start: int, n: int) -> Located | None:
    """A long span edited inside: its first and last lines are still there, a similar distance apart."""
    if n < 3:
        return None
    firsts = [i + 1 for i, x in enumerate(norm) if x and quote.startswith(x)]
    lasts = [i + 1 for i, x in enumerate(norm) if x and quote.endswith(x)]
    best = None
    for a in firsts:
        for z in lasts:
            if z >= a and abs((z - a + 1) - n) <= max(3, n // 5):
                text = " ".join(norm[a - 1: z]).strip()
                r = difflib.SequenceMatcher(None, quote, text, autojunk=False).ratio()
                key = (r, -abs(a - start))
                if r >= FUZZY_MIN and (best is None or key > best[0]):
                    best = (key, a, z)
    return Located(best[1], best[2], False) if best else None


def _sizes(n: int) -> list[int]:
    return [n] + [s for s in (n - 1, n + 1, n - 2, n + 2) if s >= 1]


def _fuzzy(quote: str, norm: list[str], start: int, n: int) -> Located | None:
    """Nearby windows first: an edited sentence rarely travels far."""
    near = _fuzzy_in(quote, norm, start, n, max(1, start - 60), start + 60)
    return near or _fuzzy_in(quote, norm, start, n, 1, len(norm))


def _fuzzy_in(quote: str, norm: list[str], start: int, n: int, lo: int, hi: int) -> Located | None:
    """The window most like `quote` (ties: nearest `start`, then first in scan order).

    SequenceMatcher.ratio is quadratic-ish in the text's length, and a whole-file citation
    (the overview cites every source whole) compares a window nearly the size of the file
    each time. quick_ratio() is an upper bound of ratio(), so a window whose bound cannot beat
    the best found so far is skipped; the window at the old place, usually the winner, is scored
    first to set the bar. The result is the same window the full scan picks."""
    best = None  # (ratio, -distance) of the best window so far in scan order, a, size
    first_word = quote.split(" ", 1)[0]
    qlen = len(quote)
    seed = None  # the window at the old place and size: it only prunes windows strictly worse than it
    if lo <= start <= min(hi, len(norm) - n + 1):
        text = " ".join(norm[start - 1: start - 1 + n]).strip()
        if text and abs(len(text) - qlen) <= qlen * (1 - FUZZY_MIN) * 2 + 2:
            seed_sm = difflib.SequenceMatcher(None, quote, text, autojunk=False)
            seed = (seed_sm.ratio(), 0)
    for size in _sizes(n):
        for a in range(lo, min(hi, len(norm) - size + 1) + 1):
            text = " ".join(norm[a - 1: a - 1 + size]).strip()
            if not text or abs(len(text) - qlen) > qlen * (1 - FUZZY_MIN) * 2 + 2:
                continue  # ratio >= FUZZY_MIN needs lengths this close
            sm = difflib.SequenceMatcher(None, quote, text, autojunk=False)
            if sm.real_quick_ratio() < FUZZY_MIN:
                continue
            bound = sm.quick_ratio()
            if bound < FUZZY_MIN:
                continue
            key_bound = (bound, -abs(a - start))
            if (best is not None and key_bound <= best[0]) or (seed is not None and key_bound < seed):
                continue  # cannot score above the best so far, nor reach the window at the old place
            r = seed[0] if seed is not None and (a, size) == (start, n) else sm.ratio()
            key = (r, -abs(a - start))
            if r >= FUZZY_MIN and (best is None or key > best[0]):
                best = (key, a, size)
    return Located(best[1], best[1] + best[2] - 1, False) if best else None
