"""Entities task (newsgold.metrics.entities): hand-computed scores, options, merging, gold vs itself."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from newsgold.metrics.base import TaskOptions, merge
from newsgold.metrics.entities import TASK
from newsgold.metrics.spans import STRATEGIES

ROOT = Path(__file__).resolve().parent.parent
TEXT = "Kim met Shoigu in Pyongyang.\nRussian TASS said.\nCookie policy by Google"


def _span(text: str, what: str, after: int = 0) -> tuple[int, int]:
    start = text.index(what, after)
    return start, start + len(what)


def _ent(what: str, type_: str, subtype: str | None = None) -> dict:
    start, end = _span(TEXT, what)
    return {"start": start, "end": end, "text": what, "type": type_, "subtype": subtype}


def _doc() -> tuple[dict, dict]:
    segments = [
        {"id": "S1", "start": 0, "end": 28, "zone": "title", "lang": "el"},       # Kim met Shoigu in Pyongyang.
        {"id": "S2", "start": 29, "end": 47, "zone": "body", "lang": "it"},       # Russian TASS said.
        {"id": "S3", "start": 48, "end": 71, "zone": "boilerplate", "lang": "en"},  # Cookie policy by Google
    ]
    for seg in segments:
        seg["text"] = TEXT[seg["start"]:seg["end"]]
    gold = {"doc_id": "el-test-20240914", "text": TEXT, "segments": segments, "entities": [
        _ent("Kim", "PER"), _ent("Shoigu", "PER"), _ent("Pyongyang", "LOC", "city"),
        _ent("Russian", "MISC", "demonym"), _ent("TASS", "ORG", "media"), _ent("Google", "ORG", "company")]}
    pred = {"doc_id": "el-test-20240914", "entities": [
        _ent("Kim met", "PER"),          # overlaps Kim: strict INC, exact INC, partial PAR, type COR
        _ent("Shoigu", "PER"),           # COR everywhere
        _ent("Pyongyang", "ORG"),        # strict INC, exact COR, partial COR, type INC
        _ent("Russian", "MISC"),         # COR (no subtype predicted); TASS is missed
        _ent("Cookie", "ORG"),           # SPU
        _ent("Google", "ORG")]}          # COR
    return gold, pred


def _score(gold, pred, **options):
    opts = TaskOptions(**options)
    return TASK.score(TASK.doc_stats(gold, pred, opts), opts)


def test_segment_offsets_of_the_fixture():
    assert TEXT[0:28] == "Kim met Shoigu in Pyongyang." and TEXT[29:47] == "Russian TASS said."
    assert TEXT[48:71] == "Cookie policy by Google"


def test_micro_all_strategies_hand_computed():
    # strict:  COR Shoigu, Russian, Google = 3; INC Kim, Pyongyang = 2; MIS TASS; SPU Cookie. POS = ACT = 6.
    #          P = R = F1 = 3/6.
    # exact:   COR 4 (+Pyongyang), INC 1 (Kim)  -> 4/6.
    # partial: COR 4, PAR 1 (Kim)                 -> (4 + 0.5)/6 = 0.75.
    # type:    COR 4 (+Kim), INC 1 (Pyongyang)    -> 4/6.
    got = _score(*_doc())["micro"]
    assert [got["strict"][o] for o in ("COR", "INC", "PAR", "MIS", "SPU", "POS", "ACT")] == [3, 2, 0, 1, 1, 6, 6]
    assert got["strict"]["f1"] == pytest.approx(0.5)
    assert got["exact"]["precision"] == pytest.approx(4 / 6)
    assert got["partial"]["precision"] == pytest.approx(0.75) and got["partial"]["recall"] == pytest.approx(0.75)
    assert got["type"]["recall"] == pytest.approx(4 / 6)


def test_per_type_and_macro_hand_computed():
    # strict per type: PER COR 1 INC 1 -> 0.5/0.5/0.5; LOC MIS 1 -> P None, R 0, F None;
    # ORG: gold TASS, Google; pred Pyongyang(ORG), Cookie, Google -> COR 1, MIS 1, SPU 2: P 1/3, R 1/2, F 0.4;
    # MISC COR 1 -> 1.0.
    # macro (None counted as 0): P (0.5 + 0 + 1/3 + 1)/4 = 0.4583; R (0.5 + 0 + 0.5 + 1)/4 = 0.5;
    # F1 (0.5 + 0 + 0.4 + 1)/4 = 0.475.
    got = _score(*_doc())
    per = got["per_type"]
    assert (per["LOC"]["strict"]["precision"], per["LOC"]["strict"]["recall"], per["LOC"]["strict"]["f1"]) == (0, 0, 0)
    assert per["ORG"]["strict"]["f1"] == pytest.approx(0.4)
    assert [per["ORG"]["strict"][o] for o in ("COR", "MIS", "SPU")] == [1, 1, 2]
    assert got["macro"]["strict"]["precision"] == pytest.approx(1.8333333 / 4)
    assert got["macro"]["strict"]["recall"] == pytest.approx(0.5)
    assert got["macro"]["strict"]["f1"] == pytest.approx(0.475)


def test_per_language_hand_computed():
    # el (S1): gold Kim, Shoigu, Pyongyang; pred Kim met, Shoigu, Pyongyang-ORG: strict COR 1 INC 2 -> 1/3.
    # it (S2): Russian, TASS vs Russian: P 1, R 0.5.   en (S3): Google vs Cookie, Google: P 0.5, R 1.
    per = _score(*_doc())["per_lang"]
    assert per["el"]["strict"]["precision"] == pytest.approx(1 / 3)
    assert (per["it"]["strict"]["precision"], per["it"]["strict"]["recall"]) == (1.0, 0.5)
    assert (per["en"]["strict"]["precision"], per["en"]["strict"]["recall"]) == (0.5, 1.0)


def test_options():
    gold, pred = _doc()
    # main content only: S3 (boilerplate) goes: gold 5, pred 4 (Kim met, Shoigu, Pyongyang, Russian):
    # strict COR 2, INC 2, MIS 1 -> P 2/4, R 2/5.
    got = _score(gold, pred, main_content_only=True)["micro"]["strict"]
    assert (got["precision"], got["recall"]) == pytest.approx((0.5, 0.4))
    # exclude MISC: Russian goes on both sides: COR 2, INC 2, MIS 1, SPU 1 -> P = R = 2/5.
    got = _score(gold, pred, exclude_misc=True)
    assert (got["micro"]["strict"]["precision"], got["micro"]["strict"]["recall"]) == pytest.approx((0.4, 0.4))
    assert "MISC" not in got["per_type"]
    # exclude demonyms: gold Russian is a demonym; the prediction has no subtype but the same boundaries,
    # so it is dropped too: same numbers as above.
    got = _score(gold, pred, exclude_demonyms=True)["micro"]["strict"]
    assert (got["precision"], got["recall"]) == pytest.approx((0.4, 0.4))


def test_bio_view_hand_computed():
    # S1 Kim met Shoigu in Pyongyang .  gold B-PER O B-PER O B-LOC O    pred B-PER I-PER B-PER O B-ORG O
    # S2 Russian TASS said .            gold B-MISC B-ORG O O           pred B-MISC O O O
    # S3 Cookie policy by Google        gold O O O B-ORG                pred B-ORG O O B-ORG
    # chunks: 6 gold, 6 predicted, 3 equal (Shoigu, Russian, Google): P = R = 0.5;
    # accuracy: S1 4/6 + S2 3/4 + S3 3/4 = 10/14 tokens.
    bio = _score(*_doc())["bio"]
    assert set(bio) == {"default", "accuracy", "invalid_transitions"}  # one mode: see test_metrics_bio
    for mode in ("default",):
        assert (bio[mode]["micro"]["tp"], bio[mode]["micro"]["pred"], bio[mode]["micro"]["true"]) == (3, 6, 6)
    assert bio["accuracy"] == pytest.approx(10 / 14)
    assert bio["invalid_transitions"] == 0


def test_statistics_merge_by_adding():
    gold, pred = _doc()
    opts = TaskOptions()
    one = TASK.doc_stats(gold, pred, opts)
    two = merge([one, one])
    assert all(two[k] == 2 * one[k] for k in one)
    for strategy in STRATEGIES:  # the same document twice: counts double, ratios stay
        a, b = TASK.score(two, opts)["micro"][strategy], TASK.score(one, opts)["micro"][strategy]
        assert (a["COR"], a["precision"], a["recall"], a["f1"]) == (2 * b["COR"], b["precision"], b["recall"], b["f1"])


def test_missing_prediction_layer():
    gold, _ = _doc()
    got = _score(gold, {})["micro"]["strict"]
    # gold items and no prediction: P = R = F1 = 0 (conlleval, seqeval, nervaluate), not undefined
    assert (got["precision"], got["recall"], got["f1"], got["MIS"]) == (0.0, 0.0, 0.0, 6)


# --- gold against itself ---

def _assert_perfect(scores: dict) -> None:
    groups = [scores["micro"], *scores["per_type"].values(), *scores["per_lang"].values()]
    for group in groups:
        for strategy in STRATEGIES:
            assert (group[strategy]["precision"], group[strategy]["recall"], group[strategy]["f1"]) == (1.0, 1.0, 1.0)
    for strategy in STRATEGIES:
        assert scores["macro"][strategy] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    for mode in ("default",):
        for avg in ("micro", "macro", "weighted"):
            assert scores["bio"][mode][avg]["f1"] == 1.0
    assert scores["bio"]["accuracy"] == 1.0 and scores["bio"]["invalid_transitions"] == 0


def _real_gold() -> list[dict]:
    docs = []
    for path in sorted((ROOT / "annotations").glob("*-*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        doc["text"] = (ROOT / doc["text_file"]).read_text(encoding="utf-8")
        docs.append(doc)
    return docs


def test_real_gold_against_itself():
    docs = _real_gold()
    assert docs
    for doc in docs:
        if not doc["entities"]:
            # entity layer not annotated yet: give every capitalised word of the real text a span so that
            # the real segments, zones and languages are exercised
            types = ("PER", "ORG", "LOC", "MISC")
            doc = {**doc, "entities": [{"start": m.start(), "end": m.end(), "type": types[i % 4], "subtype": None}
                                       for i, m in enumerate(re.finditer(r"\b[^\W\d_][^\W_]+", doc["text"]))
                                       if m.group()[0].isupper()]}
        assert doc["entities"]
        for options in (TaskOptions(), TaskOptions(main_content_only=True), TaskOptions(exclude_misc=True)):
            _assert_perfect(TASK.score(TASK.doc_stats(doc, doc, options), options))


def test_synthetic_gold_against_itself():
    gold, _ = _doc()
    _assert_perfect(_score(gold, gold))


# --- the group statistics equal one matcher run per group (the way they were computed before) ---

def _groups_reference(gold_m, pred_m) -> dict:
    from newsgold.metrics.spans import span_stats

    stats = span_stats([m.span for m in gold_m], [m.span for m in pred_m], "all.")
    for label in sorted({m.span.label for m in gold_m + pred_m}):
        stats.update(span_stats([m.span for m in gold_m if m.span.label == label],
                                [m.span for m in pred_m if m.span.label == label], f"type.{label}."))
    for lang in sorted({m.lang for m in gold_m + pred_m}):
        stats.update(span_stats([m.span for m in gold_m if m.lang == lang],
                                [m.span for m in pred_m if m.lang == lang], f"lang.{lang}."))
    return stats


def _typed_items(stats) -> list:
    return [(k, type(v).__name__, v) for k, v in stats.items()]


def _random_mentions(rng, n: int):
    from newsgold.metrics.entities import _Mention
    from newsgold.metrics.spans import Span

    out = []
    for _ in range(n):
        start = rng.randrange(0, 50)
        out.append(_Mention(Span(start, start + rng.randint(1, 9), rng.choice(["PER", "ORG", "LOC", "MISC"])),
                            rng.choice(["el", "en", "none"][: rng.randint(1, 3)])))
    return out


def test_group_statistics_equal_one_run_per_group_random():
    import random

    from newsgold.metrics.entities import _group_stats

    rng = random.Random(31)
    for _ in range(600):
        gold_m, pred_m = _random_mentions(rng, rng.randint(0, 10)), _random_mentions(rng, rng.randint(0, 10))
        if rng.random() < 0.3:
            pred_m += rng.sample(gold_m, k=len(gold_m) // 2)
        assert _typed_items(_group_stats(gold_m, pred_m)) == _typed_items(_groups_reference(gold_m, pred_m))


def test_group_statistics_equal_one_run_per_group_on_the_real_gold():
    from newsgold.metrics.entities import _group_stats, _mentions
    from newsgold.metrics.scope import SegmentLocator

    for doc in _real_gold():
        where = SegmentLocator(doc["segments"])
        gold_m = _mentions(doc["entities"], where)
        shifted = [{**e, "start": e["start"] + i % 3, "type": ("PER", "ORG")[i % 2] if i % 4 == 0 else e["type"]}
                   for i, e in enumerate(doc["entities"]) if i % 5]
        for pred_m in (gold_m, _mentions(shifted, where), []):
            assert _typed_items(_group_stats(gold_m, pred_m)) == _typed_items(_groups_reference(gold_m, pred_m))
