"""What one validation run reads besides its inputs, read once: corpus texts, kb.json, gold."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from newsgold import paths
from newsgold.checks.problem import Finding, jpath
from newsgold.errors import UsageError
from newsgold.jsonio import read_json, read_text


class Context:
    """Caches shared by the files of one run.

    The kb of an annotation file is the ``kb.json`` beside it, else the data root's
    (``newsgold.paths.kb_path()``). Predictions are checked against the data root's gold.
    """

    def __init__(self) -> None:
        self._texts: dict[Path, str | UsageError] = {}
        self._kbs: dict[Path, Any] = {}
        self._gold: dict[str, Any] = {}

    def read_text(self, path: Path) -> str:
        """The decoded file (cached); UsageError when missing or not UTF-8."""
        key = Path(path).resolve()
        if key not in self._texts:
            try:
                self._texts[key] = read_text(path)
            except UsageError as exc:
                self._texts[key] = exc
        value = self._texts[key]
        if isinstance(value, UsageError):
            raise value
        return value

    def kb_for(self, annotation: Path) -> tuple[Any, list[Finding]]:
        """The registry for an annotation file, or None with (once per run) an ``unusable`` finding."""
        beside = Path(annotation).parent / "kb.json"
        path = (beside if beside.is_file() else paths.kb_path()).resolve()
        if path not in self._kbs:
            try:
                self._kbs[path] = read_json(path)
            except (UsageError, RecursionError) as exc:
                self._kbs[path] = None
                return None, [Finding("unusable", jpath(), f"cannot check slugs: {exc}", "a readable kb.json")]
        return self._kbs[path], []

    @staticmethod
    def gold_files() -> dict[str, Path]:
        """doc_id -> annotation file of the data root's gold."""
        return {p.stem: p for p in paths.gold_paths()}

    def gold(self, doc_id: str) -> Any:
        """The gold document ``doc_id`` (cached); UsageError when it cannot be read."""
        if doc_id not in self._gold:
            self._gold[doc_id] = read_json(self.gold_files()[doc_id])
        return self._gold[doc_id]
