"""``--jobs N``: score the work units in N local processes (``concurrent.futures``).

Each worker receives the shared :class:`~newsgold.stream.score.Job` once (the pool's
initializer) and then only units (paths and byte ranges). Partials come back in unit
order; the result does not depend on that order anyway (see :mod:`newsgold.stream`).
"""
from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from typing import Sequence

from newsgold.stream import Runner, serial_runner
from newsgold.stream.score import Job, Partial, score_unit
from newsgold.stream.units import Unit

_JOB: Job | None = None


def _install(job: Job) -> None:
    global _JOB
    _JOB = job


def _score(unit: Unit) -> Partial:
    assert _JOB is not None, "worker started without its job"
    return score_unit(unit, _JOB)


def runner(jobs: int) -> Runner:
    """A runner using ``jobs`` processes (1: this process, no pool)."""
    if jobs <= 1:
        return serial_runner

    def run(units: Sequence[Unit], job: Job) -> list[Partial]:
        if len(units) <= 1:
            return serial_runner(units, job)
        with ProcessPoolExecutor(max_workers=min(jobs, len(units)), initializer=_install, initargs=(job,)) as pool:
            return list(pool.map(_score, units))

    return run
