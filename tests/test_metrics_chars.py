"""Tests for newsgold.metrics.chars: the interval arithmetic equals a per-character reference.

The reference below is the per-character implementation the module replaced (one label per
code point, then one pair per non-whitespace gold character); it stays here, small and
slow, as the definition the fast version must reproduce: the same pairs, the same counts,
the same first-occurrence order (so the ``lid`` and ``zones`` statistics keep their keys,
types and order).
"""
from __future__ import annotations

import sys
from collections import Counter
from typing import Any, Mapping, Sequence

import pytest
from hypothesis import given
from hypothesis import strategies as st

from metric_helpers import real_gold
from newsgold.gold import MAIN_CONTENT_ZONES
from newsgold.metrics.base import TaskOptions
from newsgold.metrics.chars import NONE, label_runs, non_space, paired_counts
from newsgold.metrics.lid import TASK as LID
from newsgold.metrics.zones import TASK as ZONES


# --- the per-character reference -----------------------------------------------------------


def _ref_label_array(length: int, segments: Sequence[Mapping[str, Any]], attr: str) -> list[Any]:
    labels: list[Any] = [None] * length
    covered = [False] * length
    ordered = sorted(segments, key=lambda seg: (seg["start"], seg["end"], str(seg.get(attr) or "")))
    for seg in ordered:
        for pos in range(max(0, seg["start"]), min(length, seg["end"])):
            if not covered[pos]:
                covered[pos] = True
                labels[pos] = seg.get(attr)
    return labels


def _ref_pairs(gold: Mapping[str, Any], pred: Mapping[str, Any], attr: str) -> list[tuple[Any, str]]:
    text = gold["text"]
    predicted = _ref_label_array(len(text), pred.get("segments") or [], attr)
    return [(seg[attr], predicted[pos] or NONE)
            for seg in gold.get("segments") or [] for pos in range(seg["start"], seg["end"]) if not text[pos].isspace()]


def _ref_counts(gold: Mapping[str, Any], pred: Mapping[str, Any], attr: str) -> list[tuple[tuple[Any, str], int]]:
    return list(Counter(_ref_pairs(gold, pred, attr)).items())  # Counter keeps first-occurrence order


def _ref_lid(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> list[tuple[str, Any]]:
    stats: Counter = Counter({"doc.n": 1, "doc.correct": int(pred.get("language") == gold["language"])})
    stats["char.n"] = 0
    stats["char.correct"] = 0
    for gold_lang, pred_lang in _ref_pairs(gold, pred, "lang"):
        stats["char.n"] += 1
        if gold_lang == pred_lang:
            stats["char.correct"] += 1
            stats[f"lang.{gold_lang}.tp"] += 1
            continue
        stats[f"lang.{gold_lang}.fn"] += 1
        if pred_lang != NONE:
            stats[f"lang.{pred_lang}.fp"] += 1
    return list(stats.items())


def _ref_zone_chars(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> list[tuple[str, Any]]:
    stats: Counter = Counter({f"{p}.{k}": 0 for p in ("main", "boilerplate") for k in ("tp", "fp", "fn")})
    stats["char.n"] = 0
    for gold_zone, pred_zone in _ref_pairs(gold, pred, "zone"):
        stats["char.n"] += 1
        stats[f"confusion.{gold_zone}.{pred_zone}"] += 1
        for prefix, g, p in (("main", gold_zone in MAIN_CONTENT_ZONES, pred_zone in MAIN_CONTENT_ZONES),
                             ("boilerplate", gold_zone == "boilerplate", pred_zone == "boilerplate")):
            if g or p:
                stats[f"{prefix}.{'tp' if g and p else 'fp' if p else 'fn'}"] += 1
    return list(stats.items())


def _typed(items: Sequence[tuple[str, Any]]) -> list[tuple[str, str, Any]]:
    return [(k, type(v).__name__, v) for k, v in items]


def _assert_same(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> None:
    for attr in ("lang", "zone"):
        assert list(paired_counts(gold, pred, attr).items()) == _ref_counts(gold, pred, attr)
    assert _typed(list(LID.doc_stats(gold, pred, TaskOptions()).items())) == _typed(_ref_lid(gold, pred))
    zone_items = [(k, v) for k, v in ZONES.doc_stats(gold, pred, TaskOptions()).items() if not k.startswith("shingle.")]
    assert _typed(zone_items) == _typed(_ref_zone_chars(gold, pred))


# --- whitespace ----------------------------------------------------------------------------


def test_str_split_whitespace_is_str_isspace_for_every_code_point():
    # non_space() counts with str.split(); the definition is str.isspace. Same table in CPython, checked here.
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    kept = "".join(ch for ch in every if not ch.isspace())  # each code point once: equal strings = equal sets
    assert "".join(every.split()) == kept
    assert non_space(every, 0, len(every)) == len(kept)


def test_non_space_counts_nbsp_and_ideographic_space_as_whitespace():
    assert non_space("a\u00a0b\u3000c \td\u2028", 0, 9) == 4
    assert non_space("abc", 2, 2) == 0


# --- runs ----------------------------------------------------------------------------------


def test_label_runs_precedence_first_start_then_shorter_then_smaller_label():
    segs = [{"start": 2, "end": 8, "lang": "b"}, {"start": 0, "end": 5, "lang": "x"},
            {"start": 2, "end": 8, "lang": "a"}, {"start": 2, "end": 4, "lang": "z"}, {"start": 9, "end": 9, "lang": "q"},
            {"start": -3, "end": 1, "lang": "n"}, {"start": 7, "end": 40}]
    assert label_runs(12, segs, "lang") == [(0, 1, "n"), (1, 5, "x"), (5, 8, "a"), (8, 12, None)]


def test_label_runs_equal_reference_labels():
    segs = [{"start": 3, "end": 9, "zone": "body"}, {"start": 1, "end": 4, "zone": "title"}, {"start": 12, "end": 15}]
    labels: list[Any] = [None] * 20
    covered = [False] * 20
    for start, end, value in label_runs(20, segs, "zone"):
        for pos in range(start, end):
            labels[pos], covered[pos] = value, True
    assert labels == _ref_label_array(20, segs, "zone")
    assert covered == [1 <= p < 9 or 12 <= p < 15 for p in range(20)]


# --- hand cases ----------------------------------------------------------------------------

TEXT = "ab cd\u00a0ef  gh\nij kl"  # 18 code points, NBSP at 5


def _gold(segments: list[tuple[int, int, str, str]]) -> dict[str, Any]:
    return {"text": TEXT, "language": "en",
            "segments": [{"start": s, "end": e, "lang": lang, "zone": zone} for s, e, lang, zone in segments]}


@pytest.mark.parametrize("pred_segments", [
    [],
    [{"start": 0, "end": 18, "lang": "en", "zone": "body"}],
    [{"start": 0, "end": 4, "lang": "en"}, {"start": 3, "end": 11, "lang": "de", "zone": "title"}],
    [{"start": 4, "end": 4, "lang": "en"}, {"start": -5, "end": 2, "lang": "de", "zone": "boilerplate"},
     {"start": 16, "end": 99, "lang": "en", "zone": "body"}, {"start": 30, "end": 40, "lang": "fr"}],
    [{"start": 5, "end": 6, "lang": "fr", "zone": "body"}, {"start": 2, "end": 3, "lang": "", "zone": None},
     {"start": 11, "end": 9, "lang": "it"}],
    [{"start": 0, "end": 18, "lang": "en"}, {"start": 0, "end": 18, "lang": "de"}, {"start": 0, "end": 9, "lang": "it"}],
])
def test_hand_layouts_equal_the_reference(pred_segments):
    gold = _gold([(0, 5, "en", "title"), (6, 12, "de", "body"), (12, 12, "en", "body"), (14, 18, "fr", "boilerplate"),
                  (8, 10, "en", "caption")])
    _assert_same(gold, {"segments": pred_segments, "language": "en"})


def test_gold_segment_outside_the_text_is_an_error():
    with pytest.raises(ValueError, match="outside the text"):
        paired_counts(_gold([(10, 30, "en", "body")]), {}, "lang")


# --- bundled gold --------------------------------------------------------------------------


def _shifted(segments: list[dict[str, Any]], length: int) -> list[dict[str, Any]]:
    """A hostile prediction from gold segments: shifted, relabelled, overlapping, partly outside the text."""
    out = []
    langs, zones = ["el", "en", "nb", None, "vi"], ["body", "boilerplate", "title", None, "caption"]
    for i, seg in enumerate(segments):
        shift = (i * 7) % 23 - 11
        seg2 = {"start": seg["start"] + shift, "end": seg["end"] + shift * 2}
        if langs[i % 5]:
            seg2["lang"] = langs[i % 5]
        if zones[(i * 3) % 5]:
            seg2["zone"] = zones[(i * 3) % 5]
        out.append(seg2)
    out.append({"start": length // 3, "end": length + 50, "lang": "it", "zone": "body"})
    return out


def test_bundled_gold_equals_the_reference():
    for gold in real_gold():
        segments = gold["segments"]
        _assert_same(gold, gold)
        _assert_same(gold, {})
        _assert_same(gold, {"segments": _shifted(segments, len(gold["text"])), "language": "xx"})
        _assert_same(gold, {"segments": list(reversed(segments[::2]))})


# --- random layouts ------------------------------------------------------------------------

_CHARS = st.sampled_from(list("ab c\u00a0\n\t\u2003xé字"))
_LABELS = st.sampled_from(["en", "de", "body", "title", "boilerplate", "", None])


@st.composite
def _layouts(draw: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    text = draw(st.text(_CHARS, max_size=40))
    n = len(text)
    cuts = sorted(draw(st.lists(st.integers(0, n), max_size=8)))
    gold_segs = []
    for start, end in zip([0, *cuts], [*cuts, n]):  # tiling with gaps dropped at random; may hold whitespace only
        if draw(st.booleans()):
            gold_segs.append({"start": start, "end": end, "lang": draw(st.sampled_from(["en", "de", "none"])),
                              "zone": draw(st.sampled_from(["body", "title", "boilerplate", "none"]))})
    if gold_segs and draw(st.booleans()):  # an overlapping gold segment too
        gold_segs.append(dict(draw(st.sampled_from(gold_segs))))
    pred_segs = []
    for _ in range(draw(st.integers(0, 8))):
        seg = {"start": draw(st.integers(-5, n + 5)), "end": draw(st.integers(-5, n + 5))}
        for attr in ("lang", "zone"):
            label = draw(_LABELS)
            if label is not None or draw(st.booleans()):
                seg[attr] = label
        pred_segs.append(seg)
    return ({"text": text, "language": "en", "segments": gold_segs},
            {"segments": pred_segs, "language": draw(st.sampled_from(["en", "de"]))})


@given(_layouts())
def test_random_layouts_equal_the_reference(layout):
    gold, pred = layout
    _assert_same(gold, pred)
