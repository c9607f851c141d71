"""Field fidelity when the same notes mark their parts another way: the corpus rewritten, scored with its own labels.

Real notes name their parts with headings, with bold lines ("**Timeline**" over its entries) or with label lines
("Decision:" over its paragraphs). The labelled corpus mostly uses headings, so this bench rewrites every level-2
heading of every corpus document in each other shape, compiles the copies through the public pipeline and scores
them against tests/fidelity/labels.yaml exactly as bench/fidelity.py scores the originals. The facts are the same
in every variant; only the shape of the part names changes, so a field lost in a variant is a shape the readers miss.

    python bench/shape_variants.py            # original, bold lines, label lines, a table of the short parts
    python bench/shape_variants.py -v         # and each field a variant loses

A section whose body is one paragraph becomes a bold lead, a "Label: text" line or (in "table") a row of a
"| Field | Details |" table; any other keeps its blocks under a "**Label**" or "Label:" line. Deeper headings (### and below) stay headings. Skips when ../shared/corpus
is absent.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from fidelity import CORPUS, compile_corpus, load_labels, pct, score  # noqa: E402

_FENCE = re.compile(r"^\s*(```|~~~)")
_H2 = re.compile(r"^##\s+(.+?)\s*#*\s*$")
_ANY_HEADING = re.compile(r"^#{1,6}\s")
_BLOCK_START = re.compile(r"^\s*([-*+]\s|\d+[.)]\s|\||```|~~~|>)")


def rewrite(text: str, shape: str) -> str:
    """The note with each level-2 heading written as a bold line ("bold") or a label line ("label")."""
    lines, out, i, fenced = text.split("\n"), [], 0, False
    while i < len(lines):
        line = lines[i]
        if _FENCE.match(line):
            fenced = not fenced
        m = None if fenced else _H2.match(line)
        if not m:
            out.append(line)
            i += 1
            continue
        title, body, j, inner = m.group(1).strip(), [], i + 1, False
        while j < len(lines):  # the section's own body: up to the next heading of any level
            if _FENCE.match(lines[j]):
                inner = not inner
            if not inner and _ANY_HEADING.match(lines[j]):
                break
            body.append(lines[j])
            j += 1
        prose = "\n".join(body).strip("\n")
        one_paragraph = prose and "\n\n" not in prose and not _BLOCK_START.match(prose)
        label = f"**{title}**" if shape == "bold" else title
        if one_paragraph:
            out += [f"{label}: {' '.join(prose.split())}" if shape == "label" else f"**{title}:** {' '.join(prose.split())}", ""]
        else:
            out += [label if shape == "bold" else f"{title}:", *body]
        i = j
    return "\n".join(out)


def rewrite_as_table(text: str) -> str:
    """The note with its one-paragraph sections as rows of a "| Field | Details |" table, the others as bold lines."""
    out, rows = [], []

    def flush() -> None:
        if rows:
            out.extend(["| Field | Details |", "| --- | --- |", *rows, ""])
            rows.clear()

    for line in rewrite(text, "bold").split("\n"):
        m = re.match(r"^\*\*(.+?):\*\* (.+)$", line)
        if m:
            rows.append(f"| {m.group(1)} | {m.group(2).replace('|', '/')} |")
        elif not (rows and not line.strip()):
            flush()
            out.append(line)
    flush()
    return "\n".join(out)


def variant(corpus: Path, shape: str, into: Path) -> Path:
    """A copy of the corpus with every note rewritten; its folder name is the corpus's, so the labels' paths hold."""
    root = into / shape / corpus.name
    for f in corpus.rglob("*"):
        if f.is_file() and f.suffix in (".md", ".qmd", ".markdown"):
            target = root / f.relative_to(corpus)
            target.parent.mkdir(parents=True, exist_ok=True)
            text = f.read_text(encoding="utf-8")
            target.write_text(rewrite_as_table(text) if shape == "table" else rewrite(text, shape), encoding="utf-8")
    return root


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-v", "--verbose", action="store_true", help="list each field a variant loses")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    args = ap.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"skipped: {args.corpus} not found (the shared corpus sits beside the project)")
        return 0
    labels = load_labels()
    results = {}
    with tempfile.TemporaryDirectory(prefix="lorebook-variants-") as tmp:
        for shape in ("original", "bold", "label", "table"):
            folder = args.corpus if shape == "original" else variant(args.corpus, shape, Path(tmp))
            report = score(compile_corpus(folder), labels, "all", folder.name)
            results[shape] = {(v.doc, v.field): v for v in report.verdicts}
    base = results["original"]
    print(f"{'variant':10} {'right':>7} {'of':>5} {'share':>8}   lost vs original")
    for shape, verdicts in results.items():
        right = sum(1 for v in verdicts.values() if v.ok)
        lost = [k for k, v in verdicts.items() if not v.ok and base[k].ok]
        print(f"{shape:10} {right:7} {len(verdicts):5} {pct(right, len(verdicts)):>8}   {len(lost) if shape != 'original' else '-'}")
        if args.verbose and shape != "original":
            for doc, name in sorted(lost):
                print(f"    {shape}: {name:14} {doc}  {verdicts[(doc, name)].why[:120]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
