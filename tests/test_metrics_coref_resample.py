"""Tests for newsgold.metrics.coref_resample: the vectorised resampled CoNLL F1 equals the plain table's."""
from __future__ import annotations

import random
from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgold.metrics.base import merge
from newsgold.metrics.coref import _b_cubed, _ceaf, _muc, cell_stats, conll_f1, table_from_stats
from newsgold.metrics import coref_resample
from newsgold.metrics.coref_resample import CellResampler

PREFIX = "c:"
KEY_LABELS = [None, False, "a", "b", "c"]
RESP_LABELS = [None, False, "x", "y", "a"]  # "a" on both sides: two different clusters


def reference(per_doc: list[Counter], weights: np.ndarray) -> list:
    """The straightforward way: sum the drawn documents (k copies of a document drawn k times), build the table."""
    out = []
    for row in weights:
        stats = merge(Counter({k: v * int(n) for k, v in doc.items()}) for doc, n in zip(per_doc, row))
        table = table_from_stats(stats, PREFIX)
        out.append(((_muc(table)), _b_cubed(table), _ceaf(table, entity=True)))
    return out


def random_docs(rng: random.Random, n_docs: int, n_mentions: int, key_labels=KEY_LABELS,
                resp_labels=RESP_LABELS) -> list[Counter]:
    docs = []
    for _ in range(n_docs):
        labels = [(rng.choice(key_labels), rng.choice(resp_labels)) for _ in range(rng.randint(0, n_mentions))]
        doc = cell_stats(labels, PREFIX)
        doc["other.count"] = len(labels)  # statistics of other metrics are ignored
        docs.append(doc)
    return docs


def check(per_doc: list[Counter], weights: np.ndarray) -> CellResampler:
    resampler = CellResampler.build(per_doc, PREFIX)
    assert resampler is not None and (resampler._dense is not None) == bool(resampler.names)
    got = resampler.parts(weights)
    assert got == reference(per_doc, weights)  # every numerator and denominator, bit for bit
    old = coref_resample._DENSE_ELEMENTS
    try:
        coref_resample._DENSE_ELEMENTS = 0  # the sparse product of large collections
        sparse = CellResampler.build(per_doc, PREFIX)
    finally:
        coref_resample._DENSE_ELEMENTS = old
    assert sparse._dense is None and sparse.parts(weights) == got
    want = [conll_f1(table_from_stats(merge(Counter({k: v * int(n) for k, v in doc.items()})
                                            for doc, n in zip(per_doc, row)), PREFIX)) for row in weights]
    assert resampler.conll_f1(weights) == want
    return resampler


@settings(deadline=None)
@given(st.integers(0, 2 ** 32 - 1), st.integers(1, 6), st.integers(0, 9))
def test_random_cluster_layouts_equal_the_table(seed, n_docs, n_mentions):
    rng = random.Random(seed)
    per_doc = random_docs(rng, n_docs, n_mentions)
    weights = np.array([[rng.choice([0, 0, 1, 1, 2, 3]) for _ in per_doc] for _ in range(12)], dtype=np.int64)
    check(per_doc, weights)


def test_star_and_assignment_components_both_exercised():
    # many labels on few documents: components with several key and response clusters need the assignment,
    # and stars, singleton pairs and one-sided mentions all occur; resampling splits and regrows them
    rng = random.Random(3)
    seen_complex = 0
    for _ in range(40):
        per_doc = random_docs(rng, rng.randint(2, 5), 12)
        weights = np.array([[rng.randint(0, 3) for _ in per_doc] for _ in range(25)], dtype=np.int64)
        resampler = check(per_doc, weights)
        seen_complex += bool(resampler._complex)
    assert seen_complex >= 10


def test_ties_between_equal_alignments():
    # two key clusters × two response clusters with equal overlaps: several optimal assignments;
    # the resampler must pick the same one (same parts) as the table
    per_doc = [cell_stats([("a", "x"), ("a", "y"), ("b", "x"), ("b", "y")], PREFIX),
               cell_stats([("a", "x"), ("b", "y"), ("a", None), (None, "x")], PREFIX)]
    weights = np.array([[a, b] for a in range(4) for b in range(4)], dtype=np.int64)
    check(per_doc, weights)


def test_blocks_and_cache_change_nothing(monkeypatch):
    rng = random.Random(8)
    per_doc = random_docs(rng, 5, 15)
    weights = np.array([[rng.randint(0, 2) for _ in per_doc] for _ in range(30)], dtype=np.int64)
    first = CellResampler.build(per_doc, PREFIX)
    assert first._complex  # the cache is used
    whole = first.parts(weights)
    monkeypatch.setattr(coref_resample, "_BLOCK_ELEMENTS", 1)  # one resample per block
    monkeypatch.setattr(coref_resample, "_CACHE_LIMIT", 1)
    resampler = CellResampler.build(per_doc, PREFIX)
    assert resampler.parts(weights) == whole == resampler.parts(weights)  # second call: from the cache
    monkeypatch.setattr(coref_resample, "_CACHE_DOCS", 0)  # no cache at all
    assert CellResampler.build(per_doc, PREFIX).parts(weights) == whole


def test_empty_and_unsupported_statistics():
    assert CellResampler.build([Counter(x=1)], PREFIX).conll_f1(np.ones((3, 1), dtype=np.int64)) == [None] * 3
    assert CellResampler.build([Counter({PREFIX + '["a", "x"]': 1.5})], PREFIX) is None  # a float count
    huge = Counter({PREFIX + '["a", "x"]': 2 ** 26})
    assert CellResampler.build([huge], PREFIX) is not None  # its square, 2**52, is exact in float64
    assert CellResampler.build([huge, huge], PREFIX) is None  # (2 * 2**26)**2 could lose bits


def test_real_events_statistics_and_hand_made_resample():
    # doc a drawn twice, doc b once, as in tests/test_metrics_events.py: the same F1 as merging the copies
    from metric_helpers import real_gold, stats_of
    from newsgold.metrics.events import MENTION_KEY, TASK

    golds = real_gold()
    rng = random.Random(2)
    preds = [{"events": [{**e, "instance": rng.choice([e["instance"], "y", None])} for e in g["events"]]}
             for g in golds]
    per_doc = stats_of(TASK, list(zip(golds, preds)))
    resampler = CellResampler.build(per_doc, MENTION_KEY)
    weights = np.array([[2, 1, 0, 0, 0], [0, 0, 0, 0, 5], [1, 1, 1, 1, 1], [3, 0, 2, 0, 0]], dtype=np.int64)
    want = [conll_f1(table_from_stats(merge(Counter({k: v * int(n) for k, v in doc.items()})
                                            for doc, n in zip(per_doc, row)), MENTION_KEY)) for row in weights]
    assert resampler.conll_f1(weights) == want
    assert all(f is not None and 0 < f < 1 for f in want)


@pytest.mark.parametrize("labels", [[("a", "x")] * 3, [(None, None)] * 2, [("a", None), (None, "x")],
                                    [("a", False), (False, "x"), (None, False), (False, None)]])
def test_small_layouts_with_zero_draws(labels):
    per_doc = [cell_stats(labels, PREFIX), cell_stats(labels[:1], PREFIX)]
    check(per_doc, np.array([[0, 0], [1, 0], [0, 1], [2, 3]], dtype=np.int64))


def test_many_components_of_every_kind():
    # labels mostly local to a document (as instance ids usually are) plus a few shared ones:
    # hundreds of components, stars and ones that need the assignment side by side
    rng = random.Random(11)
    per_doc = []
    for d in range(30):
        shared = ["shared"] if d % 10 == 0 else []
        local_k = [None, False, f"{d}a", f"{d}b", *shared]
        local_r = [None, False, f"{d}x", f"{d}y", *shared]
        per_doc.extend(random_docs(rng, 1, 10, local_k, local_r))
    weights = np.array([[rng.choice([0, 0, 1, 1, 2]) for _ in per_doc] for _ in range(15)], dtype=np.int64)
    resampler = check(per_doc, weights)
    assert len(resampler._complex) >= 4 and len(resampler._stars.starts) >= 20
