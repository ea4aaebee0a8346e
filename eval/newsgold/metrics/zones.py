"""Zoning: boilerplate and main-content detection, and article-extraction shingle F1.

Character level (non-whitespace characters of the gold segments, see
:mod:`newsgold.metrics.chars`): binary precision/recall/F1 for "boilerplate vs
not" and for "main content vs not" (main content = title, lead, heading, body,
caption), and a confusion matrix gold zone × predicted zone counting characters
(an uncovered character or a segment without ``zone`` is predicted ``"none"``).

Shingle F1 reproduces the Article Extraction Benchmark, scrapinghub/
article-extraction-benchmark ``evaluate.py`` (commit 7d95432d):

- main text = the texts of the main-content segments in document order, joined
  with ``"\\n"`` (gold: gold segments; prediction: ``text[start:end]`` of the
  predicted main-content segments);
- tokens = ``re.findall(r"\\w+", text)`` (Unicode, case kept: the upstream
  IGNORECASE flag does not change what ``\\w+`` matches);
- shingles = token 4-grams as a *multiset* (upstream counts them with
  ``Counter``; tp = Σ min(count_gold, count_pred), fp and fn the excesses); a text
  with 1-3 tokens has a single shingle of all its tokens, an empty text none;
- per document P = tp/(tp+fp) and R = tp/(tp+fn) (upstream normalises tp, fp,
  fn by their sum first, which leaves the ratios unchanged; we divide the integer
  counts); the corpus P is the *mean* over documents with tp+fp > 0, R the mean
  over documents with tp+fn > 0, and F1 = 2PR/(P+R) of those means. To merge, the
  statistics keep the sums of per-document P and R and the document counts.
- ``exact_match``: the mean over documents of "token lists are equal" (upstream
  ``accuracy``).

``shingle_micro`` gives P/R/F1 from the summed raw counts as well.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Any, Mapping

from newsgold.metrics.base import TaskOptions, prf, rates, ratio
from newsgold.gold import MAIN_CONTENT_ZONES
from newsgold.metrics.chars import paired_counts, segments_of

_TOKEN_RE = re.compile(r"\w+", re.UNICODE)
SHINGLE_N = 4


def main_text(text: str, segments: list[Mapping[str, Any]]) -> str:
    """Texts of the main-content segments, in order of ``(start, end, zone, lang)``, joined with newlines."""
    chosen = sorted((s for s in segments if s.get("zone") in MAIN_CONTENT_ZONES),
                    key=lambda s: (s["start"], s["end"], s.get("zone") or "", s.get("lang") or ""))
    return "\n".join(text[s["start"]:s["end"]] for s in chosen)


def tokenize(text: str) -> list[str]:
    """``\\w+`` tokens, as in the Article Extraction Benchmark."""
    return _TOKEN_RE.findall(text or "")


def shingles(tokens: list[str], n: int = SHINGLE_N) -> Counter:
    """Multiset of token n-grams; fewer than n (but some) tokens give one shorter shingle."""
    if len(tokens) < n:
        return Counter([tuple(tokens)] if tokens else [])
    return Counter(zip(*(tokens[i:] for i in range(n))))


def _token_shingle_counts(gold_tokens: list[str], pred_tokens: list[str]) -> tuple[int, int, int]:
    gold_sh, pred_sh = shingles(gold_tokens), shingles(pred_tokens)
    tp = sum(min(count, pred_sh[gram]) for gram, count in gold_sh.items() if gram in pred_sh)
    return tp, sum(pred_sh.values()) - tp, sum(gold_sh.values()) - tp


def shingle_counts(gold_text: str, pred_text: str) -> tuple[int, int, int]:
    """``(tp, fp, fn)`` over shingle multisets of two texts."""
    return _token_shingle_counts(tokenize(gold_text), tokenize(pred_text))


def _shingle_stats(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> Counter:
    text = gold["text"]
    gold_tokens = tokenize(main_text(text, segments_of(gold)))
    pred_tokens = tokenize(main_text(text, segments_of(pred)))
    tp, fp, fn = _token_shingle_counts(gold_tokens, pred_tokens)
    stats = Counter({"shingle.tp": tp, "shingle.fp": fp, "shingle.fn": fn, "shingle.docs": 1,
                     "shingle.exact": int(gold_tokens == pred_tokens),
                     "shingle.p_sum": 0.0, "shingle.p_docs": 0, "shingle.r_sum": 0.0, "shingle.r_docs": 0})
    if tp + fp:
        stats["shingle.p_sum"] += tp / (tp + fp)
        stats["shingle.p_docs"] += 1
    if tp + fn:
        stats["shingle.r_sum"] += tp / (tp + fn)
        stats["shingle.r_docs"] += 1
    return stats


def _binary(stats: Counter, prefix: str, gold_pos: bool, pred_pos: bool, n: int) -> None:
    """Add ``n`` characters with these gold/predicted truth values to ``{prefix}.tp/fp/fn``."""
    if gold_pos and pred_pos:
        stats[f"{prefix}.tp"] += n
    elif pred_pos:
        stats[f"{prefix}.fp"] += n
    elif gold_pos:
        stats[f"{prefix}.fn"] += n


def _shingle_scores(stats: Mapping[str, float]) -> dict[str, Any]:
    got = rates(stats.get("shingle.p_sum", 0), stats.get("shingle.p_docs", 0), stats.get("shingle.r_sum", 0),
                stats.get("shingle.r_docs", 0))
    return {**got,
            "exact_match": ratio(stats.get("shingle.exact", 0), stats.get("shingle.docs", 0)),
            "docs": stats.get("shingle.docs", 0)}


def _confusion(stats: Mapping[str, float]) -> dict[str, dict[str, float]]:
    table: dict[str, dict[str, float]] = {}
    for key, value in sorted(stats.items()):
        if key.startswith("confusion."):
            _, gold_zone, pred_zone = key.split(".")
            table.setdefault(gold_zone, {})[pred_zone] = value
    return table


class ZonesTask:
    """Boilerplate / main-content detection and zone confusion."""

    name = "zones"
    layers = ("segments",)
    headline = ("main_content.f1", "boilerplate.f1", "shingle.f1")

    def doc_stats(self, gold: Mapping[str, Any], pred: Mapping[str, Any], options: TaskOptions) -> Counter:
        stats: Counter = Counter({f"{p}.{k}": 0 for p in ("main", "boilerplate") for k in ("tp", "fp", "fn")})
        stats["char.n"] = 0
        for (gold_zone, pred_zone), n in paired_counts(gold, pred, "zone").items():
            stats["char.n"] += n
            stats[f"confusion.{gold_zone}.{pred_zone}"] += n
            _binary(stats, "main", gold_zone in MAIN_CONTENT_ZONES, pred_zone in MAIN_CONTENT_ZONES, n)
            _binary(stats, "boilerplate", gold_zone == "boilerplate", pred_zone == "boilerplate", n)
        stats.update(_shingle_stats(gold, pred))
        return stats

    def score(self, stats: Mapping[str, float], options: TaskOptions) -> dict[str, Any]:
        def counts(prefix: str) -> tuple[float, float, float]:
            return tuple(stats.get(f"{prefix}.{k}", 0) for k in ("tp", "fp", "fn"))  # type: ignore[return-value]

        main, boiler, micro = counts("main"), counts("boilerplate"), counts("shingle")
        return {
            "main_content": {**prf(*main), "support": main[0] + main[2]},
            "boilerplate": {**prf(*boiler), "support": boiler[0] + boiler[2]},
            "confusion": _confusion(stats),
            "shingle": _shingle_scores(stats),
            "shingle_micro": prf(*micro),
            "char": {"n": stats.get("char.n", 0)},
        }


TASK = ZonesTask()
