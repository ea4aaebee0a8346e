"""Tests for newsgold.audit: each check on a hand-made corpus, and explanations read from the data."""
from __future__ import annotations

from newsgold.audit import audit, explanations, run_checks
from newsgold.gold import KB, Argument, Document, Entity, Event, KBEntity, KBEvent, Source, Timex, Trigger

TEXT_A = "Kim met Shoigu in Pyongyang. Kim smiled."
TEXT_B = "Shoigu left Pyongyang on Friday."


def _source() -> Source:
    return Source(outlet=None, url=None, published="2024-09-14", published_basis="test", seed_file="000_0000000000000000.txt")


def _ent(i: int, text: str, doc_text: str, type_: str, slug: str | None, occurrence: int = 0, subtype=None) -> Entity:
    start = -1
    for _ in range(occurrence + 1):
        start = doc_text.index(text, start + 1)
    return Entity(f"T{i}", start, start + len(text), text, type_, subtype, slug)


def _doc(doc_id: str, text: str, entities=(), timexes=(), events=(), review=()) -> Document:
    return Document(doc_id=doc_id, language="en", text=text, source=_source(), segments=(), entities=tuple(entities),
                    timexes=tuple(timexes), events=tuple(events), translations=(), review=tuple(review), text_sha256="0")


def _kb(review: tuple[str, ...] = (), **events: KBEvent) -> KB:
    ents = {
        "kim-jong-un": KBEntity("kim-jong-un", "PER", None, "Kim Jong Un", None, {}),
        "sergei-shoigu": KBEntity("sergei-shoigu", "PER", None, "Sergei Shoigu", None, {}),
        "pyongyang": KBEntity("pyongyang", "LOC", "city", "Pyongyang", None, {}),
        "unused-person": KBEntity("unused-person", "PER", None, "Nobody", None, {}),
    }
    return KB(entities=ents, events=dict(events), review=review)


def _meeting(doc_text: str, args, date=None, instance="meeting") -> Event:
    start = doc_text.index("met") if "met" in doc_text else doc_text.index("left")
    word = "met" if "met" in doc_text else "left"
    return Event("E1", "CONSULT", "meet", Trigger(start, start + len(word), word), tuple(args), "asserted", date, instance)


def _checks(findings) -> set[tuple[str, str, str]]:
    return {(f.check, f.scope, f.key) for f in findings}


def test_unannotated_string_found_where_the_surface_is_not_a_mention():
    a = _doc("a", TEXT_A, [_ent(1, "Kim", TEXT_A, "PER", "kim-jong-un"), _ent(2, "Shoigu", TEXT_A, "PER", "sergei-shoigu")])
    b = _doc("b", TEXT_B, [_ent(1, "Shoigu", TEXT_B, "PER", "sergei-shoigu")])
    found = _checks(run_checks([a, b], _kb()))
    # second "Kim" in A (offset 29) is not annotated; "Pyongyang" is never annotated, so it is no finding
    assert ("unannotated-string", "a", "29:Kim") in found
    assert not any(c == "unannotated-string" and "Pyongyang" in k for c, _, k in found)


def test_whole_words_only():
    text = "Kimchi and Kim"
    doc = _doc("a", text, [_ent(1, "Kim", text, "PER", "kim-jong-un", occurrence=1)])
    assert not [f for f in run_checks([doc], _kb()) if f.check == "unannotated-string"]


def test_surface_conflict_and_type_mismatch():
    a = _doc("a", TEXT_A, [_ent(1, "Pyongyang", TEXT_A, "LOC", "pyongyang")])
    b = _doc("b", TEXT_B, [_ent(1, "Pyongyang", TEXT_B, "ORG", "pyongyang")])
    found = _checks(run_checks([a, b], _kb()))
    assert ("surface-conflict", "kb.json", "Pyongyang") in found
    assert ("type-mismatch", "b", "T1") in found
    assert ("type-mismatch", "a", "T1") not in found


def test_demonym_of_a_country_is_not_a_type_mismatch():
    text = "the Pyongyang side"
    doc = _doc("a", text, [_ent(1, "Pyongyang", text, "MISC", "pyongyang", subtype="demonym")])
    assert not [f for f in run_checks([doc], _kb()) if f.check == "type-mismatch"]


def test_unused_registry_entries():
    kb = _kb(meeting=KBEvent("meeting", "CONSULT", None, "x", ()))
    found = _checks(run_checks([_doc("a", TEXT_A)], kb))
    assert ("unused-entity", "kb.json", "unused-person") in found
    assert ("unused-event", "kb.json", "meeting") in found


def test_missing_core_role_and_single_mention_instance():
    kim = _ent(1, "Kim", TEXT_A, "PER", "kim-jong-un")
    shoigu = _ent(2, "Shoigu", TEXT_A, "PER", "sergei-shoigu")
    ev = _meeting(TEXT_A, [Argument("recipient", "T1")])
    doc = _doc("a", TEXT_A, [kim, shoigu], events=[ev])
    found = _checks(run_checks([doc], _kb(meeting=KBEvent("meeting", "CONSULT", None, "x", ()))))
    assert ("missing-core-role", "a", "E1") in found
    assert ("single-mention-instance", "kb.json", "meeting") in found
    ok = _doc("a", TEXT_A, [kim, shoigu], events=[_meeting(TEXT_A, [Argument("actor", "T2")])])
    assert ("missing-core-role", "a", "E1") not in _checks(run_checks([ok], _kb()))


def test_date_contradictions_with_time_argument_and_instance():
    start = TEXT_B.index("Friday")
    friday = Timex("X1", start, start + 6, "Friday", "DATE", "2024-09-13")
    bad = _doc("b", TEXT_B, timexes=[friday], events=[_meeting(TEXT_B, [Argument("time", "X1")], date="2024-09-12")])
    kb = _kb(meeting=KBEvent("meeting", "CONSULT", "2024-09", "x", ()))
    found = _checks(run_checks([bad], kb))
    assert ("date-contradiction", "b", "E1") in found
    assert ("date-contradiction", "b", "E1:instance") not in found  # 2024-09-12 refines 2024-09
    refined = _doc("b", TEXT_B, timexes=[friday], events=[_meeting(TEXT_B, [Argument("time", "X1")], date="2024-09-13")])
    assert not [f for f in run_checks([refined], kb) if f.check == "date-contradiction"]
    other = _kb(meeting=KBEvent("meeting", "CONSULT", "2024-11", "x", ()))
    assert ("date-contradiction", "b", "E1:instance") in _checks(run_checks([refined], other))


def test_explanations_in_the_data_mark_findings():
    a = _doc("a", TEXT_A, [_ent(1, "Kim", TEXT_A, "PER", "kim-jong-un")],
             review=["audit[unannotated-string 29:Kim]: deliberately left out for this test"])
    findings = audit([a], _kb(review=("audit[unused-entity unused-person]: kept for a later document",)))
    by_key = {(f.check, f.key): f.explained for f in findings}
    assert by_key[("unannotated-string", "29:Kim")] is True
    assert by_key[("unused-entity", "unused-person")] is True
    assert by_key[("unused-entity", "sergei-shoigu")] is False


def test_explanation_syntax():
    assert explanations(["audit[unused-entity x-y]: because", "audit[bad]: no key", "plain note"]) == {("unused-entity", "x-y")}


def test_stale_review_line_is_a_finding_and_a_current_one_is_not():
    kim = _ent(1, "Kim", TEXT_A, "PER", "kim-jong-un")
    shoigu = _ent(2, "Shoigu", TEXT_A, "PER", "sergei-shoigu")
    ev = _meeting(TEXT_A, [Argument("actor", "T2"), Argument("recipient", "T1")])
    stale = ["E1 'met': AGREE between T2 and T1.", "E1 'met': CONSULT host, actor T1 'Kim' (the host)."]
    doc = _doc("a", TEXT_A, [kim, shoigu], events=[ev], review=stale)
    found = {(f.check, f.scope, f.key) for f in audit([doc], _kb()) if not f.explained}
    assert {("stale-review", "a", "E1:type:AGREE"), ("stale-review", "a", "E1:mode:host"),
            ("stale-review", "a", "E1:actor=T1")} <= found
    current = _doc("a", TEXT_A, [kim, shoigu], events=[ev], review=["E1 'met': CONSULT meet, actor T2, recipient T1."])
    assert not [f for f in audit([current], _kb()) if f.check == "stale-review"]


def test_stale_review_line_in_kb_json_is_read_against_the_document_it_names():
    ev = _meeting(TEXT_A, [Argument("actor", "T2")])
    doc = _doc("doc-a", TEXT_A, [_ent(2, "Shoigu", TEXT_A, "PER", "sergei-shoigu")], events=[ev])
    kb = _kb(review=("only doc-a reports this event, once (E1 'meeting')",))
    keys = {(f.check, f.scope, f.key) for f in audit([doc], kb)}
    assert ("stale-review", "kb.json", "doc-a:E1:quote:meeting") in keys
