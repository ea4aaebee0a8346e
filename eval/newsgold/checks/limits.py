"""Checks of the documented size limits (newsgold.limits).

They run before the schema: a document past a limit is reported at once, without
paying for a schema walk over a million items.
"""
from __future__ import annotations

from typing import Any

from newsgold.checks.problem import Finding, jpath
from newsgold.limits import (MAX_ARGUMENTS_PER_EVENT, MAX_ITEMS_PER_LAYER, MAX_TRANSLATION_CHARS,
                             MAX_TRANSLATION_WORDS)

LAYERS = ("segments", "entities", "timexes", "events", "translations")


def check_limits(doc: Any) -> list[Finding]:
    """Layers longer than MAX_ITEMS_PER_LAYER; else events with more than MAX_ARGUMENTS_PER_EVENT arguments
    and translations longer than MAX_TRANSLATION_CHARS or MAX_TRANSLATION_WORDS."""
    if not isinstance(doc, dict):
        return []
    found = []
    for layer in LAYERS:
        values = doc.get(layer)
        if isinstance(values, list) and len(values) > MAX_ITEMS_PER_LAYER:
            found.append(Finding("limit", jpath(layer), f"{len(values)} items",
                                 f"at most {MAX_ITEMS_PER_LAYER} per document (README, Limits)"))
    if found:
        return found
    events = doc.get("events")
    for i, event in enumerate(events if isinstance(events, list) else []):
        arguments = event.get("arguments") if isinstance(event, dict) else None
        if isinstance(arguments, list) and len(arguments) > MAX_ARGUMENTS_PER_EVENT:
            found.append(Finding("limit", jpath("events", i, "arguments"), f"{len(arguments)} arguments",
                                 f"at most {MAX_ARGUMENTS_PER_EVENT} per event (README, Limits)"))
    translations = doc.get("translations")
    if isinstance(translations, list):
        for i, item in enumerate(translations):
            text = item.get("text") if isinstance(item, dict) else None
            if isinstance(text, str):
                found += _translation_size(text, i)
    return found


def _translation_size(text: str, index: int) -> list[Finding]:
    if len(text) > MAX_TRANSLATION_CHARS:
        return [Finding("limit", jpath("translations", index, "text"), f"{len(text)} characters",
                        f"at most {MAX_TRANSLATION_CHARS} characters per translation (README, Limits)")]
    if len(text) <= 2 * MAX_TRANSLATION_WORDS:  # words are separated by whitespace: at most (len + 1) // 2
        return []
    words = len(text.split())
    if words > MAX_TRANSLATION_WORDS:
        return [Finding("limit", jpath("translations", index, "text"), f"{words} words",
                        f"at most {MAX_TRANSLATION_WORDS} words per translation (README, Limits)")]
    return []
