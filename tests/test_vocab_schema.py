"""The field vocabulary is the one schema: extractors emit only its fields, and lint, pages and
classification name only fields it declares (so a renamed field cannot silently drift)."""

from __future__ import annotations

import re
from pathlib import Path

from lorebook import vocab
from lorebook.extract import KEY_FIELDS, extract
from lorebook.sources.classify import HEADINGS
from lorebook.sources.reader import read_source
from lorebook.sources.segment import documents

SRC = Path(__file__).resolve().parents[1] / "src" / "lorebook"
SHAPES = Path(__file__).resolve().parent / "fixtures" / "shapes"


def test_extractors_emit_only_declared_fields():
    for path in sorted(SHAPES.glob("*.md")):
        for doc in documents(read_source(path, "raw/" + path.name)):
            rec = extract(doc)
            assert set(rec.fields) <= set(vocab.fields(doc.kind)), (path.name, set(rec.fields) - set(vocab.fields(doc.kind)))


def test_key_fields_come_from_the_vocabulary():
    for kind, names in vocab.KEY_FIELDS.items():
        assert tuple(KEY_FIELDS[kind]) == names
        assert set(names) == {f.name for f in vocab.fields(kind).values() if f.key}


def test_lint_and_pages_name_declared_fields():
    declared = {name for kind in vocab.VOCAB for name in vocab.fields(kind)}
    legacy = {"status_inferred"}  # read by lint for pages compiled before status stopped being inferred
    files = list((SRC / "lint").glob("*.py")) + [SRC / "compile" / "pages.py", SRC / "compile" / "overview.py"]
    for f in files:
        used = set(re.findall(r'(?:fields|\bf)\.get\("(\w+)"', f.read_text()))
        assert used - declared - legacy == set(), (f.name, used - declared - legacy)


def test_classification_reads_every_language_of_the_vocabulary():
    for label in ("根本原因", "zeitlicher ablauf", "cronología", "entscheidung", "手順", "voraussetzungen", "procédure"):
        assert any(label in table for table in HEADINGS.values()), label
