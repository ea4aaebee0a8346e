"""brat standoff: export -> import round trips on every document; a corrected span comes back alone."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from newsgold.corpus import open_corpus
from newsgold.errors import DataError
from newsgold.jsonio import dumps
from newsgold.publish import brat
from newsgold.publish.exchange import export, import_, rebuild

CORPUS = open_corpus()
DOC_IDS = CORPUS.doc_ids()


def annotation_bytes(doc_id: str) -> bytes:
    return (Path(CORPUS.root) / "annotations" / f"{doc_id}.json").read_bytes()


@pytest.fixture()
def collection(tmp_path) -> Path:
    export(CORPUS, "brat", tmp_path / "brat")
    return tmp_path / "brat"


def test_export_writes_text_byte_for_byte_and_every_layer(collection):
    for doc in CORPUS.documents():
        assert (collection / f"{doc['doc_id']}.txt").read_bytes() == doc["text"].encode("utf-8")
        lines = (collection / f"{doc['doc_id']}.ann").read_text(encoding="utf-8").splitlines()
        bounds = [ln for ln in lines if ln.startswith("T")]
        assert len(bounds) == len(doc["entities"]) + len(doc["timexes"]) + len(doc["events"])
        assert sum(ln.startswith("E") for ln in lines) == len(doc["events"])
        notes = [ln for ln in lines if ln.startswith("#") and "value=" in ln]
        assert len(notes) == len(doc["timexes"])
        args = sum(len(ln.split("\t")[1].split(" ")) - 1 for ln in lines if ln.startswith("E"))
        assert args == sum(len(ev["arguments"]) for ev in doc["events"])
    assert (collection / "annotation.conf").is_file()


def test_export_import_is_byte_identical_on_every_document(collection, tmp_path):
    written = import_(CORPUS, "brat", collection, tmp_path / "out")
    assert sorted(p.stem for p in written) == DOC_IDS
    for doc_id in DOC_IDS:
        assert (tmp_path / "out" / f"{doc_id}.json").read_bytes() == annotation_bytes(doc_id), doc_id


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_a_span_corrected_in_brat_comes_back_alone(collection, doc_id):
    base = json.loads(annotation_bytes(doc_id))
    target = next(e for e in base["entities"] if len(e["text"]) > 1 and not e["text"][1].isspace())
    ann = collection / f"{doc_id}.ann"
    lines = ann.read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        if line.startswith(f"{target['id']}\t"):
            lines[i] = f"{target['id']}\t{target['type']} {target['start'] + 1} {target['end']}\t{target['text'][1:]}"
    ann.write_text("\n".join(lines) + "\n", encoding="utf-8")
    rebuilt = rebuild(CORPUS, "brat", collection)
    expected = copy.deepcopy(base)
    for ent in expected["entities"]:
        if ent["id"] == target["id"]:
            ent["start"], ent["text"] = ent["start"] + 1, ent["text"][1:]
    assert dumps(rebuilt[doc_id]) == dumps(expected)
    for other in DOC_IDS:
        if other != doc_id:
            assert dumps(rebuilt[other]).encode("utf-8") == annotation_bytes(other)


def test_a_timex_value_edited_in_its_note_comes_back(collection):
    doc_id = next(d for d in DOC_IDS if CORPUS.document(d)["timexes"])
    ann = collection / f"{doc_id}.ann"
    text = ann.read_text(encoding="utf-8")
    first = CORPUS.document(doc_id)["timexes"][0]
    old = f"id={first['id']} value={first['value']}"
    assert old in text
    ann.write_text(text.replace(old, f"id={first['id']} value=PAST_REF", 1), encoding="utf-8")
    rebuilt = rebuild(CORPUS, "brat", collection)[doc_id]
    assert rebuilt["timexes"][0] == {**first, "value": "PAST_REF"}
    assert rebuilt["timexes"][1:] == CORPUS.document(doc_id)["timexes"][1:]


def test_a_dangling_argument_is_refused_and_nothing_is_written(collection, tmp_path):
    doc_id = DOC_IDS[0]
    ann = collection / f"{doc_id}.ann"
    lines = ann.read_text(encoding="utf-8").splitlines()
    i = next(i for i, ln in enumerate(lines) if ln.startswith("E"))
    lines[i] += " actor:T9999"
    ann.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataError, match="names no entity"):
        import_(CORPUS, "brat", collection, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_annotation_conf_declares_every_type_used(collection):
    conf = (collection / "annotation.conf").read_text(encoding="utf-8")
    for doc in CORPUS.documents():
        for line in brat.ann_lines(doc):
            if line.startswith("T"):
                assert f"\n{line.split()[1]}" in conf
