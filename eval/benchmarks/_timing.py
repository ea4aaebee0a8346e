"""Timing whole ``newsgold`` processes: several runs each, min and median wall-clock seconds."""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Sequence


def newsgold_argv() -> list[str]:
    """The ``newsgold`` console script beside this interpreter, else ``python -m newsgold``."""
    script = Path(sys.executable).parent / "newsgold"
    return [str(script)] if script.exists() else [sys.executable, "-m", "newsgold"]


def time_process(argv: Sequence[str], repeat: int) -> list[float]:
    """Wall-clock seconds of ``repeat`` runs; exits when a run fails."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        done = subprocess.run(list(argv), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        times.append(time.perf_counter() - started)
        if done.returncode != 0:
            sys.exit(f"{' '.join(argv)} exited with {done.returncode}:\n{done.stderr.decode(errors='replace')}")
    return times


def parser(description: str, repeat: int) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--repeat", type=int, default=repeat, help=f"runs per command (default {repeat})")
    return p


def report(rows: Sequence[tuple[str, list[float], float | None]]) -> int:
    """Print ``command | runs | min | median | target | ok``; 1 when a median misses its target."""
    header = ["command", "runs", "min s", "median s", "target s", "ok"]
    table = [[label, str(len(t)), f"{min(t):.3f}", f"{statistics.median(t):.3f}",
              "" if target is None else f"< {target:g}",
              "" if target is None else ("yes" if statistics.median(t) < target else "NO")]
             for label, t, target in rows]
    widths = [max(len(r[i]) for r in [header, *table]) for i in range(len(header))]
    for r in [header, ["-" * w for w in widths], *table]:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())
    return int(any(r[-1] == "NO" for r in table))
