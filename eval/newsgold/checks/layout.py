"""How spans sit in the text: segments ordered, disjoint and covering; entities flat."""
from __future__ import annotations

import re
from typing import Any

from newsgold.checks.problem import Finding, items, jpath, quote
from newsgold.checks.spans import bounds

_NON_SPACE = re.compile(r"\S")
_CONTEXT = 20


def _spans(doc: Any, layer: str) -> list[tuple[int, int, int]]:
    """(start, end, index) of the layer's items that have integer bounds, in file order."""
    out = []
    for i, obj in items(doc, layer):
        start, end = obj.get("start"), obj.get("end")
        if type(start) is int and type(end) is int:  # the common case, without a call per item
            out.append((start, end, i))
        else:
            se = bounds(obj)
            if se is not None:
                out.append((se[0], se[1], i))
    return out


def _name(doc: Any, layer: str, span: tuple[int, int, int]) -> str:
    """The id of the item a span comes from (``#<index>`` without one), named only in a message."""
    i = span[2]
    return str(doc[layer][i].get("id", f"#{i}"))


def check_segment_order(doc: Any) -> list[Finding]:
    """Segments appear in text order."""
    found = []
    spans = _spans(doc, "segments")
    for prev, cur in zip(spans, spans[1:]):
        if cur[:2] < prev[:2]:
            found.append(Finding("segment-order", jpath("segments", cur[2], "start"),
                                 f"{_name(doc, 'segments', cur)} starts at {cur[0]}, "
                                 f"before {_name(doc, 'segments', prev)} (start {prev[0]})",
                                 "segments in text order"))
    return found


def check_segment_overlap(doc: Any) -> list[Finding]:
    """No two segments share a character."""
    found = []
    spans = sorted(_spans(doc, "segments"))
    for prev, cur in zip(spans, spans[1:]):
        if cur[0] < prev[1]:
            found.append(Finding("segment-overlap", jpath("segments", cur[2]),
                                 f"{_name(doc, 'segments', cur)} [{cur[0]}, {cur[1]}) "
                                 f"overlaps {_name(doc, 'segments', prev)} [{prev[0]}, {prev[1]})",
                                 "non-overlapping segments"))
    return found


def check_segment_coverage(doc: Any, text: str) -> list[Finding]:
    """Every non-whitespace character lies in a segment; reports the first one that does not."""
    gaps, pos = [], 0
    for start, end, _ in sorted(_spans(doc, "segments")):
        if start > pos:
            gaps.append((pos, min(start, len(text))))
        pos = max(pos, end)
    gaps.append((pos, len(text)))
    uncovered = [m.start() for a, b in gaps if a < b for m in _NON_SPACE.finditer(text, a, b)]
    if not uncovered:
        return []
    first = uncovered[0]
    context = text[max(0, first - _CONTEXT): first + _CONTEXT]
    return [Finding("segment-coverage", jpath("segments"),
                    f"character {first} {text[first]!r} is not covered by any segment "
                    f"(context {quote(context, 2 * _CONTEXT + 10)}; {len(uncovered)} uncovered in all)",
                    "segments covering every non-whitespace character exactly once")]


def check_entities_flat(doc: Any) -> list[Finding]:
    """Entity mentions never overlap or nest."""
    found: list[Finding] = []
    outer: tuple[int, int, int] | None = None
    for span in sorted(_spans(doc, "entities"), key=lambda s: (s[0], -s[1], s[2])):
        if outer is not None and span[0] < outer[1]:
            relation = "is nested in" if span[1] <= outer[1] else "overlaps"
            found.append(Finding("entity-overlap", jpath("entities", span[2]),
                                 f"{_name(doc, 'entities', span)} [{span[0]}, {span[1]}) {relation} "
                                 f"{_name(doc, 'entities', outer)} [{outer[0]}, {outer[1]})",
                                 "flat entity mentions (no overlap, no nesting)"))
        if outer is None or span[1] > outer[1]:
            outer = span
    return found
