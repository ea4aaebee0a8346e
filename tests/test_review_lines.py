"""Tests for newsgold.review_lines: each rule fires on a stale line and stays silent on a current one."""
from __future__ import annotations

import pytest

from newsgold.gold import Argument, Document, Entity, Event, Segment, Source, Timex, Trigger
from newsgold.review_lines import doc_named, stale_notes

TEXT = "Kim met Shoigu in Pyongyang on Friday. The US accused Pyongyang."


def _span(text: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(text, start + 1)
    return start, start + len(text)


def _doc() -> Document:
    ents = [Entity(f"T{i}", *_span(t, o), t, ty, None, slug) for i, (t, o, ty, slug) in enumerate([
        ("Kim", 0, "PER", "kim-jong-un"), ("Shoigu", 0, "PER", "sergei-shoigu"),
        ("Pyongyang", 0, "LOC", "pyongyang"), ("US", 0, "LOC", "united-states"), ("Pyongyang", 1, "LOC", "pyongyang")],
        start=1)]
    friday = Timex("X1", *_span("Friday"), "Friday", "DATE", "2024-09-13")
    met = Event("E1", "CONSULT", "visit", Trigger(*_span("met"), "met"),
                (Argument("actor", "T2"), Argument("recipient", "T1"), Argument("place", "T3"), Argument("time", "X1")),
                "asserted", "2024-09-13", "meeting")
    accused = Event("E2", "ACCUSE", None, Trigger(*_span("accused"), "accused"),
                    (Argument("actor", "T4"), Argument("recipient", "T5")), "asserted", None, None)
    segment = Segment("S1", 0, len(TEXT), TEXT, "body", "en")
    source = Source(outlet=None, url=None, published="2024-09-14", published_basis="test",
                    seed_file="000_0000000000000000.txt")
    return Document(doc_id="en-test-20240914", language="en", text=TEXT, source=source, segments=(segment,),
                    entities=tuple(ents), timexes=(friday,), events=(met, accused), translations=(), review=(),
                    text_sha256="0")


def _keys(line: str) -> list[str]:
    return [n.key for n in stale_notes(line, _doc())]


@pytest.mark.parametrize("line", [
    "E1 (S1 'met'): CONSULT visit, actor T2 'Shoigu', recipient T1, place T3, time X1.",
    "E1 'met' is CONSULT; E2 'accused': ACCUSE, actor T4, recipient T5.",
    "T3 'Pyongyang' and X1 'Friday' are as written; S1 'Kim met … Pyongyang' is the sentence.",
    "E1/E2 (S1): CONSULT and ACCUSE are one sentence apart.",                 # a group is not typed
    "E2 'accused' has no CONSULT mention of its own.",                          # negated
    "E1 'met': the same meeting as it-dayfr E27 'incontro' (AID in ro-unknown E17).",  # another document's ids
    "E3 'left' was deleted: no event.",                                          # a deleted mention may be named
])
def test_current_lines_are_silent(line):
    assert _keys(line) == []


@pytest.mark.parametrize("line, key", [
    ("E1 (S1 'met'): AGREE with actor T2.", "E1:type:AGREE"),
    ("E1 'met': CONSULT host, actor T1 (the host).", "E1:mode:host"),
    ("E1 'met': CONSULT visit, recipient T2 'Shoigu'.", "E1:recipient=T2"),
    ("E2 'accused': ACCUSE, actors T4/T3.", "E2:actor=T3"),
    ("The accusation SUPPORT E2 is odd.", "E2:type:SUPPORT"),
    ("T3 'Pyongyang city' is LOC city.", "T3:quote:Pyongyang city"),
    ("E1 'meets' is the meeting.", "E1:quote:meets"),
    ("S1 'Kim visited' is the lead.", "S1:quote:Kim visited"),
    ("E9 'smiled' is not annotated.", "E9:missing"),
    ("ACCUSE E2 → content_event E1 (the meeting).", "E2:content_event=E1"),
])
def test_stale_lines_are_reported(line, key):
    assert key in _keys(line)


def test_kb_line_is_read_against_the_one_document_it_names():
    doc = _doc()
    assert doc_named("only en-test-20240914 reports this event, once (E1 'met')", [doc]) is doc
    assert doc_named("no document named here (E1)", [doc]) is None
