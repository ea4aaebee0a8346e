"""The corpus fingerprint: one hash that names a version of the gold.

It covers every ``corpus/*.txt`` and every ``annotations/*.json`` (kb.json included;
the generated ``annotations/parquet/`` is not part of it), so any edit to a text, an
annotation or the registry gives a new fingerprint. Results, the gate and the
Hugging Face ``dataset_info`` all carry it.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from newsgold import paths

SHORT_LENGTH = 12


def fingerprint_files(root: Path | str | None = None) -> list[tuple[str, Path]]:
    """The (relative name, path) pairs that the fingerprint covers, sorted by name."""
    base = Path(root) if root is not None else paths.data_root()
    files = [*sorted((base / "corpus").glob("*.txt")), *sorted((base / "annotations").glob("*.json"))]
    return sorted((p.relative_to(base).as_posix(), p) for p in files if p.is_file())


def corpus_fingerprint(root: Path | str | None = None) -> str:
    """sha256 (hex) over the sorted (name, bytes) of corpus/*.txt and annotations/*.json.

    Each file enters as ``name NUL length NUL bytes`` so that no two different sets
    of files hash alike.
    """
    digest = hashlib.sha256()
    for name, path in fingerprint_files(root):
        data = path.read_bytes()
        digest.update(f"{name}\0{len(data)}\0".encode("utf-8"))
        digest.update(data)
    return digest.hexdigest()


def short(fingerprint: str) -> str:
    """The 12-character form of a fingerprint, for tables and file names."""
    return fingerprint[:SHORT_LENGTH]


def short_fingerprint(root: Path | str | None = None) -> str:
    """``short(corpus_fingerprint(root))``."""
    return short(corpus_fingerprint(root))
