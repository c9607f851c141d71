"""`python -m lorebook …` runs the CLI (every command module registers on the same group)."""

from lorebook.cli import main

main()
