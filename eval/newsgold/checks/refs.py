"""Identifiers and references inside one document: ids, event arguments, translations."""
from __future__ import annotations

from typing import Any

from newsgold.gold import MAIN_CONTENT_ZONES
from newsgold.checks.problem import Finding, items, jpath

ID_LAYERS = ("segments", "entities", "timexes", "events")
MENTION_LAYERS = ("entities", "timexes", "events")
ARGUMENT_TARGETS = ("entities", "timexes")


def check_ids(doc: Any) -> list[Finding]:
    """Ids are unique within each layer and across the document."""
    found: list[Finding] = []
    seen: dict[str, tuple[str, int]] = {}  # id -> (layer, index): the path is written only for a message
    for layer in ID_LAYERS:
        for i, obj in items(doc, layer):
            ident = obj.get("id")
            if not isinstance(ident, str):
                continue
            if ident in seen:
                found.append(Finding("duplicate-id", jpath(layer, i, "id"),
                                     f"id {ident!r} is already used at {jpath(*seen[ident], 'id')}",
                                     "ids unique within the document"))
            else:
                seen[ident] = (layer, i)
    return found


def mention_layers(doc: Any) -> dict[str, str]:
    """Mention id -> layer name (entities, timexes, events); first occurrence wins."""
    layers: dict[str, str] = {}
    for layer in MENTION_LAYERS:
        for _, obj in items(doc, layer):
            ident = obj.get("id")
            if isinstance(ident, str) and ident not in layers:
                layers[ident] = layer
    return layers


def check_arguments(doc: Any) -> list[Finding]:
    """Every argument ref names a mention of this document, of the kind its role allows."""
    found: list[Finding] = []
    layers = mention_layers(doc)
    for i, event in items(doc, "events"):
        for j, arg in items(event, "arguments"):
            ref, role = arg.get("ref"), arg.get("role")
            if not isinstance(ref, str):
                continue
            if ref not in layers:
                found.append(Finding("dangling-ref", jpath("events", i, "arguments", j, "ref"),
                                     f"{ref!r} is not a mention of this document",
                                     "the id of an entity, timex or event mention"))
                continue
            allowed = ("events",) if role == "content_event" else ARGUMENT_TARGETS
            if layers[ref] not in allowed:
                found.append(Finding("ref-kind", jpath("events", i, "arguments", j, "ref"),
                                     f"role {role!r} refers to {ref!r}, a mention in {layers[ref]}",
                                     "an event (E) for content_event, else an entity (T) or timex (X)"))
    return found


def segment_zones(doc: Any) -> dict[str, Any]:
    """Segment id -> zone, first occurrence wins."""
    zones: dict[str, Any] = {}
    for _, seg in items(doc, "segments"):
        if isinstance(seg.get("id"), str):
            zones.setdefault(seg["id"], seg.get("zone"))
    return zones


def check_translation_refs(doc: Any, zones: dict[str, Any], *, gold: bool) -> list[Finding]:
    """Translations name existing segments, once each; in the gold, only main-content ones.

    Args:
        doc: the document or prediction record holding ``translations``.
        zones: segment id -> zone of the gold segments.
        gold: also forbid translations of non-main-content segments.
    """
    found: list[Finding] = []
    seen: dict[str, int] = {}
    for j, tr in items(doc, "translations"):
        seg = tr.get("segment")
        if isinstance(seg, str):
            found.extend(_translation_target(seg, j, zones, gold))
            if seg in seen:
                found.append(Finding("translation-duplicate", jpath("translations", j, "segment"),
                                     f"{seg!r} is already translated at {jpath('translations', seen[seg])}",
                                     "one translation per segment"))
            seen.setdefault(seg, j)
    return found


def _translation_target(seg: str, j: int, zones: dict[str, Any], gold: bool) -> list[Finding]:
    if seg not in zones:
        return [Finding("dangling-segment", jpath("translations", j, "segment"), f"{seg!r} is not a segment of the document",
                        "the id of a gold segment")]
    if gold and zones[seg] not in MAIN_CONTENT_ZONES:
        return [Finding("translation-non-main", jpath("translations", j, "segment"), f"{seg!r} is a {zones[seg]} segment, not main content",
                        "translations of title, lead, heading, body and caption segments only")]
    return []


def check_translation_coverage(doc: Any) -> list[Finding]:
    """When the layer is non-empty, every main-content segment has a translation."""
    translated = {tr.get("segment") for _, tr in items(doc, "translations")}
    if not translated:
        return []
    return [Finding("translation-missing", jpath("translations"),
                    f"main-content segment {seg!r} ({zone}) has no translation",
                    "one translation per main-content segment")
            for seg, zone in segment_zones(doc).items()
            if zone in MAIN_CONTENT_ZONES and seg not in translated]


def check_references(doc: Any) -> list[Finding]:
    """All reference checks of a gold document."""
    zones = segment_zones(doc)
    return [*check_ids(doc), *check_arguments(doc),
            *check_translation_refs(doc, zones, gold=True), *check_translation_coverage(doc)]
