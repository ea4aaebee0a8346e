"""Layout checks (newsgold.checks.layout): the ids named in messages, looked up only for a problem."""
from __future__ import annotations

from newsgold.checks.layout import check_entities_flat, check_segment_order, check_segment_overlap


def test_messages_name_the_id_or_the_index_of_an_item_without_one():
    doc = {"segments": [{"start": 5, "end": 9}, {"id": 7, "start": 0, "end": 6}],
           "entities": [{"id": "T1", "start": 0, "end": 4}, {"start": 1, "end": 2}]}
    assert [f.message for f in check_segment_order(doc)] == ["7 starts at 0, before #0 (start 5)"]
    assert [f.message for f in check_segment_overlap(doc)] == ["#0 [5, 9) overlaps 7 [0, 6)"]
    assert [(f.path, f.message) for f in check_entities_flat(doc)] == [("$.entities[1]", "#1 [1, 2) is nested in T1 [0, 4)")]
