"""Event extraction: triggers, arguments, status and cross-document event coreference.

Per document (gold ``events`` vs predicted ``events``):

- ``trigger_identification`` (TI): a predicted trigger is correct if its span
  ``[start, end)`` equals a gold trigger span; ``trigger_classification`` (TC):
  span and event type. Counted one-to-one (events sharing a span are paired up
  to the smaller count): ``match = Σ min(#gold, #pred)`` per span (TI) or per
  (span, type) (TC); P = match/#pred, R = match/#gold.
- ``trigger_spans``: the four SemEval strategies of :mod:`newsgold.metrics.spans`
  on ``(start, end, type)`` trigger spans (partial credit for overlaps).
- Arguments, OneIE/DEGREE/TextEE Arg-I/Arg-C convention, keyed by *event type*:
  ``argument_identification`` (AI) = set of ``(event type, argument span)``,
  ``argument_classification`` (AC) = set of ``(event type, argument span, role)``.
  The argument span is the span of the mention the ``ref`` points to (entity or
  timex span; for ``content_event`` the referenced event's trigger span),
  resolved inside the same document (gold refs in the gold, predicted refs in the
  prediction); a predicted ref that does not resolve can match nothing.
  ``argument_*_attached`` (TextEE Arg-I+/Arg-C+) add the trigger span to the key,
  so an argument given to the wrong event of the right type no longer counts.
  Keys are sets per document (a repeated key counts once).
- ``status``: accuracy of ``status`` over TC-matched events (per (span, type) the
  pairs are formed to agree as often as possible).
- ``coreference``: cross-document event coreference with the CoNLL v8.01
  metrics of :mod:`newsgold.metrics.coref` (MUC, B³, CEAF-e/m, BLANC, CoNLL F1).
  Mentions are event mentions located by their trigger span. Gold and predicted
  events are aligned one-to-one on equal trigger spans by the shared matcher
  (:mod:`newsgold.metrics.align`: same type first, ties on content); an aligned pair is one mention, an unaligned gold event
  a key-only mention, an unaligned predicted event a spurious (response-only)
  mention. Key clusters group gold mentions by gold ``instance``, response
  clusters group predicted mentions by predicted ``instance`` (any labels: only
  the grouping counts); a null or missing instance makes a singleton.

Coreference metrics are not sums over documents: clusters span documents. The
document statistics therefore carry *cells* (:func:`newsgold.metrics.coref.cell_stats`):
per pair (gold instance, predicted instance) the number of mentions, keys
``coref.mention:<json>``; ``score`` builds the contingency table of all clusters
from the merged cells. Cells add exactly, and a bootstrap sample is scored
correctly: a document drawn twice adds its mentions twice to the same labelled
clusters, and two separate singletons for its mentions without an instance.

``options.main_content_only`` keeps only events whose trigger starts in a
main-content gold segment (:func:`newsgold.metrics.scope.select`, the rule every
task shares; gold events are main content by the guidelines).

Headline: TC F1, AC F1, CoNLL F1.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any, Hashable, Iterable, Mapping, Sequence

from newsgold.metrics.base import TaskOptions, prf, ratio
from newsgold.metrics.coref import (cell_stats, conll_f1, coref_scores, table_clusters, table_from_stats,
                                    table_stats)
from newsgold.metrics.align import Item
from newsgold.metrics.align import align as match_items
from newsgold.metrics.scope import SegmentLocator, select
from newsgold.metrics.spans import Span, span_scores, span_stats

MENTION_KEY = "coref.mention:"
_SET_BLOCKS = ("argument_identification", "argument_classification",
               "argument_identification_attached", "argument_classification_attached")
_COUNT_BLOCKS = ("trigger_identification", "trigger_classification", *_SET_BLOCKS)


@dataclass(frozen=True)
class _Event:
    start: int
    end: int
    type: str
    status: str | None
    instance: str | None
    args: tuple[tuple[str, Hashable], ...]  # (role, argument span or an unresolvable marker)

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


def _mention_spans(doc: Mapping[str, Any]) -> dict[str, tuple[int, int]]:
    """Referable id -> span: entities, timexes, and events (their trigger)."""
    spans = {m["id"]: (m["start"], m["end"]) for layer in ("entities", "timexes")
             for m in doc.get(layer) or [] if m.get("id")}
    spans.update({e["id"]: (e["trigger"]["start"], e["trigger"]["end"]) for e in doc.get("events") or []
                  if e.get("id")})
    return spans


def _events(doc: Mapping[str, Any], events: Sequence[Mapping[str, Any]], side: str) -> list[_Event]:
    """The ``events`` of one side (``gold``/``pred``), arguments resolved through the whole document."""
    refs = _mention_spans(doc)
    out = []
    for ev in events:
        trig = ev["trigger"]
        args = tuple((a["role"], refs.get(a["ref"], ("unresolved", side, a["ref"])))
                     for a in ev.get("arguments") or [])
        out.append(_Event(trig["start"], trig["end"], ev["type"], ev.get("status"), ev.get("instance"), args))
    return out


def _argument_keys(events: Iterable[_Event]) -> dict[str, set]:
    keys: dict[str, set] = {block: set() for block in _SET_BLOCKS}
    for ev in events:
        for role, span in ev.args:
            keys["argument_identification"].add((ev.type, span))
            keys["argument_classification"].add((ev.type, span, role))
            keys["argument_identification_attached"].add((ev.span, ev.type, span))
            keys["argument_classification_attached"].add((ev.span, ev.type, span, role))
    return keys


def _matched(gold: Counter, pred: Counter) -> int:
    return sum(min(n, pred[k]) for k, n in gold.items())


def _status_stats(gold: list[_Event], pred: list[_Event]) -> tuple[int, int]:
    """(pairs, agreeing pairs) over events matched on (span, type)."""
    by_g: dict[tuple, Counter] = defaultdict(Counter)
    by_p: dict[tuple, Counter] = defaultdict(Counter)
    for ev in gold:
        by_g[(ev.span, ev.type)][ev.status] += 1
    for ev in pred:
        by_p[(ev.span, ev.type)][ev.status] += 1
    pairs = agree = 0
    for key, g in by_g.items():
        p = by_p.get(key, Counter())
        pairs += min(sum(g.values()), sum(p.values()))
        agree += _matched(g, p)
    return pairs, agree


def align(gold: Sequence[_Event], pred: Sequence[_Event]) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """One-to-one alignment on equal trigger spans, same type first (:func:`newsgold.metrics.align.align`).

    Returns:
        ``(pairs of (gold index, pred index), unaligned gold indices, unaligned pred indices)``.
    """
    def items(events: Sequence[_Event]) -> list[Item]:
        return [Item(e.start, e.end, e.type, (e.status, e.instance, e.args)) for e in events]

    found = match_items(items(gold), items(pred), ("label", "bounds"))
    return [(gi, pi) for gi, pi, _ in found.pairs], found.missed, found.spurious


def _mention_stats(gold: list[_Event], pred: list[_Event]) -> Counter:
    """Coreference cells of the aligned, missed and spurious event mentions (:func:`coref.cell_stats`)."""
    pairs, lone_g, lone_p = align(gold, pred)
    labels = ([(gold[gi].instance, pred[pi].instance) for gi, pi in pairs]
              + [(gold[gi].instance, False) for gi in lone_g] + [(False, pred[pi].instance) for pi in lone_p])
    return cell_stats(labels, MENTION_KEY)


def clusters_from_stats(stats: Mapping[str, float]) -> tuple[list[list], list[list]]:
    """Key and response clusters as lists of synthetic mentions (for inspection and tests)."""
    return table_clusters(table_from_stats(stats, MENTION_KEY))


class EventsTask:
    """Triggers, arguments (type-keyed and trigger-attached), status, cross-document coreference."""

    name = "events"
    layers = ("events",)  # argument refs are resolved through the prediction's entities/timexes/events
    headline = ("trigger_classification.f1", "argument_classification.f1", "coreference.conll_f1")
    coref_cells = {"coreference.conll_f1": MENTION_KEY}  # the bootstrap computes this one per block of resamples

    def doc_stats(self, gold: Mapping[str, Any], pred: Mapping[str, Any], options: TaskOptions) -> Counter:
        where = SegmentLocator(gold.get("segments") or [])
        kept_g, kept_p = select(gold.get("events") or [], pred.get("events") or [], where, options,
                                entity_options=False)
        g, p = _events(gold, kept_g, "gold"), _events(pred, kept_p, "pred")
        stats: Counter = Counter()
        for block, key in (("trigger_identification", lambda e: e.span),
                           ("trigger_classification", lambda e: (e.span, e.type))):
            stats.update(self._counts(block, _matched(Counter(map(key, g)), Counter(map(key, p))), len(g), len(p)))
        g_args, p_args = _argument_keys(g), _argument_keys(p)
        for block in _SET_BLOCKS:
            stats.update(self._counts(block, len(g_args[block] & p_args[block]), len(g_args[block]),
                                      len(p_args[block])))
        stats["status.pairs"], stats["status.correct"] = _status_stats(g, p)
        stats.update(span_stats([Span(e.start, e.end, e.type) for e in g],
                                [Span(e.start, e.end, e.type) for e in p], "trigger_spans."))
        stats.update(_mention_stats(g, p))
        return stats

    @staticmethod
    def _counts(block: str, match: int, n_gold: int, n_pred: int) -> dict[str, int]:
        return {f"{block}.match": match, f"{block}.gold": n_gold, f"{block}.pred": n_pred}

    def headline_score(self, stats: Mapping[str, float], options: TaskOptions) -> dict[str, Any]:
        """The headline alone (TC F1, AC F1, CoNLL F1), for bootstrap resamples."""
        out: dict[str, Any] = {}
        for block in ("trigger_classification", "argument_classification"):
            match, n_gold, n_pred = (stats.get(f"{block}.{k}", 0) for k in ("match", "gold", "pred"))
            out[block] = prf(match, n_pred - match, n_gold - match)
        out["coreference"] = {"conll_f1": conll_f1(table_from_stats(stats, MENTION_KEY))}
        return out

    def score(self, stats: Mapping[str, float], options: TaskOptions) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for block in _COUNT_BLOCKS:
            match, n_gold, n_pred = (stats.get(f"{block}.{k}", 0) for k in ("match", "gold", "pred"))
            out[block] = {**prf(match, n_pred - match, n_gold - match), "match": match, "gold": n_gold,
                          "pred": n_pred}
        out["status"] = {"accuracy": ratio(stats.get("status.correct", 0), stats.get("status.pairs", 0)),
                         "pairs": stats.get("status.pairs", 0)}
        out["trigger_spans"] = span_scores(stats, "trigger_spans.")
        out["coreference"] = coref_scores(table_stats(table_from_stats(stats, MENTION_KEY)))
        return out


TASK = EventsTask()
