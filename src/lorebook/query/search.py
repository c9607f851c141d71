"""Full-text search over page blocks and raw-source chunks, ranked by BM25, every hit with its citation.

SQLite: FTS5 with the porter/unicode61 tokenizer (stems; every word also matches
as a prefix, which covers partial words and Korean particles such as 결제가),
all words first, any word second, then the trigram table for what is left
(infixes, scripts written without spaces). PostgreSQL: the same three passes
over a tsvector and pg_trgm, in search_pg.py, with the same scoring.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from lorebook.store.db import database_for, json_value
from lorebook.sources.reader import read_source_or_none
from lorebook.store.reads import ensure_indexes, marks

HL_OPEN, HL_CLOSE = "«", "»"
_WORD = re.compile(r"\w+", re.UNICODE)
_CJK = re.compile(r"[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")
MONTHS = {m: f"{i:02d}" for i, ms in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
     ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
     ("dec", "december")], 1) for m in ms}


@dataclass
class Hit:
    """One index unit that matched: a cited page block or a raw-source chunk."""
    id: int
    kind: str
    page: str
    type: str
    title: str
    heading: str
    text: str
    source: str | None
    start_line: int | None
    end_line: int | None
    snippet: str
    score: float
    cites: list[dict] = field(default_factory=list)

    def as_result(self) -> dict:
        return {
            "page": self.page, "title": self.title, "type": self.type, "snippet": self.snippet,
            "citation": {"source": self.source, "start_line": self.start_line, "end_line": self.end_line},
            "score": self.score,
        }


def words(query: str) -> list[str]:
    return [w for w in _WORD.findall(query.lower()) if w.strip("_")]


def search(wiki, query: str, page_type: str | None = None, limit: int = 10) -> list[dict]:
    """The best `limit` pages for `query`, one result per page (its best-matching unit).

    Compiled pages come first: a raw-source hit is shown under the document page
    built from those lines (its `sources` list), and only stands on its own when
    no page was built from them. A query that is an identifier ("ADR-14", "adr 14",
    "0014", an incident date) puts the page it names first.
    """
    from lorebook.query.pages import identified_pages

    ensure_indexes(wiki, read_source_or_none)
    db = database_for(wiki)
    found = (_as_typed if db.is_sqlite else _pg().as_typed)(db, query, page_type, limit + 5)
    if found is None:
        hits = search_units(db, query, page_type=page_type, limit=limit * 3, enough=limit, any_below=1)
        found, seen = [], set()
        for h in hits:
            if h.page not in seen:
                seen.add(h.page)
                found.append(h.as_result())
    with db.read() as conn:
        named = (identified_pages(conn, query) or identified_pages(conn, query, whole=False)) if _MAYBE_ID.search(query) else []
        if page_type:
            named = [pid for pid in named if _type_of(conn, pid) == page_type]
        grouped = group_under_pages(conn, found, page_type)
        return (_named_first(conn, named, grouped, query) + [r for r in grouped if r["page"] not in named])[:limit]


DOC_TYPES = ("decision", "incident", "runbook", "note")
_MAYBE_ID = re.compile(r"\d")  # identifiers (ADR numbers, dates) always hold a digit


def _pg():
    """The PostgreSQL twin, imported only for PostgreSQL wikis (it needs SQLAlchemy's text())."""
    from lorebook.query import search_pg

    return search_pg


def _type_of(conn, pid: str) -> str | None:
    return conn.execute("SELECT type FROM pages WHERE id = :id", {"id": pid}).scalar()


def group_under_pages(conn, results: list[dict], page_type: str | None = None) -> list[dict]:
    """Raw-source results folded under the document page built from the lines they hit; compiled pages first."""
    raw = [r for r in results if r["type"] == "source" and r["citation"]["source"]]
    owners: dict[int, str] = {}
    if raw and page_type in (None, *DOC_TYPES):
        srcs, params = marks("s", {r["citation"]["source"] for r in raw})
        types, more = marks("t", [page_type] if page_type else DOC_TYPES)
        rows = conn.execute("SELECT page_id, page_type, title, source, start_line, end_line FROM search_units "
                            f"WHERE kind = 'block' AND source IN ({srcs}) AND page_type IN ({types})", params | more).all()
        for i, r in enumerate(results):
            c = r["citation"]
            if r["type"] != "source":
                continue
            fit = [b for b in rows if b.source == c["source"] and b.start_line <= c["end_line"] and b.end_line >= c["start_line"]]
            if not fit:
                fit = [b for b in rows if b.source == c["source"]]
            if fit:
                owners[i] = min(fit, key=lambda b: (b.end_line - b.start_line, b.page_id))
    out: dict[str, dict] = {}
    loose: list[dict] = []
    for i, r in enumerate(results):
        if i in owners:
            b = owners[i]
            page = out.get(b.page_id)
            if page is None:
                page = out[b.page_id] = dict(r, page=b.page_id, title=b.title, type=b.page_type, sources=[])
            page["sources"].append({"snippet": r["snippet"], "citation": r["citation"]})
        elif r["type"] == "source":
            loose.append(r)
        elif r["page"] not in out:
            out[r["page"]] = dict(r, sources=[])
    if page_type == "source":
        return results
    return list(out.values()) + loose


def _named_first(conn, named: list[str], grouped: list[dict], query: str) -> list[dict]:
    """Results for the pages an identifier names: their hit if search found one, else the page itself."""
    by_page = {r["page"]: r for r in grouped}
    out = []
    for pid in named:
        if pid in by_page:
            out.append(by_page[pid])
            continue
        row = conn.execute("SELECT id, title, type, summary, sources FROM pages WHERE id = :id", {"id": pid}).first()
        if row is None:
            continue
        srcs = json_value(row.sources)
        srcs = srcs if isinstance(srcs, list) else []
        out.append({"page": row.id, "title": row.title, "type": row.type, "snippet": row.summary or row.title,
                    "citation": {"source": srcs[0] if srcs else None, "start_line": None, "end_line": None},
                    "score": 1000.0, "sources": []})
    return out


CAP = 300  # matching units fetched for a query; a query with more is "common"


def _as_typed(db, query: str, page_type: str | None, limit: int) -> list[dict] | None:
    """Pages matching every word as typed (SQLite), ranked without BM25; None if no unit matches.

    FTS5's BM25 scans the whole posting list of every query word before it
    returns anything (its IDF), and scores every match: for a word in thousands
    of blocks that was the whole cost of a search. Every result here contains
    every word, so the IDF would not change their order much; instead the
    first CAP matches are fetched unranked and scored by where the words occur.
    A query with more matches than that first ranks the pages whose title or
    summary name it (the small page-level table), then fills up from those CAP.
    """
    terms = words(query)
    if not terms:
        return None
    expr = _all_words(terms, prefix="last")
    match = _match(expr, page_type)
    stems_ = stems(terms)
    with db.read() as conn:
        # The first CAP matches' ids, their rows then by key (a second MATCH cost as much again). The words
        # exactly first: when they alone fill CAP the query is common, and the last word as a prefix
        # ("logging"*: every indexed word from "log") would cost 40x more for the same verdict.
        sql = "SELECT rowid FROM search_fts WHERE search_fts MATCH :q LIMIT :cap"
        exact = _match(" AND ".join(_fts_term(w, prefix=False) for w in terms), page_type)
        ids = conn.execute(sql, {"q": exact, "cap": CAP}).scalars()
        if len(ids) < CAP and exact != match:
            ids = conn.execute(sql, {"q": match, "cap": CAP}).scalars()
        n = len(ids)
        if not n:
            return None
        heads: list[str] = []
        units: list = []
        if n >= CAP:
            sql = "SELECT page_id, title, summary FROM search_pages WHERE search_pages MATCH :q"
            params: dict = {"q": "{title summary} : (" + expr + ")", "cap": CAP}
            if page_type:
                sql += " AND page_type = :t"
                params["t"] = page_type
            named = conn.execute(sql + " LIMIT :cap", params).all()
            heads = [r.page_id for r in sorted(named, key=lambda r: (-_score_page(r, stems_), r.page_id))[:limit]]
            if heads:
                marks = ", ".join(f":p{i}" for i in range(len(heads)))
                units = conn.execute(f"SELECT {_BRIEF} FROM search_units u WHERE u.page_id IN ({marks})",
                                     {f"p{i}": pid for i, pid in enumerate(heads)}).all()
        if len(heads) < limit:
            marks = ", ".join(f":i{i}" for i in range(n))
            units += conn.execute(f"SELECT {_BRIEF} FROM search_units u WHERE u.id IN ({marks})",
                                  {f"i{i}": uid for i, uid in enumerate(ids)}).all()
        best = best_per_page(units, heads, stems_, limit)
        marks = ", ".join(f":u{i}" for i in range(len(best)))
        full = {r.id: r for r in conn.execute(f"SELECT {_COLS} FROM search_units u WHERE u.id IN ({marks})",
                                              {f"u{i}": uid for i, (uid, _) in enumerate(best)})}
    return [_hit(full[uid], score, _snippet(full[uid].text, terms)).as_result() for uid, score in best]


def stems(terms: list[str]) -> list[str]:
    """Query words cut to a rough stem for scoring (what a word and its inflections share)."""
    return [w if len(w) <= 4 else w[: len(w) - 2] for w in terms]


def _score_page(r, stems: list[str]) -> float:
    """A page whose title is mostly the query's words first; the summary counts a quarter."""
    title, summary = r.title.lower(), (r.summary or "").lower()
    tf = sum(4 * title.count(st) + summary.count(st) for st in stems)
    return tf / (1 + len(title) / 40 + len(summary) / 400)


def _score(u, stems: list[str]) -> float:
    """Where the words occur: in the title 4, a heading 2, the text 1 (as the BM25 weights), per length."""
    title, heading, body = u.title.lower(), u.heading.lower(), u.text.lower()
    found = tf = 0
    for st in stems:
        n = 4 * title.count(st) + 2 * heading.count(st) + body.count(st)
        found += n > 0
        tf += n
    return found * 100 + tf / (1 + len(body) / 400)


def _match(expr: str, page_type: str | None) -> str:
    """An FTS5 MATCH over the text columns, narrowed to one page type when asked."""
    match = "{title heading text} : (" + expr + ")"
    if page_type:
        match += ' AND page_type : "' + page_type.replace('"', "") + '"'
    return match


def _all_words(terms: list[str], prefix: str) -> str:
    n = len(terms)
    return " AND ".join(_fts_term(w, prefix == "every" or i == n - 1, i == n - 1) for i, w in enumerate(terms))


def search_units(db, query: str, page_type: str | None = None, limit: int = 20, any_word: bool = True,
                 enough: int | None = None, any_below: int | None = None) -> list[Hit]:
    """Matching units, best first.

    Passes, each run only while fewer than `enough` units were found: every
    word (the last one also as a prefix, as typed), every word as a prefix,
    any word (words too common to tell pages apart are left out; only while
    fewer than `any_below` units were found), substrings (only if nothing was).
    """
    terms = words(query)
    if not terms:
        return []
    enough = limit if enough is None else enough
    any_below = enough if any_below is None else any_below
    backend = _sqlite if db.is_sqlite else _pg().units
    hits: list[Hit] = []
    seen: set[int] = set()
    with db.read() as conn:
        passes = [("all", "last"), ("all", "every")]
        if any_word and len(terms) > 1:
            passes.append(("any", "every"))
        passes.append(("substring", "every"))
        for mode, prefix in passes:
            if len(hits) >= enough or (mode == "any" and len(hits) >= any_below) or (mode == "substring" and hits):
                continue
            ts = _distinctive(conn, db, terms) if mode == "any" else terms
            for h in backend(conn, mode, ts, page_type, limit, prefix):
                if h.id not in seen:
                    seen.add(h.id)
                    hits.append(h)
    return hits[:limit]


COMMON = 2000  # a word in this many units says little about which page is meant


def _distinctive(conn, db, terms: list[str]) -> list[str]:
    """Terms minus the very common ones (which would make an any-word query slow and vague)."""
    df = {w: doc_freq(conn, db, w, cap=COMMON, whole=True) for w in set(terms)}
    keep = [w for w in terms if df[w] < COMMON]
    return keep or [min(terms, key=lambda w: df[w])]


def _whole_word(conn, word: str) -> bool:
    """Does `word` (or a word with its stem) occur in the index at all?"""
    q = '{title heading text} : "' + word.replace('"', "") + '"'
    return conn.execute("SELECT 1 FROM search_fts WHERE search_fts MATCH :q LIMIT 1", {"q": q}).first() is not None


def doc_freq(conn, db, word: str, cap: int = 500, whole: bool = False) -> int:
    """How many units mention `word` (counted up to `cap`): rare words say more about what a question is about.

    `whole`: count the word and its inflections only, not every longer word it begins (much faster for common words)."""
    if db.is_sqlite:
        sql = "SELECT count(*) FROM (SELECT 1 FROM search_fts WHERE search_fts MATCH :q LIMIT :cap)"
        grow = not whole and (len(word) >= 5 or _CJK.search(word))
        term = _fts_term(word) if grow else '"' + word.replace('"', "") + '"'
        return conn.execute(sql, {"q": "{title heading text} : " + term, "cap": cap}).scalar() or 0
    return _pg().doc_freq(conn, word, cap, whole)


def unit_count(conn) -> int:
    return conn.execute("SELECT coalesce(max(id), 0) FROM search_units").scalar() or 0


# --- SQLite: FTS5 ---

_BRIEF = "u.id, u.page_id, u.title, u.heading, u.text"  # enough to score a unit
_COLS = "u.id, u.kind, u.page_id, u.page_type, u.title, u.heading, u.text, u.source, u.start_line, u.end_line, u.cites"


def _fts_term(w: str, prefix: bool = True, last: bool = True) -> str:
    """A word as an FTS5 term; a prefix when asked (for words other than the last one
    typed, only from 4 letters and never for numbers: `ADR-00452` means "adr", not "adr*")."""
    t = '"' + w.replace('"', "") + '"'
    as_prefix = prefix and (len(w) >= 3 if last else len(w) >= 4 and not w.isdigit())
    alt = [t + "*"] if as_prefix or _CJK.search(w) else [t]
    if w in MONTHS:
        alt.append(f'"{MONTHS[w]}"')
    return alt[0] if len(alt) == 1 else "(" + " OR ".join(alt) + ")"


def _sqlite(conn, mode: str, terms: list[str], page_type: str | None, limit: int, prefix: str = "every") -> list[Hit]:
    if mode == "substring":
        return _sqlite_substring(conn, terms, page_type, limit)
    n = len(terms)
    grow = [prefix == "every" or i == n - 1 for i in range(n)]
    if mode == "all" and prefix == "every":
        # Stems already match inflections; a prefix adds only words typed in part. Expanding
        # a common whole word is the slowest thing FTS5 does, so only partial words grow.
        grow = [i == n - 1 or not _whole_word(conn, w) for i, w in enumerate(terms)]
        if all(grow[i] == (i == n - 1) for i in range(n)):
            return []  # the same query as the pass before: nothing new to find
    expr = (" AND " if mode == "all" else " OR ").join(
        _fts_term(w, grow[i], i == n - 1) for i, w in enumerate(terms))
    match = _match(expr, page_type)
    sql = (
        f"SELECT {_COLS}, search_fts.rank AS rank, snippet(search_fts, 2, :o, :c, '…', 14) AS snip "
        "FROM search_fts JOIN search_units u ON u.id = search_fts.rowid "
        "WHERE search_fts MATCH :q ORDER BY search_fts.rank LIMIT :n"
    )
    rows = conn.execute(sql, {"q": match, "n": limit, "o": HL_OPEN, "c": HL_CLOSE}).all()
    return [_hit(r, -r.rank, " ".join(r.snip.split())) for r in rows]


def _sqlite_substring(conn, terms: list[str], page_type: str | None, limit: int) -> list[Hit]:
    """Trigram pass: each word as a substring (words under 3 characters by LIKE)."""
    long_ = [w for w in terms if len(w) >= 3]
    short = [w for w in terms if len(w) < 3 and _CJK.search(w)]
    if not long_ and not short:
        return []
    where, params = [], {"n": limit}
    if long_:
        where.append("u.id IN (SELECT rowid FROM search_tri WHERE search_tri MATCH :q)")
        params["q"] = " AND ".join('"' + w.replace('"', "") + '"' for w in long_)
    for i, w in enumerate(short):
        where.append(f"u.text LIKE :l{i}")
        params[f"l{i}"] = f"%{w}%"
    if page_type:
        where.append("u.page_type = :t")
        params["t"] = page_type
    sql = f"SELECT {_COLS} FROM search_units u WHERE {' AND '.join(where)} LIMIT :n"
    return [_hit(r, 0.0, _snippet(r.text, terms)) for r in conn.execute(sql, params).all()]


# --- shared ---


def _hit(r, score: float, snip: str) -> Hit:
    cites = r.cites
    if isinstance(cites, str):
        cites = json.loads(cites)
    return Hit(id=r.id, kind=r.kind, page=r.page_id, type=r.page_type, title=r.title, heading=r.heading, text=r.text,
               source=r.source, start_line=r.start_line, end_line=r.end_line, snippet=snip,
               score=round(float(score), 3), cites=cites or [])


_SUFFIXES = r"(?:s|es|ed|d|ing|'s)?"


def highlight(piece: str, terms: list[str]) -> str:
    """Mark whole words that match a term (or its inflections) «like this», never part of a longer word:
    "etcd" marks "etcd" but not "etcdctl". Scripts written without spaces (CJK) match inside words."""
    words_, cjk = [], []
    for w in sorted(set(terms), key=len, reverse=True):
        if _CJK.search(w):
            cjk.append(re.escape(w))
            continue
        st = _stem(w)
        words_.append(re.escape(st) + r"\w*" if st != w else re.escape(w) + _SUFFIXES)
    if words_:
        rx = re.compile(r"(?<![^\W_])(" + "|".join(words_) + r")(?![^\W_])", re.I)
        piece = rx.sub(HL_OPEN + r"\1" + HL_CLOSE, piece)
    if cjk:
        piece = re.sub("(" + "|".join(cjk) + ")", HL_OPEN + r"\1" + HL_CLOSE, piece)
    return piece


def _stem(w: str) -> str:
    """A shortened form for inflected words ("rotating" -> "rotat"); short and plain words stay whole."""
    for suf in ("ations", "ation", "ings", "ing", "ions", "ion", "ies", "ed", "es"):
        if w.endswith(suf) and len(w) - len(suf) >= 4:
            return w[: -len(suf)]
    return w


def _snippet(body: str, terms: list[str], width: int = 90) -> str:
    """A window of `body` around the first term found, terms marked «like this»."""
    low = body.lower()
    pos = min((low.find(w) for w in terms if low.find(w) >= 0), default=0)
    start = max(0, pos - width // 3)
    if start:  # begin after a space up to 19 characters back, else at the start if that is near
        gap = body.rfind(" ", max(0, start - 19), start + 1)
        start = gap + 1 if gap > 0 else (0 if start < 20 else start)
    piece = body[start : start + width].replace("\n", " ")
    piece = highlight(piece, terms)
    return ("…" if start else "") + piece + ("…" if start + width < len(body) else "")


def best_per_page(units: list, heads: list[str], stems: list[str], limit: int) -> list[tuple[int, float]]:
    """(unit id, score) of the best-scoring unit of each page, pages named in `heads` first in
    their order, then the rest by score; at most `limit`. Shared by the SQLite and PostgreSQL paths."""
    order = {pid: i for i, pid in enumerate(heads)}
    scored = sorted((order.get(u.page_id, len(order)), -_score(u, stems), u.id, u.page_id) for u in units)
    best, seen = [], set()
    for _, neg, uid, pid in scored:
        if pid not in seen:
            seen.add(pid)
            best.append((uid, -neg))
            if len(best) >= limit:
                break
    return best


# Public names for the PostgreSQL twin (search_pg.py), which shares the scoring so both return the same results.
CJK, BRIEF, COLS = _CJK, _BRIEF, _COLS
score_unit, score_page, make_hit, snippet = _score, _score_page, _hit, _snippet
