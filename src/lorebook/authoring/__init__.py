"""Authoring: write new sources from templates, and the ADR lifecycle (status, supersede, renumber).

These are the only commands that edit files in raw/, and only when a user runs them.
"""
