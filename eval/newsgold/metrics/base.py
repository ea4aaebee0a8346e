"""The shape every metric follows (sacrebleu style).

A task turns one document into *sufficient statistics*: a flat mapping from
string keys to numbers (``Counts``). Statistics of several documents are merged
by adding key by key, exactly, in any order. A pure function turns the summed
statistics into scores. An accuracy is ``None`` where its denominator is empty.
Precision, recall and F1 follow conlleval, seqeval and nervaluate (:func:`rates`):
when there was something to find or something was predicted, an empty side scores
0 (gold items and no prediction: P = R = F1 = 0); all three are ``None`` only when
both gold and prediction are empty.

Inputs are plain dicts: ``gold`` is an annotation file as loaded from JSON plus
the key ``"text"`` (the corpus text); ``pred`` is a prediction line (CONTRACT
section 8) already checked by the harness, possibly ``{}`` for a missing
document.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping, Protocol

Counts = Counter  # str -> int | float; merged with +=, never with Counter's + (which drops non-positive values)


def merge(parts: Iterable[Mapping[str, float]]) -> Counter:
    """Sum statistics key by key (keeps zero and negative values, unlike ``Counter.__add__``)."""
    total: Counter = Counter()
    for part in parts:
        for key, value in part.items():
            total[key] = total.get(key, 0) + value
    return total


def ratio(num: float, den: float) -> float | None:
    """``num / den``, or None when the denominator is empty."""
    return None if not den else num / den


def rates(p_num: float, p_den: float, r_num: float, r_den: float) -> dict[str, float | None]:
    """Precision ``p_num/p_den``, recall ``r_num/r_den`` and their harmonic mean.

    An empty denominator gives 0 when the other one is not empty (nothing predicted
    although there was gold: P = 0; predictions although there was no gold: R = 0), and
    None for all three only when both are empty.
    """
    if not p_den and not r_den:
        return {"precision": None, "recall": None, "f1": None}
    p = p_num / p_den if p_den else 0.0
    r = r_num / r_den if r_den else 0.0
    return {"precision": p, "recall": r, "f1": 0.0 if p + r == 0 else 2 * p * r / (p + r)}


def prf(tp: float, fp: float, fn: float) -> dict[str, float | None]:
    """Precision, recall, F1 from counts (:func:`rates`: 0 for an empty side, None only when both are empty)."""
    return rates(tp, tp + fp, tp, tp + fn)


@dataclass(frozen=True)
class TaskOptions:
    """Settings shared by tasks; each task reads only what it needs. Recorded in the result signature."""

    main_content_only: bool = False
    exclude_misc: bool = False
    exclude_demonyms: bool = False
    extra: Mapping[str, Any] = field(default_factory=dict)


class Task(Protocol):
    """A metric family (``lid``, ``zones``, ``entities``, ``linking``, ``timex``, ``events``, ``translation``)."""

    name: str
    layers: tuple[str, ...]  # prediction layers this task reads
    headline: tuple[str, ...]  # dotted paths into score() output that summarise the task

    def doc_stats(self, gold: Mapping[str, Any], pred: Mapping[str, Any], options: TaskOptions) -> Counts: ...

    def score(self, stats: Mapping[str, float], options: TaskOptions) -> dict[str, Any]: ...


ScoreFn = Callable[[Mapping[str, float], TaskOptions], dict]
