"""What the main-content extractor baselines (``zones_*``) share: the page they get and the way back to zones.

The corpus holds text, not HTML, so every extractor gets the same page built by
:func:`page`: the text's non-empty lines (trimmed), each HTML-escaped in its own
``<p>`` (as jusText gets them), in ``<html lang="xx">`` where ``xx`` is lingua's
guess of the document language (:mod:`newsgold.baselines._language`; omitted when
lingua finds none), with ``<meta charset="utf-8">`` and no ``<title>``. The ``lang``
attribute is what a real page declares; goose3 and newspaper4k choose their stopword
lists from it (otherwise they assume English), the others ignore it. The page has no
markup to exploit (no ``<article>``, classes, links or headings): the extractors are
compared on the text alone.

Each extractor is called with its own defaults on that page, and its main text is
aligned back to the corpus text by :func:`newsgold.adapters.extracted_text.zone_segments`:
kept text -> ``body``, the rest -> ``boilerplate`` (``other``). Nothing is fetched: the
extractors get the page as a string.
"""
from __future__ import annotations

import html
from typing import Any, Callable, Mapping, Sequence

from newsgold.baselines import _language
from newsgold.baselines._common import answer_each, line_spans, version, wants

Extractor = Callable[[str], str]
"""page HTML -> the extractor's main text (paragraphs separated by newlines)."""

PAGE = "each non-empty line as <p>, <html lang> = lingua's document-language guess, no <title>"
ALIGNMENT = "newsgold.adapters.extracted_text (whitespace-normalised paragraphs placed in order; changed ones by difflib blocks)"


def page(text: str, lang: str | None) -> str:
    """The HTML page an extractor gets for ``text`` (see the module docstring)."""
    attr = f' lang="{lang}"' if lang else ""
    body = "".join(f"<p>{html.escape(text[s:e])}</p>" for s, e in line_spans(text))
    return f'<!DOCTYPE html><html{attr}><head><meta charset="utf-8"></head><body>{body}</body></html>'


def settings(distribution: str, call: str, **more: Any) -> dict[str, Any]:
    """What decides an extractor baseline's output, recorded with the leaderboard."""
    return {distribution: version(distribution), "call": call, "page": PAGE, "alignment": ALIGNMENT,
            "language_guess": _language.settings(), **more}


def predict_with(inputs: Sequence[Mapping[str, Any]], extract: Extractor) -> list[dict[str, Any]]:
    """Harness answers of an extractor: one ``segments`` layer per input that asks for zones."""
    from newsgold.adapters.extracted_text import zone_segments

    def one(item: Mapping[str, Any]) -> dict[str, Any]:
        if not wants(item, "zones"):
            return {}
        text = item["text"]
        if not text.strip():
            return {"segments": []}
        return {"segments": zone_segments(text, extract(page(text, _language.guess(text))) or "")}

    return answer_each(inputs, one)
