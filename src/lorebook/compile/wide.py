"""The wiki-wide facts links and the overview are computed from, kept between runs.

Links depend on statistics over every document (how many documents use each term, how many
titles share one) and the large overview on one entry per document. A full `assemble` computes
them here; a changed-set assemble (compile/changes.py) updates them by the delta instead of
recomputing them from every record.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import dataclass, field



@dataclass
class Wide:
    df: dict[str, int]  # term -> how many documents use it
    n_docs: int
    postings: MutableMapping[str, list[str]]  # term, or "#N" for ADR number N -> ids of documents naming it
    entries: MutableMapping[str, tuple]  # doc page id -> overview.overview_entry; source page id -> ("source", path, lines)
    mirrored: set[str] = field(default_factory=set)  # pages whose records got a mirrored supersession
    sup_refs: set[str] = field(default_factory=set)  # every name a stated supersession uses (reciprocal.stated_refs)
    overview_cites: set[str] = field(default_factory=set)  # pages whose entries the large overview cites


def number_key(n: int) -> str:
    return f"#{n}"


def counts_of(postings: dict[str, list[str]]) -> dict[str, int]:
    return {t: len(ids) for t, ids in postings.items() if not t.startswith("#")}
