"""Where the bundled data lives: the checkout when run from it, else the installed wheel's copy.

Only :func:`newsgold.corpus.default_gold_path` (the default corpus) and the schema
loader use this; everything else gets its corpus passed in (:class:`newsgold.corpus.Corpus`).
"""
from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
_CHECKOUT_ROOT = PACKAGE_DIR.parent.parent
_WHEEL_DATA = PACKAGE_DIR / "_data"


def is_checkout() -> bool:
    """True when the package runs from a source checkout (``eval/newsgold`` beside ``corpus/``)."""
    return (_CHECKOUT_ROOT / "corpus").is_dir() and (_CHECKOUT_ROOT / "annotations").is_dir()


def data_root() -> Path:
    """The folder holding ``corpus/``, ``annotations/`` and ``schema/``."""
    return _CHECKOUT_ROOT if is_checkout() else _WHEEL_DATA


def repo_root() -> Path | None:
    """The checkout root, or None when running from an installed wheel."""
    return _CHECKOUT_ROOT if is_checkout() else None


def schema_dir() -> Path:
    """The JSON Schemas (a package resource: the checkout's schema/ or the wheel's copy)."""
    return data_root() / "schema"
