"""Shortcuts taken for build speed (issue 15 item 4) give what the long way gives."""

import copy
import json
import pickle
import random

import pytest
from conftest import CORPUS, EXAMPLES, SHARED
from test_front_matter import TRICKY, _pages

from lorebook.compile.render import content_hash, render_page
from lorebook.living.rendered import Rendered, page_hash, prerender, render
from lorebook.sources.sentences import _EMPH, _END, _LABELLED_LINE, _LINK, readable
from lorebook.store.search_index import _cites_json
from lorebook.store.sentences import _Overlaps


def test_cites_json_is_json_dumps():
    r = random.Random(3)
    cases = [[{"source": "a/b.md", "start_line": 1, "end_line": 2}], [{"source": "a", "start_line": True, "end_line": 2}],
             [{"start_line": 1, "source": "a", "end_line": 2}], [], [{"source": "a", "start_line": 1, "end_line": 2}] * 2]
    for _ in range(500):
        src = "".join(r.choice("ab/ü日\"\\\n\t é.-_") for _ in range(r.randint(0, 20)))
        cases.append([{"source": src, "start_line": r.randint(0, 10**6), "end_line": r.randint(0, 10**6)}])
    for c in cases:
        assert _cites_json(c) == json.dumps(c)


def _readable_long_way(text: str) -> str:
    import re

    t = _LINK.sub(r"\1", text)
    pieces = re.split(r"(`+[^`]*`+)", t)
    t = "".join(x if x.startswith("`") else re.sub(r"<[^>\n]{1,200}>", " ", x) for x in pieces)
    return " ".join(_EMPH.sub("", t).split())


def test_readable_without_markup_is_the_long_way():
    for t in ["Plain words.", "  spaced \n out\ttext ", "`code` and more", "a_b snake", "x * y", "~~gone~~", "[link](u) <b>x</b>",
              "日本語の文。", ""]:
        assert readable(t) == _readable_long_way(t)


def test_sentence_breaks_are_the_look_behind_ones():
    """_END's group 1 is where the look-behind form it replaced matched; a text without a line break has no labelled line."""
    import re

    look_behind = re.compile(r"(?<=[.!?。])[\"')\]]?\s+(?=[\"'(\[*_`]*[A-Z0-9\u0080-\uffff])")
    r = random.Random(11)
    texts = ["Use e.g. Redis here. Then stop.", "x.. B", "Done.\" Next", "a!? B", "end.)  \n\t(*Next", "日本。 次", ""]
    for _ in range(3000):
        texts.append("".join(r.choice(".!?。\"')] \n\t(*_`[aZ0é日xe") for _ in range(r.randint(0, 30))))
    for t in texts:
        assert [m.span(1) for m in _END.finditer(t)] == [m.span() for m in look_behind.finditer(t)], t
        if "\n" not in t:
            assert _LABELLED_LINE.search(t) is None


def test_narrowest_with_one_hit_is_the_minimum():
    r = random.Random(5)
    for _ in range(300):
        ranges = [(a, a + r.choice([r.randint(-2, 4), r.randint(0, 300)]), f"p{k}")
                  for k, a in enumerate(r.randint(1, 500) for _ in range(r.randint(0, 12)))]
        o = _Overlaps(ranges)
        for _ in range(20):
            s = r.randint(1, 600)
            e = s + r.randint(0, 5)
            hits = [(i, x) for i, x in enumerate(ranges) if x[0] <= e and x[1] >= s]
            want = min(hits, key=lambda h: (h[1][1] - h[1][0], h[1][2], h[0]))[1] if hits else None
            assert o.narrowest(s, e, lambda x: x[2]) == want


def _variants(p):
    """`p` as a save would render it, with extra_meta and plan values that trip the split front matter up."""
    yield p
    for value in TRICKY[:: 3] + ["line1\nline2", "\x85x", "ctrl\x01", 2.5, float("nan"), None, ["a"], {"k": "v"}]:
        for where in ("version", "edited_by", "updated", "extra", "_private", "field"):
            q = copy.deepcopy(p)
            if where == "extra":
                q.extra_meta["note"] = value
            elif where == "_private":
                q.extra_meta["_hash"] = value
                q.extra_meta["version"] = value  # extra_meta overriding a plan key: the whole mapping is written at save
            elif where == "field":
                q.fields = dict(q.fields, status=value, _x=value)
            else:
                setattr(q, where, value)
            yield q


def _check_prerender(pages):
    split = 0
    for p in pages:
        for q in _variants(p):
            pre = pickle.loads(pickle.dumps(prerender(q)))  # as a worker sends it
            assert page_hash(q, pre) == content_hash(q)
            public = copy.copy(q)
            public.extra_meta = {k: v for k, v in q.extra_meta.items() if not k.startswith("_")}
            assert render(public, pre) == render_page(public), q.id
            split += pre.head is not None
    return split


def test_prerendered_pages_are_what_the_save_renders():
    pages = _pages(sorted(EXAMPLES.glob("*.md")))
    assert _check_prerender(pages) > len(pages)  # most take the split path
    assert isinstance(prerender(pages[0]), Rendered)


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared is absent")
def test_prerendered_corpus_pages_are_what_the_save_renders():
    pages = _pages(sorted(f for f in CORPUS.glob("*/*") if f.suffix in (".md", ".qmd")))
    for p in pages:
        q = pickle.loads(pickle.dumps(prerender(p)))
        assert render(p, q) == render_page(p) and page_hash(p, q) == content_hash(p), p.id


def test_page_json_is_what_insert_rows_encodes():
    from lorebook.store.repo import JSON_COLUMNS, _page_insert_row, page_json, page_row

    for p in _pages(sorted(EXAMPLES.glob("*.md"))):
        p.extra_meta["_hash"] = "h"
        want = {k: json.dumps(v) if k in JSON_COLUMNS else v for k, v in page_row(p, "text").items()}
        assert _page_insert_row(p, "text", None) == want
        assert _page_insert_row(p, "text", pickle.loads(pickle.dumps(page_json(p)))) == want
        assert list(_page_insert_row(p, "text", None)) == list(want)  # same columns, same order


def test_span_quote_is_what_span_ids_writes():
    from lorebook.store.repo import span_quote
    from lorebook.utilities import normalise_quote, quote_hash

    text = "# T\n\n  a  b\tc\n\n- x\n- y  \n\n日本 語\n"
    lines = text.split("\n")
    for start in range(1, len(lines) + 1):
        for end in range(start, len(lines) + 2):
            q = normalise_quote("\n".join(lines[start - 1:end]))
            assert span_quote(lines, start, end) == (q, quote_hash(q))
