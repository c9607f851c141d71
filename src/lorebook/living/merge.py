"""Three-way merge of a page: last compiled text (base), the human's text, the new compiled text.

Uses the `merge3` package (Bazaar/Breezy's merge algorithm) rather than a
hand-written diff3. Two things would make every merge conflict for no reason, so
they are set aside first: the volatile front matter (version, time, editor) and
the citation links, which move whenever lines are added to the source. Lines are
merged with their citations masked; afterwards compiled lines get their new
citations back, and human lines get the new form of the citations they carried.
A real conflict keeps the human text; the markers go to a side file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from merge3 import Merge3

from lorebook.living.frontmatter import set_meta

VOLATILE = dict(version=0, edited_by="", origin="", updated="")  # set after the merge, never a conflict
_SUP = re.compile(r"<sup>.*?</sup>")


@dataclass
class MergeResult:
    text: str
    conflicted: bool
    markers: str = ""  # the merge with conflict markers, for the side file


def _mask(line: str) -> str:
    return _SUP.sub("<sup>†</sup>", line)


def merge_page(base: str, human: str, compiled: str) -> MergeResult:
    b, h, c = (set_meta(t, **VOLATILE).splitlines(True) for t in (base, human, compiled))
    m = Merge3([_mask(x) for x in b], [_mask(x) for x in h], [_mask(x) for x in c])
    if any(g[0] == "conflict" for g in m.merge_regions()):
        markers = "".join(Merge3(b, h, c).merge_lines(name_a="your edit", name_b="new compile",
                                                       name_base="last compile", base_marker="|||||||"))
        return MergeResult(human, True, markers)
    compiled_of = {_mask(x): x for x in c}
    human_of = {_mask(x): x for x in h}
    moved = {}  # old citation suffix -> new, from lines the compile kept apart from their citations
    for x in b:
        y = compiled_of.get(_mask(x))
        if y is not None:
            for old, new in zip(_SUP.findall(x), _SUP.findall(y)):
                moved.setdefault(old, new)
    out = []
    for line in m.merge_lines():
        if line in compiled_of:
            out.append(compiled_of[line])
        elif line in human_of:
            out.append(_SUP.sub(lambda mo: moved.get(mo.group(0), mo.group(0)), human_of[line]))
        else:
            out.append(line)
    return MergeResult("".join(out), False)
