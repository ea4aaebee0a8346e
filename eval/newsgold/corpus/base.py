"""What every corpus form offers: documents as dicts, the registry, versions, a fingerprint."""
from __future__ import annotations

import hashlib
import json
from abc import ABC, abstractmethod
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

from newsgold.errors import DataError

if TYPE_CHECKING:  # pragma: no cover
    from newsgold.gold import KB, Document

SHORT_LENGTH = 12


def canonical_json(obj: Any) -> bytes:
    """The form hashed by the fingerprint: sorted keys, no spaces, UTF-8 (independent of file layout)."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def document_digest(doc: dict[str, Any]) -> str:
    """sha256 of one document: its annotation object (without ``text``) and its text."""
    annotation = {k: v for k, v in doc.items() if k != "text"}
    digest = hashlib.sha256(canonical_json(annotation))
    digest.update(b"\0")
    digest.update(str(doc.get("text", "")).encode("utf-8"))
    return digest.hexdigest()


def combine_digests(doc_digests: dict[str, str], registry: Any) -> str:
    """The corpus fingerprint from per-document digests (any order) and the registry."""
    total = hashlib.sha256()
    for doc_id in sorted(doc_digests):
        total.update(f"{doc_id}\0{doc_digests[doc_id]}\n".encode("utf-8"))
    total.update(b"kb\0")
    total.update(hashlib.sha256(canonical_json(registry)).hexdigest().encode("ascii"))
    return total.hexdigest()


def short(fingerprint: str) -> str:
    """The 12-character form of a fingerprint, for tables and file names."""
    return fingerprint[:SHORT_LENGTH]


class Corpus(ABC):
    """A gold corpus: documents (text + annotations), registry, versions, fingerprint.

    Subclasses implement :meth:`documents`, :meth:`doc_ids`, :meth:`document`,
    :meth:`_read_registry` and :meth:`source_files`; everything else is shared.
    """

    form: str = ""

    @property
    @abstractmethod
    def location(self) -> str:
        """How the corpus was named (a folder, a file, a glob), for messages."""

    @abstractmethod
    def doc_ids(self) -> list[str]:
        """Every doc_id, sorted."""

    @abstractmethod
    def documents(self) -> Iterator[dict[str, Any]]:
        """Every document as a dict (annotation + ``"text"``), streamed one at a time."""

    @abstractmethod
    def document(self, doc_id: str) -> dict[str, Any]:
        """One document by id; KeyError when absent."""

    @abstractmethod
    def _read_registry(self) -> Any:
        """The parsed registry (kb.json)."""

    @abstractmethod
    def source_files(self) -> list[Path]:
        """The files the corpus is read from (for validation and messages)."""

    @property
    @abstractmethod
    def registry_path(self) -> Path:
        """Where the registry lives."""

    def __len__(self) -> int:
        return len(self.doc_ids())

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.location!r})"

    @cached_property
    def registry(self) -> dict[str, Any]:
        """The cross-document registry as parsed JSON (``entities``, ``events``, ...)."""
        data = self._read_registry()
        if not isinstance(data, dict):
            raise DataError(f"{self.registry_path}: expected a JSON object (the registry)")
        return data

    @property
    def data_version(self) -> str | None:
        """The gold's release version (``data_version`` in the registry), None when not given."""
        value = self.registry.get("data_version")
        return value if isinstance(value, str) else None

    @cached_property
    def fingerprint(self) -> str:
        """sha256 over every document's canonical content and the registry (same for both forms)."""
        return combine_digests({d["doc_id"]: document_digest(d) for d in self.documents()}, self.registry)

    def adopt_fingerprint(self, fingerprint: str) -> None:
        """Take a fingerprint computed while streaming the documents (saves a second pass).

        DataError when one was already computed and differs: the corpus changed while it was read.
        """
        known = self.__dict__.get("fingerprint")  # where functools.cached_property keeps it
        if known is not None and known != fingerprint:
            raise DataError(f"{self.location}: the corpus changed while it was read (fingerprint differs)")
        self.__dict__["fingerprint"] = fingerprint

    def golds(self) -> dict[str, dict[str, Any]]:
        """Every document dict keyed by doc_id (holds the whole corpus in memory: small corpora only).

        The same pass gives the fingerprint, so a caller that needs both reads the corpus once.
        """
        golds = {d["doc_id"]: d for d in self.documents()}
        self.adopt_fingerprint(combine_digests({i: document_digest(d) for i, d in golds.items()}, self.registry))
        return golds

    def load(self) -> list["Document"]:
        """Typed documents, sorted by doc_id (the whole corpus in memory)."""
        from newsgold.gold import document_from_dict

        return sorted((document_from_dict(d, self.location) for d in self.documents()), key=lambda d: d.doc_id)

    def kb(self) -> "KB":
        """The typed registry."""
        from newsgold.gold import kb_from_dict

        return kb_from_dict(self.registry, self.registry_path)
