"""``newsgold gate``: check a result against pinned floors (the CI regression gate).

Exit status: 0 every floor met (or, with ``--update --allow-regression``, re-pinned);
1 at least one metric below ``floor - tolerance``, null, or missing (each listed);
2 unusable input: unreadable result or floors file (non-finite numbers included), a
corpus fingerprint or data_version that differs from the pinned one, a result not
computed on ``--gold``, or an output that cannot be written.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newsgold.commands._options import GOLD_HELP, finite_number


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("result", metavar="RESULT.json", help="output of `newsgold eval --output` (one or more systems)")
    parser.add_argument("--baseline", required=True, metavar="FLOORS.json", help="floors file (schema/baseline.schema.json)")
    parser.add_argument("--tolerance", type=finite_number(0.0), default=None,
                        help="allowed drop below a floor (default: the floors file's, else 0.005)")
    parser.add_argument("--update", action="store_true",
                        help="raise floors to the new values and add missing headline floors (never lowers)")
    parser.add_argument("--allow-regression", action="store_true",
                        help="with --update: also lower floors (and re-pin to a new corpus fingerprint or data_version)")
    parser.add_argument("--gold", metavar="PATH", default=None,
                        help="also require the result to be computed on this corpus (same fingerprint); " + GOLD_HELP)
    parser.add_argument("--registry", metavar="KB.json", default=None, help="registry of a JSON Lines --gold")


def _fmt(value: float | None) -> str:
    from newsgold.result import fmt

    return fmt(value) if value is None else f"{value:.4f}"


def _report_drops(drops, tolerance: float) -> None:
    from newsgold.result import text_table

    rows = [[d.system, d.metric, _fmt(d.floor), _fmt(d.value),
             "" if d.delta is None else f"{d.delta:+.4f}", d.note] for d in drops]
    print(f"{len(drops)} metric(s) below floor - tolerance ({tolerance:g}) or not checkable:")
    for line in text_table(["system", "metric", "floor", "value", "delta", "note"], rows):
        print(f"  {line}")


def _report_changes(changes, path: Path) -> None:
    print(f"floors written to {path}: {len(changes)} change(s)")
    for c in changes:
        what = "added" if c.old is None else "removed" if c.new is None else "raised" if c.new > c.old else "lowered"
        print(f"  {what:8} {c.system}  {c.metric}: {_fmt(c.old)} -> {_fmt(c.new)}")


def run(args: argparse.Namespace) -> int:
    from newsgold import gate
    from newsgold.commands._options import open_gold
    from newsgold.errors import UsageError
    from newsgold.jsonio import dumps, write_all
    from newsgold.outputs import check_outputs

    if args.allow_regression and not args.update:
        raise UsageError("--allow-regression only makes sense with --update")
    path = Path(args.baseline)
    inputs = [Path(args.result)]
    if args.update:
        check_outputs({"--baseline": path}, inputs)
    elif path.exists() and Path(args.result).exists() and path.resolve() == Path(args.result).resolve():
        raise UsageError(f"--baseline {path} is the result file itself")
    result = gate.load_result(Path(args.result))
    if args.gold is not None:
        corpus = open_gold(args)
        gate.check_gold(result, corpus.fingerprint, corpus.location)
    if path.exists():
        floors = gate.load_floors(path)
    elif args.update:
        floors = gate.new_floors(result, args.tolerance if args.tolerance is not None else gate.DEFAULT_TOLERANCE)
    else:
        raise UsageError(f"{path}: floors file not found (create it with --update)")
    tolerance = args.tolerance if args.tolerance is not None else floors.get("tolerance", gate.DEFAULT_TOLERANCE)
    repin = args.update and args.allow_regression
    differences = gate.corpus_differences(result, floors)
    if differences and not repin:
        gate.check_corpus(result, floors, str(path))
    if not differences:
        drops, checked = gate.check(result, floors, tolerance)
    else:
        drops, checked = [], 0
        print(f"{'; '.join(differences)}: re-pinning the floors to this result's values")
    if args.update:
        new, changes = gate.update(result, floors, tolerance, args.allow_regression)
        write_all([(path, dumps(new))])
        _report_changes(changes, path)
    if drops:
        _report_drops(drops, tolerance)
    if drops and not repin:
        print(f"gate FAILED: {len(drops)} of {checked} floor(s) not met", file=sys.stderr)
        return 1
    print(f"gate passed: {checked} floor(s) checked" + (f", {len(drops)} regression(s) accepted" if drops else ""))
    return 0

