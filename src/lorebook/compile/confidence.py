"""How much to trust a page, and why — said in words on the page itself.

high: the type's key fields were found and every block that states something is cited.
medium: some key fields are missing (or some block is uncited, or support went stale).
low: the page's type itself was a weak guess.
"""

from __future__ import annotations

from lorebook.extract import KEY_FIELDS
from lorebook.model import Page, Record

CLAIM_KINDS = ("paragraph", "item", "row", "code", "link_item", "link_paragraph")


def uncited_blocks(page: Page) -> int:
    return sum(1 for b in page.blocks if b.kind in CLAIM_KINDS and not b.citations)


def for_document(page: Page, record: Record) -> tuple[str, str]:
    doc = record.document
    if doc.kind_strength == "weak":
        if record.kind == "note":
            return "low", "no decision, incident or runbook structure found; kept as a note"
        return "low", f"type is a weak guess ({doc.kind_reason})"
    if record.key_missing:
        return "medium", "missing key fields: " + ", ".join(record.key_missing)
    n = uncited_blocks(page)
    if n:
        return "medium", f"{n} block(s) without a citation"
    return "high", "key fields found (" + ", ".join(_key_fields(record.kind)) + "); every block cited"


def _key_fields(kind: str) -> list[str]:
    return list(KEY_FIELDS[kind])


def for_overview(pages: list[Page]) -> tuple[str, str]:
    low = [p for p in pages if p.confidence == "low" and p.type in ("decision", "incident", "runbook")]
    if not pages:
        return "low", "the wiki has no documents yet"
    if low:
        return "medium", f"{len(low)} document page(s) have low confidence"
    return "high", "every block cites the source lines it summarises"
