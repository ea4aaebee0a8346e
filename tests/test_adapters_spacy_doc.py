"""spaCy adapter: a blank multilingual pipeline with an EntityRuler (no model download)."""
from __future__ import annotations

import pytest

from newsgold.adapters.spacy_doc import doc_entities, predictor
from newsgold.predictions import check_lines

spacy = pytest.importorskip("spacy")

TEXT = "Σοϊγκού στην Πιονγκγιάνγκ.\nRusia și Coreea de Nord: acordul din iunie 2024, spune KCNA."


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("xx")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([
        {"label": "PERSON", "pattern": "Σοϊγκού"},
        {"label": "GPE", "pattern": "Πιονγκγιάνγκ"},
        {"label": "GPE", "pattern": "Rusia"},
        {"label": "GPE", "pattern": [{"TEXT": "Coreea"}, {"TEXT": "de"}, {"TEXT": "Nord"}]},
        {"label": "DATE", "pattern": [{"TEXT": "iunie"}, {"TEXT": "2024"}]},
        {"label": "ORG", "pattern": "KCNA"},
    ])
    return nlp


def test_doc_ents_map_to_spans_of_the_text(nlp):
    found = doc_entities(nlp(TEXT))
    assert [(e["text"], e["type"]) for e in found] == [
        ("Σοϊγκού", "PER"), ("Πιονγκγιάνγκ", "LOC"), ("Rusia", "LOC"), ("Coreea de Nord", "LOC"), ("KCNA", "ORG")]
    assert all(TEXT[e["start"]:e["end"]] == e["text"] for e in found)
    assert found[3]["start"] == TEXT.index("Coreea de Nord")  # code points, after the Greek line


def test_a_doc_of_a_piece_needs_its_offset(nlp):
    line = TEXT.split("\n")[1]
    offset = TEXT.index(line)
    found = doc_entities(nlp(line), text=TEXT, offset=offset)
    assert found[0] == {"start": offset, "end": offset + 5, "text": "Rusia", "type": "LOC"}
    with pytest.raises(ValueError, match="not the corpus text"):
        doc_entities(nlp(line), text=TEXT)


def test_custom_mapping_and_the_harness_callable(nlp):
    keep_dates = {"DATE": ("MISC", "other"), "GPE": ("LOC", "country")}
    found = doc_entities(nlp(TEXT), labels=keep_dates)
    assert [(e["text"], e["type"], e.get("subtype")) for e in found] == [
        ("Πιονγκγιάνγκ", "LOC", "country"), ("Rusia", "LOC", "country"), ("Coreea de Nord", "LOC", "country"),
        ("iunie 2024", "MISC", "other")]
    answers = predictor(nlp)([{"doc_id": "ro-x-20241130", "text": TEXT}])
    assert answers[0]["doc_id"] == "ro-x-20241130" and len(answers[0]["entities"]) == 5
    checked = check_lines([("spacy", 1, answers[0])], {"ro-x-20241130": {"text": TEXT}}, ["entities"])
    assert checked.by_doc["ro-x-20241130"]["entities"] == answers[0]["entities"]
