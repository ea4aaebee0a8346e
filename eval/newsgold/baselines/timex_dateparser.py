"""Time expressions with dateparser's ``search_dates``, resolved against the publication date.

Per document:

1. language: lingua's guess for the whole text (:mod:`newsgold.baselines._language`);
2. ``search_dates(text, languages=[lang], settings=SETTINGS)`` with ``RELATIVE_BASE``
   = ``published`` at midnight and ``PREFER_DATES_FROM = "past"`` (news reports
   look back);
3. every distinct returned substring (trimmed) is located at **all** its occurrences
   in the text that start and end on word boundaries; overlapping candidates are
   resolved left to right, the longer first at the same start;
4. each span is a ``DATE`` whose value has the granularity dateparser reports when
   re-parsing the substring (``DateDataParser.get_date_data(...).period``):
   ``year`` -> ``YYYY``, ``month`` -> ``YYYY-MM``, ``week`` -> ``YYYY-Www`` (ISO
   week), ``day`` and ``time`` -> ``YYYY-MM-DD``. dateparser has no notion of
   durations or sets, so ``TIME``/``DURATION``/``SET`` are never predicted.

A document without a publication date (``published`` null, allowed for corpora other
than newsgold's own) has no base to resolve relative expressions against, so none is
resolved: the text is searched against two distant bases (:data:`PROBE_BASES`) and only
the spans whose value is the same under both (absolute dates such as "13 September
2024") are kept; "yesterday", "on Friday" or "13 September" depend on the base and are
dropped.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any, Mapping

from newsgold.baselines import _language
from newsgold.baselines._common import answer_each, span_dict, trim, version, wants

NAME = "timex_dateparser"
TASKS = ("timex",)
DESCRIPTION = "dateparser search_dates in lingua's document language, relative to the publication date; DATE only"
LIBRARIES: tuple[str, ...] = ("dateparser", "lingua-language-detector")
NOTE = "DATE only: durations and sets are never predicted"
SETTINGS: dict[str, Any] = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
"""dateparser settings besides ``RELATIVE_BASE`` (the publication date)."""
PROBE_BASES: tuple[str, str] = ("2001-03-07", "2013-10-22")
"""Bases for a document without a publication date: a value that differs between them is relative."""


def settings() -> dict[str, Any]:
    return {"dateparser": version("dateparser"), "settings": {**SETTINGS, "RELATIVE_BASE": "published, 00:00"},
            "language_guess": _language.settings(), "types": ["DATE"],
            "granularity": "dateparser period: year, month, week (ISO), day/time -> day"}


def _base(published: str) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(published), dt.time())


@lru_cache(maxsize=8)
def _parser(lang: str, published: str) -> Any:
    from dateparser.date import DateDataParser

    return DateDataParser(languages=[lang], settings={**SETTINGS, "RELATIVE_BASE": _base(published)})


def timex_value(date: dt.datetime, period: str | None) -> str:
    """A TIMEX3 value for a dateparser date at its reported granularity."""
    if period == "year":
        return f"{date.year:04d}"
    if period == "month":
        return f"{date.year:04d}-{date.month:02d}"
    if period == "week":
        year, week, _ = date.isocalendar()
        return f"{year:04d}-W{week:02d}"
    return date.strftime("%Y-%m-%d")


def resolve(substring: str, found: dt.datetime, lang: str, published: str) -> str:
    """The value of one substring: its re-parse (for the granularity), else ``found`` as a day."""
    data = _parser(lang, published).get_date_data(substring)
    if data is None or data.date_obj is None:
        return timex_value(found, "day")
    return timex_value(data.date_obj, data.period)


def occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    """Every occurrence of ``needle`` that is not glued to a word character on either side."""
    pattern = r"(?<!\w)" + re.escape(needle) + r"(?!\w)"
    return [(m.start(), m.end()) for m in re.finditer(pattern, text)]


def non_overlapping(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Left to right, longer first at the same start; drop spans overlapping a kept one."""
    kept: list[tuple[int, int, str]] = []
    for start, end, value in sorted(spans, key=lambda s: (s[0], -s[1])):
        if not kept or start >= kept[-1][1]:
            kept.append((start, end, value))
    return kept


def find_timexes(text: str, lang: str, published: str | None) -> list[tuple[int, int, str]]:
    """``(start, end, value)`` of every located date, in text order.

    Without a publication date only the dates whose value does not depend on the base are kept.
    """
    if published is None:
        first, second = (set(find_timexes(text, lang, base)) for base in PROBE_BASES)
        return sorted(first & second)
    from dateparser.search import search_dates

    found = search_dates(text, languages=[lang], settings={**SETTINGS, "RELATIVE_BASE": _base(published)}) or []
    values: dict[str, str] = {}
    for substring, date in found:
        span = trim(substring, 0, len(substring))
        if span:
            needle = substring[span[0]:span[1]]
            values.setdefault(needle, resolve(needle, date, lang, published))
    candidates = [(s, e, value) for needle, value in values.items() for s, e in occurrences(text, needle)]
    return non_overlapping(candidates)


def predict_one(item: Mapping[str, Any]) -> dict[str, Any]:
    if not wants(item, "timex"):
        return {}
    text = item["text"]
    lang = _language.guess(text)
    if lang is None:
        return {"timexes": []}
    timexes = [span_dict(text, s, e, type="DATE", value=value)
               for s, e, value in find_timexes(text, lang, item["published"])]
    return {"timexes": timexes}


def predict(inputs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Harness callable: one prediction per input, in order."""
    return answer_each(inputs, predict_one)
