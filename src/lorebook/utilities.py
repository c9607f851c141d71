"""Small helpers every layer uses: plain text from inline Markdown, slugs, one-line summaries,
unique ids, batches, and the normalised quote (and its hash) a citation is re-anchored by. It imports nothing from Lorebook, so any package may import it.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator, Sequence

_INLINE_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_REF_LINK = re.compile(r"!?\[([^\]]*)\]\[[^\]]*\]")
# An autolink states its address: "ga je in je browser naar <http://127.0.0.1:8080>", "contact op via <team@example.nl>"
AUTOLINK = re.compile(r"<(?:mailto:)?((?:https?|ftp)://[^<>\s]{1,200}|[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+)>")
# Underscore emphasis only at word edges, so snake_case names survive.
_EMPH = re.compile(r"(\*\*|\*|~~)(?=\S)(.+?)(?<=\S)\1|(?<!\w)(__|_)(?=\S)(.+?)(?<=\S)\3(?!\w)")
_CODE = re.compile(r"`+([^`]*)`+")
# The tags notes write inline; only these are dropped, placeholders like <environment> or <unit> are text.
HTML_TAGS = frozenset("""
a abbr audio b big blockquote br center cite code dd del details dfn div dl dt em figcaption figure font h1 h2 h3 h4 h5 h6
hr i iframe img input ins kbd li mark ol p picture pre q s samp script small source span strike strong style sub summary
sup table tbody td tfoot th thead tr tt u ul var video
""".split())
_TAGS = re.compile(r"</?(?:" + "|".join(sorted(HTML_TAGS, key=len, reverse=True)) + r")\b[^>]*>", re.I)
_SHORTCUT_REF = re.compile(r"\[([^\]]+)\](?![(\[:])")


# A heading's or paragraph's attribute list (MkDocs/kramdown/Pandoc: "{: .pageBreakBefore }", "{ #upload_limit }", "{#id .cls}"):
# styling for the site generator, not text
_ATTR_LIST = re.compile(r"\s*\{:?\s*[#.][\w#. =\"'-]{0,80}\}(?=\s|$)")
_MARKUP = re.compile(r"[\[`*_~<{\\]")
# A backslash escape ("a \\~24h outage", "\\*not emphasis\\*", as Zola and Google Docs exports write them) is the
# character itself; kept aside while the markup is read, and never inside a code span, where it is literal.
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
_CODE_OR_TEXT = re.compile(r"(`+[^`]*`+)")
_SHOWN = {0xE000 + c: chr(c) for c in range(33, 127)}


def without_hard_breaks(text: str) -> str:
    """A backslash that ends a line breaks it (CommonMark): the line break stays, the backslash is no text."""
    return text.replace("\\\n", "\n") if "\\\n" in text else text


def _hide_escapes(text: str) -> str:
    parts = _CODE_OR_TEXT.split(text)
    return "".join(p if i % 2 else _ESCAPED.sub(lambda m: chr(0xE000 + ord(m.group(1))), p) for i, p in enumerate(parts))


_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def plain(text: str) -> str:
    """Inline Markdown to plain text: links to their text, emphasis, code marks and attribute lists dropped."""
    if not _MARKUP.search(text):  # most prose has no markup: skip the substitutions
        return _SPACES.sub(" ", text).strip()
    escaped = "\\" in text
    if escaped:
        text = without_hard_breaks(text)
    t = _ATTR_LIST.sub("", _SPACES.sub(" ", _hide_escapes(text) if escaped else text))  # one line first: "**non\nwhitelisté**" is one emphasis
    t = _INLINE_LINK.sub(r"\1", t)
    t = _REF_LINK.sub(r"\1", t)
    t = AUTOLINK.sub(r"\1", t)
    t = _CODE.sub(r"\1", t)
    t = _SHORTCUT_REF.sub(r"\1", t)
    for _ in range(2):
        t = _EMPH.sub(lambda m: m.group(2) if m.group(2) is not None else m.group(4), t)
    t = _TAGS.sub(lambda m: " " if m.group(0)[1:3].lower() == "br" else "", t)  # "**Solution 1**<br>Un JSONB": two lines
    return _SPACES.sub(" ", t.translate(_SHOWN) if escaped else t).strip()


def one_line(text: str, limit: int = 140) -> str:
    """First sentence of plain text, cut to `limit` characters at a word boundary."""
    t = plain(text)
    m = re.match(r"(.+?[.!?。])(\s|$)", t)
    if m and len(m.group(1)) >= 20:
        t = m.group(1)
    if len(t) > limit:
        t = t[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return t


def slugify(text: str, limit: int = 60) -> str:
    """ASCII-ish slug for file names; non-Latin scripts are kept (Obsidian and browsers handle them)."""
    t = unicodedata.normalize("NFKC", plain(text)).lower()
    t = re.sub(r"[^\w]+", "-", t, flags=re.UNICODE).strip("-_")
    t = t[:limit].rstrip("-_")
    return t or "untitled"


def unique_id(base: str, used: set[str]) -> str:
    """`base`, or `base-2`, `base-3`… whichever is not in `used`; the id returned is added to `used`."""
    out, n = base, 2
    while out in used:
        out = f"{base}-{n}"
        n += 1
    used.add(out)
    return out


def batched(seq: Iterable, n: int) -> Iterator[Sequence]:
    """`seq` in slices of at most `n` (SQL `IN (…)` lists stay under the database's parameter limits)."""
    seq = seq if isinstance(seq, (list, tuple)) else list(seq)
    for i in range(0, len(seq), n):
        yield seq[i : i + n]


def normalise_quote(text: str) -> str:
    """Whitespace runs as one space (str.split: same result as a \\s+ regex, several times faster)."""
    return " ".join(text.split())


def quote_hash(text: str) -> str:
    return hashlib.sha256(normalise_quote(text).encode()).hexdigest()[:16]


# The parts of Lorebook whose code decides what a source compiles to (a page's blocks, fields, citations).
COMPILER_PARTS = ("sources", "extract", "compile", "vocab.py", "model.py", "utilities.py")


@lru_cache(maxsize=None)
def code_fingerprint(*parts: str) -> str:
    """A short hash of these parts of Lorebook's own source ("extract", "vocab.py"): a cache computed by
    them is stale once they change, as after an upgrade (the same notes then compile to better pages)."""
    root = Path(__file__).resolve().parent
    h = hashlib.sha1()
    for part in parts:
        p = root / part
        for f in sorted(p.rglob("*.py")) if p.is_dir() else [p]:
            h.update(f.relative_to(root).as_posix().encode())
            h.update(f.read_bytes())
    return h.hexdigest()[:12]
