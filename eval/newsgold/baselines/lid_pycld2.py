"""Language identification with pycld2 (Google's Compact Language Detector 2), document and line level.

``pycld2.detect(text, bestEffort=True)`` returns up to three languages, best first;
the answer is the first of them among the contract's languages (CLD2 cannot be
told which languages to consider; ``no`` -> ``nb``; ``un`` = unknown is skipped).
Text CLD2 rejects (invalid UTF-8, e.g. lone surrogates) gets no answer.
Lines: see :mod:`newsgold.baselines._line_lid`.
"""
from __future__ import annotations

from typing import Any

from newsgold.baselines import _line_lid
from newsgold.baselines._common import version

NAME = "lid_pycld2"
TASKS = ("lid",)
DESCRIPTION = "CLD2 (pycld2, bestEffort) on the whole text and on each line; best of its 3 guesses among the six"
LIBRARIES: tuple[str, ...] = ("pycld2",)
NOTE = ""
CODES = _line_lid.CODES


def identify(text: str) -> str | None:
    import pycld2

    try:
        _reliable, _bytes, details = pycld2.detect(text, bestEffort=True)
    except pycld2.error:
        return None
    return _line_lid.first_known([d[1] for d in details], CODES)


def settings() -> dict[str, Any]:
    return {"pycld2": version("pycld2"), "call": "pycld2.detect(text, bestEffort=True)", "codes": CODES,
            "restriction": "first of CLD2's three guesses among the six", "segments": _line_lid.SEGMENTS}


def predict(inputs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Harness callable: one prediction per input, in order."""
    return _line_lid.predict_with(inputs, identify)
