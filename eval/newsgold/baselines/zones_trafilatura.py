"""Main content with trafilatura: ``trafilatura.extract(page)`` with its defaults (see :mod:`._extract`)."""
from __future__ import annotations

from typing import Any

from newsgold.baselines import _extract

NAME = "zones_trafilatura"
TASKS = ("zones",)
DESCRIPTION = "trafilatura extract() (defaults) on the lines as <p>, output aligned back to the text"
LIBRARIES: tuple[str, ...] = ("trafilatura", "lingua-language-detector")
NOTE = ""


def extract(page: str) -> str:
    import trafilatura

    return trafilatura.extract(page) or ""


def settings() -> dict[str, Any]:
    return _extract.settings("trafilatura", "trafilatura.extract(html) (defaults)")


def predict(inputs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Harness callable: one prediction per input, in order."""
    return _extract.predict_with(inputs, extract)
