"""Rules on a thing swapped for its sibling (round 21): one code name of a family for another
(`slow-cluster` for `slow-resource`), an option the document only considered for the one it chose,
and one step's object for another step's in a list of steps.

Each catches a sentence whose words are all in the document, even in the cited lines, but where a
word stands in the place its sibling holds in the quoted lines.
"""

from __future__ import annotations

import re

from lorebook.verify import facts as F
from lorebook.verify.binding_rules import SOURCE_CHOSEN
from lorebook.verify.claims import State
from lorebook.verify.words import lemma_of

_WORD = re.compile(r"[^\W\d_][\w'-]*[^\W_]|[^\W\d_]")
_STOP = {"the", "a", "an", "of", "to", "in", "on", "at", "for", "by", "with", "and", "or", "is", "are", "was",
         "were", "be", "been", "it", "its", "this", "that", "these", "those", "from", "as", "then", "their",
         "them", "they", "which", "who", "into", "onto", "so", "do", "not", "no", "s"}


def _lemmas(text: str) -> set[str]:
    """Content-word lemmas; a hyphenated word counts by its parts."""
    parts = (p for w in _WORD.findall(text.lower()) for p in re.split(r"[-']+", w) if p)
    return {lemma_of(p) for p in parts if p not in _STOP and len(p) > 1}


# --- a code name of a family swapped for its sibling: "slow-cluster" where the lines say "slow-resource"

_COMPOUND = re.compile(r"(?<![\w./-])[a-z][a-z0-9]*(?:-[a-z0-9]+)+(?![\w/-])")


def rule_sibling_compound(st: State) -> list[str]:
    """A hyphenated name the cited lines do not hold, where the quoted sentence (or the file name, title or a
    heading above) holds one that differs from it in one part only: a name of the same family, and the sentence picked the wrong member (the other part
    may still be a word of the file name or a heading, so no word check sees it)."""
    cited = F.squash(st.cited_text).lower()
    about = " ".join(c.context for c in st.cited)  # the file name, title and headings name the family too
    quoted = set(_COMPOUND.findall(F.squash(st.evidence_text + " " + about).lower()))
    out = []
    for mine in sorted(set(_COMPOUND.findall(F.clean(st.text)))):
        if re.search(rf"(?<![\w-]){re.escape(mine)}(?![\w-])", cited):
            continue
        parts = [lemma_of(p) for p in mine.split("-")]
        for theirs in sorted(quoted):
            other = [lemma_of(p) for p in theirs.split("-")]
            if len(other) == len(parts) and sum(a != b for a, b in zip(parts, other)) == 1:  # "multi-packages" is no sibling
                out.append(f"the sentence says {mine!r} where the cited lines name {theirs!r}")
            elif (len(parts) != len(other) and parts[-1] == other[-1] and not set(parts[:-1]) & set(other[:-1])
                  and re.search(rf"(?<![\w-]){re.escape(theirs)}(?![\w-])", cited)):
                # "exactly-once" where the line says "at-least-once": the same head, the other kind of it
                out.append(f"the sentence says {mine!r} where the cited lines say {theirs!r}")
    return out


# --- a command's subcommand swapped for its sibling: "prisma migrate deploy" where the line runs `prisma migrate status`


def rule_sibling_command(st: State) -> list[str]:
    """A sentence that writes a cited command's program and first argument ("prisma migrate") and then goes on with
    another word than the command does ("deploy" for its "status"): the sibling of the command the lines run."""
    said = F.clean(st.text)
    out = []
    for span in sorted({m.group(1).strip() for c in st.cited for ln in c.lines for m in F.BACKTICK.finditer(ln)}):
        toks = span.split()
        if len(toks) < 3 or not all(re.fullmatch(r"[\w.-]+", t) for t in toks[:3]) or span.lower() in said.lower():
            continue
        m = re.search(rf"(?<![\w-]){re.escape(toks[0])}\s+{re.escape(toks[1])}\s+([\w-]+)", said, re.I)
        nxt = m.group(1).lower() if m else ""
        if nxt and nxt not in {t.lower() for t in toks} and nxt not in _STOP and nxt not in F.STOPWORDS:
            out.append(f"the sentence says {m.group(0)!r} where the cited lines run {span!r}")
    return out


# --- an option the document considered, stated where the cited line gives the one it chose

_OPTIONS_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+.*\b(?:options?|alternatives?)\b", re.IGNORECASE)
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s")
_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(.*\S)")


def _considered(lines: list[str]) -> list[str]:
    """The items of the lists under a heading naming options ("Considered Options", "Alternatives")."""
    out, inside = [], False
    for ln in lines:
        if _HEADING.match(ln):
            inside = bool(_OPTIONS_HEADING.match(ln))
            continue
        m = _ITEM.match(ln) if inside else None
        if m:
            out.append(m.group(1))
    return out


def rule_unchosen_option(st: State) -> list[str]:
    """'records status with a badge' citing 'Chosen option: "Use text line"' when "Use badge" is another of the
    options the document lists: a word only an option it did not choose has, put on the one it chose."""
    mine = _lemmas(st.text)
    out = []
    for c in st.cited:
        chosen = [m.group("c") or m.group("d") for m in SOURCE_CHOSEN.finditer(F.squash(c.evidence))]
        if not chosen:
            continue
        said = _lemmas(c.evidence) | _lemmas(c.context) | set().union(*(_lemmas(x) for x in chosen))
        for option in _considered(c.file_lines):
            if any(_lemmas(option) == _lemmas(x) for x in chosen):
                continue
            for word in sorted((_lemmas(option) - said) & mine):
                out.append(f"the sentence says {word!r}, a word of the option {option.strip()!r}; the cited line "
                           f"chooses {chosen[0].strip()!r}")
    return sorted(set(out))


# --- steps whose objects were traded: "add a user to a team, …, remove the member from the team"

_STEP_BREAK = re.compile(r",\s*(?:and\s+)?(?:then\s+)?|;\s*|\s+(?:and\s+)?then\s+", re.IGNORECASE)


def rule_step_objects(st: State) -> list[str]:
    """A sentence that retells a cited list step by step (as many clauses as items, each opening with its item's
    verb) must take each clause's words from its own item: a word only another item has, where the clause's
    item has a word the clause lacks, is that other step's object moved in."""
    text = F.clean(st.text)
    text = text.split(":", 1)[1] if re.match(r"^[^:]{0,40}:", text) else text
    clauses = [c for c in _STEP_BREAK.split(text.strip().rstrip(".")) if c.strip()]
    out = []
    for c in st.cited:
        items = [m.group(1) for m in (_ITEM.match(ln.lstrip("> ").rstrip()) for ln in c.lines) if m]
        if len(items) < 2 or len(items) != len(clauses):
            continue
        first = [_WORD.findall(x.lower())[:1] for x in items]
        if any(not f or lemma_of(f[0]) != lemma_of((_WORD.findall(cl.lower()) or [""])[0]) for f, cl in zip(first, clauses)):
            continue
        words = [_lemmas(x) for x in items]
        for i, cl in enumerate(clauses):
            got = _lemmas(cl)
            moved = {w for w in got - words[i] if any(w in words[j] for j in range(len(items)) if j != i)}
            if moved and words[i] - got:
                out.append(f"step {i + 1} of the sentence says {', '.join(sorted(moved))!r}, which the cited list "
                           f"gives another step, not {items[i].strip()!r}")
    return out
