"""Span checks for every layer: bounds, ``text`` equal to the corpus slice, no edge whitespace."""
from __future__ import annotations

from typing import Any, Iterator

from newsgold.checks.problem import Finding, as_int, items, jpath, quote

SPAN_LAYERS = ("segments", "entities", "timexes", "events")

PathParts = tuple  # e.g. ("entities", 3) or ("events", 2, "trigger")


def iter_spans(doc: Any) -> Iterator[tuple[PathParts, dict]]:
    """(path parts, span object) for every span: segments, entities, timexes, event triggers."""
    for layer in SPAN_LAYERS:
        for i, obj in items(doc, layer):
            if layer != "events":
                yield (layer, i), obj
            elif isinstance(obj.get("trigger"), dict):
                yield (layer, i, "trigger"), obj["trigger"]


def bounds(span: dict) -> tuple[int, int] | None:
    """(start, end) when both are integers, else None (the schema reports the rest)."""
    start, end = as_int(span.get("start")), as_int(span.get("end"))
    return None if start is None or end is None else (start, end)


def check_spans(doc: Any, text: str, *, whitespace: bool = True) -> list[Finding]:
    """Check every span of ``doc`` against ``text``.

    Args:
        doc: an annotation document or a prediction record.
        text: the corpus text.
        whitespace: also require spans without whitespace at either edge (gold only).
    """
    found: list[Finding] = []
    length = len(text)
    for layer in SPAN_LAYERS:  # the order of iter_spans, without a generator step per span
        trigger = layer == "events"
        for i, obj in items(doc, layer):
            span = obj.get("trigger") if trigger else obj
            if trigger and not isinstance(span, dict):
                continue
            start, end = span.get("start"), span.get("end")
            if type(start) is int and type(end) is int and 0 <= start < end <= length:  # the common, clean case
                written = span.get("text")
                if ((written is None or written == text[start:end] or not isinstance(written, str))
                        and not (whitespace and (text[start].isspace() or text[end - 1].isspace()))):
                    continue
            parts = (layer, i, "trigger") if trigger else (layer, i)
            found.extend(check_span(parts, span, text, whitespace=whitespace))  # words what is wrong, if anything
    return found


def check_span(parts: PathParts, span: dict, text: str, *, whitespace: bool = True) -> list[Finding]:
    """Bounds, text and (optionally) edge whitespace of one span."""
    se = bounds(span)
    if se is None:
        return []
    start, end = se
    if not 0 <= start < end <= len(text):
        return [_bounds_finding(parts, start, end, len(text))]
    found: list[Finding] = []
    written = span.get("text")
    if isinstance(written, str) and written != text[start:end]:
        found.append(Finding("span-text", jpath(*parts, "text"),
                             f"{quote(written)} does not match corpus[{start}:{end}] {quote(text[start:end])}",
                             "the exact slice"))
    if whitespace:
        found.extend(_edge_whitespace(parts, text, start, end))
    return found


def _bounds_finding(parts: PathParts, start: int, end: int, length: int) -> Finding:
    if start >= end:
        return Finding("span-bounds", jpath(*parts, "end"),
                       f"end {end} is not after start {start}", "start < end")
    key = "start" if start < 0 or start >= length else "end"
    return Finding("span-bounds", jpath(*parts, key),
                   f"span [{start}, {end}) lies outside the text (length {length})",
                   f"0 <= start < end <= {length}")


def _edge_whitespace(parts: PathParts, text: str, start: int, end: int) -> list[Finding]:
    found = []
    if text[start].isspace():
        found.append(Finding("span-whitespace", jpath(*parts, "start"),
                             f"span {quote(text[start:end])} starts with whitespace {text[start]!r}",
                             "no whitespace at either edge"))
    if text[end - 1].isspace():
        found.append(Finding("span-whitespace", jpath(*parts, "end"),
                             f"span {quote(text[start:end])} ends with whitespace {text[end - 1]!r}",
                             "no whitespace at either edge"))
    return found
