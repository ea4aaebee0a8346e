"""Tests for newsgold.metrics.linking (hand-computed)."""
from __future__ import annotations

import json
from collections import Counter

import pytest

from metric_helpers import (assert_flat_numeric, assert_shards_merge, assert_stats_equal, build, concat, real_gold,
                            score_of, stats_of)
import bundled
from newsgold.metrics.base import TaskOptions, merge
from newsgold.metrics.linking import TASK, kb_entities


def _record(qid):
    return {"type": "LOC", "subtype": None, "name_en": "x", "wikidata": qid, "aliases": {}}


KB = {"schema_version": "2.0.0", "events": {},
      "entities": {"russia": _record("Q159"), "kcna": _record(None), "kim-jong-un": _record("Q56226")}}
OPTS = TaskOptions(extra={"kb": KB})


def _m(start, end, type_, slug, subtype=None, **extra):
    return {"start": start, "end": end, "type": type_, "subtype": subtype, "entity": slug, **extra}


def _doc():
    gold = build([("x" * 70, {"zone": "body"})])
    gold["entities"] = [_m(0, 5, "LOC", "russia"), _m(10, 14, "ORG", "kcna"), _m(20, 25, "PER", "kim-jong-un"),
                        _m(30, 35, "PER", None), _m(40, 45, "MISC", None, "event"),
                        _m(50, 55, "MISC", "russia", "demonym")]
    pred = {"entities": [
        _m(0, 5, "LOC", "russia", wikidata="Q159"),          # slug right, QID right
        _m(10, 14, "ORG", "kcna", wikidata="Q1"),            # slug right, QID not scored (kb QID null)
        _m(20, 25, "PER", "kim-jong-un", wikidata=None),     # slug right, QID wrong
        _m(30, 35, "PER", "foo"),                            # NIL gold, slug given: wrong
        _m(40, 45, "MISC", None, "event"),                   # NIL gold, NIL pred: right
        _m(50, 54, "MISC", "russia", "demonym"),             # span differs: gold M6 unmatched
        _m(60, 65, "LOC", "russia"),                         # spurious
    ]}
    return gold, pred


def test_hand_computed():
    scores = score_of(TASK, [_doc()], OPTS)
    # 6 gold mentions, 5 matched by span -> coverage 5/6
    assert (scores["gold"], scores["matched"]) == (6, 5)
    assert scores["coverage"] == pytest.approx(5 / 6)
    # slugs: non-NIL 3/3, NIL 1/2, all 4/5
    assert scores["slug"] == pytest.approx({"accuracy": 0.8, "nil_accuracy": 0.5, "non_nil_accuracy": 1.0,
                                            "nil_n": 2, "non_nil_n": 3})
    # QIDs: russia right, kim-jong-un wrong (kcna has no QID) -> 1/2
    assert scores["qid"] == {"accuracy": 0.5, "n": 2}
    # end to end: (span, slug) triples right: M1, M2, M3, M5 (null = null) -> tp 4, 7 predicted, 6 gold
    # P 4/7, R 2/3, F1 = (16/21) / (26/21) = 8/13
    assert scores["end_to_end"] == pytest.approx({"precision": 4 / 7, "recall": 2 / 3, "f1": 8 / 13})


def test_exclude_demonyms_and_misc():
    opts = TaskOptions(exclude_demonyms=True, extra={"kb": KB})
    scores = score_of(TASK, [_doc()], opts)
    # drops gold M6 and the predicted demonym at (50, 54): 5 gold, all matched
    assert (scores["gold"], scores["matched"], scores["coverage"]) == (5, 5, 1.0)
    # end to end: tp 4, 6 predicted, 5 gold -> P 2/3, R 4/5, F1 = (16/15)/(22/15) = 8/11
    assert scores["end_to_end"]["f1"] == pytest.approx(8 / 11)
    opts = TaskOptions(exclude_misc=True, extra={"kb": KB})
    scores = score_of(TASK, [_doc()], opts)
    # drops M5, M6 and both predicted MISC: 4 gold, slugs right 3 of 4, NIL 0 of 1
    assert scores["slug"]["accuracy"] == pytest.approx(0.75) and scores["slug"]["nil_accuracy"] == 0.0
    # end to end: tp 3 (M1-M3), 5 predicted, 4 gold -> P 3/5, R 3/4, F1 = 0.9/1.35 = 2/3
    assert scores["end_to_end"]["f1"] == pytest.approx(2 / 3)


def test_main_content_only():
    gold, pred = _doc()
    gold["text"] = "x" * 30 + "\n" + "x" * 39
    gold["segments"] = [{"id": "S1", "start": 0, "end": 30, "zone": "body"},
                        {"id": "S2", "start": 31, "end": 70, "zone": "boilerplate", "boilerplate_kind": "other"}]
    scores = score_of(TASK, [(gold, pred)], TaskOptions(main_content_only=True, extra={"kb": KB}))
    # only M1-M3 (and the three predictions on them) lie in the body: all right
    assert (scores["gold"], scores["slug"]["accuracy"], scores["end_to_end"]["f1"]) == (3, 1.0, 1.0)
    assert scores["slug"]["nil_accuracy"] is None


def test_prediction_without_entity_key_is_wrong():
    gold, _ = _doc()
    pred = {"entities": [{"start": 0, "end": 5, "type": "LOC", "wikidata": "Q159"},
                         {"start": 30, "end": 35, "type": "PER"}]}
    scores = score_of(TASK, [(gold, pred)], OPTS)
    # matched 2; no slug answer on either (the NIL gold is not answered by a missing key); QID still scored
    assert scores["slug"]["accuracy"] == 0.0 and scores["qid"] == {"accuracy": 1.0, "n": 1}
    assert scores["end_to_end"]["precision"] == 0.0


def test_slug_missing_from_registry_is_counted():
    gold = build([("abcdef", {"zone": "body"})])
    gold["entities"] = [_m(0, 3, "PER", "nobody-known")]
    scores = score_of(TASK, [(gold, {"entities": gold["entities"]})], OPTS)
    assert scores["unknown_slugs"] == 1 and scores["qid"]["accuracy"] is None
    assert scores["slug"]["accuracy"] == 1.0


def test_empty_denominators_are_none():
    scores = TASK.score(Counter(), OPTS)
    assert scores["slug"]["accuracy"] is None and scores["qid"]["accuracy"] is None
    assert scores["end_to_end"]["f1"] is None and scores["coverage"] is None
    scores = score_of(TASK, [(_doc()[0], {})], OPTS)
    assert scores["coverage"] == 0.0 and scores["slug"]["accuracy"] is None
    assert scores["end_to_end"]["recall"] == 0.0 and scores["end_to_end"]["f1"] is None


def test_registry_from_options_or_file():
    assert kb_entities(OPTS) is KB["entities"]
    assert kb_entities(TaskOptions(extra={"kb": KB["entities"]})) is KB["entities"]
    on_disk = json.loads(bundled.kb_path().read_text(encoding="utf-8"))["entities"]
    assert kb_entities(TaskOptions()) == on_disk


def _with_qids(entities, registry):
    return [{**m, "wikidata": (registry.get(m["entity"]) or {}).get("wikidata") if m["entity"] else None}
            for m in entities]


def test_gold_against_itself_synthetic_and_real():
    gold, _ = _doc()
    scores = score_of(TASK, [(gold, {"entities": _with_qids(gold["entities"], KB["entities"])})], OPTS)
    assert (scores["slug"]["accuracy"], scores["qid"]["accuracy"], scores["end_to_end"]["f1"]) == (1.0, 1.0, 1.0)
    golds, registry = real_gold(), kb_entities(TaskOptions())
    scores = score_of(TASK, [(g, {"entities": _with_qids(g.get("entities") or [], registry)}) for g in golds])
    if scores["gold"]:
        assert scores["slug"]["accuracy"] == 1.0 and scores["end_to_end"]["f1"] == 1.0
        assert scores["qid"]["accuracy"] in (1.0, None)
    else:  # the entity layer is not annotated yet
        assert scores["slug"]["accuracy"] is None


def test_stats_flat_shards_merge_and_concatenation():
    (g1, p1), (g2, p2) = _doc(), _doc()
    p2 = {"entities": p2["entities"][2:]}
    pairs = [(g1, p1), (g2, p2), (g1, {})]
    for stats in stats_of(TASK, pairs, OPTS):
        assert_flat_numeric(stats)
    assert_shards_merge(TASK, pairs, OPTS)
    whole = TASK.doc_stats(concat([g1, g2]), {"entities": concat([g1 | p1, g2 | p2])["entities"]}, OPTS)
    assert_stats_equal(merge(stats_of(TASK, pairs[:2], OPTS)), whole)
