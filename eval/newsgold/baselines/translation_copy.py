"""The copy-the-source translation baseline: each main-content segment's translation is its own text.

Answers only in the translation run (which passes the gold main-content segments
``{id, start, end, text}``); in the blind run it answers nothing. Its BLEU/chrF are
the overlap that needs no translation at all (names, numbers, shared words).
"""
from __future__ import annotations

from typing import Any, Mapping

from newsgold.baselines._common import answer_each, wants

NAME = "translation_copy"
TASKS = ("translation",)
DESCRIPTION = "copy the source: translation text = the source segment text"
LIBRARIES: tuple[str, ...] = ()
NOTE = "the score of not translating at all (names, numbers and shared words overlap)"


def settings() -> dict[str, Any]:
    return {"translation": "source segment text, unchanged"}


def predict_one(item: Mapping[str, Any]) -> dict[str, Any]:
    if not wants(item, "translation") or "segments" not in item:
        return {}
    return {"translations": [{"segment": s["id"], "text": s["text"]} for s in item["segments"]]}


def predict(inputs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Harness callable: one prediction per input, in order."""
    return answer_each(inputs, predict_one)
