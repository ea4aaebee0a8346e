"""Main content with Resiliparse: ``extract_plain_text(page, main_content=True)``.

``main_content=True`` is the one setting changed: Resiliparse's default is to
return all the page's text, and its main-content heuristics are what is compared.
"""
from __future__ import annotations

from typing import Any

from newsgold.baselines import _extract

NAME = "zones_resiliparse"
TASKS = ("zones",)
DESCRIPTION = "Resiliparse extract_plain_text(main_content=True) on the lines as <p>, aligned back to the text"
LIBRARIES: tuple[str, ...] = ("resiliparse", "lingua-language-detector")
NOTE = ""


def extract(page: str) -> str:
    from resiliparse.extract.html2text import extract_plain_text

    return extract_plain_text(page, main_content=True)


def settings() -> dict[str, Any]:
    return _extract.settings("resiliparse", "extract_plain_text(html, main_content=True), other options default")


def predict(inputs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Harness callable: one prediction per input, in order."""
    return _extract.predict_with(inputs, extract)
