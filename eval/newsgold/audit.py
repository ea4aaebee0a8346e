"""Cross-document consistency audit of the gold annotations.

Each check yields :class:`Finding` records with a stable ``key``. A finding is
*explained* when the data carries a review line of the form::

    audit[<check> <key>]: <why this is right>

in the ``review`` list of the document the finding is about (or of
``annotations/kb.json`` for corpus-level findings: surface conflicts, unused
registry entries, single-mention instances). Explanations live in the data, never
in code; ``newsgold audit`` exits 1 while any finding is unexplained.

Checks:

- ``unannotated-string``: a string annotated as an entity somewhere occurs, as a
  whole word, elsewhere in the corpus without being (inside) an entity mention.
- ``surface-conflict``: one surface form annotated with different types or slugs.
- ``unused-entity`` / ``unused-event``: registry entries no mention links to.
- ``type-mismatch``: a mention's type differs from its registry entry's type
  (MISC/demonym mentions of a country or region are the sanctioned exception).
- ``missing-core-role``: an event mention without a core role of its type
  (GUIDELINES section 4.3).
- ``single-mention-instance``: an event instance with exactly one mention.
- ``date-contradiction``: an event's ``date`` contradicts its ``time`` argument's
  value, or its registry instance's ``date``.
- ``stale-review``: a review line names a mention with a type, mode, role or wording
  the data no longer has, or an id the document lacks (rules in
  :mod:`newsgold.review_lines`); kb.json lines are read against the document they name.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Iterator

from newsgold.gold import KB, Document, Event
from newsgold.review_lines import doc_named, stale_notes

CORE_ROLES: dict[str, tuple[str, ...]] = {
    # Each entry is a set of alternatives: at least one of them must be present.
    "CONSULT": ("actor",),
    "AGREE": ("actor",),
    "COOPERATE": ("actor",),
    "AID": ("actor",),
    "ACCUSE": ("actor",),
    "REJECT": ("actor",),
    "SANCTION": ("actor", "recipient"),
    "ASSAULT": ("actor", "target"),
    "MOBILIZE": ("actor",),
    "PERSONNEL": ("person",),
}
DEMONYM_TARGET_TYPES = frozenset({"LOC"})
EXPLANATION = re.compile(r"^audit\[(?P<check>[a-z-]+) (?P<key>[^\]]+)\]: \S")
KB_SCOPE = "kb.json"


@dataclass(frozen=True)
class Finding:
    """One audit finding; ``scope`` is the doc_id whose review may explain it, or ``kb.json``."""

    check: str
    key: str
    scope: str
    message: str
    explained: bool = False

    def line(self) -> str:
        mark = "explained" if self.explained else "UNEXPLAINED"
        return f"{self.scope}: {self.check} {self.key}: {self.message} [{mark}]"


def explanations(lines: Iterable[str]) -> set[tuple[str, str]]:
    """The (check, key) pairs that review lines explain."""
    found = set()
    for line in lines:
        match = EXPLANATION.match(line)
        if match:
            found.add((match["check"], match["key"]))
    return found


def _words(text: str, surface: str) -> Iterator[int]:
    """Start offsets of ``surface`` in ``text`` as a whole word (no letter or digit on either side)."""
    for match in re.finditer(re.escape(surface), text):
        start, end = match.start(), match.end()
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if not before.isalnum() and not after.isalnum():
            yield start


def check_unannotated(docs: list[Document]) -> Iterator[Finding]:
    surfaces = {m.text for d in docs for m in d.entities}
    for doc in docs:
        spans = [(m.start, m.end) for m in doc.entities]
        for surface in sorted(surfaces):
            for start in _words(doc.text, surface):
                end = start + len(surface)
                if not any(s <= start and end <= e for s, e in spans):
                    yield Finding("unannotated-string", f"{start}:{surface}", doc.doc_id,
                                  f"{surface!r} at {start} is annotated elsewhere but not here")


def check_surface_conflicts(docs: list[Document]) -> Iterator[Finding]:
    labels: dict[str, set[tuple[str, str | None]]] = defaultdict(set)
    for doc in docs:
        for m in doc.entities:
            labels[m.text].add((m.type, m.entity))
    for surface, seen in sorted(labels.items()):
        if len(seen) > 1:
            shown = ", ".join(f"{t}/{s}" for t, s in sorted(seen, key=str))
            yield Finding("surface-conflict", surface, KB_SCOPE, f"{surface!r} is annotated as {shown}")


def check_unused(docs: list[Document], kb: KB) -> Iterator[Finding]:
    used_entities = {m.entity for d in docs for m in d.entities}
    used_events = {e.instance for d in docs for e in d.events}
    for slug in sorted(set(kb.entities) - used_entities):
        yield Finding("unused-entity", slug, KB_SCOPE, "registry entity never linked by a mention")
    for slug in sorted(set(kb.events) - used_events):
        yield Finding("unused-event", slug, KB_SCOPE, "registry event instance without a mention")


def check_type_mismatch(docs: list[Document], kb: KB) -> Iterator[Finding]:
    for doc in docs:
        for m in doc.entities:
            entry = kb.entities.get(m.entity) if m.entity else None
            if entry is None or entry.type == m.type:
                continue
            if m.type == "MISC" and m.subtype == "demonym" and entry.type in DEMONYM_TARGET_TYPES:
                continue
            yield Finding("type-mismatch", m.id, doc.doc_id,
                          f"{m.text!r} is {m.type} but {m.entity} is {entry.type}")


def check_core_roles(docs: list[Document]) -> Iterator[Finding]:
    for doc in docs:
        for ev in doc.events:
            alternatives = CORE_ROLES.get(ev.type, ())
            roles = {a.role for a in ev.arguments}
            if alternatives and not roles.intersection(alternatives):
                wanted = " or ".join(alternatives)
                yield Finding("missing-core-role", ev.id, doc.doc_id,
                              f"{ev.type} {ev.trigger.text!r} has no {wanted}")


def check_single_mention(docs: list[Document]) -> Iterator[Finding]:
    count: dict[str, int] = defaultdict(int)
    for doc in docs:
        for ev in doc.events:
            if ev.instance:
                count[ev.instance] += 1
    for slug, n in sorted(count.items()):
        if n == 1:
            yield Finding("single-mention-instance", slug, KB_SCOPE, "event instance with a single mention")


def _compatible(a: str, b: str) -> bool:
    """Two TIMEX3 values agree when one refines the other (2024-09 and 2024-09-13)."""
    return a.startswith(b) or b.startswith(a)


def _time_values(doc: Document, ev: Event) -> list[str]:
    timexes = {t.id: t for t in doc.timexes}
    return [timexes[a.ref].value for a in ev.arguments
            if a.role == "time" and a.ref in timexes and timexes[a.ref].type in ("DATE", "TIME")]


def check_dates(docs: list[Document], kb: KB) -> Iterator[Finding]:
    for doc in docs:
        for ev in doc.events:
            if ev.date is None:
                continue
            for value in _time_values(doc, ev):
                if not _compatible(ev.date, value):
                    yield Finding("date-contradiction", ev.id, doc.doc_id,
                                  f"date {ev.date} but time argument says {value}")
            instance = kb.events.get(ev.instance) if ev.instance else None
            if instance and instance.date and not _compatible(ev.date, instance.date):
                yield Finding("date-contradiction", f"{ev.id}:instance", doc.doc_id,
                              f"date {ev.date} but instance {ev.instance} has {instance.date}")


def check_review_lines(docs: list[Document], kb: KB) -> Iterator[Finding]:
    for doc in docs:
        for number, line in enumerate(doc.review, start=1):
            for note in stale_notes(line, doc):
                yield Finding("stale-review", note.key, doc.doc_id, f"review line {number} {note.message}")
    for number, line in enumerate(kb.review, start=1):
        doc = doc_named(line, docs)
        for note in stale_notes(line, doc) if doc else ():
            yield Finding("stale-review", f"{doc.doc_id}:{note.key}", KB_SCOPE, f"review line {number} {note.message}")


def run_checks(docs: list[Document], kb: KB) -> list[Finding]:
    """Every finding, unexplained state (explanations are applied by :func:`audit`)."""
    return [
        *check_unannotated(docs),
        *check_surface_conflicts(docs),
        *check_unused(docs, kb),
        *check_type_mismatch(docs, kb),
        *check_core_roles(docs),
        *check_single_mention(docs),
        *check_dates(docs, kb),
        *check_review_lines(docs, kb),
    ]


def audit(docs: list[Document], kb: KB) -> list[Finding]:
    """Run every check and mark the findings that the data (documents' and kb.json's review) explains."""
    explained = {doc.doc_id: explanations(doc.review) for doc in docs}
    explained[KB_SCOPE] = explanations(kb.review)
    return [
        Finding(f.check, f.key, f.scope, f.message, (f.check, f.key) in explained.get(f.scope, set()))
        for f in run_checks(docs, kb)
    ]
