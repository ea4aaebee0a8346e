"""One mapping from the NER label sets of spaCy and Hugging Face models to newsgold's PER/ORG/LOC/MISC.

Two label sets cover nearly every public model:

- CoNLL/WikiNER (``PER``, ``ORG``, ``LOC``, ``MISC``; spaCy's non-English news
  models and ``xx_ent_wiki_sm``, most Hugging Face NER models): kept as they are;
- OntoNotes 5 (spaCy's English models, some Hugging Face models):

  ============================ ========= ==========  ===============================================
  label                        type      subtype     why
  ============================ ========= ==========  ===============================================
  PERSON                       PER                   a person
  ORG                          ORG                   an organisation
  GPE                          LOC                   countries, cities, states: literal type wins
                                                     over metonymy (CONTRACT section 4)
  LOC                          LOC                   non-GPE locations (mountains, seas)
  FAC                          LOC       facility    buildings, airports, bridges (newsgold's
                                                     LOC/facility, e.g. a palace)
  NORP                         MISC      demonym     nationalities, religious and political groups;
                                                     in news mostly nationality adjectives, which
                                                     the contract makes MISC/demonym
  EVENT                        MISC      event       named events (wars, summits)
  PRODUCT                      MISC      product     products, weapons systems
  WORK_OF_ART, LAW, LANGUAGE   MISC      other       named, but neither person, place nor group
  DATE, TIME, PERCENT, MONEY,  dropped               not named entities: time expressions are the
  QUANTITY, ORDINAL, CARDINAL                        ``timexes`` layer, which needs TIMEX3 values
  ============================ ========= ==========  ===============================================

Labels are matched case-insensitively after removing a BIO/BIOES prefix
(``B-``, ``I-``, ``E-``, ``S-``, ``L-``, ``U-``). A label missing from the mapping is
dropped; pass your own mapping (label -> ``(type, subtype)`` or None to drop) to
change any of this.
"""
from __future__ import annotations

from typing import Mapping, Optional

Target = Optional[tuple[str, Optional[str]]]
"""(newsgold type, subtype or None), or None to drop the label."""

LABELS: dict[str, Target] = {
    "PER": ("PER", None), "PERSON": ("PER", None),
    "ORG": ("ORG", None),
    "LOC": ("LOC", None), "GPE": ("LOC", None), "FAC": ("LOC", "facility"),
    "MISC": ("MISC", None), "NORP": ("MISC", "demonym"), "EVENT": ("MISC", "event"),
    "PRODUCT": ("MISC", "product"), "WORK_OF_ART": ("MISC", "other"), "LAW": ("MISC", "other"),
    "LANGUAGE": ("MISC", "other"),
    "DATE": None, "TIME": None, "PERCENT": None, "MONEY": None, "QUANTITY": None, "ORDINAL": None,
    "CARDINAL": None,
}
"""Default label mapping (see the module docstring)."""

PREFIXES = ("B-", "I-", "E-", "S-", "L-", "U-")


def split_prefix(label: str) -> tuple[str, str]:
    """``"B-PER"`` -> ``("B", "PER")``; ``"PER"`` -> ``("", "PER")`` (also ``B_PER``-style underscores)."""
    for prefix in PREFIXES:
        if label[:2].upper() in (prefix, prefix.replace("-", "_")):
            return prefix[0], label[2:]
    return "", label


def target(label: str, labels: Mapping[str, Target] = LABELS) -> Target:
    """The (type, subtype) a label maps to, or None (dropped or unknown)."""
    _, bare = split_prefix(label)
    return labels.get(bare.upper(), labels.get(bare))


def entity(text: str, start: int, end: int, mapped: tuple[str, str | None]) -> dict[str, object] | None:
    """A prediction entity for ``text[start:end]`` trimmed of whitespace, or None when only whitespace is left."""
    from newsgold.textspans import trim

    span = trim(text, start, end)
    if span is None:
        return None
    kind, subtype = mapped
    out: dict[str, object] = {"start": span[0], "end": span[1], "text": text[span[0]:span[1]], "type": kind}
    if subtype is not None:
        out["subtype"] = subtype
    return out


def flat(entities: list[dict[str, object]]) -> list[dict[str, object]]:
    """Sorted by offsets; an entity overlapping an earlier-starting (or longer, at the same start) one is dropped."""
    out: list[dict[str, object]] = []
    for ent in sorted(entities, key=lambda e: (e["start"], -e["end"])):  # type: ignore[operator]
        if not out or ent["start"] >= out[-1]["end"]:  # type: ignore[operator]
            out.append(ent)
    return out
