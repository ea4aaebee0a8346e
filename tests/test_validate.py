"""Tests of newsgold.validate and ``newsgold validate``.

Gold defects are built from a copy of a real gold file in ``tmp_path`` whose layers
are replaced by a synthetic, valid annotation (see ``synthetic_doc``), then mutated
in one place per test.
"""
from __future__ import annotations

import copy
import dataclasses
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable

import pytest

import bundled
from newsgold.jsonio import read_json, read_text
from newsgold.validate import Problem, validate_document, validate_files, validate_paths

FIXTURES = Path(__file__).parent / "fixtures" / "validate"
DOC_ID = "el-skai-20240913"
EVENT = "shoigu-kim-meeting-2024-09-13"


# --------------------------------------------------------------------------- builders


def corpus_text() -> str:
    return read_text(bundled.corpus_dir() / f"{DOC_ID}.txt")


def mention(text: str, needle: str, **fields: Any) -> dict:
    start = text.index(needle)
    return {**fields, "start": start, "end": start + len(needle), "text": needle}


def synthetic_doc(text: str) -> dict:
    """The gold file of DOC_ID with its segments and small, valid entity/timex/event/translation layers."""
    doc = copy.deepcopy(read_json(bundled.annotations_dir() / f"{DOC_ID}.json"))
    doc["entities"] = [
        mention(text, "ρωσικού Συμβουλίου Ασφαλείας", id="T1", type="ORG", subtype="government",
                entity="russian-security-council"),
        mention(text, "Σεργκέι Σοϊγκού", id="T2", type="PER", subtype=None, entity="sergei-shoigu"),
        mention(text, "Βόρεια Κορέα", id="T3", type="LOC", subtype="country", entity="north-korea"),
        mention(text, "Κιμ Γιονγκ Ουν", id="T4", type="PER", subtype=None, entity="kim-jong-un"),
    ]
    doc["timexes"] = [mention(text, "σήμερα", id="X1", type="DATE", value="2024-09-13")]
    trigger, accuse, supply = (mention(text, w) for w in ("δεκτός", "κατηγορούν", "παραδίδει"))
    doc["events"] = [
        {"id": "E1", "type": "CONSULT", "mode": "visit", "trigger": trigger,
         "arguments": [{"role": "actor", "ref": "T2"}, {"role": "recipient", "ref": "T4"},
                       {"role": "place", "ref": "T3"}, {"role": "time", "ref": "X1"}],
         "status": "asserted", "date": "2024-09-13", "instance": EVENT},
        {"id": "E2", "type": "ACCUSE", "mode": None, "trigger": accuse,
         "arguments": [{"role": "content_event", "ref": "E3"}], "status": "asserted", "date": None,
         "instance": None},
        {"id": "E3", "type": "AID", "mode": None, "trigger": supply,
         "arguments": [{"role": "actor", "ref": "T3"}], "status": "alleged", "date": None, "instance": None},
    ]
    doc["translations"] = [{"segment": s["id"], "text": f"English reference of {s['id']}."}
                           for s in doc["segments"] if s["zone"] not in ("byline", "boilerplate")]
    return doc


def synthetic_kb() -> dict:
    def entity(type_: str, subtype: str | None, name: str) -> dict:
        return {"type": type_, "subtype": subtype, "name_en": name, "wikidata": None,
                "wikidata_status": "unconfirmed", "aliases": {}}

    return {
        "schema_version": "2.0.0",
        "data_version": "1.1.0",
        "entities": {
            "russian-security-council": entity("ORG", "government", "Security Council of Russia"),
            "sergei-shoigu": entity("PER", None, "Sergei Shoigu"),
            "north-korea": entity("LOC", "country", "North Korea"),
            "kim-jong-un": entity("PER", None, "Kim Jong Un"),
        },
        "events": {EVENT: {"type": "CONSULT", "date": "2024-09-13", "summary_en": "Shoigu meets Kim.",
                           "participants": ["sergei-shoigu", "kim-jong-un"]}},
    }


def write_root(root: Path, doc: dict | None = None, kb: dict | None = None, name: str = DOC_ID) -> Path:
    """A data root in ``root``: corpus copy, annotations/<name>.json and annotations/kb.json."""
    (root / "corpus").mkdir(exist_ok=True)
    shutil.copyfile(bundled.corpus_dir() / f"{DOC_ID}.txt", root / "corpus" / f"{DOC_ID}.txt")
    (root / "annotations").mkdir(exist_ok=True)
    target = root / "annotations" / f"{name}.json"
    target.write_text(json.dumps(doc or synthetic_doc(corpus_text()), ensure_ascii=False), encoding="utf-8")
    (root / "annotations" / "kb.json").write_text(json.dumps(kb or synthetic_kb()), encoding="utf-8")
    return target


def codes(problems: list[Problem]) -> list[tuple[str, str]]:
    return [(p.code, p.path) for p in problems]


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsgold", "validate", *args],
                          capture_output=True, text=True, encoding="utf-8", cwd=cwd, timeout=120)


# --------------------------------------------------------------------------- the real gold

GOLD_FILES = [*bundled.gold_paths(), bundled.kb_path()]


def test_gold_is_complete() -> None:
    assert len(bundled.gold_paths()) == 5
    assert bundled.kb_path().is_file()


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name)
def test_gold_file_is_valid(path: Path) -> None:
    problems = validate_paths([path])
    assert problems == [], "\n".join(map(str, problems))


def test_default_run_checks_all_gold_files() -> None:
    report = validate_files()
    assert report.problems == ()
    assert sorted(p.resolve() for p in report.files) == sorted(p.resolve() for p in GOLD_FILES)
    assert report.exit_code == 0


def test_cli_gold_is_clean_from_any_directory(tmp_path: Path) -> None:
    result = run_cli(cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().splitlines()[-1] == f"{len(GOLD_FILES)} files checked, 0 problems"


@pytest.mark.parametrize("gold", bundled.gold_paths(), ids=lambda p: p.stem)
def test_checks_see_each_gold_file(tmp_path: Path, gold: Path) -> None:
    """A copy of each gold file is clean in a temporary root and fails once a segment text is off."""
    doc = read_json(gold)
    (tmp_path / "corpus").mkdir()
    shutil.copyfile(bundled.data_root() / doc["text_file"], tmp_path / doc["text_file"])
    (tmp_path / "annotations").mkdir()
    shutil.copyfile(bundled.kb_path(), tmp_path / "annotations" / "kb.json")
    target = tmp_path / "annotations" / gold.name
    shutil.copyfile(gold, target)
    assert validate_paths([target]) == []
    doc["segments"][0]["text"] += "x"
    target.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert codes(validate_paths([target])) == [("span-text", "$.segments[0].text")]


# --------------------------------------------------------------------------- gold defects


def test_synthetic_fixture_is_valid(tmp_path: Path) -> None:
    target = write_root(tmp_path)
    assert validate_paths([target]) == []
    assert validate_paths([tmp_path / "annotations"]) == []


def _set(*keys: Any) -> Callable[[Any], Callable[[dict], None]]:
    def setter(value: Any) -> Callable[[dict], None]:
        def mutate(doc: dict) -> None:
            obj = doc
            for key in keys[:-1]:
                obj = obj[key]
            obj[keys[-1]] = value
        return mutate
    return setter


def _swap_first_segments(doc: dict) -> None:
    doc["segments"][0], doc["segments"][1] = doc["segments"][1], doc["segments"][0]


def _overlap_second_segment(doc: dict) -> None:
    seg, text = doc["segments"][1], corpus_text()
    seg["start"] = doc["segments"][0]["end"] - 1
    seg["text"] = text[seg["start"]:seg["end"]]


def _drop_segment_5(doc: dict) -> None:
    dropped = doc["segments"].pop(4)
    doc["translations"] = [t for t in doc["translations"] if t["segment"] != dropped["id"]]


def _nest_entity(doc: dict) -> None:
    doc["entities"].append(mention(corpus_text(), "Σοϊγκού", id="T5", type="PER", subtype=None, entity=None))


def _shorten_entity_text(doc: dict) -> None:
    doc["entities"][1]["text"] = doc["entities"][1]["text"][:-1]


def _trailing_space_timex(doc: dict) -> None:
    timex = doc["timexes"][0]
    timex["end"] += 1
    timex["text"] = corpus_text()[timex["start"]:timex["end"]]


GOLD_DEFECTS = {
    "schema-date": (_set("source", "published")("2024-02-30"),
                    "schema", "$.source.published", "'2024-02-30' is not a 'date'"),
    "schema-enum": (_set("entities", 0, "type")("ORGANISATION"),
                    "schema", "$.entities[0].type", "'ORGANISATION' is not one of"),
    "sha256": (_set("text_sha256")("0" * 64), "sha256", "$.text_sha256", "is not the sha256 of"),
    "text-length": (_set("text_length")(2160), "text-length", "$.text_length",
                    "2160 is not the length of corpus/el-skai-20240913.txt"),
    "span-text": (_shorten_entity_text, "span-text", "$.entities[1].text",
                  "'Σεργκέι Σοϊγκο' does not match corpus[46:61] 'Σεργκέι Σοϊγκού'"),
    "span-bounds-end": (_set("timexes", 0, "end")(99999), "span-bounds", "$.timexes[0].end",
                        "lies outside the text (length 2161)"),
    "span-bounds-empty": (_set("events", 0, "trigger", "end")(75), "span-bounds", "$.events[0].trigger.end",
                          "end 75 is not after start 75"),
    "span-whitespace": (_trailing_space_timex, "span-whitespace", "$.timexes[0].end",
                        "span 'σήμερα ' ends with whitespace ' '"),
    "segment-order": (_swap_first_segments, "segment-order", "$.segments[1].start",
                      "S1 starts at 0, before S2 (start 223)"),
    "segment-overlap": (_overlap_second_segment, "segment-overlap", "$.segments[1]",
                        "S2 [221, 376) overlaps S1 [0, 222)"),
    "segment-coverage": (_drop_segment_5, "segment-coverage", "$.segments",
                         "character 831 'Ο' is not covered by any segment"),
    "entity-overlap": (_nest_entity, "entity-overlap", "$.entities[4]", "T5 [54, 61) is nested in T2 [46, 61)"),
    "duplicate-id": (_set("entities", 0, "id")("T4"),
                     "duplicate-id", "$.entities[3].id", "id 'T4' is already used at $.entities[0].id"),
    "dangling-ref": (_set("events", 0, "arguments", 0, "ref")("T99"), "dangling-ref",
                     "$.events[0].arguments[0].ref", "'T99' is not a mention of this document"),
    "ref-kind-content": (_set("events", 1, "arguments", 0, "ref")("T1"), "ref-kind",
                         "$.events[1].arguments[0].ref", "role 'content_event' refers to 'T1', a mention in entities"),
    "ref-kind-actor": (_set("events", 2, "arguments", 0, "ref")("E1"), "ref-kind",
                       "$.events[2].arguments[0].ref", "role 'actor' refers to 'E1', a mention in events"),
    "dangling-segment": (lambda d: d["translations"].append({"segment": "S99", "text": "Nothing."}),
                         "dangling-segment", "$.translations[9].segment", "'S99' is not a segment"),
    "translation-missing": (lambda d: d["translations"].pop(2), "translation-missing", "$.translations",
                            "main-content segment 'S3' (body) has no translation"),
    "translation-duplicate": (lambda d: d["translations"].append(dict(d["translations"][0])),
                              "translation-duplicate", "$.translations[9].segment",
                              "'S1' is already translated at $.translations[0]"),
    "translation-non-main": (lambda d: d["translations"].append({"segment": "S10", "text": "Read the news."}),
                             "translation-non-main", "$.translations[9].segment",
                             "'S10' is a boilerplate segment, not main content"),
    "unknown-entity-slug": (_set("entities", 3, "entity")("kim-jong-il"), "unknown-slug", "$.entities[3].entity",
                            "'kim-jong-il' is not in kb.json entities"),
    "unknown-event-slug": (_set("events", 0, "instance")("shoigu-visit"), "unknown-slug", "$.events[0].instance",
                           "'shoigu-visit' is not in kb.json events"),
}


@pytest.mark.parametrize("name", GOLD_DEFECTS)
def test_gold_defect(tmp_path: Path, name: str) -> None:
    mutate, code, path, message = GOLD_DEFECTS[name]
    doc = synthetic_doc(corpus_text())
    mutate(doc)
    problems = validate_paths([write_root(tmp_path, doc)])
    assert codes(problems) == [(code, path)], "\n".join(map(str, problems))
    assert message in problems[0].message
    assert problems[0].file.endswith(f"annotations/{DOC_ID}.json")


def test_schema_errors_are_all_reported(tmp_path: Path) -> None:
    doc = synthetic_doc(corpus_text())
    doc["source"]["published"] = "2024-13-01"
    doc["segments"][2]["lang"] = "el_GR"
    del doc["review"]
    problems = validate_paths([write_root(tmp_path, doc)])
    assert codes(problems) == [("schema", "$"), ("schema", "$.segments[2].lang"), ("schema", "$.source.published")]
    assert "'review' is a required property" in problems[0].message


def test_doc_id_must_match_file_name(tmp_path: Path) -> None:
    target = write_root(tmp_path, name="el-skai-20240914")
    problems = validate_paths([target])
    assert codes(problems) == [("doc-id", "$.doc_id")]
    assert problems[0].expected == "'el-skai-20240914'"


def test_text_file_must_match_doc_id(tmp_path: Path) -> None:
    doc = synthetic_doc(corpus_text())
    doc["text_file"] = "corpus/el-skai.txt"
    problems = validate_paths([write_root(tmp_path, doc)])
    assert ("doc-id", "$.text_file") in codes(problems)
    assert ("text-file", "$.text_file") in codes(problems)


def test_missing_corpus_file(tmp_path: Path) -> None:
    target = write_root(tmp_path)
    (tmp_path / "corpus" / f"{DOC_ID}.txt").unlink()
    problems = validate_paths([target])
    assert codes(problems) == [("text-file", "$.text_file")]
    assert "file not found" in problems[0].message


def test_kb_participant_must_be_a_kb_entity(tmp_path: Path) -> None:
    kb = synthetic_kb()
    kb["events"][EVENT]["participants"].append("vladimir-putin")
    write_root(tmp_path, kb=kb)
    problems = validate_paths([tmp_path / "annotations" / "kb.json"])
    assert codes(problems) == [("unknown-slug", f"$.events['{EVENT}'].participants[2]")]
    assert "'vladimir-putin' is not in kb.json entities" in problems[0].message


def test_validate_document_in_memory() -> None:
    text = corpus_text()
    doc = synthetic_doc(text)
    file = f"annotations/{DOC_ID}.json"
    assert validate_document(doc, file, text=text, kb=synthetic_kb()) == []
    doc["entities"][1]["text"] = "Σοϊγκο"
    (problem,) = validate_document(doc, file, text=text, kb=synthetic_kb())
    assert (problem.code, problem.path, problem.expected) == ("span-text", "$.entities[1].text", "the exact slice")
    with pytest.raises(dataclasses.FrozenInstanceError):
        problem.code = "other"  # type: ignore[misc]


def test_problem_line_format() -> None:
    problem = Problem(f"annotations/{DOC_ID}.json", "$.entities[3].text",
                      "'Σοϊγκο' does not match corpus[120:127] 'Σοϊγκού'", "the exact slice", "span-text")
    assert str(problem) == (f"annotations/{DOC_ID}.json: $.entities[3].text: 'Σοϊγκο' does not match "
                            "corpus[120:127] 'Σοϊγκού' (expected the exact slice)")
    assert str(dataclasses.replace(problem, line=3, expected=None)).startswith(f"annotations/{DOC_ID}.json:3: $.")


# --------------------------------------------------------------------------- predictions


def test_valid_predictions() -> None:
    assert validate_paths([FIXTURES / "predictions_ok.jsonl"]) == []


def test_prediction_defects() -> None:
    problems = validate_paths([FIXTURES / "predictions_defects.jsonl"])
    assert [(p.line, p.code, p.path) for p in problems] == [
        (1, "span-bounds", "$.entities[1].end"),
        (1, "span-text", "$.entities[2].text"),
        (1, "dangling-ref", "$.events[0].arguments[1].ref"),
        (1, "dangling-segment", "$.translations[1].segment"),
        (2, "unknown-doc", "$.doc_id"),
        (3, "duplicate-doc", "$.doc_id"),
    ]
    assert "'Σοϊγκο' does not match corpus[54:61] 'Σοϊγκού'" in problems[1].message
    assert "'el-unknown-20990101' is not a gold document" in problems[4].message
    assert "already has a record on line 1" in problems[5].message


def test_prediction_schema_is_checked(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    path.write_text('{"doc_id": "el-skai-20240913", "entities": [{"start": "5", "end": 9, "type": "PER"}]}\n'
                    '[1, 2]\n', encoding="utf-8")
    problems = validate_paths([path])
    assert [(p.line, p.code, p.path) for p in problems] == [(1, "schema", "$.entities[0].start"),
                                                           (2, "schema", "$")]


def test_cli_reports_prediction_lines() -> None:
    result = run_cli(str(FIXTURES / "predictions_defects.jsonl"))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[-1] == "1 file checked, 6 problems"
    assert any(line.endswith("predictions_defects.jsonl:2: $.doc_id: 'el-unknown-20990101' is not a gold "
                             "document (expected one of " + ", ".join(p.stem for p in bundled.gold_paths()) + ")")
               for line in lines)


# --------------------------------------------------------------------------- exit codes and unusable input


def test_cli_exit_1_on_invalid_data(tmp_path: Path) -> None:
    doc = synthetic_doc(corpus_text())
    doc["entities"][1]["text"] = "Σεργκέι Σοϊγκο"
    write_root(tmp_path, doc)
    result = run_cli(str(tmp_path / "annotations"))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{tmp_path / 'annotations' / DOC_ID}.json: $.entities[1].text: 'Σεργκέι Σοϊγκο' does not match "
        "corpus[46:61] 'Σεργκέι Σοϊγκού' (expected the exact slice)",
        "2 files checked, 1 problem",
    ]


def _not_json(tmp_path: Path) -> Path:
    path = tmp_path / "broken.json"
    path.write_text('{"doc_id": ', encoding="utf-8")
    return path


def _not_utf8(tmp_path: Path) -> Path:
    path = tmp_path / "latin1.json"
    path.write_bytes('{"doc_id": "café"}'.encode("latin-1"))
    return path


def _bad_jsonl_line(tmp_path: Path) -> Path:
    path = tmp_path / "p.jsonl"
    path.write_text('{"doc_id": "el-skai-20240913"}\n{oops\n', encoding="utf-8")
    return path


UNUSABLE = {
    "missing": (lambda tmp: tmp / "nowhere.json", "file not found", None),
    "not-json": (_not_json, "not JSON (line 1, column 12", None),
    "not-utf8": (_not_utf8, "not UTF-8", None),
    "jsonl-line": (_bad_jsonl_line, "not JSON (column 2", 2),
    "unknown-kind": (lambda tmp: (tmp / "notes.txt", (tmp / "notes.txt").write_text("x"))[0],
                     "neither a .json nor a .jsonl file", None),
    "empty-folder": (lambda tmp: tmp, "folder holds no *.json file", None),
}


@pytest.mark.parametrize("name", UNUSABLE)
def test_unusable_input(tmp_path: Path, name: str) -> None:
    make, message, line = UNUSABLE[name]
    path = make(tmp_path)
    problems = validate_paths([path])
    assert [(p.code, p.path, p.line) for p in problems] == [("unusable", "$", line)]
    assert message in problems[0].message
    result = run_cli(str(path))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    assert message in result.stdout


def test_unusable_input_does_not_hide_other_files(tmp_path: Path) -> None:
    doc = synthetic_doc(corpus_text())
    doc["text_length"] = 1
    target = write_root(tmp_path, doc)
    result = run_cli(str(target), str(tmp_path / "nowhere.json"))
    assert result.returncode == 2
    assert "$.text_length: 1 is not the length" in result.stdout
    assert result.stdout.splitlines()[-1] == "2 files checked, 2 problems"


def test_cli_exit_0_on_clean_files(tmp_path: Path) -> None:
    target = write_root(tmp_path)
    result = run_cli(str(target), str(FIXTURES / "predictions_ok.jsonl"))
    assert (result.returncode, result.stdout.strip()) == (0, "2 files checked, 0 problems")


# --------------------------------------------------------------------------- registry: Wikidata status, data version


def _kb_schema_paths(kb: dict) -> list[str]:
    from newsgold.checks.schema import check_schema

    return [f.path for f in check_schema(kb, "kb")]


@pytest.mark.parametrize("qid, status, ok", [
    ("Q423", "confirmed", True), (None, "unconfirmed", True), (None, "absent", True),
    (None, "confirmed", False), ("Q423", "unconfirmed", False), ("Q423", "absent", False),
])
def test_kb_wikidata_status_is_tied_to_the_qid(qid: str | None, status: str, ok: bool) -> None:
    kb = synthetic_kb()
    kb["entities"]["north-korea"].update(wikidata=qid, wikidata_status=status)
    assert (_kb_schema_paths(kb) == []) is ok


def test_kb_requires_a_wikidata_status_and_a_semver_data_version_when_given() -> None:
    kb = synthetic_kb()
    del kb["entities"]["north-korea"]["wikidata_status"]
    assert _kb_schema_paths(kb) == ["$.entities['north-korea']"]
    for bad in ("1.1", "v1.1.0", "01.1.0"):
        assert _kb_schema_paths({**synthetic_kb(), "data_version": bad}) == ["$.data_version"]
    missing = synthetic_kb()
    del missing["data_version"]
    assert _kb_schema_paths(missing) == []  # optional for any corpus; the bundled gold's is pinned in test_gold_data


# --------------------------------------------------------------------------- floats found while reading


def _float_start(doc: dict) -> str:
    """The document as a JSON line whose first entity's start is written ``<start>e0`` (a float equal to an integer)."""
    start = doc["entities"][0]["start"]
    text = json.dumps(doc, ensure_ascii=False)
    marker = '"start": %d, "end": %d' % (start, doc["entities"][0]["end"])
    assert marker in text
    return text.replace(marker, marker.replace('"start": %d' % start, '"start": %de0' % start), 1)


@pytest.mark.parametrize("form", ["jsonl", "folder"])
def test_an_offset_written_as_a_float_is_a_schema_error_in_either_form(tmp_path: Path, form: str) -> None:
    """The reader, not a walk, says that a record holds a float: it still goes to the strict validator."""
    from newsgold.corpus import open_corpus
    from newsgold.validate import validate_corpus
    from stream_helpers import write_jsonl_gold

    if form == "jsonl":
        root = write_jsonl_gold(tmp_path / "gold", 1)
        shard = root / "part-0.jsonl"
        lines = shard.read_text("utf-8").splitlines()
        doc = json.loads(lines[0])
        shard.write_text("\n".join([_float_start(doc), *lines[1:]]) + "\n", "utf-8")
        where = "part-0.jsonl"
    else:
        root = tmp_path / "gold"
        shutil.copytree(bundled.annotations_dir(), root / "annotations")
        shutil.copytree(bundled.corpus_dir(), root / "corpus")
        path = root / "annotations" / f"{DOC_ID}.json"
        doc = json.loads(path.read_text("utf-8"))
        path.write_text(_float_start(doc), "utf-8")
        where = f"{DOC_ID}.json"
    problems = validate_corpus(open_corpus(root)).problems
    assert [(p.code, p.path) for p in problems] == [("schema", "$.entities[0].start")]
    assert where in problems[0].file
    assert "written with a fraction or exponent" in problems[0].message


def test_a_doc_id_repeated_in_another_shard_names_where_it_first_occurs(tmp_path: Path) -> None:
    from newsgold.corpus import open_corpus
    from newsgold.validate import validate_corpus
    from stream_helpers import write_jsonl_gold

    root = write_jsonl_gold(tmp_path / "gold", 1)
    first = (root / "part-0.jsonl").read_text("utf-8").splitlines()[0]
    (root / "part-1.jsonl").write_text("\n" + first + "\n", "utf-8")
    problems = validate_corpus(open_corpus(root)).problems
    assert [(p.code, p.path, p.line) for p in problems] == [("duplicate-doc", "$.doc_id", 2)]
    assert problems[0].file.endswith("part-1.jsonl")
    assert problems[0].expected.startswith("a doc_id not used before (first at ")
    assert problems[0].expected.endswith("part-0.jsonl:1)")
