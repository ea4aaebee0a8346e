"""The folder and JSON Lines forms of the same gold give the same results, however it is sharded or named."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsgold.cli import main
from newsgold.corpus import JsonlCorpus, open_corpus
from newsgold.corpus.convert import convert

LAYERS = ("language", "segments", "entities", "timexes", "events", "translations")


@pytest.fixture(scope="module")
def shards(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled gold in the JSON Lines form, two documents per shard (three shards)."""
    out = tmp_path_factory.mktemp("forms") / "jsonl"
    convert(open_corpus(), "jsonl", out, 2)
    return out


@pytest.fixture(scope="module")
def gold_predictions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("forms") / "gold.jsonl"
    lines = [json.dumps({"doc_id": d["doc_id"], **{k: d[k] for k in LAYERS}}, ensure_ascii=False)
             for d in open_corpus().documents()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run_eval(tmp_path: Path, predictions: Path, bootstrap: int, *gold: str) -> dict:
    out = tmp_path / f"result-{len(list(tmp_path.iterdir()))}.json"
    args = ["eval", *gold, "--predictions", str(predictions), "--bootstrap", str(bootstrap), "--output", str(out)]
    assert main(args) == 0
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.mark.parametrize("bootstrap", [0, 20])
def test_folder_and_jsonl_give_identical_results(tmp_path: Path, shards: Path, gold_predictions: Path,
                                                  bootstrap: int) -> None:
    folder = run_eval(tmp_path, gold_predictions, bootstrap)
    jsonl = run_eval(tmp_path, gold_predictions, bootstrap, "--gold", str(shards))
    assert jsonl == folder
    assert folder["signature"]["corpus_fingerprint"] == open_corpus().fingerprint


def test_shards_as_a_glob_and_as_several_files(tmp_path: Path, shards: Path, gold_predictions: Path) -> None:
    files = sorted(shards.glob("*.jsonl"))
    as_folder = run_eval(tmp_path, gold_predictions, 0, "--gold", str(shards))
    as_glob = run_eval(tmp_path, gold_predictions, 0, "--gold", str(shards / "part-*.jsonl"))
    as_files = run_eval(tmp_path, gold_predictions, 0, *[a for f in reversed(files) for a in ("--gold", str(f))])
    assert as_glob == as_files == as_folder


def test_one_shard_per_document_same_fingerprint(tmp_path: Path) -> None:
    convert(open_corpus(), "jsonl", tmp_path / "one", 1)
    corpus = open_corpus(tmp_path / "one")
    assert isinstance(corpus, JsonlCorpus) and len(corpus.shards) == 5
    assert corpus.fingerprint == open_corpus().fingerprint
    assert corpus.doc_ids() == open_corpus().doc_ids()


def test_validate_accepts_every_way_of_naming_shards(shards: Path) -> None:
    files = [str(p) for p in sorted(shards.glob("*.jsonl"))]
    assert main(["validate", "--gold", str(shards)]) == 0
    assert main(["validate", "--gold", str(shards / "part-*.jsonl")]) == 0
    assert main(["validate", *[a for f in files for a in ("--gold", f)]]) == 0
    assert main(["validate", "--gold", files[0], "--registry", str(shards / "kb.json")]) == 0


def test_a_shard_given_twice_is_refused(shards: Path, capsys: pytest.CaptureFixture) -> None:
    first = str(sorted(shards.glob("*.jsonl"))[0])
    assert main(["validate", "--gold", first, "--gold", first]) == 2
    assert "given twice" in capsys.readouterr().err


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsgold", *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=120)


@pytest.mark.parametrize("command", ["validate", "stats", "audit"])
def test_commands_read_the_jsonl_form(shards: Path, command: str) -> None:
    folder, jsonl = cli(command), cli(command, "--gold", str(shards))
    assert (jsonl.returncode, jsonl.stdout) == (folder.returncode, folder.stdout.replace("6 files", "4 files"))
