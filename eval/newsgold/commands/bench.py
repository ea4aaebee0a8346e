"""``newsgold bench``: run the baselines (and any given system) on every task and write the leaderboard.

Exit status: 0 leaderboard written (or printed with ``--no-write``); 1 the gold is
not valid (nothing run); 2 unusable input (bad option, a system that crashes or
answers garbage).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newsgold.commands._options import add_gold_option, add_scoring_options

EPILOG = """\
The gold is validated first. Each baseline runs on the tasks it serves through the
same harness as `newsgold eval`; extra systems (--system/--command/--predictions,
repeatable) run on every requested task. The JSON is a `newsgold eval` result with
one entry per system, so `newsgold gate eval/results/leaderboard.json --baseline
eval/baseline.json` checks it. List the baselines with `newsgold systems`.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = EPILOG
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument("--systems", metavar="A,B", help="baselines to run (default: all; see `newsgold systems`); "
                        "'none' runs only the systems given below")
    parser.add_argument("--tasks", default="all", help="comma-separated tasks (default: all)")
    parser.add_argument("--docs", metavar="ID1,ID2", help="restrict to these gold documents (default: all; a "
                        "--predictions file must then hold only these)")
    parser.add_argument("--system", dest="callables", action="append", default=[], metavar="MODULE:FUNCTION",
                        help="also run this Python callable on every task (repeatable)")
    # dest must not be "command": the CLI router keeps the subcommand name there
    parser.add_argument("--command", dest="commands", action="append", default=[], metavar="CMD",
                        help="also run this command (JSON Lines on stdin/stdout) on every task (repeatable)")
    parser.add_argument("--predictions", action="append", default=[], metavar="FILE.jsonl",
                        help="also score this predictions file on every task (repeatable)")
    parser.add_argument("--output-dir", metavar="DIR",
                        help="where leaderboard.json and leaderboard.md go (default: eval/results of the checkout)")
    parser.add_argument("--no-write", action="store_true", help="print the leaderboard only, write nothing")
    add_scoring_options(parser, bootstrap_default=200)
    add_gold_option(parser)
    parser.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")


def _output_dir(args: argparse.Namespace) -> Path | None:
    from newsgold.errors import UsageError
    from newsgold.paths import repo_root

    if args.no_write:
        return None
    if args.output_dir:
        return Path(args.output_dir)
    root = repo_root()
    if root is None:
        raise UsageError("--output-dir is required outside a source checkout (or use --no-write)")
    return root / "eval" / "results"


def run(args: argparse.Namespace) -> int:
    from newsgold import bench
    from newsgold.commands._options import open_gold
    from newsgold.errors import UsageError
    from newsgold.result import warnings_of

    from newsgold.outputs import check_outputs

    output = _output_dir(args)
    if output is not None:
        json_path, md_path = bench.leaderboard_paths(output)
        check_outputs({"--output-dir (JSON)": json_path, "--output-dir (Markdown)": md_path}, args.predictions)
    warnings: list[str] = []
    tasks = bench.select_tasks(args.tasks, warnings)
    names = [t.name for t in tasks]
    wanted = bench.split_names(args.systems)
    systems = [] if wanted == ["none"] else bench.baseline_systems(wanted, names, warnings)
    systems += bench.extra_systems(args.callables, args.commands, args.predictions, names)
    timings: dict[str, float] = {}
    result = bench.run_bench(systems, tasks, bench.split_names(args.docs), args.bootstrap, args.seed, args.timeout,
                             progress=not args.no_progress, timings=timings, warnings=warnings,
                             gold=open_gold(args))
    sys.stdout.write(bench.render_text(result))
    for name, seconds in timings.items():
        print(f"time: {name} predicted in {seconds:.2f} s", file=sys.stderr)
    for warning in warnings_of(result):
        print(f"warning: {warning}", file=sys.stderr)
    if output is not None:
        for path in bench.write_leaderboard(result, output):
            print(f"wrote {path}", file=sys.stderr)
    return 0
