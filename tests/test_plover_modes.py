"""Event modes follow PLOVER: the published mode lists, the schema's per-type enumeration, the gold.

PLOVER_MODES is copied from the PLOVER manual's mode tables (openeventdata/PLOVER,
PLOVER_MANUAL.tex at commit 5e0c24f, 2024-02-04: "CONSULT modes", "RETREAT modes", ...).
CAMEO2PLOVER-2021.txt in the same repository maps CAMEO 042 "Make a visit" and 043 "Host a
visit" both to CONSULT ``visit``: PLOVER has no ``host`` mode. Types the manual gives no
modes (AGREE, SUPPORT, CONCEDE, COOPERATE, AID) and PERSONNEL (not PLOVER) take null.
"""
from __future__ import annotations

import copy

import pytest

import bundled
from newsgold import paths
from newsgold.checks.schema import check_schema
from newsgold.gold import load_gold
from newsgold.jsonio import read_json

PLOVER_MODES: dict[str, tuple[str, ...]] = {
    "AGREE": (),
    "CONSULT": ("visit", "third-party", "multilateral", "phone"),
    "SUPPORT": (),
    "CONCEDE": (),
    "COOPERATE": (),
    "AID": (),
    "RETREAT": ("withdraw", "release", "disarm", "ceasefire", "access", "resign"),
    "REQUEST": ("assist", "change", "yield", "meet"),
    "ACCUSE": ("disapprove", "investigate", "allege"),
    "REJECT": ("assist", "change", "yield", "meet"),
    "THREATEN": ("restrict", "arrest", "relations", "expel", "territory", "violence"),
    "PROTEST": ("demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"),
    "SANCTION": ("convict", "expel", "withdraw", "discontinue"),
    "MOBILIZE": ("troops", "weapons", "police", "militia"),
    "COERCE": ("seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport", "withhold",
               "misinformation", "cyber"),
    "ASSAULT": ("abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive", "firearms",
                "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons", "crowd-control",
                "unconventional"),
    "PERSONNEL": (),
}


def schema_modes() -> dict[str, set]:
    """The mode enumeration per event type, as annotation.schema.json's if/then rules state it."""
    event = read_json(paths.schema_dir() / "annotation.schema.json")["$defs"]["event"]
    found = {}
    for rule in event["allOf"]:
        found[rule["if"]["properties"]["type"]["const"]] = set(rule["then"]["properties"]["mode"]["enum"])
    return found


def test_schema_enumerates_plover_modes_per_type():
    assert schema_modes() == {t: {None, *modes} for t, modes in PLOVER_MODES.items()}


def test_every_consult_mode_is_a_plover_consult_mode():
    modes = {e.mode for d in load_gold() for e in d.events if e.type == "CONSULT"}
    assert modes <= {None, *PLOVER_MODES["CONSULT"]}
    assert "visit" in modes  # the corpus has visits: the test checks something


def test_every_event_mode_is_in_its_types_plover_list():
    for doc in load_gold():
        for ev in doc.events:
            assert ev.mode is None or ev.mode in PLOVER_MODES[ev.type], (doc.doc_id, ev.id, ev.type, ev.mode)


def _gold_with_mode(event_type: str, mode: str | None) -> dict:
    doc = copy.deepcopy(read_json(bundled.annotations_dir() / "el-skai-20240913.json"))
    doc["events"][0]["type"] = event_type
    doc["events"][0]["mode"] = mode
    return doc


@pytest.mark.parametrize("event_type, mode", [("CONSULT", "host"), ("CONSULT", "meet"), ("AID", "visit"),
                                              ("PERSONNEL", "resign"), ("ASSAULT", "visit")])
def test_schema_rejects_a_mode_outside_the_types_plover_list(event_type, mode):
    findings = check_schema(_gold_with_mode(event_type, mode), "annotation")
    assert any(f.path.startswith("$.events[0]") for f in findings), findings


@pytest.mark.parametrize("event_type, mode", [("CONSULT", "phone"), ("CONSULT", None), ("ASSAULT", "aerial"),
                                              ("REJECT", "meet"), ("AID", None)])
def test_schema_accepts_a_plover_mode_of_the_type(event_type, mode):
    assert check_schema(_gold_with_mode(event_type, mode), "annotation") == []


@pytest.mark.parametrize("mode, ok", [("third-party", True), ("heavy-weapons", True), ("visit", True), (None, True),
                                      ("Visit", False), ("-visit", False)])
def test_prediction_schema_accepts_plover_mode_spellings(mode, ok):
    event = {"type": "CONSULT", "mode": mode, "trigger": {"start": 0, "end": 1}, "arguments": [], "status": "asserted"}
    findings = [f for f in check_schema({"doc_id": "el-skai-20240913", "events": [event]}, "prediction")
                if f.path.startswith("$.events[0].mode")]
    assert (findings == []) is ok, findings
