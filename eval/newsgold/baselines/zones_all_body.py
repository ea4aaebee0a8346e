"""The zoning floor: every non-empty line (trimmed) is a ``body`` segment.

Main-content recall is 1 by construction and precision is the share of main
content in the page; boilerplate is never predicted. No library is used.
"""
from __future__ import annotations

from typing import Any, Mapping

from newsgold.baselines._common import answer_each, line_spans, span_dict, wants

NAME = "zones_all_body"
TASKS = ("zones",)
DESCRIPTION = "floor: every non-empty line is body"
LIBRARIES: tuple[str, ...] = ()
NOTE = "the floor: main-content recall is 1 and boilerplate is never predicted (its boilerplate F1 is undefined)"


def settings() -> dict[str, Any]:
    return {"segments": "one per non-empty line, trimmed", "zone": "body"}


def predict_one(item: Mapping[str, Any]) -> dict[str, Any]:
    if not wants(item, "zones"):
        return {}
    text = item["text"]
    return {"segments": [span_dict(text, s, e, zone="body") for s, e in line_spans(text)]}


def predict(inputs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Harness callable: one prediction per input, in order."""
    return answer_each(inputs, predict_one)
