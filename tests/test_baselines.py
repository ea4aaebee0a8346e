"""Baselines: each runs offline on a document through the harness, and its rules do what they say."""
from __future__ import annotations

import json
import socket

import pytest

from newsgold import baselines, evaluate, paths
from newsgold import corpus as corpus_module
from newsgold.baselines import _common, _language
from newsgold.baselines import entities_gazetteer as gaz
from newsgold.baselines import lid_lingua, lid_py3langid, timex_dateparser, translation_copy, zones_justext
from newsgold.cli import main
from newsgold.errors import UsageError
from newsgold.predictions import PredictionError
from newsgold.systems import SystemSpec, build_inputs, plan_runs, predict

DOC = "nb-vietnamvn-20240914"  # Bokmål with Vietnamese and English lines: every layer has something to find


@pytest.fixture(scope="module")
def one_gold():
    return {DOC: evaluate.load_golds()[DOC]}


@pytest.fixture()
def sealed(monkeypatch):
    """No network, and no way to reach the gold or the registry through newsgold.paths."""
    def refuse(*args, **kwargs):
        raise AssertionError("a baseline tried to reach the network or the gold")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(paths, "data_root", refuse)
    monkeypatch.setattr(corpus_module, "default_gold_path", refuse)


def layers_of(module) -> dict[str, tuple[str, ...]]:
    return evaluate.task_layers([evaluate.load_task(t) for t in module.TASKS])


@pytest.mark.parametrize("name", baselines.BASELINES)
def test_baseline_predictions_pass_the_harness_checks(name, one_gold, sealed):
    module = baselines.load(name)
    layers = layers_of(module)
    try:
        preds = predict(SystemSpec("callable", baselines.ref(name)), one_gold, layers)
    except PredictionError as exc:  # pragma: no cover - the message is the diagnosis
        pytest.fail(str(exc))
    answered = preds.by_doc[DOC]
    wanted = {layer for ls in layers.values() for layer in ls}
    assert set(answered) - {"doc_id"} <= wanted
    assert set(answered) - {"doc_id"}, f"{name} answered no layer"
    assert not [w for w in preds.warnings if "without predictions" in w]


@pytest.mark.parametrize("name", baselines.BASELINES)
def test_baseline_is_deterministic_and_spans_are_trimmed_slices(name, one_gold):
    module = baselines.load(name)
    inputs = [x for run in plan_runs(layers_of(module)) for x in build_inputs(one_gold, run)]
    first, second = module.predict(inputs), module.predict(json.loads(json.dumps(inputs)))
    assert first == second
    text = one_gold[DOC]["text"]
    for answer in first:
        for layer in ("segments", "entities", "timexes"):
            for span in answer.get(layer, []):
                assert span["text"] == text[span["start"]:span["end"]]
                assert not span["text"][0].isspace() and not span["text"][-1].isspace()


@pytest.mark.parametrize("name", baselines.BASELINES)
def test_baseline_declares_what_the_registry_needs(name):
    module = baselines.load(name)
    assert module.NAME == name
    assert set(module.TASKS) <= set(evaluate.TASKS) and module.TASKS
    assert module.DESCRIPTION and "\n" not in module.DESCRIPTION
    settings = module.settings()
    json.dumps(settings)
    for library in module.LIBRARIES:
        assert _common.version(library), f"{library} not installed"
    assert baselines.describe(name)["ref"] == f"newsgold.baselines.{name}:predict"


def test_unknown_baseline_is_a_usage_error():
    with pytest.raises(UsageError, match="unknown baseline"):
        baselines.load("oracle")


def test_no_baseline_is_claimed_for_events():
    served = {t for name in baselines.BASELINES for t in baselines.load(name).TASKS}
    assert "events" not in served and "events" in baselines.NO_BASELINE


def test_systems_command_lists_every_baseline(capsys):
    assert main(["systems"]) == 0
    out = capsys.readouterr().out
    assert all(f"newsgold.baselines.{name}:predict" in out for name in baselines.BASELINES)
    assert main(["systems", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [b["name"] for b in listed["baselines"]] == list(baselines.BASELINES)


# --- shared helpers -------------------------------------------------------------------------


def test_line_spans_trim_whitespace_including_nbsp_and_skip_blank_lines():
    text = "  Title \n\n\u00a0body line\u00a0\n \t\nlast"
    assert [text[s:e] for s, e in _common.line_spans(text)] == ["Title", "body line", "last"]


def test_inputs_without_the_task_get_an_empty_answer():
    item = {"doc_id": "d", "text": "Hello world.", "published": "2024-09-14", "tasks": ["translation"]}
    for module in (lid_lingua, lid_py3langid, zones_justext, gaz, timex_dateparser):
        assert module.predict([item]) == [{"doc_id": "d"}]


# --- language identification ----------------------------------------------------------------


def test_lingua_segments_lines_and_labels_letterless_lines_zxx():
    text = "Η Ρωσία και η Βόρεια Κορέα υπέγραψαν συμφωνία.\n-\n14/09/2024\nThe meeting took place in Pyongyang."
    answer = lid_lingua.predict_one({"text": text, "tasks": ["lid"]})
    assert answer["language"] in _language.LANGUAGES
    by_text = {s["text"]: s["lang"] for s in answer["segments"]}
    assert by_text["-"] == "zxx" and by_text["14/09/2024"] == "zxx"
    assert answer["segments"][0]["lang"] == "el" and answer["segments"][-1]["lang"] == "en"


def test_py3langid_answers_norwegian_as_nb():
    text = "Nord-Koreas president møtte den russiske sikkerhetsrådssekretæren i hovedstaden i går kveld."
    assert lid_py3langid.predict_one({"text": text, "tasks": ["lid"]}) == {"language": "nb"}


# --- zones ----------------------------------------------------------------------------------


def test_justext_keeps_prose_and_drops_short_navigation():
    prose = ("Il leader nordcoreano si è impegnato a rafforzare i legami con la Russia durante un incontro "
             "con il capo della sicurezza russa, che venerdì ha visitato la capitale del paese per la prima volta. "
             "Secondo gli esperti, il loro incontro potrebbe aver avuto luogo nel palazzo presidenziale.")  # > 200 chars
    text = f"Home\nNotizie\n{prose}\nCondividi su Facebook"
    segments = zones_justext.predict_one({"text": text, "tasks": ["zones"]})["segments"]
    zones = {s["text"]: s["zone"] for s in segments}
    assert zones[prose] == "body"
    assert zones["Home"] == zones["Notizie"] == "boilerplate"
    assert all(s["boilerplate_kind"] == "other" for s in segments if s["zone"] == "boilerplate")
    assert len(segments) == 4


# --- entities -------------------------------------------------------------------------------


def entities(text: str) -> list[tuple[str, str, str | None]]:
    return [(text[s:e], t, sub) for s, e, t, sub in gaz.find_entities(text)]


def test_gazetteer_finds_country_names_with_inflections_and_connectors():
    found = entities("Liderul a vizitat Coreea de Nord, apoi a plecat spre Rusia după invadarea Ucrainei.")
    assert ("Coreea de Nord", "LOC", "country") in found
    assert ("Rusia", "LOC", "country") in found
    assert ("Ucrainei", "LOC", "country") in found  # inflection rule: Ucraina -> Ucrainei


def test_capitalised_runs_are_typed_by_length_and_case():
    found = entities("Ieri, agenția KCNA a anunțat că Andrei Belousov a ajuns la Phenian.")
    assert ("KCNA", "ORG", None) in found
    assert ("Andrei Belousov", "PER", None) in found
    assert ("Phenian", "LOC", None) in found
    assert all(text != "Ieri" for text, _, _ in found)  # sentence-initial, never capitalised mid-sentence


def test_sentence_initial_token_is_kept_when_it_is_a_name_elsewhere():
    found = entities("Belousov a sosit. Ministrul Belousov a vorbit.")
    assert [t for t in found if t[0] == "Belousov"] == [("Belousov", "LOC", None)] * 2


def test_entities_are_flat_exact_slices_and_unlinked():
    text = "Kim Jong Un a primit delegația din Statele Unite ale Americii la Phenian."
    answer = gaz.predict_one({"text": text, "tasks": ["entities"]})["entities"]
    ends = [(e["start"], e["end"]) for e in answer]
    assert all(a[1] <= b[0] for a, b in zip(ends, ends[1:]))
    assert all(e["text"] == text[e["start"]:e["end"]] for e in answer)
    assert all(e["entity"] is None and e["wikidata"] is None for e in answer)
    assert ("Statele Unite ale Americii", "LOC", "country") in entities(text)


def test_gazetteer_leaves_out_organisations_and_unknown_region():
    names = {" ".join(e.tokens) for entries in gaz.gazetteer().values() for e in entries}
    assert "Uniunea Europeană" not in names and "Națiunile Unite" not in names
    assert "Nord-Korea" in names and "Βόρεια Κορέα" in names


# --- time expressions -----------------------------------------------------------------------


def test_timex_value_follows_the_granularity():
    import datetime as dt

    day = dt.datetime(2024, 9, 13)
    assert timex_dateparser.timex_value(day, "year") == "2024"
    assert timex_dateparser.timex_value(day, "month") == "2024-09"
    assert timex_dateparser.timex_value(day, "week") == "2024-W37"
    assert timex_dateparser.timex_value(day, "day") == "2024-09-13"
    assert timex_dateparser.timex_value(day, "time") == "2024-09-13"


def test_occurrences_respect_word_boundaries_and_overlaps_resolve_left_to_right():
    assert timex_dateparser.occurrences("mai maine mai", "mai") == [(0, 3), (10, 13)]
    kept = timex_dateparser.non_overlapping([(5, 9, "b"), (0, 4, "a"), (5, 20, "c"), (10, 12, "d")])
    assert kept == [(0, 4, "a"), (5, 20, "c")]


def test_dateparser_resolves_against_the_publication_date():
    text = "Discuțiile au avut loc vineri, a anunțat agenția."
    found = timex_dateparser.predict_one({"text": text, "published": "2024-11-30", "tasks": ["timex"]})
    assert [(t["text"], t["type"], t["value"]) for t in found["timexes"]] == [("vineri", "DATE", "2024-11-29")]


# --- translation ----------------------------------------------------------------------------


def test_copy_translation_returns_the_source_segments():
    item = {"doc_id": "d", "text": "Ciao.\nMondo.", "published": "2024-09-14", "tasks": ["translation"],
            "segments": [{"id": "S1", "start": 0, "end": 5, "text": "Ciao."}, {"id": "S2", "start": 6, "end": 12,
                                                                              "text": "Mondo."}]}
    assert translation_copy.predict([item]) == [
        {"doc_id": "d", "translations": [{"segment": "S1", "text": "Ciao."}, {"segment": "S2", "text": "Mondo."}]}]
    blind = {k: v for k, v in item.items() if k != "segments"}
    assert translation_copy.predict([blind]) == [{"doc_id": "d"}]
