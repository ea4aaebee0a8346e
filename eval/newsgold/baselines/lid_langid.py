"""Language identification with langid.py (the original ``langid`` package), document and line level.

A private ``LanguageIdentifier`` on langid.py's bundled model, restricted with
``set_languages`` to el/no/ro/it/vi/en (``no`` -> ``nb``), ``classify`` on the whole
text and on each line (:mod:`newsgold.baselines._line_lid`). lid_py3langid runs the
same model at document level only.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from newsgold.baselines import _line_lid
from newsgold.baselines._common import version

NAME = "lid_langid"
TASKS = ("lid",)
DESCRIPTION = "langid.py classify() restricted to el/no/ro/it/vi/en (no -> nb), on the whole text and on each line"
LIBRARIES: tuple[str, ...] = ("langid",)
NOTE = ""
CODES = _line_lid.CODES


@lru_cache(maxsize=1)
def identifier() -> Any:
    from langid.langid import LanguageIdentifier, model

    ident = LanguageIdentifier.from_modelstring(model, norm_probs=False)
    ident.set_languages(sorted(CODES))
    return ident


def identify(text: str) -> str | None:
    code, _score = identifier().classify(text)
    return CODES.get(code)


def settings() -> dict[str, Any]:
    return {"langid": version("langid"), "languages": sorted(CODES), "codes": CODES,
            "segments": _line_lid.SEGMENTS}


def predict(inputs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Harness callable: one prediction per input, in order."""
    return _line_lid.predict_with(inputs, identify)
