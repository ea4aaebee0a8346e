"""The shared label mapping of the adapters: spaCy/OntoNotes and CoNLL labels -> PER/ORG/LOC/MISC."""
from __future__ import annotations

import pytest

from newsgold.adapters import labels


@pytest.mark.parametrize("label, expected", [
    ("PERSON", ("PER", None)), ("PER", ("PER", None)), ("B-PER", ("PER", None)), ("I-ORG", ("ORG", None)),
    ("GPE", ("LOC", None)), ("FAC", ("LOC", "facility")), ("NORP", ("MISC", "demonym")),
    ("EVENT", ("MISC", "event")), ("PRODUCT", ("MISC", "product")), ("LAW", ("MISC", "other")),
    ("S-LOC", ("LOC", None)), ("misc", ("MISC", None)),
    ("DATE", None), ("CARDINAL", None), ("O", None), ("SOMETHING", None),
])
def test_label_targets(label, expected):
    assert labels.target(label) == expected


def test_entity_is_trimmed_and_flat_keeps_the_first_of_overlaps():
    text = " Kim Jong Un  met Shoigu"
    ent = labels.entity(text, 0, 14, ("PER", None))
    assert ent == {"start": 1, "end": 12, "text": "Kim Jong Un", "type": "PER"}
    assert labels.entity(text, 12, 14, ("PER", None)) is None
    later = {"start": 5, "end": 8, "text": "Jon", "type": "PER"}
    assert labels.flat([later, ent]) == [ent]
