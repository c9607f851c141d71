"""`lorebook search` and `lorebook ask`: find passages and answer questions, offline, every answer cited."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click

from lorebook.cli.base import UserError, handle_errors, main, reads_only, wiki_option
from lorebook.model import PAGE_TYPES


def _log(wiki, command: str, label: str, lines: list[str]) -> None:
    from lorebook.store.wiki_log import append_log

    stamp = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    label = " ".join(label.split())[:120]
    append_log(wiki, "\n".join([f"## [{stamp}] {command} | {label}", ""] + [f"- {line}" for line in lines]))


@main.command()
@click.argument("query")
@click.option("--type", "page_type", type=click.Choice(PAGE_TYPES), help="Only pages of this type.")
@click.option("--limit", type=click.IntRange(1, 200), default=10, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print {query, results} as JSON.")
@wiki_option
@handle_errors
@reads_only
def search(query, page_type, limit, as_json, wiki):
    """Full-text search over pages and raw sources (BM25), each hit with its citation."""
    from lorebook.query.search import search as run

    if not query.strip():
        raise UserError("the search query is empty; pass some words, e.g. lorebook search 'connection pool'")
    results = run(wiki, query, page_type=page_type, limit=limit)
    _log(wiki, "search", query, [f"{len(results)} result{'s' if len(results) != 1 else ''}"]
         + [f"{r['page']} ({r['citation']['source']}:{r['citation']['start_line']}-{r['citation']['end_line']})" for r in results[:5]])
    if as_json:
        click.echo(json.dumps({"query": query, "results": results}, ensure_ascii=False, indent=2))
        return
    if not results:
        click.echo(f"No matches for {query!r}.")
        return
    for r in results:
        c = r["citation"]
        click.echo(f"{r['type']:9} {r['page']}  ({r['score']:.2f})")
        click.echo(f"          {r['title']}")
        click.echo(f"          {r['snippet']}")
        click.echo(f"          {c['source']}:{c['start_line']}-{c['end_line']}")


@main.command()
@click.argument("question", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print {question, answer, found, citations} as JSON.")
@click.option("--save", is_flag=True, help="File the answer into the wiki as an `answer` page.")
@click.option("--batch", type=click.Path(dir_okay=False, path_type=Path), help="Answer one question per line of FILE; print JSON lines.")
@click.option("--explain", is_flag=True, help="Also print the best candidates and the parts of their scores.")
@wiki_option
@handle_errors
@reads_only
def ask(question, as_json, save, batch, explain, wiki):
    """Answer a question from the wiki with cited source lines (no LLM, no network)."""
    from lorebook.query.ask import ask as run

    if batch:
        if question:
            raise UserError("pass either a QUESTION or --batch FILE, not both")
        try:
            lines = batch.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as e:
            raise UserError(f"cannot read {batch} ({e.__class__.__name__}); pass a UTF-8 text file with one question per line") from None
        answers = [run(wiki, q) for q in lines if q.strip()]
        for a in answers:
            click.echo(json.dumps(a.as_json(), ensure_ascii=False))
        found = sum(a.found for a in answers)
        _log(wiki, "ask", f"--batch {batch.name}", [f"{len(answers)} questions, {found} answered"])
        return
    if not question or not question.strip():
        raise UserError('no question; run e.g. lorebook ask "how long was the May outage?"')
    a = run(wiki, question)
    saved = None
    if save:
        if not a.found:
            raise UserError("nothing to save: the wiki does not answer this question")
        from lorebook.query.answers import save_answer

        saved = save_answer(wiki, a)
    _log(wiki, "ask", question, [("answered" if a.found else "not found") + (f" from {a.page}" if a.page else "")]
         + ([f"saved as {saved}"] if saved else []))
    if as_json:
        out = a.as_json()
        if saved:
            out["saved"] = saved
        if explain:
            out["ranked"] = a.ranked
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    if explain:
        _print_ranked(a.ranked)
    if not a.found:
        click.echo(a.answer)
        return
    for s in a.sentences:
        click.echo(s.text)
        for c in s.cites:
            click.echo(f"    — {c['page']} · {c['source']}:{c['start_line']}-{c['end_line']}")
    if saved:
        click.echo(f"Saved as wiki/{saved}", err=True)


def _print_ranked(ranked: list[dict]) -> None:
    """Why the answer won: each candidate's score and its parts, best first (to stderr, beside the answer)."""
    for c in ranked:
        parts = " ".join(f"{k}={v:.2f}" for k, v in c["parts"].items())
        click.echo(f"{c['score']:6.2f} {c['kind']:8} {c['field'] or '-':16} {c['page']} {c['at']}  {parts}", err=True)
        click.echo(f"         {c['text'][:120]}", err=True)
