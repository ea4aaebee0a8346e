"""Language identification: document language and per-character segment languages.

Document level: ``pred["language"] == gold["language"]`` (a missing answer is wrong).

Segment level, over the non-whitespace characters of the gold segments (see
:mod:`newsgold.metrics.chars`): each character's gold language is its gold
segment's ``lang``; its predicted language is the ``lang`` of the predicted
segment covering it, and no covering segment (or one without ``lang``) is always
wrong. Scores: character accuracy; per-language precision/recall/F1 over
characters; macro-F1 over the languages present in gold or prediction.

Macro-F1 uses F1 = 2·tp / (2·tp + fp + fn) per language, which equals the
harmonic mean where both P and R exist and is 0 for a language only one side
uses (a language the system predicts but the gold never has lowers macro-F1,
as in scikit-learn with ``zero_division=0``). The per-language table keeps
``base.prf`` semantics (F1 None where P or R is undefined).
"""
from __future__ import annotations

from collections import Counter
from typing import Any, Mapping

from newsgold.metrics.base import TaskOptions, prf, ratio
from newsgold.metrics.chars import NONE, paired_counts


def _languages(stats: Mapping[str, float]) -> list[str]:
    """Languages with a ``lang.<L>.*`` key, sorted."""
    return sorted({key.split(".")[1] for key in stats if key.startswith("lang.")})


def _dice(tp: float, fp: float, fn: float) -> float | None:
    """F1 as 2tp/(2tp+fp+fn); None only when the language never occurs on either side."""
    return ratio(2 * tp, 2 * tp + fp + fn)


class LidTask:
    """Language identification (document and character level)."""

    name = "lid"
    layers = ("language", "segments")
    headline = ("char.accuracy", "macro_f1", "document.accuracy")

    def doc_stats(self, gold: Mapping[str, Any], pred: Mapping[str, Any], options: TaskOptions) -> Counter:
        stats: Counter = Counter({"doc.n": 1, "doc.correct": int(pred.get("language") == gold["language"])})
        stats["char.n"] = 0
        stats["char.correct"] = 0
        for (gold_lang, pred_lang), n in paired_counts(gold, pred, "lang").items():
            stats["char.n"] += n
            if gold_lang == pred_lang:
                stats["char.correct"] += n
                stats[f"lang.{gold_lang}.tp"] += n
                continue
            stats[f"lang.{gold_lang}.fn"] += n
            if pred_lang != NONE:
                stats[f"lang.{pred_lang}.fp"] += n
        return stats

    def score(self, stats: Mapping[str, float], options: TaskOptions) -> dict[str, Any]:
        per_language: dict[str, dict[str, float | None]] = {}
        dice: list[float] = []
        for lang in _languages(stats):
            tp, fp, fn = (stats.get(f"lang.{lang}.{k}", 0) for k in ("tp", "fp", "fn"))
            per_language[lang] = {**prf(tp, fp, fn), "support": tp + fn}
            value = _dice(tp, fp, fn)
            if value is not None:
                dice.append(value)
        return {
            "document": {"accuracy": ratio(stats.get("doc.correct", 0), stats.get("doc.n", 0)),
                         "n": stats.get("doc.n", 0)},
            "char": {"accuracy": ratio(stats.get("char.correct", 0), stats.get("char.n", 0)),
                     "n": stats.get("char.n", 0)},
            "macro_f1": sum(dice) / len(dice) if dice else None,
            "per_language": per_language,
        }


TASK = LidTask()
