"""Document -> Record: one extractor module per document kind."""

from __future__ import annotations

from importlib import import_module

from lorebook.model import Document, Record

_MODULES = {"decision": "decision", "incident": "incident", "runbook": "runbook", "note": "note"}


def _module(kind: str):
    return import_module(f"lorebook.extract.{_MODULES[kind]}")


def extract(doc: Document) -> Record:
    """Typed fields for `doc`, using the extractor of its kind."""
    return _module(doc.kind).extract(doc)


class _KeyFields(dict):
    def __missing__(self, kind):
        value = tuple(getattr(_module(kind), "KEY_FIELDS", ())) if kind in _MODULES else ()
        self[kind] = value
        return value


KEY_FIELDS = _KeyFields()
