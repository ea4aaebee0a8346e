"""Per-document statistics kept compactly: a key pattern and packed values per row.

A task's statistics for one document are a flat mapping ``key -> int | float`` (see
:mod:`newsgold.metrics.base`). Holding one ``Counter`` per document costs several
kilobytes; here a row is

* the id of its *pattern* — the keys in their original order with an int/float flag,
  interned once per task (documents mostly share a handful of patterns);
* its integer values packed in the narrowest signed width that holds them all
  (1, 2, 4 or 8 bytes), then its float values as 8-byte doubles, appended to one
  ``bytearray``;
* its offset into that buffer and its width code.

So a row costs ``13 + n_int * width + 8 * n_float`` bytes (about 1 byte per integer
statistic in practice). Rows decode back to a ``Counter`` with the same keys, the same
order, the same values and the same Python types, so everything computed from them is
bit-for-bit what the in-memory path computes from the original counters.
"""
from __future__ import annotations

from array import array
from collections import Counter
from typing import Any, Iterator, Mapping, Sequence

_WIDTHS = (("b", 1 << 7), ("h", 1 << 15), ("i", 1 << 31), ("q", 1 << 63))
_CODES = b"bhiq"


def _int_code(values: list[int]) -> str:
    biggest = max((v if v >= 0 else -v - 1 for v in values), default=0)
    for code, bound in _WIDTHS:
        if biggest < bound:
            return code
    raise OverflowError(f"a statistic does not fit in 64 bits: {biggest}")


class StatsTable:
    """The statistics rows of one task (one row per document, appended in any order)."""

    def __init__(self) -> None:
        self.patterns: list[tuple[tuple[str, bool], ...]] = []
        self._pattern_ids: dict[tuple[tuple[str, bool], ...], int] = {}
        self.row_pattern = array("i")
        self.row_offset = array("q")
        self.row_code = bytearray()
        self.blob = bytearray()

    def __len__(self) -> int:
        return len(self.row_pattern)

    def append(self, stats: Mapping[str, Any]) -> int:
        """Store one document's statistics; returns the row number."""
        pattern: list[tuple[str, bool]] = []
        ints: list[int] = []
        floats: list[float] = []
        for key, value in stats.items():
            if isinstance(value, float):
                pattern.append((key, True))
                floats.append(value)
            else:
                pattern.append((key, False))
                ints.append(int(value))
        frozen = tuple(pattern)
        pid = self._pattern_ids.get(frozen)
        if pid is None:
            pid = self._pattern_ids[frozen] = len(self.patterns)
            self.patterns.append(frozen)
        code = _int_code(ints)
        self.row_pattern.append(pid)
        self.row_offset.append(len(self.blob))
        self.row_code.append(ord(code))
        self.blob += array(code, ints).tobytes()
        self.blob += array("d", floats).tobytes()
        return len(self.row_pattern) - 1

    def row(self, i: int) -> Counter:
        """Row ``i`` as the Counter it was made from (same keys, order, values and types)."""
        pattern = self.patterns[self.row_pattern[i]]
        code = chr(self.row_code[i])
        n_float = sum(1 for _, is_float in pattern if is_float)
        n_int = len(pattern) - n_float
        start = self.row_offset[i]
        ints = array(code)
        ints.frombytes(bytes(self.blob[start:start + n_int * ints.itemsize]))
        floats = array("d")
        start += n_int * ints.itemsize
        floats.frombytes(bytes(self.blob[start:start + 8 * n_float]))
        it_int, it_float = iter(ints.tolist()), iter(floats.tolist())
        return Counter({key: next(it_float) if is_float else next(it_int) for key, is_float in pattern})

    def nbytes(self) -> int:
        """Bytes held by the rows (buffers and per-row arrays; patterns are shared and left out)."""
        return (len(self.blob) + self.row_pattern.itemsize * len(self.row_pattern)
                + self.row_offset.itemsize * len(self.row_offset) + len(self.row_code))


class LazyRows(Mapping):
    """``doc_id -> Counter`` over stored rows, decoded on access (nothing is cached).

    ``locate`` maps a doc_id to ``(part, row)``: row ``row`` of ``tables[part]``;
    iteration follows ``order`` (the doc_ids, sorted).
    """

    def __init__(self, order: Sequence[str], locate: Mapping[str, tuple[int, int]], tables: Sequence[StatsTable]):
        self._order, self._locate, self._tables = order, locate, tables

    def __getitem__(self, doc_id: str) -> Counter:
        part, row = self._locate[doc_id]
        return self._tables[part].row(row)

    def __iter__(self) -> Iterator[str]:
        return iter(self._order)

    def __len__(self) -> int:
        return len(self._order)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._locate
