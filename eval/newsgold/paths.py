"""Where the data lives: the checkout when run from it, else the installed wheel's copy."""
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


def corpus_dir() -> Path:
    return data_root() / "corpus"


def annotations_dir() -> Path:
    return data_root() / "annotations"


def schema_dir() -> Path:
    return data_root() / "schema"


def parquet_dir() -> Path:
    """Generated Parquet files for Hugging Face ``datasets`` (``annotations/parquet/<config>/test.parquet``)."""
    return annotations_dir() / "parquet"


def kb_path() -> Path:
    return annotations_dir() / "kb.json"


def gold_paths() -> list[Path]:
    """The per-document annotation files, sorted by name (kb.json excluded)."""
    return sorted(p for p in annotations_dir().glob("*.json") if p.name != "kb.json")
