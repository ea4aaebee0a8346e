"""Which mentions a task scores: one rule per option, the same in every task.

- ``main_content_only``: a mention (entity, timex, event trigger) is kept when its
  **first character** lies in a gold segment whose zone is main content (title,
  lead, heading, body, caption). Gold segments decide for predictions too, so both
  sides are cut by the same line; a predicted mention starting outside every gold
  segment is dropped.
- ``exclude_misc`` (entity mentions): drop type ``MISC`` on both sides.
- ``exclude_demonyms`` (entity mentions): drop subtype ``demonym`` on both sides,
  and a predicted mention without that subtype whose span equals a dropped gold
  demonym (a system that does not predict subtypes is not charged with a spurious
  mention for it).

:func:`select` applies them; entities, linking, timex and events all call it.
"""
from __future__ import annotations

import bisect
from typing import Any, Callable, Mapping, Sequence

from newsgold.gold import MAIN_CONTENT_ZONES
from newsgold.metrics.base import TaskOptions

Mention = Mapping[str, Any]


class SegmentLocator:
    """Finds the gold segment containing a character position."""

    def __init__(self, segments: Sequence[Mapping[str, Any]]):
        self.segments = sorted(segments, key=lambda s: (s["start"], s["end"]))
        self.starts = [s["start"] for s in self.segments]

    def at(self, pos: int) -> Mapping[str, Any] | None:
        i = bisect.bisect_right(self.starts, pos) - 1
        if i >= 0 and pos < self.segments[i]["end"]:
            return self.segments[i]
        return None

    def zone_at(self, pos: int) -> str | None:
        seg = self.at(pos)
        return seg.get("zone") if seg else None


def start_of(mention: Mention) -> int:
    """First character of an entity/timex (``start``) or an event (its trigger's ``start``)."""
    return mention["trigger"]["start"] if "trigger" in mention else mention["start"]


def is_demonym(mention: Mention) -> bool:
    return mention.get("subtype") == "demonym"


def select(gold: Sequence[Mention], pred: Sequence[Mention], where: SegmentLocator, options: TaskOptions,
           entity_options: bool = True,
           zones: frozenset[str] = MAIN_CONTENT_ZONES) -> tuple[list[Mention], list[Mention]]:
    """Gold and predicted mentions kept under ``options`` (rules in the module docstring).

    Args:
        gold, pred: Mention dicts (entities, timexes or events).
        where: Locator over the *gold* segments.
        options: The task options.
        entity_options: Apply ``exclude_misc`` / ``exclude_demonyms`` (entity mentions only).
        zones: The zones ``main_content_only`` keeps (main content).
    """
    def keep(m: Mention) -> bool:
        if options.main_content_only and where.zone_at(start_of(m)) not in zones:
            return False
        if entity_options and options.exclude_misc and m.get("type") == "MISC":
            return False
        return not (entity_options and options.exclude_demonyms and is_demonym(m))

    dropped: set[tuple[int, int]] = set()
    if entity_options and options.exclude_demonyms:
        dropped = {(m["start"], m["end"]) for m in gold if is_demonym(m)}
    return ([m for m in gold if keep(m)],
            [m for m in pred if keep(m) and not (dropped and (m["start"], m["end"]) in dropped)])


def in_zones(mentions: Sequence[Mention], where: SegmentLocator, zones: frozenset[str],
             position: Callable[[Mention], int] = start_of) -> list[Mention]:
    """The mentions whose first character lies in a gold segment of one of ``zones``."""
    return [m for m in mentions if where.zone_at(position(m)) in zones]
