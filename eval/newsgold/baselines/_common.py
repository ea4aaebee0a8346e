"""Helpers shared by the baselines: line spans, the per-document loop, library versions."""
from __future__ import annotations

import importlib.metadata
from contextlib import contextmanager
from typing import Any, Callable, Iterator, Mapping, Sequence

from newsgold.textspans import Span, line_spans, trim  # noqa: F401 - re-exported for the baselines

Input = Mapping[str, Any]

_progress: list[Callable[[], None]] = []


@contextmanager
def progress_hook(callback: Callable[[], None]) -> Iterator[None]:
    """Call ``callback`` after each document any baseline answers (used by ``newsgold bench``)."""
    _progress.append(callback)
    try:
        yield
    finally:
        _progress.remove(callback)


def answer_each(inputs: Sequence[Input], one: Callable[[Input], dict[str, Any]]) -> list[dict[str, Any]]:
    """``[{"doc_id": ..., **one(item)} for item in inputs]``, reporting progress per document."""
    out = []
    for item in inputs:
        out.append({"doc_id": item["doc_id"], **one(item)})
        for callback in _progress:
            callback()
    return out


def wants(item: Input, *tasks: str) -> bool:
    """True when the input asks for one of ``tasks`` (an input without ``tasks`` asks for everything)."""
    asked = item.get("tasks")
    return asked is None or any(t in asked for t in tasks)


def span_dict(text: str, start: int, end: int, **fields: Any) -> dict[str, Any]:
    """A prediction span ``{start, end, text, **fields}``."""
    return {"start": start, "end": end, "text": text[start:end], **fields}


def version(distribution: str) -> str | None:
    """Installed version of a distribution (None when absent)."""
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return None
