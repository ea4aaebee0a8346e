"""Boilerplate removal with jusText, one paragraph per line.

The text's non-empty lines (trimmed) are wrapped in ``<p>`` elements (HTML-escaped)
and classified by ``justext.justext`` with its default parameters. jusText needs a
stoplist, and the system may not see the gold language: the stoplist is the one of
lingua's guess for the whole document (see :mod:`newsgold.baselines._language`;
``nb`` -> ``Norwegian_Bokmal``), so lines in another language than the document's
are judged with the document's stoplist, as jusText would on the page. If lingua
finds no language, jusText runs in its language-independent mode (empty stoplist,
stopword thresholds 0).

jusText's good paragraphs become ``body`` segments, bad ones ``boilerplate``
(``boilerplate_kind`` ``other``; jusText does not tell headings, titles or kinds of
boilerplate apart). Paragraphs are aligned with the lines in order by their
whitespace-normalised text; a line jusText returned no paragraph for would be
``boilerplate`` (it never happens with one ``<p>`` per line).
"""
from __future__ import annotations

import html
from typing import Any, Mapping

from newsgold.baselines import _language
from newsgold.baselines._common import answer_each, line_spans, span_dict, version, wants

NAME = "zones_justext"
TASKS = ("zones",)
DESCRIPTION = "jusText (default parameters) over the lines as <p>, stoplist of lingua's document language"
LIBRARIES: tuple[str, ...] = ("justext", "lingua-language-detector")
NOTE = ""
STOPLISTS: dict[str, str] = {"el": "Greek", "nb": "Norwegian_Bokmal", "ro": "Romanian", "it": "Italian",
                             "vi": "Vietnamese", "en": "English"}
"""BCP-47 code -> jusText stoplist name."""


def settings() -> dict[str, Any]:
    return {"justext": version("justext"), "parameters": "justext defaults", "stoplists": STOPLISTS,
            "language_guess": _language.settings(), "unguessed_language": "language-independent mode"}


def _normalised(s: str) -> str:
    return " ".join(s.split())


def classify_lines(text: str, spans: list[tuple[int, int]], lang: str | None) -> list[bool]:
    """For each line span, True when jusText keeps it (a good paragraph)."""
    import justext

    page = "<html><body>" + "".join(f"<p>{html.escape(text[s:e])}</p>" for s, e in spans) + "</body></html>"
    if lang in STOPLISTS:
        paragraphs = justext.justext(page.encode("utf-8"), justext.get_stoplist(STOPLISTS[lang]), encoding="utf-8")
    else:
        paragraphs = justext.justext(page.encode("utf-8"), frozenset(), stopwords_low=0, stopwords_high=0,
                                     encoding="utf-8")
    good = [False] * len(spans)
    i = 0
    for paragraph in paragraphs:
        while i < len(spans) and _normalised(text[spans[i][0]:spans[i][1]]) != _normalised(paragraph.text):
            i += 1
        if i == len(spans):
            break
        good[i] = not paragraph.is_boilerplate
        i += 1
    return good


def predict_one(item: Mapping[str, Any]) -> dict[str, Any]:
    if not wants(item, "zones"):
        return {}
    text = item["text"]
    spans = line_spans(text)
    if not spans:
        return {"segments": []}
    good = classify_lines(text, spans, _language.guess(text))
    segments = [span_dict(text, s, e, zone="body") if keep
                else span_dict(text, s, e, zone="boilerplate", boilerplate_kind="other")
                for (s, e), keep in zip(spans, good)]
    return {"segments": segments}


def predict(inputs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Harness callable: one prediction per input, in order."""
    return answer_each(inputs, predict_one)
