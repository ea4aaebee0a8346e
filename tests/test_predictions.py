"""The predictions policy: what is an error (naming line and JSON path), what is a warning."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgold import evaluate
from newsgold.errors import UsageError
from newsgold.predictions import PredictionError, from_gold, read_predictions


@pytest.fixture(scope="module")
def golds():
    return evaluate.load_golds()


@pytest.fixture(scope="module")
def ids(golds):
    return sorted(golds)


def write(path: Path, lines: list) -> Path:
    path.write_text("".join((x if isinstance(x, str) else json.dumps(x, ensure_ascii=False)) + "\n" for x in lines),
                    encoding="utf-8")
    return path


def span(golds, doc_id: str, start: int, end: int, **extra) -> dict:
    return {"start": start, "end": end, "text": golds[doc_id]["text"][start:end], **extra}


def first_word(golds, doc_id: str) -> tuple[int, int]:
    text = golds[doc_id]["text"]
    start = len(text) - len(text.lstrip())
    end = start
    while end < len(text) and not text[end].isspace():
        end += 1
    return start, end


def errors_of(path: Path, golds) -> list[str]:
    with pytest.raises(PredictionError) as err:
        read_predictions(path, golds)
    return err.value.errors


def test_missing_documents_are_empty_and_warned(tmp_path, golds, ids):
    path = write(tmp_path / "p.jsonl", [{"doc_id": ids[0], "language": "el"}])
    preds = read_predictions(path, golds, layers=("language",))
    assert sorted(preds.by_doc) == ids
    assert preds.by_doc[ids[1]] == {"doc_id": ids[1]}
    assert preds.by_doc[ids[0]]["language"] == "el"
    assert len(preds.warnings) == 1 and f"{len(ids) - 1} document(s) without predictions" in preds.warnings[0]


def test_a_layer_no_line_carries_is_warned(tmp_path, golds, ids):
    path = write(tmp_path / "p.jsonl", [{"doc_id": d, "language": "el"} for d in ids])
    preds = read_predictions(path, golds, layers=("language", "entities"))
    assert preds.warnings == ["no prediction line carries the layer 'entities': scored as empty"]


def test_unknown_doc_id_names_the_line(tmp_path, golds, ids):
    path = write(tmp_path / "p.jsonl", [{"doc_id": ids[0]}, {"doc_id": "xx-nowhere-20240101"}])
    (error,) = errors_of(path, golds)
    assert error.startswith(f"{path}:2: $.doc_id:") and "xx-nowhere-20240101" in error


def test_duplicate_doc_id_names_both_lines(tmp_path, golds, ids):
    path = write(tmp_path / "p.jsonl", [{"doc_id": ids[0]}, "", {"doc_id": ids[1]}, {"doc_id": ids[0]}])
    (error,) = errors_of(path, golds)
    assert error.startswith(f"{path}:4: $.doc_id:") and "line 1" in error


def test_offsets_outside_the_text(tmp_path, golds, ids):
    doc = ids[0]
    n = len(golds[doc]["text"])
    path = write(tmp_path / "p.jsonl", [{"doc_id": doc, "entities": [{"start": n - 1, "end": n + 5, "type": "PER"}]}])
    (error,) = errors_of(path, golds)
    assert error.startswith(f"{path}:1: $.entities[0]")


def test_span_text_must_match_the_slice(tmp_path, golds, ids):
    doc = ids[1]
    start, end = first_word(golds, doc)
    good = span(golds, doc, start, end, type="LOC")
    bad = {**good, "text": good["text"] + "x"}
    trig = {"type": "CONSULT", "trigger": {"start": start, "end": end, "text": "nope"}}
    path = write(tmp_path / "p.jsonl", [{"doc_id": doc, "entities": [good, bad], "events": [trig]}])
    errors = errors_of(path, golds)
    assert [e.split(": ")[1] for e in errors] == ["$.entities[1].text", "$.events[0].trigger.text"]


def test_schema_violations_name_the_path(tmp_path, golds, ids):
    doc = ids[0]
    start, end = first_word(golds, doc)
    path = write(tmp_path / "p.jsonl", [{"doc_id": doc, "entities": [span(golds, doc, start, end, type="PERSON")]},
                                        {"doc_id": ids[1], "colour": "red"}])
    errors = errors_of(path, golds)
    assert any(e.startswith(f"{path}:1: $.entities[0].type:") for e in errors)
    assert any(e.startswith(f"{path}:2: $:") and "colour" in e for e in errors)


def test_every_error_is_reported_not_only_the_first(tmp_path, golds, ids):
    lines = [{"doc_id": "nope-a"}, {"doc_id": ids[0], "language": "XX"}, {"doc_id": "nope-b"}]
    errors = errors_of(write(tmp_path / "p.jsonl", lines), golds)
    assert [e.split(":")[1] for e in errors] == ["1", "2", "3"]


def test_dangling_argument_ref_and_unknown_translation_segment(tmp_path, golds, ids):
    doc = ids[0]
    start, end = first_word(golds, doc)
    event = {"type": "CONSULT", "trigger": span(golds, doc, start, end), "arguments": [{"role": "actor", "ref": "T9"}]}
    line = {"doc_id": doc, "events": [event], "translations": [{"segment": "S999", "text": "x"}]}
    errors = errors_of(write(tmp_path / "p.jsonl", [line]), golds)
    assert [e.split(": ")[1] for e in errors] == ["$.events[0].arguments[0].ref", "$.translations[0].segment"]


def test_not_json_is_unusable(tmp_path, golds):
    path = write(tmp_path / "p.jsonl", ["{not json"])
    with pytest.raises(UsageError, match=r"p\.jsonl:1: not JSON"):
        read_predictions(path, golds)


def test_gold_as_predictions_passes_every_check(tmp_path, golds):
    path = write(tmp_path / "gold.jsonl", [from_gold(g) for g in golds.values()])
    preds = read_predictions(path, golds, layers=("language", "segments"))
    assert preds.warnings == []
    for doc_id, gold in golds.items():
        assert preds.by_doc[doc_id]["segments"] == [
            {k: s[k] for k in ("id", "start", "end", "text", "zone", "lang", "boilerplate_kind") if k in s}
            for s in gold["segments"]
        ]


def test_cli_exit_status_2_on_invalid_predictions(tmp_path, capsys, golds, ids):
    from newsgold.cli import main

    path = write(tmp_path / "p.jsonl", [{"doc_id": "xx-nowhere-20240101"}])
    assert main(["eval", "--predictions", str(path), "--tasks", "lid", "--bootstrap", "0"]) == 2
    err = capsys.readouterr().err
    assert "p.jsonl:1: $.doc_id" in err and "Traceback" not in err


def test_token_level_conll_predictions_are_scored_as_entity_spans(tmp_path, capsys):
    """Sequence-tagger output (CoNLL/BIO over the documented tokenizer) goes through `newsgold eval --conll`."""
    import json

    from newsgold.cli import main
    from newsgold.corpus import open_corpus
    from newsgold.metrics.conll import to_conll

    lines = [line for doc in open_corpus().documents() for line in to_conll(doc, doc["entities"])]
    conll = tmp_path / "tagger.conll"
    conll.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "result.json"
    assert main(["eval", "--conll", str(conll), "--bootstrap", "0", "--output", str(out)]) == 0
    [system] = json.loads(out.read_text(encoding="utf-8"))["systems"]
    assert list(system["tasks"]) == ["entities"]
    f1 = system["tasks"]["entities"]["headline"]["micro.strict.f1"]["value"]
    # the gold through BIO tags: exact except the few mentions whose edges fall inside a token
    assert 0.98 < f1 < 1.0
    assert main(["eval", "--conll", str(conll), "--tasks", "timex"]) == 2
    bad = tmp_path / "bad.conll"
    bad.write_text("-DOCSTART- el-skai-20240913\nnot-a-token O\n", encoding="utf-8")
    assert main(["eval", "--conll", str(bad), "--bootstrap", "0"]) == 2
    assert "bad.conll" in capsys.readouterr().err
