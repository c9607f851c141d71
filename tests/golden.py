"""Golden digests: compile known inputs into fresh wikis and fingerprint what comes out.

A refactoring must not change the compiled wiki. This script compiles

- ``bundled``: examples/platform-team (always available), and
- ``shared``: ../shared/corpus, then ../shared/examples ingested on top (a new source on an
  existing wiki), then one corpus file deleted and one edited, each followed by ``build``
  (skipped when ../shared is absent),

and records, after every step, a sha256 of each ``wiki/`` file, of each page (and the
source list) of the JSON export and of the lint findings, with times and log stamps replaced by placeholders. Only
digests are stored (tests/golden/manifest.json), never corpus text.

    python tests/golden.py            # compare with the manifest, list what differs (exit 1)
    python tests/golden.py --update   # regenerate the manifest after an intended change

Branches that change extraction or answering change the output on purpose: regenerate with
``--update`` after merging them and commit the manifest with the change that caused it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# ../shared next to the repository; a git worktree under /work/wt/BRANCH finds it one level further up.
SHARED = next((p for p in (REPO.parent / "shared", REPO.parent.parent / "shared") if p.is_dir()), REPO.parent / "shared")
MANIFEST = REPO / "tests" / "golden" / "manifest.json"
WIKI_NAME = "Golden Wiki"

# Anything that depends on when the run happened, not on what it compiled.
_ISO_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[+-]\d{2}:\d{2}|Z)?")
_LOG_STAMP = re.compile(r"^## \[\d{4}-\d{2}-\d{2} \d{2}:\d{2}\]", re.MULTILINE)


def normalise(text: str) -> str:
    """The text with run-dependent times replaced, so two runs of the same input agree."""
    return _LOG_STAMP.sub("## [<stamp>]", _ISO_TIME.sub("<time>", text))


def _sha(text: str) -> str:
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


def digest_wiki(wiki) -> dict[str, str]:
    """{name: sha256} for every wiki/ file and every page of the JSON export."""
    from lorebook.export import export_json

    out: dict[str, str] = {}
    for f in sorted(wiki.wiki_dir.rglob("*")):
        if f.is_file():
            out["wiki/" + f.relative_to(wiki.wiki_dir).as_posix()] = _sha(f.read_text(encoding="utf-8"))
    data = export_json(wiki)
    out["export:wiki"] = _sha(json.dumps(data["wiki"], ensure_ascii=False, sort_keys=True))
    out["export:sources"] = _sha(json.dumps(data["sources"], ensure_ascii=False, sort_keys=True))
    for page in data["pages"]:
        out[f"export:page:{page['id']}"] = _sha(json.dumps(page, ensure_ascii=False, sort_keys=True))
    out["lint"] = _sha(json.dumps(lint_findings(wiki), ensure_ascii=False))
    return out


def lint_findings(wiki) -> list[dict]:
    """Every lint finding, judged as of a fixed day; incremental after the first step (what was stored is reused)."""
    import datetime as dt

    from lorebook.lint import run_lint

    return [f.as_dict() for f in run_lint(wiki, today=dt.date(2026, 11, 20)).findings]


def _bundled(tmp: Path) -> dict[str, dict[str, str]]:
    from lorebook import pipeline
    from lorebook.config import init_wiki

    wiki = init_wiki(tmp / "bundled", WIKI_NAME)
    pipeline.ingest(wiki, [REPO / "examples" / "platform-team"])
    return {"bundled": digest_wiki(wiki)}


def _shared(tmp: Path) -> dict[str, dict[str, str]]:
    from lorebook import pipeline
    from lorebook.config import init_wiki

    wiki = init_wiki(tmp / "shared", WIKI_NAME)
    steps: dict[str, dict[str, str]] = {}
    pipeline.ingest(wiki, [SHARED / "corpus"])
    steps["shared/1-corpus"] = digest_wiki(wiki)
    pipeline.ingest(wiki, [SHARED / "examples"])
    steps["shared/2-source-added"] = digest_wiki(wiki)
    corpus_files = sorted((wiki.raw_dir / "corpus").rglob("*.md"))
    corpus_files[0].unlink()
    pipeline.build(wiki)
    steps["shared/3-source-deleted"] = digest_wiki(wiki)
    edited = corpus_files[-1]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nOne more line added by the golden test.\n", encoding="utf-8")
    pipeline.build(wiki)
    steps["shared/4-source-edited"] = digest_wiki(wiki)
    return steps


SCENARIOS = {"bundled": _bundled, "shared": _shared}


def available(scenario: str) -> bool:
    return scenario != "shared" or (SHARED / "corpus").is_dir()


def compute(scenario: str) -> dict[str, dict[str, str]]:
    """Run one scenario in a fresh temporary folder; {step: {file: sha256}}."""
    with tempfile.TemporaryDirectory(prefix="lorebook-golden-") as tmp:
        return SCENARIOS[scenario](Path(tmp))


def differences(expected: dict[str, str], actual: dict[str, str]) -> list[str]:
    """One line per file that differs, is missing or is new."""
    lines = []
    for name in sorted(set(expected) | set(actual)):
        if name not in actual:
            lines.append(f"missing: {name}")
        elif name not in expected:
            lines.append(f"new:     {name}")
        elif expected[name] != actual[name]:
            lines.append(f"differs: {name}")
    return lines


def load_manifest() -> dict[str, dict[str, str]]:
    return json.loads(MANIFEST.read_text(encoding="utf-8"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--update", action="store_true", help="rewrite tests/golden/manifest.json from this checkout")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(REPO / "src"))
    results: dict[str, dict[str, str]] = {}
    for scenario in SCENARIOS:
        if not available(scenario):
            print(f"{scenario}: skipped, ../shared is not present")
            continue
        results.update(compute(scenario))
    if args.update:
        old = load_manifest() if MANIFEST.exists() else {}
        old.update(results)  # steps of a skipped scenario keep their digests
        MANIFEST.parent.mkdir(parents=True, exist_ok=True)
        MANIFEST.write_text(json.dumps(old, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {MANIFEST.relative_to(REPO)}: {sum(len(v) for v in results.values())} digests in {len(results)} steps")
        return 0
    expected = load_manifest()
    bad = 0
    for step, actual in results.items():
        diff = differences(expected.get(step, {}), actual)
        print(f"{step}: {'OK' if not diff else f'{len(diff)} differ'} ({len(actual)} files)")
        for line in diff:
            print("   ", line)
        bad += bool(diff)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
