"""Main content with readability-lxml: ``Document(page).summary()``, its text read block by block.

``summary()`` returns HTML; each block element without block children (``p``,
``div``, headings, list items, ...) gives one paragraph of the main text (its
``text_content()``), since the plain concatenation would glue paragraphs together.
"""
from __future__ import annotations

from typing import Any

from newsgold.baselines import _extract

NAME = "zones_readability"
TASKS = ("zones",)
DESCRIPTION = "readability-lxml Document.summary() (defaults) on the lines as <p>, blocks aligned back to the text"
LIBRARIES: tuple[str, ...] = ("readability-lxml", "lxml", "lingua-language-detector")
NOTE = ""
BLOCKS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "pre", "blockquote",
                    "article", "section", "body"})


def extract(page: str) -> str:
    import lxml.html
    from readability import Document

    root = lxml.html.fromstring(Document(page).summary())
    leaves = [el for el in root.iter() if isinstance(el.tag, str) and el.tag in BLOCKS
              and not any(isinstance(d.tag, str) and d.tag in BLOCKS for d in el.iterdescendants())]
    return "\n".join(el.text_content() for el in leaves)


def settings() -> dict[str, Any]:
    return _extract.settings("readability-lxml", "readability.Document(html).summary() (defaults)",
                             blocks="text_content() of each block element without block children")


def predict(inputs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Harness callable: one prediction per input, in order."""
    return _extract.predict_with(inputs, extract)
