"""newsgold.kbsync: each gold mention's derived ``wikidata`` follows the registry; build and validate enforce it."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from newsgold import paths
from newsgold.checks.registry import check_wikidata
from newsgold.kbsync import NIL, mention_wikidata, sync, synced, targets, wikidata_status

REGISTRY = {"russia": {"wikidata": "Q159"}, "kcna": {"wikidata": None, "wikidata_status": "absent"},
            "shoigu": {"wikidata": None}, "odd": {"wikidata": None, "wikidata_status": "unconfirmed"}}


def test_status_and_derived_value():
    assert [wikidata_status(REGISTRY[s]) for s in ("russia", "kcna", "shoigu", "odd")] == [
        "confirmed", "absent", "unconfirmed", "unconfirmed"]
    assert [mention_wikidata(s, REGISTRY) for s in ("russia", "kcna", "shoigu", None, "missing")] == [
        "Q159", NIL, None, None, None]


def test_synced_places_the_field_after_entity_and_refreshes_it():
    doc = {"entities": [{"id": "T1", "start": 0, "end": 6, "type": "MISC", "subtype": "demonym", "entity": "russia"},
                        {"id": "T2", "start": 7, "end": 9, "entity": "kcna", "wikidata": "Q1", "text": "x"}]}
    out = synced(doc, REGISTRY)
    assert list(out["entities"][0]) == ["id", "start", "end", "type", "subtype", "entity", "wikidata"]
    assert out["entities"][0]["wikidata"] == "Q159"  # a demonym takes its country's QID
    assert out["entities"][1] == {"id": "T2", "start": 7, "end": 9, "entity": "kcna", "wikidata": NIL, "text": "x"}
    assert doc["entities"][1]["wikidata"] == "Q1"  # the input is not changed


def test_bundled_gold_is_in_sync():
    assert all(current for _, _, current in targets(paths.data_root()))


def test_sync_writes_stale_files_then_is_clean(tmp_path: Path):
    root = tmp_path / "data"
    shutil.copytree(paths.data_root() / "annotations", root / "annotations", ignore=shutil.ignore_patterns("parquet"))
    kb_file = root / "annotations" / "kb.json"
    kb = json.loads(kb_file.read_text(encoding="utf-8"))
    slug = next(s for s, r in kb["entities"].items() if r.get("wikidata"))
    kb["entities"][slug]["wikidata"] = "Q999999999"
    kb_file.write_text(json.dumps(kb, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    stale = sync(root, check=True)
    assert stale and all(p.parent.name == "annotations" for p in stale)
    assert sync(root) == stale
    assert sync(root, check=True) == []
    docs = [json.loads(p.read_text(encoding="utf-8")) for p in stale]
    assert any(m.get("wikidata") == "Q999999999" for d in docs for m in d["entities"] if m.get("entity") == slug)


def test_validator_reports_a_mention_that_disagrees_with_the_registry():
    kb = {"entities": REGISTRY}
    doc = {"entities": [{"entity": "russia", "wikidata": "Q159"}, {"entity": "kcna", "wikidata": None},
                        {"entity": None, "wikidata": None}, {"entity": "nowhere", "wikidata": "Q5"},
                        {"entity": "shoigu"}]}
    found = check_wikidata(doc, kb)
    assert [(f.code, f.path) for f in found] == [("stale-wikidata", "$.entities[1].wikidata")]
    assert "'NIL'" in found[0].expected
