"""Time expressions: extent (strict and relaxed) and TIMEX3 type/value.

Scope: time expressions are annotated in main content and bylines only
(CONTRACT section 5), so both sides are restricted to timexes that share at
least one character with a gold segment of zone title, lead, heading, body,
caption or byline. Predicted timexes elsewhere (boilerplate, or outside every
gold segment) are ignored, not counted as false positives; their number is
reported as ``ignored_pred``.

Matching is one-to-one over ``(start, end)`` spans (end-exclusive):

- strict: identical spans;
- relaxed: the strict pairs first, then a maximum matching of the remaining
  gold/predicted timexes that overlap (preferring longer overlaps). Each gold
  and each predicted timex is used at most once, so precision = matched /
  predicted and recall = matched / gold.

This local matcher is used rather than :mod:`newsgold.metrics.spans` (the
nervaluate-style greedy pairing used for entities), because there a prediction
visited earlier can take, by mere overlap, a gold span that a later prediction
matches exactly, and a prediction overlapping two gold spans always takes the
first; strict and relaxed counts should not depend on that order.

``type_accuracy`` and ``value_accuracy`` are computed over the matched pairs of
each matching (exact string equality; a prediction without ``value`` is wrong).
``type_f1`` / ``value_f1`` count a pair as correct only when matched *and*
right (TempEval-3 attribute F1). The headline value accuracy is the relaxed one,
following TempEval-3, which scores attributes on relaxed matches.
"""
from __future__ import annotations

from collections import Counter
from typing import Any, Mapping, Sequence

from newsgold.metrics.base import TaskOptions, prf, ratio
from newsgold.gold import MAIN_CONTENT_ZONES
from newsgold.metrics.chars import overlaps_any, segments_of, spans_in_zones

TIMEX_ZONES = MAIN_CONTENT_ZONES | {"byline"}

Pair = tuple[int, int]  # (gold index, pred index)


def in_scope(items: Sequence[Mapping[str, Any]], scope: Sequence[tuple[int, int]]) -> list[Mapping[str, Any]]:
    """The items whose span overlaps one of the ``scope`` spans."""
    return [t for t in items if overlaps_any(t["start"], t["end"], scope)]


def strict_pairs(gold: Sequence[Mapping[str, Any]], pred: Sequence[Mapping[str, Any]]) -> list[Pair]:
    """One-to-one pairs with identical spans (duplicates pair up in list order)."""
    free: dict[tuple[int, int], list[int]] = {}
    for j, p in enumerate(pred):
        free.setdefault((p["start"], p["end"]), []).append(j)
    pairs = []
    for i, g in enumerate(gold):
        candidates = free.get((g["start"], g["end"]))
        if candidates:
            pairs.append((i, candidates.pop(0)))
    return pairs


def _overlap(a: Mapping[str, Any], b: Mapping[str, Any]) -> int:
    return min(a["end"], b["end"]) - max(a["start"], b["start"])


def relaxed_pairs(gold: Sequence[Mapping[str, Any]], pred: Sequence[Mapping[str, Any]]) -> list[Pair]:
    """Strict pairs, then a maximum one-to-one matching of the remaining overlapping spans.

    The rest is matched with augmenting paths (Kuhn's algorithm), visiting gold
    timexes in list order and, for each, predictions by decreasing overlap, so the
    number of pairs is the largest possible and longer overlaps are preferred.
    """
    pairs = strict_pairs(gold, pred)
    owner: dict[int, int] = {j: i for i, j in pairs}  # pred index -> gold index
    fixed_g = {i for i, _ in pairs}
    fixed_p = set(owner)
    options = {i: sorted((j for j, p in enumerate(pred) if j not in fixed_p and _overlap(g, p) > 0),
                         key=lambda j: (-_overlap(g, pred[j]), j))
               for i, g in enumerate(gold) if i not in fixed_g}

    def augment(i: int, seen: set[int]) -> bool:
        for j in options[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in options:
        augment(i, set())
    return sorted((i, j) for j, i in owner.items())


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
    headline = ("strict.f1", "relaxed.f1", "relaxed.value_accuracy")

    def doc_stats(self, gold: Mapping[str, Any], pred: Mapping[str, Any], options: TaskOptions) -> Counter:
        scope = spans_in_zones(segments_of(gold), TIMEX_ZONES)
        all_pred = list(pred.get("timexes") or [])
        gold_tx = in_scope(list(gold.get("timexes") or []), scope)
        pred_tx = in_scope(all_pred, scope)
        stats: Counter = Counter({"gold": len(gold_tx), "pred": len(pred_tx),
                                  "ignored_pred": len(all_pred) - len(pred_tx)})
        stats.update(_pair_stats("strict", strict_pairs(gold_tx, pred_tx), gold_tx, pred_tx))
        stats.update(_pair_stats("relaxed", relaxed_pairs(gold_tx, pred_tx), gold_tx, pred_tx))
        return stats

    def score(self, stats: Mapping[str, float], options: TaskOptions) -> dict[str, Any]:
        return {
            "strict": _matching_scores(stats, "strict"),
            "relaxed": _matching_scores(stats, "relaxed"),
            "gold": stats.get("gold", 0),
            "pred": stats.get("pred", 0),
            "ignored_pred": stats.get("ignored_pred", 0),
        }


TASK = TimexTask()
