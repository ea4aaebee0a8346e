"""Machine translation into English: sacreBLEU BLEU, chrF, chrF++ and TER.

References are the gold ``translations`` (one per main-content segment);
hypotheses are the predicted ``translations`` keyed by gold segment id. A gold
segment without a hypothesis is scored against the empty string and counted as
``missing``; a hypothesis whose id has no reference is counted as ``extra``
(a repeated id as ``duplicates``; of a segment's several hypotheses the one
first in code-point order of its text is used: content decides, never list position) and otherwise ignored.
Hypothesis and reference lists are built in gold order and their lengths are
checked here, because sacreBLEU silently truncates mismatched lists.

Metrics use sacreBLEU's defaults, nothing downloads: ``BLEU()`` (tokenizer 13a,
exp smoothing), ``CHRF()`` (chrF2), ``CHRF(word_order=2)`` (chrF2++), ``TER()``.
The sufficient statistics are sacreBLEU's own per-segment statistics rows
(``Metric._extract_corpus_statistics``), summed per document, overall
(``<metric>.all.<i>``) and per source language, the language of the gold
segment (``<metric>.lang.<lang>.<i>``). Scores come from the summed rows through
``Metric._compute_score_from_stats``, which is how ``corpus_score`` computes
them, so the numbers equal ``corpus_score`` on the same segments exactly. Both
are private methods of sacreBLEU 2.x (checked on 2.6.0).
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import Any, Mapping, NamedTuple, Sequence

from newsgold.metrics.base import TaskOptions

METRICS = ("bleu", "chrf", "chrf++", "ter")


class Aligned(NamedTuple):
    """One gold segment to score: source language, hypothesis ('' if missing), reference."""

    lang: str
    hyp: str
    ref: str
    missing: bool


@lru_cache(maxsize=1)
def metrics() -> dict[str, Any]:
    """The four sacreBLEU metric objects (created once; stateless for our use)."""
    from sacrebleu.metrics import BLEU, CHRF, TER

    made = {"bleu": BLEU(), "chrf": CHRF(), "chrf++": CHRF(word_order=2), "ter": TER()}
    for metric in made.values():
        metric.num_refs = 1  # one reference per segment; get_signature() needs it set
    return made


def stats_width(metric: Any) -> int:
    """Length of one statistics row of a sacreBLEU BLEU, CHRF or TER object."""
    if hasattr(metric, "max_ngram_order"):
        return 2 + 2 * metric.max_ngram_order
    if hasattr(metric, "char_order"):
        return 3 * (metric.char_order + metric.word_order)
    return 2


def segment_rows(metric: Any, hyps: Sequence[str], ref_streams: Sequence[Sequence[str]]) -> list[list[float]]:
    """sacreBLEU's per-segment statistics rows (``ref_streams[k][i]``: k-th reference of segment i).

    Raises:
        ValueError: when a reference stream's length differs from the hypotheses'.
    """
    for stream in ref_streams:
        if len(stream) != len(hyps):
            raise ValueError(f"{len(hyps)} hypotheses for {len(stream)} references")
    if not hyps:
        return []
    rows = metric._extract_corpus_statistics(list(hyps), [list(s) for s in ref_streams])
    if len(rows) != len(hyps):
        raise ValueError(f"sacrebleu returned {len(rows)} rows for {len(hyps)} segments")
    return rows


def chrf_prefix_rows(chrf: Any, chrf_pp: Any, rows_pp: list[list[float]]) -> list[list[float]] | None:
    """chrF's rows cut from chrF++'s, or None when the two objects are not configured alike.

    With one reference, sacreBLEU's chrF++ row is the chrF row of the same character
    n-grams (``3 * char_order`` numbers: hyp, ref, match per order) followed by the word
    n-gram triples, so chrF's row is its prefix: computing it again would extract and
    match every character n-gram a second time. Only when both share ``char_order``,
    ``whitespace`` and ``lowercase`` (what the rows depend on) and chrF has no word order.
    """
    same = all(getattr(chrf, a) == getattr(chrf_pp, a) for a in ("char_order", "whitespace", "lowercase"))
    if not same or chrf.word_order != 0:
        return None
    width = stats_width(chrf)
    return [list(row[:width]) for row in rows_pp]


def language_rows(hyps: Sequence[str], refs: Sequence[str]) -> dict[str, list[list[float]]]:
    """Each metric's per-segment rows for aligned hypotheses and references (one reference each),
    in :data:`METRICS` order; chrF's rows are taken from chrF++'s (:func:`chrf_prefix_rows`)."""
    made = metrics()
    rows = {name: segment_rows(made[name], hyps, [refs]) for name in METRICS if name != "chrf"}
    shared = chrf_prefix_rows(made["chrf"], made["chrf++"], rows["chrf++"])
    rows["chrf"] = shared if shared is not None else segment_rows(made["chrf"], hyps, [refs])
    return {name: rows[name] for name in METRICS}


def score_from_stats(metric: Any, row: Sequence[float]) -> Any:
    """sacreBLEU score object from summed statistics (what ``corpus_score`` computes)."""
    return metric._compute_score_from_stats(list(row))


def align(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> tuple[list[Aligned], Counter]:
    """Aligned segments in gold order, and the counts of extra and duplicate hypothesis ids."""
    langs = {s["id"]: s.get("lang", "und") for s in gold.get("segments") or []}
    hyps: dict[str, str] = {}
    counts: Counter = Counter({"extra": 0, "duplicates": 0})
    for item in pred.get("translations") or []:
        seg_id = item["segment"]
        if seg_id in hyps:
            counts["duplicates"] += 1
            hyps[seg_id] = min(hyps[seg_id], item["text"])
        else:
            hyps[seg_id] = item["text"]
    refs = gold.get("translations") or []
    ref_ids = {r["segment"] for r in refs}
    counts["extra"] = sum(1 for seg_id in hyps if seg_id not in ref_ids)
    aligned = [Aligned(langs.get(r["segment"], "und"), hyps.get(r["segment"], ""), r["text"],
                       r["segment"] not in hyps) for r in refs]
    return aligned, counts


def _add_rows(stats: Counter, prefix: str, rows: list[list[float]]) -> None:
    for row in rows:
        for i, value in enumerate(row):
            stats[f"{prefix}.{i}"] += value


def _score_one(name: str, stats: Mapping[str, float], prefix: str, n_segments: float) -> Any | None:
    """sacreBLEU score object from summed rows, or None when there is no segment."""
    if not n_segments:
        return None
    metric = metrics()[name]
    return score_from_stats(metric, [stats.get(f"{prefix}.{i}", 0) for i in range(stats_width(metric))])


def _languages(stats: Mapping[str, float]) -> list[str]:
    return sorted({k.split(".")[2] for k in stats if k.startswith("segments.lang.")})


class TranslationTask:
    """Corpus-level and per-source-language sacreBLEU metrics."""

    name = "translation"
    layers = ("translations",)
    headline = ("bleu.score", "chrf.score", "chrf++.score", "ter.score")

    def doc_stats(self, gold: Mapping[str, Any], pred: Mapping[str, Any], options: TaskOptions) -> Counter:
        aligned, counts = align(gold, pred)
        stats: Counter = Counter({"segments.all": len(aligned), "missing.all": 0, **counts})
        for lang in sorted({a.lang for a in aligned}):
            chosen = [a for a in aligned if a.lang == lang]
            n_missing = sum(a.missing for a in chosen)
            stats.update({f"segments.lang.{lang}": len(chosen), f"missing.lang.{lang}": n_missing,
                          "missing.all": n_missing})
            for name, rows in language_rows([a.hyp for a in chosen], [a.ref for a in chosen]).items():
                _add_rows(stats, f"{name}.lang.{lang}", rows)
                _add_rows(stats, f"{name}.all", rows)
        return stats

    def headline_score(self, stats: Mapping[str, float], options: TaskOptions) -> dict[str, Any]:
        """The corpus-level scores alone (no per-language rows, details or signatures), for bootstrap resamples."""
        return {name: {"score": _value(_score_one(name, stats, f"{name}.all", stats.get("segments.all", 0)))}
                for name in METRICS}

    def score(self, stats: Mapping[str, float], options: TaskOptions) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in METRICS:
            result = _score_one(name, stats, f"{name}.all", stats.get("segments.all", 0))
            out[name] = {"score": None if result is None else result.score,
                         "detail": None if result is None else str(result),
                         "signature": metrics()[name].get_signature().format()}
        out["by_lang"] = {
            lang: {"segments": stats.get(f"segments.lang.{lang}", 0),
                   "missing": stats.get(f"missing.lang.{lang}", 0),
                   **{name: _value(_score_one(name, stats, f"{name}.lang.{lang}",
                                              stats.get(f"segments.lang.{lang}", 0)))
                      for name in METRICS}}
            for lang in _languages(stats)
        }
        out.update({"segments": stats.get("segments.all", 0), "missing": stats.get("missing.all", 0),
                    "extra": stats.get("extra", 0), "duplicates": stats.get("duplicates", 0)})
        return out


def _value(result: Any | None) -> float | None:
    return None if result is None else result.score


TASK = TranslationTask()
