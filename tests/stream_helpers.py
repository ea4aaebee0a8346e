"""Inputs for the streaming and backend tests: perturbed predictions and the gold in the JSON Lines form."""
from __future__ import annotations

import json
import random
import shutil
from pathlib import Path
from typing import Any

from newsgold import evaluate
from newsgold.corpus import open_corpus
from newsgold.predictions import from_gold, read_predictions


def perturb(line: dict[str, Any]) -> dict[str, Any]:
    """A gold prediction line made imperfect in every layer, keeping it valid."""
    ents = [e for i, e in enumerate(line["entities"]) if i % 3]
    for e in ents[::4]:
        e["type"] = "PER" if e["type"] == "ORG" else "ORG"
        e.pop("subtype", None)
    line["entities"] = ents
    line["timexes"] = line["timexes"][1:]
    known = {m["id"] for layer in ("entities", "timexes", "events") for m in line[layer]}
    for ev in line["events"]:
        ev["arguments"] = [a for a in ev.get("arguments") or [] if a["ref"] in known]
    for ev in line["events"][::3]:
        ev["instance"] = None
    line["segments"] = line["segments"][::2]
    line["translations"] = line["translations"][1:]
    if len(line["doc_id"]) % 2:
        line["language"] = "en"
    return line


def write_predictions(path: Path, seed: int, drop: int = 1) -> Path:
    """Perturbed predictions of the bundled gold, shuffled, ``drop`` documents left out."""
    corpus = open_corpus()
    golds, kb = corpus.golds(), corpus.registry
    lines = [perturb(from_gold(golds[d], kb)) for d in sorted(golds)]
    random.Random(seed).shuffle(lines)
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines[drop:]), encoding="utf-8")
    return path


def write_jsonl_gold(folder: Path, shards: int) -> Path:
    """The bundled gold in the JSON Lines form, cut into ``shards`` files (documents shuffled)."""
    corpus = open_corpus()
    docs = list(corpus.documents())
    random.Random(shards).shuffle(docs)
    folder.mkdir(parents=True, exist_ok=True)
    for k in range(shards):
        part = docs[k::shards]
        (folder / f"part-{k}.jsonl").write_text(
            "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in part), encoding="utf-8")
    shutil.copy(corpus.registry_path, folder / "kb.json")
    return folder


def in_memory(predictions: list[tuple[Path, str]], tasks, settings, corpus=None) -> dict[str, Any]:
    """The reference: :func:`newsgold.evaluate.build_result` on the whole gold in memory."""
    corpus = corpus or open_corpus()
    golds = corpus.golds()
    layers = sorted({layer for t in tasks for layer in t.layers})
    systems = [({"name": name or path.name.removesuffix(".jsonl"), "mode": "predictions", "ref": str(path)},
                read_predictions(path, golds, layers)) for path, name in predictions]
    return evaluate.build_result(systems, tasks, golds, settings, corpus.fingerprint, compare_first_two=True,
                                 data_version=corpus.data_version)


def same(a: Any, b: Any) -> bool:
    """Identical as JSON (same keys, same values to the last bit)."""
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)
