"""The scale benchmark's generator writes corpora newsgold accepts, in both forms, and its
measures can be picked (the benchmark itself is run by hand, never timed in tests)."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

import newsgold

SCRIPT = Path(__file__).resolve().parents[1] / "eval" / "benchmarks" / "scale.py"


@pytest.fixture(scope="module")
def scale():
    spec = importlib.util.spec_from_file_location("scale_benchmark", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_corpus_is_valid_in_both_forms_and_scores(scale, tmp_path):
    scale.generate(7, tmp_path)
    jsonl, folder = newsgold.open_corpus(tmp_path / "gold"), newsgold.open_corpus(tmp_path / "folder")
    assert len(jsonl.doc_ids()) == len(folder.doc_ids()) == 7
    assert jsonl.fingerprint == folder.fingerprint
    assert newsgold.validate_gold(gold=jsonl).problems == ()
    assert newsgold.validate_gold(gold=folder).problems == ()
    lines = (tmp_path / "preds.jsonl").read_text(encoding="utf-8").splitlines()
    assert sorted(json.loads(line)["doc_id"] for line in lines) == sorted(jsonl.doc_ids())
    result = newsgold.score(tmp_path / "preds.jsonl", gold=jsonl, tasks="entities,events", bootstrap=0)
    f1 = result["systems"][0]["tasks"]["entities"]["headline"]["micro.strict.f1"]["value"]
    assert 0 < f1 < 1  # perturbed, not copied


def test_unknown_measure_is_refused(scale, capsys):
    with pytest.raises(SystemExit) as exc:
        scale.main(["--sizes", "7", "--measures", "validate,bogus"])
    assert exc.value.code == 2
    assert "unknown measure(s) bogus" in capsys.readouterr().err
