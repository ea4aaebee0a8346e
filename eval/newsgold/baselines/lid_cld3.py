"""Language identification with CLD3 (Google's Compact Language Detector v3), document and line level.

The ``gcld3`` module as shipped by ``cld3-py`` (a maintained fork with wheels; the
``gcld3`` sdist needs the protobuf compiler to build):
``NNetLanguageIdentifier(min_num_bytes=0, max_num_bytes=1000).FindLanguage(text)``,
the settings of gcld3's own README; CLD3 reads at most the first 1000 bytes of a
text. CLD3 cannot be restricted to a set of languages and gives a single answer:
``no`` -> ``nb``; an answer outside the contract's six (or ``und``) is no answer.
Lines: see :mod:`newsgold.baselines._line_lid`.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from newsgold.baselines import _line_lid
from newsgold.baselines._common import version

NAME = "lid_cld3"
TASKS = ("lid",)
DESCRIPTION = "CLD3 (gcld3 API from cld3-py, first 1000 bytes) on the whole text and on each line; unrestricted"
LIBRARIES: tuple[str, ...] = ("cld3-py",)
NOTE = "CLD3 cannot be restricted to the six languages: an answer outside them counts as no answer"
CODES = _line_lid.CODES
MIN_BYTES, MAX_BYTES = 0, 1000


@lru_cache(maxsize=1)
def identifier() -> Any:
    import gcld3

    return gcld3.NNetLanguageIdentifier(min_num_bytes=MIN_BYTES, max_num_bytes=MAX_BYTES)


def identify(text: str) -> str | None:
    return _line_lid.first_known([identifier().FindLanguage(text=text).language], CODES)


def settings() -> dict[str, Any]:
    return {"cld3-py": version("cld3-py"), "call": f"NNetLanguageIdentifier({MIN_BYTES}, {MAX_BYTES}).FindLanguage",
            "codes": CODES, "restriction": "none possible: answers outside the six are dropped",
            "segments": _line_lid.SEGMENTS}


def predict(inputs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Harness callable: one prediction per input, in order."""
    return _line_lid.predict_with(inputs, identify)
