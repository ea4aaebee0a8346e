"""Main content with goose3: ``Goose().extract(raw_html=page).cleaned_text``.

goose3 is given the HTML (``raw_html``), never a URL, and image fetching stays off
(its default), so it fetches nothing. It picks its stopword list from the page's
``lang`` attribute (``use_meta_language``, default on; see :mod:`._extract`).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from newsgold.baselines import _extract

NAME = "zones_goose3"
TASKS = ("zones",)
DESCRIPTION = "goose3 extract(raw_html=...).cleaned_text (defaults) on the lines as <p>, aligned back to the text"
LIBRARIES: tuple[str, ...] = ("goose3", "lingua-language-detector")
NOTE = ""


@lru_cache(maxsize=1)
def _goose() -> Any:
    from goose3 import Goose

    return Goose({"enable_image_fetching": False})


def extract(page: str) -> str:
    return _goose().extract(raw_html=page).cleaned_text or ""


def settings() -> dict[str, Any]:
    return _extract.settings("goose3", "Goose({'enable_image_fetching': False}).extract(raw_html=html).cleaned_text",
                             stopwords="goose3's list for the page's lang attribute")


def predict(inputs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Harness callable: one prediction per input, in order."""
    return _extract.predict_with(inputs, extract)
