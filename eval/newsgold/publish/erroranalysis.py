"""What a system got wrong in one document, in the terms the viewer shows.

Entities and timexes are paired with the harness's matcher (:func:`newsgold.metrics.spans.match`,
strategy ``strict``, labels = types), so the viewer's verdicts are the scorer's:

* ``correct``: same boundaries, same type;
* ``wrong-type``: same boundaries, another type;
* ``wrong-boundary``: paired with an overlapping gold span with other boundaries (type
  equal or not: the title says);
* ``missed``: a gold span no prediction was paired with;
* ``spurious``: a prediction paired with no gold span.

Zones: every non-whitespace character whose predicted zone (``none`` outside every
predicted segment) differs from the gold zone; runs of such characters are the
disagreements shown. A layer the prediction does not carry is *not predicted*, not all
missed. The error total of a document (worst first) is the number of entity and timex
errors plus the number of zone disagreement runs.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from newsgold.metrics.spans import Span, match

ERROR_KINDS: tuple[str, ...] = ("missed", "spurious", "wrong-type", "wrong-boundary")
SPAN_TASKS: tuple[str, ...] = ("entities", "timexes")


@dataclass(frozen=True)
class SpanError:
    kind: str
    start: int
    end: int
    gold: Mapping[str, Any] | None
    pred: Mapping[str, Any] | None

    @property
    def title(self) -> str:
        gold = f"gold {self.gold['type']} “{self.gold['text']}”" if self.gold else ""
        pred = f"predicted {self.pred['type']} “{self.pred['text']}”" if self.pred else ""
        return f"{self.kind}: " + "; ".join(p for p in (gold, pred) if p)


@dataclass(frozen=True)
class ZoneRun:
    start: int
    end: int
    gold: str
    pred: str


@dataclass
class DocumentErrors:
    doc_id: str
    spans: dict[str, list[SpanError]] = field(default_factory=dict)  # task -> errors (absent: not predicted)
    correct: dict[str, int] = field(default_factory=dict)
    zones: list[ZoneRun] | None = None

    def count(self, task: str, kind: str) -> int:
        return sum(e.kind == kind for e in self.spans.get(task, []))

    @property
    def total(self) -> int:
        return sum(len(v) for v in self.spans.values()) + len(self.zones or [])


def span_errors(gold: list[Mapping[str, Any]], pred: list[Mapping[str, Any]]) -> tuple[list[SpanError], int]:
    """(errors, number correct) for one layer of one document."""
    matching = match([Span(g["start"], g["end"], g["type"]) for g in gold],
                     [Span(p["start"], p["end"], p["type"]) for p in pred], "strict")
    errors = [SpanError("missed", gold[i]["start"], gold[i]["end"], gold[i], None) for i in matching.missed]
    errors += [SpanError("spurious", pred[i]["start"], pred[i]["end"], None, pred[i]) for i in matching.spurious]
    correct = 0
    for gi, pi, outcome in matching.pairs:
        g, p = gold[gi], pred[pi]
        if outcome == "COR":
            correct += 1
            continue
        same = g["start"] == p["start"] and g["end"] == p["end"]
        errors.append(SpanError("wrong-type" if same else "wrong-boundary",
                                min(g["start"], p["start"]), max(g["end"], p["end"]), g, p))
    return sorted(errors, key=lambda e: (e.start, e.end, e.kind)), correct


def _zone_of(text: str, segments: list[Mapping[str, Any]]) -> list[str | None]:
    zones: list[str | None] = [None] * len(text)
    for s in segments:
        for i in range(max(0, s["start"]), min(len(text), s["end"])):
            zones[i] = s["zone"]
    return zones


def zone_runs(text: str, gold: list[Mapping[str, Any]], pred: list[Mapping[str, Any]]) -> list[ZoneRun]:
    """Maximal runs of non-whitespace characters (whitespace inside a run kept) whose zones disagree."""
    g, p = _zone_of(text, gold), _zone_of(text, pred)
    runs: list[ZoneRun] = []
    for i, ch in enumerate(text):
        if ch.isspace() or g[i] is None:
            continue
        pz = p[i] or "none"
        if pz == g[i]:
            continue
        last = runs[-1] if runs else None
        if last and last.gold == g[i] and last.pred == pz and (last.end == i or text[last.end:i].isspace()):
            runs[-1] = ZoneRun(last.start, i + 1, last.gold, pz)
        else:
            runs.append(ZoneRun(i, i + 1, g[i], pz))
    return runs


def analyse(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> DocumentErrors:
    """Every error of a prediction line against its gold document (dicts, gold with ``text``)."""
    out = DocumentErrors(gold["doc_id"])
    for task in SPAN_TASKS:
        if task in pred:
            out.spans[task], out.correct[task] = span_errors(gold.get(task, []), pred[task])
    if "segments" in pred:
        out.zones = zone_runs(gold["text"], gold["segments"], pred["segments"])
    return out
