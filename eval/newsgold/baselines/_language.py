"""The lingua detector shared by the baselines that need a document-language guess.

The candidate set is the six languages the contract allows (el, nb, ro, it, vi, en);
``lid_lingua``, ``zones_justext`` and ``timex_dateparser`` all use this guess, never
the gold language (the blind input does not carry it).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

LANGUAGES: tuple[str, ...] = ("el", "nb", "ro", "it", "vi", "en")
"""BCP-47 codes of the candidate languages."""

_LINGUA_NAMES = {"el": "GREEK", "nb": "BOKMAL", "ro": "ROMANIAN", "it": "ITALIAN", "vi": "VIETNAMESE",
                 "en": "ENGLISH"}


@lru_cache(maxsize=1)
def detector() -> Any:
    """A lingua ``LanguageDetector`` over the six candidate languages (default settings, built once)."""
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(*(getattr(Language, _LINGUA_NAMES[c]) for c in LANGUAGES)).build()


def to_bcp47(language: Any) -> str:
    """lingua ``Language`` -> BCP-47 code (``Language.BOKMAL`` -> ``nb``)."""
    return language.iso_code_639_1.name.lower()


def guess(text: str) -> str | None:
    """lingua's language of the whole text, or None when it has no letters."""
    found = detector().detect_language_of(text)
    return None if found is None else to_bcp47(found)


def settings() -> dict[str, Any]:
    from newsgold.baselines._common import version

    return {"lingua-language-detector": version("lingua-language-detector"), "languages": list(LANGUAGES)}
