"""The language of a page's text, for `<html lang>`: screen readers and fonts follow it.

Decided by script, which is what matters for both (no statistical guess about which
Latin-script language a page is in: those stay "en", the reader's own language).
"""

from __future__ import annotations

import re

_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_LETTER = re.compile(r"[^\W\d_]")


def text_lang(text: str, default: str = "en") -> str:
    """'ko', 'ja' or 'zh' when at least a fifth of the letters are in that script, else `default`."""
    sample = text[:20_000]
    letters = len(_LETTER.findall(sample))
    if not letters:
        return default
    hangul, kana, han = len(_HANGUL.findall(sample)), len(_KANA.findall(sample)), len(_HAN.findall(sample))
    if hangul >= letters / 5:
        return "ko"
    if kana and kana + han >= letters / 5:
        return "ja"
    if han >= letters / 5:
        return "zh"
    return default
