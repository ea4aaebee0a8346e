"""The JSON Lines form: shards of one annotation object per line with ``text`` inline, plus kb.json.

Documents stream line by line. Random access (:meth:`JsonlCorpus.document`) goes through
an index of ``doc_id -> (shard, byte offset)`` built by one pass over the shards and
kept in memory (about 100 bytes per document).
"""
from __future__ import annotations

import glob
from functools import cached_property
from pathlib import Path
from typing import Any, Iterator

from newsgold.corpus.base import Corpus
from newsgold.errors import DataError, UsageError
from newsgold.jsonio import iter_jsonl_offsets, read_json, parse_json_line
from newsgold.limits import MAX_LINE_BYTES

KB_FILENAME = "kb.json"


def jsonl_shards(pattern: str) -> list[Path]:
    """The shard files matching a glob, sorted; UsageError when none does."""
    found = sorted(Path(p) for p in glob.glob(pattern) if Path(p).is_file())
    if not found:
        raise UsageError(f"--gold {pattern}: no file matches")
    bad = [p for p in found if p.suffix != ".jsonl"]
    if bad:
        raise UsageError(f"--gold {pattern}: {bad[0]} is not a .jsonl shard")
    return found


class JsonlCorpus(Corpus):
    """A corpus as JSON Lines shards (one document per line, text inline) and a registry file."""

    form = "jsonl"

    def __init__(self, shards: list[Path], registry: str | Path | None = None):
        if not shards:
            raise UsageError("a JSON Lines corpus needs at least one shard")
        self.shards = [Path(s) for s in shards]
        self._registry_path = Path(registry) if registry is not None else self.shards[0].parent / KB_FILENAME
        if not self._registry_path.is_file():
            raise UsageError(f"{self._registry_path}: registry not found (put kb.json beside the shards "
                             f"or give --registry FILE)")

    @property
    def location(self) -> str:
        if len(self.shards) == 1:
            return str(self.shards[0])
        return f"{self.shards[0].parent} ({len(self.shards)} shards)"

    @property
    def registry_path(self) -> Path:
        return self._registry_path

    def _lines(self) -> Iterator[tuple[Path, int, int, Any]]:
        for shard in self.shards:
            for lineno, offset, obj in iter_jsonl_offsets(shard):
                if not isinstance(obj, dict):
                    raise DataError(f"{shard}:{lineno}: expected a JSON object (one document)")
                for key in ("doc_id", "text"):
                    if not isinstance(obj.get(key), str):
                        raise DataError(f"{shard}:{lineno}: $.{key}: missing or not a string")
                yield shard, lineno, offset, obj

    @cached_property
    def _index(self) -> dict[str, tuple[Path, int]]:
        index: dict[str, tuple[Path, int]] = {}
        for shard, lineno, offset, obj in self._lines():
            doc_id = obj["doc_id"]
            if doc_id in index:
                first, _ = index[doc_id]
                raise DataError(f"{shard}:{lineno}: doc_id {doc_id!r} occurs again (first in {first})")
            index[doc_id] = (shard, offset)
        if not index:
            raise UsageError(f"{self.location}: no documents (an empty corpus)")
        return index

    def doc_ids(self) -> list[str]:
        return sorted(self._index)

    def document(self, doc_id: str) -> dict[str, Any]:
        shard, offset = self._index[doc_id]
        with open(shard, "rb") as fh:
            fh.seek(offset)
            line = fh.readline(MAX_LINE_BYTES + 1)  # the index pass checked the line; the file may have changed
        return parse_json_line(line, f"{shard}")

    def documents(self) -> Iterator[dict[str, Any]]:
        empty = True
        for _shard, _lineno, _offset, obj in self._lines():
            empty = False
            yield obj
        if empty:
            raise UsageError(f"{self.location}: no documents (an empty corpus)")

    def _read_registry(self) -> Any:
        return read_json(self._registry_path)

    def source_files(self) -> list[Path]:
        return [*self.shards, self._registry_path]
