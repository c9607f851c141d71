"""An English sentence about lines written in another language: which of its words those lines say.

A model summarising a French ADR or a Chinese post-mortem writes English. Word-for-word rules cannot
check it (the lines say "dépôt", not "repository"), so across languages a word counts as said when the
lines hold it as written (names, commands, identifiers survive translation), one of its forms in the
term table that `ask` uses (`lorebook.translations`), or a cognate: the same stem with its accents
folded ("production" / "producción", "history" / "historique"). The facts (numbers, dates, names,
identifiers, quotes) are checked by the other rules exactly as within one language.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lorebook.translations import DENSE, HAN, HANGUL, KANA, translations, unaccented

# Function words that mark a language: a passage with more of another language's than English's is not English.
_ENGLISH = frozenset("the and of to is are was were with for that this be on it by as not we from has have will "
                     "which their been would should can there".split())
_OTHER = frozenset(
    # French, German, Spanish, Portuguese, Italian, Dutch, Polish, Swedish/Norwegian/Danish
    "le la les des est une et du pour dans sur avec pas qui sont ce cette nous être "
    "der die das und ist nicht mit von den dem zu ein eine auf für wird werden sich auch "
    "el los las del es que y por para una con se lo como más pero "
    "os um uma é não da dos das em na ao com mais "  # not "do", "no": English words too
    "il di che sono gli della nel "
    "het een van en niet op te zijn wordt voor "
    "jest się nie na oraz jak "
    "och att det som är inte för med ikke og er til".split())
_NON_LATIN = re.compile(f"[\u0400-\u04ff\u0370-\u03ff\u0590-\u06ff\u0e00-\u0e7f{KANA}{HAN}{HANGUL}]")
_WORD = re.compile(r"[^\W\d_]+")


def not_english(text: str) -> bool:
    """Whether `text` is written in another language: mostly another script, or more of another Latin
    language's function words than of English's."""
    letters = sum(ch.isalpha() for ch in text)
    dense = len(DENSE.findall(text))  # a Chinese character or a kana says about as much as a short word
    if letters and len(_NON_LATIN.findall(text)) + 2 * dense > 0.3 * (letters + 2 * dense):
        return True
    words = [w.lower() for w in _WORD.findall(text)]
    english = sum(w in _ENGLISH for w in words)
    other = sum(w in _OTHER for w in words)
    return other >= 2 and other > english


def language_gap(sentence: str, cited: str, document: list[str]) -> bool:
    """The sentence is English and its cited lines are not (judged on the lines, or on the whole document's lines
    when the lines are too short to tell: a table row, a command with one word of prose)."""
    if not_english(sentence):
        return False
    if len(_WORD.findall(cited)) >= 12 or _NON_LATIN.search(cited):
        return not_english(cited)
    return not_english("\n".join(document))


@lru_cache(maxsize=4096)
def _fold(text: str) -> str:
    return unaccented(text.lower())


class Passage:
    """The cited lines, read once for the words a sentence may find in them."""

    def __init__(self, text: str):
        self.low = _fold(text)
        self.words = set(_WORD.findall(self.low))
        self.prefixes = {w[:5] for w in self.words if len(w) >= 5}

    def translates(self, word: str) -> bool:
        """Whether the passage holds one of the term table's forms of `word` ("vendredi" for "Friday"): no cognate,
        so a name that only looks like a word of the lines is not taken for it."""
        return any(self._holds(form, inflected=False) for form in translations(_fold(word)))

    def _holds(self, form: str, inflected: bool) -> bool:
        """Whether the passage holds a term table form: a phrase or a form in another script anywhere in it, a Latin
        word as a word of its own (or, `inflected`, as the start of one: "fehlgeschlagen" for "fehlgeschlag")."""
        f = _fold(form)
        if _NON_LATIN.search(f) or " " in f:
            return f in self.low
        return f in self.words or inflected and len(f) >= 4 and any(x.startswith(f) for x in self.words)

    def says(self, word: str) -> bool:
        """Whether the passage says the English `word`: as written, through the term table, or as a cognate."""
        w = _fold(word)
        if w in self.words or (len(w) >= 5 and w in self.low):
            return True
        if w.isascii() and re.search(rf"(?<![a-z0-9]){re.escape(w)}(?![a-z0-9])", self.low):
            return True  # "API" in "결제 API의 응답 시간"
        if any(self._holds(form, inflected=True) for form in {f for base in _bases(w) for f in translations(base)}):
            return True
        # a cognate: "production" / "producción", "repository" / "repositório", "configuration" / "Konfiguration"
        if len(w) >= 6 and w[:5] in self.prefixes:
            return True
        if len(w) >= 4 and any(x.startswith(w) and len(x) <= len(w) + 3 for x in self.words):
            return True  # "real" / "reales", "local" / "locales"
        return len(w) >= 6 and w[0] == "c" and "k" + w[1:5] in self.prefixes  # "configuration" / "Konfiguration"


def _bases(w: str) -> list[str]:
    """`w` and the plain forms the term table may list it under: "responded" -> respond, response; "slower" -> slow."""
    out = [w]
    for suffix in ("ed", "d", "ing", "er", "est", "ly", "s", "es"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            out.append(w[: -len(suffix)])
    out += [b + "e" for b in out[1:]] + [b[:-1] + "se" for b in out if b.endswith("nd")]  # "respond" -> response
    return out


def unsaid(words: list[str], passage: Passage) -> list[str]:
    """The words of a sentence the passage does not say in any of the ways `Passage.says` accepts."""
    return [w for w in words if not passage.says(w)]


_CLAUSES = re.compile(r",?\s+(?:while|whereas|whilst|but|and|with)\s+|[;:]\s+|,\s+|\s+for\s+", re.IGNORECASE)
_SEGMENTS = re.compile(r"\n|\s[+|/]\s|[;；，、]|\)\s*\+|,\s")


def crossed_pairs(sentence_words: list[list[str]], cited: str) -> tuple[str, str] | None:
    """Two parts of the sentence that each take words from the same two separate parts of the lines: what the
    lines keep apart ("backups: an empty local database" / "real data: only in production") the sentence has
    exchanged ("real data in the local database, backups of production"). Returns one word of each part."""
    segments = [Passage(s) for s in _SEGMENTS.split(cited) if s.strip()]
    rows = [ln for ln in cited.split("\n") if ln.lstrip().startswith("|")]
    return _crossed(sentence_words, segments) or (_crossed(sentence_words, [Passage(r) for r in rows]) if len(rows) >= 2 else None)


def _crossed(sentence_words: list[list[str]], segments: list[Passage]) -> tuple[str, str] | None:
    """crossed_pairs over the given parts of the lines: their cells and clauses, or a table's rows ("Batch diário |
    Rápido para o usuário" against "Sob demanda | Lento para o usuário": what one row says of its thing)."""
    if len(segments) < 2:
        return None
    homes = []
    for clause in sentence_words:
        home = {}
        for w in clause:
            where = [i for i, s in enumerate(segments) if s.says(w)]
            if len(where) == 1:
                home.setdefault(where[0], w)
        homes.append(home)
    for i, a in enumerate(homes):
        for b in homes[i + 1:]:
            shared = set(a) & set(b)
            if len(shared) >= 2:
                return a[min(shared)], b[min(shared)]
    return None


def clauses(sentence: str) -> list[str]:
    """The sentence's parts as a swap would exchange them: split at "while", "and", commas, "for"."""
    return [c for c in _CLAUSES.split(sentence) if c.strip()]


# Names a sentence orders and its lines keep: `location /api/`, compute-stack, PostgreSQL
_NAME = re.compile(r"`[^`]+`|[\w.]*[-_/.:][\w./:-]*\w|\b[A-Z][\w-]+")
_SAYS_EARLIER = re.compile(r"\b(?:before|ahead of|first|then|followed by|prior to)\b", re.I)
_LATIN_RUN = re.compile(r"[A-Za-z][\w.-]*(?: [a-z][\w.-]*)?")
# the lines say their list is done in the order written: "依次执行 A、B 和 C", "順に", "nacheinander", "in turn"
_IN_TURN = re.compile(r"依次|按顺序|順に|順番に|の順|순서대로|차례로|nacheinander|der\s+reihe\s+nach|successivement|l['’]un\s+après"
                      r"|en\s+orden|uno\s+tras\s+otro|em\s+sequência|по\s+очереди|последовательно|\bin\s+turn\b", re.I)
_SAYS_LATER = re.compile(r"\bafter\b|\bfollowing\b|\bonce\b", re.I)  # not "afterwards": "X first, Y afterwards"
_ARROW = re.compile(r"→|->|⇒|=>|⟶")
# the word after the name it relates to, as Chinese, Japanese and Korean write it ("B 之前": before B), and before it in
# the European languages ("avant B")
_BEFORE_AFTER_NAME = re.compile(r"^\s*(?:之前|以前|の前|前に|より前|전에|이전에|보다 먼저)")
_AFTER_AFTER_NAME = re.compile(r"^\s*(?:之后|以后|之後|以後|の後|後に|以降|후에|이후에|다음에)")
_BEFORE_NAME = re.compile(r"(?:\bavant|\bvor|\bantes\s+de|\bantes\s+do|\bprima\s+di|\bvoor|\bперед)\s*$", re.I)
_AFTER_NAME = re.compile(r"(?:\baprès|\bnach|\bdespués\s+de|\bdepois\s+de|\bdopo|\bпосле)\s*$", re.I)
# "A depois B", "A, puis B", "A, dann B", "A 然后 B": the word between two names that puts the second after the first
_THEN_BETWEEN = re.compile(r"\W*(?:depois|então|luego|después|puis|ensuite|dann|danach|anschließend|poi|quindi|daarna|potem"
                           r"|потом|затем|然后|之后|再|その後|次に|그 다음|그다음|다음)\W*", re.I)
_LATIN_WORD = re.compile(r"(?<![\w-])[a-z][a-z0-9]{3,}(?![\w-])")
_ENGLISH_GLUE = ("the", "and", "with", "from", "this", "that", "then")  # lines that say these are English themselves


def _find(text: str, name: str) -> tuple[int, int]:
    """Where `name` first stands in `text` (with its backticks when the text has them: `location /` is not the start
    of `location /api/`), and its length there; (-1, 0) when absent."""
    low = text.lower()
    for form in (name, name.strip("`")):
        at = low.find(form.lower())
        if at >= 0:
            return at, len(form)
    return -1, 0


# Two clauses of one sentence that each pair a name with another: "the EC2 server is amd64, whereas the runners are ARM64"
_WITH_DIGITS = re.compile(r"(?<![\w-])(?:[A-Za-z]+\d[\w-]*|\d+[A-Za-z][\w-]*)")  # "amd64", "4GB", "k8s"
_PAIRED_CLAUSES = re.compile(r",?\s+(?:whereas|while|but|and)\s+|;\s+", re.I)


def swapped_values(sentence: str, cited: str) -> tuple[str, str] | None:
    """(subject, value) the sentence pairs where the lines give that value to the other subject: two clauses, each
    naming two things the lines hold, and the lines writing them subject, value, subject, value with each value after
    the other clause's subject ("서버(EC2)는 ARM64 …, GitHub-hosted 러너는 amd64"). None when the lines do not order
    them so."""
    parts = [p for p in _PAIRED_CLAUSES.split(sentence) if p.strip()]
    if len(parts) != 2:
        return None
    pairs = []
    for part in parts:
        found = sorted({m.start(): m.group(0) for rx in (_NAME, _WITH_DIGITS) for m in rx.finditer(part)}.items())
        names = list(dict.fromkeys(n.strip("`").lower() for _, n in found if _find(cited, n)[0] >= 0))
        # "ARM64 Graviton" where the lines write "ARM64(Graviton)": one thing, named twice
        names = [n for n in names if not any(0 < _find(cited, n)[0] - _find(cited, m)[0] <= 12 for m in names if m != n)]
        if len(names) != 2:
            return None
        pairs.append(names)
    (s1, a1), (s2, a2) = pairs
    if len({s1, a1, s2, a2}) != 4 or any(x in y or y in x for x, y in ((s1, s2), (a1, a2), (s1, a2), (s2, a1))):
        return None
    at = {n: _find(cited, n)[0] for n in (s1, a1, s2, a2)}
    order = sorted(at, key=at.get)
    if order in ([s1, a2, s2, a1], [s2, a1, s1, a2]):
        return s1, a1
    return None


# "from 'N' back to 'E'", "from staging into production": a move from one state or place to another
_QUOTED = r"'[^'\s]{1,30}'|\"[^\"\s]{1,30}\"|`[^`]{1,40}`"
_FROM_TO = re.compile(rf"\bfrom\s+({_QUOTED}|[\w.-]+)\s+(?:back\s+)?(?:to|into)\s+({_QUOTED}|[\w.-]+)", re.I)


def sentence_order(sentence: str, cited: str) -> tuple[str, str] | None:
    """(earlier, later) when the sentence orders two names its lines also hold: "X before Y", "X first and Y
    afterwards", "X, then Y", "X after Y": the name nearest before the order word and the first one after it;
    "from X to Y": X, then Y."""
    move = _FROM_TO.search(sentence)
    if move and all(_find(cited, n)[0] >= 0 for n in move.groups()) and move.group(1).lower() != move.group(2).lower():
        return move.group(1), move.group(2)
    names = [m for m in _NAME.finditer(sentence) if _find(cited, m.group(0))[0] >= 0]
    if DENSE.search(cited):  # among Chinese or Japanese words any English a line holds is a name: "bun test"
        names += [m for m in _LATIN_RUN.finditer(sentence) if len(m.group(0)) >= 4 and _find(cited, m.group(0))[0] >= 0
                  and not any(n.start() <= m.start() < n.end() for n in names)]
        names.sort(key=lambda m: m.start())
    elif not any(_find(cited, w)[0] >= 0 for w in _ENGLISH_GLUE):
        # lines in another Latin-script language: an English word they hold is a name ("Ordem: database depois kubernetes")
        names += [m for m in _LATIN_WORD.finditer(sentence) if _find(cited, m.group(0))[0] >= 0
                  and not any(n.start() <= m.start() < n.end() for n in names)]
        names.sort(key=lambda m: m.start())
    for marker, later in [(m, False) for m in _SAYS_EARLIER.finditer(sentence)] + [(m, True) for m in _SAYS_LATER.finditer(sentence)]:
        x = next((n.group(0) for n in reversed(names) if n.end() <= marker.start()), None)
        y = next((n.group(0) for n in names if n.start() >= marker.end()), None)
        if x and y and x.strip("`").lower() != y.strip("`").lower():
            return (y, x) if later else (x, y)
    return None


def lines_order(a: str, b: str, cited: str) -> tuple[str, str] | None:
    """(earlier, later) as the lines order names `a` and `b`: an arrow between them, or a word for before or after
    beside one of them in the lines' language. None when the lines do not order them."""
    (pa, la), (pb, lb) = _find(cited, a), _find(cited, b)
    if pa < 0 or pb < 0 or pa == pb:
        return None
    (p1, l1, n1), (p2, l2, n2) = sorted([(pa, la, a), (pb, lb, b)])
    gap = cited[p1 + l1: p2]
    if _ARROW.search(gap) and len(gap) < 40:
        return n1, n2  # "auth-stack → compute-stack"
    after_second = cited[p2 + l2:]
    if _BEFORE_AFTER_NAME.match(after_second):
        return n1, n2  # "A 必须位于 B 之前": A comes before B
    if _AFTER_AFTER_NAME.match(after_second):
        return n2, n1
    if _IN_TURN.search(cited[:p1 + 200]):
        return n1, n2  # "它依次执行 TypeScript 边界检查、…、`bun test`": the order written
    if _BEFORE_NAME.search(gap) or _THEN_BETWEEN.fullmatch(gap):
        return n1, n2  # "A avant B", "database depois kubernetes"
    if _AFTER_NAME.search(gap):
        return n2, n1
    return None


# Pairs whose sides exclude each other, as an English sentence says them (each side's first word is the one the
# term table lists in the other languages).
OPPOSITES_ACROSS: list[tuple[tuple[str, ...], tuple[str, ...]]] = [
    (("enabled", "enable", "enables"), ("disabled", "disable", "disables")),
    (("succeeded", "success", "successful", "successfully", "passed"), ("failed", "fail", "fails", "failure", "unsuccessful")),
    (("manual", "manually"), ("automatic", "automatically", "automated")),
    (("public", "publicly"), ("private", "privately")),
    (("added", "add", "adds"), ("removed", "remove", "removes", "deleted")),
    (("kept", "keep", "keeps", "retained", "retain", "retains"), ("removed", "remove", "removes", "deleted")),
    (("accepted", "approved", "adopted", "chosen", "chose"), ("rejected", "declined", "discarded")),
    (("new", "newer", "newest"), ("old", "older", "previous", "former")),
    (("larger", "bigger", "greater"), ("smaller", "lesser")),
]
