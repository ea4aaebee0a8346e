"""Tests for newsgold.metrics.zones (hand-computed)."""
from __future__ import annotations

from collections import Counter

import pytest

from metric_helpers import (assert_flat_numeric, assert_shards_merge, assert_stats_equal, build, concat, real_gold,
                            score_of, stats_of)
from newsgold.metrics.base import TaskOptions, merge
from newsgold.metrics.zones import TASK, main_text, shingle_counts, shingles, tokenize

OPTS = TaskOptions()


def _doc1():
    # "nav bar\nTitle\na b c d e\n(c) site"
    # S1 boilerplate (6 chars), S2 title (5), S3 body (5), S4 boilerplate (7): 23 scored characters
    gold = build([("nav bar", {"zone": "boilerplate", "boilerplate_kind": "navigation"}),
                  ("Title", {"zone": "title"}), ("a b c d e", {"zone": "body"}),
                  ("(c) site", {"zone": "boilerplate", "boilerplate_kind": "footer"})])
    pred = {"segments": [{"start": s["start"], "end": s["end"], "zone": z}
                         for s, z in zip(gold["segments"], ["boilerplate", "body", "body", "body"])]}
    return gold, pred


def _doc2():
    # main text "x y" (gold) vs "x y z" (pred): shingles {(x,y)} vs {(x,y,z)}
    gold = build([("x y z", None)])
    gold["segments"] = [{"id": "S1", "start": 0, "end": 3, "text": "x y", "zone": "body"},
                        {"id": "S2", "start": 4, "end": 5, "text": "z", "zone": "boilerplate",
                         "boilerplate_kind": "other"}]
    pred = {"segments": [{"start": 0, "end": 5, "zone": "body"}]}
    return gold, pred


def _doc3():
    # no main content on either side: excluded from the shingle P and R means, exact match 1
    gold = build([("menu", {"zone": "boilerplate", "boilerplate_kind": "navigation"})])
    return gold, {"segments": [{"start": 0, "end": 4, "zone": "boilerplate"}]}


def test_character_scores_hand_computed():
    scores = score_of(TASK, [_doc1()])
    assert scores["char"]["n"] == 23
    # boilerplate: tp 6 (nav bar), fp 0, fn 7 ("(c) site" predicted body)
    # P 1, R 6/13, F1 = 2*(6/13)/(19/13) = 12/19
    assert scores["boilerplate"] == pytest.approx({"precision": 1.0, "recall": 6 / 13, "f1": 12 / 19, "support": 13})
    # main: tp 5 + 5 (title->body counts as main), fp 7, fn 0: P 10/17, R 1, F1 = (20/17)/(27/17) = 20/27
    assert scores["main_content"] == pytest.approx({"precision": 10 / 17, "recall": 1.0, "f1": 20 / 27,
                                                    "support": 10})
    assert scores["confusion"] == {"boilerplate": {"boilerplate": 6, "body": 7}, "title": {"body": 5},
                                   "body": {"body": 5}}


def test_unlabelled_or_uncovered_is_none_in_confusion():
    gold, _ = _doc1()
    pred = {"segments": [{"start": 0, "end": 7}]}  # S1 covered without zone, the rest uncovered
    scores = score_of(TASK, [(gold, pred)])
    assert scores["confusion"] == {"boilerplate": {"none": 13}, "title": {"none": 5}, "body": {"none": 5}}
    # nothing predicted positive although there is gold: P = R = F1 = 0
    assert (scores["boilerplate"]["precision"], scores["boilerplate"]["recall"], scores["boilerplate"]["f1"]) == (0, 0, 0)


def test_shingle_single_document():
    gold, pred = _doc1()
    assert main_text(gold["text"], gold["segments"]) == "Title\na b c d e"
    # gold tokens Title a b c d e -> 3 shingles; pred adds "(c) site" -> tokens ... e c site -> 5 shingles
    assert shingle_counts("Title\na b c d e", "Title\na b c d e\n(c) site") == (3, 2, 0)
    scores = score_of(TASK, [(gold, pred)])
    # P 3/5, R 1, F1 = 1.2/1.6 = 0.75
    assert scores["shingle"] == pytest.approx({"precision": 0.6, "recall": 1.0, "f1": 0.75, "exact_match": 0.0,
                                               "docs": 1})


def test_shingles_are_multisets_and_short_texts_give_one_shingle():
    # "a b c d a b c d": shingles abcd, bcda, cdab, dabc, abcd -> abcd twice
    assert shingles(tokenize("a b c d a b c d"))[("a", "b", "c", "d")] == 2
    # multiset: tp 1, fp 0, fn 4 (a set would give fn 3)
    assert shingle_counts("a b c d a b c d", "a b c d") == (1, 0, 4)
    assert shingles(tokenize("x, y!")) == Counter({("x", "y"): 1})
    assert shingles(tokenize("  ... ")) == Counter()
    assert tokenize("Σεπτεμβρίου 2024, Ucrainei") == ["Σεπτεμβρίου", "2024", "Ucrainei"]


def test_shingle_scores_are_means_over_documents():
    scores = score_of(TASK, [_doc1(), _doc2(), _doc3()])
    # per document P: 3/5 and 0/1 (doc3 has tp+fp = 0, left out) -> mean 0.3
    # per document R: 3/3 and 0/1 (doc3 left out)                 -> mean 0.5
    # F1 of the means: 2*0.3*0.5/0.8 = 0.375; exact match: doc3 only -> 1/3
    assert scores["shingle"] == pytest.approx({"precision": 0.3, "recall": 0.5, "f1": 0.375,
                                               "exact_match": 1 / 3, "docs": 3})
    # micro: tp 3, fp 2+1, fn 0+1 -> P 0.5, R 0.75, F1 0.6
    assert scores["shingle_micro"] == pytest.approx({"precision": 0.5, "recall": 0.75, "f1": 0.6})


def test_empty_denominators_are_none():
    scores = TASK.score(Counter(), OPTS)
    assert scores["main_content"]["f1"] is None and scores["boilerplate"]["f1"] is None
    assert scores["shingle"]["f1"] is None and scores["shingle"]["exact_match"] is None
    assert scores["confusion"] == {}
    # only boilerplate, predicted perfectly: no main content anywhere -> main-content P and R undefined
    scores = score_of(TASK, [_doc3()])
    assert scores["main_content"] == {"precision": None, "recall": None, "f1": None, "support": 0}
    assert scores["boilerplate"]["f1"] == 1.0
    assert scores["shingle"]["precision"] is None and scores["shingle"]["recall"] is None


def test_missing_prediction():
    scores = score_of(TASK, [(_doc1()[0], {})])
    assert (scores["main_content"]["recall"], scores["main_content"]["precision"], scores["main_content"]["f1"]) == (0, 0, 0)
    # no predicted main text: no document has tp+fp > 0, one has tp+fn > 0: R = 0 and P = 0 (not undefined)
    assert (scores["shingle"]["recall"], scores["shingle"]["precision"], scores["shingle"]["f1"]) == (0, 0, 0)


def test_real_gold_against_itself():
    golds = real_gold()
    scores = score_of(TASK, [(g, {"segments": g["segments"]}) for g in golds])
    assert scores["main_content"]["f1"] == 1.0
    assert scores["boilerplate"]["f1"] == 1.0
    assert scores["shingle"]["f1"] == 1.0 and scores["shingle"]["exact_match"] == 1.0
    off_diagonal = {(g, p) for g, row in scores["confusion"].items() for p in row if g != p}
    assert not off_diagonal


def test_stats_flat_and_shards_merge():
    golds = real_gold()
    # a crude system: everything main content except the first segment of each document
    pairs = [(g, {"segments": [{**s, "zone": "boilerplate" if i == 0 else "body"} for i, s in enumerate(g["segments"])]})
             for g in golds]
    for stats in stats_of(TASK, pairs):
        assert_flat_numeric(stats)
    assert_shards_merge(TASK, pairs)


def test_character_stats_of_concatenated_documents_equal_merged_stats():
    (g1, p1), (g2, p2) = _doc1(), _doc2()
    merged = merge(stats_of(TASK, [(g1, p1), (g2, p2)]))
    whole = TASK.doc_stats(concat([g1, g2]), {"segments": concat([g1 | p1, g2 | p2])["segments"]}, OPTS)
    keep = [k for k in merged if not k.startswith("shingle.")]
    assert_stats_equal({k: merged[k] for k in keep}, {k: whole[k] for k in whole if not k.startswith("shingle.")})


def test_overlapping_predicted_segments_decided_by_content_not_order():
    # issue 8: [0,13) boilerplate and [0,13) title over "nav bar\nTitle": equal spans, the smaller label
    # ("boilerplate" < "title") takes the characters in both orders; the main text keeps the title segment
    # only once and in content order
    gold, _ = _doc1()
    segs = [{"start": 0, "end": 13, "zone": "title"}, {"start": 0, "end": 13, "zone": "boilerplate"},
            {"start": 14, "end": 23, "zone": "body"}]
    a = score_of(TASK, [(gold, {"segments": segs})])
    b = score_of(TASK, [(gold, {"segments": segs[::-1]})])
    assert a == b
    assert a["confusion"]["title"] == {"boilerplate": 5}  # the gold title's 5 characters went to boilerplate
