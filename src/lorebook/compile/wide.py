"""The wiki-wide facts links and the overview are computed from, kept between runs.

Links depend on statistics over every document (how many documents use each term, how many
titles share one) and the large overview on one entry per document. A full `assemble` computes
them here; a changed-set assemble (compile/changes.py) updates them by the delta instead of
recomputing them from every record.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import MutableMapping
from dataclasses import dataclass, field

from lorebook.compile.links import Mention, doc_terms, numbers_named


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


def postings_of(mentions: dict[str, list[Mention]]) -> dict[str, list[str]]:
    """Which documents use each term and name each ADR number (a term never starts with '#')."""
    postings: dict[str, list[str]] = defaultdict(list)
    for pid, ms in mentions.items():
        for t in doc_terms(ms):
            postings[t].append(pid)
        for n in numbers_named(ms):
            postings[number_key(n)].append(pid)
    return postings


def counts_of(postings: dict[str, list[str]]) -> dict[str, int]:
    return {t: len(ids) for t, ids in postings.items() if not t.startswith("#")}
