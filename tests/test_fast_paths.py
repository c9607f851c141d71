"""Shortcuts taken for build speed (issue 15 item 4) give what the long way gives."""

import json
import random

from lorebook.sources.sentences import _EMPH, _LINK, readable
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


def test_narrowest_with_one_hit_is_the_minimum():
    r = random.Random(5)
    for _ in range(300):
        ranges = [(a, a + r.randint(0, 300), f"p{k}") for k, a in enumerate(r.randint(1, 500) for _ in range(r.randint(0, 12)))]
        o = _Overlaps(ranges)
        for _ in range(20):
            s = r.randint(1, 600)
            e = s + r.randint(0, 5)
            hits = [(i, x) for i, x in enumerate(ranges) if x[0] <= e and x[1] >= s]
            want = min(hits, key=lambda h: (h[1][1] - h[1][0], h[1][2], h[0]))[1] if hits else None
            assert o.narrowest(s, e, lambda x: x[2]) == want
