"""A dict kept on disk in shards, so a run reads and rewrites only the entries it touches.

The incremental state (living/incremental.py) maps every source and page of the
wiki to what the last compile said about it: 60,000 entries at 10,000 sources.
An ingest of one file needs a handful of them. `Sharded` keeps each map as
N_SHARDS marshal files, chosen by a stable hash of the key, plus one file with
the key order: a lookup reads one shard (1/64 of the map), `save` writes the
shards that changed, and iterating (a full re-assembly, a build's scan of wiki/)
reads everything in the order the keys were first set, as a dict would.

Files are never overwritten: each save writes new names (`name-07-<token>.marshal`)
and returns the list to record in the state's head, which is replaced atomically;
files the head no longer names are removed by the caller.
"""

from __future__ import annotations

import gc
import marshal
import os
import secrets
import zlib
from collections.abc import MutableMapping
from pathlib import Path
from typing import Any, Callable, Iterator

N_SHARDS = 64


def shard_of(key: str, n: int = N_SHARDS) -> int:
    return zlib.crc32(key.encode()) % n  # not hash(): that changes from one process to the next


class Sharded(MutableMapping):
    """A str-keyed dict whose entries live in shard files until asked for (see the module docstring).

    `encode`/`decode` turn a value into plain marshal-able data and back. Setting a key to a value
    equal to the one it holds changes nothing, so an unchanged entry never causes a write.
    """

    def __init__(self, encode: Callable[[Any], Any] | None = None, decode: Callable[[Any], Any] | None = None,
                 d: Path | None = None, head: dict | None = None, shards: int = N_SHARDS, ordered: bool = True):
        """`ordered=False`: no file of the key order (iteration goes shard by shard), for a large
        map whose order does not matter and which gains keys often (the term postings)."""
        self._enc = encode
        self._dec = decode
        self._d = d  # the folder the files below are in
        head = head or {}
        self._n = len(head["files"]) if head.get("files") else shards
        self._ordered = head.get("ordered", ordered)
        self._files: list[str | None] = list(head.get("files") or [None] * self._n)
        self._order_file: str | None = head.get("order")
        self._count: int = head.get("count", 0)
        self._shards: dict[int, dict] = {}  # loaded (or new) shards
        self._dirty: set[int] = set()
        self._added: list[str] = []  # keys set since the order file was written, in order
        self._removed: set[str] = set()  # keys deleted since then (their place in the order file is skipped)

    @classmethod
    def from_dict(cls, data: dict, encode=None, decode=None, **kw) -> "Sharded":
        m = cls(encode, decode, **kw)
        for k, v in data.items():
            m[k] = v
        return m

    # reading

    def _shard(self, i: int) -> dict:
        sh = self._shards.get(i)
        if sh is None:
            f = self._files[i]
            sh = {}
            if f is not None:
                raw = marshal.loads((self._d / f).read_bytes())
                sh = {k: self._dec(v) for k, v in raw.items()} if self._dec else raw
            self._shards[i] = sh
        return sh

    def __getitem__(self, key: str):
        return self._shard(shard_of(key, self._n))[key]

    def __contains__(self, key) -> bool:
        return isinstance(key, str) and key in self._shard(shard_of(key, self._n))

    def get(self, key: str, default=None):
        return self._shard(shard_of(key, self._n)).get(key, default)

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[str]:
        if not self._ordered:
            return iter([k for i in range(self._n) for k in self._shard(i)])
        order = marshal.loads((self._d / self._order_file).read_bytes()) if self._order_file else []
        enabled = gc.isenabled()
        gc.disable()  # loading every shard makes tens of thousands of objects at once
        try:
            for i in range(self._n):
                self._shard(i)
        finally:
            if enabled:
                gc.enable()
        keys = [k for k in order if k not in self._removed] + self._added if self._removed else order + self._added
        return iter(keys)

    def items(self):
        keys = list(self)  # loads every shard
        merged = {}
        for sh in self._shards.values():
            merged.update(sh)
        return [(k, merged[k]) for k in keys]

    def values(self):
        return [v for _k, v in self.items()]

    # writing

    def __setitem__(self, key: str, value) -> None:
        i = shard_of(key, self._n)
        sh = self._shard(i)
        if key in sh:
            if sh[key] == value:
                return
        else:
            self._count += 1
            if self._ordered:
                self._added.append(key)  # last, as in a dict (if it was deleted before, _removed hides its old place)
        sh[key] = value
        self._dirty.add(i)

    def __delitem__(self, key: str) -> None:
        i = shard_of(key, self._n)
        sh = self._shard(i)
        del sh[key]
        self._count -= 1
        self._dirty.add(i)
        if not self._ordered:
            return
        if key in self._added:
            self._added.remove(key)
        self._removed.add(key)  # skipped where the order file has it

    def changed(self) -> bool:
        """Whether anything was set or deleted since the map was read (or it was never saved)."""
        return self._d is None or bool(self._dirty or self._added or self._removed)

    def copy(self) -> "Sharded":
        """An independent map: changes to it do not show in this one (the files are shared, never changed)."""
        m = Sharded(self._enc, self._dec, self._d, shards=self._n, ordered=self._ordered)
        m._files, m._order_file, m._count = list(self._files), self._order_file, self._count
        m._shards = {i: dict(sh) for i, sh in self._shards.items()}
        m._dirty, m._added, m._removed = set(self._dirty), list(self._added), set(self._removed)
        return m

    def save(self, d: Path, name: str) -> dict:
        """Write what changed (everything, if these files are not in `d`) and return the head entry."""
        if self._d != d:  # new, or read from elsewhere: every shard
            for i in range(self._n):
                self._shard(i)
            self._dirty = {i for i, sh in self._shards.items() if sh} | {i for i, f in enumerate(self._files) if f}
            order = list(self) if self._ordered else []
            self._added, self._removed, self._order_file = order, set(), None
        token = secrets.token_hex(6)
        for i in sorted(self._dirty):
            sh = self._shards[i]
            if not sh:
                self._files[i] = None
                continue
            data = {k: self._enc(v) for k, v in sh.items()} if self._enc else sh
            self._files[i] = f"{name}-{i:02d}-{token}.marshal"
            write_atomic(d / self._files[i], marshal.dumps(data))
        if self._ordered and (self._added or self._removed):
            order = list(self)
            self._order_file = f"{name}-order-{token}.marshal"
            write_atomic(d / self._order_file, marshal.dumps(order))
        self._d, self._dirty, self._added, self._removed = d, set(), [], set()
        return {"files": self._files, "order": self._order_file, "count": self._count, "ordered": self._ordered}

    def file_names(self) -> set[str]:
        return {f for f in self._files if f} | ({self._order_file} if self._order_file else set())


def write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except BaseException:  # a full disk must not be kept full by our half-written file
        tmp.unlink(missing_ok=True)
        raise
