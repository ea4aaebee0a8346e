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


def kb_path() -> Path:
    return annotations_dir() / "kb.json"


def gold_paths(root: Path | str | None = None) -> list[Path]:
    """The per-document annotation files under ``<root>/annotations`` (default: the data root), sorted, kb.json excluded."""
    from newsgold.errors import UsageError

    folder = (Path(root) if root is not None else data_root()) / "annotations"
    if not folder.is_dir():
        raise UsageError(f"{folder}: folder not found")
    return sorted(p for p in folder.glob("*.json") if p.name != "kb.json")
