"""Three-way merge of a page: last compiled text (base), the human's text, the new compiled text.

Uses the `merge3` package (Bazaar/Breezy's merge algorithm) rather than a
hand-written diff3. A conflict keeps the human text; the markers go to a side file.
"""

from __future__ import annotations

from dataclasses import dataclass

from merge3 import Merge3


@dataclass
class MergeResult:
    text: str
    conflicted: bool
    markers: str = ""  # the merge with conflict markers, for the side file


def merge_page(base: str, human: str, compiled: str) -> MergeResult:
    m = Merge3(base.splitlines(True), human.splitlines(True), compiled.splitlines(True))
    conflicted = any(g[0] == "conflict" for g in m.merge_regions())
    if not conflicted:
        return MergeResult("".join(m.merge_lines()), False)
    markers = "".join(m.merge_lines(name_a="your edit", name_b="new compile", name_base="last compile",
                                    base_marker="|||||||"))
    return MergeResult(human, True, markers)
