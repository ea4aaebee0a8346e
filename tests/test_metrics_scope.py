"""One scope rule for every task (newsgold.metrics.scope), hand-computed."""
from __future__ import annotations

from metric_helpers import build, score_of
from newsgold.metrics.base import TaskOptions
from newsgold.metrics.entities import TASK as ENTITIES
from newsgold.metrics.events import TASK as EVENTS
from newsgold.metrics.linking import TASK as LINKING
from newsgold.metrics.scope import SegmentLocator, select
from newsgold.metrics.timex import TASK as TIMEX

KB = {"entities": {"russia": {"wikidata": "Q159"}}}


def _doc():
    # S1 boilerplate "Menu Moscow" [0,11), S2 body "Moscow talks 2024" [12,29)
    gold = build([("Menu Moscow", {"zone": "boilerplate", "boilerplate_kind": "navigation", "lang": "en"}),
                  ("Moscow talks 2024", {"zone": "body", "lang": "en"})], sep=" ")
    return gold


def test_first_character_decides_on_both_sides():
    gold = _doc()
    where = SegmentLocator(gold["segments"])
    # starts in boilerplate (5) but reaches into the body: out; starts in the body (12): in; in the gap (11): out
    mentions = [{"start": 5, "end": 18}, {"start": 12, "end": 18}, {"start": 11, "end": 18}]
    kept, kept_pred = select(mentions, mentions, where, TaskOptions(main_content_only=True))
    assert kept == kept_pred == [mentions[1]]
    # an event is placed by its trigger
    assert select([{"trigger": {"start": 12, "end": 18}}], [], where, TaskOptions(main_content_only=True),
                  entity_options=False)[0] == [{"trigger": {"start": 12, "end": 18}}]


def test_every_task_drops_the_same_boundary_crossing_mention():
    gold = _doc()
    crossing = {"start": 5, "end": 18, "type": "LOC", "subtype": None, "entity": "russia", "wikidata": "Q159"}
    gold["entities"] = [{"start": 12, "end": 18, "type": "LOC", "subtype": None, "entity": "russia",
                         "wikidata": "Q159"}]
    gold["timexes"] = [{"start": 25, "end": 29, "type": "DATE", "value": "2024"}]
    gold["events"] = [{"id": "E1", "type": "CONSULT", "trigger": {"start": 19, "end": 24}, "arguments": [],
                       "instance": "talks"}]
    pred = {"entities": gold["entities"] + [crossing],
            "timexes": gold["timexes"] + [{"start": 5, "end": 29, "type": "DATE", "value": "2024"}],
            "events": gold["events"] + [{"type": "CONSULT", "trigger": {"start": 5, "end": 11}, "arguments": []}]}
    only_main = TaskOptions(main_content_only=True, extra={"kb": KB})
    # with the option every task sees exactly the gold: perfect; without, each counts the extra mention
    assert score_of(ENTITIES, [(gold, pred)], only_main)["micro"]["strict"]["precision"] == 1.0
    assert score_of(LINKING, [(gold, pred)], only_main)["qid"]["strict"]["precision"] == 1.0
    assert score_of(TIMEX, [(gold, pred)], only_main)["strict"]["precision"] == 1.0
    assert score_of(EVENTS, [(gold, pred)], only_main)["trigger_identification"]["precision"] == 1.0
    everything = TaskOptions(extra={"kb": KB})
    assert score_of(ENTITIES, [(gold, pred)], everything)["micro"]["strict"]["precision"] == 0.5
    assert score_of(LINKING, [(gold, pred)], everything)["qid"]["strict"]["precision"] == 0.5
    assert score_of(TIMEX, [(gold, pred)], everything)["strict"]["precision"] == 0.5
    assert score_of(EVENTS, [(gold, pred)], everything)["trigger_identification"]["precision"] == 0.5


def test_demonyms_leave_both_sides_and_their_unlabelled_twin():
    gold = _doc()
    where = SegmentLocator(gold["segments"])
    demonym = {"start": 12, "end": 18, "type": "MISC", "subtype": "demonym"}
    other = {"start": 19, "end": 24, "type": "MISC", "subtype": None}
    twin = {"start": 12, "end": 18, "type": "MISC"}  # a system that predicts no subtypes
    kept_g, kept_p = select([demonym, other], [twin, other, dict(demonym)], where, TaskOptions(exclude_demonyms=True))
    assert kept_g == [other] and kept_p == [other]
