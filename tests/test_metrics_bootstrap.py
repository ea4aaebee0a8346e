"""Tests for newsgold.metrics.bootstrap."""
from __future__ import annotations

from collections import Counter
from typing import Any, Mapping

import numpy as np
import pytest

from metric_helpers import real_gold, stats_of
from newsgold.metrics import lid
from newsgold.metrics.base import TaskOptions, merge, ratio
from newsgold.metrics.bootstrap import Interval, bootstrap_ci, paired_bootstrap, resample_weights, resolve

OPTS = TaskOptions()


class RatioTask:
    """A minimal task: score = num / den (None when den is 0)."""

    name = "ratio"
    layers = ()
    headline = ("value",)

    def doc_stats(self, gold: Mapping[str, Any], pred: Mapping[str, Any], options: TaskOptions) -> Counter:
        return Counter(gold)

    def score(self, stats: Mapping[str, float], options: TaskOptions) -> dict[str, Any]:
        return {"value": ratio(stats.get("num", 0), stats.get("den", 0)), "nested": {"den": stats.get("den", 0)}}


TASK = RatioTask()


def test_resample_weights_deterministic_and_complete():
    a, b = resample_weights(7, 50, seed=3), resample_weights(7, 50, seed=3)
    assert (a == b).all() and a.shape == (50, 7)
    assert (a.sum(axis=1) == 7).all()  # each resample draws as many documents as there are
    assert not (resample_weights(7, 50, seed=4) == a).all()


def test_two_documents_hand_reasoned():
    # documents 1/1 and 0/1: a resample of two gives 0, 0.5 or 1 with probability 1/4, 1/2, 1/4;
    # with 1000 resamples the 2.5th percentile is 0 and the 97.5th is 1
    stats = [Counter(num=1, den=1), Counter(num=0, den=1)]
    result = bootstrap_ci(TASK, stats, OPTS, seed=0, n=1000)
    assert result == {"value": Interval(0.0, 1.0)}
    assert result.none_samples == {"value": 0} and result.n_resamples == 1000


def test_single_document_gives_a_point_interval():
    result = bootstrap_ci(TASK, [Counter(num=3, den=4)], OPTS, seed=1, n=20)
    assert result["value"] == (0.75, 0.75)


def test_matches_merge_of_drawn_documents():
    """The matrix shortcut equals base.merge + score on the same draws, with numpy's percentile."""
    golds = real_gold()
    pairs = [(g, {"language": g["language"], "segments": g["segments"][::2]}) for g in golds]
    per_doc = stats_of(lid.TASK, pairs)
    paths = ["char.accuracy", "macro_f1", "per_language.vi.f1"]
    result = bootstrap_ci(lid.TASK, per_doc, OPTS, seed=11, n=200, metric_paths=paths)
    samples: dict[str, list[float]] = {p: [] for p in paths}
    for weights in resample_weights(len(per_doc), 200, seed=11):
        drawn = [per_doc[i] for i, k in enumerate(weights) for _ in range(k)]
        scores = lid.TASK.score(merge(drawn), OPTS)
        for p in paths:
            value = resolve(scores, p, strict=False)
            if value is not None:
                samples[p].append(value)
    for p in paths:
        assert result.none_samples[p] == 200 - len(samples[p])
        assert result[p] == pytest.approx(tuple(np.percentile(samples[p], [2.5, 97.5])))
    # vi is in one document only: the resamples without it have no vi F1
    assert result.none_samples["per_language.vi.f1"] > 0


def test_none_samples_are_left_out_and_counted():
    # only document 0 has a denominator: a resample without it scores None
    stats = [Counter(num=1, den=2), Counter(num=0, den=0), Counter(num=0, den=0)]
    result = bootstrap_ci(TASK, stats, OPTS, seed=5, n=300)
    without_doc0 = int((resample_weights(3, 300, seed=5)[:, 0] == 0).sum())
    assert result.none_samples["value"] == without_doc0 > 0
    assert result["value"] == (0.5, 0.5)
    assert bootstrap_ci(TASK, [Counter(num=0, den=0)], OPTS, n=10)["value"] == Interval(None, None)


def test_same_seed_same_result_and_unknown_path_fails():
    stats = [Counter(num=i % 3, den=2) for i in range(9)]
    assert bootstrap_ci(TASK, stats, OPTS, seed=2, n=100) == bootstrap_ci(TASK, stats, OPTS, seed=2, n=100)
    with pytest.raises(KeyError):
        bootstrap_ci(TASK, stats, OPTS, n=10, metric_paths=["valeu"])
    with pytest.raises(KeyError):
        bootstrap_ci(TASK, stats, OPTS, n=10, metric_paths=["nested"])  # a dict, not a number
    assert bootstrap_ci(TASK, stats, OPTS, n=10, metric_paths=["nested.den"])["nested.den"] == (18, 18)


def test_paired_bootstrap():
    a = [Counter(num=2, den=2), Counter(num=1, den=2), Counter(num=2, den=2)]
    b = [Counter(num=1, den=2), Counter(num=0, den=2), Counter(num=1, den=2)]
    out = paired_bootstrap(TASK, a, b, OPTS, seed=0, n=200)["value"]
    # A is 1/2 higher on every document, so on every resample: 5/6 - 2/6
    assert out["a"] == pytest.approx(5 / 6) and out["b"] == pytest.approx(2 / 6)
    assert out["difference"] == pytest.approx(0.5)
    assert out["p_a_greater"] == 1.0 and out["ci"] == pytest.approx((0.5, 0.5))
    assert (out["none_samples"], out["n_resamples"]) == (0, 200)
    same = paired_bootstrap(TASK, a, a, OPTS, seed=0, n=50)["value"]
    assert same["p_a_greater"] == 0.0 and same["ci"] == (0.0, 0.0)  # ties are not wins
    with pytest.raises(ValueError):
        paired_bootstrap(TASK, a, b[:2], OPTS)


def test_paired_bootstrap_uses_the_same_resamples_as_bootstrap_ci():
    a = [Counter(num=i % 2, den=1) for i in range(6)]
    zero = [Counter(num=0, den=1) for _ in range(6)]
    diff = paired_bootstrap(TASK, a, zero, OPTS, seed=9, n=100)["value"]
    assert diff["ci"] == tuple(bootstrap_ci(TASK, a, OPTS, seed=9, n=100)["value"])


def test_vectorised_sums_equal_merge_bit_for_bit_and_document_order_is_irrelevant():
    # cross-document coreference (events) rescored per resample from summed cells: the vectorised sums of
    # every resample equal base.merge of the drawn documents, so the intervals are the same whatever the
    # order the harness received the documents in (it sorts them by doc_id) and on every run
    from newsgold import evaluate
    from newsgold.metrics.bootstrap import _StatsMatrix
    from newsgold.metrics.events import TASK as EVENTS
    from newsgold.predictions import Predictions

    golds = {g["doc_id"]: g for g in real_gold()}
    preds = {d: {"doc_id": d, "events": [{**e, "instance": e["instance"] if i % 3 else None}
                                         for i, e in enumerate(g["events"])]} for d, g in golds.items()}
    per_doc = stats_of(EVENTS, [(golds[d], preds[d]) for d in sorted(golds)])
    weights = resample_weights(len(per_doc), 50, 7)
    for row, summed in zip(weights, _StatsMatrix(per_doc).all_summed(weights)):
        drawn = merge(Counter({k: v * n for k, v in doc.items()}) for doc, n in zip(per_doc, row) if n)
        assert summed == drawn
    settings = evaluate.Settings(("events",), bootstrap=200, seed=3)
    block, _ = evaluate.score_task(EVENTS, golds, Predictions(preds), settings)
    backwards = {d: golds[d] for d in sorted(golds, reverse=True)}
    again, _ = evaluate.score_task(EVENTS, backwards, Predictions(dict(reversed(preds.items()))), settings)
    assert again == block
    assert block["headline"]["coreference.conll_f1"]["ci_low"] < block["headline"]["coreference.conll_f1"]["ci_high"]


def test_headline_score_equals_score_on_resamples():
    # tasks may give the bootstrap a headline-only scorer; it must give exactly score()'s headline numbers
    import json
    import random

    from newsgold.evaluate import TASKS, get_path, load_task
    from newsgold.metrics.bootstrap import _StatsMatrix

    golds = real_gold()
    rng = random.Random(5)
    preds = []
    for g in golds:
        p = json.loads(json.dumps({k: g.get(k) for k in ("segments", "entities", "timexes", "events",
                                                          "translations")}))
        for layer in ("entities", "timexes", "translations"):
            p[layer] = [x for x in p[layer] if rng.random() < 0.8]
        for e in p["entities"]:
            e["entity"] = rng.choice([e["entity"], "x", None])
        for e in p["events"]:
            e["instance"] = rng.choice([e["instance"], "y", None])
        preds.append(p)
    checked = 0
    for name in TASKS:
        task = load_task(name)
        if not hasattr(task, "headline_score"):
            continue
        per_doc = stats_of(task, list(zip(golds, preds)))
        for stats in _StatsMatrix(per_doc).all_summed(resample_weights(len(per_doc), 20, 1)):
            full, fast = task.score(stats, OPTS), task.headline_score(stats, OPTS)
            for path in task.headline:
                assert get_path(fast, path) == get_path(full, path), (name, path)
        checked += 1
    assert checked >= 4


def test_resample_blocks_are_the_single_draw():
    # the blocks come from one generator drawn in order: the same draws as one (n, documents) call
    from newsgold.metrics import bootstrap

    for n_docs, n in ((1, 5), (7, 50), (300, 40)):
        draws = np.random.default_rng(4).integers(0, n_docs, size=(n, n_docs))
        want = np.zeros((n, n_docs), dtype=np.int64)
        np.add.at(want, (np.repeat(np.arange(n), n_docs), draws.ravel()), 1)
        assert (resample_weights(n_docs, n, 4) == want).all()
        old = bootstrap._BLOCK_ELEMENTS
        try:
            bootstrap._BLOCK_ELEMENTS = 2 * n_docs  # two resamples per block
            blocks = list(bootstrap.resample_blocks(n_docs, n, 4))
        finally:
            bootstrap._BLOCK_ELEMENTS = old
        assert len(blocks) == (n + 1) // 2 and (np.concatenate(blocks) == want).all()


def _mutated(layer: str, field: str, choices: list, seed: int) -> tuple[list[dict], list[dict]]:
    """The bundled golds, and predictions with ``field`` of some ``layer`` items replaced and ~10% dropped."""
    import json
    import random

    rng = random.Random(seed)
    golds = real_gold()
    preds = []
    for g in golds:
        items = json.loads(json.dumps(g[layer]))
        for item in items:
            item[field] = rng.choice([item.get(field), *choices])
        preds.append({layer: [item for item in items if rng.random() < 0.9]})
    return golds, preds


def _same_with_and_without_cells(monkeypatch, task, per_doc, path, other=None) -> Any:
    """bootstrap_ci (and paired_bootstrap against ``other``) with the task's coref_cells and without."""
    from newsgold.metrics import bootstrap

    monkeypatch.setattr(bootstrap, "_BLOCK_ELEMENTS", 3 * len(per_doc))  # several blocks
    assert list(bootstrap._cell_resamplers(task, per_doc, task.headline)) == [path]
    fast = bootstrap_ci(task, per_doc, OPTS, seed=2, n=300)
    paired = paired_bootstrap(task, per_doc, other, OPTS, seed=2, n=300) if other else None
    monkeypatch.setattr(type(task), "coref_cells", {})
    assert bootstrap._cell_resamplers(task, per_doc, task.headline) == {}
    slow = bootstrap_ci(task, per_doc, OPTS, seed=2, n=300)
    assert fast == slow and fast.none_samples == slow.none_samples
    if other:
        assert paired == paired_bootstrap(task, per_doc, other, OPTS, seed=2, n=300)
    low, high = fast[path]
    assert low < high  # the coreference interval is really exercised
    return fast


def test_coreference_cells_fast_path_gives_the_same_intervals(monkeypatch):
    # events declares coref_cells: its CoNLL F1 is computed by coref_resample per block of resamples;
    # without the declaration headline_score rebuilds the table per resample. Same intervals, bit for bit.
    from newsgold.metrics.events import TASK as EVENTS

    golds, preds = _mutated("events", "instance", ["y", "z", None], seed=6)
    per_doc = stats_of(EVENTS, list(zip(golds, preds)))
    other = stats_of(EVENTS, list(zip(golds, [{"events": g["events"]} for g in golds])))
    _same_with_and_without_cells(monkeypatch, EVENTS, per_doc, "coreference.conll_f1", other)


def test_linking_cluster_cells_fast_path_gives_the_same_intervals(monkeypatch):
    # linking declares coref_cells for its entity clusters' CoNLL F1, as events does for event coreference.
    from newsgold.metrics.linking import TASK as LINKING

    golds, preds = _mutated("entities", "entity", [None, "x", "y"], seed=9)
    _same_with_and_without_cells(monkeypatch, LINKING, stats_of(LINKING, list(zip(golds, preds))), "clusters.conll_f1")


def test_exact_weighted_sums_are_the_correctly_rounded_exact_sum():
    # the fractional float statistics (zones' shingle P and R sums) are summed exactly, then rounded once:
    # no BLAS accumulation order, block size or document order can change a resampled sum
    from fractions import Fraction

    from newsgold.metrics.bootstrap import exact_weighted_sums, split_halves

    rng = np.random.default_rng(8)
    values = rng.random((40, 3)) * np.array([1.0, 1e-9, 3e7])
    values[5, 0], values[6, 1] = 0.1, -2.5e-300
    weights = rng.integers(0, 4, size=(25, 40))
    weights[0, 3] = 2 ** 40 + 12345  # more than one base-2**26 digit
    hi, lo = split_halves(values)
    assert ((hi + lo) == values).all()
    got = exact_weighted_sums(weights, hi, lo)
    for r in range(weights.shape[0]):
        for c in range(values.shape[1]):
            exact = sum(Fraction(int(w)) * Fraction(float(v)) for w, v in zip(weights[r], values[:, c]))
            assert got[r, c] == float(exact)
    assert split_halves(np.array([1.0, np.inf])) is None


def test_float_statistics_sum_alike_in_blocks_and_in_any_document_order():
    from newsgold.metrics.bootstrap import _StatsMatrix, resample_weights

    rng = np.random.default_rng(3)
    per_doc = [Counter({"p_sum": float(rng.random()), "ter": float(rng.integers(0, 50)), "n": int(rng.integers(9))})
               for _ in range(30)]
    weights = resample_weights(len(per_doc), 40, 5)
    whole = list(_StatsMatrix(per_doc).all_summed(weights))
    in_blocks = [s for block in (weights[:7], weights[7:20], weights[20:]) for s in _StatsMatrix(per_doc).all_summed(block)]
    order = rng.permutation(len(per_doc))
    shuffled = list(_StatsMatrix([per_doc[i] for i in order]).all_summed(weights[:, order]))
    assert whole == in_blocks == shuffled
    assert all(isinstance(s["ter"], float) and isinstance(s["p_sum"], float) and isinstance(s["n"], int) for s in whole)
    matrix = _StatsMatrix(per_doc)
    assert [matrix.keys[j] for j in matrix.frac_cols] == ["p_sum"]
    assert [matrix.keys[j] for j in matrix.whole_cols] == ["ter"]


def test_an_undrawn_non_finite_statistic_does_not_reach_the_resample():
    # a column that cannot be split exactly (inf, nan) is summed over the drawn documents only: 0 × inf is nan
    from newsgold.metrics.bootstrap import _StatsMatrix

    matrix = _StatsMatrix([Counter({"x": float("inf")}), Counter({"x": 1.5}), Counter({"x": 0.25})])
    assert matrix.summed(np.array([0, 2, 1])) == Counter({"x": 3.25})
    assert matrix.summed(np.array([1, 0, 0]))["x"] == float("inf")
