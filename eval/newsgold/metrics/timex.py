"""Time expressions: extent (strict and relaxed) and TIMEX3 type/value, TempEval-3 style.

Scope: time expressions are annotated in main content and bylines (CONTRACT
section 5). Every predicted timex is scored: one that starts outside a gold
main-content or byline segment cannot match a gold timex and counts as a false
positive (TempEval-3 scores every TIMEX3 a system outputs); their number is also
reported as ``outside_scope_pred``. With ``main_content_only`` both sides keep only
timexes whose first character lies in main content
(:func:`newsgold.metrics.scope.select`, the rule every task shares), bylines
included neither side.

Matching: the shared matcher :func:`newsgold.metrics.align.align` over
``(start, end)`` spans (end-exclusive), with type as label and value as content:

- strict: identical spans (pairs that also agree on type and value first);
- relaxed: the strict pairs first, then a maximum one-to-one matching of the
  remaining timexes that overlap (longer overlaps preferred). Each gold and each
  predicted timex is used at most once, so precision = matched / predicted and
  recall = matched / gold.

Attributes (TempEval-3): ``type_f1`` / ``value_f1`` count a timex as right when it
is matched *and* its attribute equals the gold one (exact string; a prediction
without ``value`` is wrong); attribute precision = right / predicted timexes,
recall = right / gold timexes. These are the headline attribute numbers, on the
relaxed matching as TempEval-3. ``type_accuracy`` / ``value_accuracy`` over the
matched pairs stay as secondary numbers (a system raises them by predicting less).
"""
from __future__ import annotations

from collections import Counter
from typing import Any, Mapping, Sequence

from newsgold.metrics.align import Item, align
from newsgold.metrics.base import TaskOptions, prf, ratio
from newsgold.gold import MAIN_CONTENT_ZONES
from newsgold.metrics.scope import SegmentLocator, in_zones, select

TIMEX_ZONES = MAIN_CONTENT_ZONES | {"byline"}
STRICT_TIERS = ("content", "label", "bounds")
RELAXED_TIERS = (*STRICT_TIERS, "overlap")

Pair = tuple[int, int]  # (gold index, pred index)


def _items(timexes: Sequence[Mapping[str, Any]]) -> list[Item]:
    return [Item(t["start"], t["end"], str(t.get("type")), t.get("value")) for t in timexes]


def strict_pairs(gold: Sequence[Mapping[str, Any]], pred: Sequence[Mapping[str, Any]]) -> list[Pair]:
    """One-to-one pairs with identical spans (agreeing type and value paired first)."""
    return [(g, p) for g, p, _ in align(_items(gold), _items(pred), STRICT_TIERS).pairs]


def relaxed_pairs(gold: Sequence[Mapping[str, Any]], pred: Sequence[Mapping[str, Any]]) -> list[Pair]:
    """Strict pairs, then a maximum one-to-one matching of the remaining overlapping spans."""
    return [(g, p) for g, p, _ in align(_items(gold), _items(pred), RELAXED_TIERS).pairs]


def _pair_stats(prefix: str, pairs: list[Pair], gold: Sequence[Mapping[str, Any]],
                pred: Sequence[Mapping[str, Any]]) -> Counter:
    stats: Counter = Counter({f"{prefix}.tp": len(pairs), f"{prefix}.type": 0, f"{prefix}.value": 0})
    for i, j in pairs:
        stats[f"{prefix}.type"] += int(gold[i]["type"] == pred[j].get("type"))
        stats[f"{prefix}.value"] += int(gold[i].get("value") == pred[j].get("value"))
    return stats


def _matching_scores(stats: Mapping[str, float], prefix: str) -> dict[str, Any]:
    n_gold, n_pred = stats.get("gold", 0), stats.get("pred", 0)
    tp = stats.get(f"{prefix}.tp", 0)
    out: dict[str, Any] = {**prf(tp, n_pred - tp, n_gold - tp), "matched": tp}
    for attr in ("type", "value"):
        right = stats.get(f"{prefix}.{attr}", 0)
        out[f"{attr}_accuracy"] = ratio(right, tp)
        out[f"{attr}_f1"] = prf(right, n_pred - right, n_gold - right)["f1"]
    return out


class TimexTask:
    """Temporal expression extent, type and value."""

    name = "timex"
    layers = ("timexes",)
    headline = ("strict.f1", "relaxed.f1", "relaxed.type_f1", "relaxed.value_f1")

    def doc_stats(self, gold: Mapping[str, Any], pred: Mapping[str, Any], options: TaskOptions) -> Counter:
        where = SegmentLocator(gold.get("segments") or [])
        gold_tx, pred_tx = select(gold.get("timexes") or [], pred.get("timexes") or [], where, options,
                                  entity_options=False)
        stats: Counter = Counter({"gold": len(gold_tx), "pred": len(pred_tx),
                                  "outside_scope_pred": len(pred_tx) - len(in_zones(pred_tx, where, TIMEX_ZONES))})
        stats.update(_pair_stats("strict", strict_pairs(gold_tx, pred_tx), gold_tx, pred_tx))
        stats.update(_pair_stats("relaxed", relaxed_pairs(gold_tx, pred_tx), gold_tx, pred_tx))
        return stats

    def score(self, stats: Mapping[str, float], options: TaskOptions) -> dict[str, Any]:
        return {
            "strict": _matching_scores(stats, "strict"),
            "relaxed": _matching_scores(stats, "relaxed"),
            "gold": stats.get("gold", 0),
            "pred": stats.get("pred", 0),
            "outside_scope_pred": stats.get("outside_scope_pred", 0),
        }


TASK = TimexTask()
