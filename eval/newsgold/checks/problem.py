"""The records a check returns and the helpers that format their paths and quotes."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

"""Zones whose segments are main content (CONTRACT section 3)."""

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass(frozen=True)
class Finding:
    """One defect found by a check, before it is attached to a file."""

    code: str
    path: str
    message: str
    expected: str | None = None


@dataclass(frozen=True)
class Problem:
    """One defect in one file.

    Attributes:
        file: the file as shown to the user (relative to the working directory when possible).
        path: JSON path inside the file or JSON Lines record, e.g. ``$.entities[3].text``.
        message: what is wrong.
        expected: what would be right, or None.
        code: the defect class, e.g. ``schema``, ``span-text``, ``unusable``.
        line: the line of a JSON Lines file, else None.
    """

    file: str
    path: str
    message: str
    expected: str | None
    code: str
    line: int | None = None

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        tail = f" (expected {self.expected})" if self.expected else ""
        return f"{where}: {self.path}: {self.message}{tail}"


def jpath(*parts: str | int) -> str:
    """A JSON path: ``jpath("entities", 3, "text")`` -> ``$.entities[3].text``."""
    out = "$"
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        elif _IDENTIFIER.match(part):
            out += f".{part}"
        else:
            out += "[" + repr(part) + "]"
    return out


def quote(value: Any, limit: int = 60) -> str:
    """``repr`` of a value, shortened in the middle when longer than ``limit``."""
    if isinstance(value, str) and len(value) > limit:
        half = limit // 2 - 1
        return repr(value[:half]) + "…" + repr(value[-half:])
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def as_int(value: Any) -> int | None:
    """The value if it is a real integer (not a bool), else None."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def items(doc: Any, layer: str) -> list[tuple[int, dict]]:
    """(index, object) for every dict in ``doc[layer]``; empty when the layer is malformed."""
    values = doc.get(layer) if isinstance(doc, dict) else None
    if not isinstance(values, list):
        return []
    return [(i, v) for i, v in enumerate(values) if isinstance(v, dict)]
