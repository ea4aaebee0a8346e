"""Time ``newsgold --help``, ``newsgold validate`` and the whole ``newsgold bench`` as separate processes.

Usage: ``python eval/benchmarks/time_commands.py [--repeat N]``. Targets (2 cores):
--help < 0.3 s, validate < 1 s, bench < 60 s. Exit status 1 when a median misses
its target. If --help is slow, ``python -X importtime -m newsgold --help`` shows why.
"""
from __future__ import annotations

from _timing import newsgold_argv, parser, report, time_process

TARGETS = {"--help": 0.3, "validate": 1.0, "bench --no-write": 60.0}


def main() -> int:
    args = parser(__doc__.splitlines()[0], repeat=5).parse_args()
    base = newsgold_argv()
    rows = []
    for command, target in TARGETS.items():
        argv = [*base, *command.split(), *(["--no-progress"] if command.startswith("bench") else [])]
        rows.append((f"newsgold {command}", time_process(argv, args.repeat), target))
    return report(rows)


if __name__ == "__main__":
    raise SystemExit(main())
