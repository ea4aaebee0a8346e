"""Language identification with lingua (``lingua-language-detector``), document and segment level.

- ``language``: ``detect_language_of(text)`` over the whole text.
- ``segments``: every non-empty line (split on ``\\n``) goes through
  ``detect_multiple_languages_of``; each returned section becomes a segment,
  trimmed of surrounding whitespace, with its language as BCP-47 (``nb`` for
  Bokmål). A line without any letter (``str.isalpha``), such as ``-`` or a bare
  date, becomes one ``zxx`` segment (no linguistic content, as in the gold
  guidelines) instead of being skipped, because the gold labels such lines too.
  A line with letters for which lingua returns no section gets the line's
  ``detect_language_of``, else the document's language. Section offsets are
  code points (lingua >= 2.1; clamped to the line in case a version disagrees).

The detector knows only the six languages of the contract (el, nb, ro, it, vi, en),
default settings (no minimum relative distance, lazily loaded models).
"""
from __future__ import annotations

from typing import Any, Mapping

from newsgold.baselines import _language
from newsgold.baselines._common import answer_each, line_spans, span_dict, trim, wants

NAME = "lid_lingua"
TASKS = ("lid",)
DESCRIPTION = "lingua over el/nb/ro/it/vi/en: whole text for the document, detect_multiple_languages_of per line"
LIBRARIES: tuple[str, ...] = ("lingua-language-detector",)
NOTE = ""
NO_LETTERS = "zxx"


def settings() -> dict[str, Any]:
    return {**_language.settings(), "segments": "detect_multiple_languages_of per non-empty line",
            "lines_without_letters": NO_LETTERS}


def line_segments(text: str, start: int, end: int, fallback: str | None) -> list[dict[str, Any]]:
    """Language segments of the line ``text[start:end]``."""
    line = text[start:end]
    if not any(ch.isalpha() for ch in line):
        return [span_dict(text, start, end, lang=NO_LETTERS)]
    detector = _language.detector()
    out = []
    for section in detector.detect_multiple_languages_of(line):
        lo, hi = (min(max(i, 0), len(line)) for i in (section.start_index, section.end_index))
        span = trim(text, start + lo, start + hi)
        if span:
            out.append(span_dict(text, *span, lang=_language.to_bcp47(section.language)))
    if not out:
        lang = _language.guess(line) or fallback or NO_LETTERS
        out.append(span_dict(text, start, end, lang=lang))
    return out


def predict_one(item: Mapping[str, Any]) -> dict[str, Any]:
    if not wants(item, "lid"):
        return {}
    text = item["text"]
    language = _language.guess(text)
    segments = [seg for start, end in line_spans(text) for seg in line_segments(text, start, end, language)]
    return {"segments": segments} if language is None else {"language": language, "segments": segments}


def predict(inputs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Harness callable: one prediction per input, in order."""
    return answer_each(inputs, predict_one)
