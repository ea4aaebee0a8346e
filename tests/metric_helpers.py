"""Shared helpers for the metric tests: real gold documents and synthetic documents."""
from __future__ import annotations

import copy
import json
import math
from collections import Counter
from typing import Any, Iterable, Mapping, Sequence

import bundled
from newsgold.metrics.base import Task, TaskOptions, merge

SPAN_LAYERS = ("segments", "entities", "timexes")


def real_gold() -> list[dict[str, Any]]:
    """Every annotation file with its corpus text under ``"text"``."""
    docs = []
    for path in bundled.gold_paths():
        gold = json.loads(path.read_text(encoding="utf-8"))
        raw = (bundled.data_root() / gold["text_file"]).read_bytes()
        gold["text"] = raw.decode("utf-8")
        docs.append(gold)
    assert docs, "no gold documents found"
    return docs


def build(parts: Sequence[tuple[str, Mapping[str, Any] | None]], sep: str = "\n") -> dict[str, Any]:
    """A synthetic gold document: each ``(text, attrs)`` part is one segment (None: text only).

    Parts are joined with ``sep``; segments get ids ``S1, S2, ...`` and exact offsets.
    """
    text, segments = "", []
    for i, (piece, attrs) in enumerate(parts):
        if i:
            text += sep
        start = len(text)
        text += piece
        if attrs is not None:
            segments.append({"id": f"S{len(segments) + 1}", "start": start, "end": len(text), "text": piece,
                             **attrs})
    return {"doc_id": "synthetic", "language": "en", "text": text, "segments": segments,
            "entities": [], "timexes": [], "events": [], "translations": []}


def span(text: str, needle: str, occurrence: int = 0, **attrs: Any) -> dict[str, Any]:
    """A span dict for the ``occurrence``-th occurrence of ``needle`` in ``text``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    return {"start": start, "end": start + len(needle), "text": needle, **attrs}


def concat(docs: Sequence[Mapping[str, Any]], sep: str = "\n") -> dict[str, Any]:
    """Concatenate documents (text joined with ``sep``, span layers shifted) into one document."""
    whole: dict[str, Any] = {"doc_id": "concat", "language": docs[0].get("language"), "text": ""}
    for layer in SPAN_LAYERS:
        whole[layer] = []
    for i, doc in enumerate(docs):
        offset = len(whole["text"]) + (len(sep) if i else 0)
        whole["text"] += (sep if i else "") + doc["text"]
        for layer in SPAN_LAYERS:
            for item in copy.deepcopy(doc.get(layer) or []):
                item["start"] += offset
                item["end"] += offset
                whole[layer].append(item)
    return whole


def stats_of(task: Task, pairs: Iterable[tuple[Mapping[str, Any], Mapping[str, Any]]],
             options: TaskOptions | None = None) -> list[Counter]:
    """Per-document statistics of ``(gold, pred)`` pairs."""
    return [task.doc_stats(g, p, options or TaskOptions()) for g, p in pairs]


def score_of(task: Task, pairs: Iterable[tuple[Mapping[str, Any], Mapping[str, Any]]],
             options: TaskOptions | None = None) -> dict[str, Any]:
    """Score of the merged statistics of ``(gold, pred)`` pairs."""
    options = options or TaskOptions()
    return task.score(merge(stats_of(task, pairs, options)), options)


def assert_flat_numeric(stats: Mapping[str, Any]) -> None:
    """Statistics are a flat mapping from str to int/float."""
    for key, value in stats.items():
        assert isinstance(key, str)
        assert isinstance(value, (int, float)) and not isinstance(value, bool), (key, value)


def assert_stats_equal(a: Mapping[str, float], b: Mapping[str, float]) -> None:
    """Same keys; integers equal, floats equal up to summation order (rel. 1e-12)."""
    assert set(a) == set(b)
    for key in a:
        assert math.isclose(a[key], b[key], rel_tol=1e-12, abs_tol=1e-12), (key, a[key], b[key])


def assert_shards_merge(task: Task, pairs: Sequence[tuple[Mapping[str, Any], Mapping[str, Any]]],
                        options: TaskOptions | None = None) -> None:
    """Merging shard sums (any cut, either order) gives the statistics of all documents merged."""
    per_doc = stats_of(task, pairs, options)
    whole = merge(per_doc)
    for cut in range(len(per_doc) + 1):
        shards = [merge(per_doc[:cut]), merge(per_doc[cut:])]
        assert_stats_equal(merge(shards), whole)
        assert_stats_equal(merge(reversed(shards)), whole)
