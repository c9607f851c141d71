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

from sqlalchemy import and_, delete, func, insert, or_, select, update

from lorebook.store import tables as T
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
    pv = T.page_versions
    ids = list(dict.fromkeys(row["page_id"] for row in versions))
    stored = set()  # pages with any stored version: one query per 500 pages (a first build has none)
    for chunk in batched(ids, 500):
        stored.update(s.execute(select(pv.c.page_id).where(pv.c.page_id.in_(chunk)).distinct()).scalars())
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


def write(s, rows: list[dict], known: dict | None = None) -> None:
    """Store versions (dicts with page_id, version, time, edited_by, origin, content, note), replacing
    any stored row with the same page and version.

    A replaced row may be the base of the next stored version (a page that comes back after it
    was retired starts again at version 1), so that successor is made a snapshot first.
    """
    if not rows:
        return
    pv = T.page_versions
    if s.execute(select(pv.c.page_id).limit(1)).first() is not None:
        keys = [(r["page_id"], r["version"]) for r in rows]
        for chunk in (keys[i:i + 200] for i in range(0, len(keys), 200)):
            found = s.execute(select(pv.c.page_id, pv.c.version).where(
                or_(*(and_(pv.c.page_id == p, pv.c.version == v) for p, v in chunk)))).all()
            for page_id, version in found:
                _snapshot_successor(s, page_id, version)
                s.execute(delete(pv).where(pv.c.page_id == page_id, pv.c.version == version))
    s.execute(insert(pv), encode(s, rows, known))


def _snapshot_successor(s, page_id: str, version: int) -> None:
    pv = T.page_versions
    nxt = s.execute(select(pv.c.version, pv.c.delta).where(pv.c.page_id == page_id, pv.c.version > version)
                    .order_by(pv.c.version).limit(1)).first()
    if nxt is not None and nxt.delta is not None:
        text = content_at(s, page_id, nxt.version)
        s.execute(update(pv).where(pv.c.page_id == page_id, pv.c.version == nxt.version)
                  .values(content=text, delta=None))


def _stored_before(s, page_id: str, version: int) -> "_Tip | None":
    """The newest stored version below `version`, with its text, or None.

    Its text is almost always the page's current content (a version is stored as the page
    moves to it), so that is used when its hash matches; the chain is rebuilt only otherwise.
    Rebuilding a 1-6 MB overview from its snapshot and deltas on every edit cost seconds.
    """
    pv = T.page_versions
    below = s.execute(select(pv.c.version).where(pv.c.page_id == page_id, pv.c.version < version)
                      .order_by(pv.c.version.desc()).limit(1)).scalar()
    if below is None:
        return None
    start = s.execute(select(pv.c.version).where(pv.c.page_id == page_id, pv.c.version <= below,
                                                 pv.c.delta.is_(None))
                      .order_by(pv.c.version.desc()).limit(1)).scalar()
    chain = s.execute(select(pv.c.version, func.length(pv.c.delta).label("delta_len"), pv.c.content_hash)
                      .where(pv.c.page_id == page_id, pv.c.version >= start, pv.c.version <= below)).all()
    deltas = [r.delta_len for r in chain if r.delta_len is not None]
    tip_hash = next(r.content_hash for r in chain if r.version == below)
    current = s.execute(select(T.pages.c.content).where(T.pages.c.id == page_id)).scalar()
    if current is None or sha(current) != tip_hash:
        current = _rebuild(page_id, _chain(s, page_id, below))
    return _Tip(below, current, sum(deltas), len(deltas))


def _chain(s, page_id: str, version: int) -> list:
    """The rows from the newest snapshot at or below `version` up to `version`, oldest first."""
    pv = T.page_versions
    start = s.execute(select(pv.c.version).where(pv.c.page_id == page_id, pv.c.version <= version,
                                                 pv.c.delta.is_(None))
                      .order_by(pv.c.version.desc()).limit(1)).scalar()
    if start is None:
        return []
    return list(s.execute(select(pv.c.version, pv.c.content, pv.c.delta, pv.c.content_hash)
                          .where(pv.c.page_id == page_id, pv.c.version >= start, pv.c.version <= version)
                          .order_by(pv.c.version)))


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
    pv = T.page_versions
    out: dict[int, str] = {}
    text = ""
    for r in s.execute(select(pv.c.version, pv.c.content, pv.c.delta, pv.c.content_hash)
                       .where(pv.c.page_id == page_id).order_by(pv.c.version)):
        if r.delta is None:
            text = r.content
        else:
            text = apply_delta(text, r.delta)
        out[r.version] = text
    return out


def stored_bytes(s, page_id: str | None = None) -> int:
    """Bytes of text the version table holds (snapshots plus deltas), for benchmarks and tests."""
    pv = T.page_versions
    q = select(pv.c.content, pv.c.delta)
    if page_id is not None:
        q = q.where(pv.c.page_id == page_id)
    return sum(len((r.content or "").encode()) + len((r.delta or "").encode()) for r in s.execute(q))
