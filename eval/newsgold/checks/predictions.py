"""Checks of prediction records (one JSON object per line) against the gold."""
from __future__ import annotations

from typing import Any, Collection

from newsgold.checks.problem import Finding, jpath, quote
from newsgold.checks.refs import check_arguments, check_ids, check_translation_refs, segment_zones
from newsgold.checks.spans import check_spans


def check_doc_id(record: Any, known: Collection[str], seen: dict[str, int], line: int) -> list[Finding]:
    """doc_id names a gold document and no earlier line; records the line in ``seen``."""
    doc_id = record.get("doc_id") if isinstance(record, dict) else None
    if not isinstance(doc_id, str):
        return []
    if doc_id not in known:
        return [Finding("unknown-doc", jpath("doc_id"), f"{quote(doc_id)} is not a gold document",
                        _one_of(known))]
    if doc_id in seen:
        return [Finding("duplicate-doc", jpath("doc_id"), f"{doc_id!r} already has a record on line {seen[doc_id]}",
                        "one record per document")]
    seen[doc_id] = line
    return []


def check_record(record: dict, gold: Any, text: str | None) -> list[Finding]:
    """Offsets and span texts against the corpus, ids and argument refs within the record,
    translation segment ids against the gold segments."""
    found: list[Finding] = []
    if text is not None:
        found.extend(check_spans(record, text, whitespace=False))
    found.extend(check_ids(record))
    found.extend(check_arguments(record))
    found.extend(check_translation_refs(record, segment_zones(gold), gold=False))
    return found


def _one_of(known: Collection[str], shown: int = 5) -> str:
    """``one of a, b, c`` (at most ``shown`` ids, then how many more)."""
    ids = sorted(known)
    more = f" (and {len(ids) - shown} more)" if len(ids) > shown else ""
    return "one of " + ", ".join(ids[:shown]) + more
