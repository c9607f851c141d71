"""Peak memory of hostile inputs, end to end, each in its own `lorebook` process.

    PYTHONPATH=src python bench/hostile_memory.py [--mb 50]

Measured (peak RSS of the process, from wait4's rusage):
- `lorebook ingest` of a --mb MB Markdown source, against the peer: the same ingest of a 1 MB source;
- `lorebook ingest` of a note whose front matter is a 9-level YAML alias bomb (404 bytes that expand
  to 9^9 values), against the peer: the same note with plain front matter;
- the web app serving that large source: the first window, a window deep in the file, and an API
  window (peak RSS of a server process and bytes per response).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LOREBOOK = [sys.executable, "-c", "from lorebook.cli import main; main()"]


def peak_mb(args: list[str]) -> tuple[float, float, str]:
    """(peak RSS MB, seconds, stderr) of one real CLI process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen([*LOREBOOK, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    _pid, status, usage = os.wait4(proc.pid, 0)
    err = proc.stderr.read()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{args}: failed\n{err}")
    return usage.ru_maxrss / 1024, time.perf_counter() - t0, err


def write_source(path: Path, mb: float) -> None:
    with path.open("w") as f:
        size, i = 0, 0
        while size < mb * 1024 * 1024:
            i += 1
            s = (f"## Step {i}\n\nThe connection pool ran out at step {i}; we restarted service-{i % 97}.\n\n"
                 f"- check {i} one\n- check {i} two\n\n")
            f.write(s)
            size += len(s)


def alias_bomb(levels: int = 9) -> str:
    letters = "abcdefghijklmnop"
    lines = ["a: &a [" + ",".join(["lol"] * 9) + "]"]
    for i in range(1, levels):
        lines.append(f"{letters[i]}: &{letters[i]} [" + ",".join([f"*{letters[i - 1]}"] * 9) + "]")
    return "---\n" + "\n".join(lines) + "\n---\n"


NOTE = "# Runbook: Restart the queue\n\n## Procedure\n\n1. Drain the queue.\n2. Restart it.\n"


def serve_figures(wiki: Path, name: str) -> str:
    code = f"""
import resource, time, json
from fastapi.testclient import TestClient
from lorebook.config import find_wiki
from lorebook.web.app import create_app
c = TestClient(create_app(find_wiki({str(wiki)!r})))
n = c.get('/api/sources/raw/{name}?start=1&end=1').json()['line_count']
out = []
for url in ['/source/raw/{name}', f'/source/raw/{name}?hl={{n - 5}}-{{n - 5}}', '/api/sources/raw/{name}?start=1&end=5',
            '/api/sources/raw/{name}']:
    t = time.perf_counter(); r = c.get(url); out.append((url, r.status_code, len(r.content), time.perf_counter() - t))
print(json.dumps([out, n, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024]))
"""
    import json

    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    rows, n, peak = json.loads(res.stdout)
    lines = [f"  web server process peak RSS {peak:.0f} MB serving a source of {n:,} lines:"]
    for url, status, size, secs in rows:
        lines.append(f"    GET {url}: {status}, {size / 1024:.0f} KB, {secs * 1000:.0f} ms")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=50)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        results = []
        for label, make in (("peer: 1 MB source", lambda p: write_source(p, 1)),
                            (f"{args.mb:g} MB source", lambda p: write_source(p, args.mb)),
                            ("peer: note with plain front matter", lambda p: p.write_text("---\ntitle: x\n---\n" + NOTE)),
                            ("note with a 9-level alias bomb", lambda p: p.write_text(alias_bomb(9) + NOTE))):
            wiki = tmp / f"w{len(results)}"
            subprocess.run([*LOREBOOK, "init", str(wiki)], check=True, capture_output=True)
            src = tmp / f"src{len(results)}.md"
            make(src)
            mb, secs, err = peak_mb(["ingest", str(src), "--wiki", str(wiki)])
            warn = next((ln for ln in err.splitlines() if ln.startswith("warning:")), "")
            results.append((label, mb, secs, warn, wiki, src.name))
        for label, mb, secs, warn, _w, _n in results:
            print(f"{label:38} ingest peak RSS {mb:6.0f} MB  {secs:6.1f} s  {warn[:150]}")
        print(f"ratio {args.mb:g} MB source / 1 MB peer: {results[1][1] / results[0][1]:.2f}x; "
              f"alias bomb / plain front matter: {results[3][1] / results[2][1]:.2f}x")
        print(serve_figures(results[1][4], results[1][5]))


if __name__ == "__main__":
    main()
