"""How close a candidate's meaning is to the question's: a static word-embedding model, offline.

Lexical matching cannot tell "GitHub Actions is free for public repositories" from "GitHub Actions
lets you set approvals" when the question asks why it is *cheaper*, and it reads nothing at all into
a German or Japanese sentence asked about in English. WordLlama ships its weights and tokenizer in
the wheel (nothing is downloaded), embeds a sentence in microseconds and is deterministic, so its
cosine similarity is one more visible score part (rank.W_MEANING) that breaks such ties.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def _model():
    try:
        import wordllama
        from wordllama import WordLlama
    except ImportError:  # an install without it answers as before, on words alone
        return None
    logging.getLogger("wordllama").setLevel(logging.ERROR)
    # the wheel keeps its tokenizer in wordllama/tokenizers/, where `load` looks when that folder is the cache
    return WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)


def similarities(question: str, texts: list[str]) -> list[float]:
    """Cosine similarity of each text to the question, rounded so that answers do not hang on float noise
    (all 0.0 when the model is not installed)."""
    model = _model()
    if model is None or not texts:
        return [0.0] * len(texts)
    import numpy as np

    q = model.embed([question], norm=True)
    t = model.embed(texts, norm=True)
    return [round(float(x), 3) for x in np.asarray(t @ q[0])]
