"""Character-level views of segment layers, shared by the ``lid`` and ``zones`` tasks.

Segment metrics are computed over the *non-whitespace* characters of the gold
segments (``str.isspace`` decides what whitespace is, so NBSP is whitespace).
Every such character carries the label of its gold segment; its predicted label
is the label of the predicted segment that covers it. Predicted segments may be
missing, unlabeled or overlapping: an uncovered character or a segment without
the attribute gives ``None``; where predicted segments overlap, the segment that
starts first wins; between segments with the same start, the shorter one, then the
smaller label (content decides, never the list position).
"""
from __future__ import annotations

import bisect
from typing import Any, Iterator, Mapping, Sequence

"""Main content (CONTRACT section 3)."""

NONE = "none"
"""Label used in statistics keys for "no prediction"."""


def segments_of(doc: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The ``segments`` layer of a gold or prediction dict (empty when absent)."""
    return list(doc.get("segments") or [])


def label_runs(length: int, segments: Sequence[Mapping[str, Any]], attr: str) -> list[tuple[int, int, Any]]:
    """The predicted labelling as disjoint runs ``(start, end, attr value)``, ascending, inside ``[0, length)``.

    Segments are taken in order of ``(start, end, label)`` and each claims the positions
    no earlier one claimed (the precedence rule of the module docstring). Because the
    starts ascend, what the earlier segments claimed at or after a start is one range
    ending at the furthest end so far, so a segment claims ``[max(start, furthest), end)``.
    Positions in no run are uncovered; a run's value may be None (segment without ``attr``).

    Args:
        length: Length of the document text.
        segments: Segments with ``start``/``end`` (end-exclusive) and optionally ``attr``.
        attr: Segment attribute to project onto characters (``lang`` or ``zone``).
    """
    runs: list[tuple[int, int, Any]] = []
    furthest = 0
    for seg in sorted(segments, key=lambda seg: (seg["start"], seg["end"], str(seg.get(attr) or ""))):
        start, end = max(seg["start"], furthest), min(length, seg["end"])
        if start < end:
            runs.append((start, end, seg.get(attr)))
            furthest = end
    return runs


def non_space(text: str, start: int, end: int) -> int:
    """Number of non-whitespace characters of ``text[start:end]`` (``str.split`` uses ``str.isspace``)."""
    return sum(map(len, text[start:end].split()))


def _pieces(gold_seg: Mapping[str, Any], runs: Sequence[tuple[int, int, Any]], ends: Sequence[int],
            length: int) -> Iterator[tuple[int, int, Any]]:
    """``[start, end)`` pieces of one gold segment with the predicted run value (None where uncovered), in order."""
    pos, stop = gold_seg["start"], gold_seg["end"]
    if pos >= stop:
        return
    if pos < 0 or stop > length:
        raise ValueError(f"gold segment [{pos}, {stop}) lies outside the text (length {length})")
    i = bisect.bisect_right(ends, pos)  # first run ending after pos
    while pos < stop:
        if i == len(runs) or runs[i][0] >= stop:
            yield pos, stop, None
            return
        run_start, run_end, value = runs[i]
        if run_start > pos:
            yield pos, run_start, None
            pos = run_start
        piece_end = min(stop, run_end)
        yield pos, piece_end, value
        pos, i = piece_end, i + 1


def paired_counts(gold: Mapping[str, Any], pred: Mapping[str, Any], attr: str) -> dict[tuple[Any, str], int]:
    """Number of scored characters per ``(gold label, predicted label)``; a missing prediction is ``"none"``.

    Interval arithmetic over the gold segments and the predicted runs (:func:`label_runs`):
    each piece where both labels are constant adds its non-whitespace characters. Pairs
    with no character are absent; the pairs come in the order in which a scan of the gold
    segments (as listed, each left to right) first meets them.
    """
    text = gold["text"]
    runs = label_runs(len(text), segments_of(pred), attr)
    ends = [end for _, end, _ in runs]
    counts: dict[tuple[Any, str], int] = {}
    for seg in segments_of(gold):
        for start, end, value in _pieces(seg, runs, ends, len(text)):
            n = non_space(text, start, end)
            if n:
                key = (seg[attr], value or NONE)
                counts[key] = counts.get(key, 0) + n
    return counts
