"""Named-entity recognition: span matching (SemEval-2013 9.1 strategies) and a token-level IOB2 view.

Per document, gold ``entities`` and predicted ``entities`` become
``(start, end, type)`` spans matched by :mod:`newsgold.metrics.spans` under the four
strategies (strict, exact, partial, type), for

- ``micro``: all spans together;
- ``per_type``: gold and predicted spans of one type only (as nervaluate's per-type
  results: a type confusion counts as MIS in one type and SPU in the other);
- ``per_lang``: spans whose start lies in a gold segment of that language (the
  language of the segment containing the first character; ``none`` if no
  segment covers it); gold segments decide for predictions as well;
- ``macro``: the mean over types present (in gold or prediction) of per-type
  precision, recall and F1, an undefined value counting as 0 (as seqeval/sklearn).

``bio`` scores the same spans as IOB2 token sequences (one per gold segment), see
:mod:`newsgold.metrics.bio`.

Options (``TaskOptions``), applied to gold and prediction alike:

- ``main_content_only``: keep spans starting in a main-content segment (title,
  lead, heading, body, caption); the IOB2 view keeps only those segments.
- ``exclude_misc``: drop type ``MISC``.
- ``exclude_demonyms``: drop subtype ``demonym``; a predicted span without that
  subtype is also dropped when its boundaries equal those of a dropped gold
  demonym (so a system that does not predict subtypes is not charged with a
  spurious mention for it).

Headline: strict micro F1.
"""
from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

from newsgold.metrics.base import TaskOptions
from newsgold.metrics.bio import segment_sequences, sequence_scores, sequence_stats
from newsgold.metrics.spans import STRATEGIES, Span, span_scores, span_stats
from newsgold.gold import MAIN_CONTENT_ZONES

NO_LANG = "none"


@dataclass(frozen=True)
class _Mention:
    span: Span
    lang: str
    main: bool
    demonym: bool


class SegmentLocator:
    """Finds the gold segment containing a character position."""

    def __init__(self, segments: Sequence[Mapping[str, Any]]):
        self.segments = sorted(segments, key=lambda s: s["start"])
        self.starts = [s["start"] for s in self.segments]

    def at(self, pos: int) -> Mapping[str, Any] | None:
        i = bisect.bisect_right(self.starts, pos) - 1
        if i >= 0 and pos < self.segments[i]["end"]:
            return self.segments[i]
        return None


def _mentions(entities: Sequence[Mapping[str, Any]], where: SegmentLocator) -> list[_Mention]:
    out = []
    for ent in entities:
        seg = where.at(ent["start"])
        out.append(_Mention(Span(ent["start"], ent["end"], ent["type"]),
                            seg["lang"] if seg else NO_LANG,
                            bool(seg) and seg.get("zone") in MAIN_CONTENT_ZONES,
                            ent.get("subtype") == "demonym"))
    return out


def select(gold: list[_Mention], pred: list[_Mention], options: TaskOptions) -> tuple[list[_Mention], list[_Mention]]:
    """Apply the task options to gold and predicted mentions."""
    def keep(m: _Mention) -> bool:
        if options.main_content_only and not m.main:
            return False
        if options.exclude_misc and m.span.label == "MISC":
            return False
        return not (options.exclude_demonyms and m.demonym)

    dropped = {(m.span.start, m.span.end) for m in gold if options.exclude_demonyms and m.demonym}
    return ([m for m in gold if keep(m)],
            [m for m in pred if keep(m) and (m.span.start, m.span.end) not in dropped])


def _group_stats(gold: list[_Mention], pred: list[_Mention]) -> Counter:
    stats = span_stats([m.span for m in gold], [m.span for m in pred], "all.")
    for label in sorted({m.span.label for m in gold + pred}):
        stats.update(span_stats([m.span for m in gold if m.span.label == label],
                                 [m.span for m in pred if m.span.label == label], f"type.{label}."))
    for lang in sorted({m.lang for m in gold + pred}):
        stats.update(span_stats([m.span for m in gold if m.lang == lang],
                                [m.span for m in pred if m.lang == lang], f"lang.{lang}."))
    return stats


def _groups(stats: Mapping[str, float], head: str) -> list[str]:
    return sorted({key.split(".")[1] for key in stats if key.startswith(head)})


def _macro(per_type: Mapping[str, Mapping[str, dict]]) -> dict[str, dict[str, float | None]]:
    out = {}
    for strategy in STRATEGIES:
        rows = [scores[strategy] for scores in per_type.values() if scores[strategy]["POS"] or scores[strategy]["ACT"]]
        out[strategy] = {m: (sum(r[m] or 0.0 for r in rows) / len(rows) if rows else None)
                         for m in ("precision", "recall", "f1")}
    return out


class EntitiesTask:
    """Named-entity spans: four matching strategies, per type and language, plus the IOB2 view."""

    name = "entities"
    layers = ("entities",)
    headline = ("micro.strict.f1",)

    def doc_stats(self, gold: Mapping[str, Any], pred: Mapping[str, Any], options: TaskOptions) -> Counter:
        segments = list(gold.get("segments") or [])
        where = SegmentLocator(segments)
        gold_m, pred_m = select(_mentions(gold.get("entities") or [], where),
                                _mentions(pred.get("entities") or [], where), options)
        stats = _group_stats(gold_m, pred_m)
        if options.main_content_only:
            segments = [s for s in segments if s.get("zone") in MAIN_CONTENT_ZONES]
        as_tuples = lambda ms: [(m.span.start, m.span.end, m.span.label) for m in ms]  # noqa: E731
        true_seqs, pred_seqs = segment_sequences(gold["text"], segments, as_tuples(gold_m), as_tuples(pred_m))
        stats.update(sequence_stats(true_seqs, pred_seqs, prefix="bio."))
        return stats

    def score(self, stats: Mapping[str, float], options: TaskOptions) -> dict[str, Any]:
        per_type = {t: span_scores(stats, f"type.{t}.") for t in _groups(stats, "type.")}
        return {
            "micro": span_scores(stats, "all."),
            "macro": _macro(per_type),
            "per_type": per_type,
            "per_lang": {lang: span_scores(stats, f"lang.{lang}.") for lang in _groups(stats, "lang.")},
            "bio": sequence_scores(stats, prefix="bio."),
        }


TASK = EntitiesTask()
