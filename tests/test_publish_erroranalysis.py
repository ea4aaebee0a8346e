"""Error analysis for the viewer: the kinds of span errors and the zone disagreement runs, by hand."""
from __future__ import annotations

from newsgold.publish.erroranalysis import analyse, span_errors, zone_runs


def ent(start: int, end: int, label: str, text: str = "x") -> dict:
    return {"start": start, "end": end, "type": label, "text": text}


def test_each_kind_of_span_error():
    gold = [ent(0, 5, "PER"), ent(10, 15, "LOC"), ent(20, 25, "ORG"), ent(30, 35, "MISC")]
    pred = [ent(0, 5, "PER"), ent(10, 15, "ORG"), ent(20, 23, "ORG"), ent(40, 45, "LOC")]
    errors, correct = span_errors(gold, pred)
    assert correct == 1
    assert [(e.kind, e.start, e.end) for e in errors] == [
        ("wrong-type", 10, 15), ("wrong-boundary", 20, 25), ("missed", 30, 35), ("spurious", 40, 45)]
    assert "gold LOC" in errors[0].title and "predicted ORG" in errors[0].title


def test_zone_runs_join_across_whitespace_and_ignore_agreement():
    text = "Title\nbody one\nfooter"
    gold = [{"start": 0, "end": 5, "zone": "title"}, {"start": 6, "end": 14, "zone": "body"},
            {"start": 15, "end": 21, "zone": "boilerplate"}]
    pred = [{"start": 0, "end": 14, "zone": "body"}]
    runs = zone_runs(text, gold, pred)
    assert [(r.start, r.end, r.gold, r.pred) for r in runs] == [(0, 5, "title", "body"), (15, 21, "boilerplate", "none")]


def test_a_layer_not_predicted_is_not_all_missed():
    gold = {"doc_id": "d", "text": "Kim met", "segments": [{"start": 0, "end": 7, "zone": "body"}],
            "entities": [ent(0, 3, "PER", "Kim")], "timexes": []}
    result = analyse(gold, {"doc_id": "d", "entities": []})
    assert result.count("entities", "missed") == 1
    assert "timexes" not in result.spans and result.zones is None
    assert result.total == 1
