"""Work units: disjoint slices of a gold corpus that a process (or a Dask task) reads on its own.

* folder form: a contiguous run of doc_ids (``corpus/`` + ``annotations/`` files);
* JSON Lines form: a byte range ``[start, end)`` of one shard. A unit owns every line that
  *starts* in its range: it seeks to ``start - 1``, drops the rest of that line, and reads
  lines while their first byte lies before ``end``. Ranges need not fall on line ends, so
  a shard is split by size alone and no line is read twice or skipped.

Units carry paths, not data, so they are cheap to send to workers.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from newsgold.corpus.base import Corpus
from newsgold.corpus.folder import FolderCorpus
from newsgold.corpus.jsonl import JsonlCorpus
from newsgold.errors import DataError, UsageError
from newsgold.jsonio import parse_json_line

UNITS_PER_JOB = 4
"""Units made per worker, so that uneven units still keep every worker busy."""


@dataclass(frozen=True)
class Unit:
    """A slice of the corpus: ``kind`` ``folder`` (``doc_ids`` under ``path``) or ``jsonl`` (bytes of ``path``)."""

    kind: str
    path: str
    doc_ids: tuple[str, ...] = ()
    start: int = 0
    end: int = -1  # -1: to the end of the shard


def plan_units(corpus: Corpus, parts: int) -> list[Unit]:
    """About ``parts`` units covering the corpus exactly once (one unit per shard when ``parts`` is 1)."""
    parts = max(1, parts)
    if isinstance(corpus, FolderCorpus):
        ids = corpus.doc_ids()
        size = -(-len(ids) // parts)
        return [Unit("folder", str(corpus.root), tuple(ids[i:i + size])) for i in range(0, len(ids), size)]
    if isinstance(corpus, JsonlCorpus):
        return _jsonl_units(corpus.shards, parts)
    raise UsageError(f"cannot split a corpus of type {type(corpus).__name__} into units")


def _jsonl_units(shards: list[Path], parts: int) -> list[Unit]:
    sizes = [os.path.getsize(s) for s in shards]
    if parts == 1:
        return [Unit("jsonl", str(s)) for s in shards]
    target = max(1, sum(sizes) // parts)
    units = []
    for shard, size in zip(shards, sizes):
        pieces = max(1, round(size / target))
        bounds = [size * k // pieces for k in range(pieces + 1)]
        units += [Unit("jsonl", str(shard), start=a, end=b) for a, b in zip(bounds, bounds[1:]) if b > a]
    return units


def iter_unit(unit: Unit) -> Iterator[dict[str, Any]]:
    """The gold documents of a unit, as dicts (annotation + ``"text"``)."""
    if unit.kind == "folder":
        corpus = FolderCorpus(unit.path)
        for doc_id in unit.doc_ids:
            yield corpus.document(doc_id)
        return
    yield from _jsonl_range(Path(unit.path), unit.start, unit.end)


def _jsonl_range(shard: Path, start: int, end: int) -> Iterator[dict[str, Any]]:
    try:
        fh = open(shard, "rb")
    except OSError as exc:
        raise UsageError(f"{shard}: cannot read ({exc.strerror})") from None
    with fh:
        if start > 0:
            fh.seek(start - 1)
            fh.readline()
        pos = fh.tell()
        while end < 0 or pos < end:
            raw = fh.readline()
            if not raw:
                break
            at = pos
            pos += len(raw)
            if not raw.strip():
                continue
            try:
                obj = parse_json_line(raw, _PLACE)
            except UsageError as exc:
                raise UsageError(str(exc).replace(_PLACE, _where(shard, at), 1)) from None
            if not isinstance(obj, dict):
                raise DataError(f"{_where(shard, at)}: expected a JSON object (one document)")
            if not isinstance(obj.get("doc_id"), str):
                raise DataError(f"{_where(shard, at)}: $.doc_id: missing or not a string (expected the document's id)")
            yield obj


_PLACE = "\0where\0"


def _where(shard: Path, pos: int) -> str:
    """``shard:LINE`` for the line starting at byte ``pos`` (counted only when a message needs it)."""
    line, done = 1, 0
    with open(shard, "rb") as fh:
        while done < pos:
            chunk = fh.read(min(1 << 20, pos - done))
            if not chunk:
                break
            line += chunk.count(b"\n")
            done += len(chunk)
    return f"{shard}:{line}"
