"""The benchmark: a leaderboard over a document subset, its files, its gate, and its refusals."""
from __future__ import annotations

import copy
import json
import sys
from pathlib import Path

import pytest

from newsgold import bench, evaluate, paths
from newsgold.baselines import BASELINES, NO_BASELINE
from newsgold.cli import main
from newsgold.errors import DataError, UsageError
from newsgold.result import validate_result

FIXTURES = Path(__file__).parent / "fixtures" / "systems"
DOCS = ["el-skai-20240913", "nb-vietnamvn-20240914"]
REPO = paths.repo_root()
COMMITTED = None if REPO is None else REPO / "eval" / "results" / "leaderboard.json"
FLOORS = None if REPO is None else REPO / "eval" / "baseline.json"


@pytest.fixture(scope="module")
def result():
    warnings: list[str] = []
    tasks = bench.select_tasks(None, warnings)
    systems = bench.baseline_systems(None, [t.name for t in tasks], warnings)
    return bench.run_bench(systems, tasks, DOCS, bootstrap=20, progress=False, warnings=warnings)


def scored(result) -> dict[str, set[str]]:
    return {e["system"]["name"]: set(e["tasks"]) for e in result["systems"]}


def test_leaderboard_on_two_documents_has_every_task(result):
    assert validate_result(result) == []
    assert result["signature"]["documents"] == DOCS
    assert list(scored(result)) == list(BASELINES)
    served = set().union(*scored(result).values())
    assert served == set(evaluate.TASKS) - set(NO_BASELINE)
    assert set(result["signature"]["options"]["extra"]["unscored_tasks"]) == set(NO_BASELINE)
    assert all(block["documents"] == len(DOCS) for e in result["systems"] for block in e["tasks"].values())


def test_each_baseline_is_scored_only_on_its_tasks_and_recorded(result):
    from newsgold import baselines

    described = result["signature"]["options"]["extra"]["systems"]
    for name, tasks in scored(result).items():
        assert tasks == set(baselines.load(name).TASKS)
        assert described[name]["description"] == baselines.load(name).DESCRIPTION
    assert result["signature"]["libraries"]["lingua-language-detector"]


def test_markdown_and_text_show_every_task_and_the_missing_baseline(result):
    md, text = bench.render_markdown(result), bench.render_text(result)
    for task in evaluate.TASKS:
        assert f"## {task}" in md and f"== {task}" in text
    assert NO_BASELINE["events"] in md
    assert "micro.strict.f1 [el]" in md and "char.accuracy [nb]" in md


def test_write_leaderboard_writes_the_result_and_markdown(tmp_path, result):
    written = bench.write_leaderboard(result, tmp_path / "out")
    assert [p.name for p in written] == ["leaderboard.json", "leaderboard.md"]
    assert json.loads(written[0].read_text(encoding="utf-8")) == result
    assert written[1].read_text(encoding="utf-8") == bench.render_markdown(result)


def test_cli_bench_subset_writes_files_and_no_write_writes_none(tmp_path, capsys):
    out = tmp_path / "results"
    args = ["bench", "--docs", ",".join(DOCS), "--systems", "zones_all_body,translation_copy", "--no-progress"]
    assert main([*args, "--output-dir", str(out), "--bootstrap", "0"]) == 0
    assert "== zones" in capsys.readouterr().out
    assert sorted(p.name for p in out.iterdir()) == ["leaderboard.json", "leaderboard.md"]
    quiet = tmp_path / "quiet"
    assert main([*args, "--output-dir", str(quiet), "--no-write"]) == 0
    assert not quiet.exists()


def test_cli_bench_scores_an_extra_callable_on_every_requested_task(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(FIXTURES)
    monkeypatch.setattr(sys, "path", list(sys.path))
    out = tmp_path / "r"
    assert main(["bench", "--docs", DOCS[0], "--systems", "lid_lingua", "--tasks", "lid,zones",
                 "--system", "toy_callable:predict", "--output-dir", str(out), "--no-progress"]) == 0
    written = json.loads((out / "leaderboard.json").read_text(encoding="utf-8"))
    assert scored(written) == {"lid_lingua": {"lid"}, "toy_callable:predict": {"lid", "zones"}}


def test_missing_baseline_library_is_a_usage_error(monkeypatch):
    from newsgold.baselines import _common

    monkeypatch.setattr(_common, "version", lambda name: None if name == "justext" else "1")
    with pytest.raises(UsageError, match="needs justext"):
        bench.baseline_systems(["zones_justext"], ["zones"], [])


@pytest.mark.parametrize("args, message", [
    (["--docs", "xx-nowhere-20240101"], "unknown document"),
    (["--systems", "oracle"], "unknown baseline"),
    (["--tasks", "lid,telepathy"], "unknown task"),
    (["--bootstrap", "-1"], "--bootstrap"),
])
def test_cli_bench_refuses_bad_options(args, message, tmp_path, capsys):
    assert main(["bench", *args, "--no-write", "--no-progress"]) == 2
    assert message in capsys.readouterr().err


def test_invalid_gold_aborts_before_anything_runs(tmp_path, capsys):
    import shutil

    from newsgold.corpus import open_corpus

    root = tmp_path / "gold"
    shutil.copytree(REPO / "corpus", root / "corpus")
    shutil.copytree(REPO / "annotations", root / "annotations", ignore=shutil.ignore_patterns("parquet"))
    path = root / "annotations" / f"{DOCS[0]}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["segments"][0]["end"] += 1
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(DataError, match="not valid"):
        bench.check_gold(open_corpus(root))
    assert main(["bench", "--gold", str(root), "--no-write", "--no-progress"]) == 1
    assert f"{DOCS[0]}.json" in capsys.readouterr().err


def test_unavailable_default_task_is_skipped_with_a_warning_but_requested_one_is_an_error(monkeypatch):
    monkeypatch.setitem(evaluate.TASKS, "ghost", "newsgold.metrics.ghost_does_not_exist")
    warnings: list[str] = []
    names = [t.name for t in bench.select_tasks(None, warnings)]
    assert "ghost" not in names and "lid" in names
    assert any("ghost" in w for w in warnings)
    with pytest.raises(UsageError, match="ghost"):
        bench.select_tasks("ghost", [])


# --- the committed leaderboard and its floors -----------------------------------------------


needs_checkout = pytest.mark.skipif(REPO is None, reason="committed files exist only in a checkout")


@needs_checkout
def test_gate_passes_on_the_committed_leaderboard(capsys):
    assert main(["gate", str(COMMITTED), "--baseline", str(FLOORS)]) == 0
    assert "gate passed" in capsys.readouterr().out


@needs_checkout
def test_gate_fails_on_a_lowered_result(tmp_path, capsys):
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    lowered = copy.deepcopy(json.loads(COMMITTED.read_text(encoding="utf-8")))
    entry = next(e for e in lowered["systems"] if e["system"]["name"] == "lid_lingua")
    floor = floors["floors"]["lid_lingua"]["lid.char.accuracy"]
    entry["tasks"]["lid"]["scores"]["char"]["accuracy"] = floor - floors["tolerance"] - 0.01
    path = tmp_path / "lowered.json"
    path.write_text(json.dumps(lowered), encoding="utf-8")
    assert main(["gate", str(path), "--baseline", str(FLOORS)]) == 1
    assert "lid.char.accuracy" in capsys.readouterr().out


@needs_checkout
def test_committed_floors_cover_every_baseline():
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    assert set(floors["floors"]) == set(BASELINES)
