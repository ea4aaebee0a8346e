"""Time ``newsgold bench --systems X --no-write`` for each baseline X, as separate processes.

Usage: ``python eval/benchmarks/time_baselines.py [--repeat N]``. Each figure
includes interpreter start-up, gold validation, loading the gold and scoring, so
the difference between rows is the baseline's own cost (library import, model
loading, prediction). No target per system: the whole bench must stay under 60 s
(``time_commands.py``).
"""
from __future__ import annotations

from _timing import newsgold_argv, parser, report, time_process


def baseline_names() -> list[str]:
    from newsgold.baselines import BASELINES

    return list(BASELINES)


def main() -> int:
    args = parser(__doc__.splitlines()[0], repeat=3).parse_args()
    base = newsgold_argv()
    rows = []
    for name in baseline_names():
        argv = [*base, "bench", "--systems", name, "--no-write", "--no-progress"]
        rows.append((f"bench --systems {name}", time_process(argv, args.repeat), None))
    return report(rows)


if __name__ == "__main__":
    raise SystemExit(main())
