"""The living wiki: incremental compiles, page versions, anchored citations, human edits kept."""
