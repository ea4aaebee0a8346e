"""Slugs against the cross-document registry ``annotations/kb.json``."""
from __future__ import annotations

from typing import Any

from newsgold.checks.problem import Finding, items, jpath


def _keys(kb: Any, section: str) -> set[str] | None:
    """The slugs of ``kb[section]``, or None when the section is malformed (schema reports it)."""
    value = kb.get(section) if isinstance(kb, dict) else None
    return set(value) if isinstance(value, dict) else None


def check_slugs(doc: Any, kb: Any) -> list[Finding]:
    """Every entity ``entity`` slug and event ``instance`` slug exists in the kb."""
    found: list[Finding] = []
    for layer, field, section in (("entities", "entity", "entities"), ("events", "instance", "events")):
        known = _keys(kb, section)
        if known is None:
            continue
        for i, obj in items(doc, layer):
            slug = obj.get(field)
            if isinstance(slug, str) and slug not in known:
                found.append(Finding("unknown-slug", jpath(layer, i, field),
                                     f"{slug!r} is not in kb.json {section}",
                                     f"a slug of kb.json {section}, or null"))
    return found


def check_kb(kb: Any) -> list[Finding]:
    """Every kb event participant is a kb entity."""
    known = _keys(kb, "entities")
    events = kb.get("events") if isinstance(kb, dict) else None
    if known is None or not isinstance(events, dict):
        return []
    found = []
    for slug, event in events.items():
        participants = event.get("participants") if isinstance(event, dict) else None
        for k, who in enumerate(participants if isinstance(participants, list) else []):
            if isinstance(who, str) and who not in known:
                found.append(Finding("unknown-slug", jpath("events", slug, "participants", k),
                                     f"participant {who!r} is not in kb.json entities",
                                     "a slug of kb.json entities"))
    return found


def check_wikidata(doc: Any, kb: Any) -> list[Finding]:
    """Every entity mention's derived ``wikidata`` agrees with the registry (when the mention has the field)."""
    from newsgold.kbsync import mention_wikidata

    registry = kb.get("entities") if isinstance(kb, dict) else None
    if not isinstance(registry, dict):
        return []
    found: list[Finding] = []
    wants: dict[str, str | None] = {}  # slug -> derived value (a document names few slugs, many times)
    for i, obj in items(doc, "entities"):
        if "wikidata" not in obj or (isinstance(obj.get("entity"), str) and obj["entity"] not in registry):
            continue  # no field to check, or an unknown slug (check_slugs reports it)
        slug = obj.get("entity")
        if isinstance(slug, str):
            if slug not in wants:
                wants[slug] = mention_wikidata(slug, registry)
            want = wants[slug]
        else:
            want = mention_wikidata(slug, registry)
        if obj["wikidata"] != want:
            found.append(Finding("stale-wikidata", jpath("entities", i, "wikidata"),
                                 f"{obj['wikidata']!r} disagrees with kb.json for slug {obj.get('entity')!r}",
                                 f"{want!r} (derived from kb.json: run `newsgold build`)"))
    return found
