"""The `lorebook` command: thin modules that parse arguments, call the library and print.

Every command that works on a wiki takes `--wiki DIR` (or LOREBOOK_WIKI), else finds the
wiki by walking up from the working directory. Errors are one line on stderr: exit 2 for
usage and input errors, 1 when a check fails.

Layout (no import circle): `cli/base.py` holds the `main` click group and the shared
helpers (`wiki_option`, `handle_errors`, `UserError`, `progress`) and imports no command
module. Each command group is one module that imports `lorebook.cli.base` and registers its
commands on `main` with `@main.command()` / `@main.group()`.

To add a command group: write `cli/<topic>.py` (importing from `lorebook.cli.base`), then add
its name to the one import line below. That is the only place command modules are listed.

The command modules import the library inside each command, the one place in the code base
that does: every `lorebook` run imports this package and all its modules, and importing every
command's library up front (the web app, uvicorn, the answerer, lint, rich's Markdown) cost
1.4-2.8 s more per run on the loaded 2-core build machine (`python -X importtime`: 0.34-0.65 s
for `lorebook.cli` as it is), against a 0.5 s target for `lorebook ingest FILE`.
"""

from __future__ import annotations

from lorebook.cli.base import main
from lorebook.cli import agents, living, lint, llm, query, run, stats, users, web, wiki  # noqa: F401,E402  (each registers its commands on `main`)

__all__ = ["main"]
