"""Front matter written by compile/front_matter.py reads back, with yaml.safe_load, as exactly what was written."""

from __future__ import annotations

import pytest
import yaml

from conftest import CORPUS, EXAMPLES, SHARED
from lorebook.compile import assemble, compile_source
from lorebook.compile.front_matter import dump, write
from lorebook.compile.render import front_matter
from lorebook.sources.reader import read_source

TRICKY = [
    "yes", "No", "on", "null", "~", "", " ", "2026-01-05", "2026-11-22T01:00:14+00:00", "1_000", "0x1F", "12.5", ".inf",
    "a: b", "#x", "x #y", "- x", "-x", "'quote'", 'say "hi"', "é", "결제가 지연", "  lead", "trail  ", "123", "@x", "`x",
    "*x", "&x", "!x", "%x", "|", ">", "[x]", "{x}", "a\tb", "line1\nline2", "\x85x", "x\u2028y", "emoji 😀", "back\\slash",
    "ctrl\x01", "?", ":", "x:", "http://a.b/c?d=e#f", "<script>alert(1)</script>", "ADR-003: Retire", "--- ", "...",
]


@pytest.mark.parametrize("value", TRICKY)
def test_tricky_strings_read_back_unchanged(value):
    m = {"title": value, "list": [value, {"name": value, "reasons": [value]}], "nested": {"x": value}, "n": 3, "b": True}
    assert yaml.safe_load(dump(m)) == m


def test_shapes_and_style():
    m = {"id": "adr-014", "version": 2, "ok": False, "none": None, "empty": [], "map": {},
         "options": [{"name": "Keep MongoDB", "outcome": "rejected", "reasons": ["no joins"]}]}
    text = dump(m)
    assert text.startswith("id: adr-014\nversion: 2\n")
    assert "options:\n- name: Keep MongoDB\n  outcome: rejected\n  reasons:\n  - no joins\n" in text
    assert yaml.safe_load(text) == m


def _pages(paths):
    units = [compile_source(read_source(p, f"raw/{p.name}")) for p in paths]
    return assemble("T", units).pages


def test_every_example_page_reads_back():
    pages = _pages(sorted(EXAMPLES.glob("*.md")))
    assert len(pages) > 5
    for p in pages:
        fm = front_matter(p)
        write(fm)  # page shapes take the direct path, not the PyYAML fallback
        assert yaml.safe_load(dump(fm)) == yaml.safe_load(yaml.safe_dump(fm, sort_keys=False, allow_unicode=True)), p.id


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared is absent")
def test_every_corpus_page_reads_back():
    pages = _pages(sorted(f for f in CORPUS.glob("*/*") if f.suffix in (".md", ".qmd")))
    assert len(pages) > 100
    for p in pages:
        fm = front_matter(p)
        assert yaml.safe_load(dump(fm)) == yaml.safe_load(yaml.safe_dump(fm, sort_keys=False, allow_unicode=True)), p.id


def test_long_lists_of_plain_ids_read_back_as_written():
    """The one-regex path for long id lists (the overview lists every page) gives what the per-item path gives."""
    ids = ["raw/adr/adr-00003.md", "adr-0001-foo", "abcdef", "Truexx", "concepts/x.y_z"] * 3
    odd = ids + ["yes", "1e10abc", "abc def", "x\ny" * 3, "2024-01-01"]
    for items in (ids, odd):
        text = dump({"sources": items})
        assert yaml.safe_load(text) == {"sources": items}
    assert dump({"sources": ids}).splitlines()[1:] == [f"- {v}" for v in ids]
