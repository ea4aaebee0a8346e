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
:mod:`newsgold.metrics.bio`, in seqeval's default (conlleval) mode only: tags made
from spans are valid IOB2 by construction, and on valid IOB2 the default and strict
modes always agree. Token-level CoNLL predictions enter through
:mod:`newsgold.metrics.conll` (converted to spans with the same tokenizer).

Options (``TaskOptions``): :func:`newsgold.metrics.scope.select`, the rule every
task shares (``main_content_only`` by the mention's first character;
``exclude_misc``; ``exclude_demonyms`` on both sides); the IOB2 view with
``main_content_only`` keeps only the main-content segments.

Headline: strict micro F1.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

from newsgold.metrics.base import TaskOptions
from newsgold.metrics.bio import segment_sequences, sequence_scores, sequence_stats
from newsgold.metrics.spans import STRATEGIES, Span, span_scores, span_stats
from newsgold.gold import MAIN_CONTENT_ZONES
from newsgold.metrics.scope import SegmentLocator, select

NO_LANG = "none"
BIO_MODES = ("default",)
"""The one seqeval mode reported: tags made from spans are valid IOB2 by construction, where
seqeval's default (conlleval) and strict IOB2 modes always agree, so a second column
would only repeat the first; default is the one conlleval and most papers report."""


@dataclass(frozen=True)
class _Mention:
    span: Span
    lang: str


def _mentions(entities: Sequence[Mapping[str, Any]], where: SegmentLocator) -> list[_Mention]:
    out = []
    for ent in entities:
        seg = where.at(ent["start"])
        out.append(_Mention(Span(ent["start"], ent["end"], ent["type"]), seg["lang"] if seg else NO_LANG))
    return out


def _group_stats(gold: list[_Mention], pred: list[_Mention]) -> Counter:
    gold_spans, pred_spans = [m.span for m in gold], [m.span for m in pred]
    stats = span_stats(gold_spans, pred_spans, "all.", label_prefix="type.")
    langs = sorted({m.lang for m in gold + pred})
    for lang in langs:
        if len(langs) == 1:  # every span is in this group: the same lists as micro, so the same counts
            stats.update({f"lang.{lang}.{key[len('all.'):]}": value for key, value in stats.items()
                          if key.startswith("all.")})
            continue
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
        gold_e, pred_e = select(gold.get("entities") or [], pred.get("entities") or [], where, options)
        gold_m, pred_m = _mentions(gold_e, where), _mentions(pred_e, where)
        stats = _group_stats(gold_m, pred_m)
        if options.main_content_only:
            segments = [s for s in segments if s.get("zone") in MAIN_CONTENT_ZONES]
        as_tuples = lambda ms: [(m.span.start, m.span.end, m.span.label) for m in ms]  # noqa: E731
        true_seqs, pred_seqs = segment_sequences(gold["text"], segments, as_tuples(gold_m), as_tuples(pred_m))
        stats.update(sequence_stats(true_seqs, pred_seqs, prefix="bio.", modes=BIO_MODES))
        return stats

    def headline_score(self, stats: Mapping[str, float], options: TaskOptions) -> dict[str, Any]:
        """The headline alone (strict micro), for bootstrap resamples."""
        return {"micro": span_scores(stats, "all.", strategies=("strict",))}

    def score(self, stats: Mapping[str, float], options: TaskOptions) -> dict[str, Any]:
        per_type = {t: span_scores(stats, f"type.{t}.") for t in _groups(stats, "type.")}
        return {
            "micro": span_scores(stats, "all."),
            "macro": _macro(per_type),
            "per_type": per_type,
            "per_lang": {lang: span_scores(stats, f"lang.{lang}.") for lang in _groups(stats, "lang.")},
            "bio": sequence_scores(stats, prefix="bio.", modes=BIO_MODES),
        }


TASK = EntitiesTask()
