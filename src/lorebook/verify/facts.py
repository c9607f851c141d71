"""The checkable facts in a piece of text: numbers, dates, times, durations, versions, identifiers, names.

The verifier compares the facts a sentence states with the facts its cited lines state, so both
sides go through the same normalisation here: "45 min" and "45 minutes" are one duration,
"ADR-14" and "ADR-014" one identifier, "2026-02-03" and "February 3, 2026" one date.
Each extractor masks what it consumed, so the digits of a date are not also checked as loose numbers.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from lorebook.translations import HAN, HANGUL, KANA

MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ]
    )
    for m in names
}
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"

NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "dozen": 12, "single": 1, "twice": 2, "once": 1, "half": 0.5,
}
MULTIPLIERS = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6, "b": 1e9, "bn": 1e9, "billion": 1e9}

DURATION_UNITS = {
    "ms": 0.001, "millisecond": 0.001, "milliseconds": 0.001, "msec": 0.001,
    "s": 1, "sec": 1, "secs": 1, "second": 1, "seconds": 1,
    "m": 60, "min": 60, "mins": 60, "minute": 60, "minutes": 60,
    "h": 3600, "hr": 3600, "hrs": 3600, "hour": 3600, "hours": 3600,
    "d": 86400, "day": 86400, "days": 86400,
    "w": 604800, "wk": 604800, "wks": 604800, "week": 604800, "weeks": 604800,
    "month": 2629800, "months": 2629800, "year": 31557600, "years": 31557600, "yr": 31557600, "yrs": 31557600,
    "분": 60, "시간": 3600, "초": 1, "일": 86400,
}
# The units of the other languages notes are written in, so "5 Minuten", "environ 30 minutes", "2 ore", "10 минут"
# in the lines say the "5 minutes", "two hours" an English sentence gives (not German "Tag": "2 tags" is English)
_FOREIGN_UNITS = {
    1: "sekunde sekunden sek seconde secondes segundo segundos secondo secondi seconden sekunder sekund sekundy "
       "секунда секунды секунд секунду сек",
    60: "minute minuten minuto minutos minuti minuut minutter minuter minut minuty минута минуты минут минуту мин хвилин хвилини хвилина",
    3600: "stunde stunden std heure heures hora horas ore uur uren timer timmar godzina godziny godzin час часа часов годин години година",
    86400: "tage tagen jour jours día días dia dias giorno giorni dag dagen dage dagar dzień dni день дня дней днів доби",
    604800: "woche wochen semaine semaines semana semanas settimana settimane weken uker veckor uger tydzień tygodnie tygodni "
            "неделя недели недель неделю тиждень тижні тижнів",
    2629800: "monat monate monaten mois mes meses mês mese mesi maand maanden måned måneder månader miesiąc miesiące miesięcy "
             "месяц месяца месяцев місяць місяці місяців",
    31557600: "jahr jahre jahren ans année années año años ano anos anno anni jaar jaren år lat rok lata год года лет рік роки років",
}
DURATION_UNITS.update({u: secs for secs, units in _FOREIGN_UNITS.items() for u in units.split()})
# A number before a Chinese, Japanese or Korean unit, which no space or word boundary ends ("10分钟内", "24時間以内")
_CJK_UNITS = {"毫秒": 0.001, "秒钟": 1, "秒鐘": 1, "秒": 1, "分钟": 60, "分鐘": 60, "分間": 60, "分": 60, "个小时": 3600, "個小時": 3600,
              "小时": 3600, "小時": 3600, "時間": 3600, "天": 86400, "日間": 86400, "周": 604800, "週間": 604800,
              "个月": 2629800, "個月": 2629800, "か月": 2629800, "ヶ月": 2629800, "カ月": 2629800, "ケ月": 2629800, "年間": 31557600,
              "분간": 60, "시간": 3600, "개월": 2629800}
_CJK_DURATION_RE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*(" + "|".join(sorted(_CJK_UNITS, key=len, reverse=True)) + ")")
SIZE_UNITS = {"b": "b", "byte": "b", "bytes": "b", "kb": "kb", "kib": "kb", "mb": "mb", "mib": "mb", "gb": "gb",
              "gib": "gb", "tb": "tb", "tib": "tb", "pb": "pb", "%": "%", "percent": "%", "per cent": "%"}

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORDNUM = r"an|a|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|ninety"
# a number word needs a space or hyphen before its unit: "ones" is no "one s", "tend" no "ten d"
_DURATION_RE = re.compile(
    rf"(?<![\w.])(?:({_NUM})\+?[\s-]?|({_WORDNUM})[\s-])(" + "|".join(sorted((re.escape(u) for u in DURATION_UNITS), key=len, reverse=True)) + r")(?![\w])",
    re.IGNORECASE,
)
# A period named as an adjective ("an annual cost"): the length "a year" says, in the cited lines
_PER_PERIOD_UNIT = {"annual": "year", "annually": "year", "yearly": "year", "monthly": "month", "weekly": "week",
                    "daily": "day", "hourly": "hour"}
_PER_PERIOD = re.compile(r"\b(" + "|".join(_PER_PERIOD_UNIT) + r")\b", re.I)
_SIZE_RE = re.compile(rf"(?<![\w.])({_NUM})\s?(%|per cent|percent|[kmgtp]i?b\b|bytes?\b)", re.IGNORECASE)
# a number may stand against a Chinese, Japanese or Korean counter ("1,813건", "13行"), not against a Latin letter
_NUMBER_RE = re.compile(rf"(?<![\w.])({_NUM})(?:\s?(k|m|mn|b|bn|thousand|million|billion)\b)?(?:st|nd|rd|th)?"
                        rf"(?![^\W{KANA}{HAN}{HANGUL}])", re.IGNORECASE)
_NUMBER_WORD_RE = re.compile(r"\b(" + "|".join(NUMBER_WORDS) + r")\b", re.IGNORECASE)

_DATE_RES = [
    # 2026-02-03, 2026/02/03, 2026.02.03
    ("ymd", re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")),
    # 2026년 9월 14일
    ("ymd", re.compile(r"(\d{4})\s*년\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일")),
    # 2026年6月26日, 2026年6月26号
    ("ymd", re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号號]")),
    # 03/02/2026 or 02/03/2026: day and month are ambiguous, both readings kept
    ("dmy?", re.compile(r"(?<!\d)(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?!\d)")),
    # February 3, 2026 / Feb 3rd 2026 / Feb 3
    ("mdy", re.compile(rf"\b({_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}})\b)?")),
    # 3 February 2026 / 3rd of Feb
    ("dmy", re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH})(?:,?\s+(\d{{4}})\b)?")),
    # February 2026
    ("my", re.compile(rf"\b({_MONTH}),?\s+(\d{{4}})\b")),
    # 2026-02
    ("ym", re.compile(r"(?<![\d-])(\d{4})-(0[1-9]|1[0-2])(?![\d-])")),
    # 9월 14일
    ("md", re.compile(r"(\d{1,2})\s*월\s*(\d{1,2})\s*일")),
    # 6月26日
    ("md", re.compile(r"(?<![\d年])(\d{1,2})\s*月\s*(\d{1,2})\s*[日号號]")),
]
_TIME_RE = re.compile(
    r"(?<![\d:])([01]?\d|2[0-3]):([0-5]\d)(?::[0-5]\d)?(?:Z(?!\w))?(?:\s?([ap]\.?m\.?)(?![a-z]))?|(?<![\d:])(1[0-2]|0?[1-9])\s?([ap]\.?m\.?)(?![a-z])",
    re.IGNORECASE,
)
_VERSION_RE = re.compile(r"(?<![\w.])(?:v(\d+(?:\.\d+)+(?:[-+.]?[0-9A-Za-z]+)*)|(\d+\.\d+\.\d+(?:\.\d+)?(?:[-+.]?[0-9A-Za-z]+)*))(?![\w])", re.IGNORECASE)
_PREFIXED_ID_RE = re.compile(r"\b([A-Za-z]{1,10})[-_ ]?#?(\d+)\b(?!\.\d)(?:-(\d+))?")
_ID_PREFIXES = {"adr", "inc", "rfc", "cve", "pr", "sev", "p", "issue", "ticket", "jira", "pep", "mr", "bug", "kep", "ghsa", "cwe"}
_HASH_RE = re.compile(r"(?<![\w&])#([\w][\w-]*)")
_HANDLE_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?<![\w])@[\w][\w.-]*\w|\b\w+@(?!\w)")
BACKTICK = re.compile(r"`([^`\n]+)`")  # a code span and its text
_CODE_ID_RE = re.compile(
    r"(?<![\w./-])(?:[\w.-]*\w(?:/[\w.-]*\w)+|[\w-]+(?:\.[\w-]+)+|(?=[\w-]*\d)(?=[\w-]*[A-Za-z])[\w-]+|[^\W\d_]+(?:-[^\W\d_]+)+|[\w-]*[a-z][A-Z][\w-]*|\w+_\w+|/[\w./-]+)(?![\w-])"
)
_WORD_RE = re.compile(r"[^\W\d_][\w'’.-]*[^\W_]|[^\W\d_]")


def clean(text: str) -> str:
    """Text as compared: Unicode-normalised, Markdown emphasis and code marks dropped, quotes and dashes unified."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    text = text.replace("–", "-").replace("—", "-").replace("\u00a0", " ")
    text = text.replace("\u2010", "-").replace("\u2011", "-").replace("\u2012", "-")  # hyphens a word processor writes ("S3‑backed")
    text = re.sub(r"[*`]|(?<!\w)_|_(?!\w)", "", text)
    return text


def squash(text: str) -> str:
    """clean() with every run of whitespace made one space."""
    return " ".join(clean(text).split())


def to_number(s: str) -> float:
    return float(s.replace(",", ""))


@dataclass
class Facts:
    """What a text states, normalised so different spellings of one fact compare equal."""

    numbers: set = field(default_factory=set)  # float values
    durations: set = field(default_factory=set)  # seconds
    quantities: set = field(default_factory=set)  # (value, unit) for sizes and percentages
    dates: set = field(default_factory=set)  # (year|None, month, day|None)
    times: set = field(default_factory=set)  # minutes after midnight (ambiguous clock times give two)
    versions: set = field(default_factory=set)  # "3.5.0"
    ids: set = field(default_factory=set)  # ("ADR", 14), ("#", "incidents"), ("code", "etcdmembersdown")
    names: list = field(default_factory=list)  # (word, is_sentence_initial) in order
    name_runs: list = field(default_factory=list)  # multi-word names: "Mina Park"
    labels: dict = field(default_factory=dict)  # fact -> how the text wrote it, for reasons


def _mask(text: str, m: re.Match) -> str:
    return text[: m.start()] + " " * (m.end() - m.start()) + text[m.end():]


def _round(x: float) -> float:
    return round(x, 6)


def _dates(text: str, facts: Facts) -> str:
    for kind, rx in _DATE_RES:
        for m in list(rx.finditer(text)):
            g = m.groups()
            found: list[tuple] = []
            try:
                if kind == "ymd":
                    found = [(int(g[0]), int(g[1]), int(g[2]))]
                elif kind == "dmy?":
                    a, b, y = int(g[0]), int(g[1]), int(g[2])
                    found = [(y, b, a), (y, a, b)]
                elif kind == "mdy":
                    found = [(int(g[2]) if g[2] else None, MONTHS[g[0].rstrip(".").lower()], int(g[1]))]
                elif kind == "dmy":
                    found = [(int(g[2]) if g[2] else None, MONTHS[g[1].rstrip(".").lower()], int(g[0]))]
                elif kind == "my":
                    found = [(int(g[1]), MONTHS[g[0].rstrip(".").lower()], None)]
                elif kind == "ym":
                    found = [(int(g[0]), int(g[1]), None)]
                elif kind == "md":
                    found = [(None, int(g[0]), int(g[1]))]
            except (KeyError, ValueError):
                continue
            found = [d for d in found if 1 <= d[1] <= 12 and (d[2] is None or 1 <= d[2] <= 31)]
            if not found:
                continue
            facts.dates.add(tuple(found))
            facts.labels[tuple(found)] = m.group(0).strip()
            text = _mask(text, m)
    return text


def _times(text: str, facts: Facts) -> str:
    for m in list(_TIME_RE.finditer(text)):
        if m.group(1) is not None:
            h, mi, ap = int(m.group(1)), int(m.group(2)), m.group(3)
        else:
            h, mi, ap = int(m.group(4)), 0, m.group(5)
        if ap:
            pm = ap.lower().startswith("p")
            h = (h % 12) + (12 if pm else 0)
            cands = (h * 60 + mi,)
        elif h < 12:
            cands = (h * 60 + mi, (h + 12) * 60 + mi)
        else:
            cands = (h * 60 + mi,)
        facts.times.add(cands)
        facts.labels[cands] = m.group(0).strip()
        text = _mask(text, m)
    return text


def _ids(text: str, facts: Facts, *, strict: bool) -> str:
    for m in list(BACKTICK.finditer(text)):
        key = ("code", " ".join(m.group(1).lower().split()))
        facts.ids.add(key)
        facts.labels[key] = m.group(0)
        text = _mask(text, m)
    for m in list(_PREFIXED_ID_RE.finditer(text)):
        prefix = m.group(1)
        if prefix.lower() not in _ID_PREFIXES and not (prefix.isupper() and len(prefix) >= 2):
            continue
        if strict and not (prefix.isupper() or prefix.lower() in _ID_PREFIXES):
            continue
        if prefix.lower() == "cve" and m.group(3):
            key = ("CVE", f"{int(m.group(2))}-{int(m.group(3))}")
        else:
            key = (prefix.upper(), int(m.group(2)))
        facts.ids.add(key)
        facts.labels[key] = m.group(0)
        text = _mask(text, m)
    for m in list(_HANDLE_RE.finditer(text)):
        key = ("code", m.group(0).lower())
        facts.ids.add(key)
        facts.labels[key] = m.group(0)
        text = _mask(text, m)
    for m in list(_HASH_RE.finditer(text)):
        tok = m.group(1).lower()
        key = ("#", int(tok) if tok.isdigit() else tok)
        facts.ids.add(key)
        facts.labels[key] = m.group(0)
        text = _mask(text, m)
    return text


def _versions(text: str, facts: Facts) -> str:
    for m in list(_VERSION_RE.finditer(text)):
        v = m.group(1) or m.group(2)
        facts.versions.add(v)
        facts.labels[("v", v)] = m.group(0)
        text = _mask(text, m)
    return text


def _quantities(text: str, facts: Facts, source: bool = False) -> str:
    for m in list(_DURATION_RE.finditer(text)):
        amount, unit = m.group(1) or m.group(2), m.group(3).lower()
        if unit in ("m", "b") and m.group(3) != unit.lower():
            continue
        word = amount.lower()
        value = to_number(amount) if amount[0].isdigit() else (1 if word in ("a", "an") else NUMBER_WORDS[word])
        if word in ("a", "an") and unit in ("m", "s", "h", "d", "w", "b"):
            continue  # "a m" is not a duration
        secs = _round(value * DURATION_UNITS[unit])
        facts.durations.add(secs)
        facts.labels[("d", secs)] = m.group(0)
        if word not in ("a", "an"):
            facts.numbers.add(_round(value))
        if unit == "m":  # "5m" may be five minutes or five million
            facts.numbers.add(_round(value * 1e6))
        text = _mask(text, m)
    for m in list(_CJK_DURATION_RE.finditer(text)):
        secs = _round(to_number(m.group(1)) * _CJK_UNITS[m.group(2)])
        facts.durations.add(secs)
        facts.labels[("d", secs)] = m.group(0)
        facts.numbers.add(_round(to_number(m.group(1))))
        text = _mask(text, m)
    for m in _PER_PERIOD.finditer(text) if source else ():  # "an annual cost" in the lines: "a year" says it
        secs = _round(DURATION_UNITS[_PER_PERIOD_UNIT[m.group(1).lower()]])
        facts.durations.add(secs)
        facts.labels.setdefault(("d", secs), m.group(0))
    for m in list(_SIZE_RE.finditer(text)):
        unit = SIZE_UNITS.get(m.group(2).lower().replace(" ", " "), m.group(2).lower())
        key = (_round(to_number(m.group(1))), unit)
        facts.quantities.add(key)
        facts.labels[("q",) + key] = m.group(0)
        facts.numbers.add(key[0])
        text = _mask(text, m)
    return text


# Korean native numerals before a counter: "열 배" (ten times), "다섯 명" (five people), "스물두 개"
_KO_TENS = {"열": 10, "스물": 20, "스무": 20, "서른": 30, "마흔": 40, "쉰": 50}
_KO_UNITS = {"한": 1, "하나": 1, "두": 2, "둘": 2, "세": 3, "셋": 3, "네": 4, "넷": 4, "다섯": 5, "여섯": 6, "일곱": 7,
             "여덟": 8, "아홉": 9}
_KO_NUMBER_RE = re.compile(
    rf"(?<![\uac00-\ud7af])({'|'.join(_KO_TENS)})?({'|'.join(sorted(_KO_UNITS, key=len, reverse=True))})?"
    r"\s*(?=(?:배|명|개|번|대|곳|가지|차례|건|마리|권|장|줄)(?!째|[\uac00-\ud7af]{2}))")  # not "두 번째" (second)


def _korean_numbers(text: str, facts: Facts) -> str:
    for m in list(_KO_NUMBER_RE.finditer(text)):
        if not (m.group(1) or m.group(2)):
            continue
        value = float(_KO_TENS.get(m.group(1), 0) + _KO_UNITS.get(m.group(2), 0))
        facts.numbers.add(value)
        facts.labels[("n", value)] = m.group(0).strip()
        text = _mask(text, m)
    return text


# Small numbers as lines in other languages write them, for an English sentence's "two processes", "a single node":
# a Chinese or Japanese numeral before a counter ("两个进程", "三台"), a number word of a European language.
_HAN_DIGITS = {"一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_HAN_NUMBER_RE = re.compile(rf"(?<![{''.join(_HAN_DIGITS)}第])([{''.join(_HAN_DIGITS)}])"
                            r"(?=[个個台次名人件つ回本条項项种種份位张張枚步轮輪倍处處点點层層])")
_WORD_NUMBERS = {
    1: "un une uno una um uma ein eine einen einem einer eins один одна одно",
    2: "deux dos dois duas zwei twee два две",  # not Italian "due": "due to"
    3: "trois tres três drei tre drie три",
    4: "quatre cuatro quatro vier quattro четыре",
    5: "cinq cinco fünf cinque vijf пять",
}
_WORD_NUMBER = {w: n for n, ws in _WORD_NUMBERS.items() for w in ws.split()}
_WORD_NUMBER_RE = re.compile(rf"(?<![^\W\d_])({'|'.join(sorted(_WORD_NUMBER, key=len, reverse=True))})(?![^\W\d_])", re.IGNORECASE)


def _foreign_numbers(text: str, facts: Facts) -> None:
    for m in _HAN_NUMBER_RE.finditer(text):
        facts.numbers.add(float(_HAN_DIGITS[m.group(1)]))
    for m in _WORD_NUMBER_RE.finditer(text):
        facts.numbers.add(float(_WORD_NUMBER[m.group(1).lower()]))


# Large numbers as Chinese, Japanese and Korean write them: "8억 행" (800 million rows), "249만" (2.49 million),
# "18억 5,270만" (1,852,700,000), "1.2亿"
_CJK_MYRIADS = re.compile(r"(?<![\d.,])(\d+(?:\.\d+)?)\s*(억|億|亿)(?:\s*(\d{1,3}(?:,\d{3})*|\d+)\s*(?:만|万|萬))?"
                          r"|(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(?:만|万|萬)")


def _cjk_myriads(text: str, facts: Facts) -> str:
    for m in list(_CJK_MYRIADS.finditer(text)):
        if m.group(1):
            value = to_number(m.group(1)) * 1e8 + (to_number(m.group(3)) * 1e4 if m.group(3) else 0)
        else:
            value = to_number(m.group(4)) * 1e4
        facts.numbers.add(_round(value))
        facts.labels[("n", _round(value))] = m.group(0).strip()
        text = _mask(text, m)
    return text


def _numbers(text: str, facts: Facts, source: bool = False) -> str:
    text = _cjk_myriads(text, facts)
    text = _korean_numbers(text, facts)
    if source:
        _foreign_numbers(text, facts)
    for m in list(_NUMBER_RE.finditer(text)):
        value = to_number(m.group(1))
        if m.group(2):
            value *= MULTIPLIERS[m.group(2).lower()]
        facts.numbers.add(_round(value))
        facts.labels[("n", _round(value))] = m.group(0).strip()
        text = _mask(text, m)
    for m in list(_NUMBER_WORD_RE.finditer(text)):
        if m.group(1).lower() == "once" and not (
            re.search(r"\b(?:only|just|at|exactly|than)\s+$", text[: m.start()], re.I)
            # "only once traffic has settled": still a conjunction when a clause with its own verb follows
            and not re.match(r"\s+(?:[^\W\d_]+\s+){1,4}?(?:is|are|was|were|has|have|had)\b", text[m.end():], re.I)
            or re.match(r"\s*(?:$|[.,;:!?)]|a\b|an\b|per\b|every\b|more\b|again\b|or\b|in\b)", text[m.end():], re.I)
        ):
            continue  # "once the node is back": a conjunction, not the number one
        if m.group(1).lower() == "one" and not source and (
            re.search(r"\b(?:no|any|every|each|some|the|this|that|which)\s+$", text[: m.start()], re.I)
            or re.match(r"\s+(?:of|another)\b", text[m.end():], re.I)
            # "the earlier one that …": a pronoun standing for a noun named before
            or re.search(r"\b(?:the|a|an|this|that)\s+[^\W\d_]+\s+$", text[: m.start()], re.I)
            and _ends_phrase(text[m.end():])
            # "One drawback of …", "One consequence is …": introduces one of several, counts nothing
            or not text[: m.start()].strip() and re.match(r"\s+[^\W\d_]+\s+(?:of|is|was|are)\b", text[m.end():], re.I)
            # "One process action item is …", "One reason for …": one of a list the lines give, named by what it is
            or not text[: m.start()].strip() and _ONE_OF.match(text[m.end():])
            # "… is one reason a ServiceMonitor is rejected", "… as one option": one of several, after a verb
            # ("there is one option" still counts)
            or re.search(r"(?<!\bthere )(?<!\bthere's )\b(?:is|was|are|were|be|been|as|remains?)\s+$", text[: m.start()], re.I)
            and _ONE_KIND.match(text[m.end():])
        ):
            continue
        value = NUMBER_WORDS[m.group(1).lower()]
        facts.numbers.add(_round(value))
        facts.labels[("n", _round(value))] = m.group(0)
        text = _mask(text, m)
    return text


_ONE_OF = re.compile(
    r"\s+(?:[^\W\d_][\w-]*\s+){0,2}?(?:reason|step|item|action|follow-up|followup|drawback|consequence|option|risk|lesson"
    r"|goal|benefit|advantage|downside|concern|finding|factor|change|improvement|mitigation|recommendation|task|idea"
    r"|example|alternative|requirement|limitation|problem|issue|symptom|cause|open question|question|next step|driver)s?\s+"
    r"(?:is|was|of|for|to|in|from|that|will|would|should|after|during|before|since)\b", re.IGNORECASE)


_ONE_KIND = re.compile(_ONE_OF.pattern.split(r")s?\s+")[0] + r")s?\b", re.IGNORECASE)


def _ends_phrase(rest: str) -> bool:
    """Whether a word is the last of its noun phrase: punctuation, the end, or a function word follows."""
    rest = re.sub(r"^\s+[a-z]{4,}ly(?=\s*(?:$|[.,;:)!?]))", "", rest)  # "a new one automatically."
    m = re.match(r"\s*([^\W\d_]+)", rest)
    return m is None and bool(re.match(r"\s*(?:$|[.,;:)!?])", rest)) or m is not None and m.group(1).lower() in STOPWORDS


def _code_ids(text: str, facts: Facts) -> str:
    for m in list(_CODE_ID_RE.finditer(text)):
        tok = m.group(0).strip(".-")
        if not tok or tok.endswith(("'s",)) or re.fullmatch(r"[\d.,-]+", tok):
            continue
        if re.fullmatch(r"[A-Za-z]+(?:\.[A-Za-z]+)?", tok) and "." in tok and tok.split(".")[1][:1].isupper():
            continue  # "done.Then" is two sentences, not a name
        if _common_compound(tok):
            continue  # "write-up", "warning-level": ordinary words
        key = ("code", tok.lower())
        facts.ids.add(key)
        facts.labels[key] = tok
        text = _mask(text, m)
    return text


def _common_compound(tok: str) -> bool:
    """"write-up", "infrastructure-as-code": common words joined by hyphens are words, not an identifier; three or
    four of them only as a phrase around a function word ("end-to-end"), since "external-secrets-operator" names a thing."""
    parts = tok.split("-")
    if not 2 <= len(parts) <= 4 or not all(p.isalpha() for p in parts):
        return False
    if len(parts) > 2 and not any(p.lower() in ("as", "of", "to", "by", "in", "on", "the", "and", "for", "at") for p in parts[1:-1]):
        return False
    if len(parts) == 2 and parts[1].lower() in _QUALIFIERS:
        return True  # "Datomic-style", "slug-based": a word and how it qualifies the next, each checked as a word
    from wordfreq import zipf_frequency

    return all(zipf_frequency(p.lower(), "en") >= 3.5 for p in parts)


# The second half of a compound adjective ("Datomic-style", "nodejs-based", "metadata-like"): never part of a name
# ("etcd-metrics", "openshift-monitoring" name a container and a namespace and stay identifiers).
_QUALIFIERS = {"style", "based", "like", "driven", "aware", "friendly", "related", "specific", "oriented", "centric",
               "sized", "shaped", "powered", "backed", "compatible", "heavy", "bound", "wide", "only", "free"}


def base(w: str) -> str:
    """A word without its English inflection: 'debugging' -> 'debug', 'deletes' -> 'delet'."""
    w = w.lower()
    for suf in ("ing", "ed", "es", "er", "s"):
        if len(w) >= len(suf) + 2 and w.endswith(suf):
            w = w[: -len(suf)]
            if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiouls":
                w = w[:-1]
            break
    return w.rstrip("e")


def initials(words: list[str]) -> str:
    """The acronym three or more words spell ("Key Management Service" -> "KMS"); "" for fewer."""
    return "".join(w[0] for w in words).upper() if len(words) >= 3 else ""


def _names(text: str, facts: Facts) -> None:
    """Capitalised words (names, products, acronyms) and runs of them ("Mina Park")."""
    run: list[str] = []
    run_end = 0
    possessive = False
    for m in _WORD_RE.finditer(text):
        word = m.group(0).rstrip(".'")
        owner, possessive = possessive, word.endswith("'s")
        if word.endswith("'s"):
            word = word[:-2]
        before = text[: m.start()].rstrip()
        initial = not before or before[-1] in ".!?:;\"'(-|>"
        plain = word[1:].islower() or len(word) == 1
        named = word[:1].isupper() and word.lower() not in STOPWORDS and not (
            initial and plain and (word.lower() in COMMON_STARTERS or word.lower().endswith(("ing", "ed", "ly")))
        )
        joined = run and not owner and not re.search(r"[,.;:!?()\"|]", text[run_end : m.start()])  # "Homebrew's Jenkins": two names
        if named and joined:
            run.append(word)
        else:
            if len(run) > 1:
                facts.name_runs.append(" ".join(run))
            run = [word] if named else []
        if named:
            facts.names.append((word, initial))
            run_end = m.end()
    if len(run) > 1:
        facts.name_runs.append(" ".join(run))


def extract(text: str, *, source: bool = False) -> Facts:
    """The facts `text` states. For cited source lines (`source=True`) numbers are also read out of
    dates (the year only), versions and identifiers, so a sentence may mention the year of a cited date on its own."""
    facts = Facts()
    text = clean(text)
    rest = _ids(text, facts, strict=not source)
    rest = _dates(rest, facts)
    rest = _times(rest, facts)
    rest = _versions(rest, facts)
    rest = _quantities(rest, facts, source)
    if source:
        for cands in facts.dates:  # the year stands on its own ("in 2024"); a month or day counts nothing ("five students" is not May)
            facts.numbers.update(float(y) for y, _mo, _d in cands if y is not None)
        for v in facts.versions:
            head = re.match(r"\d+(?:\.\d+)?", v)
            facts.numbers.update({_round(float(head.group(0))), _round(float(v.split(".")[0]))})
        for key in facts.ids:
            if isinstance(key[1], int):
                facts.numbers.add(float(key[1]))
    rest = _numbers(rest, facts, source)
    rest = _code_ids(rest, facts)
    _names(rest, facts)
    return facts


STOPWORDS = set(
    """a an the this that these those it its it's they them their there here we our us you your he she his her
    i me my in on at for to from of by with without into onto over under after before during when while
    because since as if then than so but and or nor not no yes also however although though both each every
    all any some most many much more less few several other another such only just even still yet
    is are was were be been being has have had do does did will would can could should may might must shall
    what which who whom whose where why how once until unless whether either neither per via about above
    below between through across against among around within upon toward towards instead rather again
    ever never always often sometimes later earlier first last next new old same overall finally eventually
    meanwhile afterwards then today yesterday tomorrow now soon note notes see step steps""".split()
)
COMMON_STARTERS = set(
    """engineers team teams users people someone nobody everyone one two three four five several many
    restarting running using adding removing checking rolling rotating scaling moving switching deploying
    according following given despite based run check make use find add set see confirm verify restart open
    close create delete update install login log ensure wait post look remove get put stop start scale switch
    move deploy rotate store trigger contact call page escalate clear capping existing development reading
    traffic most right decision incident outage alert""".split()
)


def words(text: str) -> list[str]:
    """Stems of the content words of `text` (for overlap between a sentence and its evidence)."""
    out = []
    for w in re.findall(r"[^\W\d_]{3,}", clean(text).lower()):
        if w in STOPWORDS or w in MONTHS or w in NUMBER_WORDS:
            continue
        out.append(stem(w))
    return out


def stem(w: str) -> str:
    """A crude English stem: enough to match 'restarted' with 'restart' and 'deciders' with 'decided'."""
    if len(w) > 4 and w.endswith("s") and not w.endswith("ss"):
        w = w[:-1]
    for suf in ("ation", "ment", "ing", "ed", "er", "es", "ly", "e"):
        if len(w) > len(suf) + 3 and w.endswith(suf):
            w = w[: -len(suf)]
            break
    return w[:5]
