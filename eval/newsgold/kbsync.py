"""The registry is the single source of truth for Wikidata: derive each gold mention's ``wikidata``.

``annotations/kb.json`` says per entity slug whether it has a Wikidata item
(``wikidata_status``): ``confirmed`` (the QID is in ``wikidata``), ``absent``
(confirmed: no Wikidata item) or ``unconfirmed`` (not yet checked; ``wikidata``
null). A registry entry without ``wikidata_status`` is ``confirmed`` when it has a
QID and ``unconfirmed`` otherwise.

Every gold entity mention carries the derived field ``wikidata``, so that the
annotation files themselves, given as predictions, score 1.0 on QID linking:

- the registry QID when the mention's slug is ``confirmed``;
- ``"NIL"`` when the slug is ``absent``;
- null when it is ``unconfirmed``, when the slug is not in the registry, or when the
  mention has no slug.

Demonyms (MISC/demonym, whose slug is the country) get the country's QID like any
mention of that slug. ``newsgold build`` writes the field (placed right after
``entity``); ``newsgold build --check`` and ``newsgold validate`` report a stale one.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

NIL = "NIL"
STATUSES = ("confirmed", "absent", "unconfirmed")


def wikidata_status(record: Mapping[str, Any]) -> str:
    """``confirmed``, ``absent`` or ``unconfirmed`` (derived from ``wikidata`` when the field is missing)."""
    status = record.get("wikidata_status")
    if status is not None:
        return str(status)
    return "confirmed" if record.get("wikidata") else "unconfirmed"


def mention_wikidata(slug: Any, registry: Mapping[str, Any]) -> str | None:
    """What a mention of ``slug`` links to: a QID, ``"NIL"``, or None (no gold answer)."""
    record = registry.get(slug) if isinstance(slug, str) else None
    if not (type(record) is dict or isinstance(record, Mapping)):  # dict first: typing's check is slow
        return None
    status = wikidata_status(record)
    if status == "confirmed":
        return record.get("wikidata")
    return NIL if status == "absent" else None


def synced(doc: Mapping[str, Any], registry: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of an annotation document whose entity mentions carry the derived ``wikidata``."""
    out = dict(doc)
    entities = []
    for mention in doc.get("entities") or []:
        value = mention_wikidata(mention.get("entity"), registry)
        rebuilt: dict[str, Any] = {}
        for key, item in mention.items():
            if key == "wikidata":
                continue
            rebuilt[key] = item
            if key == "entity":
                rebuilt["wikidata"] = value
        rebuilt.setdefault("wikidata", value)
        entities.append(rebuilt)
    if "entities" in doc:
        out["entities"] = entities
    return out


def targets(root: Path | str) -> list[tuple[Path, bytes, bool]]:
    """``(path, content, current)`` of every annotation file with its ``wikidata`` fields refreshed."""
    import json

    from newsgold.corpus.folder import annotation_paths
    from newsgold.jsonio import dumps, read_json

    base = Path(root)
    kb = read_json(base / "annotations" / "kb.json")
    registry = kb.get("entities") or {}
    out = []
    for path in annotation_paths(base):
        old = path.read_text(encoding="utf-8")
        new = dumps(synced(json.loads(old), registry))
        out.append((path, new.encode("utf-8"), old == new))
    return out


def sync(root: Path | str, check: bool = False) -> list[Path]:
    """Refresh the annotation files' ``wikidata`` (or, with ``check``, only report); returns the stale files."""
    from newsgold.jsonio import write_atomic

    stale = [(path, content) for path, content, current in targets(root) if not current]
    if not check:
        for path, content in stale:
            write_atomic(path, content)
    return [path for path, _ in stale]
