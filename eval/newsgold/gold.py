"""Typed, read-only view of the gold: documents (one annotation file each) and the registry.

Loading checks only what it needs to build the objects: a missing file or one that
is not JSON raises :class:`~newsgold.errors.UsageError`, a file whose structure does
not fit raises :class:`~newsgold.errors.DataError`. Everything else (offsets, ids,
coverage, schema) is the validator's job (``newsgold validate``).
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping, TypeVar

from newsgold.errors import DataError

ZONES: tuple[str, ...] = ("title", "lead", "heading", "body", "caption", "byline", "boilerplate")
MAIN_CONTENT_ZONES: frozenset[str] = frozenset({"title", "lead", "heading", "body", "caption"})
LAYERS: tuple[str, ...] = ("entities", "timexes", "events", "translations")
KB_FILENAME = "kb.json"

_T = TypeVar("_T")


@dataclass(frozen=True)
class Source:
    """Where a document comes from (``source`` in the annotation file)."""

    outlet: str | None
    url: str | None
    published: str | None
    published_basis: str | None
    seed_file: str | None

    @property
    def published_date(self) -> _dt.date | None:
        """``published`` as a date (the document creation time of the timexes), None when unknown."""
        return _dt.date.fromisoformat(self.published) if self.published else None


@dataclass(frozen=True)
class Segment:
    """A zone + language segment; ``boilerplate_kind`` is set only for boilerplate."""

    id: str
    start: int
    end: int
    text: str
    zone: str
    lang: str
    boilerplate_kind: str | None = None

    @property
    def is_main_content(self) -> bool:
        return self.zone in MAIN_CONTENT_ZONES


@dataclass(frozen=True)
class Entity:
    """A named-entity mention; ``entity`` is the kb.json slug or None (NIL)."""

    id: str
    start: int
    end: int
    text: str
    type: str
    subtype: str | None
    entity: str | None


@dataclass(frozen=True)
class Timex:
    """A time expression with its TIMEX3 type and value."""

    id: str
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True)
class Trigger:
    """The word or words that express an event."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Argument:
    """An event argument: a role and the id of an entity, timex or event mention."""

    role: str
    ref: str


@dataclass(frozen=True)
class Event:
    """An event mention (PLOVER type + PERSONNEL)."""

    id: str
    type: str
    mode: str | None
    trigger: Trigger
    arguments: tuple[Argument, ...]
    status: str
    date: str | None
    instance: str | None


@dataclass(frozen=True)
class Translation:
    """The English reference translation of one main-content segment."""

    segment: str
    text: str


@dataclass(frozen=True)
class Document:
    """One gold document: its text and every annotation layer."""

    doc_id: str
    language: str
    text: str
    source: Source
    segments: tuple[Segment, ...]
    entities: tuple[Entity, ...]
    timexes: tuple[Timex, ...]
    events: tuple[Event, ...]
    translations: tuple[Translation, ...]
    review: tuple[str, ...]
    text_sha256: str

    def main_content_segments(self) -> tuple[Segment, ...]:
        """Segments of the main content (title, lead, heading, body, caption), in order."""
        return tuple(s for s in self.segments if s.is_main_content)

    def segment(self, segment_id: str) -> Segment:
        """The segment with this id; KeyError if there is none."""
        for seg in self.segments:
            if seg.id == segment_id:
                return seg
        raise KeyError(f"{self.doc_id}: no segment {segment_id!r}")

    def translation(self, segment_id: str) -> str | None:
        """The reference translation of a segment, or None when it has none (yet)."""
        for tr in self.translations:
            if tr.segment == segment_id:
                return tr.text
        return None


@dataclass(frozen=True)
class KBEntity:
    """A registry entity (``entities`` in kb.json), keyed by its slug."""

    slug: str
    type: str
    subtype: str | None
    name_en: str
    wikidata: str | None
    aliases: dict[str, tuple[str, ...]]
    wikidata_status: str | None = None  # confirmed / absent / unconfirmed (kb.schema.json)


@dataclass(frozen=True)
class KBEvent:
    """A real-world event instance (``events`` in kb.json), keyed by its slug."""

    slug: str
    type: str
    date: str | None
    summary_en: str
    participants: tuple[str, ...]


@dataclass(frozen=True)
class KB:
    """The cross-document registry (annotations/kb.json)."""

    entities: dict[str, KBEntity]
    events: dict[str, KBEvent]
    review: tuple[str, ...] = ()
    data_version: str | None = None  # semantic version of the gold release (CHANGELOG.md)


def _build(path: Path, build: Callable[[], _T]) -> _T:
    """Run ``build``; turn a structural surprise into a DataError naming the file."""
    try:
        return build()
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        detail = f"missing field {exc}" if isinstance(exc, KeyError) else str(exc)
        raise DataError(f"{path}: unexpected structure ({detail}); run `newsgold validate`") from None


def _span_fields(d: Mapping[str, Any]) -> dict[str, Any]:
    return {"start": int(d["start"]), "end": int(d["end"]), "text": d["text"]}


def _segment(d: Mapping[str, Any]) -> Segment:
    return Segment(
        id=d["id"], zone=d["zone"], lang=d["lang"], boilerplate_kind=d.get("boilerplate_kind"), **_span_fields(d)
    )


def _entity(d: Mapping[str, Any]) -> Entity:
    return Entity(id=d["id"], type=d["type"], subtype=d.get("subtype"), entity=d.get("entity"), **_span_fields(d))


def _timex(d: Mapping[str, Any]) -> Timex:
    return Timex(id=d["id"], type=d["type"], value=d["value"], **_span_fields(d))


def _event(d: Mapping[str, Any]) -> Event:
    return Event(
        id=d["id"],
        type=d["type"],
        mode=d.get("mode"),
        trigger=Trigger(**_span_fields(d["trigger"])),
        arguments=tuple(Argument(role=a["role"], ref=a["ref"]) for a in d.get("arguments", [])),
        status=d["status"],
        date=d.get("date"),
        instance=d.get("instance"),
    )


def _source(d: Mapping[str, Any]) -> Source:
    return Source(
        outlet=d.get("outlet"),
        url=d.get("url"),
        published=d.get("published"),
        published_basis=d.get("published_basis"),
        seed_file=d.get("seed_file"),
    )


def _document(data: Mapping[str, Any], text: str) -> Document:
    return Document(
        doc_id=data["doc_id"],
        language=data["language"],
        text=text,
        source=_source(data["source"]),
        segments=tuple(_segment(s) for s in data["segments"]),
        entities=tuple(_entity(e) for e in data.get("entities", [])),
        timexes=tuple(_timex(t) for t in data.get("timexes", [])),
        events=tuple(_event(e) for e in data.get("events", [])),
        translations=tuple(Translation(segment=t["segment"], text=t["text"]) for t in data.get("translations", [])),
        review=tuple(data.get("review", [])),
        text_sha256=data["text_sha256"],
    )


def document_from_dict(data: Mapping[str, Any], where: str | Path) -> Document:
    """A typed document from an annotation dict that carries its ``text``."""
    if not isinstance(data, Mapping):
        raise DataError(f"{where}: expected a JSON object (an annotation)")
    return _build(Path(str(where)), lambda: _document(data, data["text"]))


def load_gold(root: Path | str | None = None) -> list[Document]:
    """Every gold document of the corpus at ``root`` (default: the bundled gold), sorted by doc_id."""
    from newsgold.corpus import open_corpus

    return open_corpus(root).load()


def _kb_entity(slug: str, d: Mapping[str, Any]) -> KBEntity:
    return KBEntity(
        slug=slug,
        type=d["type"],
        subtype=d.get("subtype"),
        name_en=d["name_en"],
        wikidata=d.get("wikidata"),
        aliases={lang: tuple(names) for lang, names in d.get("aliases", {}).items()},
        wikidata_status=d.get("wikidata_status"),
    )


def _kb_event(slug: str, d: Mapping[str, Any]) -> KBEvent:
    return KBEvent(
        slug=slug,
        type=d["type"],
        date=d.get("date"),
        summary_en=d["summary_en"],
        participants=tuple(d.get("participants", [])),
    )


def kb_from_dict(data: Any, path: str | Path) -> KB:
    """The typed registry from parsed kb.json."""
    if not isinstance(data, dict):
        raise DataError(f"{path}: expected a JSON object")
    return _build(
        Path(str(path)),
        lambda: KB(
            entities={slug: _kb_entity(slug, d) for slug, d in data["entities"].items()},
            events={slug: _kb_event(slug, d) for slug, d in data["events"].items()},
            review=tuple(data.get("review", [])),
            data_version=data.get("data_version"),
        ),
    )


def load_kb(root: Path | str | None = None) -> KB:
    """The cross-document registry of the corpus at ``root`` (default: the bundled gold)."""
    from newsgold.corpus import open_corpus

    return open_corpus(root).kb()
