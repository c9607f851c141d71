"""Shared by the verifier's round tests: a throwaway wiki holding one note, and one claim checked against it."""

from __future__ import annotations

from lorebook.verify.verifier import Sources, verify_claim


def note_sources(tmp_path, text: str, name: str = "n.md") -> Sources:
    """A wiki root whose raw/ holds one note written in the test."""
    (tmp_path / "raw").mkdir(exist_ok=True)
    (tmp_path / "raw" / name).write_text(text, encoding="utf-8")
    return Sources(tmp_path)


def check_claim(src, text, line, quote, ok, end=None, name="n.md"):
    """Verify one sentence citing lines `line`..`end` of the note: accepted when `ok` is True, else rejected with a
    reason containing `ok`."""
    claim = {"text": text, "citations": [{"source": f"raw/{name}", "start_line": line, "end_line": end or line, "quote": quote}]}
    v = verify_claim(claim, src)
    if ok is True:
        assert v.accepted, v.reasons
    else:
        assert not v.accepted and any(ok in r for r in v.reasons), v.reasons
    return v
