"""Orchestration with fake tasks: order independence, sharding, corpus statistics, bootstrap, signature."""
from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import pytest

from newsgold import evaluate
from newsgold.errors import UsageError
from newsgold.metrics.base import TaskOptions, merge
from newsgold.predictions import Predictions, from_gold

FIXTURES = Path(__file__).parent / "fixtures" / "systems"
sys.path.insert(0, str(FIXTURES))

import fake_tasks  # noqa: E402
import toy_callable  # noqa: E402

TASKS = [fake_tasks.LANG, fake_tasks.SEG, fake_tasks.PAIRS]
FINGERPRINT = "0" * 64


@pytest.fixture(scope="module")
def golds():
    return evaluate.load_golds()


@pytest.fixture(scope="module")
def toy(golds):
    """The toy system's predictions, with one language deliberately wrong so that scores are not all 1."""
    by_doc = {p["doc_id"]: p for p in toy_callable.predict([{"doc_id": d, "text": g["text"]} for d, g in golds.items()])}
    first = sorted(by_doc)[0]
    by_doc[first]["language"] = "it"
    return Predictions(by_doc)


def result_of(golds, preds, tasks=TASKS, bootstrap=50, seed=7, **kw):
    settings = evaluate.Settings(tuple(t.name for t in tasks), bootstrap=bootstrap, seed=seed)
    return evaluate.build_result([({"name": "toy", "mode": "callable", "ref": "x:y"}, preds)], tasks, golds,
                                 settings, FINGERPRINT, **kw)


def test_permuting_documents_changes_nothing(golds, toy):
    ids = list(golds)
    random.Random(3).shuffle(ids)
    shuffled_golds = {d: golds[d] for d in reversed(ids)}
    shuffled_preds = Predictions({d: toy.by_doc[d] for d in ids})
    a = result_of(golds, toy)
    b = result_of(shuffled_golds, shuffled_preds)
    assert json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def test_merging_shards_equals_the_whole(golds, toy):
    options = TaskOptions()
    for task in (fake_tasks.LANG, fake_tasks.SEG):
        per_doc = evaluate.doc_stats(task, golds, toy.by_doc, options)
        ids = sorted(golds)
        shards = [ids[:2], ids[2:3], ids[3:]]
        parts = [evaluate.total_stats(task, per_doc, golds, toy.by_doc, options, shard) for shard in shards]
        whole = evaluate.total_stats(task, per_doc, golds, toy.by_doc, options)
        assert merge(parts) == whole
        assert task.score(merge(parts), options) == task.score(whole, options)


def test_corpus_stats_are_added_once_over_all_documents(golds, toy):
    options = TaskOptions()
    per_doc = evaluate.doc_stats(fake_tasks.PAIRS, golds, toy.by_doc, options)
    stats = evaluate.total_stats(fake_tasks.PAIRS, per_doc, golds, toy.by_doc, options)
    n = len(golds)
    assert stats["docs"] == n and stats["pairs"] == n * (n - 1) // 2
    scores = result_of(golds, toy, bootstrap=0)["systems"][0]["tasks"]["pairs"]["scores"]
    assert scores == fake_tasks.PAIRS.score(stats, options)
    assert scores["agreement"] < 1.0  # the wrong language breaks some pairs


def test_corpus_resample_with_every_document_once_is_the_full_score(golds, toy):
    options = TaskOptions()
    per_doc = evaluate.doc_stats(fake_tasks.PAIRS, golds, toy.by_doc, options)
    wrapper = evaluate._CorpusResample(fake_tasks.PAIRS, golds, options)
    indicators = wrapper.add("s", per_doc, toy.by_doc)
    full = fake_tasks.PAIRS.score(evaluate.total_stats(fake_tasks.PAIRS, per_doc, golds, toy.by_doc, options), options)
    assert wrapper.score(merge(indicators), options) == full
    twice = merge(indicators + indicators)  # every document drawn twice: the copies count as documents
    doubled = [(golds[d]["language"], toy.by_doc[d].get("language")) for d in sorted(golds) for _ in range(2)]
    pairs = [(a, b) for i, a in enumerate(doubled) for b in doubled[i + 1:]]
    agree = sum((a[0] == b[0]) == (a[1] == b[1]) for a, b in pairs)
    assert wrapper.score(twice, options) == {"agreement": agree / len(pairs)}


def test_bootstrap_intervals_bracket_the_value_and_follow_the_seed(golds, toy):
    a = result_of(golds, toy, seed=1)["systems"][0]["tasks"]
    b = result_of(golds, toy, seed=1)["systems"][0]["tasks"]
    c = result_of(golds, toy, seed=2, bootstrap=200)["systems"][0]["tasks"]
    assert a == b
    for task in ("lang", "seg", "pairs"):
        for cell in c[task]["headline"].values():
            assert 0.0 <= cell["ci_low"] <= cell["ci_high"] <= 1.0
    assert c["lang"]["headline"]["accuracy"]["ci_low"] < c["lang"]["headline"]["accuracy"]["ci_high"]


def test_no_bootstrap_gives_null_intervals(golds, toy):
    cell = result_of(golds, toy, bootstrap=0)["systems"][0]["tasks"]["seg"]["headline"]["f1"]
    assert cell["value"] is not None and cell["ci_low"] is None and cell["ci_high"] is None


def test_by_language_groups_documents_by_primary_language(golds, toy):
    block = result_of(golds, toy, bootstrap=0)["systems"][0]["tasks"]["lang"]
    langs = {}
    for g in golds.values():
        langs[g["language"]] = langs.get(g["language"], 0) + 1
    assert {k: v["documents"] for k, v in block["by_language"].items()} == langs
    first = sorted(golds)[0]
    assert block["by_language"][golds[first]["language"]]["headline"]["accuracy"] < 1.0


def test_options_reach_the_tasks(golds, toy):
    plain = result_of(golds, toy, bootstrap=0)
    settings = evaluate.Settings(("seg",), TaskOptions(main_content_only=True), bootstrap=0)
    main_only = evaluate.build_result([({"name": "toy", "mode": "callable", "ref": "x:y"}, toy)], [fake_tasks.SEG],
                                      golds, settings, FINGERPRINT)
    assert main_only["signature"]["options"]["main_content_only"] is True
    assert main_only["systems"][0]["tasks"]["seg"]["scores"] != plain["systems"][0]["tasks"]["seg"]["scores"]


def test_paired_comparison_of_gold_against_empty(golds):
    gold_preds = Predictions({d: from_gold(g) for d, g in golds.items()})
    empty = Predictions({d: {"doc_id": d} for d in golds})
    settings = evaluate.Settings(("lang", "seg", "pairs"), bootstrap=100, seed=5)
    result = evaluate.build_result(
        [({"name": "gold", "mode": "predictions", "ref": "g"}, gold_preds),
         ({"name": "empty", "mode": "predictions", "ref": "e"}, empty)],
        TASKS, golds, settings, FINGERPRINT, compare_first_two=True,
    )
    rows = {(r["task"], r["metric"]): r for r in result["comparisons"]}
    assert set(rows) == {("lang", "accuracy"), ("seg", "f1"), ("seg", "precision"), ("pairs", "agreement")}
    assert rows[("lang", "accuracy")]["value_a"] == 1.0 and rows[("lang", "accuracy")]["value_b"] == 0.0
    assert rows[("lang", "accuracy")]["p_a_greater"] == 1.0
    assert rows[("seg", "precision")]["value_b"] == 0.0 and rows[("seg", "precision")]["difference"] == 1.0


def test_duplicate_system_names_are_refused(golds, toy):
    settings = evaluate.Settings(("lang",), bootstrap=0)
    system = {"name": "same", "mode": "predictions", "ref": "x"}
    with pytest.raises(UsageError, match="names must differ"):
        evaluate.build_result([(system, toy), (system, toy)], [fake_tasks.LANG], golds, settings, FINGERPRINT)


def test_signature(golds, toy):
    sig = result_of(golds, toy, bootstrap=30, seed=9)["signature"]
    assert sig["corpus_fingerprint"] == FINGERPRINT
    assert sig["documents"] == sorted(golds)
    assert sig["bootstrap"]["resamples"] == 30 and sig["bootstrap"]["seed"] == 9
    assert {"python", "sacrebleu", "seqeval", "datasets"} <= set(sig["libraries"])
    assert "tasks:lang,seg,pairs" in sig["string"] and "corpus:000000000000" in sig["string"]


def test_real_fingerprint_is_the_shared_one():
    from newsgold.fingerprint import corpus_fingerprint

    assert evaluate.fingerprint() == corpus_fingerprint()


def test_task_registry(monkeypatch):
    assert evaluate.parse_tasks("translation,lid") == ["lid", "translation"]
    assert evaluate.parse_tasks(None) == list(evaluate.TASKS)
    with pytest.raises(UsageError, match="unknown task"):
        evaluate.parse_tasks("lid,sentiment")
    monkeypatch.setitem(evaluate.TASKS, "ghost", "newsgold.metrics.ghost_task_that_does_not_exist")
    with pytest.raises(UsageError, match="not available"):
        evaluate.load_task("ghost")
    monkeypatch.syspath_prepend(str(FIXTURES))
    monkeypatch.setitem(evaluate.TASKS, "lang", "fake_tasks:LANG")
    assert evaluate.load_task("lang") is fake_tasks.LANG


def _perfect(metric: str, value) -> bool:
    if metric.split(".")[0] == "ter":  # an error rate: lower is better
        return value is None or value == pytest.approx(0.0)
    best = 100.0 if metric.split(".")[0] in ("bleu", "chrf", "chrf++") else 1.0  # sacreBLEU's 0-100 scale
    return value is None or value == pytest.approx(best)


@pytest.mark.parametrize("name", list(evaluate.TASKS))
def test_gold_as_predictions_is_perfect_on_every_real_task(golds, name):
    """Every real metric gives its best value when the gold is handed in as predictions (None where gold is empty)."""
    from newsgold.corpus import open_corpus

    try:
        task = evaluate.load_task(name)
    except UsageError as exc:
        pytest.skip(str(exc))
    kb = open_corpus().registry
    preds = Predictions({d: from_gold(g, kb) for d, g in golds.items()})
    block = result_of(golds, preds, tasks=[task], bootstrap=0)["systems"][0]["tasks"][name]
    imperfect = {p: c["value"] for p, c in block["headline"].items() if not _perfect(p, c["value"])}
    assert imperfect == {}


def test_data_version_is_in_the_signature(golds, toy):
    from newsgold.corpus import open_corpus

    settings = evaluate.Settings(("lang",), bootstrap=0)
    sig = evaluate.signature(settings, golds, FINGERPRINT, open_corpus().data_version)
    assert sig["data_version"] == "1.1.0"
    assert "|data:1.1.0|" in sig["string"]


def test_raw_annotation_files_as_predictions_are_perfect_end_to_end(tmp_path):
    """The gold corpus itself, line for line as its JSON Lines form holds it, scores perfect on every number."""
    import json

    from newsgold.cli import main

    assert main(["convert", "--to", "jsonl", "--out", str(tmp_path / "jsonl")]) == 0
    [shard] = sorted((tmp_path / "jsonl").glob("*.jsonl"))
    out = tmp_path / "result.json"
    assert main(["eval", "--predictions", str(shard), "--bootstrap", "0", "--output", str(out)]) == 0
    [system] = json.loads(out.read_text(encoding="utf-8"))["systems"]
    imperfect = {(task, p): c["value"] for task, block in system["tasks"].items()
                 for p, c in block["headline"].items() if not _perfect(p, c["value"])}
    assert imperfect == {}
    assert set(system["tasks"]) == set(evaluate.TASKS)
    values = [c["value"] for block in system["tasks"].values() for c in block["headline"].values()]
    assert sum(v is None for v in values) == 0, "every headline number has something to score on the bundled gold"
