"""Per-document statistics kept compactly: a key pattern and packed values per row.

A task's statistics for one document are a flat mapping ``key -> int | float`` (see
:mod:`newsgold.metrics.base`). Holding one ``Counter`` per document costs several
kilobytes; here a row is

* the id of its *pattern* — the keys in their original order with an int/float flag,
  interned once per task (documents mostly share a handful of patterns);
* its integer values as a bit mask of the non-zero ones followed by those as zigzag
  varints (most statistics are zero or small counts), then its float values as 8-byte
  doubles, appended to one ``bytearray``;
* its offset into that buffer.

So a row costs ``12 + n_int / 8 + (1 or 2 bytes per non-zero integer) + 8 * n_float``
bytes. Rows decode back to a ``Counter`` with the same keys, the same
order, the same values and the same Python types, so everything computed from them is
bit-for-bit what the in-memory path computes from the original counters.
"""
from __future__ import annotations

from array import array
from collections import Counter
from typing import Any, Iterator, Mapping, Sequence

def pack_ints(values: list[int]) -> bytes:
    """A bit mask of the non-zero values (1 bit per value), then each non-zero value as a
    zigzag LEB128 varint (1 byte below 64, 2 below 8192, ...)."""
    mask = 0
    out = bytearray()
    for k, value in enumerate(values):
        if value:
            mask |= 1 << k
            z = value << 1 if value >= 0 else (-value << 1) - 1
            while z >= 0x80:
                out.append((z & 0x7F) | 0x80)
                z >>= 7
            out.append(z)
    return mask.to_bytes((len(values) + 7) // 8, "little") + bytes(out)


def unpack_ints(buf: bytes | bytearray | memoryview, start: int, n: int) -> tuple[list[int], int]:
    """The ``n`` integers packed at ``buf[start:]`` by :func:`pack_ints`, and the offset after them."""
    width = (n + 7) // 8
    mask = int.from_bytes(buf[start:start + width], "little")
    pos = start + width
    values = []
    for k in range(n):
        if not (mask >> k) & 1:
            values.append(0)
            continue
        z = shift = 0
        while True:
            byte = buf[pos]
            pos += 1
            z |= (byte & 0x7F) << shift
            shift += 7
            if byte < 0x80:
                break
        values.append(z >> 1 if not z & 1 else -((z + 1) >> 1))
    return values, pos


class StatsTable:
    """The statistics rows of one task (one row per document, appended in any order)."""

    def __init__(self) -> None:
        self.patterns: list[tuple[tuple[str, bool], ...]] = []
        self._pattern_ids: dict[tuple[tuple[str, bool], ...], int] = {}
        self.row_pattern = array("i")
        self.row_offset = array("q")
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
        self.row_pattern.append(pid)
        self.row_offset.append(len(self.blob))
        self.blob += pack_ints(ints)
        self.blob += array("d", floats).tobytes()
        return len(self.row_pattern) - 1

    def row(self, i: int) -> Counter:
        """Row ``i`` as the Counter it was made from (same keys, order, values and types)."""
        pattern = self.patterns[self.row_pattern[i]]
        n_float = sum(1 for _, is_float in pattern if is_float)
        ints, pos = unpack_ints(self.blob, self.row_offset[i], len(pattern) - n_float)
        floats = array("d")
        floats.frombytes(bytes(self.blob[pos:pos + 8 * n_float]))
        it_int, it_float = iter(ints), iter(floats.tolist())
        return Counter({key: next(it_float) if is_float else next(it_int) for key, is_float in pattern})

    def nbytes(self) -> int:
        """Bytes held by the rows (buffer and per-row arrays; patterns are shared and left out)."""
        return len(self.blob) + self.row_pattern.itemsize * len(self.row_pattern) \
            + self.row_offset.itemsize * len(self.row_offset)


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
