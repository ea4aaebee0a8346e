"""Label Studio: export -> (simulated tool) -> import round trips, on every document of the gold."""
from __future__ import annotations

import copy
import json
import random
from pathlib import Path

import pytest

from newsgold.cli import main
from newsgold.corpus import open_corpus
from newsgold.errors import DataError
from newsgold.jsonio import dumps
from newsgold.publish import labelstudio as ls
from newsgold.publish.exchange import import_

CORPUS = open_corpus()
DOC_IDS = CORPUS.doc_ids()


def annotation_bytes(doc_id: str) -> bytes:
    return (Path(CORPUS.root) / "annotations" / f"{doc_id}.json").read_bytes()


def ls_export(tasks: list[dict], edit=None, shuffle_seed: int = 7) -> list[dict]:
    """What Label Studio's JSON export gives once an annotator has accepted the pre-annotation
    (and applied ``edit`` to its result): the result as an annotation, with the tool's own fields,
    in another order."""
    out = []
    for n, task in enumerate(copy.deepcopy(tasks), start=1):
        result = [{**r, "origin": "prediction"} for r in task["predictions"][0]["result"]]
        if edit is not None:
            edit(task["data"]["doc_id"], result)
        random.Random(shuffle_seed + n).shuffle(result)
        out.append({
            "id": n, "data": task["data"], "predictions": [n], "project": 1,
            "annotations": [
                {"id": 100 + n, "completed_by": 1, "result": [], "was_cancelled": True,
                 "created_at": "2026-01-01T10:00:00.000000Z", "updated_at": "2026-01-01T10:00:00.000000Z"},
                {"id": 200 + n, "completed_by": 1, "result": result, "was_cancelled": False, "ground_truth": False,
                 "created_at": "2026-01-02T10:00:00.000000Z", "updated_at": "2026-01-02T10:05:00.000000Z",
                 "lead_time": 12.5, "prediction": {}, "result_count": 0, "task": n},
            ],
            "created_at": "2026-01-01T09:00:00.000000Z", "updated_at": "2026-01-02T10:05:00.000000Z",
        })
    return json.loads(json.dumps(out))


@pytest.fixture(scope="module")
def tasks() -> list[dict]:
    return json.loads(json.dumps(ls.export_tasks(CORPUS.documents(), CORPUS.fingerprint)))


def test_export_import_is_byte_identical_on_every_document(tasks, tmp_path):
    src = tmp_path / "export.json"
    src.write_text(json.dumps(ls_export(tasks), ensure_ascii=False), encoding="utf-8")
    written = import_(CORPUS, "label-studio", src, tmp_path / "out")
    assert sorted(p.stem for p in written) == DOC_IDS
    for doc_id in DOC_IDS:
        assert (tmp_path / "out" / f"{doc_id}.json").read_bytes() == annotation_bytes(doc_id), doc_id


def test_the_tasks_file_itself_imports_unchanged(tasks):
    rebuilt = ls.import_export(tasks, CORPUS)
    for doc_id in DOC_IDS:
        assert dumps(rebuilt[doc_id]).encode("utf-8") == annotation_bytes(doc_id)


def test_renumbered_regions_get_their_ids_back_by_offsets(tasks):
    def renumber(doc_id, result):
        fresh = {}
        for r in result:
            for key in ("id", "from_id", "to_id"):
                if key in r:
                    r[key] = fresh.setdefault(r[key], f"ls{len(fresh):04d}x")

    rebuilt = ls.import_export(ls_export(tasks, renumber), CORPUS)
    for doc_id in DOC_IDS:
        assert dumps(rebuilt[doc_id]).encode("utf-8") == annotation_bytes(doc_id)


def _shrinkable(doc: dict) -> dict:
    """The first entity whose span stays valid without its last character."""
    for ent in doc["entities"]:
        if len(ent["text"]) > 1 and not ent["text"][-2].isspace():
            return ent
    raise AssertionError(f"{doc['doc_id']}: no entity to correct")


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_a_span_corrected_in_the_tool_comes_back_alone(tasks, doc_id):
    base = json.loads(annotation_bytes(doc_id))
    target = _shrinkable(base)
    new_end = target["end"] - 1

    def shrink(this_doc, result):
        if this_doc != doc_id:
            return
        for r in result:
            if r.get("id") == target["id"] and "value" in r:
                r["value"]["end"] = new_end
                if r["type"] == "labels":
                    r["value"]["text"] = r["value"]["text"][:-1]

    rebuilt = ls.import_export(ls_export(tasks, shrink), CORPUS)
    expected = copy.deepcopy(base)
    for ent in expected["entities"]:
        if ent["id"] == target["id"]:
            ent["end"], ent["text"] = new_end, ent["text"][:-1]
    assert rebuilt[doc_id] == expected
    assert dumps(rebuilt[doc_id]) == dumps(expected)  # key order kept too
    for other in DOC_IDS:
        if other != doc_id:
            assert dumps(rebuilt[other]).encode("utf-8") == annotation_bytes(other)


def test_a_new_region_and_argument_get_fresh_ids(tasks):
    doc_id = DOC_IDS[0]
    base = json.loads(annotation_bytes(doc_id))
    event = base["events"][0]
    entity = base["entities"][-1]

    def add(this_doc, result):
        if this_doc == doc_id:
            result.append({"id": "newtimex01", "from_name": "timex", "to_name": "text", "type": "labels",
                           "value": {"start": entity["start"], "end": entity["end"], "text": entity["text"],
                                     "labels": ["DATE"]}})
            result.append({"id": "newtimex01", "from_name": "value", "to_name": "text", "type": "textarea",
                           "value": {"start": entity["start"], "end": entity["end"], "text": ["2024"]}})
            result.append({"type": "relation", "from_id": event["id"], "to_id": "newtimex01",
                           "direction": "right", "labels": ["time"]})

    rebuilt = ls.import_export(ls_export(tasks, add), CORPUS)[doc_id]
    new_id = f"X{max(int(t['id'][1:]) for t in base['timexes']) + 1}"
    assert rebuilt["timexes"][-1] == {"id": new_id, "start": entity["start"], "end": entity["end"],
                                      "text": entity["text"], "type": "DATE", "value": "2024"}
    assert rebuilt["events"][0]["arguments"] == [*event["arguments"], {"role": "time", "ref": new_id}]


def test_an_invalid_edit_writes_nothing(tasks, tmp_path):
    def bad_label(this_doc, result):
        if this_doc == DOC_IDS[-1]:
            next(r for r in result if r.get("from_name") == "entity")["value"]["labels"] = ["PERSON"]

    src = tmp_path / "export.json"
    src.write_text(json.dumps(ls_export(tasks, bad_label), ensure_ascii=False), encoding="utf-8")
    with pytest.raises(DataError, match="do not validate; nothing written"):
        import_(CORPUS, "label-studio", src, tmp_path / "out")
    assert not (tmp_path / "out").exists()
    assert main(["import", str(src), "--format", "label-studio", "--out", str(tmp_path / "out")]) == 1


def test_offsets_that_do_not_match_the_text_are_refused(tasks):
    def shift(this_doc, result):
        for r in result:
            if r.get("type") == "labels":
                r["value"]["start"] += 1
                break

    with pytest.raises(DataError, match="differs from the corpus text"):
        ls.import_export(ls_export(tasks, shift), CORPUS)


def test_labeling_config_names_every_control_the_tasks_use(tasks):
    import xml.etree.ElementTree as ET

    root = ET.fromstring(ls.labeling_config())
    names = {el.get("name") for el in root.iter() if el.get("name")}
    used = {r["from_name"] for t in tasks for r in t["predictions"][0]["result"] if "from_name" in r}
    assert used <= names
    labels = {el.get("value") for el in root.iter("Label")}
    assert {r["value"]["labels"][0] for t in tasks for r in t["predictions"][0]["result"]
            if r.get("type") == "labels"} <= labels


def test_a_timex_without_value_is_named():
    doc = next(d for d in CORPUS.documents() if d["timexes"])
    tasks = ls.export_tasks([doc])
    tasks[0]["predictions"][0]["result"] = [r for r in tasks[0]["predictions"][0]["result"]
                                            if not (r.get("from_name") == "value" and r["id"] == doc["timexes"][0]["id"])]
    with pytest.raises(DataError, match=f"timexes {doc['timexes'][0]['id']} .* has no value"):
        ls.import_export(tasks, CORPUS)
