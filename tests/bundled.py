"""Where the bundled gold lives, for tests that read its files directly (via the one default)."""
from __future__ import annotations

from pathlib import Path

from newsgold.corpus import default_gold_path
from newsgold.corpus.folder import annotation_paths


def data_root() -> Path:
    return default_gold_path()


def corpus_dir() -> Path:
    return data_root() / "corpus"


def annotations_dir() -> Path:
    return data_root() / "annotations"


def kb_path() -> Path:
    return annotations_dir() / "kb.json"


def gold_paths() -> list[Path]:
    return annotation_paths(data_root())
