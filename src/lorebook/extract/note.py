"""Notes: documents with no decision, incident or runbook shape. Their text is kept as written."""

from __future__ import annotations

from lorebook.extract.common import RecordBuilder, one_line
from lorebook.model import Document, Record
from lorebook.sources.markdown import plain

KIND = "note"
KEY_FIELDS: tuple[str, ...] = ()


def extract(doc: Document) -> Record:
    b = RecordBuilder(doc, KIND)
    first = next((blk for blk in doc.root.all_blocks() if blk.kind in ("paragraph", "item") and plain(blk.text)), None)
    if first is not None:
        b.set("summary", one_line(first.text, 100), [first.span])
    return b.build(KEY_FIELDS, summary=b.fields.get("summary", "") or doc.title)
