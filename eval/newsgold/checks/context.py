"""What one validation run reads besides its inputs, read once: corpus texts, kb.json, gold."""
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
    """

    def __init__(self, corpus: "Corpus | None" = None) -> None:
        self._corpus = corpus
        self._texts: dict[Path, str | UsageError] = {}
        self._kbs: dict[Path, Any] = {}
        self._gold: dict[str, Any] = {}

    @property
    def corpus(self) -> "Corpus":
        if self._corpus is None:
            from newsgold.corpus import open_corpus

            self._corpus = open_corpus()
        return self._corpus

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
        path = (beside if beside.is_file() else self.corpus.registry_path).resolve()
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
