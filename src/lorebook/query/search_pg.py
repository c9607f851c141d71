"""Full-text search on PostgreSQL: the same passes and the same scoring as the SQLite path in search.py.

SQLite answers from FTS5 tables; here a stored tsvector (`search_units.tsv`:
title A, heading B, text C, split at punctuation as FTS5 splits and stemmed by
the `lorebook` configuration, English stems without stop words; migration 0101)
with a GIN index, a tsvector over each page's title and summary
(`pages.search_head`) for very common words, and pg_trgm for infixes and
scripts written without spaces. Each pass asks for the same
set of units as its SQLite twin and the scoring that orders them is shared
(`search.score_unit`, `search.score_page`), so both databases return the same
top results; a test compares them query by query.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from sqlalchemy import text

from lorebook.query import search as core

_FIRST = "ORDER BY u.id"  # FTS5 returns unranked matches in rowid order; the same units come first here


def ts_word(i: int, w: str, prefix: bool) -> tuple[str, dict]:
    """One query word as a tsquery (a prefix when asked; a month also as its number)."""
    term = w + (":*" if prefix else "")
    alts = [f"to_tsquery('lorebook', :w{i})"]
    params = {f"w{i}": term}
    if w in core.MONTHS:
        alts.append(f"to_tsquery('lorebook', :m{i})")
        params[f"m{i}"] = core.MONTHS[w]
    return "(" + " || ".join(alts) + ")", params


def ts_query(terms: list[str], grow: list[bool], joiner: str = "&&") -> tuple[str, dict]:
    """Words joined as a tsquery expression: `&&` every word, `||` any word."""
    parts, params = [], {}
    for i, (w, g) in enumerate(zip(terms, grow)):
        expr, p = ts_word(i, w, g)
        parts.append(expr)
        params.update(p)
    return "(" + f" {joiner} ".join(parts) + ")", params


def as_typed_grow(terms: list[str]) -> list[bool]:
    """The words that match as prefixes when a query is read as typed: the last (from 3 letters) and CJK ones."""
    n = len(terms)
    return [(i == n - 1 and len(w) >= 3) or bool(core.CJK.search(w)) for i, w in enumerate(terms)]


def as_typed(db, query: str, page_type: str | None, limit: int) -> list[dict] | None:
    """Pages matching every word as typed, scored as search._as_typed does; None if no unit matches."""
    terms = core.words(query)
    if not terms:
        return None
    q, params = ts_query(terms, as_typed_grow(terms))
    stems = core.stems(terms)
    where = f"u.tsv @@ {q}"
    if page_type:
        where += " AND u.page_type = :t"
        params["t"] = page_type
    params["cap"] = core.CAP
    with db.connect() as conn:
        units = conn.execute(text(f"SELECT {core.BRIEF} FROM search_units u WHERE {where} {_FIRST} LIMIT :cap"),
                             params).all()
        if not units:
            return None
        heads: list[str] = []
        if len(units) >= core.CAP:
            sql = f"SELECT id AS page_id, title, summary FROM pages WHERE search_head @@ {q}"
            if page_type:
                sql += " AND type = :t"
            named = conn.execute(text(sql + " ORDER BY id LIMIT :cap"), params).all()
            heads = [r.page_id for r in sorted(named, key=lambda r: (-core.score_page(r, stems), r.page_id))[:limit]]
            if heads:
                units = conn.execute(text(f"SELECT {core.BRIEF} FROM search_units u WHERE u.page_id = ANY(:ids)"),
                                     {"ids": heads}).all() + (units if len(heads) < limit else [])
        best = core.best_per_page(units, heads, stems, limit)
        full = {r.id: r for r in conn.execute(text(f"SELECT {core.COLS} FROM search_units u WHERE u.id = ANY(:ids)"),
                                              {"ids": [uid for uid, _ in best]})}
    return [core.make_hit(full[uid], score, core.snippet(full[uid].text, terms)).as_result() for uid, score in best]


def whole_word(conn, word: str) -> bool:
    """Does `word` (or a word with its stem) occur in the index at all?"""
    q, params = ts_word(0, word, False)
    return conn.execute(text(f"SELECT 1 FROM search_units u WHERE u.tsv @@ {q} LIMIT 1"), params).first() is not None


def doc_freq(conn, word: str, cap: int, whole: bool) -> int:
    """How many units mention `word`, counted up to `cap` (as search.doc_freq on SQLite)."""
    grow = not whole and (len(word) >= 5 or bool(core.CJK.search(word)))
    q, params = ts_word(0, word, grow)
    sql = text(f"SELECT count(*) FROM (SELECT 1 FROM search_units u WHERE u.tsv @@ {q} LIMIT :cap) x")
    return conn.execute(sql, {**params, "cap": cap}).scalar() or 0


# A first cut by ts_rank (title, heading, text weighted 4 : 2 : 1, the array is D, C, B, A; normalisation 1
# divides by the log of the unit's length), each word weighed by its IDF, which ts_rank lacks. The cut is
# then ordered by BM25 exactly as FTS5 computes it, from the tsvectors' positions.
_RANK = "ts_rank(array[0, 0.1, 0.2, 0.4]::float4[], u.tsv, {q}, 1)"
_WEIGHTS = {"A": 4.0, "B": 2.0, "C": 1.0, "D": 0.0}  # title, heading, text: search_fts's bm25(4.0, 2.0, 1.0, 0.0)
_K1, _B = 1.2, 0.75  # FTS5's bm25 constants
_LEXEME = re.compile(r"'((?:[^']|'')*)'(?::([0-9A-D,]+))?")
_avgdl: dict[tuple, float] = {}  # (database, units) -> average unit length in tokens


@dataclass
class Phrase:
    """One FTS5 phrase of the query: a word (or a month's number) matched as is or as a prefix."""

    word: str
    prefix: bool
    sql: str = ""
    params: dict = field(default_factory=dict)
    lexemes: list[str] = field(default_factory=list)
    idf: float = 0.0

    def count(self, positions: dict[str, list[str]]) -> float:
        """Its weighted occurrences in a unit: title 4, heading 2, text 1 per token."""
        return sum(_WEIGHTS[w] for lex, ws in positions.items()
                   if any(lex == x or (self.prefix and lex.startswith(x)) for x in self.lexemes) for w in ws)


def phrases(conn, terms: list[str], grow: list[bool]) -> list[Phrase]:
    """The query's phrases with their stems (as the `lorebook` configuration makes them) and IDF."""
    out = []
    for w, g in zip(terms, grow):
        out.append(Phrase(w, g))
        if w in core.MONTHS:
            out.append(Phrase(core.MONTHS[w], False))
    total = core.unit_count(conn)
    for i, ph in enumerate(out):
        ph.sql, ph.params = f"to_tsquery('lorebook', :p{i})", {f"p{i}": ph.word + (":*" if ph.prefix else "")}
        vec = conn.execute(text("SELECT to_tsvector('lorebook', :w)::text"), {"w": ph.word}).scalar() or ""
        ph.lexemes = [m.group(1).replace("''", "'") for m in _LEXEME.finditer(vec)] or [ph.word.lower()]
        n = conn.execute(text(f"SELECT count(*) FROM search_units u WHERE u.tsv @@ {ph.sql}"), ph.params).scalar() or 0
        ph.idf = max(1e-6, math.log((total - n + 0.5) / (n + 0.5)))
    return out


def positions(tsv: str) -> tuple[dict[str, list[str]], int]:
    """A tsvector's text form as lexeme -> the weight of each occurrence, and the unit's length in tokens."""
    out, length = {}, 0
    for m in _LEXEME.finditer(tsv):
        ws = [p[-1] if p[-1] in _WEIGHTS else "D" for p in (m.group(2) or "").split(",") if p]
        out[m.group(1).replace("''", "'")] = ws
        length += len(ws)
    return out, length


def average_length(conn) -> float:
    """Mean unit length in tokens (BM25's avgdl), over all units or a 2 % sample of a large index; cached."""
    key = (str(conn.engine.url), core.unit_count(conn), conn.execute(text("SELECT count(*) FROM search_units")).scalar())
    if key not in _avgdl:
        sample = " TABLESAMPLE SYSTEM (2)" if key[2] > 50_000 else ""
        sql = f"SELECT avg((SELECT sum(coalesce(array_length(x.positions, 1), 0)) FROM unnest(u.tsv) x)) FROM search_units u{sample}"
        _avgdl[key] = float(conn.execute(text(sql)).scalar() or 1.0) + 1  # + the page_type column FTS5 also counts
    return _avgdl[key]


def bm25(tsv: str, phrases_: list[Phrase], avgdl: float) -> float:
    """FTS5's bm25(): the sum over phrases of IDF * f * (k1 + 1) / (f + k1 * (1 - b + b * D / avgdl))."""
    pos, length = positions(tsv)
    norm = _K1 * (1 - _B + _B * (length + 1) / avgdl)
    score = 0.0
    for ph in phrases_:
        f = ph.count(pos)
        score += ph.idf * f * (_K1 + 1) / (f + norm)
    return score


def units(conn, mode: str, terms: list[str], page_type: str | None, limit: int, prefix: str = "every") -> list:
    """One pass of search.search_units: 'all' or 'any' words ranked by BM25, or 'substring' by trigram."""
    if mode == "substring":
        return _substring(conn, terms, page_type, limit)
    n = len(terms)
    grow = [prefix == "every" or i == n - 1 for i in range(n)]
    if mode == "all" and prefix == "every":
        grow = [i == n - 1 or not whole_word(conn, w) for i, w in enumerate(terms)]
        if all(grow[i] == (i == n - 1) for i in range(n)):
            return []  # the same query as the pass before
    grow = [g and (len(w) >= 3 if i == n - 1 else len(w) >= 4 and not w.isdigit()) or bool(core.CJK.search(w))
            for i, (w, g) in enumerate(zip(terms, grow))]
    q, params = ts_query(terms, grow, "&&" if mode == "all" else "||")
    phrases_ = phrases(conn, terms, grow)
    rank = " + ".join(f"{ph.idf!r} * " + _RANK.format(q=ph.sql) for ph in phrases_)
    for ph in phrases_:
        params.update(ph.params)
    where = f"u.tsv @@ {q}"
    if page_type:
        where += " AND u.page_type = :t"
        params["t"] = page_type
    params["n"] = max(limit * 5, 100)
    sql = text(f"SELECT {core.COLS}, u.tsv::text AS tsv, {rank} AS cut FROM search_units u WHERE {where} "
               "ORDER BY cut DESC, u.id LIMIT :n")
    avgdl = average_length(conn)
    rows = sorted(((bm25(r.tsv, phrases_, avgdl), r) for r in conn.execute(sql, params).all()),
                  key=lambda x: (-x[0], x[1].id))[:limit]
    return [core.make_hit(r, score, core.snippet(r.text, terms)) for score, r in rows]


def _substring(conn, terms: list[str], page_type: str | None, limit: int) -> list:
    """Each word as a substring: raw chunks for words of 3+ characters (the pg_trgm index), any unit for short CJK ones."""
    long_ = [w for w in terms if len(w) >= 3]
    short = [w for w in terms if len(w) < 3 and core.CJK.search(w)]
    if not long_ and not short:
        return []
    where, params = [], {"n": limit}
    if long_:
        where.append("u.kind = 'chunk'")
    for i, w in enumerate(long_ + short):
        where.append(f"u.text ILIKE :l{i}")
        params[f"l{i}"] = "%" + w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    if page_type:
        where.append("u.page_type = :t")
        params["t"] = page_type
    sql = text(f"SELECT {core.COLS} FROM search_units u WHERE {' AND '.join(where)} ORDER BY u.id LIMIT :n")
    return [core.make_hit(r, 0.0, core.snippet(r.text, terms)) for r in conn.execute(sql, params).all()]
