"""Result documents: schema validity of what eval produces, JSON hygiene, text and Markdown renderings."""
from __future__ import annotations

import copy
import json
import math
import sys
from pathlib import Path

import numpy as np
import pytest

from newsgold import evaluate
from newsgold.cli import main
from newsgold.predictions import from_gold
from newsgold.result import jsonable, render_markdown, render_text, validate_result

FIXTURES = Path(__file__).parent / "fixtures" / "systems"
sys.path.insert(0, str(FIXTURES))

import fake_tasks  # noqa: E402


@pytest.fixture
def fake_registry(monkeypatch):
    monkeypatch.setattr(evaluate, "TASKS", dict(fake_tasks.REGISTRY))


@pytest.fixture(scope="module")
def gold_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("preds") / "gold.jsonl"
    lines = [json.dumps(from_gold(g), ensure_ascii=False) for g in evaluate.load_golds().values()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def produced(fake_registry, gold_file, tmp_path, capsys):
    """A result written by `newsgold eval` for gold-as-predictions against an empty system, with Markdown."""
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    out, md = tmp_path / "r.json", tmp_path / "r.md"
    code = main(["eval", "--predictions", str(gold_file), "--against", str(empty), "--tasks", "lang,seg,pairs",
                 "--bootstrap", "40", "--output", str(out), "--markdown", str(md)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return json.loads(out.read_text(encoding="utf-8")), md.read_text(encoding="utf-8"), captured


def test_produced_result_follows_the_schema(produced):
    result, _, _ = produced
    assert validate_result(result) == []
    assert [s["system"]["name"] for s in result["systems"]] == ["gold", "empty"]
    gold = result["systems"][0]["tasks"]
    assert gold["lang"]["headline"]["accuracy"]["value"] == 1.0
    assert gold["seg"]["headline"]["f1"]["value"] == 1.0
    assert result["comparisons"] and result["systems"][1]["warnings"]


def test_schema_rejects_a_broken_result(produced):
    result, _, _ = produced
    broken = copy.deepcopy(result)
    del broken["signature"]["corpus_fingerprint"]
    broken["systems"][0]["tasks"]["lang"]["headline"]["accuracy"]["value"] = "high"
    problems = validate_result(broken)
    assert len(problems) == 2


def test_text_table_on_stdout_and_warnings_on_stderr(produced):
    result, _, captured = produced
    lines = captured.out.splitlines()
    assert lines[0] == result["signature"]["string"]
    assert any(line.split()[:4] == ["gold", "lang", "accuracy", "1.0000"] for line in lines)
    assert any(line.split()[:4] == ["empty", "seg", "precision", "0.0000"] for line in lines)
    assert "empty: " in captured.err and "without predictions" in captured.err


def test_markdown_tables(produced):
    result, md, _ = produced
    assert md == render_markdown(result)
    main_table = [line for line in md.splitlines() if line.startswith("| gold |") or line.startswith("| empty |")]
    rows = sum(len(b["headline"]) for s in result["systems"] for b in s["tasks"].values())
    assert len(main_table) == 2 * rows  # headline table + per-language table
    assert "### Paired comparison" in md and "### Warnings" in md


def test_render_text_without_comparisons(produced):
    result, _, _ = produced
    single = {**result, "systems": result["systems"][:1], "comparisons": []}
    text = render_text(single)
    assert "paired bootstrap" not in text and "empty" not in text


def test_jsonable_cleans_numbers():
    warnings: list[str] = []
    out = jsonable({"a": np.float64(0.5), "b": (1, np.int64(2)), "c": math.nan, "d": {"e": math.inf}}, warnings)
    assert out == {"a": 0.5, "b": [1, 2], "c": None, "d": {"e": None}}
    assert [w.split(":")[0] for w in warnings] == ["$.c", "$.d.e"]
    json.dumps(out, allow_nan=False)
