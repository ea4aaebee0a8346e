"""Distributed scoring on Dask (the ``distributed`` extra: ``pip install 'newsgold[distributed]'``).

The work units (:mod:`newsgold.stream.units`: shards and byte ranges of a JSON Lines
corpus, or runs of doc_ids of a folder corpus) become a ``dask.bag`` with one partition
per unit; each partition scores its unit (:func:`newsgold.stream.score.score_unit`) and
returns its partial statistics, and the client concatenates the partials
(:class:`newsgold.stream.Merged`). The shared job (tasks, options, prediction indexes) is
one ``dask.delayed`` object broadcast to the partitions. Every worker must see the corpus
and the predictions files at the same paths (a shared file system).

Numbers are bit for bit those of one process: partials hold per-document rows, nothing is
summed on the workers, and corpus-level statistics are computed once on the client over
all documents (see :mod:`newsgold.stream`).
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Iterator, Sequence

from newsgold.errors import UsageError
from newsgold.stream import Runner
from newsgold.stream.score import Job, Partial, score_unit
from newsgold.stream.units import Unit


def _require() -> None:
    try:
        import dask.bag  # noqa: F401
        import distributed  # noqa: F401
    except ImportError:
        raise UsageError("--backend dask needs Dask: pip install 'newsgold[distributed]'") from None


def _score_partition(units: list[Unit], job: Job) -> list[Partial]:
    return [score_unit(unit, job) for unit in units]


def score_units(units: Sequence[Unit], job: Job, client: Any = None) -> list[Partial]:
    """Score ``units`` as a dask.bag (one partition per unit) on ``client`` (default: the current one)."""
    _require()
    import dask
    import dask.bag as db

    if not units:
        return []
    bag = db.from_sequence(list(units), npartitions=len(units))
    shared = dask.delayed(job, traverse=False)
    scored = bag.map_partitions(_score_partition, shared)
    if client is not None:
        return list(client.compute(scored).result())
    return list(scored.compute())


@contextmanager
def connect(scheduler: str, workers: int) -> Iterator[Any]:
    """A ``distributed.Client`` for a scheduler address, or for a local cluster of ``workers`` processes."""
    _require()
    from distributed import Client, LocalCluster

    if scheduler == "local":
        with LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                          dashboard_address=None) as cluster, Client(cluster) as client:
            yield client
    else:
        try:
            client = Client(scheduler, timeout=30)
        except OSError as exc:
            raise UsageError(f"--scheduler {scheduler}: cannot connect ({exc})") from None
        with client:
            yield client


def runner(scheduler: str = "local", workers: int = 1) -> Runner:
    """A runner for :func:`newsgold.stream.evaluate_files` that scores the units on Dask."""

    def run(units: Sequence[Unit], job: Job) -> list[Partial]:
        with connect(scheduler, workers) as client:
            return score_units(units, job, client)

    return run
