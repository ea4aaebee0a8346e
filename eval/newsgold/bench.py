"""The benchmark: every baseline (and any extra system) on every task it serves, scored by the harness.

Steps (:func:`run_bench`):

1. the gold of the selected documents (default: all) and ``kb.json`` are validated
   with :mod:`newsgold.validate`; any problem aborts (:class:`~newsgold.errors.DataError`);
2. each system runs through the harness (:func:`newsgold.systems.predict`, the same
   blind and translation runs as ``newsgold eval``), a baseline on its ``TASKS``
   within the requested tasks, an extra system (``--system``, ``--command``,
   ``--predictions``) on all requested tasks;
3. each system is scored by :func:`newsgold.evaluate.evaluate_system` (no scoring
   here) and the entries are assembled into one result document
   (``schema/result.schema.json``) that ``newsgold gate`` can check.

The result has no per-system field for settings, so each system's description
and settings are recorded in ``signature.options.extra.systems`` (they are not
passed to the tasks), and the baselines' library versions are added to
``signature.libraries``. Requested tasks that no system was scored on (events:
no baseline) are listed with the reason in ``signature.options.extra.unscored_tasks``
and in the leaderboard.

Rendering: :func:`render_markdown` (``eval/results/leaderboard.md``) and
:func:`render_text` (stdout): one table per task, systems as rows, headline
metrics and, per document language, the task's key metric. A system that declares
the layers it produces (a baseline's ``LAYERS``, recorded as
``signature.options.extra.systems.<name>.layers``) shows "not attempted" for the
measures of any other layer (:data:`METRIC_LAYERS`); the JSON keeps their values.
"""
from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from newsgold.errors import DataError, UsageError

LEADERBOARD_JSON = "leaderboard.json"
LEADERBOARD_MD = "leaderboard.md"
DEFAULT_BOOTSTRAP = 200
PER_LANGUAGE_METRIC: dict[str, str] = {"lid": "char.accuracy", "entities": "micro.strict.f1"}
"""Task -> headline metric shown per document language (default: the task's first headline metric)."""
METRIC_LAYERS: dict[str, tuple[tuple[str, str], ...]] = {"lid": (("document.", "language"), ("", "segments"))}
"""Task -> (metric path prefix, the prediction layer it scores), first match wins, for tasks that read
several layers; a metric of another task scores all the task's layers together."""
NOT_ATTEMPTED = "not attempted"
"""Shown instead of a value whose layer the system declares it never produces (its JSON value stays)."""


@dataclass(frozen=True)
class BenchSystem:
    """A system of the benchmark: how to run it, the tasks it is scored on, and what it is."""

    spec: Any  # newsgold.systems.SystemSpec
    tasks: tuple[str, ...]
    description: str = ""
    note: str = ""
    settings: Mapping[str, Any] = field(default_factory=dict)
    libraries: tuple[str, ...] = ()
    baseline: bool = False
    layers: tuple[str, ...] = ()
    """The prediction layers the system produces; empty: not declared (every layer counts as attempted)."""


# --- selection ------------------------------------------------------------------------------


def split_names(spec: str | None) -> list[str] | None:
    """``"a, b"`` -> ``["a", "b"]``; None or empty -> None (meaning all)."""
    if spec is None:
        return None
    names = [n.strip() for n in spec.split(",") if n.strip()]
    return names or None


def select_tasks(spec: str | None, warnings: list[str]) -> list[Any]:
    """Loaded tasks in registry order. Unrequested defaults that are not installed are skipped with a warning."""
    from newsgold import evaluate

    tasks = []
    for name in evaluate.parse_tasks(spec):
        try:
            tasks.append(evaluate.load_task(name))
        except UsageError as exc:
            if spec and spec.strip() != "all":
                raise
            warnings.append(f"task {name!r} skipped: {exc}")
    if not tasks:
        raise UsageError("no task to run")
    return tasks


def baseline_systems(names: Sequence[str] | None, task_names: Sequence[str], warnings: list[str]) -> list[BenchSystem]:
    """The baselines to run (default: all), each restricted to the requested tasks it serves."""
    from newsgold import baselines
    from newsgold.baselines._common import version
    from newsgold.systems import SystemSpec

    chosen = list(baselines.BASELINES) if names is None else names
    out = []
    for name in chosen:
        module = baselines.load(name)
        tasks = tuple(t for t in task_names if t in module.TASKS)
        if not tasks:
            if names is not None:
                warnings.append(f"baseline {name} skipped: it serves none of the tasks {', '.join(task_names)}")
            continue
        missing = [lib for lib in module.LIBRARIES if version(lib) is None]
        if missing:
            raise UsageError(f"baseline {name} needs {', '.join(missing)}: pip install 'newsgold[baselines]' "
                             "(in a checkout: pip install -e '.[baselines]')")
        out.append(BenchSystem(SystemSpec("callable", baselines.ref(name), module.NAME), tasks, module.DESCRIPTION,
                               module.NOTE, module.settings(), tuple(module.LIBRARIES), baseline=True,
                               layers=baselines.layers(name)))
    return out


def extra_systems(callables: Sequence[str], commands: Sequence[str], predictions: Sequence[str],
                  task_names: Sequence[str]) -> list[BenchSystem]:
    """Systems given on the command line, scored on every requested task."""
    from newsgold.systems import SystemSpec

    specs = ([SystemSpec("callable", r) for r in callables] + [SystemSpec("command", c) for c in commands]
             + [SystemSpec("predictions", p) for p in predictions])
    return [BenchSystem(s, tuple(task_names), f"{s.mode}: {s.ref}") for s in specs]


def select_documents(spec: Sequence[str] | None, corpus: Any) -> list[str]:
    """The requested doc ids of ``corpus`` (default: all); UsageError naming unknown ones."""
    known = corpus.doc_ids()
    if not known:
        raise UsageError("no gold documents found")
    if spec is None:
        return known
    unknown = [d for d in spec if d not in known]
    if unknown:
        raise UsageError(f"--docs: unknown document(s) {', '.join(unknown)}; known: {', '.join(known[:10])}"
                         + (f" and {len(known) - 10} more" if len(known) > 10 else ""))
    return sorted(set(spec))


def check_gold(corpus: Any) -> None:
    """Validate the gold corpus (verdict cached by fingerprint); DataError listing the first problems."""
    from newsgold.corpus.verify import ensure_valid

    ensure_valid(corpus)


# --- running --------------------------------------------------------------------------------


class _Progress:
    """A tqdm bar on stderr over (system, run, document) steps; silent when not on a terminal."""

    def __init__(self, total: int, enabled: bool):
        self.bar = None
        if enabled:
            from tqdm import tqdm

            self.bar = tqdm(total=total, file=sys.stderr, unit="doc", disable=None, leave=False)

    def describe(self, name: str) -> None:
        if self.bar is not None:
            self.bar.set_description(name)

    def tick(self, n: int = 1) -> None:
        if self.bar is not None:
            self.bar.update(n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _steps(system: BenchSystem, tasks: Mapping[str, Any], n_docs: int) -> int:
    from newsgold.evaluate import task_layers
    from newsgold.systems import plan_runs

    return n_docs * len(plan_runs(task_layers([tasks[t] for t in system.tasks])))


def run_system(system: BenchSystem, tasks: Mapping[str, Any], golds: Mapping[str, Any], settings: Any,
               timeout: float, progress: _Progress) -> tuple[dict[str, Any], float]:
    """Predict and score one system; its result entry and the seconds it took to predict."""
    from newsgold import evaluate
    from newsgold.baselines._common import progress_hook
    from newsgold.systems import predict

    chosen = [tasks[t] for t in system.tasks]
    progress.describe(system.spec.label)
    started = time.perf_counter()
    if system.baseline:
        with progress_hook(progress.tick):
            preds = predict(system.spec, golds, evaluate.task_layers(chosen), timeout=timeout)
    else:
        preds = predict(system.spec, golds, evaluate.task_layers(chosen), timeout=timeout)
        progress.tick(_steps(system, tasks, len(golds)))
    seconds = time.perf_counter() - started
    entry, _ = evaluate.evaluate_system(system.spec.describe(), chosen, golds, preds, settings)
    return entry, seconds


def _signature(settings: Any, golds: Mapping[str, Any], systems: Sequence[BenchSystem],
               unscored: Sequence[str], corpus: Any) -> dict[str, Any]:
    from newsgold import evaluate
    from newsgold.baselines import NO_BASELINE
    from newsgold.baselines._common import version

    sig = evaluate.signature(settings, golds, corpus.fingerprint, corpus.data_version)
    for system in systems:
        for library in system.libraries:
            sig["libraries"].setdefault(library, version(library))
    extra = sig["options"]["extra"]
    extra["systems"] = {s.spec.label: {"description": s.description, "note": s.note, "settings": dict(s.settings),
                                       **({"layers": list(s.layers)} if s.layers else {})}
                        for s in systems}
    extra["unscored_tasks"] = {t: NO_BASELINE.get(t, "no selected system serves this task") for t in unscored}
    return sig


def run_bench(
    systems: Sequence[BenchSystem],
    tasks: Sequence[Any],
    doc_ids: Sequence[str] | None = None,
    bootstrap: int = DEFAULT_BOOTSTRAP,
    seed: int | None = None,
    timeout: float | None = None,
    progress: bool = True,
    validate: bool = True,
    timings: dict[str, float] | None = None,
    warnings: Sequence[str] = (),
    gold: Any = None,
) -> dict[str, Any]:
    """Run and score every system; the result document (``schema/result.schema.json``).

    Args:
        systems: what to run (:func:`baseline_systems`, :func:`extra_systems`).
        tasks: loaded tasks (:func:`select_tasks`); a system is scored on those of its ``tasks``.
        doc_ids: documents to use (default: all).
        bootstrap: resamples for 95% intervals (0: none).
        seed: bootstrap seed (default: the harness's).
        timeout: seconds allowed for each run of a command system (default: the harness's).
        progress: show a progress bar on stderr (when it is a terminal).
        validate: check the gold first (turn off only to test the machinery on a broken gold).
        timings: filled with system name -> seconds spent predicting.
        warnings: added to the result's warnings.
        gold: the :class:`newsgold.corpus.Corpus` to score on (default: the bundled gold).
    """
    from newsgold.corpus import open_corpus

    from newsgold import evaluate
    from newsgold.result import RESULT_SCHEMA_VERSION, jsonable, validate_result
    from newsgold.systems import DEFAULT_TIMEOUT

    if bootstrap < 0:
        raise UsageError("--bootstrap must be 0 or more")
    if not systems:
        raise UsageError("no system to run")
    names = [s.spec.label for s in systems]
    if len(set(names)) != len(names):
        raise UsageError(f"system names must differ: {', '.join(names)}")
    corpus = gold if gold is not None else open_corpus()
    ids = select_documents(doc_ids, corpus)
    if validate:
        check_gold(corpus)
    golds = {d: corpus.document(d) for d in ids}
    by_name = {t.name: t for t in tasks}
    used = [t.name for t in tasks if any(t.name in s.tasks for s in systems)]
    settings = evaluate.Settings(tuple(used), bootstrap=bootstrap,
                                 seed=evaluate.DEFAULT_SEED if seed is None else seed)
    bar = _Progress(sum(_steps(s, by_name, len(golds)) for s in systems), progress)
    entries = []
    try:
        for system in systems:
            entry, seconds = run_system(system, by_name, golds, settings, timeout or DEFAULT_TIMEOUT, bar)
            entries.append(entry)
            if timings is not None:
                timings[system.spec.label] = seconds
    finally:
        bar.close()
    unscored = [t.name for t in tasks if t.name not in used]
    result = {"result_schema_version": RESULT_SCHEMA_VERSION,
              "signature": _signature(settings, golds, systems, unscored, corpus),
              "systems": entries, "comparisons": [], "warnings": list(warnings)}
    result = jsonable(result, result["warnings"])
    problems = validate_result(result)
    if problems:
        raise DataError("internal error: the leaderboard does not follow schema/result.schema.json: " + problems[0])
    return result


# --- rendering ------------------------------------------------------------------------------


def _tasks_in_order(result: Mapping[str, Any]) -> list[str]:
    from newsgold.evaluate import TASKS

    present = {t for e in result["systems"] for t in e["tasks"]}
    return [t for t in TASKS if t in present or t in result["signature"]["options"]["extra"].get("unscored_tasks", {})]


def _cell(cell: Mapping[str, Any]) -> str:
    from newsgold.result import fmt, fmt_ci

    ci = fmt_ci(cell.get("ci_low"), cell.get("ci_high"))
    return fmt(cell.get("value")) + (f" {ci}" if ci else "")


def metric_layer(task: str, path: str) -> str | None:
    """The one prediction layer a metric scores (METRIC_LAYERS), or None when it scores all the task's layers."""
    return next((layer for prefix, layer in METRIC_LAYERS.get(task, ()) if path.startswith(prefix)), None)


def attempted(result: Mapping[str, Any], system: str, task: str, path: str) -> bool:
    """False when the system declared its layers (``signature.options.extra.systems.<name>.layers``) and the
    metric scores a layer not among them: a document-level identifier never attempts character-level LID."""
    declared = result["signature"]["options"]["extra"].get("systems", {}).get(system, {}).get("layers")
    layer = metric_layer(task, path)
    return declared is None or layer is None or layer in declared


def language_metric(task: str, headline: Sequence[str]) -> str:
    wanted = PER_LANGUAGE_METRIC.get(task)
    return wanted if wanted in headline else headline[0]


def task_table(result: Mapping[str, Any], task: str) -> tuple[list[str], list[list[str]]] | None:
    """Header and rows of one task's table (None when no system was scored on it)."""
    from newsgold.result import fmt

    entries = [e for e in result["systems"] if task in e["tasks"]]
    if not entries:
        return None
    headline = list(entries[0]["tasks"][task]["headline"])
    key = language_metric(task, headline)
    langs = sorted({lg for e in entries for lg in e["tasks"][task]["by_language"]})
    header = ["system", *headline, *(f"{key} [{lg}]" for lg in langs)]
    rows = []
    for e in entries:
        block, name = e["tasks"][task], e["system"]["name"]
        by_lang = block["by_language"]
        shown = lambda path, text: text if attempted(result, name, task, path) else NOT_ATTEMPTED  # noqa: E731
        rows.append([name, *(shown(p, _cell(block["headline"].get(p, {}))) for p in headline),
                     *(shown(key, fmt(by_lang[lg]["headline"].get(key))) if lg in by_lang else "" for lg in langs)])
    return header, rows


def _system_rows(result: Mapping[str, Any]) -> list[list[str]]:
    extra = result["signature"]["options"]["extra"].get("systems", {})
    return [[e["system"]["name"], ", ".join(e["tasks"]), extra.get(e["system"]["name"], {}).get("description", ""),
             f"`{e['system']['ref']}`" if e["system"]["mode"] == "callable" else f"{e['system']['mode']}: {e['system']['ref']}"]
            for e in result["systems"]]


def _notes(result: Mapping[str, Any]) -> list[str]:
    described = result["signature"]["options"]["extra"].get("systems", {})
    return [f"{name}: {info['note']}" for name, info in described.items() if info.get("note")]


def _sections(result: Mapping[str, Any], table: Callable[[list[str], list[list[str]]], list[str]],
              heading: Callable[[str], str]) -> list[str]:
    unscored = result["signature"]["options"]["extra"].get("unscored_tasks", {})
    lines: list[str] = []
    for task in _tasks_in_order(result):
        lines += ["", heading(task), ""]
        found = task_table(result, task)
        if found:
            lines += table(*found)
        if task in unscored:
            lines.append(f"Not scored: {unscored[task]}.")
    return lines


def _bootstrap_line(result: Mapping[str, Any]) -> str:
    sig = result["signature"]
    boot = sig["bootstrap"]
    where = (f"95% intervals: percentile bootstrap over documents ({boot['resamples']} resamples, seed {boot['seed']})"
             if boot["resamples"] else "no confidence intervals (run with --bootstrap N for them)")
    return f"Corpus fingerprint `{sig['corpus_fingerprint']}`, {len(sig['documents'])} documents; {where}."


def md_table(header: list[str], rows: list[list[str]]) -> list[str]:
    """A Markdown table (``|`` in cells escaped)."""
    esc = lambda c: str(c).replace("|", "\\|")  # noqa: E731
    return ["| " + " | ".join(map(esc, header)) + " |", "|" + "|".join("---" for _ in header) + "|",
            *("| " + " | ".join(map(esc, r)) + " |" for r in rows)]


def render_markdown(result: Mapping[str, Any]) -> str:
    """``eval/results/leaderboard.md``."""
    from newsgold.result import warnings_of

    sig = result["signature"]
    lines = [
        "# newsgold leaderboard", "",
        "Generated by `newsgold bench` (do not edit by hand). Headline metrics per task; "
        "per-language columns group the documents by their primary language.", "",
        f"`{sig['string']}`", "",
        _bootstrap_line(result), "",
        "## Systems", "",
        *md_table(["system", "tasks", "description", "callable"], _system_rows(result)),
        *_sections(result, md_table, lambda t: f"## {t}"),
    ]
    notes = _notes(result)
    if notes:
        lines += ["", "## Notes", "", *(f"- {n}" for n in notes)]
    warns = warnings_of(result)
    if warns:
        lines += ["", "## Warnings", "", *(f"- {w}" for w in warns)]
    return "\n".join(lines) + "\n"


def render_text(result: Mapping[str, Any]) -> str:
    """The leaderboard as printed by ``newsgold bench``."""
    from newsgold.result import text_table

    lines = [result["signature"]["string"], _bootstrap_line(result).replace("`", "")]
    lines += _sections(result, text_table, lambda t: f"== {t}")
    notes = _notes(result)
    if notes:
        lines += ["", "notes:", *(f"  {n}" for n in notes)]
    return "\n".join(lines) + "\n"


def write_leaderboard(result: Mapping[str, Any], output_dir: Path) -> list[Path]:
    """Write ``leaderboard.json`` (the result) and ``leaderboard.md``, each atomically."""
    from newsgold.jsonio import dumps, write_all

    json_path, md_path = leaderboard_paths(output_dir)
    write_all([(json_path, dumps(result)), (md_path, render_markdown(result))])
    return [json_path, md_path]


def leaderboard_paths(output_dir: Path) -> tuple[Path, Path]:
    """Where :func:`write_leaderboard` writes: ``leaderboard.json`` and ``leaderboard.md`` in ``output_dir``."""
    return Path(output_dir) / LEADERBOARD_JSON, Path(output_dir) / LEADERBOARD_MD
