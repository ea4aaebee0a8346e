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

from typing import Any, Iterator, Mapping, Sequence

"""Main content (CONTRACT section 3)."""

NONE = "none"
"""Label used in statistics keys for "no prediction"."""


def segments_of(doc: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The ``segments`` layer of a gold or prediction dict (empty when absent)."""
    return list(doc.get("segments") or [])


def label_array(length: int, segments: Sequence[Mapping[str, Any]], attr: str) -> list[str | None]:
    """Per code point, the ``attr`` value of the segment covering it (None if none does).

    Args:
        length: Length of the document text.
        segments: Segments with ``start``/``end`` (end-exclusive) and optionally ``attr``.
        attr: Segment attribute to project onto characters (``lang`` or ``zone``).
    """
    labels: list[str | None] = [None] * length
    covered = [False] * length
    ordered = sorted(segments, key=lambda seg: (seg["start"], seg["end"], str(seg.get(attr) or "")))
    for seg in ordered:
        value = seg.get(attr)
        for pos in range(max(0, seg["start"]), min(length, seg["end"])):
            if not covered[pos]:
                covered[pos] = True
                labels[pos] = value
    return labels


def gold_chars(text: str, segments: Sequence[Mapping[str, Any]]) -> Iterator[tuple[int, Mapping[str, Any]]]:
    """Yield ``(position, gold segment)`` for every non-whitespace character of every gold segment."""
    for seg in segments:
        for pos in range(seg["start"], seg["end"]):
            if not text[pos].isspace():
                yield pos, seg


def paired_labels(gold: Mapping[str, Any], pred: Mapping[str, Any], attr: str) -> Iterator[tuple[str, str]]:
    """Yield ``(gold label, predicted label)`` per scored character; a missing prediction is ``"none"``."""
    text = gold["text"]
    predicted = label_array(len(text), segments_of(pred), attr)
    for pos, seg in gold_chars(text, segments_of(gold)):
        yield seg[attr], predicted[pos] or NONE
