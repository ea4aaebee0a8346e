"""Stale review lines: a ``review`` note that names a mention with a type, role or wording the data no longer has.

Review notes are free text, so the check reads only what it can read mechanically,
and stays silent otherwise. In a line, an *id* is ``S``/``T``/``X``/``E`` + digits. Rules:

- **missing id**: a named id that the document does not have, unless the line says the
  mention was ``deleted`` or ``removed``.
- **quote**: a quotation right after an id (``T49 'Palestina'``, ``E5 (S3 'δεκτός' …)``,
  the optional parenthesis naming the segment and zone) must be that mention's wording:
  the span text for ``T``/``X``, a quote containing the trigger for ``E``, text found in the
  segment (or its translation) for ``S``; ``…`` in a quote stands for left-out words.
- **type / mode**: the first event type written in an event's stretch of the line
  (from the id to the next event id, ``E5 … : CONSULT visit``), or written right before
  the id (``AID E17``), must be the event's type; a mode word right after that type must
  be the event's mode. Ids written as a group (``E2, E3, E12``, ``E9/E10``) are not
  typed, since the type may belong to one of them only.
- **role**: ``<role> <id>`` in an event's stretch (``recipient T11``, ``actors T40/T41``,
  ``actor = T17``) must be an argument of that event.

A ``kb.json`` review line is checked against the one document it names, if it names
exactly one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from newsgold.gold import Document, Event

EVENT_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
               "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "PERSONNEL")
ROLES = ("actor", "recipient", "place", "time", "artifact", "instrument", "target", "theme", "person",
         "position", "content_event")
# Words that are modes (PLOVER's, plus the retired 'host') when written right after a type.
MODE_WORDS = frozenset({
    "visit", "host", "third-party", "multilateral", "phone", "withdraw", "release", "disarm", "ceasefire",
    "access", "resign", "assist", "change", "yield", "meet", "disapprove", "investigate", "allege", "restrict",
    "arrest", "relations", "expel", "territory", "violence", "demo", "riot", "strike", "hunger", "boycott",
    "obstruct", "vandalize", "convict", "discontinue", "troops", "weapons", "police", "militia", "seize",
    "censor", "curfew", "martial-law", "deport", "withhold", "misinformation", "cyber", "abduct", "beat",
    "torture", "sexual", "targeted", "destroy", "primitive", "firearms", "explosives", "suicide-attack",
    "aerial", "drone", "heavy-weapons", "crowd-control", "unconventional",
})

ID = re.compile(r"\b([STXE][1-9][0-9]*)\b")
EVENT_ID = re.compile(r"\bE[1-9][0-9]*\b")
QUOTE_AFTER_ID = re.compile(r"\b([STXE][1-9][0-9]*) (?:\(S[1-9][0-9]*(?: [a-z]+)?,? ?)?'([^']+)'")
TYPE_WORD = re.compile(r"\b(" + "|".join(EVENT_TYPES) + r")\b(?: ([a-z]+(?:-[a-z]+)?)\b)?")
TYPE_BEFORE_ID = re.compile(r"\b(" + "|".join(EVENT_TYPES) + r") (E[1-9][0-9]*)\b")
_REF = r"[TXE][1-9][0-9]*"
ROLE_REFS = re.compile(r"\b(" + "|".join(ROLES) + r")s?(?: =)? (" + _REF + r"(?:(?:/|–|, | and )" + _REF + r")*)\b",
                       re.IGNORECASE)
GROUP_NEIGHBOUR = re.compile(r"^(?:/|, | and |–)E[1-9]")
OTHER_DOCUMENT = re.compile(r"\b[a-z]{2}-[a-z]+(?:-[0-9]{8})?(?:'s)? $")  # 'it-dayfr E27': another document's id
NEGATION = re.compile(r"\b(?:no|not|non|nor)\b[^;.]{0,12}$")
TYPE_REGION_END = re.compile(r";|\. |\b(?:" + "|".join(ROLES) + r")s?\b|\bE[1-9][0-9]*\b", re.IGNORECASE)
DELETION = re.compile(r"\b(deleted|removed)\b", re.IGNORECASE)


@dataclass(frozen=True)
class StaleNote:
    """One contradiction between a review line and the data; ``key`` is stable (no line number)."""

    key: str
    message: str


def _event_stretches(line: str) -> Iterator[tuple[str, int, int]]:
    """(event id, start, end) of each stretch from an event id to the next one that is not a role's ref."""
    starts = [m for m in EVENT_ID.finditer(line)
              if not re.search(r"content_events? (?:= )?$", line[:m.start()], re.IGNORECASE)]
    for i, m in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(line)
        yield m.group(), m.start(), end


def _grouped(line: str, start: int, end_of_id: int) -> bool:
    """Is the id at ``line[start:end_of_id]`` written in a group with another event id?"""
    before = line[:start]
    return bool(GROUP_NEIGHBOUR.match(line[end_of_id:]) or re.search(r"E[1-9][0-9]*(?:/|, | and |–)$", before))


def _foreign(line: str, start: int) -> bool:
    """Is the id at ``start`` another document's (``it-dayfr E27``, ``ro-unknown's E3``)?"""
    return bool(OTHER_DOCUMENT.search(line[:start]))


def _skip_parenthesis(text: str) -> int:
    """Length of a leading quote and/or balanced parenthesis (`` 'δεκτός' (S3, …)``) to skip."""
    i = 0
    quote = re.match(r" '[^']*'", text)
    if quote:
        i = quote.end()
    if text[i:].startswith(" ("):
        depth = 0
        for j in range(i + 1, len(text)):
            depth += {"(": 1, ")": -1}.get(text[j], 0)
            if depth == 0:
                return j + 1
    return i


def _written_type(after_id: str) -> re.Match | None:
    """The event type the text gives the id: the first type word of its clause, unless negated.

    The clause starts after a leading quote/parenthesis and ends at ';', '. ', a role word
    or another event id; a type word written right before an event id belongs to that id.
    """
    begin = _skip_parenthesis(after_id)
    end = TYPE_REGION_END.search(after_id, begin)
    region = after_id[: end.start() if end else len(after_id)]
    for m in TYPE_WORD.finditer(region, begin):
        if NEGATION.search(region[:m.start()]):
            continue
        return m
    return None


def _mention_text(doc: Document, ident: str) -> str | None:
    for layer in (doc.entities, doc.timexes):
        for m in layer:
            if m.id == ident:
                return m.text
    for ev in doc.events:
        if ev.id == ident:
            return ev.trigger.text
    return None


def _segment_texts(doc: Document, ident: str) -> list[str]:
    texts = [doc.text[s.start:s.end] for s in doc.segments if s.id == ident]
    texts += [t.text for t in doc.translations if t.segment == ident]
    return texts


def _quote_fits(doc: Document, ident: str, quote: str) -> bool:
    parts = [p.strip() for p in quote.split("…") if p.strip()]
    if ident.startswith("S"):
        return any(all(p in text for p in parts) for text in _segment_texts(doc, ident))
    text = _mention_text(doc, ident)
    if text is None:
        return True  # reported as a missing id
    if ident.startswith("E"):
        return text in quote or all(p in text for p in parts)
    return quote == text


def _ids(doc: Document) -> set[str]:
    return ({s.id for s in doc.segments} | {m.id for m in doc.entities} | {t.id for t in doc.timexes}
            | {e.id for e in doc.events})


def _expand(refs: str) -> list[str]:
    return re.findall(_REF, refs)


def stale_notes(line: str, doc: Document) -> Iterator[StaleNote]:
    """Every contradiction between one review line and ``doc``'s data."""
    known = _ids(doc)
    events: dict[str, Event] = {e.id: e for e in doc.events}
    if not DELETION.search(line):
        named = {m.group() for m in ID.finditer(line) if not _foreign(line, m.start())}
        for ident in sorted(named - known):
            yield StaleNote(f"{ident}:missing", f"names {ident}, which {doc.doc_id} does not have")
    for m in QUOTE_AFTER_ID.finditer(line):
        ident, quote = m.group(1), m.group(2)
        if _foreign(line, m.start()) or line[:m.start()].endswith("/"):
            continue
        if ident in known and not _quote_fits(doc, ident, quote):
            shown = _mention_text(doc, ident) if not ident.startswith("S") else "its segment"
            yield StaleNote(f"{ident}:quote:{quote}", f"quotes {quote!r} for {ident}, whose text is {shown!r}")
    for m in TYPE_BEFORE_ID.finditer(line):
        ev = events.get(m.group(2))
        if ev is not None and ev.type != m.group(1) and not _foreign(line, m.start(2)):
            yield StaleNote(f"{ev.id}:type:{m.group(1)}", f"calls {ev.id} {m.group(1)}, but it is {ev.type}")
    for ident, start, end in _event_stretches(line):
        ev = events.get(ident)
        if ev is None or _foreign(line, start) or _grouped(line, start, start + len(ident)):
            continue
        stretch = line[start:end]
        typed = _written_type(stretch[len(ident):])
        if typed:
            if typed.group(1) != ev.type:
                yield StaleNote(f"{ident}:type:{typed.group(1)}", f"calls {ident} {typed.group(1)}, but it is {ev.type}")
            elif typed.group(2) in MODE_WORDS and typed.group(2) != ev.mode:
                yield StaleNote(f"{ident}:mode:{typed.group(2)}",
                                f"gives {ident} the mode {typed.group(2)!r}, but its mode is {ev.mode!r}")
        arguments = {(a.role, a.ref) for a in ev.arguments}
        for role_match in ROLE_REFS.finditer(stretch):
            role = role_match.group(1).lower()
            for ref in _expand(role_match.group(2)):
                if ref in known and (role, ref) not in arguments:
                    yield StaleNote(f"{ident}:{role}={ref}", f"gives {ident} the {role} {ref}, which it does not have")


def doc_named(line: str, docs: list[Document]) -> Document | None:
    """The one document a kb.json review line names, or None when it names none or several."""
    named = [d for d in docs if d.doc_id in line]
    return named[0] if len(named) == 1 else None
