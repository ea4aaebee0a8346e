"""The regression gate: compare a result with pinned floors, and raise the floors.

Floors file (``schema/baseline.schema.json``)::

    {"corpus_fingerprint": "<sha256>", "data_version": "1.0.0", "tolerance": 0.005,
     "floors": {"<system name>": {"lid.char.accuracy": 0.97, ...}}}

A metric is ``<task>.<path>``, the path being dotted into that task's ``scores`` in the
result. Every floor in the file is checked against every system of the result (one
system from ``newsgold eval``, all of them from a leaderboard): a value below
``floor - tolerance`` is a drop; so is a value that is null (the metric was undefined)
or absent (the task was not run, or the system is not in the result), because a floor
that cannot be checked must not pass silently.

Lower-is-better metrics (any path with a ``ter`` component: TER is an error rate)
are ceilings: a drop is a value above ``floor + tolerance``, and ``update`` moves them
down, never up, in the same spirit.

Numbers are finite by construction: the JSON reader refuses NaN and infinities, and a
non-finite value met in memory counts as "not a number" (a drop), so the verdict is
monotone: raising a value (lowering one under a ceiling) never turns a pass into a fail.

The floors are valid for one corpus: ``corpus_fingerprint`` and, when the file records
one, ``data_version`` must equal the result's, else :func:`check_corpus` refuses (exit 2).

``update`` raises floors to the new values, adds floors for headline metrics that had
none, and never lowers a floor (nor drops one whose value is null) unless
``allow_regression``; floors of systems and metrics absent from the result are kept.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from newsgold.errors import UsageError

DEFAULT_TOLERANCE = 0.005
LOWER_IS_BETTER = frozenset({"ter"})


def lower_is_better(metric: str) -> bool:
    """True for error rates (TER), whose pinned value is a ceiling rather than a floor."""
    return not LOWER_IS_BETTER.isdisjoint(metric.split("."))


def _regressed(metric: str, value: float, floor: float, tolerance: float) -> bool:
    if lower_is_better(metric):
        return value > floor + tolerance
    return value < floor - tolerance


@dataclass(frozen=True)
class Drop:
    """A floor that the result does not meet."""

    system: str
    metric: str
    floor: float
    value: float | None
    note: str = ""

    @property
    def delta(self) -> float | None:
        return None if self.value is None else self.value - self.floor


@dataclass(frozen=True)
class Change:
    """A floor written by ``update``: ``old`` is None for a new floor, ``new`` None for a removed one."""

    system: str
    metric: str
    old: float | None
    new: float | None


def _schema_errors(obj: Any, name: str) -> list[str]:
    from jsonschema import Draft202012Validator

    from newsgold.jsonio import read_json
    from newsgold.paths import schema_dir

    schema = read_json(schema_dir() / name)
    return [f"{e.json_path}: {e.message[:200]}" for e in Draft202012Validator(schema).iter_errors(obj)]


def load_result(path: Path) -> dict[str, Any]:
    """Read a result file; UsageError when it is not a valid result."""
    from newsgold.jsonio import read_json
    from newsgold.result import validate_result

    result = read_json(path)
    errors = validate_result(result)
    if errors:
        raise UsageError(f"{path}: not a newsgold result ({errors[0]}{'; ...' if len(errors) > 1 else ''})")
    return result


def load_floors(path: Path) -> dict[str, Any]:
    """Read a floors file; UsageError when it does not follow ``schema/baseline.schema.json``."""
    from newsgold.jsonio import read_json

    floors = read_json(path)
    errors = _schema_errors(floors, "baseline.schema.json")
    if errors:
        raise UsageError(f"{path}: not a floors file ({errors[0]}{'; ...' if len(errors) > 1 else ''})")
    return floors


def new_floors(result: Mapping[str, Any], tolerance: float) -> dict[str, Any]:
    """An empty floors document for the result's corpus."""
    return {"corpus_fingerprint": result["signature"]["corpus_fingerprint"],
            "data_version": result["signature"].get("data_version"), "tolerance": tolerance, "floors": {}}


_REPIN = ("the numbers are not comparable. Re-run `newsgold eval` on the pinned corpus, or, if the gold "
          "changed on purpose, re-pin the floors with `newsgold gate RESULT --baseline FLOORS --update "
          "--allow-regression` and commit the new floors file.")


def corpus_differences(result: Mapping[str, Any], floors: Mapping[str, Any]) -> list[str]:
    """How the result's corpus differs from the pinned one (fingerprint, data_version); empty when the same."""
    sig = result["signature"]
    got, pinned = sig["corpus_fingerprint"], floors["corpus_fingerprint"]
    out = [] if got == pinned else [f"corpus fingerprint {got[:12]} of the result differs from {pinned[:12]}"]
    if "data_version" in floors and sig.get("data_version") != floors["data_version"]:
        out.append(f"data_version {sig.get('data_version')!r} of the result differs from {floors['data_version']!r}")
    return out


def check_corpus(result: Mapping[str, Any], floors: Mapping[str, Any], floors_path: str) -> None:
    """UsageError (exit 2) when the result was computed on another corpus (or data version) than the floors."""
    differences = corpus_differences(result, floors)
    if differences:
        raise UsageError(f"{'; '.join(differences)} pinned in {floors_path}: {_REPIN}")


def check_gold(result: Mapping[str, Any], fingerprint: str, where: str) -> None:
    """UsageError (exit 2) when the result was not computed on the corpus ``where`` (fingerprint given)."""
    got = result["signature"]["corpus_fingerprint"]
    if got != fingerprint:
        raise UsageError(f"corpus fingerprint {got[:12]} of the result differs from {fingerprint[:12]} of "
                         f"--gold {where}: the result was computed on another corpus")


def system_scores(result: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """System name -> task name -> scores dict."""
    return {e["system"]["name"]: {t: b["scores"] for t, b in e["tasks"].items()} for e in result["systems"]}


def lookup(scores: Mapping[str, Mapping[str, Any]], metric: str) -> tuple[Any, str]:
    """The value of ``task.path`` and, when it cannot be used, why (else an empty note)."""
    task, _, path = metric.partition(".")
    if task not in scores:
        return None, f"task {task!r} not in the result (was it run?)"
    node: Any = scores[task]
    for part in path.split("."):
        if not isinstance(node, Mapping) or part not in node:
            return None, "metric not in the task's scores"
        node = node[part]
    if node is None:
        return None, "value is null (metric undefined): fails against a numeric floor"
    if isinstance(node, bool) or not isinstance(node, (int, float)):
        return None, f"value is not a number ({type(node).__name__})"
    if not math.isfinite(node):
        return None, f"value is not a finite number ({node!r})"
    return node, ""


def check(result: Mapping[str, Any], floors: Mapping[str, Any], tolerance: float) -> tuple[list[Drop], int]:
    """Every regression past the tolerance (and every floor that cannot be checked), and the number of floors."""
    if isinstance(tolerance, bool) or not isinstance(tolerance, (int, float)) or not 0 <= tolerance < math.inf:
        raise UsageError(f"tolerance {tolerance!r}: expected a finite number >= 0")
    scores = system_scores(result)
    drops, checked = [], 0
    for system, metrics in sorted(floors["floors"].items()):
        for metric, floor in sorted(metrics.items()):
            checked += 1
            if not math.isfinite(floor):
                drops.append(Drop(system, metric, floor, None, "floor is not a finite number"))
            elif system not in scores:
                drops.append(Drop(system, metric, floor, None, "system not in the result"))
                continue
            value, note = lookup(scores[system], metric)
            if value is None:
                drops.append(Drop(system, metric, floor, None, note))
            elif _regressed(metric, value, floor, tolerance):
                drops.append(Drop(system, metric, floor, value))
    return drops, checked


def _candidates(result: Mapping[str, Any], floors: Mapping[str, Any]) -> dict[str, set[str]]:
    """System -> metrics that update considers: its headline metrics and its existing floors."""
    out: dict[str, set[str]] = {}
    for entry in result["systems"]:
        name = entry["system"]["name"]
        metrics = {f"{t}.{p}" for t, b in entry["tasks"].items() for p in b["headline"]}
        out[name] = metrics | set(floors["floors"].get(name, {}))
    return out


def update(
    result: Mapping[str, Any], floors: Mapping[str, Any], tolerance: float, allow_regression: bool
) -> tuple[dict[str, Any], list[Change]]:
    """New floors from the result: raised (or added) to the new values, lowered only with ``allow_regression``."""
    scores = system_scores(result)
    table = {s: dict(m) for s, m in floors["floors"].items()}
    changes = []
    for system, metrics in sorted(_candidates(result, floors).items()):
        current = table.setdefault(system, {})
        for metric in sorted(metrics):
            value, _ = lookup(scores[system], metric)
            old = current.get(metric)
            new = _next_floor(old, value, allow_regression, lower_is_better(metric))
            if new != old:
                changes.append(Change(system, metric, old, new))
                if new is None:
                    del current[metric]
                else:
                    current[metric] = new
    doc = {
        "corpus_fingerprint": result["signature"]["corpus_fingerprint"],
        "data_version": result["signature"].get("data_version"),
        "tolerance": tolerance,
        "signature": result["signature"]["string"],
        "floors": {s: dict(sorted(m.items())) for s, m in sorted(table.items()) if m},
    }
    return doc, changes


def _next_floor(old: float | None, value: float | None, allow_regression: bool, lower: bool) -> float | None:
    if value is None:
        return None if allow_regression else old
    if old is None or allow_regression:
        return value
    return min(old, value) if lower else max(old, value)
