"""Hugging Face adapter: recorded token-classification pipeline outputs (no model, no transformers import)."""
from __future__ import annotations

import pytest

from newsgold.adapters.hf_pipeline import pipeline_entities, predictor

TEXT = "Kim Jong Un met Sergei Shoigu in Pyongyang.\nΟ Σοϊγκού συναντήθηκε με τον Κιμ στην Πιονγκγιάνγκ."

# pipeline("ner", aggregation_strategy="simple") on the first line (as a CoNLL BERT model answers it)
AGGREGATED = [
    {"entity_group": "PER", "score": 0.998, "word": "Kim Jong Un", "start": 0, "end": 11},
    {"entity_group": "PER", "score": 0.997, "word": "Sergei Shoigu", "start": 16, "end": 29},
    {"entity_group": "LOC", "score": 0.999, "word": "Pyongyang", "start": 33, "end": 42},
]
# pipeline("ner") (no aggregation) on the first line: word pieces with B-/I- labels
RAW = [
    {"entity": "B-PER", "score": 0.99, "index": 1, "word": "Kim", "start": 0, "end": 3},
    {"entity": "I-PER", "score": 0.99, "index": 2, "word": "Jong", "start": 4, "end": 8},
    {"entity": "I-PER", "score": 0.99, "index": 3, "word": "Un", "start": 9, "end": 11},
    {"entity": "B-PER", "score": 0.99, "index": 5, "word": "Sergei", "start": 16, "end": 22},
    {"entity": "I-PER", "score": 0.99, "index": 6, "word": "S", "start": 23, "end": 24},
    {"entity": "I-PER", "score": 0.99, "index": 7, "word": "##ho", "start": 24, "end": 26},
    {"entity": "I-PER", "score": 0.99, "index": 8, "word": "##igu", "start": 26, "end": 29},
    {"entity": "B-LOC", "score": 0.99, "index": 10, "word": "P", "start": 33, "end": 34},
    {"entity": "I-LOC", "score": 0.99, "index": 11, "word": "##yongyang", "start": 34, "end": 42},
]
EXPECTED = [("Kim Jong Un", "PER"), ("Sergei Shoigu", "PER"), ("Pyongyang", "LOC")]


def spans(found):
    assert all(TEXT[e["start"]:e["end"]] == e["text"] for e in found)
    return [(e["text"], e["type"]) for e in found]


def test_aggregated_groups_become_entities():
    assert spans(pipeline_entities(TEXT, AGGREGATED)) == EXPECTED


def test_raw_bio_tokens_are_merged():
    assert spans(pipeline_entities(TEXT, RAW)) == EXPECTED


def test_iob1_tokens_without_b_split_on_index_gaps_and_type_changes():
    iob1 = [{**t, "entity": t["entity"].replace("B-", "I-")} for t in RAW]
    assert spans(pipeline_entities(TEXT, iob1)) == EXPECTED
    no_index = [{k: v for k, v in t.items() if k != "index"} for t in iob1]
    assert spans(pipeline_entities(TEXT, no_index)) == EXPECTED  # "met" between two PER tokens splits them
    assert spans(pipeline_entities(TEXT, [RAW[0], {**RAW[1], "entity": "I-LOC"}])) == [("Kim", "PER"), ("Jong", "LOC")]


def test_offsets_into_a_later_line_and_ontonotes_labels():
    offset = TEXT.index("Ο Σοϊγκού")
    line = TEXT[offset:]
    outputs = [{"entity_group": "PERSON", "start": line.index("Σοϊγκού") - 1, "end": line.index("Σοϊγκού") + 7},
               {"entity_group": "GPE", "start": line.index("Πιονγκγιάνγκ"), "end": len(line) - 1},
               {"entity_group": "DATE", "start": 0, "end": 1}]
    found = pipeline_entities(TEXT, outputs, offset=offset)
    assert spans(found) == [("Σοϊγκού", "PER"), ("Πιονγκγιάνγκ", "LOC")]  # leading space trimmed, DATE dropped
    assert found[0]["start"] == TEXT.index("Σοϊγκού")


def test_numpy_integer_offsets_are_accepted():
    np = pytest.importorskip("numpy")
    outputs = [{**g, "start": np.int64(g["start"]), "end": np.int64(g["end"])} for g in AGGREGATED]
    found = pipeline_entities(TEXT, outputs)
    assert spans(found) == EXPECTED and all(type(e["start"]) is int for e in found)


def test_missing_offsets_are_a_clear_error():
    with pytest.raises(ValueError, match="no character offsets"):
        pipeline_entities(TEXT, [{"entity_group": "PER", "word": "Kim"}])
    with pytest.raises(ValueError, match="outside the text"):
        pipeline_entities(TEXT, [{"entity_group": "PER", "start": 0, "end": 10_000}])


def test_predictor_runs_the_pipeline_per_line_and_shifts_offsets():
    first, second = TEXT.split("\n")
    recorded = {first: AGGREGATED, second: [{"entity_group": "LOC", "start": second.index("Πιονγκγιάνγκ"),
                                             "end": second.index("Πιονγκγιάνγκ") + 12}]}
    answers = predictor(recorded.__getitem__)([{"doc_id": "d", "text": TEXT}])
    assert spans(answers[0]["entities"]) == [*EXPECTED, ("Πιονγκγιάνγκ", "LOC")]
