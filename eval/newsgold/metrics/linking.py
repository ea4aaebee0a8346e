"""Entity linking as the field scores it: Wikidata QIDs (HIPE-2022) and cross-document clusters.

**QID linking** (HIPE-2022 / GERBIL style): precision, recall and F1 over
``(span, QID or "NIL")`` pairs, micro and per language.

- Gold answer of a mention: its own ``wikidata`` field, which ``newsgold build``
  derives from the corpus's registry and ``newsgold validate`` checks against it
  (so the metric needs no registry and reads no global file): the QID when the
  slug's ``wikidata_status`` is ``confirmed``, ``"NIL"`` when it is ``absent``
  (confirmed to have no Wikidata item). A gold mention without the field (a corpus
  that does not carry it) is answered from ``options.extra["kb"]`` when a registry
  is given there, else it has no gold answer. Mentions whose slug is
  ``unconfirmed`` (QID not yet checked), that have no slug (null ``entity``), or
  whose slug the registry lacks have **no gold answer**: they are left out of QID
  scoring and counted (``excluded_gold``; ``unknown_slugs`` for missing slugs),
  not treated as NIL. A registry entry without ``wikidata_status`` is
  ``confirmed`` when it has a QID, else ``unconfirmed``.
- Predicted answer: the prediction's ``wikidata`` (a QID or ``"NIL"``); a mention
  without it (absent or null) makes no QID claim and is not scored here.
- strict: a predicted answer is correct when its span equals a gold mention's span
  and the answers are equal; fuzzy: when the spans overlap and the answers are
  equal. One-to-one (:func:`newsgold.metrics.align.align`, the answer as label:
  exact spans first, then a maximum matching of overlaps). TP = correct pairs;
  FP = predicted answers not in a pair; FN = gold answers not in a pair (so an
  exact span with the wrong QID is one FP and one FN, as HIPE-2022).
- A predicted answer left unpaired whose span overlaps a gold mention without a
  gold answer and no gold mention with one cannot be judged: it is not counted as
  FP but as ``ignored_pred`` (symmetric with the gold side).
- Per language: each TP/FN counts in the language of the gold mention's segment,
  each FP in that of the segment where the prediction starts (``none`` outside).
- Demonyms (MISC/demonym, whose slug is the country, CONTRACT section 4) take
  the country's QID like any other mention of that slug; ``exclude_demonyms``
  leaves them out on both sides.

**Clusters** (registry slugs): slugs are newsgold's own ids, so they are scored as
cross-document entity coreference, exactly as events' instances: gold and
predicted mentions are aligned one-to-one on equal spans (same type first; the
shared matcher); an aligned pair is one mention, an unaligned gold mention a
key-only mention, an unaligned prediction a spurious response mention. Key
clusters are the gold slugs (a null slug makes a singleton), response clusters
the predicted ``entity`` values, any cluster ids the system likes (null or absent:
a singleton). MUC, B³, CEAF-e/m, BLANC and the CoNLL average of
:mod:`newsgold.metrics.coref` on cells that add over documents.

A prediction may carry a QID without a cluster id and vice versa.

``conditioned``: QID accuracy over the exact-span pairs whose gold mention has a
gold answer and whose prediction makes a claim: a secondary number (a system
raises it by answering less), not a headline.

Options: :func:`newsgold.metrics.scope.select` (the rule every task shares). An
optional registry comes from ``options.extra["kb"]`` (the kb.json dict or its
``entities`` mapping), used only for gold mentions without a ``wikidata`` field.

Headline: strict QID F1, fuzzy QID F1, cluster CoNLL F1.
"""
from __future__ import annotations

from collections import Counter
from typing import Any, Mapping, Sequence

from newsgold.kbsync import mention_wikidata, wikidata_status  # noqa: F401  (re-exported)
from newsgold.metrics.align import Item, align, overlap_candidates
from newsgold.metrics.base import TaskOptions, prf, ratio
from newsgold.metrics.coref import cell_stats, conll_f1, coref_scores, table_from_stats, table_stats
from newsgold.metrics.scope import SegmentLocator, select

NO_LANG = "none"
CLUSTER_KEY = "clusters.mention:"
MODES = {"strict": ("label",), "fuzzy": ("label", "overlap_label")}


def kb_entities(options: TaskOptions) -> Mapping[str, Any]:
    """The registry's ``entities`` mapping given in ``options.extra["kb"]`` (empty when none is given)."""
    given = options.extra.get("kb")
    if given is None:
        return {}
    inner = given.get("entities")
    is_whole_kb = isinstance(inner, Mapping) and all(isinstance(v, Mapping) for v in inner.values())
    return inner if is_whole_kb else given


def gold_answer(slug: str | None, registry: Mapping[str, Any]) -> str | None:
    """The QID (or ``"NIL"``) a mention of ``slug`` is linked to; None when there is no gold answer."""
    return mention_wikidata(slug, registry)


def _mention_answer(mention: Mapping[str, Any], registry: Mapping[str, Any]) -> str | None:
    """A gold mention's answer: its own ``wikidata`` field, else the given registry's."""
    if "wikidata" in mention:
        return mention["wikidata"]
    return gold_answer(mention.get("entity"), registry)


def _lang(where: SegmentLocator, pos: int) -> str:
    seg = where.at(pos)
    return seg.get("lang") or NO_LANG if seg else NO_LANG


def _qid_stats(gold: Sequence[Mapping[str, Any]], pred: Sequence[Mapping[str, Any]], where: SegmentLocator,
               registry: Mapping[str, Any]) -> Counter:
    stats: Counter = Counter({k: 0 for k in ("qid.gold", "qid.pred", "qid.excluded_gold", "qid.ignored_pred",
                                             "unknown_slugs", "conditioned.pairs", "conditioned.correct")})
    answers = [_mention_answer(g, registry) for g in gold]
    stats["unknown_slugs"] = sum(1 for g in gold if registry and g.get("entity") is not None
                                 and g["entity"] not in registry)
    scored = [g for g, a in zip(gold, answers) if a is not None]
    scored_answers = [a for a in answers if a is not None]
    excluded = [g for g, a in zip(gold, answers) if a is None]
    claims = [p for p in pred if p.get("wikidata") is not None]
    stats["qid.gold"], stats["qid.excluded_gold"] = len(scored), len(excluded)
    g_items = [Item(g["start"], g["end"], a) for g, a in zip(scored, scored_answers)]
    p_items = [Item(p["start"], p["end"], str(p["wikidata"])) for p in claims]
    ex_items = [Item(g["start"], g["end"]) for g in excluded]
    neutral = {pi for pi, _ in _overlapping(p_items, ex_items)} - {pi for pi, _ in _overlapping(p_items, g_items)}
    stats["qid.ignored_pred"] = len(neutral)
    stats["qid.pred"] = len(claims) - len(neutral)
    for mode, tiers in MODES.items():
        found = align(g_items, p_items, tiers)
        for gi, _, _ in found.pairs:
            _count(stats, mode, "tp", _lang(where, g_items[gi].start))
        for gi in found.missed:
            _count(stats, mode, "fn", _lang(where, g_items[gi].start))
        for pi in found.spurious:
            if pi not in neutral:
                _count(stats, mode, "fp", _lang(where, p_items[pi].start))
    exact = align(g_items, p_items, ("label", "bounds"))
    stats["conditioned.pairs"] = len(exact.pairs)
    stats["conditioned.correct"] = sum(tier == "label" for _, _, tier in exact.pairs)
    return stats


def _overlapping(a: Sequence[Item], b: Sequence[Item]) -> list[tuple[int, int]]:
    """Index pairs of overlapping items (sweep, via the shared matcher's candidate search)."""
    found = overlap_candidates(sorted(enumerate(a), key=lambda x: x[1].start),
                               sorted(enumerate(b), key=lambda x: x[1].start))
    return [(i, j) for i, js in found.items() for j in js]


def _count(stats: Counter, mode: str, outcome: str, lang: str) -> None:
    stats[f"qid.{mode}.{outcome}"] += 1
    stats[f"qid_lang.{lang}.{mode}.{outcome}"] += 1


def _cluster_stats(gold: Sequence[Mapping[str, Any]], pred: Sequence[Mapping[str, Any]]) -> Counter:
    def items(mentions: Sequence[Mapping[str, Any]]) -> list[Item]:
        return [Item(m["start"], m["end"], m["type"], m.get("entity")) for m in mentions]

    found = align(items(gold), items(pred), ("content", "label", "bounds"))
    labels = ([(gold[gi].get("entity"), pred[pi].get("entity")) for gi, pi, _ in found.pairs]
              + [(gold[gi].get("entity"), False) for gi in found.missed]
              + [(False, pred[pi].get("entity")) for pi in found.spurious])
    return cell_stats(labels, CLUSTER_KEY)


def _prf_block(stats: Mapping[str, float], head: str) -> dict[str, Any]:
    tp, fp, fn = (stats.get(f"{head}.{k}", 0) for k in ("tp", "fp", "fn"))
    return {**prf(tp, fp, fn), "tp": tp, "fp": fp, "fn": fn}


class LinkingTask:
    """Wikidata QID linking (strict and fuzzy, micro and per language) and cross-document entity clusters."""

    name = "linking"
    layers = ("entities",)
    headline = ("qid.strict.f1", "qid.fuzzy.f1", "clusters.conll_f1")
    coref_cells = {"clusters.conll_f1": CLUSTER_KEY}  # the bootstrap computes this one per block of resamples

    def doc_stats(self, gold: Mapping[str, Any], pred: Mapping[str, Any], options: TaskOptions) -> Counter:
        where = SegmentLocator(gold.get("segments") or [])
        gold_m, pred_m = select(gold.get("entities") or [], pred.get("entities") or [], where, options)
        stats = _qid_stats(gold_m, pred_m, where, kb_entities(options))
        stats.update(_cluster_stats(gold_m, pred_m))
        return stats

    def headline_score(self, stats: Mapping[str, float], options: TaskOptions) -> dict[str, Any]:
        """The headline alone (micro QID F1s, cluster CoNLL F1), for bootstrap resamples."""
        return {"qid": {mode: _prf_block(stats, f"qid.{mode}") for mode in MODES},
                "clusters": {"conll_f1": conll_f1(table_from_stats(stats, CLUSTER_KEY))}}

    def score(self, stats: Mapping[str, float], options: TaskOptions) -> dict[str, Any]:
        langs = sorted({k.split(".")[1] for k in stats if k.startswith("qid_lang.")})
        return {
            "qid": {
                **{mode: _prf_block(stats, f"qid.{mode}") for mode in MODES},
                "per_lang": {lang: {mode: _prf_block(stats, f"qid_lang.{lang}.{mode}") for mode in MODES}
                             for lang in langs},
                "gold": stats.get("qid.gold", 0),
                "pred": stats.get("qid.pred", 0),
                "excluded_gold": stats.get("qid.excluded_gold", 0),
                "ignored_pred": stats.get("qid.ignored_pred", 0),
            },
            "clusters": coref_scores(table_stats(table_from_stats(stats, CLUSTER_KEY))),
            "conditioned": {"qid_accuracy": ratio(stats.get("conditioned.correct", 0),
                                                  stats.get("conditioned.pairs", 0)),
                            "pairs": stats.get("conditioned.pairs", 0)},
            "unknown_slugs": stats.get("unknown_slugs", 0),
        }


TASK = LinkingTask()
