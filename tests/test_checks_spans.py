"""Span checks (newsgold.checks.spans): the per-document loop agrees with the one-span check it short-cuts."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsgold.checks.spans import check_span, check_spans, iter_spans

TEXT = "Ο Κιμ  συναντήθηκε\nτον Σοϊγκού. "
BOUND = st.integers(-3, len(TEXT) + 3) | st.sampled_from([None, True, False, 1.0, "3", 10**30])
WRITTEN = st.none() | st.integers() | st.text(max_size=5) | st.builds(
    lambda a, b: TEXT[min(a, b):max(a, b)], st.integers(0, len(TEXT)), st.integers(0, len(TEXT)))
SPAN = st.fixed_dictionaries({"start": BOUND, "end": BOUND}, optional={"text": WRITTEN})
DOC = st.fixed_dictionaries({}, optional={
    "segments": st.lists(SPAN, max_size=4), "entities": st.lists(SPAN | st.just(None), max_size=4),
    "timexes": st.lists(SPAN, max_size=3), "events": st.lists(st.fixed_dictionaries({"trigger": SPAN}) | st.sampled_from([{}, {"trigger": 5}, 7]),
                       max_size=3),
})


@given(DOC, st.booleans())
def test_check_spans_equals_check_span_on_every_span(doc, whitespace):
    expected = [f for parts, span in iter_spans(doc) for f in check_span(parts, span, TEXT, whitespace=whitespace)]
    assert check_spans(doc, TEXT, whitespace=whitespace) == expected


def test_a_clean_span_costs_no_finding_and_a_bad_one_is_worded():
    start = TEXT.index("Κιμ")
    clean = {"entities": [{"start": start, "end": start + 3, "text": "Κιμ"}]}
    assert check_spans(clean, TEXT) == []
    bad = {"entities": [{"start": start, "end": start + 4, "text": "Κιμ "}]}
    assert [(f.code, f.path) for f in check_spans(bad, TEXT)] == [("span-whitespace", "$.entities[0].end")]
