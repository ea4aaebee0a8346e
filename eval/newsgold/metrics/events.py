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
  events are aligned one-to-one on equal trigger spans (same type first, then
  the rest in list order); an aligned pair is one mention, an unaligned gold event
  a key-only mention, an unaligned predicted event a spurious (response-only)
  mention. Key clusters group gold mentions by gold ``instance``, response
  clusters group predicted mentions by predicted ``instance`` (any labels: only
  the grouping counts); a null or missing instance makes a singleton.

Coreference statistics are not sums over documents: clusters span documents. The
document statistics therefore carry the mentions themselves (keys
``coref.mention:<json>`` with value 1) and ``score`` clusters all mentions of the
merged statistics at once. Merging by adding stays exact, and a bootstrap sample
is scored correctly by recomputation: a document drawn twice adds 2 to its
mention keys, which ``score`` expands into two copies of each mention (in the
same clusters).

``options.main_content_only`` keeps only events whose trigger starts in a
main-content gold segment (gold events are main content by the guidelines).

Headline: TC F1, AC F1, CoNLL F1.
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable, Hashable, Iterable, Mapping, Sequence

from newsgold.metrics.base import TaskOptions, prf, ratio
from newsgold.metrics.coref import Contingency, coref_scores, table_stats
from newsgold.metrics.entities import MAIN_CONTENT_ZONES, SegmentLocator
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


def _events(doc: Mapping[str, Any], keep: Callable[[int], bool], side: str) -> list[_Event]:
    """Events of one side (``gold``/``pred``) whose trigger start passes ``keep``."""
    refs = _mention_spans(doc)
    out = []
    for ev in doc.get("events") or []:
        trig = ev["trigger"]
        if not keep(trig["start"]):
            continue
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
    """One-to-one alignment on equal trigger spans, same type first.

    Returns:
        ``(pairs of (gold index, pred index), unaligned gold indices, unaligned pred indices)``.
    """
    free_p: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, ev in enumerate(pred):
        free_p[ev.span].append(i)
    pairs, lone_g = [], []
    waiting: list[int] = []
    for gi, ev in enumerate(gold):
        same = next((pi for pi in free_p[ev.span] if pred[pi].type == ev.type), None)
        if same is None:
            waiting.append(gi)
            continue
        free_p[ev.span].remove(same)
        pairs.append((gi, same))
    for gi in waiting:
        candidates = free_p[gold[gi].span]
        if candidates:
            pairs.append((gi, candidates.pop(0)))
        else:
            lone_g.append(gi)
    lone_p = sorted(pi for rest in free_p.values() for pi in rest)
    return sorted(pairs), lone_g, lone_p


def _mention_stats(gold: list[_Event], pred: list[_Event]) -> Counter:
    """Coreference cells: per (gold cluster, predicted cluster) label pair, the number of mentions.

    A label is the ``instance`` (clusters span documents), None for a mention without
    one (a singleton of its own), or False for "not on this side" (a missed gold or a
    spurious predicted event). These counts add over documents and over bootstrap copies.
    """
    pairs, lone_g, lone_p = align(gold, pred)
    stats: Counter = Counter()
    labels = ([(gold[gi].instance, pred[pi].instance) for gi, pi in pairs]
              + [(gold[gi].instance, False) for gi in lone_g] + [(False, pred[pi].instance) for pi in lone_p])
    for label in labels:
        stats[MENTION_KEY + json.dumps(list(label), ensure_ascii=False)] += 1
    return stats


@lru_cache(maxsize=65536)
def _cell_labels(name: str) -> tuple[Any, Any]:
    g, p = json.loads(name[len(MENTION_KEY):])
    return g, p


def table_from_stats(stats: Mapping[str, float]) -> Contingency:
    """The coreference contingency table of all mentions in (merged) statistics.

    Labelled clusters are shared by every mention carrying the label; each mention
    without a label is a cluster of its own (so a document drawn twice by the
    bootstrap adds two copies to the labelled clusters and two separate singletons).
    """
    key_ids: dict[str, int] = {}
    resp_ids: dict[str, int] = {}
    key_sizes: list[int] = []
    resp_sizes: list[int] = []
    cells: dict[tuple[int, int], int] = {}
    common = n_key = n_resp = 0

    def cluster(ids: dict[str, int], sizes: list[int], label: Any) -> int | None:
        if label is False:
            return None
        if label is None or label not in ids:
            sizes.append(0)
            if label is not None:
                ids[label] = len(sizes) - 1
            return len(sizes) - 1
        return ids[label]

    for name in sorted(k for k in stats if k.startswith(MENTION_KEY)):
        count = int(stats[name])
        if count <= 0:
            continue
        g, p = _cell_labels(name)
        single = g is None or p is None
        for _ in range(count if single else 1):
            weight = 1 if single else count
            k, r = cluster(key_ids, key_sizes, g), cluster(resp_ids, resp_sizes, p)
            if k is not None:
                key_sizes[k] += weight
                n_key += weight
            if r is not None:
                resp_sizes[r] += weight
                n_resp += weight
            if k is not None and r is not None:
                cells[(k, r)] = cells.get((k, r), 0) + weight
                common += weight
    return Contingency(key_sizes, resp_sizes, cells, (common, n_key, common, n_resp))


def clusters_from_stats(stats: Mapping[str, float]) -> tuple[list[list], list[list]]:
    """Key and response clusters as lists of synthetic mentions (for inspection and tests)."""
    table = table_from_stats(stats)
    key: list[list] = [[] for _ in table.key_sizes]
    response: list[list] = [[] for _ in table.resp_sizes]
    serial = 0
    for (k, r), n in sorted(table.cells.items()):
        for _ in range(n):
            key[k].append(serial)
            response[r].append(serial)
            serial += 1
    for side, sizes in ((key, table.key_sizes), (response, table.resp_sizes)):
        for i, size in enumerate(sizes):
            while len(side[i]) < size:
                side[i].append(serial)
                serial += 1
    return key, response


class EventsTask:
    """Triggers, arguments (type-keyed and trigger-attached), status, cross-document coreference."""

    name = "events"
    layers = ("events",)  # argument refs are resolved through the prediction's entities/timexes/events
    headline = ("trigger_classification.f1", "argument_classification.f1", "coreference.conll_f1")

    def doc_stats(self, gold: Mapping[str, Any], pred: Mapping[str, Any], options: TaskOptions) -> Counter:
        where = SegmentLocator(gold.get("segments") or [])

        def keep(pos: int) -> bool:
            if not options.main_content_only:
                return True
            seg = where.at(pos)
            return bool(seg) and seg.get("zone") in MAIN_CONTENT_ZONES

        g, p = _events(gold, keep, "gold"), _events(pred, keep, "pred")
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

    def score(self, stats: Mapping[str, float], options: TaskOptions) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for block in _COUNT_BLOCKS:
            match, n_gold, n_pred = (stats.get(f"{block}.{k}", 0) for k in ("match", "gold", "pred"))
            out[block] = {**prf(match, n_pred - match, n_gold - match), "match": match, "gold": n_gold,
                          "pred": n_pred}
        out["status"] = {"accuracy": ratio(stats.get("status.correct", 0), stats.get("status.pairs", 0)),
                         "pairs": stats.get("status.pairs", 0)}
        out["trigger_spans"] = span_scores(stats, "trigger_spans.")
        out["coreference"] = coref_scores(table_stats(table_from_stats(stats)))
        return out


TASK = EventsTask()
