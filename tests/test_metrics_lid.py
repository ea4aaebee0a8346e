"""Tests for newsgold.metrics.lid (hand-computed)."""
from __future__ import annotations

from collections import Counter

import pytest

from metric_helpers import (assert_flat_numeric, assert_shards_merge, assert_stats_equal, build, concat, real_gold,
                            score_of, stats_of)
from newsgold.metrics.base import TaskOptions, merge
from newsgold.metrics.lid import TASK

OPTS = TaskOptions()


def _gold():
    # text "abc de\nfgh\nij": S1 [0,6) en (5 non-space chars), S2 [7,10) it (3), S3 [11,13) vi (2)
    return build([("abc de", {"lang": "en", "zone": "body"}), ("fgh", {"lang": "it", "zone": "body"}),
                  ("ij", {"lang": "vi", "zone": "body"})])


def _pred(last_lang=None):
    segs = [{"start": 0, "end": 4, "lang": "en"},      # a b c -> en (right)
            {"start": 4, "end": 10, "lang": "it"}]     # d e (gold en) -> it (wrong); f g h -> it (right)
    if last_lang:
        segs.append({"start": 11, "end": 13, "lang": last_lang})
    return {"language": "it", "segments": segs}


def test_hand_computed_uncovered_characters():
    scores = score_of(TASK, [(_gold(), _pred())])
    # 10 scored chars; right: a b c f g h = 6 -> 0.6; i j uncovered -> wrong
    assert scores["char"] == {"accuracy": pytest.approx(0.6), "n": 10}
    # en: tp 3, fp 0, fn 2 -> P 1, R 3/5, F1 2*0.6/1.6 = 0.75
    assert scores["per_language"]["en"] == pytest.approx({"precision": 1.0, "recall": 0.6, "f1": 0.75, "support": 5})
    # it: tp 3, fp 2, fn 0 -> P 3/5, R 1, F1 0.75
    assert scores["per_language"]["it"] == pytest.approx({"precision": 0.6, "recall": 1.0, "f1": 0.75, "support": 3})
    # vi: tp 0, fp 0, fn 2 -> gold but no prediction: P = R = F1 = 0
    assert scores["per_language"]["vi"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 2}
    # macro over en, it, vi: (0.75 + 0.75 + 0) / 3 = 0.5
    assert scores["macro_f1"] == pytest.approx(0.5)
    # document: gold en, pred it
    assert scores["document"] == {"accuracy": 0.0, "n": 1}


def test_language_only_predicted_counts_in_macro_f1():
    scores = score_of(TASK, [(_gold(), _pred(last_lang="nb"))])
    # i j: gold vi, pred nb -> vi fn 2, nb fp 2; char accuracy still 6/10
    assert scores["char"]["accuracy"] == pytest.approx(0.6)
    assert scores["per_language"]["nb"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 0}
    # macro over en, it, vi, nb: (0.75 + 0.75 + 0 + 0) / 4 = 0.375
    assert scores["macro_f1"] == pytest.approx(0.375)


def test_overlapping_prediction_first_start_wins():
    gold = build([("abcdefgh", {"lang": "en"})])
    # listed first but starts later: [2,8) it; starts first: [0,6) en -> chars 0-5 en, 6-7 it
    pred = {"segments": [{"start": 2, "end": 8, "lang": "it"}, {"start": 0, "end": 6, "lang": "en"}]}
    scores = score_of(TASK, [(gold, pred)])
    assert scores["char"]["accuracy"] == pytest.approx(6 / 8)


def test_whitespace_not_scored_including_nbsp():
    gold = build([("a\u00a0b c", {"lang": "en"})])  # NBSP and space are whitespace: 3 chars scored
    stats = TASK.doc_stats(gold, {"segments": [{"start": 0, "end": 1, "lang": "en"}]}, OPTS)
    assert (stats["char.n"], stats["char.correct"]) == (3, 1)


def test_segment_without_lang_is_wrong():
    gold = build([("ab", {"lang": "en"})])
    stats = TASK.doc_stats(gold, {"segments": [{"start": 0, "end": 2}]}, OPTS)
    assert stats["char.correct"] == 0 and stats["lang.en.fn"] == 2
    assert "lang.none.fp" not in stats


def test_empty_denominators_are_none():
    scores = TASK.score(Counter(), OPTS)
    assert scores["char"]["accuracy"] is None
    assert scores["document"]["accuracy"] is None
    assert scores["macro_f1"] is None
    assert scores["per_language"] == {}


def test_missing_prediction_scores_zero_not_none():
    scores = score_of(TASK, [(_gold(), {})])
    assert scores["char"]["accuracy"] == 0.0
    assert scores["macro_f1"] == 0.0
    assert scores["document"]["accuracy"] == 0.0


def test_real_gold_against_itself():
    golds = real_gold()
    scores = score_of(TASK, [(g, {"language": g["language"], "segments": g["segments"]}) for g in golds])
    assert scores["char"]["accuracy"] == 1.0
    assert scores["macro_f1"] == 1.0
    assert scores["document"] == {"accuracy": 1.0, "n": len(golds)}
    assert scores["char"]["n"] == sum(1 for g in golds for s in g["segments"] for c in s["text"] if not c.isspace())
    assert {"el", "nb", "ro", "it", "vi", "en"} <= set(scores["per_language"])


def test_stats_flat_and_shards_merge():
    golds = real_gold()
    pairs = [(g, {"language": "el", "segments": g["segments"][: len(g["segments"]) // 2]}) for g in golds]
    for stats in stats_of(TASK, pairs):
        assert_flat_numeric(stats)
    assert_shards_merge(TASK, pairs)


def test_character_stats_of_concatenated_documents_equal_merged_stats():
    g1, g2 = _gold(), build([("xyz", {"lang": "nb"}), ("uv", {"lang": "en"})])
    p1 = _pred(last_lang="nb")
    p2 = {"segments": [{"start": 0, "end": 3, "lang": "nb"}]}
    merged = merge(stats_of(TASK, [(g1, p1), (g2, p2)]))
    whole = TASK.doc_stats(concat([g1, g2]), {"language": "it", "segments": concat([g1 | p1, g2 | p2])["segments"]}, OPTS)
    for key in ("doc.n", "doc.correct"):
        merged.pop(key), whole.pop(key)
    assert_stats_equal(merged, whole)


def test_overlapping_predicted_segments_decided_by_content_not_order():
    # issue 8: two predicted segments over "abc de" [0,6), labelled it and en. Same start: the shorter wins,
    # then the smaller label. [0,6) it and [0,4) en -> a b c take en (shorter), d e take it; f g h i j are
    # uncovered (wrong): right a b c -> 3 of 10 in both orders.
    gold = _gold()
    segs = [{"start": 0, "end": 6, "lang": "it"}, {"start": 0, "end": 4, "lang": "en"}]
    a = score_of(TASK, [(gold, {"segments": segs})])
    b = score_of(TASK, [(gold, {"segments": segs[::-1]})])
    assert a == b and a["char"]["accuracy"] == pytest.approx(0.3)
    # equal spans: the smaller label (en < it) wins -> a b c d e right: 5 of 10, in both orders
    same = [{"start": 0, "end": 6, "lang": "it"}, {"start": 0, "end": 6, "lang": "en"}]
    assert score_of(TASK, [(gold, {"segments": same})]) == score_of(TASK, [(gold, {"segments": same[::-1]})])
    assert score_of(TASK, [(gold, {"segments": same})])["char"]["accuracy"] == pytest.approx(0.5)
