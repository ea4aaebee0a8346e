"""Scoring one work unit: read its gold documents one by one, join each to its prediction
lines, check them, and keep only per-document statistics.

What a unit keeps per document (a :class:`Partial`): the doc_id, codes for its language
and schema version, the 32-byte digest of its canonical content (for the corpus
fingerprint), one compact statistics row per task and system
(:class:`~newsgold.stream.store.StatsTable`) and, only for tasks with corpus-level
statistics (``corpus_stats``), a reduced JSON copy of the gold and predicted layers they
read (:func:`corpus_layers`: never the text, never translations). Text, segments and
every other layer are dropped as soon as the document is scored.

Partials of disjoint units are merged by concatenation (:meth:`Partial.merge`); no
number is summed here, so the merge is exact and the order of units does not matter.
"""
from __future__ import annotations

import json
from array import array
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Sequence

from newsgold.corpus.base import document_digest
from newsgold.metrics.base import Task, TaskOptions
from newsgold.predictions import line_errors
from newsgold.stream.index import PredictionIndex
from newsgold.stream.store import StatsTable
from newsgold.stream.units import Unit, iter_unit

GOLD_KEEP = ("doc_id", "language", "schema_version")
"""Gold fields kept for every document: the signature and the per-language breakdown read them."""
NEVER_KEPT = frozenset({"text", "translations"})


def corpus_layers(tasks: Sequence[Task]) -> tuple[str, ...]:
    """The layers kept per document for tasks with ``corpus_stats``: each such task's ``layers``,
    its ``corpus_layers`` when it declares them, and the layers those refer to (event arguments
    point at entities and timexes); never ``text`` or ``translations``."""
    from newsgold.systems import LAYER_NEEDS

    wanted: set[str] = set()
    for task in tasks:
        if callable(getattr(task, "corpus_stats", None)):
            declared = {*task.layers, *getattr(task, "corpus_layers", ())}
            wanted |= declared | {n for layer in declared for n in LAYER_NEEDS.get(layer, ())}
    return tuple(sorted(wanted - NEVER_KEPT))


class Interner:
    """Small ints for repeated values (languages, schema versions)."""

    def __init__(self) -> None:
        self.values: list[Any] = []
        self._ids: dict[Any, int] = {}

    def code(self, value: Any) -> int:
        key = json.dumps(value)
        if key not in self._ids:
            self._ids[key] = len(self.values)
            self.values.append(value)
        return self._ids[key]


@dataclass
class SystemPart:
    """One system's share of a unit: statistics rows (aligned with the unit's documents) and checks."""

    tables: dict[str, StatsTable]
    material: list[bytes | None] = field(default_factory=list)  # only with corpus_stats tasks
    missing: list[str] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line, message)
    layers: set[str] = field(default_factory=set)
    valid_lines: int = 0


@dataclass
class Partial:
    """Everything a unit keeps; see the module docstring for what and why."""

    doc_ids: list[str] = field(default_factory=list)
    languages: array = field(default_factory=lambda: array("H"))
    schema_versions: array = field(default_factory=lambda: array("H"))
    digests: bytearray = field(default_factory=bytearray)
    gold_material: list[bytes | None] = field(default_factory=list)  # only with corpus_stats tasks
    systems: list[SystemPart] = field(default_factory=list)
    interner: Interner = field(default_factory=Interner)

    def gold(self, row: int, with_material: bool) -> dict[str, Any]:
        """The reduced gold of row ``row``: doc_id, language, schema_version (+ corpus layers)."""
        out = {"doc_id": self.doc_ids[row], "language": self.interner.values[self.languages[row]],
               "schema_version": self.interner.values[self.schema_versions[row]]}
        blob = self.gold_material[row] if with_material and self.gold_material else None
        if blob is not None:
            out.update(json.loads(blob))
        return out

    def digest(self, row: int) -> str:
        return self.digests[32 * row:32 * row + 32].hex()


@dataclass(frozen=True)
class Job:
    """What every unit of one evaluation shares (sent once to each worker)."""

    tasks: tuple[Task, ...]
    options: TaskOptions
    indexes: tuple[PredictionIndex, ...]
    keep_layers: tuple[str, ...]


def document_digest_bytes(doc: Mapping[str, Any]) -> bytes:
    """:func:`newsgold.corpus.base.document_digest` as 32 raw bytes."""
    return bytes.fromhex(document_digest(doc))


def _reduced(doc: Mapping[str, Any], keep: Iterable[str]) -> bytes | None:
    kept = {k: doc[k] for k in keep if k in doc}
    return json.dumps(kept, ensure_ascii=False).encode("utf-8") if kept else None


def score_unit(unit: Unit, job: Job) -> Partial:
    """Statistics of every document of ``unit`` for every system of ``job``."""
    part = Partial(systems=[SystemPart({t.name: StatsTable() for t in job.tasks}) for _ in job.indexes])
    handles = [index.open() for index in job.indexes]
    try:
        for gold in iter_unit(unit):
            _add_document(part, gold, job, handles)
    finally:
        for fh in handles:
            fh.close()
    return part


def _add_document(part: Partial, gold: dict[str, Any], job: Job, handles: list) -> None:
    doc_id = gold["doc_id"]
    part.doc_ids.append(doc_id)
    part.languages.append(part.interner.code(gold.get("language")))
    part.schema_versions.append(part.interner.code(gold.get("schema_version")))
    part.digests += document_digest_bytes(gold)
    if job.keep_layers:
        part.gold_material.append(_reduced(gold, job.keep_layers))
    for system, index, fh in zip(part.systems, job.indexes, handles):
        pred = _prediction(system, index, fh, gold)
        for task in job.tasks:
            system.tables[task.name].append(task.doc_stats(gold, pred, job.options) if pred is not None else {})
        if job.keep_layers:
            system.material.append(_reduced(pred, ("doc_id", *job.keep_layers)) if pred else None)


def _prediction(system: SystemPart, index: PredictionIndex, fh, gold: dict[str, Any]) -> dict[str, Any] | None:
    """The checked prediction of ``gold`` (``{"doc_id": ...}`` when there is none); None when it has errors."""
    doc_id = gold["doc_id"]
    found = index.locate(doc_id)
    if found is None:
        system.missing.append(doc_id)
        return {"doc_id": doc_id}
    line, offset = found
    obj, floats = index.read_parsed(fh, line, offset)
    errors = line_errors(obj, index.where(line), line, {doc_id: gold}, {}, floats)
    if errors:
        system.errors += [(line, e) for e in errors]
        return None
    system.valid_lines += 1
    system.layers.update(obj)
    return dict(obj)
