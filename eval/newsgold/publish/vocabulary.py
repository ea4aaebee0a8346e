"""The closed vocabularies of the annotation schema (types, subtypes, roles, statuses), read from it.

Exports write them into tool configurations (brat ``annotation.conf``, the Label Studio
labelling config); reading them from ``schema/annotation.schema.json`` keeps one source.
"""
from __future__ import annotations

from functools import lru_cache

from newsgold import paths
from newsgold.jsonio import read_json


@lru_cache(maxsize=None)
def enum(name: str) -> tuple[str, ...]:
    """The values of ``$defs/<name>/enum`` in the annotation schema (null dropped)."""
    defs = read_json(paths.schema_dir() / "annotation.schema.json")["$defs"]
    return tuple(v for v in defs[name]["enum"] if v is not None)
