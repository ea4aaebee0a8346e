"""The Python API takes its corpus explicitly (``gold=``), in either form, and matches the CLI."""
from __future__ import annotations

import json

import newsgold
from newsgold.cli import main


def test_score_and_validate_take_gold_explicitly(tmp_path):
    assert main(["convert", "--to", "jsonl", "--out", str(tmp_path / "jsonl")]) == 0
    [shard] = sorted((tmp_path / "jsonl").glob("*.jsonl"))
    folder, jsonl = newsgold.open_corpus(), newsgold.open_corpus(tmp_path / "jsonl")
    assert folder.fingerprint == jsonl.fingerprint
    assert newsgold.validate_gold(gold=jsonl).exit_code == 0
    assert newsgold.validate_gold().problems == ()
    by_path = newsgold.score(shard, gold=tmp_path / "jsonl", tasks="entities,timex", bootstrap=10)
    by_object = newsgold.score(shard, gold=folder, tasks=["entities", "timex"], bootstrap=10)
    assert by_path == by_object
    out = tmp_path / "cli.json"
    assert main(["eval", "--predictions", str(shard), "--tasks", "entities,timex", "--bootstrap", "10",
                 "--output", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8")) == by_object
    assert by_object["systems"][0]["tasks"]["entities"]["headline"]["micro.strict.f1"]["value"] == 1.0
