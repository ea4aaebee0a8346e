"""Span matching after SemEval-2013 task 9.1, with nervaluate's named strategies.

A span is ``(start, end, label)`` with an **end-exclusive** ``end`` (CONTRACT
section 1). Two spans ``[s1, e1)`` and ``[s2, e2)`` overlap iff ``s1 < e2 and
s2 < e1``; adjacent spans (``e1 == s2``) do not. nervaluate treats ``end`` as
inclusive, so give it ``end - 1`` to compare.

Outcomes (one per gold or predicted span):

- ``COR`` correct, ``INC`` incorrect, ``PAR`` partial (only in ``partial``),
- ``MIS`` a gold span no prediction was paired with,
- ``SPU`` a predicted span paired with no gold span.

Strategies (each a one-to-one pairing of predictions with gold spans):

========  ==========================================  ==============================
strategy  COR when the paired spans ...               an overlapping non-COR pair is
========  ==========================================  ==============================
strict    have equal boundaries and equal labels      INC
exact     have equal boundaries (label ignored)       INC
partial   have equal boundaries (label ignored)       PAR
type      overlap and have equal labels               INC
========  ==========================================  ==============================

``POS = COR + INC + PAR + MIS`` (number of gold spans), ``ACT = COR + INC + PAR +
SPU`` (number of predicted spans). strict/exact: ``P = COR/ACT``, ``R = COR/POS``;
partial/type: ``P = (COR + 0.5·PAR)/ACT``, ``R = (COR + 0.5·PAR)/POS`` (type has
no PAR, so both formulas agree there). These are nervaluate's formulas; releases
before 1.2.1 recomputed merged multi-document results with the strict formula,
which is why the nervaluate README prints 0.40 for ``partial`` where the formula
gives 0.70.

Matching algorithm (nervaluate 1.2.1, ``strategies.py``, reproduced outcome for
outcome; see tests/test_metrics_spans.py):

1. Predicted spans are visited in order of ``(start, end, label)``, gold spans
   are scanned in the same order; each gold span is paired at most once.
2. strict/exact/partial: a prediction takes the first unpaired gold span that is
   COR for the strategy. If there is none, it takes the *first* unpaired gold span
   it overlaps (INC, or PAR for ``partial``); if it overlaps none, it is SPU.
3. type: among the unpaired gold spans it overlaps with the same label, a
   prediction takes the one with the smallest boundary distance
   ``|Δstart| + |Δend|`` (first on ties: COR); otherwise the first overlapping
   gold span with another label (INC); otherwise SPU.
4. Gold spans left unpaired are MIS.

Consequences worth knowing: a prediction that overlaps two gold spans is paired
with the first (the other is MIS unless a later prediction takes it); a gold span
already paired cannot absorb a second prediction, which then counts as SPU; the
pairing is greedy, so with overlapping *predictions* (not possible for flat
predictions) an earlier partial prediction can take a gold span that a later one
matches exactly, as in nervaluate.

``min_overlap`` (optional, a fraction in (0, 1]) additionally requires that the
overlap cover at least that share of the *gold* span, as nervaluate's
``min_overlap_percentage`` (which counts inclusive token lengths). Without it any
overlap of one code point counts: nervaluate's default of 1 % would ignore a
one-character overlap with a gold span longer than 100 characters.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Sequence

from newsgold.metrics.base import ratio

STRATEGIES: tuple[str, ...] = ("strict", "exact", "partial", "type")
OUTCOMES: tuple[str, ...] = ("COR", "INC", "PAR", "MIS", "SPU")
_HALF_CREDIT = frozenset({"partial", "type"})


@dataclass(frozen=True, order=True)
class Span:
    """A labelled character (or token) range ``[start, end)``."""

    start: int
    end: int
    label: str = ""

    def __post_init__(self) -> None:
        if self.start < 0 or self.end <= self.start:
            raise ValueError(f"empty or negative span [{self.start}, {self.end})")


@dataclass
class Matching:
    """Outcome of one strategy: counts and which spans were paired.

    ``pairs`` holds ``(gold_index, pred_index, outcome)`` for every COR/INC/PAR
    pair; ``missed`` gold indices, ``spurious`` predicted indices. Indices refer to
    the lists as given (not the sorted order).
    """

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(OUTCOMES, 0))
    pairs: list[tuple[int, int, str]] = field(default_factory=list)
    missed: list[int] = field(default_factory=list)
    spurious: list[int] = field(default_factory=list)


def overlaps(a: Span, b: Span) -> bool:
    """True iff the end-exclusive ranges share at least one position."""
    return a.start < b.end and b.start < a.end


def gold_coverage(pred: Span, gold: Span) -> float:
    """Share of the gold span covered by the predicted one (0 when disjoint)."""
    inter = min(pred.end, gold.end) - max(pred.start, gold.start)
    return max(0, inter) / (gold.end - gold.start)


def _sufficient(pred: Span, gold: Span, min_overlap: float | None) -> bool:
    if not overlaps(pred, gold):
        return False
    return min_overlap is None or gold_coverage(pred, gold) >= min_overlap


def _distance(pred: Span, gold: Span) -> int:
    return abs(pred.start - gold.start) + abs(pred.end - gold.end)


def _pick_boundary(pred: Span, golds: list[tuple[int, Span]], free: set[int],
                   correct: Any, min_overlap: float | None) -> tuple[int | None, bool]:
    """strict/exact/partial: the first COR gold, else the first overlapping one."""
    fallback = None
    for gi, gold in golds:
        if gi not in free:
            continue
        if correct(pred, gold):
            return gi, True
        if fallback is None and _sufficient(pred, gold, min_overlap):
            fallback = gi
    return fallback, False


def _pick_type(pred: Span, golds: list[tuple[int, Span]], free: set[int],
               min_overlap: float | None) -> tuple[int | None, bool]:
    """type: the closest overlapping gold of the same label, else the first other-label one."""
    best, best_dist, fallback = None, None, None
    for gi, gold in golds:
        if gi not in free or not _sufficient(pred, gold, min_overlap):
            continue
        if gold.label == pred.label:
            dist = _distance(pred, gold)
            if best_dist is None or dist < best_dist:
                best, best_dist = gi, dist
        elif fallback is None:
            fallback = gi
    return (best, True) if best is not None else (fallback, False)


def _same_bounds(pred: Span, gold: Span) -> bool:
    return pred.start == gold.start and pred.end == gold.end


def _strict(pred: Span, gold: Span) -> bool:
    return _same_bounds(pred, gold) and pred.label == gold.label


def match(gold: Sequence[Span], pred: Sequence[Span], strategy: str,
          min_overlap: float | None = None) -> Matching:
    """Pair predicted with gold spans under one strategy (see the module docstring).

    Args:
        gold: Gold spans.
        pred: Predicted spans.
        strategy: One of :data:`STRATEGIES`.
        min_overlap: Minimum share of the gold span the overlap must cover, or None.
    """
    if strategy not in STRATEGIES:
        raise ValueError(f"unknown strategy {strategy!r}; expected one of {STRATEGIES}")
    golds = sorted(enumerate(gold), key=lambda item: (item[1], item[0]))
    preds = sorted(enumerate(pred), key=lambda item: (item[1], item[0]))
    free = {gi for gi, _ in golds}
    result = Matching()
    soft = "PAR" if strategy == "partial" else "INC"
    for pi, span in preds:
        if strategy == "type":
            gi, is_cor = _pick_type(span, golds, free, min_overlap)
        else:
            correct = _strict if strategy == "strict" else _same_bounds
            gi, is_cor = _pick_boundary(span, golds, free, correct, min_overlap)
        if gi is None:
            result.counts["SPU"] += 1
            result.spurious.append(pi)
            continue
        outcome = "COR" if is_cor else soft
        free.discard(gi)
        result.counts[outcome] += 1
        result.pairs.append((gi, pi, outcome))
    result.missed = sorted(free)
    result.counts["MIS"] = len(free)
    return result


def span_stats(gold: Sequence[Span], pred: Sequence[Span], prefix: str = "",
               strategies: Iterable[str] = STRATEGIES, min_overlap: float | None = None) -> Counter:
    """Sufficient statistics ``{prefix}{strategy}.{OUTCOME}`` for each strategy (zeros kept)."""
    stats: Counter = Counter()
    for strategy in strategies:
        counts = match(gold, pred, strategy, min_overlap).counts
        for outcome in OUTCOMES:
            stats[f"{prefix}{strategy}.{outcome}"] = counts[outcome]
    return stats


def scores_from_counts(counts: Mapping[str, float], strategy: str) -> dict[str, Any]:
    """P/R/F1 plus POS/ACT and the five counts for one strategy."""
    c = {o: counts.get(o, 0) for o in OUTCOMES}
    pos = c["COR"] + c["INC"] + c["PAR"] + c["MIS"]
    act = c["COR"] + c["INC"] + c["PAR"] + c["SPU"]
    credit = c["COR"] + (0.5 * c["PAR"] if strategy in _HALF_CREDIT else 0)
    p, r = ratio(credit, act), ratio(credit, pos)
    f = None if p is None or r is None else (0.0 if p + r == 0 else 2 * p * r / (p + r))
    return {**c, "POS": pos, "ACT": act, "precision": p, "recall": r, "f1": f}


def span_scores(stats: Mapping[str, float], prefix: str = "",
                strategies: Iterable[str] = STRATEGIES) -> dict[str, dict[str, Any]]:
    """Scores per strategy from statistics written by :func:`span_stats` under ``prefix``."""
    out = {}
    for strategy in strategies:
        head = f"{prefix}{strategy}."
        counts = {o: stats.get(head + o, 0) for o in OUTCOMES}
        out[strategy] = scores_from_counts(counts, strategy)
    return out
