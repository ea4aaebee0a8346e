"""Time the whole ``newsgold bench`` and each baseline alone, as ratios to a reference bench of the same run.

Usage: ``python eval/benchmarks/time_baselines.py [--repeat N] [--cores 2]``.

Every figure is a separate ``newsgold bench ... --no-write --no-progress`` process
(interpreter start-up, gold validation, loading, prediction, scoring with 200
bootstrap resamples), pinned to ``--cores`` CPUs (default 2, the CI machine's;
``os.sched_setaffinity``, where the platform has it). The *reference* is the bench
of the trivial floor alone (``--systems zones_all_body --tasks zones``): the
harness's own cost. One untimed full bench first warms the caches. Each row prints its median and its ratio to the reference's
median measured in the same run, so the ratios compare across machines; the
difference between a baseline's row and the reference is the baseline's own cost
(library import, model loading, prediction).
"""
from __future__ import annotations

import os
import statistics
import sys

from _timing import newsgold_argv, parser, time_process

REFERENCE = ["bench", "--systems", "zones_all_body", "--tasks", "zones"]
QUIET = ["--no-write", "--no-progress"]


def baseline_names() -> list[str]:
    from newsgold.baselines import BASELINES

    return list(BASELINES)


def pin(cores: int) -> str:
    """Restrict this process (and so its children) to the first ``cores`` CPUs; what was done, for the report."""
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity on this platform)"
    available = sorted(os.sched_getaffinity(0))
    os.sched_setaffinity(0, available[:cores])
    return f"pinned to CPUs {available[:cores]} of {len(available)}"


def main() -> int:
    p = parser(__doc__.splitlines()[0], repeat=3)
    p.add_argument("--cores", type=int, default=2, help="CPUs to run on (default 2)")
    args = p.parse_args()
    print(pin(args.cores), file=sys.stderr)
    base = newsgold_argv()
    time_process([*base, "bench", *QUIET], 1)  # warm-up, not counted: byte-compilation and file caches
    reference = statistics.median(time_process([*base, *REFERENCE, *QUIET], args.repeat))
    rows = [("reference: bench --systems zones_all_body --tasks zones", reference),
            ("bench (all systems, all tasks)", statistics.median(time_process([*base, "bench", *QUIET], args.repeat)))]
    for name in baseline_names():
        rows.append((f"bench --systems {name}", statistics.median(
            time_process([*base, "bench", "--systems", name, *QUIET], args.repeat))))
    width = max(len(label) for label, _ in rows)
    print(f"{'command'.ljust(width)}  median s  x reference")
    for label, seconds in rows:
        print(f"{label.ljust(width)}  {seconds:8.2f}  {seconds / reference:11.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
