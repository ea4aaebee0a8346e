"""What one validation run reads besides its inputs: kb.json and the gold read once, corpus texts as needed."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsgold.checks.problem import Finding, jpath
from newsgold.errors import NewsgoldError, UsageError
from newsgold.jsonio import read_json, read_text

if TYPE_CHECKING:  # pragma: no cover
    from newsgold.corpus import Corpus


class Context:
    """Caches shared by the files of one run.

    The kb of an annotation file is the ``kb.json`` beside it, else the corpus's registry.
    Predictions are checked against the corpus's gold (``corpus``, default: the bundled gold).
    Corpus texts are not kept: each is read by the one annotation file that names it, so
    keeping them would only make memory grow with the number of documents.
    """

    def __init__(self, corpus: "Corpus | None" = None) -> None:
        self._corpus = corpus
        self._kbs: dict[Path, Any] = {}
        self._kb_paths: dict[Path, Path] = {}  # annotation folder -> its registry (one look per folder)
        self._gold: dict[str, Any] = {}

    @property
    def corpus(self) -> "Corpus":
        if self._corpus is None:
            from newsgold.corpus import open_corpus

            self._corpus = open_corpus()
        return self._corpus

    def read_text(self, path: Path) -> str:
        """The decoded file; UsageError when missing or not UTF-8."""
        return read_text(path)

    def kb_for(self, annotation: Path) -> tuple[Any, list[Finding]]:
        """The registry for an annotation file, or None with (once per run) an ``unusable`` finding."""
        folder = Path(annotation).parent
        if folder not in self._kb_paths:
            beside = folder / "kb.json"
            self._kb_paths[folder] = (beside if beside.is_file() else self.corpus.registry_path).resolve()
        path = self._kb_paths[folder]
        if path not in self._kbs:
            try:
                self._kbs[path] = read_json(path)
            except (UsageError, RecursionError) as exc:
                self._kbs[path] = None
                return None, [Finding("unusable", jpath(), f"cannot check slugs: {exc}", "a readable kb.json")]
        return self._kbs[path], []

    def gold_ids(self) -> set[str]:
        """The doc_ids of the corpus the predictions are checked against."""
        return set(self.corpus.doc_ids())

    def gold(self, doc_id: str) -> Any:
        """The gold document ``doc_id`` with its ``text`` (cached); UsageError when it cannot be read."""
        if doc_id not in self._gold:
            try:
                self._gold[doc_id] = self.corpus.document(doc_id)
            except NewsgoldError as exc:
                raise UsageError(str(exc)) from None
        return self._gold[doc_id]
