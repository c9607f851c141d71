"""An incremental run pauses Python's cyclic garbage collector (pipeline._compile_all, docs/performance.md):
it must be on again afterwards, also when the run fails, or a long-lived process (the web app,
`lorebook watch`) would go on without it; a full re-assembly keeps it on, for its memory."""

from __future__ import annotations

import gc

import pytest

from conftest import EXAMPLES
from lorebook.pipeline import build, ingest

ADR = ("platform-team", "adr-015-redis-for-sessions.md")


def _edit(wiki) -> None:
    adr = wiki.raw_dir.joinpath(*ADR)
    text = adr.read_text()
    adr.write_text(text.replace("nightly cleanup job", "nightly clean-up job") if "nightly cleanup job" in text
                   else text.replace("nightly clean-up job", "nightly cleanup job"))


def test_paused_during_an_incremental_run_and_on_after_it(wiki):
    ingest(wiki, [EXAMPLES])
    _edit(wiki)
    seen = []
    report = build(wiki, write_hook=lambda stage: seen.append(gc.isenabled()))
    assert report.partial and seen == [False, False]
    assert gc.isenabled()


def test_on_again_when_an_incremental_run_fails(wiki):
    ingest(wiki, [EXAMPLES])
    _edit(wiki)

    def boom(stage):
        raise RuntimeError("power cut")

    with pytest.raises(RuntimeError):
        build(wiki, write_hook=boom)
    assert gc.isenabled()


def test_a_full_reassembly_keeps_it_on(wiki):
    ingest(wiki, [EXAMPLES])
    seen = []
    report = build(wiki, repair=True, write_hook=lambda stage: seen.append(gc.isenabled()))
    assert not report.partial and seen == [True, True]


def test_a_caller_that_turned_it_off_finds_it_off(wiki):
    ingest(wiki, [EXAMPLES])
    _edit(wiki)
    gc.disable()
    try:
        assert build(wiki).partial
        assert not gc.isenabled()
    finally:
        gc.enable()
