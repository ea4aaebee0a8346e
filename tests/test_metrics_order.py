"""No number depends on list order: shuffling every list inside a prediction line changes nothing.

Property test (hypothesis; ``HYPOTHESIS_PROFILE=ci`` runs >= 1000 examples, see conftest.py):
predictions are made from a real gold document with the hard cases put in on purpose
(overlapping and duplicate spans with different labels, slugs, QIDs, values,
instances; overlapping segments; repeated translations), then every list of the
line (and every event's arguments) is shuffled; every number of every task must be
identical (``==`` on the whole score dict, floats included).
"""
from __future__ import annotations

import copy
import json
import random
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from metric_helpers import build, real_gold
from newsgold.evaluate import TASKS, load_task
from newsgold.metrics.base import TaskOptions

GOLDS = sorted(real_gold(), key=lambda g: g["doc_id"])
SPAN_TASKS = [load_task(name) for name in TASKS if name != "translation"]  # translation: own test below
OPTIONS = [TaskOptions(), TaskOptions(main_content_only=True, exclude_demonyms=True, exclude_misc=True)]
TYPES = ("PER", "ORG", "LOC", "MISC")


def _variant(item: dict, rng: random.Random, text_len: int) -> dict:
    """A copy of a span item moved and relabelled at random (a source of overlaps and duplicates)."""
    out = copy.deepcopy(item)
    out.pop("id", None)
    if rng.random() < 0.5:
        start = max(0, out["start"] + rng.randint(-3, 3))
        out["start"], out["end"] = start, min(text_len, max(start + 1, out["end"] + rng.randint(-3, 3)))
    out.pop("text", None)
    return out


def _entities(gold: dict, rng: random.Random) -> list[dict]:
    out = []
    for ent in gold.get("entities") or []:
        if rng.random() < 0.15:
            continue
        base = copy.deepcopy(ent)
        base["entity"] = rng.choice([ent.get("entity"), "c1", "c2", None])
        base["wikidata"] = rng.choice([ent.get("wikidata"), "Q1", "NIL", None])
        out.append(base)
        for _ in range(rng.choice([0, 0, 1, 2])):
            dup = _variant(ent, rng, len(gold["text"]))
            dup["type"] = rng.choice(TYPES)
            dup["subtype"] = "demonym" if dup["type"] == "MISC" and rng.random() < 0.3 else None
            dup["entity"] = rng.choice([ent.get("entity"), "c1", None])
            dup["wikidata"] = rng.choice([ent.get("wikidata"), "Q2", "NIL", None])
            out.append(dup)
    return out


def _timexes(gold: dict, rng: random.Random) -> list[dict]:
    out = []
    for tx in gold.get("timexes") or []:
        out.append(copy.deepcopy(tx))
        for _ in range(rng.choice([0, 1, 2])):
            dup = _variant(tx, rng, len(gold["text"]))
            dup["type"] = rng.choice(["DATE", "TIME", "DURATION", "SET"])
            dup["value"] = rng.choice([tx.get("value"), "2024", "PAST_REF"])
            out.append(dup)
    return out


def _segments(gold: dict, rng: random.Random) -> list[dict]:
    out = []
    for seg in gold.get("segments") or []:
        out.append({k: v for k, v in seg.items() if k in ("start", "end", "zone", "lang")})
        if rng.random() < 0.3:
            dup = _variant(seg, rng, len(gold["text"]))
            dup["zone"] = rng.choice(["body", "boilerplate", "title"])
            dup["lang"] = rng.choice(["en", "el", "vi"])
            out.append({k: v for k, v in dup.items() if k in ("start", "end", "zone", "lang")})
    return out


def _events(gold: dict, rng: random.Random) -> list[dict]:
    out = []
    for ev in gold.get("events") or []:
        base = copy.deepcopy(ev)
        base["instance"] = rng.choice([ev.get("instance"), "i1", None])
        out.append(base)
        if rng.random() < 0.4:
            dup = copy.deepcopy(ev)
            dup.pop("id", None)
            dup["type"] = rng.choice([ev["type"], "AGREE", "CONSULT"])
            dup["status"] = rng.choice([ev.get("status"), "asserted", "intended"])
            dup["instance"] = rng.choice([ev.get("instance"), "i1", "i2", None])
            dup["arguments"] = [a for a in dup.get("arguments") or [] if rng.random() < 0.7]
            out.append(dup)
    return out


def _prediction(gold: dict, rng: random.Random) -> dict[str, Any]:
    return {"doc_id": gold["doc_id"], "language": gold.get("language"), "segments": _segments(gold, rng),
            "entities": _entities(gold, rng), "timexes": _timexes(gold, rng), "events": _events(gold, rng)}


def _shuffled(pred: dict, rng: random.Random) -> dict:
    out = copy.deepcopy(pred)
    for value in out.values():
        if isinstance(value, list):
            rng.shuffle(value)
            for item in value:
                if isinstance(item, dict) and isinstance(item.get("arguments"), list):
                    rng.shuffle(item["arguments"])
    return out


@given(doc=st.integers(0, len(GOLDS) - 1), seed=st.integers(0, 2**32 - 1), shuffle_seed=st.integers(0, 2**32 - 1))
def test_shuffling_every_list_changes_no_number(doc, seed, shuffle_seed):
    gold = GOLDS[doc]
    pred = _prediction(gold, random.Random(seed))
    shuffled = _shuffled(pred, random.Random(shuffle_seed))
    for options in OPTIONS:
        for task in SPAN_TASKS:
            want = task.score(task.doc_stats(gold, pred, options), options)
            got = task.score(task.doc_stats(gold, shuffled, options), options)
            assert got == want, task.name
            assert json.dumps(got) == json.dumps(want), task.name  # the same key order in the result file too


TRANSLATION_GOLD = build([(f"Sentence {i} here.", {"zone": "body", "lang": "el"}) for i in range(4)])
TRANSLATION_GOLD["translations"] = [{"segment": f"S{i + 1}", "text": f"Sentence number {i} here."} for i in range(4)]


@given(seed=st.integers(0, 2**32 - 1))
def test_shuffled_translations_change_no_number(seed):
    rng = random.Random(seed)
    words = ["Sentence", "number", "here", "there", "0", "1", "2", "3", "."]
    hyps = [{"segment": f"S{rng.randint(1, 5)}", "text": " ".join(rng.choice(words) for _ in range(rng.randint(1, 6)))}
            for _ in range(rng.randint(0, 8))]
    task = load_task("translation")
    want = task.score(task.doc_stats(TRANSLATION_GOLD, {"translations": hyps}, TaskOptions()), TaskOptions())
    rng.shuffle(hyps)
    assert task.score(task.doc_stats(TRANSLATION_GOLD, {"translations": hyps}, TaskOptions()), TaskOptions()) == want
