"""A name written in Latin letters that a note writes in Hangul or Chinese characters: "Modutime" for "모두타임",
"Zhigang" for "智港".

An engineer asks about a Korean or Chinese team's project by the name they say aloud, romanised; the notes write it
in their own script. The romanisations are the libraries' (Revised Romanization of Korean, Hanyu Pinyin without
tones), and a question's spelling may differ in a letter or two ("modutime" for "modutaim"), so names are compared
by similarity, not equality.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

_HANGUL_RUN = re.compile(r"[\uac00-\ud7af]{2,}")
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")
SIMILAR = 0.8  # "modutime" / "modutaim" is 0.875, "redis" / "레디스" (rediseu) 0.83; "kafka" / "카프카" (kapeuka) is missed


@lru_cache(maxsize=8192)
def _korean(run: str) -> str:
    from korean_romanizer.romanizer import Romanizer

    return Romanizer(run).romanize().replace(" ", "").lower()


@lru_cache(maxsize=8192)
def _chinese(run: str) -> str:
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(run)).lower()


def _korean_words(run: str) -> list[str]:
    """A Hangul word and the same less a particle or two written onto it ("모두타임은", "모두타임에서"); nothing for a
    run longer than a name with its particles."""
    if len(run) > 8:
        return []
    return [run[: len(run) - k] for k in range(3) if len(run) - k >= 2]


def _chinese_words(run: str) -> list[str]:
    """The words jieba cuts a run of Chinese characters into, and each two of them side by side (a name of two words:
    "智港" + "指南")."""
    import jieba

    words = jieba.lcut(run)
    return [w for w in words if len(w) >= 2] + [a + b for a, b in zip(words, words[1:])]


def romanized_runs(text: str) -> set[str]:
    """The romanised forms of the Hangul and Chinese words of `text`."""
    korean = {_korean(w) for r in set(_HANGUL_RUN.findall(text)) for w in _korean_words(r)}
    return korean | {_chinese(w) for r in set(_HAN_RUN.findall(text)) for w in _chinese_words(r)}


def written_in_other_script(name: str, text: str) -> bool:
    """Whether `text` writes the Latin-letter `name` (five letters or more) in Hangul or Chinese characters: a word
    of it romanises to the name, or to a spelling at least SIMILAR to it with the same first letter."""
    n = name.lower()
    if len(n) < 5 or not n.isascii() or not (_HANGUL_RUN.search(text) or _HAN_RUN.search(text)):
        return False
    for form in romanized_runs(text):
        if form == n or form[:1] == n[:1] and abs(len(form) - len(n)) <= 2 and SequenceMatcher(None, form, n).ratio() >= SIMILAR:
            return True
    return False
