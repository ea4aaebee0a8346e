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

MAX_ARGUMENTS_PER_EVENT = 100
"""Arguments of one event mention (newsgold's events have at most a handful)."""

MAX_TRANSLATION_CHARS = 3_000
MAX_TRANSLATION_WORDS = 300
"""Characters and words (whitespace-separated) of one translation, hypothesis or reference: TER's
shift search costs up to about 30 ms per word on reordered text (7 s for 250 words, 32 s for
1000, measured with sacrebleu 2.6), so 300 words cap one segment at about 10 s. The longest
newsgold reference has 465 characters and 75 words."""

MAX_PROBLEMS = 1000
"""Problems collected before a check stops looking (the count says the list was cut)."""

MAX_SYSTEM_OUTPUT_BYTES = 1024 * 1024 * 1024
"""Bytes a --command may write to stdout in one run."""

MAX_BOOTSTRAP = 100_000
"""--bootstrap resamples (each costs one pass over the per-document statistics)."""
