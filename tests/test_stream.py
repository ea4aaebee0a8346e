"""Streaming evaluation: the same result as the in-memory harness, whatever the shards, order or jobs."""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import pytest

from newsgold import evaluate
from newsgold.cli import main
from newsgold.corpus import open_corpus
from newsgold.predictions import PredictionError
from newsgold.stream import evaluate_files
from newsgold.stream.store import StatsTable
from newsgold.stream.units import Unit, iter_unit, plan_units

from stream_helpers import in_memory, same, write_jsonl_gold, write_predictions

FIXTURES = Path(__file__).parent / "fixtures" / "systems"
sys.path.insert(0, str(FIXTURES))

import fake_tasks  # noqa: E402

ALL = [evaluate.load_task(n) for n in evaluate.TASKS]
SETTINGS = evaluate.Settings(tuple(evaluate.TASKS), bootstrap=8, seed=3)


@pytest.fixture(scope="module")
def preds(tmp_path_factory) -> Path:
    return write_predictions(tmp_path_factory.mktemp("p") / "run.jsonl", seed=1)


@pytest.fixture(scope="module")
def other(tmp_path_factory) -> Path:
    return write_predictions(tmp_path_factory.mktemp("q") / "other.jsonl", seed=2, drop=0)


@pytest.fixture(scope="module")
def reference(preds, other) -> dict:
    return in_memory([(preds, ""), (other, "")], ALL, SETTINGS)


def test_streaming_equals_the_in_memory_result(preds, other, reference):
    streamed = evaluate_files(open_corpus(), [(preds, ""), (other, "")], ALL, SETTINGS)
    assert reference["systems"][0]["warnings"]  # one document is missing: the warning is the same too
    assert reference["comparisons"]
    assert same(streamed, reference)


@pytest.mark.parametrize("shards,jobs", [(1, 1), (3, 1), (3, 2), (1, 3)])
def test_shards_and_jobs_change_nothing(tmp_path, preds, other, reference, shards, jobs):
    gold = open_corpus(write_jsonl_gold(tmp_path / "gold", shards))
    assert gold.form == "jsonl"
    streamed = evaluate_files(gold, [(preds, ""), (other, "")], ALL, SETTINGS, jobs=jobs)
    assert same(streamed, reference)


def test_a_corpus_level_task_is_scored_once_over_all_documents(tmp_path, preds):
    tasks = [fake_tasks.LANG, fake_tasks.PAIRS]
    settings = evaluate.Settings(("lang", "pairs"), bootstrap=40, seed=5)
    expected = in_memory([(preds, "")], tasks, settings)
    gold = open_corpus(write_jsonl_gold(tmp_path / "gold", 3))
    for jobs in (1, 2):
        assert same(evaluate_files(gold, [(preds, "")], tasks, settings, jobs=jobs), expected)
    assert expected["systems"][0]["tasks"]["pairs"]["scores"]["agreement"] < 1.0


def _bad_predictions(path: Path, preds: Path) -> Path:
    lines = preds.read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0])
    first["entities"][0]["start"] += 1
    lines[0] = json.dumps(first, ensure_ascii=False)
    lines += [lines[1], json.dumps({"doc_id": "xx-none-20240101"}), "[1, 2]"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_problems_are_reported_as_the_in_memory_checks_word_them(tmp_path, preds):
    bad = _bad_predictions(tmp_path / "bad.jsonl", preds)
    with pytest.raises(PredictionError) as expected:
        in_memory([(bad, "")], ALL, SETTINGS)
    with pytest.raises(PredictionError) as streamed:
        evaluate_files(open_corpus(), [(bad, "")], ALL, SETTINGS)
    assert streamed.value.errors == expected.value.errors
    assert len(expected.value.errors) >= 4


def test_a_float_offset_is_a_schema_error_when_streamed_too(tmp_path, preds):
    """The streamed path hands the reader's float fact to the schema check instead of walking the line."""
    lines = preds.read_text(encoding="utf-8").splitlines()
    line = json.loads(lines[1])
    lines[1] = json.dumps(line, ensure_ascii=False).replace(f'"end": {line["entities"][0]["end"]}',
                                                            f'"end": {line["entities"][0]["end"]}.0', 1)
    assert ".0" in lines[1]
    bad = tmp_path / "floats.jsonl"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(PredictionError) as expected:
        in_memory([(bad, "")], ALL, SETTINGS)
    with pytest.raises(PredictionError) as streamed:
        evaluate_files(open_corpus(), [(bad, "")], ALL, SETTINGS)
    assert streamed.value.errors == expected.value.errors
    assert any("written with a fraction or exponent" in e for e in streamed.value.errors)


def test_the_cli_streams_a_predictions_file(tmp_path, preds, capsys):
    a, b, c = (tmp_path / f"{k}.json" for k in "abc")
    common = ["eval", "--predictions", str(preds), "--bootstrap", "5", "--tasks", "entities,events"]
    assert main([*common, "--output", str(a)]) == 0
    assert main([*common, "--output", str(b), "--jobs", "2"]) == 0
    assert main([*common, "--output", str(c), "--save-predictions", str(tmp_path / "s.jsonl")]) == 0  # in memory
    assert a.read_bytes() == b.read_bytes() == c.read_bytes()
    capsys.readouterr()
    assert main(["eval", "--system", "x:y", "--jobs", "2"]) == 2
    assert "--jobs" in capsys.readouterr().err


def test_rows_decode_to_the_counters_they_came_from():
    table = StatsTable()
    rows = [Counter({"a": 1, "b": 0, "c": 2.5}), Counter({"big": 2 ** 70, "neg": -3, "min": -2 ** 63}), Counter(),
            Counter({"c": 0.1, "a": 300, "b": -70000}), Counter({"a": 1, "b": 0, "c": 2.5})]
    for row in rows:
        table.append(row)
    for i, row in enumerate(rows):
        back = table.row(i)
        assert back == row and list(back) == list(row)
        assert [type(v) for v in back.values()] == [type(v) for v in row.values()]
    assert len(table.patterns) == 4  # the first pattern is shared by rows 0 and 4


def test_byte_ranges_read_every_line_exactly_once(tmp_path):
    gold = write_jsonl_gold(tmp_path / "gold", 1) / "part-0.jsonl"
    size = gold.stat().st_size
    want = [json.loads(x)["doc_id"] for x in gold.read_text(encoding="utf-8").splitlines()]
    for cuts in ([0, size], [0, 1, size], [0, size // 3, size // 2, size - 1, size], list(range(0, size + 1, 997))):
        cuts = sorted(set(cuts + [size]))
        got = [d["doc_id"] for a, b in zip(cuts, cuts[1:]) for d in iter_unit(Unit("jsonl", str(gold), start=a, end=b))]
        assert got == want


def test_units_cover_the_corpus(tmp_path):
    folder_units = plan_units(open_corpus(), 3)
    assert sorted(d for u in folder_units for d in u.doc_ids) == open_corpus().doc_ids()
    jsonl = open_corpus(write_jsonl_gold(tmp_path / "gold", 2))
    assert len(plan_units(jsonl, 1)) == 2  # one per shard
    assert len(plan_units(jsonl, 8)) >= 4


def test_an_invalid_gold_is_reported_not_scored(tmp_path, preds, monkeypatch):
    from newsgold.errors import DataError

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # no cached verdict
    folder = write_jsonl_gold(tmp_path / "gold", 1)
    shard = folder / "part-0.jsonl"
    docs = [json.loads(x) for x in shard.read_text(encoding="utf-8").splitlines()]
    docs[0]["entities"][0]["start"] += 1
    shard.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    for jobs in (1, 2):
        with pytest.raises(DataError, match="is not valid"):
            evaluate_files(open_corpus(folder), [(preds, "")], ALL, SETTINGS, jobs=jobs)
