"""The extracted-text -> zones aligner: fixed extractor outputs map to the expected spans."""
from __future__ import annotations

from newsgold.adapters.extracted_text import kept_spans, normalise, paragraphs, zone_segments

TEXT = ("Acasă\u00a0| Știri\n"
        "Rusia și Coreea de Nord\n"
        "\n"
        "  Belousov a ajuns la Phenian, a anunțat agenția KCNA.  \n"
        "Distribuie pe Facebook\n"
        "Citește și: Rusia și Coreea de Nord\n"
        "Discuțiile au durat două zile.")


def zones(extracted):
    segments = zone_segments(TEXT, extracted)
    assert all(TEXT[s["start"]:s["end"]] == s["text"] for s in segments)
    assert all(s["text"] == s["text"].strip() for s in segments)
    covered = sorted(i for s in segments for i in range(s["start"], s["end"]))
    assert covered == sorted(set(covered)) and {i for i in covered} >= {i for i, c in enumerate(TEXT) if not c.isspace()}
    return [(s["text"], s["zone"]) for s in segments]


def test_normalise_collapses_whitespace_and_keeps_offsets():
    norm, where = normalise(" a \u00a0\n b ")
    assert norm == "a b" and [where[0], where[2]] == [1, 6]
    assert paragraphs("  one \n\n two  three\n") == ["one", "two three"]


def test_whole_lines_are_kept_and_the_rest_is_boilerplate():
    extracted = "Rusia și Coreea de Nord\nBelousov a ajuns la Phenian, a anunțat agenția KCNA.\nDiscuțiile au durat două zile."
    assert zones(extracted) == [
        ("Acasă\u00a0| Știri", "boilerplate"), ("Rusia și Coreea de Nord", "body"),
        ("Belousov a ajuns la Phenian, a anunțat agenția KCNA.", "body"), ("Distribuie pe Facebook", "boilerplate"),
        ("Citește și: Rusia și Coreea de Nord", "boilerplate"), ("Discuțiile au durat două zile.", "body")]


def test_a_repeated_string_is_placed_on_the_whole_line_after_the_cursor():
    # the title also occurs inside the "Citește și" line; the whole-line occurrence wins
    spans = kept_spans(TEXT, "Rusia și Coreea de Nord")
    assert spans == [(TEXT.index("Rusia"), TEXT.index("Rusia") + 23)]


def test_partial_lines_merged_paragraphs_and_changed_text():
    extracted = ("Belousov a ajuns la Phenian\n"                       # part of a line
                 "Distribuie pe Facebook Citește și:\n"                 # two lines merged, the second cut
                 "Discuțiile au durat 2 zile.")                          # changed: pieces >= MIN_BLOCK kept
    assert zones(extracted) == [
        ("Acasă\u00a0| Știri", "boilerplate"), ("Rusia și Coreea de Nord", "boilerplate"),
        ("Belousov a ajuns la Phenian", "body"), (", a anunțat agenția KCNA.", "boilerplate"),
        ("Distribuie pe Facebook", "body"), ("Citește și:", "body"), ("Rusia și Coreea de Nord", "boilerplate"),
        ("Discuțiile au durat", "body"), ("două zile.", "boilerplate")]


def test_nothing_extracted_is_all_boilerplate_and_nbsp_is_whitespace():
    assert all(zone == "boilerplate" for _, zone in zones(""))
    assert zones("Acasă | Știri")[0] == ("Acasă\u00a0| Știri", "body")
