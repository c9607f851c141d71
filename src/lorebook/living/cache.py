"""What earlier runs learnt, kept in .lorebook/cache/ so a run re-reads only what changed.

- stat.marshal: raw path -> (size, mtime_ns, sha256), so unchanged files are not even read;
- units/<sha>.pkl: the SourceUnit compiled from a file with that content.
Everything here can be deleted at any time; it is rebuilt from raw/.
"""

from __future__ import annotations

import gc
import marshal
import os
import pickle
from pathlib import Path

from lorebook.compile import SourceUnit
from lorebook.living.shards import write_atomic

VERSION = 7  # bump when SourceUnit or the compiler's output changes shape (5: Source.sentences; 6: Record.stated_status; 7: Block.speaker)


class Cache:
    def __init__(self, state_dir: Path):
        self.dir = state_dir / "cache"
        self.units = self.dir / f"units-v{VERSION}"
        self.stat_path = self.dir / "stat.marshal"  # marshal: 3x faster than pickle for plain tuples
        self._stat: dict[str, tuple[int, int, str]] | None = None
        self._made = False  # units/ exists (checked once per run, not once per unit)

    def stats(self) -> dict[str, tuple[int, int, str]]:
        if self._stat is None:
            enabled = gc.isenabled()
            gc.disable()  # 10,000 new tuples would set off collections that walk every object already loaded
            try:
                self._stat = marshal.loads(self.stat_path.read_bytes())
            except Exception:  # missing or unreadable: start afresh
                self._stat = {}
            finally:
                if enabled:
                    gc.enable()
        return self._stat

    def known_sha(self, rel: str, st: os.stat_result) -> str | None:
        """The sha of `rel` if its size and mtime are what they were when it was last read."""
        hit = self.stats().get(rel)
        if hit and hit[0] == st.st_size and hit[1] == st.st_mtime_ns:
            return hit[2]
        return None

    def remember(self, rel: str, st: os.stat_result, sha: str) -> None:
        self.stats()[rel] = (st.st_size, st.st_mtime_ns, sha)

    def forget_missing(self, present: set[str]) -> None:
        for k in [k for k in self.stats() if k not in present]:
            del self._stat[k]

    def unit(self, sha: str) -> SourceUnit | None:
        try:
            return pickle.loads((self.units / f"{sha}.pkl").read_bytes())
        except Exception:
            return None

    def unit_bytes(self, sha: str) -> bytes | None:
        """The pickle of the unit stored for `sha`, not loaded."""
        try:
            return (self.units / f"{sha}.pkl").read_bytes()
        except OSError:
            return None

    def put_unit(self, unit: SourceUnit, pickled: bytes | None = None) -> None:
        """Store `unit` (`pickled`: its pickle, when the compiler already made one)."""
        self.put_pickled(unit.source.sha256, pickled or pickle.dumps(unit, protocol=pickle.HIGHEST_PROTOCOL))

    def put_pickled(self, sha: str, pickled: bytes) -> None:
        """Store a unit already pickled, compiled from content with this sha256."""
        if not self._made:
            self.units.mkdir(parents=True, exist_ok=True)
            self._made = True
        write_atomic(self.units / f"{sha}.pkl", pickled)

    def save(self) -> None:
        if self._stat is not None:
            self.dir.mkdir(parents=True, exist_ok=True)
            write_atomic(self.stat_path, marshal.dumps(self._stat))
