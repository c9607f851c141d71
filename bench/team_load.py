"""Bounded load on an authenticated `lorebook serve` over PostgreSQL: readers and editors at once.

`http_load.py` mode for teams: a synthetic wiki (bench/_synth.py) on the
database named by --database-url (PostgreSQL in the figures), one account per
client, then --clients clients for --duration seconds: half with reader tokens
(page, source and search views), the rest with editor tokens, of whom
--savers save pages through PUT /api/pages/{id} (load, edit, save with the
version they loaded; a 409 is a correct answer, reloaded and retried).
Afterwards every save the server acknowledged is looked up in the page's
history: an acknowledged edit whose text is not there is a lost edit.
Prints requests per second, p50/p95/p99 per kind, errors, 409s, lost edits,
the pool's peak use. Figures go in docs/performance.md.

    python bench/team_load.py --database-url postgresql+psycopg://postgres@127.0.0.1:5432/lorebook_bench
"""

from __future__ import annotations

import argparse
import asyncio
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).parent))
from _synth import generate  # noqa: E402
from http_load import LB, pct, start, targets  # noqa: E402


def build(base: Path, n: int, url: str) -> Path:
    wiki = base / "wiki"
    subprocess.run(LB + ["init", str(wiki), "--name", "Bench"], check=True, capture_output=True)
    toml = wiki / "lorebook.toml"
    toml.write_text(toml.read_text().replace('url = ""', f'url = "{url}"'), encoding="utf-8")
    generate(wiki / "raw", n)
    t = time.perf_counter()
    subprocess.run(LB + ["build", "--wiki", str(wiki)], check=True, capture_output=True)
    print(f"built {n} sources on {url.split('@')[-1]} in {time.perf_counter() - t:.1f} s")
    return wiki


def add_user(wiki: Path, name: str, role: str) -> str:
    out = subprocess.run(LB + ["users", "add", name, "--role", role, "--wiki", str(wiki)], check=True,
                         capture_output=True, text=True).stdout
    return out.strip().splitlines()[-1]


async def reader(i: int, c: httpx.AsyncClient, urls, stop: float, out: dict) -> None:
    r = random.Random(i)
    kinds = [("page", 0.6), ("source", 0.25), ("search", 0.15)]
    async with c:
        while time.perf_counter() < stop:
            x, acc, kind = r.random(), 0.0, "page"
            for k, share in kinds:
                acc += share
                if x <= acc:
                    kind = k
                    break
            url = r.choice(urls[kind])
            t = time.perf_counter()
            try:
                ok = (await c.get(url)).status_code == 200
            except httpx.HTTPError:
                ok = False
            out[kind].append(time.perf_counter() - t)
            if not ok:
                out["errors"].append(url)


async def saver(i: int, c: httpx.AsyncClient, pages: list[str], stop: float, out: dict) -> None:
    """Edit pages a few savers share (so saves collide), retrying on 409 as a person would."""
    r = random.Random(1000 + i)
    n = 0
    async with c:
        while time.perf_counter() < stop:
            pid = r.choice(pages)
            t = time.perf_counter()
            try:
                page = (await c.get(f"/api/pages/{pid}")).json()
                n += 1
                marker = f"Saved by client {i}, edit {n}."
                text = page["markdown"].rstrip("\n") + f"\n\n{marker}\n"
                resp = await c.put(f"/api/pages/{pid}", json={"markdown": text, "base_version": page["version"]})
            except (httpx.HTTPError, ValueError, KeyError):
                out["errors"].append(f"save {pid}")
                continue
            out["save"].append(time.perf_counter() - t)
            if resp.status_code == 200:
                out["saved"].append((pid, resp.json()["version"], marker))
            elif resp.status_code == 409:
                out["conflicts"] += 1
            else:
                out["errors"].append(f"save {pid}: {resp.status_code}")


async def run(base: str, urls, tokens: dict[str, list[str]], savers: int, pages: list[str], duration: float) -> dict:
    out = {"page": [], "source": [], "search": [], "save": [], "errors": [], "saved": [], "conflicts": 0}
    made = {role: [httpx.AsyncClient(base_url=base, timeout=60, headers={"Authorization": f"Bearer {t}"})
                   for t in ts] for role, ts in tokens.items()}
    stop = time.perf_counter() + duration
    jobs = [reader(i, c, urls, stop, out) for i, c in enumerate(made["reader"])]
    for i, c in enumerate(made["editor"]):
        jobs.append(saver(i, c, pages, stop, out) if i < savers else reader(100 + i, c, urls, stop, out))
    await asyncio.gather(*jobs)
    return out


def lost_edits(base: str, token: str, saved: list[tuple[str, int, str]]) -> int:
    """Acknowledged saves whose text is not in the page now. Each save starts from the page's latest
    version (the server refuses any other), so every acknowledged save's line must still be there."""
    lost = 0
    auth = {"Authorization": f"Bearer {token}"}
    by_page: dict[str, list] = {}
    for pid, version, marker in saved:
        by_page.setdefault(pid, []).append((version, marker))
    for pid, acks in by_page.items():
        final = httpx.get(f"{base}/api/pages/{pid}", headers=auth, timeout=60).json()["markdown"]
        for _version, marker in acks:
            if marker not in final:
                lost += 1
    return lost


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--database-url", required=True, help="SQLAlchemy URL of an empty database (PostgreSQL)")
    ap.add_argument("--n", type=int, default=300, help="synthetic sources to build")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--savers", type=int, default=8, help="editor clients that save pages")
    ap.add_argument("--edit-pages", type=int, default=10, help="pages the savers share (collisions give 409s)")
    ap.add_argument("--duration", type=float, default=20.0)
    ap.add_argument("--workers", type=int, default=1)
    args = ap.parse_args()

    base = Path(tempfile.mkdtemp(prefix="lorebook-team-"))
    try:
        wiki = build(base, args.n, args.database_url)
        readers = args.clients // 2
        tokens = {"reader": [add_user(wiki, f"reader{i}", "reader") for i in range(readers)],
                  "editor": [add_user(wiki, f"editor{i}", "editor") for i in range(args.clients - readers)]}
        proc, url = start(wiki, args.workers)
        try:
            auth = {"Authorization": f"Bearer {tokens['reader'][0]}"}
            with httpx.Client(headers=auth, timeout=60) as c:
                old_get = httpx.get
                httpx.get = c.get  # targets() reads /api/pages and /api/sources with the token
                try:
                    urls = targets(url)
                finally:
                    httpx.get = old_get
            pages = [u.removeprefix("/page/") for u in urls["page"] if "/page/incident-" in u][: args.edit_pages]
            print(f"{len(urls['page'])} pages; {args.clients} clients ({readers} readers, {args.clients - readers} "
                  f"editors, {args.savers} of them saving {len(pages)} shared pages) for {args.duration:.0f} s")
            out = asyncio.run(run(url, urls, tokens, args.savers, pages, args.duration))
            health = httpx.get(url + "/api/health", headers=auth, timeout=30).json()
            lost = lost_edits(url, tokens["reader"][0], out["saved"])
        finally:
            proc.terminate()
            proc.wait(20)
        total = sum(len(out[k]) for k in ("page", "source", "search", "save"))
        print(f"\n{total} requests in {args.duration:.0f} s = {total / args.duration:.0f} req/s, "
              f"errors {len(out['errors'])}, saves acknowledged {len(out['saved'])}, 409s {out['conflicts']}, "
              f"lost edits {lost}")
        for kind in ("page", "source", "search", "save"):
            xs = out[kind]
            print(f"  {kind:7} {len(xs):6} req  p50 {pct(xs, .5):7.1f} ms  p95 {pct(xs, .95):7.1f} ms  "
                  f"p99 {pct(xs, .99):7.1f} ms")
        allx = [x for k in ("page", "source", "search", "save") for x in out[k]]
        print(f"  all     {len(allx):6} req  p95 {pct(allx, .95):7.1f} ms")
        pool = health["pool"]
        print(f"  pool: size {pool['size']}, max {pool['max']}, peak checked out {pool['peak_checked_out']}")
        if out["errors"]:
            print("  first errors:", out["errors"][:5])
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
