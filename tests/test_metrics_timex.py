"""Tests for newsgold.metrics.timex (hand-computed)."""
from __future__ import annotations

from collections import Counter

import pytest

from metric_helpers import (assert_flat_numeric, assert_shards_merge, assert_stats_equal, build, concat, real_gold,
                            score_of, span, stats_of)
from newsgold.metrics.base import TaskOptions, merge
from newsgold.metrics.timex import TASK, relaxed_pairs, strict_pairs

OPTS = TaskOptions()
BODY = "On 13 September 2024 they met, and last week too."


def _doc():
    gold = build([("Menu 2023", {"zone": "boilerplate", "boilerplate_kind": "navigation"}),
                  (BODY, {"zone": "body"}), ("14/09/2024", {"zone": "byline"})])
    text = gold["text"]
    gold["timexes"] = [span(text, "13 September 2024", id="X1", type="DATE", value="2024-09-13"),
                       span(text, "last week", id="X2", type="DATE", value="2024-W36"),
                       span(text, "14/09/2024", id="X3", type="DATE", value="2024-09-14")]
    pred = {"timexes": [
        span(text, "13 September 2024", type="DATE", value="2024-09-13"),  # strict, type and value right
        span(text, "week", type="DATE", value="2024-W37"),                 # relaxed only, value wrong
        span(text, "On", type="DATE", value="2024"),                      # overlaps nothing: false positive
        span(text, "14/09/2024", type="TIME", value="2024-09-14"),         # strict, type wrong
        span(text, "2023", type="DATE", value="2023"),                    # in boilerplate: ignored
    ]}
    return gold, pred


def test_hand_computed():
    scores = score_of(TASK, [_doc()])
    # the boilerplate "2023" is scored: it cannot match and counts as a false positive (TempEval-3)
    assert (scores["gold"], scores["pred"], scores["outside_scope_pred"]) == (3, 5, 1)
    # strict: tp 2 of 5 predicted, 3 gold -> P 2/5, R 2/3, F1 = (8/15)/(16/15) = 1/2
    # type right 1 of 2 (byline TIME vs DATE), value right 2 of 2
    # type F1: 1 right -> P 1/5, R 1/3, F1 = (2/15)/(8/15) = 1/4; value F1 = strict F1 = 1/2
    assert scores["strict"] == pytest.approx({"precision": 0.4, "recall": 2 / 3, "f1": 0.5, "matched": 2,
                                              "type_accuracy": 0.5, "type_f1": 0.25,
                                              "value_accuracy": 1.0, "value_f1": 0.5})
    # relaxed: "week" overlaps "last week" -> tp 3: P 3/5, R 1, F1 = 1.2/1.6 = 3/4
    # type right 2 of 3, value right 2 of 3; both attribute F1s: P 2/5, R 2/3 -> F1 = (8/15)/(16/15) = 1/2
    assert scores["relaxed"] == pytest.approx({"precision": 0.6, "recall": 1.0, "f1": 0.75, "matched": 3,
                                               "type_accuracy": 2 / 3, "type_f1": 0.5,
                                               "value_accuracy": 2 / 3, "value_f1": 0.5})
    # main content only: the byline gold X3 and the byline and boilerplate predictions leave
    only_main = score_of(TASK, [_doc()], TaskOptions(main_content_only=True))
    assert (only_main["gold"], only_main["pred"], only_main["outside_scope_pred"]) == (2, 3, 0)


def test_overlapping_predictions_value_free_of_order():
    # issue 8: two predictions on one gold span, values 2024-09-13 (right) and 2024 (wrong): in either order
    # the right one is paired (content tier), so value F1 and accuracy do not move
    gold, _ = _doc()
    text = gold["text"]
    right = span(text, "13 September 2024", type="DATE", value="2024-09-13")
    wrong = span(text, "13 September 2024", type="DATE", value="2024")
    a = score_of(TASK, [(gold, {"timexes": [right, wrong]})])
    b = score_of(TASK, [(gold, {"timexes": [wrong, right]})])
    assert a == b and a["relaxed"]["value_accuracy"] == 1.0


def test_matching_is_one_to_one():
    gold = [{"start": 10, "end": 19}]
    # two predictions overlap the one gold timex: longest overlap wins, the other is unmatched
    pred = [{"start": 15, "end": 19}, {"start": 8, "end": 18}, {"start": 10, "end": 12}]
    assert strict_pairs(gold, pred) == []
    assert relaxed_pairs(gold, pred) == [(0, 1)]  # overlaps: 4, 8, 2 characters
    # an exact match is taken first even when a longer overlapping span exists
    assert relaxed_pairs(gold, [{"start": 5, "end": 25}, {"start": 10, "end": 19}]) == [(0, 1)]
    # duplicate predictions of the same span: one match, one false positive
    assert strict_pairs(gold, [{"start": 10, "end": 19}, {"start": 10, "end": 19}]) == [(0, 0)]
    # maximum matching: a prediction overlapping two gold spans leaves the one another prediction needs
    # G1 [0,5), G2 [6,20); P1 [3,10) overlaps G1 by 2 and G2 by 4; P2 [12,15) overlaps G2 only
    golds = [{"start": 0, "end": 5}, {"start": 6, "end": 20}]
    assert relaxed_pairs(golds, [{"start": 3, "end": 10}, {"start": 12, "end": 15}]) == [(0, 0), (1, 1)]
    # touching end-exclusive spans do not overlap
    assert relaxed_pairs(gold, [{"start": 19, "end": 25}, {"start": 0, "end": 10}]) == []


def test_missing_value_is_wrong():
    gold, _ = _doc()
    pred = {"timexes": [{k: v for k, v in gold["timexes"][0].items() if k != "value"}]}
    scores = score_of(TASK, [(gold, pred)])
    assert scores["strict"]["matched"] == 1 and scores["strict"]["value_accuracy"] == 0.0
    assert scores["strict"]["type_accuracy"] == 1.0


def test_empty_denominators_are_none():
    scores = TASK.score(Counter(), OPTS)
    for key in ("strict", "relaxed"):
        assert all(scores[key][m] is None for m in ("precision", "recall", "f1", "type_accuracy",
                                                    "value_accuracy", "type_f1", "value_f1"))
    # gold timexes but no prediction: P = R = F1 = 0, accuracies over matched pairs undefined
    scores = score_of(TASK, [(_doc()[0], {})])
    assert (scores["strict"]["recall"], scores["strict"]["precision"], scores["strict"]["f1"]) == (0, 0, 0)
    assert scores["relaxed"]["value_f1"] == 0.0
    assert scores["relaxed"]["value_accuracy"] is None


def test_gold_against_itself_synthetic_and_real():
    gold, _ = _doc()
    scores = score_of(TASK, [(gold, {"timexes": gold["timexes"]})])
    for key in ("strict", "relaxed"):
        assert scores[key]["f1"] == 1.0 and scores[key]["type_accuracy"] == 1.0
        assert scores[key]["value_accuracy"] == 1.0
    golds = real_gold()
    scores = score_of(TASK, [(g, {"timexes": g.get("timexes") or []}) for g in golds])
    if scores["gold"]:
        assert scores["strict"]["f1"] == 1.0 and scores["relaxed"]["value_accuracy"] == 1.0
        assert scores["outside_scope_pred"] == 0
    else:  # the timex layer is not annotated yet
        assert scores["strict"]["f1"] is None


def test_stats_flat_shards_merge_and_concatenation():
    (g1, p1), (g2, p2) = _doc(), _doc()
    p2 = {"timexes": p2["timexes"][:2]}
    pairs = [(g1, p1), (g2, p2), (real_gold()[0], {})]
    for stats in stats_of(TASK, pairs):
        assert_flat_numeric(stats)
    assert_shards_merge(TASK, pairs)
    whole = TASK.doc_stats(concat([g1, g2]), {"timexes": concat([g1 | p1, g2 | p2])["timexes"]}, OPTS)
    assert_stats_equal(merge(stats_of(TASK, pairs[:2])), whole)
