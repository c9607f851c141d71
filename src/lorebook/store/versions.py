"""Page versions stored as chains of line deltas, so an edit costs storage in proportion to what changed.

A version row holds either the page's full text (a snapshot: `delta` is NULL) or a delta
against the version before it (`content` is NULL). Before this, every anchored citation move
on the overview of a 10,000-source wiki stored another full 6.6 MB copy of it.

A chain starts a new snapshot when its deltas together would outgrow one copy of the page,
or after `MAX_CHAIN` deltas, so reading any version applies a bounded number of deltas
and a page's history costs at most about two copies of it per snapshot.

The delta is JSON: a list of operations over the previous version's lines, either
`[start, end]` (copy those lines, end exclusive) or a string (insert these lines' text).
`content_hash` stays the sha256 of the full text, and reading checks it.
"""

from __future__ import annotations

import difflib
import hashlib
import json

from lorebook.store.db import marks
from lorebook.utilities import batched

MAX_CHAIN = 100


class VersionCorrupt(Exception):
    """A stored version does not rebuild to the text its hash records; the message says what to do."""


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def make_delta(old: str, new: str) -> str:
    """The operations that turn `old` into `new`, line by line.

    Common leading and trailing lines are cut off before difflib looks at the middle: a page
    edit or a citation move touches a few lines of a page that can be 100,000 lines long.
    """
    a, b = old.splitlines(True), new.splitlines(True)
    head = 0
    limit = min(len(a), len(b))
    while head < limit and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < limit - head and a[len(a) - 1 - tail] == b[len(b) - 1 - tail]:
        tail += 1
    ops: list = []
    if head:
        ops.append([0, head])
    mid_a, mid_b = a[head:len(a) - tail], b[head:len(b) - tail]
    matcher = difflib.SequenceMatcher(None, mid_a, mid_b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append([head + i1, head + i2])
        elif j2 > j1:
            ops.append("".join(mid_b[j1:j2]))
    if tail:
        ops.append([len(a) - tail, len(a)])
    return json.dumps(ops, ensure_ascii=False, separators=(",", ":"))


def apply_delta(old: str, delta: str) -> str:
    lines = old.splitlines(True)
    out = []
    for op in json.loads(delta):
        out.append(op if isinstance(op, str) else "".join(lines[op[0]:op[1]]))
    return "".join(out)


def tips(s, versions: list[dict]) -> dict:
    """For each page in `versions`, the stored version its first new row follows (see `encode`).

    Read before the page rows are overwritten in the same transaction: the tip's text is then
    the page's current content, taken from its row, and no chain of deltas is replayed to learn it."""
    ids = list(dict.fromkeys(row["page_id"] for row in versions))
    stored = set()  # pages with any stored version: one query per 500 pages (a first build has none)
    for chunk in batched(ids, 500):
        in_ids, by_ids = marks("p", chunk)
        stored.update(s.execute(f"SELECT DISTINCT page_id FROM page_versions WHERE page_id IN ({in_ids})", by_ids).scalars())
    out: dict = {}
    for row in versions:
        pid = row["page_id"]
        if pid not in out:
            out[pid] = _stored_before(s, pid, row["version"]) if pid in stored else None
    return out


def encode(s, versions: list[dict], known: dict | None = None) -> list[dict]:
    """Version rows ready to insert: each dict holds page_id, version and `content` (the full text)
    plus any other columns; returns them with `content`/`delta`/`content_hash` set for storage.

    Rows for one page must come in ascending version order. The previous version is read back
    from the table (or taken from an earlier row of the same batch, or from `known`, what `tips`
    returned), so a delta always applies to exactly the text it was made from.
    """
    last: dict[str, _Tip] = {}
    known = known or {}
    out = []
    for row in versions:
        pid = row["page_id"]
        if pid in last:
            tip = last[pid]
        elif pid in known:
            tip = known[pid]  # None: `tips` found nothing stored before it
        else:
            tip = _stored_before(s, pid, row["version"])
        if tip is not None and tip.version >= row["version"]:
            tip = _stored_before(s, pid, row["version"])
        stored, last[pid] = _place(tip, row)
        out.append(stored)
    return out


def encode_chain(rows: list[dict]) -> list[dict]:
    """`encode` for one page's complete history, oldest first, with nothing stored yet (migrations)."""
    tip, out = None, []
    for row in rows:
        stored, tip = _place(tip, row)
        out.append(stored)
    return out


class _Tip:
    """The newest version of a page as a chain sees it: its text, and how long its chain has grown."""

    __slots__ = ("version", "text", "delta_bytes", "deltas")

    def __init__(self, version: int, text: str, delta_bytes: int = 0, deltas: int = 0):
        self.version, self.text, self.delta_bytes, self.deltas = version, text, delta_bytes, deltas


def _place(tip: "_Tip | None", row: dict) -> tuple[dict, _Tip]:
    """The row to store for `row` after `tip`: a delta, or a snapshot when the chain is long enough."""
    text = row["content"]
    stored = dict(row, content_hash=sha(text))
    if tip is not None:
        delta = make_delta(tip.text, text)
        grown = tip.delta_bytes + len(delta)
        if grown <= len(text) and tip.deltas < MAX_CHAIN:
            stored.update(content=None, delta=delta)
            return stored, _Tip(row["version"], text, grown, tip.deltas + 1)
    stored.update(content=text, delta=None)
    return stored, _Tip(row["version"], text)


def write(s, rows: list[dict], known: dict | None = None, stored: bool | None = None) -> None:
    """Store versions (dicts with page_id, version, time, edited_by, origin, content, note), replacing
    any stored row with the same page and version.

    A replaced row may be the base of the next stored version (a page that comes back after it
    was retired starts again at version 1), so that successor is made a snapshot first.
    `stored`: whether the table held any row before this save (None: look), when a save writes its
    versions in several calls (a first build's batches then need not look up the rows they add).
    """
    if not rows:
        return
    if stored is None:
        stored = s.execute("SELECT page_id FROM page_versions LIMIT 1").first() is not None
    if stored:
        keys = [(r["page_id"], r["version"]) for r in rows]
        for chunk in (keys[i:i + 200] for i in range(0, len(keys), 200)):
            params = {}
            for i, (p, v) in enumerate(chunk):
                params[f"p{i}"], params[f"v{i}"] = p, v
            where = " OR ".join(f"(page_id = :p{i} AND version = :v{i})" for i in range(len(chunk)))
            found = s.execute(f"SELECT page_id, version FROM page_versions WHERE {where}", params).all()
            for page_id, version in found:
                _snapshot_successor(s, page_id, version)
                s.execute("DELETE FROM page_versions WHERE page_id = :p AND version = :v", {"p": page_id, "v": version})
    stored = encode(s, rows, known)
    cols = list(stored[0])
    s.execute(f"INSERT INTO page_versions ({', '.join(cols)}) VALUES ({', '.join(':' + c for c in cols)})", stored)


def _snapshot_successor(s, page_id: str, version: int) -> None:
    nxt = s.execute("SELECT version, delta FROM page_versions WHERE page_id = :p AND version > :v "
                    "ORDER BY version LIMIT 1", {"p": page_id, "v": version}).first()
    if nxt is not None and nxt.delta is not None:
        text = content_at(s, page_id, nxt.version)
        s.execute("UPDATE page_versions SET content = :content, delta = NULL WHERE page_id = :p AND version = :v",
                  {"content": text, "p": page_id, "v": nxt.version})


def _stored_before(s, page_id: str, version: int) -> "_Tip | None":
    """The newest stored version below `version`, with its text, or None.

    Its text is almost always the page's current content (a version is stored as the page
    moves to it), so that is used when its hash matches; the chain is rebuilt only otherwise.
    Rebuilding a 1-6 MB overview from its snapshot and deltas on every edit cost seconds.
    """
    below = s.execute("SELECT version FROM page_versions WHERE page_id = :p AND version < :v "
                      "ORDER BY version DESC LIMIT 1", {"p": page_id, "v": version}).scalar()
    if below is None:
        return None
    start = s.execute("SELECT version FROM page_versions WHERE page_id = :p AND version <= :v AND delta IS NULL "
                      "ORDER BY version DESC LIMIT 1", {"p": page_id, "v": below}).scalar()
    chain = s.execute("SELECT version, length(delta) AS delta_len, content_hash FROM page_versions "
                      "WHERE page_id = :p AND version >= :lo AND version <= :hi",
                      {"p": page_id, "lo": start, "hi": below}).all()
    deltas = [r.delta_len for r in chain if r.delta_len is not None]
    tip_hash = next(r.content_hash for r in chain if r.version == below)
    current = s.execute("SELECT content FROM pages WHERE id = :id", {"id": page_id}).scalar()
    if current is None or sha(current) != tip_hash:
        current = _rebuild(page_id, _chain(s, page_id, below))
    return _Tip(below, current, sum(deltas), len(deltas))


def _chain(s, page_id: str, version: int) -> list:
    """The rows from the newest snapshot at or below `version` up to `version`, oldest first."""
    start = s.execute("SELECT version FROM page_versions WHERE page_id = :p AND version <= :v AND delta IS NULL "
                      "ORDER BY version DESC LIMIT 1", {"p": page_id, "v": version}).scalar()
    if start is None:
        return []
    return list(s.execute("SELECT version, content, delta, content_hash FROM page_versions "
                          "WHERE page_id = :p AND version >= :lo AND version <= :hi ORDER BY version",
                          {"p": page_id, "lo": start, "hi": version}))


def _rebuild(page_id: str, rows: list) -> str:
    text = ""
    for r in rows:
        text = r.content if r.delta is None else apply_delta(text, r.delta)
    if rows and sha(text) != rows[-1].content_hash:
        raise VersionCorrupt(f"version {rows[-1].version} of '{page_id}' does not match its hash; "
                             "run `lorebook build --repair` to rebuild the wiki from raw/")
    return text


def content_at(s, page_id: str, version: int) -> str | None:
    """The full text of one version, or None when the page has no such version."""
    rows = _chain(s, page_id, version)
    if not rows or rows[-1].version != version:
        return None
    return _rebuild(page_id, rows)


def all_contents(s, page_id: str) -> dict[int, str]:
    """Every version's full text, rebuilt in one pass over the page's rows."""
    out: dict[int, str] = {}
    text = ""
    for r in s.execute("SELECT version, content, delta, content_hash FROM page_versions WHERE page_id = :p "
                       "ORDER BY version", {"p": page_id}):
        if r.delta is None:
            text = r.content
        else:
            text = apply_delta(text, r.delta)
        out[r.version] = text
    return out


def stored_bytes(s, page_id: str | None = None) -> int:
    """Bytes of text the version table holds (snapshots plus deltas), for benchmarks and tests."""
    if page_id is None:
        rows = s.execute("SELECT content, delta FROM page_versions")
    else:
        rows = s.execute("SELECT content, delta FROM page_versions WHERE page_id = :p", {"p": page_id})
    return sum(len((r.content or "").encode()) + len((r.delta or "").encode()) for r in rows)
