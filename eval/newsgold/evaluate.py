"""Scoring orchestration: per-document statistics, merge, score, bootstrap, signature.

For each requested task and each document (in doc_id order) the task turns
``(gold, prediction)`` into sufficient statistics; the statistics are summed
(:func:`newsgold.metrics.base.merge`) and scored by the task's pure ``score``. A
task may also define ``corpus_stats(golds, preds, options) -> Counts`` for
statistics that need every document at once (cross-document event coreference):
they are added to the summed document statistics. Confidence intervals come from
:func:`newsgold.metrics.bootstrap.bootstrap_ci` over documents; for a task with
``corpus_stats`` every resample recomputes them on the drawn documents (a document
drawn k times enters k times, its copies renamed ``<doc_id>#2``...).

Tasks are found by name in :data:`TASKS` and imported only when used.
"""
from __future__ import annotations

import importlib
import importlib.metadata
import platform
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from newsgold import SCHEMA_VERSION, __version__
from newsgold.errors import UsageError
from newsgold.metrics.base import Task, TaskOptions, merge
from newsgold.predictions import Predictions

TASKS: dict[str, str] = {
    "lid": "newsgold.metrics.lid",
    "zones": "newsgold.metrics.zones",
    "entities": "newsgold.metrics.entities",
    "linking": "newsgold.metrics.linking",
    "timex": "newsgold.metrics.timex",
    "events": "newsgold.metrics.events",
    "translation": "newsgold.metrics.translation",
}
"""Task name -> module exposing ``TASK`` (or ``module:attribute``), in display order."""

LIBRARIES = ("sacrebleu", "seqeval", "datasets", "numpy", "jsonschema")
CONFIDENCE = 0.95
DEFAULT_BOOTSTRAP = 1000
DEFAULT_SEED = 12345
_DOC_KEY = "__doc."

Golds = Mapping[str, Mapping[str, Any]]
PerDoc = dict[str, Counter]


# --- tasks ----------------------------------------------------------------------------------


def load_task(name: str) -> Task:
    """Import the task registered as ``name``; UsageError when it is unknown or not installed."""
    if name not in TASKS:
        raise UsageError(f"unknown task {name!r}; known: {', '.join(TASKS)}")
    module_name, _, attr = TASKS[name].partition(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name and module_name.startswith(exc.name):
            raise UsageError(f"task {name!r} is not available (no module {module_name})") from None
        raise
    task = getattr(module, attr or "TASK", None)
    if task is None:
        raise UsageError(f"task {name!r}: {module_name} has no {attr or 'TASK'}")
    return task


def parse_tasks(spec: str | None) -> list[str]:
    """``"lid,zones"`` -> ``["lid", "zones"]`` in registry order; None or ``"all"`` -> every task."""
    if not spec or spec.strip() == "all":
        return list(TASKS)
    names = [n.strip() for n in spec.split(",") if n.strip()]
    unknown = [n for n in names if n not in TASKS]
    if unknown:
        raise UsageError(f"--tasks: unknown task(s) {', '.join(unknown)}; known: {', '.join(TASKS)}")
    return [n for n in TASKS if n in names]


def task_layers(tasks: Sequence[Task]) -> dict[str, tuple[str, ...]]:
    """Task name -> the prediction layers it reads."""
    return {t.name: tuple(t.layers) for t in tasks}


# --- statistics -----------------------------------------------------------------------------


def doc_stats(task: Task, golds: Golds, preds: Mapping[str, Mapping[str, Any]], options: TaskOptions) -> PerDoc:
    """Statistics of every gold document, keyed and ordered by doc_id."""
    return {d: Counter(task.doc_stats(golds[d], preds.get(d, {"doc_id": d}), options)) for d in sorted(golds)}


def has_corpus_stats(task: Task) -> bool:
    return callable(getattr(task, "corpus_stats", None))


def total_stats(
    task: Task, per_doc: PerDoc, golds: Golds, preds: Mapping[str, Mapping[str, Any]], options: TaskOptions,
    doc_ids: Sequence[str] | None = None,
) -> Counter:
    """Summed statistics of ``doc_ids`` (default: all), plus the task's corpus statistics if it has any."""
    ids = sorted(per_doc if doc_ids is None else doc_ids)
    stats = merge(per_doc[d] for d in ids)
    if has_corpus_stats(task):
        extra = task.corpus_stats([golds[d] for d in ids], [preds.get(d, {"doc_id": d}) for d in ids], options)
        stats = merge([stats, extra])
    return stats


def _renamed(doc: Mapping[str, Any], copy: int) -> dict[str, Any]:
    return dict(doc) if copy == 1 else {**doc, "doc_id": f"{doc['doc_id']}#{copy}"}


class _CorpusResample:
    """Presents a task with ``corpus_stats`` to the bootstrap as a document-level one.

    Each system's document i is the statistic ``{"__doc.<system>.<i>": 1}``; a summed
    resample says how often each document was drawn, from which :meth:`score`
    rebuilds the full statistics (document statistics times their count, plus corpus
    statistics over the drawn documents) and scores them with the real task.
    """

    def __init__(self, task: Task, golds: Golds, options: TaskOptions):
        self.task, self.golds, self.options = task, golds, options
        self.name, self.layers, self.headline = task.name, task.layers, task.headline
        self.ids = sorted(golds)
        self.systems: dict[str, tuple[PerDoc, Mapping[str, Mapping[str, Any]]]] = {}

    def add(self, key: str, per_doc: PerDoc, preds: Mapping[str, Mapping[str, Any]]) -> list[Counter]:
        """Register a system; returns its indicator statistics, one per document."""
        self.systems[key] = (per_doc, preds)
        return [Counter({f"{_DOC_KEY}{key}.{i}": 1}) for i in range(len(self.ids))]

    def score(self, stats: Mapping[str, float], options: TaskOptions) -> dict[str, Any]:
        counts: dict[str, dict[str, int]] = {}
        for key, value in stats.items():
            system, index = key[len(_DOC_KEY):].rsplit(".", 1)
            counts.setdefault(system, {})[self.ids[int(index)]] = int(value)
        (system, drawn), = counts.items()
        per_doc, preds = self.systems[system]
        doc_part = merge(Counter({k: v * n for k, v in per_doc[d].items()}) for d, n in drawn.items())
        golds, predicted = [], []
        for doc_id, n in sorted(drawn.items()):
            for copy in range(1, n + 1):
                golds.append(_renamed(self.golds[doc_id], copy))
                predicted.append(_renamed(preds.get(doc_id, {"doc_id": doc_id}), copy))
        return self.task.score(merge([doc_part, self.task.corpus_stats(golds, predicted, options)]), options)


# --- scoring --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Settings:
    """Everything besides the system that decides the numbers (recorded in the signature)."""

    tasks: tuple[str, ...]
    options: TaskOptions = TaskOptions()
    bootstrap: int = DEFAULT_BOOTSTRAP
    seed: int = DEFAULT_SEED


def get_path(scores: Mapping[str, Any], path: str) -> Any:
    """The value at a dotted path into a score dict (None when absent)."""
    node: Any = scores
    for part in path.split("."):
        if not isinstance(node, Mapping) or part not in node:
            return None
        node = node[part]
    return node


def _intervals(
    task: Task, per_doc: PerDoc, golds: Golds, preds: Mapping[str, Mapping[str, Any]], settings: Settings
) -> dict[str, tuple[float | None, float | None]]:
    if settings.bootstrap <= 0:
        return {}
    from newsgold.metrics.bootstrap import bootstrap_ci

    target: Any = task
    stats = [per_doc[d] for d in sorted(per_doc)]
    if has_corpus_stats(task):
        target = _CorpusResample(task, golds, settings.options)
        stats = target.add("s", per_doc, preds)
    found = bootstrap_ci(target, stats, settings.options, seed=settings.seed, n=settings.bootstrap,
                         metric_paths=list(task.headline), confidence=CONFIDENCE)
    return {path: (iv.low, iv.high) for path, iv in found.items()}


def _headline(task: Task, scores: Mapping[str, Any], cis: Mapping[str, tuple]) -> dict[str, dict[str, Any]]:
    out = {}
    for path in task.headline:
        low, high = cis.get(path, (None, None))
        out[path] = {"value": get_path(scores, path), "ci_low": low, "ci_high": high}
    return out


def _by_language(
    task: Task, per_doc: PerDoc, golds: Golds, preds: Mapping[str, Mapping[str, Any]], options: TaskOptions
) -> dict[str, dict[str, Any]]:
    groups: dict[str, list[str]] = {}
    for doc_id in sorted(golds):
        groups.setdefault(golds[doc_id]["language"], []).append(doc_id)
    out = {}
    for lang, ids in sorted(groups.items()):
        scores = task.score(total_stats(task, per_doc, golds, preds, options, ids), options)
        out[lang] = {"documents": len(ids), "headline": {p: get_path(scores, p) for p in task.headline}}
    return out


def score_task(task: Task, golds: Golds, preds: Predictions, settings: Settings) -> tuple[dict[str, Any], PerDoc]:
    """One task's block of the result, and the per-document statistics it came from."""
    per_doc = doc_stats(task, golds, preds.by_doc, settings.options)
    return task_block(task, per_doc, golds, preds.by_doc, settings), per_doc


def task_block(task: Task, per_doc: Mapping[str, Mapping[str, float]], golds: Golds,
               preds: Mapping[str, Mapping[str, Any]], settings: Settings) -> dict[str, Any]:
    """One task's block of the result from its per-document statistics (any Mapping: the streaming
    path passes rows decoded on access, :mod:`newsgold.stream`)."""
    scores = task.score(total_stats(task, per_doc, golds, preds, settings.options), settings.options)
    return {
        "documents": len(per_doc),
        "scores": scores,
        "headline": _headline(task, scores, _intervals(task, per_doc, golds, preds, settings)),
        "by_language": _by_language(task, per_doc, golds, preds, settings.options),
    }


def evaluate_system(
    system: Mapping[str, str], tasks: Sequence[Task], golds: Golds, preds: Predictions, settings: Settings
) -> tuple[dict[str, Any], dict[str, PerDoc]]:
    """One entry of the result's ``systems`` list, and the per-document statistics of each task."""
    entry: dict[str, Any] = {"system": dict(system), "tasks": {}, "warnings": list(preds.warnings)}
    stats: dict[str, PerDoc] = {}
    for task in tasks:
        entry["tasks"][task.name], stats[task.name] = score_task(task, golds, preds, settings)
    return entry, stats


def compare(
    names: tuple[str, str], tasks: Sequence[Task], golds: Golds,
    preds: tuple[Predictions, Predictions], stats: tuple[dict[str, PerDoc], dict[str, PerDoc]], settings: Settings,
) -> list[dict[str, Any]]:
    """Paired bootstrap of system A against system B on every headline metric."""
    from newsgold.metrics.bootstrap import paired_bootstrap

    rows = []
    n = max(settings.bootstrap, 0)
    for task in tasks:
        target: Any = task
        a = [stats[0][task.name][d] for d in sorted(golds)]
        b = [stats[1][task.name][d] for d in sorted(golds)]
        if has_corpus_stats(task):
            target = _CorpusResample(task, golds, settings.options)
            a = target.add("a", stats[0][task.name], preds[0].by_doc)
            b = target.add("b", stats[1][task.name], preds[1].by_doc)
        found = paired_bootstrap(target, a, b, settings.options, seed=settings.seed, n=n,
                                 metric_paths=list(task.headline), confidence=CONFIDENCE)
        for path, r in found.items():
            rows.append({
                "system_a": names[0], "system_b": names[1], "task": task.name, "metric": path,
                "value_a": r["a"], "value_b": r["b"], "difference": r["difference"],
                "ci_low": r["ci"].low, "ci_high": r["ci"].high, "p_a_greater": r["p_a_greater"],
                "resamples": r["n_resamples"],
            })
    return rows


# --- signature ------------------------------------------------------------------------------


def library_versions() -> dict[str, str | None]:
    """Versions of the libraries that can change numbers (None when not installed)."""
    out: dict[str, str | None] = {"python": platform.python_version()}
    for name in LIBRARIES:
        try:
            out[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            out[name] = None
    return out


def options_dict(options: TaskOptions) -> dict[str, Any]:
    """The options as recorded (``extra`` values that are not plain scalars are recorded by type only)."""
    raw = asdict(options)
    raw["extra"] = {
        k: v if isinstance(v, (str, int, float, bool, type(None))) else f"<{type(v).__name__}>"
        for k, v in sorted(dict(options.extra).items())
    }
    return raw


def signature(settings: Settings, golds: Golds, fingerprint: str, data_version: str | None = None) -> dict[str, Any]:
    """What makes a result reproducible and comparable, plus a one-line summary string."""
    opts = options_dict(settings.options)
    flags = ",".join(f"{k}={'yes' if v else 'no'}" for k, v in opts.items() if k != "extra")
    from newsgold.result import RESULT_SCHEMA_VERSION

    line = (
        f"newsgold:{__version__}|result:{RESULT_SCHEMA_VERSION}|schema:{SCHEMA_VERSION}|data:{data_version or 'none'}"
        f"|corpus:{fingerprint[:12]}|docs:{len(golds)}"
        f"|tasks:{','.join(settings.tasks)}|{flags}|bootstrap:{settings.bootstrap}|seed:{settings.seed}"
    )
    return {
        "newsgold_version": __version__,
        "annotation_schema_version": SCHEMA_VERSION,
        "gold_schema_versions": sorted({str(g.get("schema_version")) for g in golds.values()}),
        "corpus_fingerprint": fingerprint,
        "data_version": data_version,
        "documents": sorted(golds),
        "tasks": list(settings.tasks),
        "options": opts,
        "bootstrap": {"resamples": settings.bootstrap, "seed": settings.seed, "confidence": CONFIDENCE,
                      "unit": "document", "method": "percentile"},
        "libraries": library_versions(),
        "string": line,
    }


# --- gold -----------------------------------------------------------------------------------


def load_golds(root: Any = None) -> dict[str, dict[str, Any]]:
    """Gold annotation dicts (as in the files, plus ``text``) keyed by doc_id, of the corpus at ``root``."""
    from newsgold.corpus import open_corpus

    return open_corpus(root).golds()


def fingerprint(root: Any = None) -> str:
    from newsgold.corpus import open_corpus

    return open_corpus(root).fingerprint


# --- everything -----------------------------------------------------------------------------


def build_result(
    systems: Sequence[tuple[Mapping[str, str], Predictions]], tasks: Sequence[Task], golds: Golds,
    settings: Settings, corpus_fingerprint: str, compare_first_two: bool = False,
    progress: Callable[[str], None] | None = None, data_version: str | None = None,
) -> dict[str, Any]:
    """The full result dict (``schema/result.schema.json``) for one or more systems on the same settings."""
    scored = []
    check_names([s["name"] for s, _ in systems])
    for system, preds in systems:
        if progress:
            progress(f"scoring {system['name']}")
        entry, stats = evaluate_system(system, tasks, golds, preds, settings)
        scored.append((entry, preds, stats))
    return assemble_result(scored, tasks, golds, settings, corpus_fingerprint, compare_first_two, data_version)


def check_names(names: Sequence[str]) -> None:
    """UsageError unless the system names differ."""
    if len(set(names)) != len(names):
        raise UsageError(f"system names must differ: {', '.join(names)} (use --name / --against-name)")


def assemble_result(
    scored: Sequence[tuple[dict[str, Any], Predictions, Mapping[str, Mapping[str, Any]]]], tasks: Sequence[Task],
    golds: Golds, settings: Settings, corpus_fingerprint: str, compare_first_two: bool = False,
    data_version: str | None = None,
) -> dict[str, Any]:
    """The result dict from scored systems: ``(entry, predictions, per-task per-document statistics)`` each."""
    from newsgold.result import RESULT_SCHEMA_VERSION, jsonable

    result: dict[str, Any] = {
        "result_schema_version": RESULT_SCHEMA_VERSION,
        "signature": signature(settings, golds, corpus_fingerprint, data_version),
        "systems": [entry for entry, _, _ in scored],
        "comparisons": [],
        "warnings": [],
    }
    if compare_first_two and len(scored) >= 2:
        (first, preds_a, stats_a), (second, preds_b, stats_b) = scored[0], scored[1]
        result["comparisons"] = compare(
            (first["system"]["name"], second["system"]["name"]), tasks, golds, (preds_a, preds_b),
            (stats_a, stats_b), settings,
        )
    return jsonable(result, result["warnings"])
