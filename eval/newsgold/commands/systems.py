"""``newsgold systems``: list the baseline systems (name, tasks, description, callable)."""
from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the list as JSON")


def run(args: argparse.Namespace) -> int:
    from newsgold.baselines import BASELINES, NO_BASELINE, describe
    from newsgold.jsonio import dumps
    from newsgold.result import text_table

    rows = [describe(name) for name in BASELINES]
    if args.json:
        print(dumps({"baselines": rows, "no_baseline": NO_BASELINE}), end="")
        return 0
    table = [[r["name"], ",".join(r["tasks"]), r["description"], r["ref"]] for r in rows]
    for line in text_table(["name", "tasks", "description", "callable"], table):
        print(line)
    print()
    for task, why in NO_BASELINE.items():
        print(f"no baseline for {task}: {why}")
    print("\nrun one with: newsgold eval --system <callable> --tasks <tasks>; all of them with: newsgold bench")
    return 0
