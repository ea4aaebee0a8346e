"""Main content with boilerpy3 (the Python port of Boilerpipe): ``ArticleExtractor().get_content(page)``."""
from __future__ import annotations

from typing import Any

from newsgold.baselines import _extract

NAME = "zones_boilerpy3"
TASKS = ("zones",)
DESCRIPTION = "boilerpy3 ArticleExtractor (Boilerpipe, defaults) on the lines as <p>, output aligned back to the text"
LIBRARIES: tuple[str, ...] = ("boilerpy3", "lingua-language-detector")
NOTE = ""


def extract(page: str) -> str:
    from boilerpy3 import extractors

    return extractors.ArticleExtractor(raise_on_failure=False).get_content(page)


def settings() -> dict[str, Any]:
    return _extract.settings("boilerpy3", "extractors.ArticleExtractor(raise_on_failure=False).get_content(html)")


def predict(inputs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Harness callable: one prediction per input, in order."""
    return _extract.predict_with(inputs, extract)
