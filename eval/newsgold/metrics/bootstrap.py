"""Bootstrap confidence intervals over documents, and paired bootstrap between two systems.

A resample draws as many documents as there are, with replacement, from a
seeded ``numpy.random.Generator`` (``default_rng(seed)``), sums their
statistics (the same result as ``base.merge`` of the drawn documents: a key is
present when a drawn document has it) and scores them with the task's pure
``score``. Intervals use the percentile method (``numpy.percentile``, linear
interpolation). Resamples where a metric is None (an empty denominator) are left
out and counted. Everything is deterministic given the seed; the same seed gives
the same resamples in ``bootstrap_ci`` and ``paired_bootstrap``.

Metric paths are dotted paths into ``score()`` output (``"char.accuracy"``);
the default is the task's ``headline``.

Resamples are drawn and summed a block at a time (the same generator, drawn in
order: the same draws as one ``(n, documents)`` call), so memory does not hold a
resamples × documents matrix. Every resampled sum is exact or correctly rounded, so no
sum depends on an order (of documents, of a BLAS kernel's accumulation, of blocks):
integer statistics, and float statistics that are whole numbers (TER's edit counts), are
summed exactly; other floats (zones' per-document shingle P and R) are the correctly
rounded value of the exact weighted sum (:func:`exact_weighted_sums`).
A task whose headline holds the CoNLL F1 of
coreference cells declares ``coref_cells = {path: cell prefix}`` (the value at the
path must be ``coref.conll_f1(coref.table_from_stats(stats, prefix))``): those
cells are then left out of the statistics given to its ``headline_score``, and the
path is filled with :class:`newsgold.metrics.coref_resample.CellResampler`, the
same number computed for a block of resamples at once.
"""
from __future__ import annotations

import math
from collections import Counter
from typing import Any, Iterable, Iterator, Mapping, NamedTuple, Sequence

import numpy as np

from newsgold.metrics.base import Task, TaskOptions, merge

DEFAULT_RESAMPLES = 1000
DEFAULT_SEED = 0
_BLOCK_ELEMENTS = 1 << 20  # resamples × documents drawn at once (8 MB of int64; fewer, larger BLAS calls)
_EXACT = 2 ** 53


class Interval(NamedTuple):
    """A confidence interval; both ends None when every resample was None."""

    low: float | None
    high: float | None


class Intervals(dict):
    """``{path: Interval}``, plus ``none_samples`` (path -> resamples left out) and ``n_resamples``."""

    def __init__(self, intervals: Mapping[str, Interval], none_samples: Mapping[str, int], n_resamples: int):
        super().__init__(intervals)
        self.none_samples = dict(none_samples)
        self.n_resamples = n_resamples


_MISSING = object()


def resolve(scores: Mapping[str, Any], path: str, strict: bool = True) -> float | None:
    """The number at dotted ``path`` in a score dict; None for a None value.

    Raises:
        KeyError: when ``strict`` and the path does not exist (with ``strict=False`` it gives None).
    """
    node: Any = scores
    for part in path.split("."):
        node = node.get(part, _MISSING) if isinstance(node, Mapping) else _MISSING
        if node is _MISSING:
            if strict:
                raise KeyError(f"no metric {path!r} in the scores")
            return None
    if node is not None and not isinstance(node, (int, float)):
        raise KeyError(f"{path!r} is not a number")
    return node


_SPLIT = float(2 ** 27 + 1)  # Veltkamp's splitter for float64: halves of at most 26 significant bits
_DIGIT = 26  # weights are taken in base 2**26 digits, so digit × half has at most 52 bits: exact
_SPLITTABLE = 2.0 ** 996  # beyond this the splitter's product could overflow


def splittable(values: np.ndarray) -> bool:
    """Every value finite and below 2**996 (what :func:`split_halves` can split)."""
    return not values.size or bool(np.isfinite(values).all() and np.abs(values).max() < _SPLITTABLE)


def split_halves(values: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """``(hi, lo)`` with ``hi + lo == values`` exactly, each of at most 26 significant bits
    (Veltkamp/Dekker splitting); None when a value is not finite or too large to split."""
    if not splittable(values):
        return None
    scaled = values * _SPLIT
    hi = scaled - (scaled - values)
    return hi, values - hi


def exact_weighted_sums(weights: np.ndarray, hi: np.ndarray, lo: np.ndarray) -> np.ndarray:
    """``weights @ (hi + lo)`` correctly rounded: each product of a base-2**26 digit of a weight and
    a 26-bit half is exact in float64 (scaled by a power of two), and ``math.fsum`` rounds their
    sum once, so the result does not depend on any order."""
    out = np.empty((weights.shape[0], hi.shape[1]), dtype=np.float64)
    for row in range(weights.shape[0]):
        docs = np.flatnonzero(weights[row])
        digits, shift, terms = weights[row, docs].copy(), 0, []
        while digits.any():
            low = np.ldexp((digits & ((1 << _DIGIT) - 1)).astype(np.float64), shift)[:, None]
            terms += [low * hi[docs], low * lo[docs]]
            digits >>= _DIGIT
            shift += _DIGIT
        for col in range(hi.shape[1]):
            out[row, col] = math.fsum(x for part in terms for x in part[:, col].tolist())
    return out


class _StatsMatrix:
    """Per-document statistics as a documents × keys matrix, for vectorised resampled sums.

    Integer statistics, and float statistics that are whole numbers, are summed exactly: in
    ``float64`` products when no sum can reach 2**53 (every partial sum is then an integer
    float, whatever the order), else in ``int64``. Other float statistics are split into
    exact halves and summed by :func:`exact_weighted_sums` (correctly rounded). A resample
    costs one row of the matrix products and building its dict. Keys are sorted and rows
    follow the order given (the harness gives documents in doc_id order). Keys starting
    with a ``skip`` prefix are left out.
    """

    def __init__(self, per_doc: Sequence[Mapping[str, float]], skip: tuple[str, ...] = ()):
        self.keys = sorted({k for doc in per_doc for k in doc if not (skip and k.startswith(skip))})
        integer = [all(isinstance(doc.get(k, 0), (int, np.integer)) for doc in per_doc) for k in self.keys]
        self.int_cols = [j for j, is_int in enumerate(integer) if is_int]
        float_cols = [j for j, is_int in enumerate(integer) if not is_int]
        floats = self._matrix(per_doc, float_cols, np.float64)
        kinds = [self._kind(floats[:, i], len(per_doc)) for i in range(len(float_cols))]

        def of(kind: str) -> list[int]:
            return [i for i, k in enumerate(kinds) if k == kind]

        self.whole_cols, self.frac_cols, self.plain_cols = ([float_cols[i] for i in of(kind)]
                                                            for kind in ("whole", "frac", "plain"))
        self.int_values = self._exact(self._matrix(per_doc, self.int_cols, np.int64), len(per_doc))
        self.whole_values, self.plain_values = floats[:, of("whole")], floats[:, of("plain")]
        halves = split_halves(floats[:, of("frac")])
        assert halves is not None  # every "frac" column is splittable
        self.frac_hi, self.frac_lo = halves
        self.present = self._exact(self._matrix(per_doc, range(len(self.keys)), np.int64, presence=True),
                                   len(per_doc))

    def _matrix(self, per_doc: Sequence[Mapping[str, float]], cols: Iterable[int], dtype: Any,
                presence: bool = False) -> np.ndarray:
        cols = list(cols)
        rows = [[(self.keys[j] in doc) if presence else doc.get(self.keys[j], 0) for j in cols] for doc in per_doc]
        return np.array(rows, dtype=dtype).reshape(len(per_doc), len(cols))

    @classmethod
    def _kind(cls, column: np.ndarray, n_docs: int) -> str:
        """How a float column is summed: ``whole`` (exact float64 products), ``frac`` (exact halves and
        ``math.fsum``), or ``plain``: a column that cannot be split (not finite, or beyond 2**996; no
        newsgold statistic is either), summed over the drawn documents only, in document order (in a
        product, 0 × inf would be nan)."""
        if cls._whole(column, n_docs):
            return "whole"
        return "frac" if splittable(column) else "plain"

    @staticmethod
    def _whole(column: np.ndarray, n_docs: int) -> bool:
        """Every value a whole number and every resampled sum below 2**53 (so float64 sums are exact)."""
        finite = bool(np.isfinite(column).all())
        return finite and bool((column == np.floor(column)).all()) and n_docs * float(np.abs(column).max(
            initial=0.0)) < _EXACT

    @staticmethod
    def _exact(values: np.ndarray, n_docs: int) -> np.ndarray:
        """``values`` as float64 when every resampled sum (at most n_docs × the largest value) is below 2**53."""
        largest = int(np.abs(values).max()) if values.size else 0
        return values.astype(np.float64) if n_docs * largest < _EXACT else values

    @staticmethod
    def _sums(weights: np.ndarray, as_float: np.ndarray, values: np.ndarray) -> np.ndarray:
        if values.dtype == np.float64:
            return np.rint(as_float @ values).astype(np.int64)
        return weights @ values

    def all_summed(self, weights: np.ndarray) -> Iterator[Counter]:
        """Merged statistics of every resample (one weights row each)."""
        weights = np.asarray(weights, dtype=np.int64)
        as_float = weights.astype(np.float64)
        int_sums = self._sums(weights, as_float, self.int_values)
        whole_sums = as_float @ self.whole_values  # whole numbers below 2**53: exact in any order (see above)
        frac_sums = exact_weighted_sums(weights, self.frac_hi, self.frac_lo)
        present = self._sums(weights, as_float, self.present) > 0
        del as_float
        int_keys = [self.keys[j] for j in self.int_cols]
        float_keys = [self.keys[j] for j in (*self.whole_cols, *self.frac_cols, *self.plain_cols)]
        for row in range(weights.shape[0]):  # Python numbers one row at a time
            out = dict(zip(int_keys, int_sums[row].tolist()))
            out.update(zip(float_keys, [*whole_sums[row].tolist(), *frac_sums[row].tolist(),
                                        *self._plain_sums(weights[row])]))
            yield Counter({k: out[k] for k, here in zip(self.keys, present[row].tolist()) if here})

    def _plain_sums(self, weights: np.ndarray) -> list[float]:
        """The unsplittable columns of one resample: a left-to-right sum over the drawn documents."""
        drawn = np.flatnonzero(weights)
        return [sum((float(w) * v for w, v in zip(weights[drawn].tolist(), self.plain_values[drawn, c].tolist())),
                    0.0) for c in range(self.plain_values.shape[1])]

    def summed(self, weights: np.ndarray) -> Counter:
        """Merged statistics of one resample given how often each document was drawn."""
        return next(self.all_summed(np.asarray(weights).reshape(1, -1)))


def resample_blocks(n_docs: int, n: int, seed: int) -> Iterator[np.ndarray]:
    """The rows of :func:`resample_weights` a block at a time (one generator drawn in order: the same draws)."""
    rng = np.random.default_rng(seed)
    step = max(1, _BLOCK_ELEMENTS // max(1, n_docs))
    for low in range(0, n, step):
        rows = min(step, n - low)
        draws = rng.integers(0, n_docs, size=(rows, n_docs))
        draws += np.arange(0, rows * n_docs, n_docs, dtype=draws.dtype)[:, None]  # a cell per (resample, document)
        yield np.bincount(draws.ravel(), minlength=rows * n_docs).astype(np.int64, copy=False).reshape(rows, n_docs)


def resample_weights(n_docs: int, n: int, seed: int) -> np.ndarray:
    """``(n, n_docs)`` matrix: how many times each document is drawn in each resample."""
    out = np.empty((n, n_docs), dtype=np.int64)
    low = 0
    for block in resample_blocks(n_docs, n, seed):
        out[low:low + len(block)] = block
        low += len(block)
    return out


def _scorer(task: Task, paths: Sequence[str]) -> Any:
    """``task.headline_score`` when the task has one and only headline paths are asked for, else ``score``.

    A task's ``headline_score`` computes just its headline numbers (no per-type or per-language
    breakdowns), the same values as ``score``; tests/test_metrics_bootstrap.py checks it.
    """
    fast = getattr(task, "headline_score", None)
    return fast if fast is not None and set(paths) <= set(task.headline) else task.score


def _cell_resamplers(task: Task, per_doc: Sequence[Mapping[str, float]],
                     paths: Sequence[str]) -> dict[str, tuple[str, Any]]:
    """``{path: (cell prefix, CellResampler)}`` for the task's ``coref_cells`` (only with ``headline_score``)."""
    cells: Mapping[str, str] = getattr(task, "coref_cells", None) or {}
    if not cells or _scorer(task, paths) == task.score:
        return {}
    from newsgold.metrics.coref_resample import CellResampler

    out = {}
    for path, prefix in cells.items():
        resampler = CellResampler.build(per_doc, prefix)
        if resampler is None:  # not provably exact: the cells stay in the statistics, headline_score scores them
            return {}
        out[path] = (prefix, resampler)
    return out


def _assign(scores: dict[str, Any], path: str, value: float | None) -> None:
    *parents, last = path.split(".")
    node = scores
    for part in parents:
        node = node.setdefault(part, {})
    node[last] = value


class _Rescorer:
    """Scores of weighted sums of per-document statistics, a block of weight rows at a time."""

    def __init__(self, task: Task, per_doc: Sequence[Mapping[str, float]], options: TaskOptions,
                 paths: Sequence[str]):
        self.n_docs, self.options = len(per_doc), options
        self.score = _scorer(task, paths)
        self.cells = _cell_resamplers(task, per_doc, paths)
        self.matrix = _StatsMatrix(per_doc, skip=tuple(prefix for prefix, _ in self.cells.values()))

    def scores(self, weights: np.ndarray) -> Iterator[dict[str, Any]]:
        resampled = {path: resampler.conll_f1(weights) for path, (_, resampler) in self.cells.items()}
        for row, stats in enumerate(self.matrix.all_summed(weights)):
            scores = self.score(stats, self.options)
            for path, values in resampled.items():
                _assign(scores, path, values[row])
            yield scores

    def resampled(self, n: int, seed: int) -> Iterator[dict[str, Any]]:
        """The scores of the ``n`` resamples of ``seed``."""
        for weights in resample_blocks(self.n_docs, n, seed):  # every sum is exact: blocks change nothing
            yield from self.scores(weights)


def _resampled_scores(task: Task, per_doc: Sequence[Mapping[str, float]], options: TaskOptions,
                      n: int, seed: int, paths: Sequence[str] = ()) -> Iterator[dict[str, Any]]:
    return _Rescorer(task, per_doc, options, paths or task.headline).resampled(n, seed)


def _percentile(values: list[float], confidence: float) -> Interval:
    if not values:
        return Interval(None, None)
    tail = 100 * (1 - confidence) / 2
    low, high = np.percentile(np.array(values, dtype=np.float64), [tail, 100 - tail])
    return Interval(float(low), float(high))


def bootstrap_ci(task: Task, per_doc_stats: Sequence[Mapping[str, float]], options: TaskOptions,
                 seed: int = DEFAULT_SEED, n: int = DEFAULT_RESAMPLES, metric_paths: Sequence[str] | None = None,
                 confidence: float = 0.95) -> Intervals:
    """Percentile bootstrap intervals of ``task`` metrics over documents.

    Args:
        task: The task whose ``score`` turns summed statistics into metrics.
        per_doc_stats: One statistics mapping per document.
        options: Passed to ``task.score``.
        seed: Seed of ``numpy.random.default_rng``.
        n: Number of resamples.
        metric_paths: Dotted paths into the score dict; default ``task.headline``.
        confidence: Interval coverage (0.95 gives the 2.5th and 97.5th percentiles).

    Returns:
        ``{path: Interval(low, high)}`` with ``none_samples`` and ``n_resamples`` attributes.
    """
    paths = list(metric_paths or task.headline)
    rescorer = _Rescorer(task, per_doc_stats, options, paths)
    full = next(rescorer.scores(np.ones((1, len(per_doc_stats)), dtype=np.int64)))  # every document once
    for path in paths:
        resolve(full, path)  # a misspelt path fails here, not silently as "always None"
    if not per_doc_stats:
        return Intervals({p: Interval(None, None) for p in paths}, {p: n for p in paths}, n)
    samples: dict[str, list[float]] = {p: [] for p in paths}
    for scores in rescorer.resampled(n, seed):
        for path in paths:
            value = resolve(scores, path, strict=False)
            if value is not None:
                samples[path].append(value)
    return Intervals({p: _percentile(v, confidence) for p, v in samples.items()},
                     {p: n - len(v) for p, v in samples.items()}, n)


def paired_bootstrap(task: Task, stats_a: Sequence[Mapping[str, float]], stats_b: Sequence[Mapping[str, float]],
                     options: TaskOptions, seed: int = DEFAULT_SEED, n: int = DEFAULT_RESAMPLES,
                     metric_paths: Sequence[str] | None = None, confidence: float = 0.95) -> dict[str, dict[str, Any]]:
    """Compare systems A and B on the same documents (``stats_a[i]`` and ``stats_b[i]`` are document i).

    Both systems are scored on the same resamples. Per metric path the result
    holds ``a`` and ``b`` (full-sample scores), ``difference`` (a - b),
    ``p_a_greater`` (share of resamples where A > B, among those where both are
    defined), ``ci`` (percentile interval of the resampled differences),
    ``none_samples`` and ``n_resamples``. "Greater" is numeric: for metrics where
    lower is better (TER) read it the other way round.
    """
    if len(stats_a) != len(stats_b):
        raise ValueError(f"paired bootstrap needs the same documents: {len(stats_a)} vs {len(stats_b)}")
    paths = list(metric_paths or task.headline)
    full_a, full_b = task.score(merge(stats_a), options), task.score(merge(stats_b), options)
    diffs: dict[str, list[float]] = {p: [] for p in paths}
    wins: Counter = Counter()
    if stats_a:
        resampled = zip(_resampled_scores(task, stats_a, options, n, seed, paths),
                        _resampled_scores(task, stats_b, options, n, seed, paths))
        for scores_a, scores_b in resampled:
            for path in paths:
                a, b = resolve(scores_a, path, strict=False), resolve(scores_b, path, strict=False)
                if a is not None and b is not None:
                    diffs[path].append(a - b)
                    wins[path] += int(a > b)
    out: dict[str, dict[str, Any]] = {}
    for path in paths:
        a, b = resolve(full_a, path), resolve(full_b, path)
        valid = len(diffs[path])
        out[path] = {"a": a, "b": b, "difference": None if a is None or b is None else a - b,
                     "p_a_greater": wins[path] / valid if valid else None,
                     "ci": _percentile(diffs[path], confidence), "none_samples": n - valid, "n_resamples": n}
    return out
