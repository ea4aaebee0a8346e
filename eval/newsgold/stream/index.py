"""Joining prediction lines to gold documents in any order: an index ``doc_id -> byte offset``.

One pass over the predictions file (:func:`newsgold.jsonio.iter_jsonl_offsets`) records,
for the first line of each ``doc_id``, its line number and byte offset; every other line
(not an object, no string ``doc_id``, a repeated ``doc_id``) is remembered by line number
and offset only, to be checked — and reported — after the gold has been read. Scoring
then seeks to a document's line and parses it again (:meth:`PredictionIndex.fetch`), so
the predictions are parsed twice and never held: the index costs two 8-byte integers plus
the ``doc_id`` string and a dict slot, about 100 bytes per document.
"""
from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from newsgold.jsonio import Parsed, iter_jsonl_offsets, parse_json_line_parsed


@dataclass
class PredictionIndex:
    """Where each document's prediction line is, in one predictions file."""

    path: Path
    rows: dict[str, int] = field(default_factory=dict)  # doc_id -> position in lines/offsets
    lines: array = field(default_factory=lambda: array("q"))
    offsets: array = field(default_factory=lambda: array("q"))
    leftovers: list[tuple[int, int]] = field(default_factory=list)  # (line, offset) of unjoinable lines

    @classmethod
    def build(cls, path: str | Path) -> "PredictionIndex":
        """Index a predictions JSON Lines file (UsageError for a missing file or a line that is not JSON)."""
        index = cls(Path(path))
        for lineno, offset, obj in iter_jsonl_offsets(index.path):
            doc_id = obj.get("doc_id") if isinstance(obj, dict) else None
            if isinstance(doc_id, str) and doc_id not in index.rows:
                index.rows[doc_id] = len(index.lines)
                index.lines.append(lineno)
                index.offsets.append(offset)
            else:
                index.leftovers.append((lineno, offset))
        return index

    def where(self, line: int) -> str:
        """How messages name a line (as :func:`newsgold.predictions.read_predictions` does)."""
        return f"{self.path}:{line}"

    def locate(self, doc_id: str) -> tuple[int, int] | None:
        """``(line, byte offset)`` of the document's line, None when it has none."""
        row = self.rows.get(doc_id)
        return None if row is None else (self.lines[row], self.offsets[row])

    def open(self) -> BinaryIO:
        return open(self.path, "rb")

    def read(self, fh: BinaryIO, line: int, offset: int) -> Any:
        """The parsed object on ``line`` (at ``offset``) of the open file ``fh``."""
        return self.read_parsed(fh, line, offset).value

    def read_parsed(self, fh: BinaryIO, line: int, offset: int) -> Parsed:
        """Like :meth:`read`, with whether a float occurs in the object (the schema check needs it)."""
        fh.seek(offset)
        return parse_json_line_parsed(fh.readline(), self.where(line))
