"""Flat Hugging Face configs: one row per mention, event, argument, registry entity and event instance.

The ``documents`` config nests every layer; these configs give the same data one
level flat (scalars and lists of scalars only), which is what a Croissant loader
reads (:mod:`newsgold.publish.croissant`) and what a linker or tagger evaluated from
``datasets`` alone needs:

- ``entities``, ``timexes``: one row per mention (``doc_id`` + the mention's fields);
- ``events``: one row per event mention, the trigger as ``trigger_start`` /
  ``trigger_end`` / ``trigger_text``;
- ``event_arguments``: one row per argument, ``position`` its index in the event;
- ``kb``: one row per registry entity (sorted by slug): type, subtype, English name,
  Wikidata QID, ``wikidata_status`` (the registry's, else ``confirmed`` when a QID is
  written and ``unconfirmed`` when not) and ``aliases_<lang>`` per language;
- ``kb_events``: one row per registry event instance (sorted by slug) with its
  participants' slugs.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Mapping, Union

from newsgold.errors import DataError

if TYPE_CHECKING:  # pragma: no cover
    from newsgold.gold import Document

Spec = Union[str, dict[str, "Spec"], list["Spec"]]
ALIAS_LANGUAGES: tuple[str, ...] = ("el", "nb", "ro", "it", "vi", "en")
CONFIGS: tuple[str, ...] = ("entities", "timexes", "events", "event_arguments", "kb", "kb_events")
REGISTRY_CONFIGS = frozenset({"kb", "kb_events"})

SCHEMAS: dict[str, dict[str, Spec]] = {
    "entities": {"doc_id": "string", "id": "string", "start": "int32", "end": "int32", "text": "string",
                 "type": "string", "subtype": "string", "entity": "string"},
    "timexes": {"doc_id": "string", "id": "string", "start": "int32", "end": "int32", "text": "string",
                "type": "string", "value": "string"},
    "events": {"doc_id": "string", "id": "string", "type": "string", "mode": "string", "trigger_start": "int32",
               "trigger_end": "int32", "trigger_text": "string", "status": "string", "date": "string",
               "instance": "string"},
    "event_arguments": {"doc_id": "string", "event_id": "string", "position": "int32", "role": "string",
                        "ref": "string"},
    "kb": {"slug": "string", "type": "string", "subtype": "string", "name_en": "string", "wikidata": "string",
           "wikidata_status": "string", **{f"aliases_{lang}": ["string"] for lang in ALIAS_LANGUAGES}},
    "kb_events": {"slug": "string", "type": "string", "date": "string", "summary_en": "string",
                  "participants": ["string"]},
}

DESCRIPTIONS: dict[str, str] = {
    "entities": "one row per entity mention",
    "timexes": "one row per time expression",
    "events": "one row per event mention (trigger flattened)",
    "event_arguments": "one row per event argument (role and the id of the entity, timex or event it names)",
    "kb": "one row per registry entity: type, English name, Wikidata QID and status, aliases per language",
    "kb_events": "one row per registry event instance with its participants",
}


def wikidata_status(entry: Mapping[str, Any]) -> str:
    """The registry's ``wikidata_status``, else derived from whether a QID is written."""
    status = entry.get("wikidata_status")
    if isinstance(status, str):
        return status
    return "confirmed" if entry.get("wikidata") else "unconfirmed"


def _kb_rows(registry: Mapping[str, Any]) -> list[dict[str, Any]]:
    out = []
    for slug in sorted(registry.get("entities", {})):
        entry = registry["entities"][slug]
        aliases = entry.get("aliases") or {}
        unknown = sorted(set(aliases) - set(ALIAS_LANGUAGES))
        if unknown:
            raise DataError(f"kb.json: entities.{slug}.aliases: language(s) {', '.join(unknown)} have no "
                            f"column in the kb config (known: {', '.join(ALIAS_LANGUAGES)})")
        out.append({"slug": slug, "type": entry["type"], "subtype": entry.get("subtype"), "name_en": entry["name_en"],
                    "wikidata": entry.get("wikidata"), "wikidata_status": wikidata_status(entry),
                    **{f"aliases_{lang}": list(aliases.get(lang, [])) for lang in ALIAS_LANGUAGES}})
    return out


def _kb_event_rows(registry: Mapping[str, Any]) -> list[dict[str, Any]]:
    events = registry.get("events", {})
    return [{"slug": slug, "type": events[slug]["type"], "date": events[slug].get("date"),
             "summary_en": events[slug]["summary_en"], "participants": list(events[slug].get("participants", []))}
            for slug in sorted(events)]


def _document_rows(config: str, doc: "Document") -> list[dict[str, Any]]:
    if config == "entities":
        return [{"doc_id": doc.doc_id, "id": e.id, "start": e.start, "end": e.end, "text": e.text, "type": e.type,
                 "subtype": e.subtype, "entity": e.entity} for e in doc.entities]
    if config == "timexes":
        return [{"doc_id": doc.doc_id, "id": t.id, "start": t.start, "end": t.end, "text": t.text, "type": t.type,
                 "value": t.value} for t in doc.timexes]
    if config == "events":
        return [{"doc_id": doc.doc_id, "id": ev.id, "type": ev.type, "mode": ev.mode,
                 "trigger_start": ev.trigger.start, "trigger_end": ev.trigger.end, "trigger_text": ev.trigger.text,
                 "status": ev.status, "date": ev.date, "instance": ev.instance} for ev in doc.events]
    return [{"doc_id": doc.doc_id, "event_id": ev.id, "position": i, "role": a.role, "ref": a.ref}
            for ev in doc.events for i, a in enumerate(ev.arguments)]


def rows(config: str, docs: list["Document"], registry: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
    """The rows of a flat config; the registry configs read ``registry`` (default: the bundled gold's)."""
    if config in REGISTRY_CONFIGS:
        if registry is None:
            from newsgold.corpus import open_corpus

            registry = open_corpus().registry
        return _kb_rows(registry) if config == "kb" else _kb_event_rows(registry)
    return [row for doc in docs for row in _document_rows(config, doc)]
