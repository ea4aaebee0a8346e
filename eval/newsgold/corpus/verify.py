"""The gold a command scores is valid: checked once per fingerprint, the verdict cached.

``eval`` and ``bench`` call :func:`ensure_valid` before scoring, so a broken gold corpus
ends in a located DataError (exit 1) instead of a crash deep inside a metric. A clean
verdict is remembered by fingerprint, in memory and in ``$XDG_CACHE_HOME/newsgold/valid/``
(default ``~/.cache``), so the full validation runs once per version of a corpus; an
unwritable cache only costs the re-validation.
"""
from __future__ import annotations

import os
from pathlib import Path

from newsgold.corpus.base import Corpus
from newsgold.errors import DataError

MAX_SHOWN_PROBLEMS = 10
_VALID: set[str] = set()


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "newsgold" / "valid"


def _known_valid(fingerprint: str) -> bool:
    return fingerprint in _VALID or (_cache_dir() / fingerprint).is_file()


def _remember(fingerprint: str) -> None:
    _VALID.add(fingerprint)
    try:
        folder = _cache_dir()
        folder.mkdir(parents=True, exist_ok=True)
        (folder / fingerprint).touch()
    except OSError:
        pass  # the cache is an optimisation only


def ensure_valid(corpus: Corpus) -> None:
    """DataError listing the first problems unless the corpus validates clean (cached by fingerprint)."""
    from newsgold.validate import validate_corpus

    fingerprint = corpus.fingerprint
    if _known_valid(fingerprint):
        return
    problems = list(validate_corpus(corpus).problems)
    if problems:
        shown = [f"  {p}" for p in problems[:MAX_SHOWN_PROBLEMS]]
        more = [f"  ... and {len(problems) - MAX_SHOWN_PROBLEMS} more"] if len(problems) > MAX_SHOWN_PROBLEMS else []
        raise DataError("\n".join([f"the gold corpus {corpus.location} is not valid ({len(problems)} problem(s)); "
                                   "nothing was scored. Fix it first (see `newsgold validate --gold ...`):",
                                   *shown, *more]))
    _remember(fingerprint)
