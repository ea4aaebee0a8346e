"""Tests for newsgold.metrics.translation: sacreBLEU peer vectors and summed statistics."""
from __future__ import annotations

import json
import random
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pytest
import sacrebleu
from sacrebleu.metrics import BLEU, CHRF, TER

from metric_helpers import assert_flat_numeric, assert_shards_merge, build, real_gold, score_of, stats_of
from newsgold.metrics.base import TaskOptions, merge
from newsgold.metrics.translation import TASK, metrics, score_from_stats, segment_rows, stats_width

OPTS = TaskOptions()
VECTORS = Path(__file__).parent / "data" / "peer" / "sacrebleu" / "expected.json"


@lru_cache(maxsize=1)
def vectors() -> dict:
    return json.loads(VECTORS.read_text(encoding="utf-8"))


def upstream(test_name: str) -> dict:
    (block,) = [b for b in vectors()["upstream_tests"] if b["source"].endswith(test_name)]
    return block


def summed_score(metric, hyps, ref_streams):
    """Our path: per-segment rows, summed column by column, scored from the sums."""
    rows = segment_rows(metric, hyps, ref_streams)
    return score_from_stats(metric, [sum(col) for col in zip(*rows)])


# ---- upstream test vectors, run through segment_rows + score_from_stats ----

@pytest.mark.parametrize("case", upstream("test_bleu.py::test_corpus_bleu")["cases"], ids=lambda c: str(c["kwargs"]))
def test_upstream_corpus_bleu(case):
    score = summed_score(BLEU(**case["kwargs"]), case["hypotheses"], case["references"])
    assert score.score == pytest.approx(case["expected_bleu"], abs=1e-8)


def _raw_bleu():  # sacrebleu.raw_corpus_bleu(h, r, .01)
    return BLEU(tokenize="none", smooth_method="floor", smooth_value=0.01, effective_order=True, force=True)


@pytest.mark.parametrize("test_name", ["test_bleu.py::test_raw_bleu", "test_bleu.py::test_effective_order"])
def test_upstream_raw_bleu(test_name):
    for case in upstream(test_name)["cases"]:
        score = summed_score(_raw_bleu(), case["hypotheses"], case["references"])
        assert score.score / 100 == pytest.approx(case["expected_bleu"], abs=1e-8)


def test_upstream_statistics():
    (case,) = upstream("test_bleu.py::test_statistics")["cases"]
    score = summed_score(_raw_bleu(), case["hypothesis"], case["reference"])
    assert [score.counts, score.totals] == case["expected_stat"]


def test_upstream_scoring_from_statistics():
    (case,) = upstream("test_bleu.py::test_scoring")["cases"]
    (correct, total), sys_len, ref_len = case["statistics"]
    score = score_from_stats(BLEU(smooth_method="none"), [sys_len, ref_len, *correct, *total])
    assert score.score / 100 == pytest.approx(case["expected_score"], abs=1e-8)
    for case in upstream("test_bleu.py::test_degenerate_statistics")["cases"]:
        (correct, total), sys_len, ref_len = case["statistics"]
        metric = BLEU(smooth_method="floor", smooth_value=case["offset"])
        assert score_from_stats(metric, [sys_len, ref_len, *correct, *total]).score / 100 == case["expected_score"]


@pytest.mark.parametrize("case", upstream("test_bleu.py::test_max_ngram_order")["cases"], ids=lambda c: str(c["order"]))
def test_upstream_max_ngram_order(case):
    metric = BLEU(max_ngram_order=case["order"])
    assert stats_width(metric) == 2 + 2 * case["order"]
    assert f"{summed_score(metric, case['hyps'], case['refs']).score:.2f}" == case["expected_bleu"]


CHRF_SETTINGS = {
    "test_chrf.py::test_chrf": dict(char_order=6, word_order=0, beta=3, eps_smoothing=True),
    "test_chrf.py::test_chrf_eff_order": dict(char_order=6, word_order=0, beta=3, eps_smoothing=False),
    "test_chrf.py::test_chrf_keep_whitespace": dict(char_order=6, word_order=0, beta=3, whitespace=True),
}


@pytest.mark.parametrize("test_name", list(CHRF_SETTINGS))
def test_upstream_chrf(test_name):
    block = upstream(test_name)
    for case in block["cases"]:
        score = summed_score(CHRF(**CHRF_SETTINGS[test_name]), case["hypotheses"], [case["references"]])
        assert score.score == pytest.approx(case["expected_score"], abs=block["abs_tolerance"])


def test_upstream_chrf_sentence_level():
    block = upstream("test_chrf.py::test_chrf_sentence_level")
    for case in block["cases"]:
        score = summed_score(CHRF(eps_smoothing=True), [case["hypothesis"]], [[r] for r in case["references"]])
        assert score.score == pytest.approx(case["expected_score"], abs=block["abs_tolerance"])


def test_upstream_ter():
    block = upstream("test_ter.py::test_ter")
    for case in block["cases"]:
        score = summed_score(TER(), case["hypotheses"], [case["references"]])
        assert score.score == pytest.approx(100 * case["expected_score"], abs=block["abs_tolerance"])


# ---- README example and the sufficient statistics collected with it ----

def test_readme_example_rows_and_scores():
    readme, stats = vectors()["readme_examples"], vectors()["sufficient_statistics_computed_here"]
    hyps, refs = readme["hypotheses"], readme["references_streams"]
    expected_rows = {"bleu": stats["bleu_segment_stats_readme_example"],
                     "chrf": stats["chrf_segment_stats_readme_example"],
                     "ter": stats["ter_segment_stats_readme_example"]}
    made = {"bleu": BLEU(), "chrf": CHRF(), "chrf++": CHRF(word_order=2), "ter": TER()}
    for name, rows in expected_rows.items():
        assert segment_rows(made[name], hyps, refs) == rows
    assert summed_score(made["bleu"], hyps, refs).score == stats["bleu_from_summed_stats"]
    for name, key in (("bleu", "bleu"), ("chrf", "chrf"), ("chrf++", "chrf++"), ("ter", "ter")):
        assert str(summed_score(made[name], hyps, refs)) == readme["computed_here"][key]
    assert str(summed_score(made["bleu"], hyps, refs)) == readme["published"]["BLEU().corpus_score(sys, refs)"]
    variable = readme["variable_refs"]
    assert str(summed_score(BLEU(), hyps, variable["references_streams"])) == readme["computed_here"]["bleu_var_refs"]


def test_signatures_are_sacrebleus_defaults_with_one_reference():
    computed = vectors()["readme_examples"]["computed_here"]
    for name, key in (("bleu", "bleu_signature"), ("chrf", "chrf_signature"), ("ter", "ter_signature")):
        expected = computed[key].replace("nrefs:2", "nrefs:1").replace("version:2.6.0",
                                                                       f"version:{sacrebleu.__version__}")
        assert TASK.score(Counter(), OPTS)[name]["signature"] == expected
    assert "nw:2" in TASK.score(Counter(), OPTS)["chrf++"]["signature"]


def test_mismatched_lengths_are_refused():
    with pytest.raises(ValueError):
        segment_rows(BLEU(), ["a", "b"], [["a"]])
    with pytest.raises(ValueError):
        segment_rows(BLEU(), ["a"], [["a"], ["a", "b"]])


# ---- the task ----

def _pairs():
    """(hypothesis, reference) pairs gathered from the vectors (German, Czech, Romanian, English)."""
    out = []
    ter = upstream("test_ter.py::test_ter")["cases"][-1]
    out += zip(ter["hypotheses"], ter["references"])
    readme = vectors()["readme_examples"]
    out += zip(readme["hypotheses"], readme["references_streams"][1])
    for case in upstream("test_chrf.py::test_chrf_sentence_level")["cases"]:
        out.append((case["hypothesis"], case["references"][0]))
    for case in upstream("test_chrf.py::test_chrf")["cases"][-3:]:
        out.append((case["hypotheses"][0], case["references"][0]))
    consts = vectors()["upstream_tests_constants"]["test/test_sentence_bleu.py"]
    out.append((consts["SYS"], consts["REF"]))
    return out


def _docs(pairs, rng, n_docs):
    """Random documents: each pair goes to a random document with a random source language."""
    grouped = [[] for _ in range(n_docs)]
    for pair in pairs:
        grouped[rng.randrange(n_docs)].append((pair, rng.choice(["el", "nb", "ro", "it"])))
    docs = []
    for members in grouped:
        gold = build([(f"source {i}", {"zone": "body", "lang": lang}) for i, (_, lang) in enumerate(members)])
        gold["translations"] = [{"segment": f"S{i + 1}", "text": ref} for i, ((_, ref), _) in enumerate(members)]
        pred = {"translations": [{"segment": f"S{i + 1}", "text": hyp} for i, ((hyp, _), _) in enumerate(members)]}
        docs.append((gold, pred, [m[1] for m in members]))
    return docs


def _corpus(hyps, refs):
    return {"bleu": sacrebleu.corpus_bleu(hyps, [refs]).score, "chrf": sacrebleu.corpus_chrf(hyps, [refs]).score,
            "chrf++": CHRF(word_order=2).corpus_score(hyps, [refs]).score,
            "ter": sacrebleu.corpus_ter(hyps, [refs]).score}


@pytest.mark.parametrize("seed", range(5))
def test_summed_document_stats_equal_corpus_score_exactly(seed):
    rng = random.Random(seed)
    docs = _docs(_pairs(), rng, n_docs=rng.randint(2, 6))
    scores = score_of(TASK, [(g, p) for g, p, _ in docs])
    # sacreBLEU on the same segments, in the same order as the documents
    hyps = [t["text"] for _, p, _ in docs for t in p["translations"]]
    refs = [t["text"] for g, _, _ in docs for t in g["translations"]]
    expected = _corpus(hyps, refs)
    assert {name: scores[name]["score"] for name in expected} == expected
    for lang, row in scores["by_lang"].items():
        pick = [(t_h["text"], t_r["text"]) for g, p, langs in docs
                for t_h, t_r, seg_lang in zip(p["translations"], g["translations"], langs) if seg_lang == lang]
        assert row["segments"] == len(pick)
        assert {name: row[name] for name in expected} == _corpus([h for h, _ in pick], [r for _, r in pick])
    assert_shards_merge(TASK, [(g, p) for g, p, _ in docs])


def test_missing_extra_and_duplicate_hypotheses():
    gold = build([("uno", {"zone": "body", "lang": "it"}), ("due", {"zone": "body", "lang": "it"}),
                  ("tre", {"zone": "title", "lang": "ro"})])
    refs = ["The dog bit the man.", "It was not unexpected.", "The man bit him first."]
    gold["translations"] = [{"segment": f"S{i + 1}", "text": r} for i, r in enumerate(refs)]
    pred = {"translations": [{"segment": "S1", "text": "The dog bit the man."},
                             {"segment": "S3", "text": "The man had just bitten him."},
                             {"segment": "S3", "text": "ignored second answer"},
                             {"segment": "S9", "text": "no such segment"}]}
    scores = score_of(TASK, [(gold, pred)])
    assert (scores["segments"], scores["missing"], scores["extra"], scores["duplicates"]) == (3, 1, 1, 1)
    assert scores["by_lang"]["it"]["missing"] == 1 and scores["by_lang"]["ro"]["missing"] == 0
    # the missing S2 is scored as an empty hypothesis
    hyps = ["The dog bit the man.", "", "The man had just bitten him."]
    assert {name: scores[name]["score"] for name in ("bleu", "chrf", "chrf++", "ter")} == _corpus(hyps, refs)


def test_empty_denominators_are_none():
    scores = TASK.score(Counter(), OPTS)
    for name in ("bleu", "chrf", "chrf++", "ter"):
        assert scores[name]["score"] is None and scores[name]["signature"]
    assert scores["by_lang"] == {} and scores["segments"] == 0


def test_gold_against_itself_synthetic_and_real():
    rng = random.Random(7)
    docs = _docs(_pairs(), rng, n_docs=3)
    scores = score_of(TASK, [(g, {"translations": g["translations"]}) for g, _, _ in docs])
    # BLEU goes through exp(mean(log p_n)): 100 up to rounding
    assert (scores["bleu"]["score"], scores["chrf"]["score"], scores["chrf++"]["score"]) == pytest.approx((100, 100, 100))
    assert scores["ter"]["score"] == 0.0
    golds = real_gold()
    scores = score_of(TASK, [(g, {"translations": g.get("translations") or []}) for g in golds])
    if scores["segments"]:
        assert scores["bleu"]["score"] == pytest.approx(100) and scores["ter"]["score"] == 0.0
    else:  # the translation layer is not written yet
        assert scores["bleu"]["score"] is None


def test_stats_are_flat():
    docs = _docs(_pairs(), random.Random(3), n_docs=2)
    for stats in stats_of(TASK, [(g, p) for g, p, _ in docs]):
        assert_flat_numeric(stats)
    assert set(metrics()) == {"bleu", "chrf", "chrf++", "ter"}
    assert merge([]) == Counter()


# ---- chrF's rows are cut from chrF++'s (one n-gram extraction instead of two) ----

def _texts(seed: int) -> tuple[list[str], list[str]]:
    rng = random.Random(seed)
    words = ["the", "The", "minister", "said,", "Kim", "Jong-un", "ήταν", "đã", "—", "!", "a", "  ", "\u00a0", ""]
    refs = [" ".join(rng.choice(words) for _ in range(rng.randint(0, 12))) for _ in range(30)]
    hyps = [" ".join(rng.choice(words) for _ in range(rng.randint(0, 12))) for _ in range(30)]
    return hyps, refs


@pytest.mark.parametrize("seed", range(5))
def test_chrf_rows_from_chrfpp_equal_sacrebleus_chrf(seed):
    from newsgold.metrics.translation import chrf_prefix_rows, language_rows

    hyps, refs = _texts(seed)
    direct = segment_rows(CHRF(), hyps, [refs])
    assert chrf_prefix_rows(CHRF(), CHRF(word_order=2), segment_rows(CHRF(word_order=2), hyps, [refs])) == direct
    assert language_rows(hyps, refs)["chrf"] == direct


def test_chrf_rows_on_the_bundled_translations_equal_sacrebleus_chrf():
    from newsgold.metrics.translation import language_rows

    for gold in real_gold():
        refs = [t["text"] for t in gold.get("translations") or []]
        hyps = [r[: len(r) // 2] for r in refs]  # a truncated "system", so matches are partial
        assert language_rows(hyps, refs)["chrf"] == segment_rows(CHRF(), hyps, [refs])


def test_chrf_rows_are_not_cut_from_a_differently_configured_chrfpp():
    from newsgold.metrics.translation import chrf_prefix_rows

    rows = segment_rows(CHRF(word_order=2, lowercase=True), ["A b"], [["a B"]])
    assert chrf_prefix_rows(CHRF(), CHRF(word_order=2, lowercase=True), rows) is None
    assert chrf_prefix_rows(CHRF(char_order=4), CHRF(word_order=2), rows) is None
