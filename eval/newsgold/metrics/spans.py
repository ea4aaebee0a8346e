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

Matching algorithm: :func:`newsgold.metrics.align.align`, the one matcher of every
span task, with these tiers (each a one-to-one pairing of what earlier tiers left):

========  ====================================================  =================
strategy  tiers                                                 COR tiers
========  ====================================================  =================
strict    equal span+label, then overlap                        first
exact     equal span+label, equal span, then overlap            first two
partial   as exact                                              first two
type      equal span+label, overlap with same label, overlap    first two
========  ====================================================  =================

Each overlap tier is a maximum matching, so every prediction that can be paired is;
exact tiers come first, so an overlapping prediction never takes a gold span from a
prediction that matches it exactly. Gold spans left unpaired are MIS, predictions SPU.

Where this differs from nervaluate 1.2.1 (``strategies.py``), which visits
predictions in order of ``(start, end, label)`` and gives each the first free gold
span that is COR for the strategy, else the first free one it overlaps (type: the
closest same-label one): only where one gold span overlaps two or more
predictions. There nervaluate's earlier prediction takes the gold span, even from
a later exact match (gold ``[12,17) LOC``, predictions ``[6,17) ORG`` and
``[12,17) LOC``: nervaluate INC 1 + SPU 1, here COR 1 + SPU 1), and a prediction
can be left SPU although a maximum matching pairs it. Where every gold span
overlaps at most one prediction the counts are identical (the test compares them
with the installed nervaluate on random cases).

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

from newsgold.metrics.align import Alignment, Item, align, align_many
from newsgold.metrics.base import rates

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


_TIERS = {"strict": ("label", "overlap"), "exact": ("label", "bounds", "overlap"),
          "partial": ("label", "bounds", "overlap"), "type": ("label", "overlap_label", "overlap")}
_COR_TIERS = {"strict": {"label"}, "exact": {"label", "bounds"}, "partial": {"label", "bounds"},
              "type": {"label", "overlap_label"}}


def _items(spans: Sequence[Span]) -> list[Item]:
    return [Item(s.start, s.end, s.label) for s in spans]


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
    return _matching(align(_items(gold), _items(pred), _TIERS[strategy], min_overlap), strategy)


def _matching(found: Alignment, strategy: str) -> Matching:
    """The outcomes of one strategy from an alignment made with its tiers."""
    result = Matching()
    soft = "PAR" if strategy == "partial" else "INC"
    for gi, pi, tier in found.pairs:
        outcome = "COR" if tier in _COR_TIERS[strategy] else soft
        result.counts[outcome] += 1
        result.pairs.append((gi, pi, outcome))
    result.missed, result.spurious = found.missed, found.spurious
    result.counts["MIS"], result.counts["SPU"] = len(found.missed), len(found.spurious)
    return result


def span_stats(gold: Sequence[Span], pred: Sequence[Span], prefix: str = "",
               strategies: Iterable[str] = STRATEGIES, min_overlap: float | None = None,
               label_prefix: str | None = None) -> Counter:
    """Sufficient statistics ``{prefix}{strategy}.{OUTCOME}`` for each strategy (zeros kept).

    With ``label_prefix``, also :func:`span_stats_per_label` under that prefix, from the same
    alignments (every tier list starts with the ``label`` tier, which then runs once).
    """
    return _span_stats(gold, pred, prefix, label_prefix, tuple(strategies), min_overlap)


def span_stats_per_label(gold: Sequence[Span], pred: Sequence[Span], prefix: str = "",
                         strategies: Iterable[str] = STRATEGIES, min_overlap: float | None = None) -> Counter:
    """:func:`span_stats` of each label's spans alone (``{prefix}{label}.{strategy}.{OUTCOME}``), from one alignment.

    Within one label every strategy's tiers reduce to "equal span and label, then
    overlap with the same label": the ``bounds`` tier finds nothing the ``label`` tier
    left, and ``overlap`` pairs the same items as ``overlap_label``. The overlap tier's
    matching never links items of different labels, and each label's items keep their
    relative order, so one :func:`align` over all spans with those two tiers pairs
    exactly what one run per label would; its pairs are then split by label. Labels come
    in sorted order, each with every strategy (zeros kept).
    """
    return _span_stats(gold, pred, None, prefix, tuple(strategies), min_overlap)


_PER_LABEL_TIERS = ("label", "overlap_label")


def _span_stats(gold: Sequence[Span], pred: Sequence[Span], prefix: str | None, label_prefix: str | None,
                strategies: tuple[str, ...], min_overlap: float | None) -> Counter:
    for strategy in strategies:
        if strategy not in STRATEGIES:
            raise ValueError(f"unknown strategy {strategy!r}; expected one of {STRATEGIES}")
    tier_lists = [_TIERS[s] for s in strategies] if prefix is not None else []
    if label_prefix is not None:
        tier_lists.append(_PER_LABEL_TIERS)
    tier_lists = list(dict.fromkeys(tier_lists))  # exact and partial share their tiers: one alignment
    aligned = dict(zip(tier_lists, align_many(_items(gold), _items(pred), tier_lists, min_overlap)))
    stats: Counter = Counter()
    if prefix is not None:
        for strategy in strategies:
            counts = _matching(aligned[_TIERS[strategy]], strategy).counts
            for outcome in OUTCOMES:
                stats[f"{prefix}{strategy}.{outcome}"] = counts[outcome]
    if label_prefix is not None:
        stats.update(_per_label_counts(gold, pred, aligned[_PER_LABEL_TIERS], label_prefix, strategies))
    return stats


def _per_label_counts(gold: Sequence[Span], pred: Sequence[Span], found: Alignment, prefix: str,
                      strategies: tuple[str, ...]) -> Counter:
    """Split an alignment made with :data:`_PER_LABEL_TIERS` into each label's counts (see span_stats_per_label)."""
    tally: dict[str, Counter] = {label: Counter() for label in sorted({s.label for s in [*gold, *pred]})}
    for gi, _, tier in found.pairs:
        tally[gold[gi].label][tier] += 1
    for gi in found.missed:
        tally[gold[gi].label]["MIS"] += 1
    for pi in found.spurious:
        tally[pred[pi].label]["SPU"] += 1
    stats: Counter = Counter()
    for label, got in tally.items():
        for strategy in strategies:
            # type: the same-label overlap is correct; the others: it is their (any-label) overlap tier
            soft = 0 if strategy == "type" else got["overlap_label"]
            counts = {"COR": got["label"] + got["overlap_label"] - soft, "INC": 0, "PAR": 0,
                      "MIS": got["MIS"], "SPU": got["SPU"]}
            counts["PAR" if strategy == "partial" else "INC"] += soft
            for outcome in OUTCOMES:
                stats[f"{prefix}{label}.{strategy}.{outcome}"] = counts[outcome]
    return stats


def scores_from_counts(counts: Mapping[str, float], strategy: str) -> dict[str, Any]:
    """P/R/F1 plus POS/ACT and the five counts for one strategy."""
    c = {o: counts.get(o, 0) for o in OUTCOMES}
    pos = c["COR"] + c["INC"] + c["PAR"] + c["MIS"]
    act = c["COR"] + c["INC"] + c["PAR"] + c["SPU"]
    credit = c["COR"] + (0.5 * c["PAR"] if strategy in _HALF_CREDIT else 0)
    got = rates(credit, act, credit, pos)
    p, r, f = got["precision"], got["recall"], got["f1"]
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
