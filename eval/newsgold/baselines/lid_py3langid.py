"""Document language identification with py3langid (langid.py's model), document level only.

``classify(text)`` over the whole text with the identifier restricted to the
contract's languages (``set_languages``; py3langid's ``no`` stands for Norwegian
and is answered as ``nb``, the only Norwegian the contract has). A private
identifier is built so that the module-level one of py3langid is left alone.
No ``segments`` are predicted (``LAYERS``), so the leaderboard shows its
character-level LID measures as "not attempted"; the harness still scores them
(every character counts as unanswered).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Mapping

from newsgold.baselines._common import answer_each, version, wants

NAME = "lid_py3langid"
TASKS = ("lid",)
DESCRIPTION = "py3langid classify() on the whole text, restricted to el/no/ro/it/vi/en (no -> nb); document level only"
LIBRARIES: tuple[str, ...] = ("py3langid",)
LAYERS: tuple[str, ...] = ("language",)
NOTE = ("answers the document language only: its character-level measures are not attempted (no segments); "
        "lid_langid runs the same model line by line")
LANGID_CODES: dict[str, str] = {"el": "el", "no": "nb", "ro": "ro", "it": "it", "vi": "vi", "en": "en"}
"""py3langid code -> BCP-47 code of the contract."""


def settings() -> dict[str, Any]:
    return {"py3langid": version("py3langid"), "languages": sorted(LANGID_CODES), "level": "document"}


@lru_cache(maxsize=1)
def identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE)
    ident.set_languages(sorted(LANGID_CODES))
    return ident


def predict_one(item: Mapping[str, Any]) -> dict[str, Any]:
    if not wants(item, "lid") or not item["text"].strip():
        return {}
    code, _score = identifier().classify(item["text"])
    return {"language": LANGID_CODES[code]}


def predict(inputs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Harness callable: one prediction per input, in order."""
    return answer_each(inputs, predict_one)
