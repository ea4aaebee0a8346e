"""A corpus that is not newsgold's: Czech and Ukrainian, free-form ids, no publication dates.

It goes through every command a team with its own news would run: validate, eval,
gate (pinned to its own fingerprint), audit, stats, convert; in both on-disk forms.
Also: the errors for a --gold that is missing, empty or mixes the two forms.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import synthetic_corpus
from newsgold.cli import main
from newsgold.corpus import open_corpus
from newsgold.corpus.convert import convert
from newsgold.validate import validate_corpus


@pytest.fixture(scope="module")
def corpus_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return synthetic_corpus.write_folder(tmp_path_factory.mktemp("custom") / "my_corpus")


@pytest.fixture(scope="module")
def predictions(corpus_root: Path) -> Path:
    """Gold as predictions, except one Ukrainian entity dropped and one Czech timex valued wrongly."""
    records = synthetic_corpus.predictions(corpus_root)
    by_id = {r["doc_id"]: r for r in records}
    by_id["ukrinform-a9f3"]["entities"] = by_id["ukrinform-a9f3"]["entities"][:-1]
    by_id["ukrinform-a9f3"]["events"] = []  # its only event refers to entities; drop it with them
    by_id["ctk_2023_000117"]["timexes"][0]["value"] = "XXXX-WXX-5"
    path = corpus_root.parent / "run.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def test_the_corpus_is_unlike_newsgold(corpus_root: Path) -> None:
    docs = list(open_corpus(corpus_root).documents())
    assert {d["language"] for d in docs} == {"cs", "uk"}
    assert {s["lang"] for d in docs for s in d["segments"]} == {"cs", "uk", "en"}
    assert sum(d["source"]["published"] is None for d in docs) == 2
    assert not any("seed_file" in d["source"] or "published_basis" in d["source"] for d in docs)


def test_validates_clean(corpus_root: Path, capsys: pytest.CaptureFixture) -> None:
    report = validate_corpus(open_corpus(corpus_root))
    assert report.problems == (), "\n".join(map(str, report.problems))
    assert main(["validate", "--gold", str(corpus_root)]) == 0
    assert capsys.readouterr().out.strip().endswith("4 files checked, 0 problems")


def test_predictions_validate_against_it(corpus_root: Path, predictions: Path) -> None:
    assert main(["validate", "--gold", str(corpus_root), str(predictions)]) == 0


def headline(result: dict, task: str, metric: str) -> float:
    [system] = result["systems"]
    return system["tasks"][task]["headline"][metric]["value"]


def test_scores(corpus_root: Path, predictions: Path, tmp_path: Path) -> None:
    out = tmp_path / "result.json"
    assert main(["eval", "--gold", str(corpus_root), "--predictions", str(predictions), "--bootstrap", "50",
                 "--output", str(out)]) == 0
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["signature"]["documents"] == ["ctk_2023_000117", "ukrinform-a9f3", "ukrinform-b771"]
    assert result["signature"]["corpus_fingerprint"] == open_corpus(corpus_root).fingerprint
    assert headline(result, "lid", "document.accuracy") == 1.0
    entities = 9 + 9 + 3
    assert headline(result, "entities", "micro.strict.f1") == pytest.approx(2 * (entities - 1) / (2 * entities - 1))
    assert headline(result, "timex", "strict.f1") == 1.0
    assert headline(result, "timex", "relaxed.value_f1") == pytest.approx(3 / 4)
    assert headline(result, "translation", "chrf.score") == 100.0


def test_linking_uses_the_corpus_registry(corpus_root: Path, predictions: Path, tmp_path: Path) -> None:
    out = tmp_path / "result.json"
    assert main(["eval", "--gold", str(corpus_root), "--predictions", str(predictions), "--tasks", "linking",
                 "--bootstrap", "0", "--output", str(out)]) == 0
    [system] = json.loads(out.read_text(encoding="utf-8"))["systems"]
    qid = system["tasks"]["linking"]["scores"]["qid"]
    # the corpus's registry confirms no Wikidata id at all: every gold mention is left out of QID scoring
    assert qid["gold"] == 0 and qid["excluded_gold"] > 0
    assert qid["strict"]["f1"] is None and qid["fuzzy"]["f1"] is None


def test_gate_pins_its_own_fingerprint(corpus_root: Path, predictions: Path, tmp_path: Path,
                                       capsys: pytest.CaptureFixture) -> None:
    result, floors = tmp_path / "result.json", tmp_path / "floors.json"
    assert main(["eval", "--gold", str(corpus_root), "--predictions", str(predictions), "--bootstrap", "0",
                 "--output", str(result)]) == 0
    assert main(["gate", str(result), "--baseline", str(floors), "--update"]) == 0
    assert json.loads(floors.read_text(encoding="utf-8"))["corpus_fingerprint"] == open_corpus(corpus_root).fingerprint
    assert main(["gate", str(result), "--baseline", str(floors)]) == 0
    assert "gate passed" in capsys.readouterr().out
    bundled, empty = tmp_path / "bundled.json", tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    assert main(["eval", "--predictions", str(empty), "--bootstrap", "0", "--tasks", "lid",
                 "--output", str(bundled)]) == 0  # a result on the bundled gold
    assert main(["gate", str(bundled), "--baseline", str(floors)]) == 2
    assert "fingerprint" in capsys.readouterr().err


def test_audit_runs_clean(corpus_root: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["audit", "--gold", str(corpus_root)]) == 0
    assert "0 unexplained" in capsys.readouterr().out


def test_stats_lists_its_languages(corpus_root: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["stats", "--gold", str(corpus_root)]) == 0
    out = capsys.readouterr().out
    assert "cs" in out and "uk" in out


def test_jsonl_form_scores_the_same(corpus_root: Path, predictions: Path, tmp_path: Path) -> None:
    convert(open_corpus(corpus_root), "jsonl", tmp_path / "shards", 2)
    results = []
    for gold in (corpus_root, tmp_path / "shards"):
        out = tmp_path / f"{len(results)}.json"
        assert main(["eval", "--gold", str(gold), "--predictions", str(predictions), "--bootstrap", "10",
                     "--output", str(out)]) == 0
        results.append(json.loads(out.read_text(encoding="utf-8")))
    assert results[0] == results[1]


# --------------------------------------------------------------------------- unusable --gold

def test_missing_gold(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["validate", "--gold", str(tmp_path / "nowhere")]) == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_empty_gold_folder(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["eval", "--gold", str(tmp_path), "--predictions", str(tmp_path / "p.jsonl")]) == 2
    assert "holds neither the folder form" in capsys.readouterr().err


def test_empty_annotations_folder(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    (tmp_path / "annotations").mkdir()
    assert main(["validate", "--gold", str(tmp_path)]) == 2
    assert "no annotation files" in capsys.readouterr().err


def test_empty_shard(tmp_path: Path, corpus_root: Path, capsys: pytest.CaptureFixture) -> None:
    (tmp_path / "part-0.jsonl").write_bytes(b"")
    (tmp_path / "kb.json").write_bytes((corpus_root / "annotations" / "kb.json").read_bytes())
    assert main(["validate", "--gold", str(tmp_path / "part-0.jsonl")]) == 2
    assert "no documents" in capsys.readouterr().out


def test_no_shard_matches_the_glob(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["validate", "--gold", str(tmp_path / "part-*.jsonl")]) == 2
    assert "no file matches" in capsys.readouterr().err


def test_mixed_forms(tmp_path: Path, corpus_root: Path, capsys: pytest.CaptureFixture) -> None:
    synthetic_corpus.write_folder(tmp_path)
    convert(open_corpus(corpus_root), "jsonl", tmp_path / "j")
    (tmp_path / "j" / "part-00000.jsonl").rename(tmp_path / "extra.jsonl")
    assert main(["validate", "--gold", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "mixes the folder form" in err and "Traceback" not in err


def test_dateparser_baseline_without_a_publication_date() -> None:
    pytest.importorskip("dateparser")
    from newsgold.baselines import timex_dateparser

    text = "Ministr to oznámil 13. září 2023. Včera jednal v Praze."
    found = timex_dateparser.find_timexes(text, "cs", None)
    assert found  # the absolute date is kept
    assert all("Včera" not in text[s:e] for s, e, _ in found)  # relative: no base, so not resolved
    assert [(text[s:e], v) for s, e, v in found] == [(t, v) for t, v in
                                                      [(text[s:e], v) for s, e, v in
                                                       timex_dateparser.find_timexes(text, "cs", "2023-09-20")]
                                                      if t != "Včera"]
