"""Declared layers: a document-level identifier's character-level measures are shown as not attempted."""
from __future__ import annotations

from newsgold import bench
from newsgold.baselines import layers

DOC = "nb-vietnamvn-20240914"


def lid_board():
    warnings: list[str] = []
    tasks = bench.select_tasks("lid", warnings)
    systems = bench.baseline_systems(["lid_py3langid", "lid_pycld2"], ["lid"], warnings)
    return bench.run_bench(systems, tasks, [DOC], bootstrap=0, progress=False, warnings=warnings)


def test_metric_layers():
    assert bench.metric_layer("lid", "document.accuracy") == "language"
    assert bench.metric_layer("lid", "char.accuracy") == "segments"
    assert bench.metric_layer("zones", "main_content.f1") is None
    assert layers("lid_py3langid") == ("language",) and layers("lid_pycld2") == ()


def test_not_attempted_is_rendered_from_the_declared_layers_and_the_value_is_kept():
    result = lid_board()
    described = result["signature"]["options"]["extra"]["systems"]
    assert described["lid_py3langid"]["layers"] == ["language"] and "layers" not in described["lid_pycld2"]
    header, rows = bench.task_table(result, "lid")
    row = dict(zip(header, next(r for r in rows if r[0] == "lid_py3langid")))
    other = dict(zip(header, next(r for r in rows if r[0] == "lid_pycld2")))
    assert row["char.accuracy"] == row["macro_f1"] == row["char.accuracy [nb]"] == bench.NOT_ATTEMPTED
    assert row["document.accuracy"] != bench.NOT_ATTEMPTED
    assert bench.NOT_ATTEMPTED not in other.values()
    entry = next(e for e in result["systems"] if e["system"]["name"] == "lid_py3langid")
    assert "accuracy" in entry["tasks"]["lid"]["scores"]["char"]  # the harness still scores it
    assert bench.NOT_ATTEMPTED in bench.render_markdown(result)
