"""The documented limits on what newsgold reads (README, section "Limits").

Each limit keeps one hostile input from costing unbounded time or memory; going past
one is a clean, located error (exit 2), never a silent truncation. The values are far
above anything a news corpus needs (a long article is about 50 KB of text and a few
hundred mentions) and far below what would exhaust a laptop.
"""
from __future__ import annotations

MAX_FILE_BYTES = 256 * 1024 * 1024
"""A JSON file or corpus text file read whole (annotation, kb.json, result, floors)."""

MAX_LINE_BYTES = 32 * 1024 * 1024
"""One line of a JSON Lines file (a prediction line, a corpus shard line, a system's answer line)."""

MAX_DEPTH = 64
"""JSON nesting depth (the deepest newsgold format needs 5 levels)."""

MAX_INT_DIGITS = 20
"""Digits of one JSON integer (offsets and counts fit in 20 digits; Python refuses over 4300)."""

MAX_ITEMS_PER_LAYER = 10_000
"""Items in one layer of one document (segments, entities, timexes, events, translations): the schema
check costs about 0.6 ms per item, so one line costs at most a few seconds."""

MAX_TRANSLATION_CHARS = 20_000
"""Characters of one translation (hypothesis or reference): TER's cost grows with the square of a segment's words."""

MAX_PROBLEMS = 1000
"""Problems collected before a check stops looking (the count says the list was cut)."""

MAX_SYSTEM_OUTPUT_BYTES = 1024 * 1024 * 1024
"""Bytes a --command may write to stdout in one run."""

MAX_BOOTSTRAP = 100_000
"""--bootstrap resamples (each costs one pass over the per-document statistics)."""
