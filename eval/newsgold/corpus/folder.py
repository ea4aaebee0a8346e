"""The folder form: ``corpus/<doc_id>.txt`` + ``annotations/<doc_id>.json`` + ``annotations/kb.json``."""
from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Any, Iterator

from newsgold.corpus.base import Corpus
from newsgold.errors import DataError, UsageError
from newsgold.jsonio import read_json, read_text

KB_FILENAME = "kb.json"


def is_folder_corpus(root: Path) -> bool:
    """True when ``root`` has an ``annotations/`` folder."""
    return (Path(root) / "annotations").is_dir()


def annotation_paths(root: Path) -> list[Path]:
    """The per-document annotation files under ``<root>/annotations``, sorted, kb.json excluded."""
    folder = Path(root) / "annotations"
    if not folder.is_dir():
        raise UsageError(f"{folder}: folder not found")
    return sorted(p for p in folder.glob("*.json") if p.name != KB_FILENAME)


class FolderCorpus(Corpus):
    """A corpus laid out as folders (the layout of the newsgold repository)."""

    form = "folder"

    def __init__(self, root: str | Path):
        self.root = Path(root)
        if not is_folder_corpus(self.root):
            raise UsageError(f"{self.root}: not a folder corpus (no annotations/ folder)")

    @property
    def location(self) -> str:
        return str(self.root)

    @property
    def registry_path(self) -> Path:
        return self.root / "annotations" / KB_FILENAME

    @cached_property
    def _paths(self) -> dict[str, Path]:
        found = {p.stem: p for p in annotation_paths(self.root)}
        if not found:
            raise UsageError(f"{self.root / 'annotations'}: no annotation files (an empty corpus)")
        return found

    def doc_ids(self) -> list[str]:
        return sorted(self._paths)

    def annotation_path(self, doc_id: str) -> Path:
        return self._paths[doc_id]

    def text_path(self, annotation: dict[str, Any], doc_id: str) -> Path:
        """Where a document's text lives: ``text_file`` relative to the root (default corpus/<doc_id>.txt)."""
        text_file = annotation.get("text_file")
        return self.root / (text_file if isinstance(text_file, str) else f"corpus/{doc_id}.txt")

    def document(self, doc_id: str) -> dict[str, Any]:
        path = self._paths[doc_id]
        data = read_json(path)
        if not isinstance(data, dict):
            raise DataError(f"{path}: expected a JSON object (an annotation file)")
        if not isinstance(data.get("doc_id"), str):
            raise DataError(f"{path}: $.doc_id: missing or not a string (expected {doc_id!r})")
        data["text"] = read_text(self.text_path(data, doc_id))
        return data

    def documents(self) -> Iterator[dict[str, Any]]:
        for doc_id in self.doc_ids():
            yield self.document(doc_id)

    def _read_registry(self) -> Any:
        return read_json(self.registry_path)

    def source_files(self) -> list[Path]:
        return [*(self._paths[d] for d in self.doc_ids()), self.registry_path]
