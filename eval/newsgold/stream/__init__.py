"""Streaming evaluation of prediction files: the gold is read document by document, never held.

:func:`evaluate_files` gives the same result (the same JSON) as
:func:`newsgold.evaluate.build_result` on the same input, with memory that grows only by
the per-document statistics:

1. each predictions file is indexed by one pass (:mod:`newsgold.stream.index`);
2. the corpus is cut into work units (:mod:`newsgold.stream.units`) scored one by one, by
   ``jobs`` processes (:mod:`newsgold.backends.local`) or by Dask
   (:mod:`newsgold.backends.dask`); each unit joins every gold document to its prediction
   lines, checks them as ``newsgold eval`` always does, and keeps compact statistics
   (:mod:`newsgold.stream.score`);
3. the units' partials are concatenated; the corpus fingerprint is combined from the
   per-document digests and the gold is validated unless that fingerprint is known valid
   (:mod:`newsgold.corpus.verify`); prediction problems are reported in line order;
4. the result is built by :func:`newsgold.evaluate.task_block` and
   :func:`newsgold.evaluate.assemble_result` from rows decoded on access, in doc_id order.

Why the numbers are identical whatever the units: nothing is summed before step 4, where
the harness sums the per-document rows in doc_id order exactly as the in-memory path
does (integers exactly, floats in that one order), and a task's corpus-level statistics
(``corpus_stats``) are computed once, over every document's reduced layers gathered from
all units (cross-document coreference sees all mentions at once; no partial corpus
statistic is ever merged).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping, Sequence

from newsgold import evaluate
from newsgold.corpus.base import Corpus, combine_digests
from newsgold.errors import DataError, NewsgoldError
from newsgold.metrics.base import Task
from newsgold.limits import MAX_PROBLEMS
from newsgold.predictions import PredictionError, Predictions, completion_warnings, line_errors
from newsgold.stream.index import PredictionIndex
from newsgold.stream.score import Job, Partial, corpus_layers, score_unit
from newsgold.stream.store import LazyRows
from newsgold.stream.units import UNITS_PER_JOB, Unit, plan_units

Runner = Callable[[Sequence[Unit], Job], list[Partial]]
_ROW_BITS = 32


def serial_runner(units: Sequence[Unit], job: Job) -> list[Partial]:
    """Score the units one after the other in this process."""
    return [score_unit(unit, job) for unit in units]


def evaluate_files(
    corpus: Corpus, predictions: Sequence[tuple[str | Path, str]], tasks: Sequence[Task],
    settings: evaluate.Settings, jobs: int = 1, runner: Runner | None = None,
) -> dict[str, Any]:
    """The result of one or more predictions files ``(path, name)`` (the first two are compared).

    Args:
        corpus: the gold.
        predictions: ``(file, system name)``; an empty name gives the file's stem.
        tasks: the tasks to score.
        settings: tasks, options, bootstrap and seed.
        jobs: how many pieces to cut the corpus into (per worker, see UNITS_PER_JOB).
        runner: scores the units (default: :func:`newsgold.backends.local.runner` for ``jobs``).

    Raises:
        DataError: the gold is not valid. PredictionError: a prediction line has problems.
    """
    from newsgold.systems import SystemSpec

    specs = [SystemSpec("predictions", str(path), name).describe() for path, name in predictions]
    evaluate.check_names([s["name"] for s in specs])
    job = Job(tuple(tasks), settings.options, tuple(PredictionIndex.build(p) for p, _ in predictions),
              corpus_layers(tasks))
    if runner is None:
        from newsgold.backends.local import runner as local_runner

        runner = local_runner(jobs)
    units = plan_units(corpus, jobs * UNITS_PER_JOB if jobs > 1 else 1)
    partials = _run(runner, units, job, corpus)
    merged = Merged(partials)
    _ensure_valid(corpus, merged.fingerprint(corpus.registry))
    layers = sorted({layer for t in tasks for layer in t.layers})
    scored = [_score_system(s, spec, job, merged, tasks, settings, layers) for s, spec in enumerate(specs)]
    return evaluate.assemble_result(scored, tasks, merged.golds(bool(job.keep_layers)), settings,
                                    merged.fingerprint(corpus.registry), compare_first_two=True,
                                    data_version=corpus.data_version)


def _run(runner: Runner, units: Sequence[Unit], job: Job, corpus: Corpus) -> list[Partial]:
    """The runner's partials; a crash on the gold becomes the gold's validation problems when it is invalid."""
    try:
        return runner(units, job)
    except NewsgoldError:
        raise
    except Exception:
        from newsgold.corpus.verify import ensure_valid

        ensure_valid(corpus)  # raises DataError naming the problems if the gold is invalid
        raise


def _ensure_valid(corpus: Corpus, fingerprint: str) -> None:
    """Validate the gold unless this fingerprint is known valid (the streamed fingerprint is adopted)."""
    from newsgold.corpus.verify import ensure_valid

    corpus.adopt_fingerprint(fingerprint)
    ensure_valid(corpus)


class Merged:
    """The partials of every unit seen as one corpus: ``doc_id -> (partial, row)``, in doc_id order."""

    def __init__(self, partials: list[Partial]):
        self.partials = partials
        self.locate: dict[str, int] = {}
        for p, part in enumerate(partials):
            for row, doc_id in enumerate(part.doc_ids):
                if doc_id in self.locate:
                    raise DataError(f"the gold has doc_id {doc_id!r} twice")
                self.locate[doc_id] = (p << _ROW_BITS) | row
        self.order = sorted(self.locate)
        self._fingerprint: str | None = None

    def where(self, doc_id: str) -> tuple[int, int]:
        code = self.locate[doc_id]
        return code >> _ROW_BITS, code & ((1 << _ROW_BITS) - 1)

    def fingerprint(self, registry: Any) -> str:
        if self._fingerprint is None:
            digests = {d: self.partials[p].digest(r) for d in self.order for p, r in [self.where(d)]}
            self._fingerprint = combine_digests(digests, registry)
        return self._fingerprint

    def golds(self, with_material: bool) -> "ReducedGolds":
        return ReducedGolds(self, with_material)

    def rows(self, system: int, task: str) -> LazyRows:
        return LazyRows(self.order, _Where(self), [p.systems[system].tables[task] for p in self.partials])


class _ByDoc(Mapping):
    """A read-only ``doc_id -> value`` over the merged partials, iterated in doc_id order."""

    def __init__(self, merged: Merged):
        self._merged = merged

    def __iter__(self) -> Iterator[str]:
        return iter(self._merged.order)

    def __len__(self) -> int:
        return len(self._merged.order)


class _Where(_ByDoc):
    """``doc_id -> (partial, row)`` over :attr:`Merged.locate` (decoded from one int per document)."""

    def __getitem__(self, doc_id: str) -> tuple[int, int]:
        return self._merged.where(doc_id)


class ReducedGolds(_ByDoc):
    """``doc_id -> reduced gold`` (doc_id, language, schema_version, and the corpus_stats layers)."""

    def __init__(self, merged: Merged, with_material: bool):
        super().__init__(merged)
        self._material = with_material

    def __getitem__(self, doc_id: str) -> dict[str, Any]:
        p, row = self._merged.where(doc_id)
        return self._merged.partials[p].gold(row, self._material)


class ReducedPredictions(_ByDoc):
    """``doc_id -> reduced prediction`` of one system (what ``corpus_stats`` reads; else ``{"doc_id"}``)."""

    def __init__(self, merged: Merged, system: int):
        super().__init__(merged)
        self._system = system

    def __getitem__(self, doc_id: str) -> dict[str, Any]:
        p, row = self._merged.where(doc_id)
        material = self._merged.partials[p].systems[self._system].material
        blob = material[row] if material else None
        return {"doc_id": doc_id} if blob is None else json.loads(blob)


def _score_system(s: int, spec: dict[str, str], job: Job, merged: Merged, tasks: Sequence[Task],
                  settings: evaluate.Settings, layers: Sequence[str]) -> tuple[dict, Predictions, dict]:
    parts = [p.systems[s] for p in merged.partials]
    _raise_problems(job.indexes[s], parts, merged)
    missing = sorted(d for part in parts for d in part.missing)
    carried = {layer for part in parts for layer in part.layers}
    warnings = completion_warnings(missing, carried, layers, any(part.valid_lines for part in parts))
    golds = merged.golds(bool(job.keep_layers))
    preds = ReducedPredictions(merged, s)
    entry: dict[str, Any] = {"system": dict(spec), "tasks": {}, "warnings": list(warnings)}
    stats = {}
    for task in tasks:
        stats[task.name] = merged.rows(s, task.name)
        entry["tasks"][task.name] = evaluate.task_block(task, stats[task.name], golds, preds, settings)
    return entry, Predictions(preds, warnings), stats  # type: ignore[arg-type]


def _raise_problems(index: PredictionIndex, parts: Sequence, merged: Merged) -> None:
    """PredictionError with every problem, in line order, as :func:`newsgold.predictions.check_lines` words them."""
    errors = [e for part in parts for e in part.errors]
    unjoined = list(index.leftovers) + [index.locate(d) for d in index.rows if d not in merged.locate]
    if unjoined:
        seen = {d: index.locate(d)[0] for d in index.rows if d in merged.locate}
        with index.open() as fh:
            for line, offset in unjoined:
                obj = index.read(fh, line, offset)
                errors += [(line, e) for e in line_errors(obj, index.where(line), line, merged.locate, seen)]
    if errors:
        ordered = [message for _, message in sorted(errors, key=lambda e: e[0])]
        if len(ordered) >= MAX_PROBLEMS:
            raise PredictionError(ordered[:MAX_PROBLEMS], capped=True)
        raise PredictionError(ordered)
