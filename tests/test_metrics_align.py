"""The one span matcher (newsgold.metrics.align): tiers, maximum matching, order-freedom, sweep."""
from __future__ import annotations

import random

import pytest

from newsgold.metrics.align import EQUALITY_TIERS, OVERLAP_TIERS, Item, align, align_many, overlap_candidates


def _pairs(found):
    return [(g, p, t) for g, p, t in found.pairs]


def test_exact_tier_first_then_overlap():
    # gold [12,17) LOC; preds [6,17) ORG (overlap) and [12,17) LOC (exact): exact pairs first, ORG is spurious.
    found = align([Item(12, 17, "LOC")], [Item(6, 17, "ORG"), Item(12, 17, "LOC")], ("label", "overlap"))
    assert _pairs(found) == [(0, 1, "label")] and found.spurious == [0] and found.missed == []


def test_content_tier_pairs_equal_attributes_whatever_the_order():
    # two predictions on one gold span with slugs moscow/russia; gold says russia: the russia one pairs
    gold = [Item(0, 6, "LOC", "russia")]
    for pred in ([Item(0, 6, "LOC", "moscow"), Item(0, 6, "LOC", "russia")],
                 [Item(0, 6, "LOC", "russia"), Item(0, 6, "LOC", "moscow")]):
        found = align(gold, pred, ("content", "bounds"))
        assert pred[found.pairs[0][1]].content == "russia" and found.pairs[0][2] == "content"


def test_maximum_matching_beats_greedy():
    # gold A [0,10), B [10,14); preds X [0,12) overlaps A and B, Y [2,4) overlaps A only.
    # greedy in start order gives A to X and leaves Y and B unpaired; the maximum matching pairs A-Y and B-X.
    found = align([Item(0, 10), Item(10, 14)], [Item(0, 12), Item(2, 4)], ("overlap",))
    assert sorted((g, p) for g, p, _ in found.pairs) == [(0, 1), (1, 0)]
    assert found.missed == [] and found.spurious == []


def test_longer_overlap_preferred_when_both_can_pair():
    # gold [0,10); preds [0,3) (3 shared) and [2,10) (8 shared): one gold, the longer overlap wins
    found = align([Item(0, 10)], [Item(0, 3), Item(2, 10)], ("overlap",))
    assert found.pairs == [(0, 1, "overlap")] and found.spurious == [0]


def test_min_overlap_share_of_gold():
    # gold [0,10), pred [0,4): 40 % of the gold; needs 50 % -> unpaired
    assert align([Item(0, 10)], [Item(0, 4)], ("overlap",), min_overlap=0.5).pairs == []
    assert align([Item(0, 10)], [Item(0, 5)], ("overlap",), min_overlap=0.5).pairs == [(0, 0, "overlap")]


def test_touching_spans_do_not_overlap():
    assert align([Item(0, 3)], [Item(3, 5)], ("overlap",)).pairs == []


def _random_items(rng: random.Random, n: int) -> list[Item]:
    out = []
    for _ in range(n):
        start = rng.randrange(0, 80)
        out.append(Item(start, start + rng.randint(1, 10), rng.choice("AB"), rng.choice([None, "x", "y"])))
    return out


def _brute_max(gold, pred) -> int:
    """Size of a maximum matching of overlapping pairs, by exhaustive search (tiny inputs)."""
    def best(i: int, used: frozenset) -> int:
        if i == len(gold):
            return 0
        top = best(i + 1, used)
        for j, p in enumerate(pred):
            if j not in used and min(gold[i].end, p.end) > max(gold[i].start, p.start):
                top = max(top, 1 + best(i + 1, used | {j}))
        return top
    return best(0, frozenset())


def test_overlap_tier_is_a_maximum_matching():
    rng = random.Random(11)
    for _ in range(300):
        gold, pred = _random_items(rng, rng.randint(0, 6)), _random_items(rng, rng.randint(0, 6))
        assert len(align(gold, pred, ("overlap",)).pairs) == _brute_max(gold, pred)


def test_every_outcome_is_free_of_list_order():
    rng = random.Random(12)
    tiers = ("content", "label", "bounds", "overlap_label", "overlap")
    for _ in range(300):
        gold, pred = _random_items(rng, rng.randint(0, 8)), _random_items(rng, rng.randint(0, 8))

        def outcome(g, p):
            found = align(g, p, tiers)
            return (sorted(repr((g[a], p[b], t)) for a, b, t in found.pairs),
                    sorted(repr(g[i]) for i in found.missed), sorted(repr(p[i]) for i in found.spurious))

        want = outcome(gold, pred)
        rng.shuffle(gold)
        rng.shuffle(pred)
        assert outcome(gold, pred) == want


def test_sweep_finds_exactly_the_overlapping_pairs():
    rng = random.Random(13)
    for _ in range(200):
        gold, pred = _random_items(rng, rng.randint(0, 12)), _random_items(rng, rng.randint(0, 12))
        g = sorted(enumerate(gold), key=lambda x: x[1].start)
        p = sorted(enumerate(pred), key=lambda x: x[1].start)
        found = {(gi, pi) for gi, pis in overlap_candidates(g, p).items() for pi in pis}
        want = {(i, j) for i, a in enumerate(gold) for j, b in enumerate(pred)
                if min(a.end, b.end) > max(a.start, b.start)}
        assert found == want


def test_sweep_compares_only_spans_open_together():
    # 6000 flat gold spans and 6000 shifted predictions: each gold meets at most 2 predictions, so the
    # candidate lists stay short (near-linear work) instead of 36 million comparisons
    gold = [Item(10 * i, 10 * i + 6, "A") for i in range(6000)]
    pred = [Item(10 * i + 3, 10 * i + 9, "A") for i in range(6000)]
    cands = overlap_candidates(list(enumerate(gold)), list(enumerate(pred)))
    assert max(len(v) for v in cands.values()) == 1 and len(cands) == 6000
    found = align(gold, pred, ("label", "overlap"))
    assert len(found.pairs) == 6000 and not found.missed and not found.spurious


def test_align_many_equals_one_align_per_tier_list():
    rng = random.Random(14)
    names = EQUALITY_TIERS + OVERLAP_TIERS
    for _ in range(400):
        gold, pred = _random_items(rng, rng.randint(0, 10)), _random_items(rng, rng.randint(0, 10))
        base = tuple(rng.sample(names, rng.randint(0, 3)))
        lists = [base + tuple(rng.sample(names, rng.randint(0, 3))) for _ in range(rng.randint(1, 5))]
        min_overlap = rng.choice([None, 0.5])
        got = align_many(gold, pred, lists, min_overlap)
        assert [(a.pairs, a.missed, a.spurious) for a in got] == \
            [(b.pairs, b.missed, b.spurious) for b in (align(gold, pred, t, min_overlap) for t in lists)]


def test_unknown_tier_is_an_error_once_reached():
    items = [Item(0, 3, "A")]
    with pytest.raises(ValueError, match="unknown tier"):
        align_many(items, [Item(5, 8, "A")], [("bounds",), ("overlap", "nonsense")])
    assert align(items, items, ("label", "nonsense")).pairs == [(0, 0, "label")]  # nothing left to pair
