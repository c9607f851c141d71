"""assemble's changed-set mode: the sources added, changed or removed, plus the saved wiki-wide state.

A full `assemble` links every document against every other; at 10,000 sources that is many
seconds. Here the wiki-wide facts it computes (compile/wide.py: how many documents use each
term, which documents use it, each document's overview entry; the link index over every title)
come from the last run and are updated by the delta. Then only the documents whose links can
have moved are linked again: the changed ones, and those that name a title, term or ADR number
that appeared or went (found through the term postings). Pages are rebuilt where their text
changes: the changed sources' pages, pages that gain or lose a link, the overview, index.md.

The result equals a full assemble, or this returns None and the caller takes the full path:
when page ids would shift (a new title that another page holds, a freed id another page was
numbered around), a supersession is involved, a saved answer cites a page that changes, a
threshold of the link rules moves for a title other than the changed ones (a term becomes common
or rare, a title's rarest term changes), too many documents would need linking again, or the
wiki is small enough that its overview describes every document (then a full assemble is cheap).

Citations that only moved (a line inserted above them) in pages not rebuilt are re-located by
the save's anchoring step, as before.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, MutableMapping
from dataclasses import dataclass

from lorebook.compile import CompiledWiki, SourceUnit, add_related, append_related_source, confidence
from lorebook.compile.links import (LinkIndex, Target, common_cut_of, distinctive_in, doc_terms, find_links,
                                    make_target, mentions_of, numbers_named)
from lorebook.compile import overview as overview_rules
from lorebook.compile.assembly import PageLine
from lorebook.compile.overview import (OVERVIEW_ID, OVERVIEW_PATH, describe, index_markdown, overview_entry,
                                       overview_page, source_page, source_page_id, summary_overview, summary_spans)
from lorebook.compile.reciprocal import reciprocal_supersedes
from lorebook.compile.pages import base_id, document_page
from lorebook.compile.reciprocal import names_of, stated_refs
from lorebook.compile.wide import Wide, number_key
from lorebook.model import Link, Page, Record
from lorebook.utilities import unique_id

DOC_REASONS = ("number", "title", "subject")
TYPED = ("decision", "incident", "runbook")
# Documents (other than the changed ones) linked again at most; past this the full path is as quick.
RELINK_LIMIT = 300


@dataclass
class Prior:
    """What the last run saved (living/incremental.py fills it; maps may be read lazily)."""

    by_source: MutableMapping[str, list[str]]  # source path -> its document page ids, in order
    base_ids: MutableMapping[str, list[str]]  # source path -> base ids of its records
    source_page: MutableMapping[str, str]  # source path -> its source page id
    targets: MutableMapping[str, Target]  # page id -> links.Target (decisions, incidents, runbooks)
    meta: MutableMapping[str, tuple]  # page id -> (type, title, path, summary, confidence)
    links: list[Link]  # document-to-document links, sorted by (src, dst)
    index: LinkIndex  # find_links' tables over `targets`
    wide: Wide
    load_unit: Callable[[str], SourceUnit | None]  # a source path -> its unit as last compiled


@dataclass
class Result:
    compiled: CompiledWiki  # the pages to write (and their links); compiled.removed: pages that are gone
    prior: Prior  # the state after this run (maps changed in place on copies)


class _Counts(Mapping):
    """A term count table plus a delta, without copying the table."""

    def __init__(self, base: Mapping[str, int], delta: dict[str, int]):
        self.base, self.delta = base, delta

    def get(self, key, default=0):
        v = self.base.get(key, 0) + self.delta.get(key, 0)
        return v if v or key in self.base or key in self.delta else default

    def __getitem__(self, key):
        return self.get(key, 0)

    def __iter__(self):
        return iter(set(self.base) | set(self.delta))

    def __len__(self):
        return len(set(self.base) | set(self.delta))


# Why the last changed-set assemble in this process took the full path (for benchmarks and tests).
why_full = {"reason": ""}


def _no(reason: str) -> None:
    why_full["reason"] = reason
    return None


def _locate(pids, wide: Wide, src_of: dict[str, str]) -> bool:
    """Add each page's source (from its saved overview entry) to `src_of`; False when one has none."""
    for pid in pids:
        e = wide.entries.get(pid)
        if e is None or not e[5]:
            return False
        src_of[pid] = e[5][0]
    return True


def _load_units(paths, prior: Prior, units: dict[str, SourceUnit], records: dict[str, Record]) -> bool:
    """Load the last-compiled units of `paths` into `units` and their records (by page id) into `records`,
    keeping records already there; False when a unit is missing or no longer matches its pages."""
    for path in sorted(paths):
        u = prior.load_unit(path)
        ids = list(prior.by_source.get(path, []))
        if u is None or len(u.records) != len(ids):
            return False
        units[path] = u
        for pid, r in zip(ids, u.records):
            records.setdefault(pid, r)
    return True


def _stub(meta: tuple, pid: str) -> Page:
    t, title, path, summary, conf = meta
    return Page(id=pid, type=t, title=title, path=path, blocks=[], summary=summary, confidence=conf)


def _meta_of(p: Page) -> tuple:
    return (p.type, p.title, p.path, p.summary, p.confidence)


def _sig(entry: tuple | None) -> tuple | None:
    """An overview entry without its spans: what decides the overview's words and order."""
    if entry is None:
        return None
    kind, date, _spans, _doc, items, sources, stated = entry
    return kind, date, tuple((t, o) for t, o, _s in items), tuple(sources), stated


def assemble_changes(name: str, prior: Prior, changed: list[SourceUnit], removed: list[str],
                     answers: list[Page] = (), index_exists: bool = True) -> Result | None:
    """The changed-set assemble (see the module docstring): None when the full path is needed."""
    why_full["reason"] = ""
    changed = sorted(changed, key=lambda u: u.source.path)
    wide = prior.wide
    meta = prior.meta
    gone_paths = sorted(set(removed) | {u.source.path for u in changed})

    # 1. What the changed and removed sources held before.
    old_docs: dict[str, tuple[str, Record]] = {}  # page id -> (source path, record as last compiled)
    old_src_ids: dict[str, str] = {}
    for path in gone_paths:
        ids = list(prior.by_source.get(path, []))
        if path in prior.source_page:
            old_src_ids[path] = prior.source_page[path]
        elif path in removed:
            return _no("unknown source")  # not a source this state knows
        if ids:
            unit = prior.load_unit(path)
            if unit is None or len(unit.records) != len(ids):
                return _no("unit missing")
            for pid, r in zip(ids, unit.records):
                old_docs[pid] = (path, r)
    freed = set(old_docs) | set(old_src_ids.values())

    def other(pid: str) -> bool:
        return pid == OVERVIEW_ID or (pid in meta and pid not in freed)

    # 2. Ids for the new documents and source pages, as a full assemble would give them.
    used: set[str] = set()
    new_docs: list[tuple[SourceUnit, list[tuple[str, Record]]]] = []
    bases = {base_id(r) for _p, r in old_docs.values()}
    for u in changed:
        made = []
        for r in u.records:
            b = base_id(r)
            bases.add(b)
            pid = unique_id(b, used)
            if other(pid):
                return _no("id taken")
            made.append((pid, r))
        new_docs.append((u, made))
    if any(other(b) or other(f"{b}-2") for b in bases):
        return _no("base id shared")  # an unchanged page shares a base id: its number could move
    for path, pid in old_src_ids.items():
        base = source_page_id(path)  # "source-…-decisio-3" is one of a family of truncated ids: removing or adding
        if pid != base or other(f"{base}-2"):  # one of them renumbers the others in a full build
            return _no("source id numbered")
    for _p, r in list(old_docs.values()) + [x for _u, m in new_docs for x in m]:
        if pid_mirrored(r, wide):
            return _no("supersession")
    if old_docs.keys() & wide.mirrored:
        return _no("supersession")

    # 3. Pages of the changed sources (document pages; source pages after links).
    new_pages: dict[str, Page] = {}
    new_records: dict[str, Record] = {}
    for _u, made in new_docs:
        for pid, r in made:
            new_pages[pid] = document_page(r, pid)
            new_records[pid] = r
    answer_cites = {dst for a in answers for dst in a.links}

    # 4. Statistics by the delta.
    old_mentions = {pid: mentions_of(pid, r) for pid, (_path, r) in old_docs.items()}
    new_mentions = {pid: mentions_of(pid, r) for pid, r in new_records.items()}
    old_terms = {pid: doc_terms(ms) for pid, ms in old_mentions.items()}
    new_terms = {pid: doc_terms(ms) for pid, ms in new_mentions.items()}
    old_nums = {pid: numbers_named(ms) for pid, ms in old_mentions.items()}
    new_nums = {pid: numbers_named(ms) for pid, ms in new_mentions.items()}
    delta: dict[str, int] = defaultdict(int)
    for ts in old_terms.values():
        for t in ts:
            delta[t] -= 1
    for ts in new_terms.values():
        for t in ts:
            delta[t] += 1
    delta = {t: d for t, d in delta.items() if d}
    df_old = wide.df
    df_new = _Counts(df_old, delta)
    n_old = wide.n_docs
    n_new = n_old - len(old_docs) + len(new_records)

    # Targets before and after.
    old_targets = {pid: prior.targets[pid] for pid in old_docs if pid in prior.targets}
    new_targets = {pid: make_target(pid, r, new_pages[pid].title) for pid, r in new_records.items()
                   if new_pages[pid].type in TYPED}
    same = {pid for pid in old_targets.keys() & new_targets.keys() if vars(old_targets[pid]) == vars(new_targets[pid])}
    gone_t = {pid: t for pid, t in old_targets.items() if pid not in same}
    came_t = {pid: t for pid, t in new_targets.items() if pid not in same}

    ix = prior.index
    by_term, by_number, by_rarest = ix.by_term, ix.by_number, ix.by_rarest
    term_delta: dict[str, int] = defaultdict(int)
    for t in gone_t.values():
        for x in t.title_terms:
            term_delta[x] -= 1
    for t in came_t.values():
        for x in t.title_terms:
            term_delta[x] += 1
    term_delta = {x: d for x, d in term_delta.items() if d}
    n_t_old = ix.n
    n_t_new = ix.n - len(gone_t) + len(came_t)

    def count_old(x: str) -> int:
        return len(by_term.get(x, ()))

    def count_new(x: str) -> int:
        return count_old(x) + term_delta.get(x, 0)

    changed_t = set(gone_t) | set(came_t)

    def has_unchanged_target(x: str) -> bool:
        return any(pid not in changed_t for pid in by_term.get(x, ()))

    # 5. Thresholds: a title term that turns common or rare among titles or documents changes
    # which mentions count for it (relink the documents using it), and a rare one changes a
    # title's subject (relink the documents using any of that title's terms).
    cut_old, cut_new = common_cut_of(n_t_old), common_cut_of(n_t_new)
    dist_old, dist_new = distinctive_in(df_old, n_old), distinctive_in(df_new, n_new)
    moved_cut = cut_old != cut_new or (n_old < 20) != (n_new < 20) \
        or math.floor(max(3, n_old * 0.15)) != math.floor(max(3, n_new * 0.15))
    check = set(by_term) if moved_cut else (set(delta) | set(term_delta))
    flip_terms: set[str] = set()
    flip_subject: set[str] = set()
    for x in check:
        if x not in by_term or not has_unchanged_target(x):
            continue
        dist_flip = dist_old(x) != dist_new(x)
        if dist_flip or (count_old(x) > cut_old) != (count_new(x) > cut_new):
            flip_terms.add(x)
        if dist_flip:
            flip_subject |= {pid for pid in by_term[x] if pid not in changed_t}
    # A title is looked for where its rarest term is used: a title whose rarest term changes moves
    # in the index, and the documents using either term are linked again.
    rarest_of = {pid: term for term, entries in by_rarest.items() for pid, _title in entries} if term_delta else {}
    rarest_moved: dict[str, tuple[str, str, str]] = {}  # page id -> (old rarest, new rarest, title)
    for x, d in term_delta.items():
        for pid in by_term.get(x, ()):
            if pid in changed_t or pid not in rarest_of or pid in rarest_moved:
                continue
            r = rarest_of[pid]
            if (d < 0 and r != x and (count_new(x), x) < (count_new(r), r)) or (d > 0 and r == x):
                t = prior.targets.get(pid)
                if t is None:
                    return _no("target missing")
                r1 = min(t.title_terms, key=lambda y: (count_new(y), y))
                if r1 != r:
                    rarest_moved[pid] = (r, r1, t.title)

    # 6. The new link index (lists copied where they change).
    new_by_term = dict(by_term)
    for pid, t in gone_t.items():
        for x in t.title_terms:
            new_by_term[x] = [p for p in new_by_term[x] if p != pid]
            if not new_by_term[x]:
                del new_by_term[x]
    for pid, t in came_t.items():
        for x in t.title_terms:
            new_by_term[x] = new_by_term.get(x, []) + [pid]
    new_by_number = dict(by_number)
    for pid, t in gone_t.items():
        if t.number is not None:
            new_by_number[t.number] = [c for c in new_by_number[t.number] if c[0] != pid]
            if not new_by_number[t.number]:
                del new_by_number[t.number]
    for pid, t in came_t.items():
        if t.number is not None:
            new_by_number[t.number] = new_by_number.get(t.number, []) + [(pid, t.source_dir)]
    new_by_rarest = dict(by_rarest)
    old_rarest = {}
    for pid, t in gone_t.items():
        if len(t.title_terms) >= 2 and len(t.title) >= 12:
            r = min(t.title_terms, key=lambda y: (count_old(y), y))
            old_rarest[pid] = r
            new_by_rarest[r] = [e for e in new_by_rarest.get(r, []) if e[0] != pid]
            if not new_by_rarest[r]:
                del new_by_rarest[r]
    for pid, (r0, r1, title) in rarest_moved.items():
        new_by_rarest[r0] = [e for e in new_by_rarest.get(r0, []) if e[0] != pid]
        if not new_by_rarest[r0]:
            del new_by_rarest[r0]
        new_by_rarest[r1] = new_by_rarest.get(r1, []) + [(pid, title)]
    came_rarest = {}
    for pid, t in came_t.items():
        if len(t.title_terms) >= 2 and len(t.title) >= 12:
            r = min(t.title_terms, key=lambda y: (len(new_by_term[y]), y))
            came_rarest[pid] = r
            new_by_rarest[r] = new_by_rarest.get(r, []) + [(pid, t.title)]
    targets = prior.targets
    for pid in gone_t:
        if pid not in new_targets:
            del targets[pid]
    for pid, t in came_t.items():
        targets[pid] = t
    index = LinkIndex(new_by_number, new_by_term, new_by_rarest, targets, n_t_new) \
        if gone_t or came_t or rarest_moved else ix  # the same object: nothing to write

    # 7. Postings by the delta.
    postings = wide.postings
    post_old: dict[str, set[str]] = {}

    def posting(key: str) -> set[str]:
        if key not in post_old:
            post_old[key] = set(postings.get(key, ()))
        return post_old[key]

    relink: set[str] = set()
    for pid, t in gone_t.items():
        relink |= {l.src for l in prior.links if l.dst == pid}
        if t.number is not None:
            relink |= posting(number_key(t.number))
    # small-count terms: a product name counts only while at most 3 documents use it
    for x in set(delta) | set(term_delta):
        d_o, d_n = df_old.get(x, 0), df_new.get(x, 0)
        if min(d_o, d_n) <= 3 and ((d_o <= 3) != (d_n <= 3) or (count_old(x) <= 2) != (count_new(x) <= 2)):
            relink |= posting(x)
    # Only the keys whose documents change are read and written (an edit changes a few terms).
    keys_old = {pid: old_terms[pid] | {number_key(n) for n in old_nums[pid]} for pid in old_docs}
    keys_new = {pid: new_terms[pid] | {number_key(n) for n in new_nums[pid]} for pid in new_records}
    drop: dict[str, set[str]] = defaultdict(set)
    add: dict[str, set[str]] = defaultdict(set)
    for pid in keys_old.keys() | keys_new.keys():
        ko, kn = keys_old.get(pid, frozenset()), keys_new.get(pid, frozenset())
        for key in ko - kn:
            drop[key].add(pid)
        for key in kn - ko:
            add[key].add(pid)
    post_new: dict[str, set[str]] = {key: (posting(key) - drop.get(key, set())) | add.get(key, set())
                                     for key in drop.keys() | add.keys()}

    def posting_new(key: str) -> set[str]:
        return post_new[key] if key in post_new else posting(key)

    for x in flip_terms:
        relink |= posting(x) | posting_new(x)
    for pid in flip_subject:
        for x in prior.targets[pid].title_terms:
            relink |= posting(x) | posting_new(x)
    for r0, r1, _title in rarest_moved.values():
        relink |= posting(r0) | posting_new(r1)
    for pid, t in came_t.items():
        if t.number is not None:
            relink |= posting_new(number_key(t.number))
        if pid in came_rarest:
            relink |= posting_new(came_rarest[pid])
        subject = [x for x in t.title_terms if dist_new(x)]
        hit = [x for x in subject if count_new(x) <= cut_new]
        n = len(subject)
        if n >= 2 and hit:
            k = n if n <= 3 else -(-2 * n // 3)
            seen = Counter(d for x in hit for d in posting_new(x))
            relink |= {d for d, c in seen.items() if c >= k}
        if n <= 3:
            for x in hit:
                if x in t.names and count_new(x) <= 2 and df_new.get(x, 0) <= 3:
                    relink |= posting_new(x)
    relink -= old_docs.keys()
    relink -= new_records.keys()
    if len(relink) > RELINK_LIMIT:
        return _no("too many to relink")

    # 8. Link again: the changed documents and those found above.
    src_of: dict[str, str] = {}
    units: dict[str, SourceUnit] = {}
    records: dict[str, Record] = dict(new_records)
    mentions = dict(new_mentions)
    if not _locate(relink, wide, src_of):
        return _no("entry missing")
    if not _load_units(set(src_of.values()), prior, units, records):
        return _no("unit missing")
    for pid, r in records.items():  # source order, as the links are found
        if pid in relink:
            mentions[pid] = mentions_of(pid, r)
    fresh = find_links(None, mentions, index=index, df=df_new, n_docs=n_new)
    again = set(mentions)
    links = sorted([l for l in prior.links if l.src not in again and l.src not in old_docs] + fresh,
                   key=lambda l: (l.src, l.dst))
    # a moved span counts too: the other page's Related entry cites it
    before = {(l.src, l.dst): (l.reason, l.detail, l.span) for l in prior.links if l.src in again or l.src in old_docs}
    after = {(l.src, l.dst): (l.reason, l.detail, l.span) for l in fresh}
    moved = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
    related = {pid for k in moved for pid in k} - old_docs.keys() - new_records.keys()

    # 9. Rebuild the pages whose Related section changes, from their sources' units.
    if not _locate(related - src_of.keys(), wide, src_of):
        return _no("entry missing")
    if not _load_units({src_of[pid] for pid in related} - units.keys(), prior, units, records):
        return _no("unit missing")
    if related & wide.mirrored:
        return _no("supersession")
    rebuilt: dict[str, Page] = {}
    for pid in sorted(related):
        rebuilt[pid] = document_page(records[pid], pid)
    pages = list(new_pages.values()) + list(rebuilt.values())
    if any(p.id in answer_cites for p in pages) or old_docs.keys() & answer_cites:
        return _no("saved answer")  # a saved answer's "Saved answers" section comes from a full assemble
    ids_here = {p.id for p in pages}
    touching = [l for l in links if l.src in ids_here or l.dst in ids_here]
    new_meta_docs = {pid: _meta_of(p) for pid, p in new_pages.items()}

    def meta_after(pid: str) -> tuple:
        return new_meta_docs[pid] if pid in new_meta_docs else meta[pid]

    stubs = [_stub(meta_after(pid), pid) for pid in {x for l in touching for x in (l.src, l.dst)} - ids_here]
    add_related(pages + stubs, touching)
    for p in pages:
        p.confidence, p.confidence_reason = confidence.for_document(p, records[p.id])
    src_pages = []
    for u, made in new_docs:
        ps = [new_pages[pid] for pid, _r in made]
        sp = source_page(u.source, ps, [r.document.extent for _pid, r in made], u.preamble)
        if other(sp.id) or sp.id in new_pages or sp.id in {x.id for x in src_pages}:
            return _no("source id taken")
        src_pages.append(sp)
        for p in ps:
            append_related_source(p, sp)
    for pid, p in rebuilt.items():
        append_related_source(p, _source_stub(prior.source_page[src_of[pid]], meta, wide.entries))

    # 10. The state after this run.
    new_meta = {p.id: _meta_of(p) for p in pages + src_pages}
    gone_ids = (set(old_docs) - set(new_records)) | (set(old_src_ids.values()) - {sp.id for sp in src_pages})
    meta_changed = bool(gone_ids) or any(meta.get(pid) != m for pid, m in new_meta.items())
    entries = wide.entries
    new_entries = {pid: overview_entry(p, new_records[pid]) for pid, p in new_pages.items()}
    new_entries.update((sp.id, ("source", sp.fields["path"], sp.fields["lines"])) for sp in src_pages)
    small = min(n_old, n_new) <= overview_rules.OVERVIEW_FULL_LIMIT
    overview_moves = bool(gone_ids) or any(pid not in entries for pid in new_entries) \
        or any(meta.get(pid) != m for pid, m in new_meta_docs.items()) \
        or any((before.get(k) is None) != (after.get(k) is None) for k in moved)
    if small:
        # The small overview describes each document; citations that only moved are left to the
        # save's anchoring, as before (a source's line count in its Document Index row with them).
        overview_moves = overview_moves or any(
            _small_sig(document_page(old_docs[pid][1], pid), old_docs[pid][1], meta[pid][4]) != _small_sig(p, new_records[pid], p.confidence)
            for pid, p in new_pages.items() if pid in old_docs)
    else:
        cites = wide.overview_cites
        overview_moves = overview_moves \
            or any(_sig(entries.get(pid)) != _sig(e) for pid, e in new_entries.items() if e[0] != "source") \
            or any(entries.get(pid) != e for pid, e in new_entries.items() if pid in cites)
    for pid in gone_ids:
        meta.pop(pid, None)
        entries.pop(pid, None)
    for pid, m in new_meta.items():
        meta[pid] = m
    for pid, e in new_entries.items():
        entries[pid] = e
    for path in gone_paths:
        prior.by_source.pop(path, None)
        prior.base_ids.pop(path, None)
        prior.source_page.pop(path, None)
    for (u, made), sp in zip(new_docs, src_pages):
        prior.by_source[u.source.path] = [pid for pid, _r in made]
        prior.base_ids[u.source.path] = [base_id(r) for _pid, r in made]
        prior.source_page[u.source.path] = sp.id
    for key, ids in post_new.items():
        if ids:
            postings[key] = sorted(ids)
        elif key in postings:
            del postings[key]
    df = dict(df_old) if delta else df_old
    for t, d in delta.items():
        v = df.get(t, 0) + d
        if v:
            df[t] = v
        else:
            df.pop(t, None)
    wide.df, wide.n_docs = df, n_new
    prior.links, prior.index = links, index

    # 11. The overview and index.md, from every page's saved entry and line (read in bulk: 20,000
    # single lookups in the sharded maps cost a second).
    out_pages: list[Page] = []
    order: list[str] | None = None
    if overview_moves or meta_changed or not index_exists:
        by_source = dict(prior.by_source.items())
        source_ids = dict(prior.source_page.items())
        order_docs, order_src = [], []
        for path in sorted(source_ids):
            order_docs += by_source.get(path, [])
            order_src.append(source_ids[path])
        order = [OVERVIEW_ID] + order_docs + order_src
        all_meta = dict(meta.items())
    if overview_moves and n_new <= overview_rules.OVERVIEW_FULL_LIMIT:
        ov = _small_overview(name, prior, {u.source.path: u for u, _m in new_docs}, order_src, meta, entries, links)
        if ov is None:
            return _no("unit missing")
        meta[OVERVIEW_ID] = all_meta[OVERVIEW_ID] = _meta_of(ov)
        out_pages.append(ov)
    elif overview_moves:
        all_entries = dict(entries.items())
        doc_stubs = [PageLine(pid, all_meta[pid], all_entries[pid][5]) for pid in order_docs]
        src_stubs = [PageLine(sid, all_meta[sid], (), all_entries[sid]) for sid in order_src]
        wide.overview_cites = set()
        ov = summary_overview(name, doc_stubs, all_entries, src_stubs, links, wide.overview_cites)
        ov.confidence, ov.confidence_reason = confidence.for_overview(doc_stubs)
        meta[OVERVIEW_ID] = all_meta[OVERVIEW_ID] = _meta_of(ov)
        out_pages.append(ov)
    index_md = None
    if meta_changed or not index_exists:
        index_md = index_markdown(name, [PageLine(pid, all_meta[pid]) for pid in order] + list(answers))
    out_links = [l for l in links if l.src in ids_here]
    out_links += [Link(sp.id, dst, "source") for sp in src_pages for dst in sp.links]
    for ov in out_pages:
        out_links += [Link(ov.id, dst, "overview") for dst in ov.links]
    compiled = CompiledWiki(pages=out_pages + pages + src_pages, links=out_links, index_md=index_md,
                            records={pid: records[pid] for pid in ids_here}, wide=wide, removed=sorted(gone_ids))
    return Result(compiled, prior)


def _small_sig(p: Page, r: Record, conf: str) -> tuple:
    """What the small overview says about a document, but for where its citations point."""
    text = describe(p.type, p, r, OVERVIEW_PATH)[0] if p.type in TYPED else ""
    first = next((b.text for b in p.blocks if b.kind == "paragraph" and b.citations), "") if p.type == "note" else ""
    return (p.type, p.title, p.summary, conf, text, first, len(summary_spans(p.type, r)))


def _small_overview(name: str, prior: Prior, fresh: dict[str, SourceUnit], order_src: list[str], meta, entries,
                    links: list[Link]) -> Page | None:
    """The overview of a small wiki, which describes every document: from every unit (a few dozen)."""
    pids, recs = [], []
    for path in sorted(prior.source_page.keys()):
        u = fresh.get(path) or prior.load_unit(path)
        ids = list(prior.by_source.get(path, []))
        if u is None or len(u.records) != len(ids):
            return None
        pids += ids
        recs += u.records
    records = dict(zip(pids, reciprocal_supersedes(recs)))
    doc_pages = []
    for pid in pids:
        p = document_page(records[pid], pid)
        p.confidence = meta[pid][4]
        doc_pages.append(p)
    ov = overview_page(name, doc_pages, records, [_source_stub(sid, meta, entries) for sid in order_src], links)
    ov.confidence, ov.confidence_reason = confidence.for_overview(doc_pages)
    return ov


def _source_stub(sid: str, meta, entries) -> Page:
    s = _stub(meta[sid], sid)
    _kind, path, lines = entries[sid]
    s.fields = {"path": path, "lines": lines}
    return s


def pid_mirrored(r: Record, wide: Wide) -> bool:
    """Whether a supersession involves this record: it states one, or another record names it in one."""
    return r.kind == "decision" and bool(stated_refs(r) or names_of(r) & wide.sup_refs)
