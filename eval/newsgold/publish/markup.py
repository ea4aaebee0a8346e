"""Text with nested highlights as HTML: intervals become properly nested elements, all text escaped.

Each :class:`Mark` is a character range with a rank (lower ranks nest outside higher
ones: segments outside mentions) and the attributes of its element. Where two marks
cross, the inner one is closed and reopened, so the HTML stays well formed; only the
first piece of a mark carries its ``id`` and ``data-first``, so counting
``[data-first]`` elements counts marks, not pieces.
"""
from __future__ import annotations

from bisect import insort
from dataclasses import dataclass, field
from html import escape


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    rank: int
    tag: str
    attrs: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    anchor: str | None = None


def attributes(attrs: dict[str, str]) -> str:
    """`` name="value"`` pairs, escaped, in the given order (None values left out)."""
    return "".join(f' {name}="{escape(str(value), quote=True)}"' for name, value in attrs.items() if value is not None)


def _open(mark: Mark, first: bool) -> str:
    attrs = dict(mark.attrs)
    if first:
        attrs["data-first"] = "1"
        if mark.anchor:
            attrs = {"id": mark.anchor, **attrs}
    return f"<{mark.tag}{attributes(attrs)}>"


def render(text: str, marks: list[Mark]) -> str:
    """``text`` as HTML with every mark as an element (crossing marks split, see the module docstring)."""
    marks = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    order = sorted(range(len(marks)), key=lambda i: (marks[i].rank, marks[i].start, -marks[i].end, i))
    position = {i: n for n, i in enumerate(order)}
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    starting: dict[int, list[int]] = {}
    for i, m in enumerate(marks):
        starting.setdefault(m.start, []).append(i)
    out: list[str] = []
    stack: list[int] = []
    opened: set[int] = set()
    active: list[int] = []  # marks covering the current piece, in nesting order
    for left, right in zip(cuts, cuts[1:]):
        active = [i for i in active if marks[i].end > left]
        for i in starting.get(left, []):
            insort(active, i, key=position.get)
        keep = 0
        while keep < len(stack) and keep < len(active) and stack[keep] == active[keep]:
            keep += 1
        for i in reversed(stack[keep:]):
            out.append(f"</{marks[i].tag}>")
        stack = stack[:keep]
        for i in active[keep:]:
            out.append(_open(marks[i], i not in opened))
            opened.add(i)
            stack.append(i)
        out.append(escape(text[left:right], quote=False))
    out.extend(f"</{marks[i].tag}>" for i in reversed(stack))
    return "".join(out)
