"""Main content with newspaper4k: ``Article(url="")``, ``download(input_html=page)``, ``parse()``, ``.text``.

The HTML is handed over (``input_html``), so nothing is downloaded; images are not
fetched (``fetch_images=False``: newspaper4k would otherwise try to fetch the
top image). It picks its stopwords from the page's ``lang`` attribute
(``use_meta_language``, default on).
"""
from __future__ import annotations

import warnings
from typing import Any

from newsgold.baselines import _extract

NAME = "zones_newspaper4k"
TASKS = ("zones",)
DESCRIPTION = "newspaper4k Article.parse() .text (defaults, no image fetching) on the lines as <p>, aligned back"
LIBRARIES: tuple[str, ...] = ("newspaper4k", "lingua-language-detector")
NOTE = ""


def extract(page: str) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "nltk is not installed": only its NLP extras need it
        import newspaper

    article = newspaper.Article("", fetch_images=False)
    article.download(input_html=page)
    article.parse()
    return article.text or ""


def settings() -> dict[str, Any]:
    return _extract.settings("newspaper4k", "Article('', fetch_images=False).download(input_html=html); parse(); text",
                             stopwords="newspaper4k's list for the page's lang attribute")


def predict(inputs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Harness callable: one prediction per input, in order."""
    return _extract.predict_with(inputs, extract)
