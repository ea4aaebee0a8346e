"""The corpus fingerprint: one hash that names a version of the gold.

It covers every document (its annotation object, canonicalised, and its text) and the
registry, so any edit to a text, an annotation or the registry gives a new fingerprint,
while the on-disk form (folder or JSON Lines) and JSON layout do not change it.
Results, the gate and the Hugging Face ``dataset_info`` all carry it.
See :mod:`newsgold.corpus.base` for the definition.
"""
from __future__ import annotations

from pathlib import Path

from newsgold.corpus.base import SHORT_LENGTH, short

__all__ = ["SHORT_LENGTH", "short", "corpus_fingerprint", "short_fingerprint"]


def corpus_fingerprint(root: Path | str | None = None) -> str:
    """The fingerprint of the corpus at ``root`` (default: the bundled gold)."""
    from newsgold.corpus import open_corpus

    return open_corpus(root).fingerprint


def short_fingerprint(root: Path | str | None = None) -> str:
    """``short(corpus_fingerprint(root))``."""
    return short(corpus_fingerprint(root))
