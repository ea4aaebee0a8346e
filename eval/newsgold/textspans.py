"""Trimmed spans and lines of a text (code-point offsets), shared by the baselines and the adapters."""
from __future__ import annotations

Span = tuple[int, int]


def trim(text: str, start: int, end: int) -> Span | None:
    """``[start, end)`` without leading/trailing whitespace (``str.isspace``: NBSP too); None if nothing is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def line_spans(text: str) -> list[Span]:
    """The trimmed, non-empty lines of ``text`` (split on ``\\n``), as code-point offsets."""
    spans, start = [], 0
    for line in text.split("\n"):
        span = trim(text, start, start + len(line))
        if span:
            spans.append(span)
        start += len(line) + 1
    return spans
