"""The regression gate: pass, fail, refuse, update rules, several systems, atomic writes."""
from __future__ import annotations

import copy
import json
import sys
from pathlib import Path

import pytest

from newsgold import evaluate
from newsgold.cli import main
from newsgold.gate import update
from newsgold.predictions import Predictions, from_gold

FIXTURES = Path(__file__).parent / "fixtures" / "systems"
sys.path.insert(0, str(FIXTURES))

import fake_tasks  # noqa: E402
import toy_callable  # noqa: E402


@pytest.fixture(scope="module")
def result():
    """Two systems (gold-as-predictions and the toy) on the real corpus, fake tasks, no bootstrap."""
    golds = evaluate.load_golds()
    gold = Predictions({d: from_gold(g) for d, g in golds.items()})
    toy = Predictions({p["doc_id"]: p for p in toy_callable.predict(
        [{"doc_id": d, "text": g["text"]} for d, g in golds.items()])})
    tasks = [fake_tasks.LANG, fake_tasks.SEG]
    settings = evaluate.Settings(("lang", "seg"), bootstrap=0)
    return evaluate.build_result(
        [({"name": "gold", "mode": "predictions", "ref": "g"}, gold),
         ({"name": "toy", "mode": "callable", "ref": "toy_callable:predict"}, toy)],
        tasks, golds, settings, evaluate.fingerprint(),
    )


def write(path: Path, obj) -> Path:
    path.write_text(json.dumps(obj), encoding="utf-8")
    return path


def floors_for(result, floors, tolerance=0.005) -> dict:
    return {"corpus_fingerprint": result["signature"]["corpus_fingerprint"], "tolerance": tolerance, "floors": floors}


def set_value(result, system: str, task: str, key: str, value):
    changed = copy.deepcopy(result)
    for entry in changed["systems"]:
        if entry["system"]["name"] == system:
            entry["tasks"][task]["scores"][key] = value
    return changed


def gate(*args: str) -> int:
    return main(["gate", *map(str, args)])


def test_pass(tmp_path, result, capsys):
    toy_f1 = result["systems"][1]["tasks"]["seg"]["scores"]["f1"]
    floors = write(tmp_path / "f.json", floors_for(result, {"gold": {"lang.accuracy": 1.0, "seg.f1": 1.0},
                                                            "toy": {"seg.f1": toy_f1 + 0.004}}))
    assert gate(write(tmp_path / "r.json", result), "--baseline", floors) == 0
    assert "gate passed: 3 floor(s) checked" in capsys.readouterr().out


def test_fail_lists_every_drop(tmp_path, result, capsys):
    lowered = set_value(set_value(result, "toy", "seg", "f1", 0.5), "gold", "lang", "accuracy", 0.9)
    floors = write(tmp_path / "f.json", floors_for(result, {"gold": {"lang.accuracy": 1.0, "seg.f1": 1.0},
                                                            "toy": {"seg.f1": 0.9}}))
    assert gate(write(tmp_path / "r.json", lowered), "--baseline", floors) == 1
    out = capsys.readouterr()
    drops = [line.split() for line in out.out.splitlines() if line.startswith("  gold") or line.startswith("  toy")]
    assert drops == [["gold", "lang.accuracy", "1.0000", "0.9000", "-0.1000"], ["toy", "seg.f1", "0.9000", "0.5000", "-0.4000"]]
    assert "2 of 3 floor(s) not met" in out.err


def test_tolerance_option(tmp_path, result):
    slightly = set_value(result, "gold", "lang", "accuracy", 0.99)
    floors = write(tmp_path / "f.json", floors_for(result, {"gold": {"lang.accuracy": 1.0}}))
    r = write(tmp_path / "r.json", slightly)
    assert gate(r, "--baseline", floors) == 1
    assert gate(r, "--baseline", floors, "--tolerance", "0.02") == 0


def test_null_or_missing_values_fail_against_a_floor(tmp_path, result, capsys):
    nulled = set_value(result, "toy", "seg", "precision", None)
    floors = write(tmp_path / "f.json", floors_for(result, {
        "toy": {"seg.precision": 0.1, "timex.strict.f1": 0.1}, "ghost": {"lang.accuracy": 0.1}}))
    assert gate(write(tmp_path / "r.json", nulled), "--baseline", floors) == 1
    out = capsys.readouterr().out
    assert "value is null" in out and "task 'timex' not in the result" in out and "system not in the result" in out


def test_refuses_another_corpus(tmp_path, result, capsys):
    floors = floors_for(result, {"gold": {"lang.accuracy": 1.0}})
    floors["corpus_fingerprint"] = "f" * 64
    path = write(tmp_path / "f.json", floors)
    r = write(tmp_path / "r.json", result)
    assert gate(r, "--baseline", path) == 2
    err = capsys.readouterr().err
    assert "corpus fingerprint" in err and "--update --allow-regression" in err and "Traceback" not in err
    assert gate(r, "--baseline", path, "--update") == 2
    assert json.loads(path.read_text()) == floors  # untouched
    assert gate(r, "--baseline", path, "--update", "--allow-regression") == 0
    assert json.loads(path.read_text())["corpus_fingerprint"] == result["signature"]["corpus_fingerprint"]


def test_update_raises_and_never_lowers(tmp_path, result, capsys):
    toy_f1 = result["systems"][1]["tasks"]["seg"]["scores"]["f1"]
    path = write(tmp_path / "f.json", floors_for(result, {"gold": {"lang.accuracy": 0.5}, "toy": {"seg.f1": 1.0}}))
    code = gate(write(tmp_path / "r.json", result), "--baseline", path, "--update")
    assert code == 1  # toy's seg.f1 is below its floor, and stays pinned there
    floors = json.loads(path.read_text())["floors"]
    assert floors["gold"]["lang.accuracy"] == 1.0  # raised
    assert floors["toy"]["seg.f1"] == 1.0  # not lowered
    assert floors["toy"]["seg.precision"] == result["systems"][1]["tasks"]["seg"]["scores"]["precision"]  # added
    assert gate(tmp_path / "r.json", "--baseline", path, "--update", "--allow-regression") == 0
    assert json.loads(path.read_text())["floors"]["toy"]["seg.f1"] == toy_f1  # lowered on request
    assert "lowered" in capsys.readouterr().out


def test_update_keeps_a_floor_whose_value_became_null(result):
    nulled = set_value(result, "toy", "seg", "precision", None)
    floors = floors_for(result, {"toy": {"seg.precision": 0.8}})
    kept, _ = update(nulled, floors, 0.005, allow_regression=False)
    dropped, _ = update(nulled, floors, 0.005, allow_regression=True)
    assert kept["floors"]["toy"]["seg.precision"] == 0.8
    assert "seg.precision" not in dropped["floors"]["toy"]


def test_update_creates_a_floors_file_atomically(tmp_path, result):
    folder = tmp_path / "ci"
    folder.mkdir()
    path = folder / "floors.json"
    assert gate(write(tmp_path / "r.json", result), "--baseline", path, "--update") == 0
    assert sorted(p.name for p in folder.iterdir()) == ["floors.json"]  # no temporary file left behind
    floors = json.loads(path.read_text())
    assert set(floors["floors"]) == {"gold", "toy"}
    assert set(floors["floors"]["gold"]) == {"lang.accuracy", "seg.f1", "seg.precision"}
    assert gate(tmp_path / "r.json", "--baseline", path) == 0


def test_usage_errors(tmp_path, result, capsys):
    r = write(tmp_path / "r.json", result)
    assert gate(r, "--baseline", tmp_path / "nope.json") == 2
    assert gate(r, "--baseline", tmp_path / "nope.json", "--allow-regression") == 2
    assert gate(write(tmp_path / "bad.json", {"systems": []}), "--baseline", r) == 2
    assert gate(r, "--baseline", write(tmp_path / "f.json", {"floors": {}})) == 2
    assert "Traceback" not in capsys.readouterr().err


def _with_ter(result, system: str, value: float):
    changed = copy.deepcopy(result)
    for entry in changed["systems"]:
        if entry["system"]["name"] == system:
            entry["tasks"]["seg"]["scores"]["ter"] = {"score": value}
    return changed


def test_lower_is_better_metrics_are_ceilings(tmp_path, result):
    # TER pinned at 40.0: 40.004 is within tolerance, 41 is a regression, 30 an improvement.
    floors = write(tmp_path / "f.json", floors_for(result, {"toy": {"seg.ter.score": 40.0}}))
    assert gate(write(tmp_path / "ok.json", _with_ter(result, "toy", 40.004)), "--baseline", floors) == 0
    assert gate(write(tmp_path / "worse.json", _with_ter(result, "toy", 41.0)), "--baseline", floors) == 1
    assert gate(write(tmp_path / "better.json", _with_ter(result, "toy", 30.0)), "--baseline", floors) == 0


def test_update_moves_a_ceiling_down_only(result):
    pinned = floors_for(result, {"toy": {"seg.ter.score": 40.0}})
    better, _ = update(_with_ter(result, "toy", 30.0), pinned, 0.005, allow_regression=False)
    assert better["floors"]["toy"]["seg.ter.score"] == 30.0
    worse, _ = update(_with_ter(result, "toy", 50.0), pinned, 0.005, allow_regression=False)
    assert worse["floors"]["toy"]["seg.ter.score"] == 40.0
    allowed, _ = update(_with_ter(result, "toy", 50.0), pinned, 0.005, allow_regression=True)
    assert allowed["floors"]["toy"]["seg.ter.score"] == 50.0


def _with_data_version(result, version):
    changed = copy.deepcopy(result)
    changed["signature"]["data_version"] = version
    return changed


def test_update_records_the_data_version_and_refuses_another(tmp_path, result, capsys):
    path = tmp_path / "f.json"
    r1 = write(tmp_path / "r1.json", _with_data_version(result, "1.0.0"))
    assert gate(r1, "--baseline", path, "--update") == 0
    assert json.loads(path.read_text())["data_version"] == "1.0.0"
    r2 = write(tmp_path / "r2.json", _with_data_version(result, "1.1.0"))
    pinned = path.read_text()
    assert gate(r2, "--baseline", path) == 2
    err = capsys.readouterr().err
    assert "data_version '1.1.0' of the result differs from '1.0.0'" in err and "--allow-regression" in err
    assert gate(r2, "--baseline", path, "--update") == 2
    assert path.read_text() == pinned  # untouched
    assert gate(r2, "--baseline", path, "--update", "--allow-regression") == 0
    assert json.loads(path.read_text())["data_version"] == "1.1.0"


def test_floors_without_a_data_version_still_work(tmp_path, result):
    floors = write(tmp_path / "f.json", floors_for(result, {"gold": {"lang.accuracy": 1.0}}))
    assert gate(write(tmp_path / "r.json", _with_data_version(result, "9.0.0")), "--baseline", floors) == 0


def test_gold_option_requires_the_result_corpus(tmp_path, result, capsys):
    floors = write(tmp_path / "f.json", floors_for(result, {"gold": {"lang.accuracy": 1.0}}))
    r = write(tmp_path / "r.json", result)
    from newsgold.corpus import default_gold_path

    assert gate(r, "--baseline", floors, "--gold", default_gold_path()) == 0
    other = copy.deepcopy(result)
    other["signature"]["corpus_fingerprint"] = "e" * 64
    floors_other = write(tmp_path / "f2.json", {**floors_for(result, {}), "corpus_fingerprint": "e" * 64})
    assert gate(write(tmp_path / "r2.json", other), "--baseline", floors_other, "--gold", default_gold_path()) == 2
    assert "another corpus" in capsys.readouterr().err


def test_non_finite_values_in_memory_are_drops_not_passes(result):
    from newsgold import gate as gate_module

    floors = floors_for(result, {"gold": {"lang.accuracy": 0.5}})
    nan = set_value(result, "gold", "lang", "accuracy", float("nan"))
    drops, _ = gate_module.check(nan, floors, 0.005)
    assert [d.note for d in drops] == ["value is not a finite number (nan)"]
    with pytest.raises(Exception, match="tolerance nan"):
        gate_module.check(result, floors, float("nan"))
    nan_floor = floors_for(result, {"gold": {"lang.accuracy": float("nan")}})
    assert gate_module.check(result, nan_floor, 0.005)[0][0].note == "floor is not a finite number"
