"""Running systems: callable and command modes, what they are given, and how failures are reported."""
from __future__ import annotations

import json
import shlex
import sys
from pathlib import Path

import pytest

from newsgold import evaluate
from newsgold.cli import main
from newsgold.predictions import PredictionError
from newsgold.systems import SystemRunError, SystemSpec, build_inputs, default_name, plan_runs, predict

FIXTURES = Path(__file__).parent / "fixtures" / "systems"
sys.path.insert(0, str(FIXTURES))

import fake_tasks  # noqa: E402
import toy_callable  # noqa: E402

GOLD_LAYERS = {"language", "segments", "entities", "timexes", "events", "translations", "review", "source"}
BLIND = {"lang": ("language",), "seg": ("segments",)}
WITH_TRANSLATION = {**BLIND, "translation": ("translations",)}


@pytest.fixture(scope="module")
def golds():
    return evaluate.load_golds()


def command(script: str, *flags: str) -> str:
    return shlex.join([sys.executable, str(FIXTURES / script), *flags])


def test_plan_runs_keeps_translation_apart():
    runs = plan_runs(WITH_TRANSLATION)
    assert [(r.tasks, r.layers, r.with_segments) for r in runs] == [
        (("lang", "seg"), ("language", "segments"), False),
        (("translation",), ("translations",), True),
    ]
    assert [r.with_segments for r in plan_runs(BLIND)] == [False]


def test_blind_inputs_carry_no_gold_layer(golds):
    blind, translation = plan_runs(WITH_TRANSLATION)
    for item in build_inputs(golds, blind):
        assert set(item) == {"doc_id", "text", "published", "tasks"}
        assert item["published"] == golds[item["doc_id"]]["source"]["published"]
        assert item["text"] == golds[item["doc_id"]]["text"]
    for item in build_inputs(golds, translation):
        assert set(item) == {"doc_id", "text", "published", "tasks", "segments"}
        gold = golds[item["doc_id"]]
        main_ids = [s["id"] for s in gold["segments"] if s["zone"] not in ("byline", "boilerplate")]
        assert [s["id"] for s in item["segments"]] == main_ids
        assert all(set(s) == {"id", "start", "end", "text"} for s in item["segments"])


def test_callable_sees_only_inputs_and_layers_come_from_the_right_run(golds):
    toy_callable.SEEN.clear()
    preds = predict(SystemSpec("callable", "toy_callable:recording"), golds, WITH_TRANSLATION)
    blind_inputs, translation_inputs = toy_callable.SEEN
    assert all(not GOLD_LAYERS & set(x) for x in blind_inputs)
    assert all("segments" in x for x in translation_inputs)
    for doc_id, pred in preds.by_doc.items():
        assert set(pred) == {"doc_id", "language", "segments", "translations"}
        # segments come from the blind run: one per line, not the gold segments the translation run saw
        assert pred["segments"] == toy_callable.line_segments(golds[doc_id]["text"])
        assert {t["segment"] for t in pred["translations"]} <= {s["id"] for s in golds[doc_id]["segments"]}


def test_blind_run_answers_lose_layers_nobody_asked_for(golds):
    preds = predict(SystemSpec("callable", "toy_callable:predict"), golds, {"lang": ("language",)})
    assert all(set(p) == {"doc_id", "language"} for p in preds.by_doc.values())


def test_command_gives_the_same_predictions_as_the_callable(golds):
    via_callable = predict(SystemSpec("callable", "toy_callable:predict"), golds, WITH_TRANSLATION)
    via_command = predict(SystemSpec("command", command("echo_system.py")), golds, WITH_TRANSLATION)
    assert via_command.by_doc == via_callable.by_doc
    assert len(via_command.by_doc) == len(golds)


def test_crashing_command_reports_status_and_stderr(golds):
    with pytest.raises(SystemRunError) as err:
        predict(SystemSpec("command", command("crash.py")), golds, BLIND)
    assert "exited with status 3" in str(err.value)
    assert "RuntimeError: boom" in str(err.value)


def test_garbage_command_names_the_line(golds):
    with pytest.raises(SystemRunError, match=r"stdout line 1 is not JSON.*Loading model"):
        predict(SystemSpec("command", command("garbage.py")), golds, BLIND)


def test_hanging_command_is_killed_after_the_timeout(golds):
    with pytest.raises(SystemRunError, match=r"no answer within 0\.5 s"):
        predict(SystemSpec("command", command("hang.py")), golds, BLIND, timeout=0.5)


def test_too_few_lines(golds):
    with pytest.raises(SystemRunError, match=rf"{len(golds) - 1} answer line\(s\) for {len(golds)} document"):
        predict(SystemSpec("command", command("echo_system.py", "--too-few")), golds, BLIND)


def test_wrong_doc_id(golds):
    first = sorted(golds)[0]
    with pytest.raises(SystemRunError, match=rf"answer line 1 has doc_id .*, expected '{first}'"):
        predict(SystemSpec("command", command("echo_system.py", "--wrong-id")), golds, BLIND)


def test_answers_are_checked_like_a_predictions_file(golds):
    with pytest.raises(PredictionError, match=r"answer line 1: \$\.segments\[0\]\.text"):
        predict(SystemSpec("command", command("echo_system.py", "--bad-text")), golds, BLIND)


def test_missing_program(golds):
    with pytest.raises(SystemRunError, match="cannot start"):
        predict(SystemSpec("command", "/nonexistent/system --flag"), golds, BLIND)


@pytest.mark.parametrize("ref, message", [
    ("toy_callable:broken", "system raised ValueError: model weights not found"),
    ("toy_callable:too_few", "answer line"),
    ("toy_callable:not_json", "not JSON-serialisable"),
    ("toy_callable:nothing_here", "has no callable 'nothing_here'"),
    ("no_such_module_xyz:predict", "cannot import 'no_such_module_xyz'"),
])
def test_callable_failures(golds, ref, message):
    with pytest.raises(SystemRunError, match=message):
        predict(SystemSpec("callable", ref), golds, BLIND)


def test_default_names():
    assert default_name("predictions", "out/run1.jsonl") == "run1"
    assert default_name("callable", "pkg.mod:fn") == "pkg.mod:fn"
    assert default_name("command", "python3 -u tools/ner.py --fast") == "ner.py"
    assert default_name("command", "./mysystem --x") == "mysystem"


@pytest.fixture
def fake_registry(monkeypatch):
    monkeypatch.setattr(evaluate, "TASKS", dict(fake_tasks.REGISTRY))


@pytest.mark.parametrize("script", ["crash.py", "garbage.py", "hang.py"])
def test_cli_exits_2_without_traceback(fake_registry, capsys, script):
    code = main(["eval", "--command", command(script), "--tasks", "lang", "--timeout", "0.5", "--bootstrap", "0"])
    err = capsys.readouterr().err
    assert code == 2
    assert "Traceback" not in err
    assert err.startswith("newsgold eval: system ")


def test_cli_scores_a_command(fake_registry, capsys, tmp_path):
    out = tmp_path / "result.json"
    code = main(["eval", "--command", command("echo_system.py"), "--tasks", "lang,translation",
                 "--bootstrap", "0", "--output", str(out)])
    assert code == 0
    assert "echo_system.py" in capsys.readouterr().out
    assert out.exists()


def test_saved_predictions_score_like_the_run(fake_registry, capsys, tmp_path):
    saved, first, second = tmp_path / "toy.jsonl", tmp_path / "a.json", tmp_path / "b.json"
    assert main(["eval", "--command", command("echo_system.py"), "--name", "toy", "--tasks", "lang,seg,translation",
                 "--bootstrap", "20", "--save-predictions", str(saved), "--output", str(first)]) == 0
    assert main(["eval", "--predictions", str(saved), "--tasks", "lang,seg,translation",
                 "--bootstrap", "20", "--output", str(second)]) == 0
    a, b = (json.loads(p.read_text(encoding="utf-8")) for p in (first, second))
    assert a["systems"][0]["tasks"] == b["systems"][0]["tasks"]
    assert a["systems"][0]["system"]["mode"] == "command" and b["systems"][0]["system"]["mode"] == "predictions"


def test_events_keep_the_mentions_their_arguments_refer_to():
    (run,) = plan_runs({"events": ("events",)})
    assert run.layers == ("events",)
    assert run.keep == ("entities", "events", "timexes")


def test_events_run_keeps_the_entities_its_arguments_name(golds):
    preds = predict(SystemSpec("callable", "toy_callable:with_event"), golds, {"events": ("events",)})
    for pred in preds.by_doc.values():
        assert set(pred) == {"doc_id", "entities", "events"}
        assert pred["events"][0]["arguments"][0]["ref"] == pred["entities"][0]["id"]
