"""Tests for newsgold.metrics.linking: QID linking (HIPE-2022) and entity clusters (hand-computed)."""
from __future__ import annotations

import json
import random

import pytest

from metric_helpers import (assert_flat_numeric, assert_shards_merge, assert_stats_equal, build, concat, real_gold,
                            score_of, stats_of)
import bundled
from newsgold.metrics.base import TaskOptions, merge
from newsgold.metrics.linking import TASK, gold_answer, kb_entities, wikidata_status


def _record(qid, status=None):
    out = {"type": "LOC", "subtype": None, "name_en": "x", "wikidata": qid, "aliases": {}}
    if status:
        out["wikidata_status"] = status
    return out


KB = {"schema_version": "2.0.0", "events": {},
      "entities": {"russia": _record("Q159"), "kcna": _record(None, "absent"), "kim-jong-un": _record("Q56226"),
                   "shoigu": _record(None)}}
OPTS = TaskOptions(extra={"kb": KB})


def _m(start, end, type_, slug, subtype=None, **extra):
    return {"start": start, "end": end, "type": type_, "subtype": subtype, "entity": slug, **extra}


def _doc():
    gold = build([("x" * 40, {"zone": "body", "lang": "en"}), ("y" * 40, {"zone": "body", "lang": "ro"})])
    gold["entities"] = [_m(0, 5, "LOC", "russia"),                 # G1 -> Q159 (en)
                        _m(10, 14, "ORG", "kcna"),                 # G2 -> NIL: confirmed absent (en)
                        _m(20, 25, "PER", "kim-jong-un"),          # G3 -> Q56226 (en)
                        _m(30, 35, "PER", None),                   # G4 no slug: excluded
                        _m(45, 50, "PER", "shoigu"),               # G5 unconfirmed: excluded (ro)
                        _m(55, 60, "MISC", "russia", "demonym")]   # G6 demonym -> the country's Q159 (ro)
    pred = {"entities": [
        _m(0, 5, "LOC", "c1", wikidata="Q159"),                    # P1 strict TP
        _m(10, 14, "ORG", "c2", wikidata="NIL"),                   # P2 strict TP (NIL = NIL)
        _m(20, 24, "PER", "c3", wikidata="Q56226"),                # P3 span differs: strict FP + G3 FN; fuzzy TP
        _m(30, 35, "PER", "c3", wikidata="Q5"),                    # P4 overlaps only excluded G4: ignored
        _m(45, 50, "PER", "c1"),                                   # P5 no QID claim
        _m(55, 60, "MISC", "c1", "demonym", wikidata="Q212"),      # P6 wrong QID: FP + G6 FN
        _m(65, 70, "LOC", "c1", wikidata="Q159"),                  # P7 spurious: FP
    ]}
    return gold, pred


def test_hand_computed_qid_linking():
    got = score_of(TASK, [_doc()], OPTS)["qid"]
    assert (got["gold"], got["pred"], got["excluded_gold"], got["ignored_pred"]) == (4, 5, 2, 1)
    # strict: TP P1 P2; FP P3 P6 P7; FN G3 G6 -> P 2/5, R 2/4, F1 = 0.4/0.9 = 4/9
    assert got["strict"] == pytest.approx({"precision": 0.4, "recall": 0.5, "f1": 4 / 9, "tp": 2, "fp": 3, "fn": 2})
    # fuzzy: P3 overlaps G3 with the same QID: TP 3; FP P6 P7; FN G6 -> P 3/5, R 3/4, F1 = 0.9/1.35 = 2/3
    assert got["fuzzy"] == pytest.approx({"precision": 0.6, "recall": 0.75, "f1": 2 / 3, "tp": 3, "fp": 2, "fn": 1})
    # per language: en strict tp 2, fp 1 (P3), fn 1 (G3); ro tp 0, fp 2 (P6 P7), fn 1 (G6)
    assert got["per_lang"]["en"]["strict"] == pytest.approx({"precision": 2 / 3, "recall": 2 / 3, "f1": 2 / 3,
                                                             "tp": 2, "fp": 1, "fn": 1})
    assert got["per_lang"]["en"]["fuzzy"]["f1"] == 1.0
    assert got["per_lang"]["ro"]["strict"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "tp": 0, "fp": 2, "fn": 1}


def test_hand_computed_conditioned_accuracy_is_secondary():
    # exact-span pairs with a gold answer and a claim: G1-P1 right, G2-P2 right, G6-P6 wrong -> 2/3
    got = score_of(TASK, [_doc()], OPTS)["conditioned"]
    assert got == pytest.approx({"qid_accuracy": 2 / 3, "pairs": 3})
    assert "conditioned.qid_accuracy" not in TASK.headline


def test_hand_computed_entity_clusters():
    # aligned on equal spans: G1-P1 (russia, c1), G2-P2 (kcna, c2), G4-P4 (-, c3), G5-P5 (shoigu, c1),
    # G6-P6 (russia, c1); G3 key-only, P3 and P7 response-only (c3, c1).
    # key {G1 G6} {G2} {G3} {G4} {G5}: 6 mentions; response c1 {G1 G5 G6 P7} c2 {G2} c3 {G4 P3}: 7 mentions.
    # MUC: key links 1, response links 3 + 0 + 1 = 4, correct 1 (G1-G6 in c1) -> R 1, P 1/4, F1 0.4.
    # B3: R = (2²/2 + 1 + 1 + 1)/6 = 5/6; P = (2²/4 + 1/4 + 1 + 1/2)/7 = 11/28 -> F1 = 55/103.
    # CEAF-e: russia-c1 2·2/6 = 2/3 (beats shoigu-c1 2/5), kcna-c2 1, G4-c3 2/3 -> 7/3; R 7/15, P 7/9, F1 7/12.
    got = score_of(TASK, [_doc()], OPTS)["clusters"]
    assert (got["muc"]["recall"], got["muc"]["precision"], got["muc"]["f1"]) == pytest.approx((1.0, 0.25, 0.4))
    assert (got["bcub"]["recall"], got["bcub"]["precision"]) == pytest.approx((5 / 6, 11 / 28))
    assert (got["ceafe"]["recall"], got["ceafe"]["precision"], got["ceafe"]["f1"]) == pytest.approx(
        (7 / 15, 7 / 9, 7 / 12))
    assert got["conll_f1"] == pytest.approx((0.4 + 55 / 103 + 7 / 12) / 3)


def test_registry_status_and_gold_answer():
    assert [wikidata_status(KB["entities"][s]) for s in ("russia", "kcna", "shoigu")] == [
        "confirmed", "absent", "unconfirmed"]
    assert [gold_answer(s, KB["entities"]) for s in ("russia", "kcna", "shoigu", None, "nowhere")] == [
        "Q159", "NIL", None, None, None]


def test_two_qids_on_one_span_free_of_order():
    # issue 8: [moscow, russia] and [russia, moscow] on the gold russia span: the right QID pairs in both orders
    gold, _ = _doc()
    a = _m(0, 5, "LOC", None, wikidata="Q649")
    b = _m(0, 5, "LOC", None, wikidata="Q159")
    one = score_of(TASK, [(gold, {"entities": [a, b]})], OPTS)
    two = score_of(TASK, [(gold, {"entities": [b, a]})], OPTS)
    assert one == two and one["qid"]["strict"]["tp"] == 1 and one["qid"]["strict"]["fp"] == 1


def test_empty_prediction_scores_zero():
    got = score_of(TASK, [(_doc()[0], {})], OPTS)
    assert (got["qid"]["strict"]["precision"], got["qid"]["strict"]["recall"], got["qid"]["strict"]["f1"]) == (0, 0, 0)
    assert got["clusters"]["conll_f1"] == 0.0
    empty = TASK.score(merge([]), OPTS)
    assert empty["qid"]["strict"]["f1"] is None and empty["clusters"]["conll_f1"] is None


def test_main_content_and_demonym_options():
    gold, pred = _doc()
    gold["segments"][1]["zone"] = "boilerplate"  # G5, G6, P5-P7 leave with main_content_only
    got = score_of(TASK, [(gold, pred)], TaskOptions(main_content_only=True, extra={"kb": KB}))["qid"]
    assert got["strict"] == pytest.approx({"precision": 2 / 3, "recall": 2 / 3, "f1": 2 / 3, "tp": 2, "fp": 1,
                                           "fn": 1})
    gold, pred = _doc()
    got = score_of(TASK, [(gold, pred)], TaskOptions(exclude_demonyms=True, extra={"kb": KB}))["qid"]
    assert (got["strict"]["tp"], got["strict"]["fp"], got["strict"]["fn"]) == (2, 2, 1)  # G6 and P6 leave


def test_registry_from_options_or_file():
    assert kb_entities(OPTS) is KB["entities"]
    assert kb_entities(TaskOptions(extra={"kb": KB["entities"]})) is KB["entities"]
    assert kb_entities(TaskOptions()) == {}  # no global registry: the gold mentions carry their answers


def test_raw_gold_files_as_predictions_are_perfect():
    # the annotation files themselves (with the wikidata field newsgold build derives from the registry)
    golds = real_gold()
    for options in (TaskOptions(), TaskOptions(main_content_only=True), TaskOptions(exclude_demonyms=True)):
        got = score_of(TASK, [(g, g) for g in golds], options)
        assert got["qid"]["gold"] > 0
        for mode in ("strict", "fuzzy"):
            assert (got["qid"][mode]["precision"], got["qid"][mode]["recall"], got["qid"][mode]["f1"]) == (1, 1, 1)
            for lang, block in got["qid"]["per_lang"].items():
                assert block[mode]["fp"] == 0 and block[mode]["fn"] == 0, lang
        for metric in ("muc", "bcub", "ceafe", "ceafm", "blanc", "mentions"):
            assert got["clusters"][metric] == {"recall": 1.0, "precision": 1.0, "f1": 1.0}, metric
        assert got["conditioned"]["qid_accuracy"] == 1.0 and got["unknown_slugs"] == 0


def test_cluster_ids_are_any_labels():
    gold, pred = _doc()
    renamed = {"entities": [{**m, "entity": {"c1": "zz", "c2": "aa", "c3": "mm"}[m["entity"]]}
                            for m in pred["entities"]]}
    assert score_of(TASK, [(gold, pred)], OPTS) == score_of(TASK, [(gold, renamed)], OPTS)
    rng = random.Random(1)
    shuffled = {"entities": rng.sample(pred["entities"], len(pred["entities"]))}
    assert score_of(TASK, [(gold, pred)], OPTS) == score_of(TASK, [(gold, shuffled)], OPTS)


def test_stats_flat_shards_merge_and_concatenation():
    (g1, p1), (g2, p2) = _doc(), _doc()
    p2 = {"entities": p2["entities"][2:]}
    pairs = [(g1, p1), (g2, p2), (g1, {})]
    for stats in stats_of(TASK, pairs, OPTS):
        assert_flat_numeric(stats)
    assert_shards_merge(TASK, pairs, OPTS)
    whole = TASK.doc_stats(concat([g1, g2]), {"entities": concat([g1 | p1, g2 | p2])["entities"]}, OPTS)
    assert_stats_equal(merge(stats_of(TASK, pairs[:2], OPTS)), whole)
