"""Bounded HTTP load on `lorebook serve`: page views, source views and search.

Builds a synthetic wiki (bench/_synth.py) unless --wiki names one, starts the
server as a subprocess on a free loopback port, then runs --clients concurrent
clients (httpx.AsyncClient) for --duration seconds and stops. Prints requests
per second, p50/p95/p99 latency per kind, errors, the pool's peak use (from
/api/health, per worker process with --workers N), and the CPU seconds the
server and this load generator used (they share the machine's cores). Figures
go in docs/performance.md.

    python bench/http_load.py --n 10000 --keep /tmp/bench-http   # build once, keep
    python bench/http_load.py --wiki /tmp/bench-http/wiki          # reuse
    python bench/http_load.py --wiki /tmp/bench-http/wiki --workers 2
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).parent))
from _synth import generate  # noqa: E402

LB = [sys.executable, "-c", "from lorebook.cli import main; main()"]
MIX = [("page", 0.6), ("source", 0.25), ("search", 0.15)]
WORDS = ["postgres", "redis", "kafka", "checkout", "billing", "rollback", "outage", "queue", "auth", "ledger"]


def build(base: Path, n: int) -> Path:
    wiki = base / "wiki"
    subprocess.run(LB + ["init", str(wiki), "--name", "Bench"], check=True, capture_output=True)
    generate(wiki / "raw", n)
    t = time.perf_counter()
    subprocess.run(LB + ["build", "--wiki", str(wiki)], check=True, capture_output=True)
    print(f"built {n} sources in {time.perf_counter() - t:.1f} s")
    return wiki


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(wiki: Path, workers: int = 1) -> tuple[subprocess.Popen, str]:
    port = free_port()
    more = ["--workers", str(workers)] if workers != 1 else []  # (and so it still drives older versions)
    proc = subprocess.Popen(LB + ["serve", "--wiki", str(wiki), "--port", str(port), *more],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("server did not start")


def targets(base: str) -> dict[str, list[str]]:
    pages, url = [], base + "/api/pages?limit=5000"
    while url:  # /api/pages pages by cursor (docs/web.md)
        r = httpx.get(url, timeout=60)
        pages += [p["id"] for p in r.json()]
        url = base + r.links["next"]["url"] if "next" in r.links else None
    sources = [s["path"] for s in httpx.get(base + "/api/sources", timeout=60).json() if s["status"] == "ok"]
    return {
        "page": ["/page/" + p for p in pages],
        "source": [f"/source/{s}?hl=3-5" for s in sources],
        "search": [f"/search?q={a}+{b}" for a in WORDS for b in WORDS if a != b],
    }


def pick(r: random.Random, urls: dict[str, list[str]]) -> tuple[str, str]:
    x, acc = r.random(), 0.0
    for kind, share in MIX:
        acc += share
        if x <= acc:
            return kind, r.choice(urls[kind])
    return "page", r.choice(urls["page"])


async def client(i: int, c: httpx.AsyncClient, urls, stop: float, think: float, out: dict) -> None:
    r = random.Random(i)
    async with c:
        if think:  # readers arrive spread out, not all 50 in the same millisecond
            await asyncio.sleep(r.uniform(0, 2 * think))
        while time.perf_counter() < stop:
            kind, url = pick(r, urls)
            t = time.perf_counter()
            try:
                resp = await c.get(url)
                ok = resp.status_code == 200
            except httpx.HTTPError:
                ok = False
            out[kind].append(time.perf_counter() - t)
            if not ok:
                out["errors"].append(url)
            if think:
                await asyncio.sleep(r.uniform(0, 2 * think))


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(len(xs) * p))] * 1000 if xs else 0.0


async def run(base: str, urls, clients: int, duration: float, think: float) -> dict:
    out = {"page": [], "source": [], "search": [], "errors": []}
    # Made before the clock starts: each AsyncClient loads a CA bundle (~30 ms of CPU), and 50 made
    # inside the run blocked this event loop for ~1.5 s, which the first requests counted as latency.
    made = [httpx.AsyncClient(base_url=base, timeout=30) for _ in range(clients)]
    stop = time.perf_counter() + duration
    await asyncio.gather(*(client(i, c, urls, stop, think, out) for i, c in enumerate(made)))
    return out


def worker_health(base: str, workers: int) -> dict[int, dict]:
    """/api/health of each worker process (pid -> health); each answer comes from whichever
    worker accepted the connection, so ask on fresh connections until all have answered."""
    seen: dict[int, dict] = {}
    for _ in range(20 * workers):
        h = httpx.get(base + "/api/health", timeout=10).json()
        seen[h.get("worker", {}).get("pid", 0)] = h
        if len(seen) >= workers:
            break
    return seen


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process and its children (the server and its workers); 0 off Linux."""
    total = 0.0
    try:
        kids = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
        for p in [pid, *map(int, kids)]:
            f = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError):
        return 0.0
    return total


def report(out: dict, duration: float, health: dict[int, dict], cpu: tuple[float, float], label: str) -> None:
    total = sum(len(out[k]) for k, _ in MIX)
    print(f"\n{label}: {total} requests in {duration:.0f} s = {total / duration:.0f} req/s, errors {len(out['errors'])}")
    for kind, _ in MIX:
        xs = out[kind]
        print(f"  {kind:7} {len(xs):6} req  {len(xs) / duration:6.0f}/s  p50 {pct(xs, .5):6.1f} ms  "
              f"p95 {pct(xs, .95):6.1f} ms  p99 {pct(xs, .99):6.1f} ms")
    for pid, h in sorted(health.items()):
        pool, rc = h["pool"], h.get("render_cache", {})
        print(f"  worker {pid}: pool size {pool.get('size')}, max_overflow {pool.get('max_overflow')}, "
              f"peak checked out {pool.get('peak_checked_out')}; render cache hits {rc.get('hits')}, misses {rc.get('misses')}")
    server, client = cpu
    print(f"  CPU during the run: server {server:.1f} s ({server / duration:.0%} of a core), "
          f"load generator {client:.1f} s ({client / duration:.0%})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=10_000, help="synthetic sources to build (ignored with --wiki)")
    ap.add_argument("--wiki", help="use this built wiki instead of building one")
    ap.add_argument("--keep", help="build in this folder and keep it")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--duration", type=float, default=20.0)
    ap.add_argument("--think", type=float, default=0.0,
                    help="mean seconds a client pauses between requests (0: back-to-back, the saturating case)")
    ap.add_argument("--workers", type=int, default=1, help="lorebook serve --workers N (server processes)")
    args = ap.parse_args()

    tmp = None
    if args.wiki:
        wiki = Path(args.wiki)
    else:
        base = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="lorebook-http-"))
        tmp = None if args.keep else base
        if args.keep and base.exists():
            shutil.rmtree(base)
        base.mkdir(parents=True, exist_ok=True)
        wiki = build(base, args.n)
    proc, base_url = start(wiki, args.workers)
    try:
        urls = targets(base_url)
        print(f"{len(urls['page'])} pages, {len(urls['source'])} sources; {args.workers} server worker(s); "
              f"{args.clients} clients for {args.duration:.0f} s"
              f"{f', think time ~{args.think * 1000:.0f} ms' if args.think else ', back-to-back'}")
        asyncio.run(run(base_url, urls, 5, 2.0, 0.0))  # warm up
        server0, client0 = cpu_seconds(proc.pid), resource.getrusage(resource.RUSAGE_SELF)
        out = asyncio.run(run(base_url, urls, args.clients, args.duration, args.think))
        client1 = resource.getrusage(resource.RUSAGE_SELF)
        cpu = (cpu_seconds(proc.pid) - server0,
               client1.ru_utime + client1.ru_stime - client0.ru_utime - client0.ru_stime)
        report(out, args.duration, worker_health(base_url, args.workers), cpu, "load")
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
