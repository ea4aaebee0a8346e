"""Entity linking: registry slugs and Wikidata QIDs.

On gold mentions: a gold mention is *matched* when the prediction has an entity
with exactly the same ``(start, end)`` (the first such entity in list order).
Over matched mentions:

- slug accuracy: ``pred["entity"] == gold["entity"]``; NIL counts (a null gold
  answered with null is correct), and NIL and non-NIL gold mentions are also
  reported separately. A prediction without an ``entity`` key has not answered
  and is wrong.
- QID accuracy: ``pred["wikidata"]`` against the ``wikidata`` of the gold slug
  in ``kb.json``, only where that QID is non-null. A gold slug missing from the
  registry is skipped and counted as ``unknown_slugs``.

``coverage`` = matched / gold mentions says how much these accuracies cover.

End to end: strict P/R/F1 over ``(start, end, slug)`` triples (multisets; a
null slug matches only a null slug; predictions without ``entity`` never match).

Options: ``main_content_only`` keeps mentions overlapping a gold main-content
segment; ``exclude_misc`` drops MISC mentions; ``exclude_demonyms`` drops
MISC/demonym mentions (each side filtered by its own type). The registry comes
from ``options.extra["kb"]`` (the kb.json dict or its ``entities`` mapping) or
is read once from :func:`newsgold.paths.kb_path` when first needed.
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import Any, Mapping, Sequence

from newsgold.metrics.base import TaskOptions, prf, ratio
from newsgold.gold import MAIN_CONTENT_ZONES
from newsgold.metrics.chars import overlaps_any, segments_of, spans_in_zones

ABSENT = "\0absent"  # stands for a prediction without an "entity" key; never equals a slug or None


@lru_cache(maxsize=4)
def _load_kb_entities(path: str) -> Mapping[str, Any]:
    from newsgold.jsonio import read_json

    return read_json(path).get("entities", {})


def kb_entities(options: TaskOptions) -> Mapping[str, Any]:
    """The registry's ``entities`` mapping (from ``options.extra["kb"]`` or kb.json)."""
    given = options.extra.get("kb")
    if given is not None:
        inner = given.get("entities")
        is_whole_kb = isinstance(inner, Mapping) and all(isinstance(v, Mapping) for v in inner.values())
        return inner if is_whole_kb else given
    from newsgold.paths import kb_path

    return _load_kb_entities(str(kb_path()))


def keep_mentions(mentions: Sequence[Mapping[str, Any]], gold: Mapping[str, Any],
                  options: TaskOptions) -> list[Mapping[str, Any]]:
    """Apply ``main_content_only``, ``exclude_misc`` and ``exclude_demonyms``."""
    kept = list(mentions)
    if options.main_content_only:
        scope = spans_in_zones(segments_of(gold), MAIN_CONTENT_ZONES)
        kept = [m for m in kept if overlaps_any(m["start"], m["end"], scope)]
    if options.exclude_misc:
        kept = [m for m in kept if m.get("type") != "MISC"]
    if options.exclude_demonyms:
        kept = [m for m in kept if not (m.get("type") == "MISC" and m.get("subtype") == "demonym")]
    return kept


def _slug(mention: Mapping[str, Any]) -> str | None:
    return mention.get("entity", ABSENT)


def _on_gold_mentions(gold_m: list[Mapping[str, Any]], pred_m: list[Mapping[str, Any]],
                      options: TaskOptions) -> Counter:
    by_span: dict[tuple[int, int], Mapping[str, Any]] = {}
    for p in pred_m:
        by_span.setdefault((p["start"], p["end"]), p)
    stats: Counter = Counter({k: 0 for k in ("matched", "nil.n", "nil.correct", "kb.n", "kb.correct",
                                             "qid.n", "qid.correct", "unknown_slugs")})
    for g in gold_m:
        p = by_span.get((g["start"], g["end"]))
        if p is None:
            continue
        stats["matched"] += 1
        group = "nil" if g["entity"] is None else "kb"
        stats[f"{group}.n"] += 1
        stats[f"{group}.correct"] += int(_slug(p) == g["entity"])
        if g["entity"] is not None:
            _qid_stats(stats, g["entity"], p, options)
    return stats


def _qid_stats(stats: Counter, slug: str, pred: Mapping[str, Any], options: TaskOptions) -> None:
    record = kb_entities(options).get(slug)
    if record is None:
        stats["unknown_slugs"] += 1
    elif record.get("wikidata") is not None:
        stats["qid.n"] += 1
        stats["qid.correct"] += int(pred.get("wikidata") == record["wikidata"])


def _end_to_end(gold_m: list[Mapping[str, Any]], pred_m: list[Mapping[str, Any]]) -> Counter:
    gold_t = Counter((m["start"], m["end"], m["entity"]) for m in gold_m)
    pred_t = Counter((m["start"], m["end"], _slug(m)) for m in pred_m)
    tp = sum((gold_t & pred_t).values())
    return Counter({"e2e.tp": tp, "e2e.fp": len(pred_m) - tp, "e2e.fn": len(gold_m) - tp})


class LinkingTask:
    """Registry-slug and Wikidata linking, on gold mentions and end to end."""

    name = "linking"
    layers = ("entities",)
    headline = ("slug.accuracy", "qid.accuracy", "end_to_end.f1")

    def doc_stats(self, gold: Mapping[str, Any], pred: Mapping[str, Any], options: TaskOptions) -> Counter:
        gold_m = keep_mentions(gold.get("entities") or [], gold, options)
        pred_m = keep_mentions(pred.get("entities") or [], gold, options)
        stats = _on_gold_mentions(gold_m, pred_m, options)
        stats["gold"] = len(gold_m)
        stats.update(_end_to_end(gold_m, pred_m))
        return stats

    def score(self, stats: Mapping[str, float], options: TaskOptions) -> dict[str, Any]:
        def get(key: str) -> float:
            return stats.get(key, 0)

        return {
            "slug": {
                "accuracy": ratio(get("nil.correct") + get("kb.correct"), get("nil.n") + get("kb.n")),
                "nil_accuracy": ratio(get("nil.correct"), get("nil.n")),
                "non_nil_accuracy": ratio(get("kb.correct"), get("kb.n")),
                "nil_n": get("nil.n"),
                "non_nil_n": get("kb.n"),
            },
            "qid": {"accuracy": ratio(get("qid.correct"), get("qid.n")), "n": get("qid.n")},
            "end_to_end": prf(get("e2e.tp"), get("e2e.fp"), get("e2e.fn")),
            "coverage": ratio(get("matched"), get("gold")),
            "gold": get("gold"),
            "matched": get("matched"),
            "unknown_slugs": get("unknown_slugs"),
        }


TASK = LinkingTask()
