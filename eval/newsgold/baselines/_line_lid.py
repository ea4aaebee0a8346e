"""What the line-by-line language identifiers (``lid_pycld2``, ``lid_cld3``, ``lid_langid``, ``lid_fasttext``) share.

- ``language``: the identifier's answer for the whole text.
- ``segments``: one per non-empty line (trimmed): a line without any letter
  (``str.isalpha``), such as ``-`` or a bare date, is ``zxx`` (as in lid_lingua and
  the gold guidelines); any other line gets the identifier's answer for that line,
  or, when it gives none (too little text, or a language outside the contract's
  six), the document's answer; a line that still has none is left out (its
  characters count as unanswered).

Each identifier maps its codes to the contract's (``no`` -> ``nb``) and answers only
within el/nb/ro/it/vi/en, restricted the way its library allows (documented in
each module).
"""
from __future__ import annotations

from typing import Any, Callable, Mapping, Sequence

from newsgold.baselines._common import answer_each, line_spans, span_dict, wants

Identify = Callable[[str], "str | None"]
"""text -> BCP-47 code among the contract's languages, or None."""

NO_LETTERS = "zxx"
CODES: dict[str, str] = {"el": "el", "no": "nb", "ro": "ro", "it": "it", "vi": "vi", "en": "en"}
"""The identifiers' codes of the contract's languages -> BCP-47 (Norwegian ``no`` -> ``nb``)."""
SEGMENTS = ("one segment per non-empty line; letterless lines zxx; a line without an answer takes the "
            "document's answer")


def segments(text: str, identify: Identify, fallback: str | None) -> list[dict[str, Any]]:
    """The ``segments`` layer (languages) of ``text``, line by line."""
    out = []
    for start, end in line_spans(text):
        line = text[start:end]
        lang = NO_LETTERS if not any(ch.isalpha() for ch in line) else identify(line) or fallback
        if lang:
            out.append(span_dict(text, start, end, lang=lang))
    return out


def predict_with(inputs: Sequence[Mapping[str, Any]], identify: Identify) -> list[dict[str, Any]]:
    """Harness answers: ``language`` and ``segments`` for every input that asks for lid."""
    def one(item: Mapping[str, Any]) -> dict[str, Any]:
        if not wants(item, "lid") or not item["text"].strip():
            return {}
        language = identify(item["text"])
        answer: dict[str, Any] = {"segments": segments(item["text"], identify, language)}
        if language:
            answer["language"] = language
        return answer

    return answer_each(inputs, one)


def first_known(codes: Sequence[str], mapping: Mapping[str, str]) -> str | None:
    """The first of ``codes`` (best first) that ``mapping`` knows, mapped; None if none."""
    return next((mapping[c] for c in codes if c in mapping), None)
