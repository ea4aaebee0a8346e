"""newsgold: a multilingual news gold standard and its evaluation harness.

Heavy modules are imported lazily so that ``import newsgold`` and
``newsgold --help`` stay fast.
"""
from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
SCHEMA_VERSION = "2.0.0"

__all__ = ["__version__", "SCHEMA_VERSION", "open_corpus", "validate_gold", "score", "load_gold", "load", "validate_paths"]


def __getattr__(name: str) -> Any:
    """Resolve the public API lazily (PEP 562)."""
    if name == "open_corpus":
        from newsgold.corpus import open_corpus

        return open_corpus
    if name in ("validate_gold", "score"):
        from newsgold import api

        return getattr(api, name)
    if name == "load_gold":
        from newsgold.gold import load_gold

        return load_gold
    if name == "load":
        from newsgold.hf import load

        return load
    if name == "validate_paths":
        from newsgold.validate import validate_paths

        return validate_paths
    raise AttributeError(f"module 'newsgold' has no attribute {name!r}")
