"""`python -m lorebook.cli`: the same command as the `lorebook` script."""

from lorebook.cli import main

main()
