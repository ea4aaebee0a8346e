"""CoNLL F1 of cross-document coreference cells on bootstrap resamples, vectorised over resamples.

A bootstrap resample of a task with coreference cells (:func:`newsgold.metrics.coref.cell_stats`)
is scored as ``conll_f1(table_from_stats(Σ_d w_d · stats_d, prefix))`` where ``w_d`` is how often
document ``d`` was drawn: a labelled cluster gathers every copy of its mentions, and each copy of
an unlabelled (None) mention is a cluster of its own (:func:`newsgold.metrics.coref.table_from_stats`).
Building that table costs a Python step per singleton mention copy; :class:`CellResampler` gives
the same number, bit for bit, from arrays over a block of resamples at once:

* the cell totals of a block of resamples are one product with the documents × cells counts
  (float64 BLAS while that matrix is small, exact since no partial sum reaches 2**53; else a
  sparse gather-and-add);
* cluster sizes are sums of cell totals per label; every unlabelled copy has size 1, so a
  cell ``[g, None]`` drawn ``c`` times is ``c`` identical singleton cells, and its share of each
  sum is ``c`` times one term. MUC is integer arithmetic. B³ is the ``math.fsum`` of the same
  terms as :func:`newsgold.metrics.coref._b_cubed`: each term is computed the same way
  (``n*n/size``, one correctly rounded division) and ``c`` copies of a term ``x`` enter as the
  exact product ``c·x`` split in two floats (Dekker's two-product), so the correctly rounded
  sum is the same;
* CEAF-e's optimal alignment is solved per connected component of the key × response cluster
  graph (:func:`newsgold.metrics.coref.ceaf_parts`). The components of the whole collection are
  found once. A component with one key cluster (and no unlabelled key mention), or one response
  cluster (and no unlabelled response mention), stays a star in every resample: its part is the
  largest similarity of its cells, a masked row maximum. Any other component is scored by
  :func:`newsgold.metrics.coref.ceaf_parts` on the table of that component alone, built from its
  resampled cells in the same sorted order, so its clusters, their order and the assignment
  are those of the whole table; the result is cached on the draws of the documents that
  touch the component (the only numbers it depends on).

The denominators are cluster and mention counts; the final rates and the mean use
:func:`newsgold.metrics.coref.conll_from_parts`, the code :func:`coref.conll_f1` uses.
Exactness needs every count and every squared cell size below 2**53 and integer counts;
:meth:`CellResampler.build` returns None otherwise, and the caller keeps the plain path.
"""
from __future__ import annotations

import math
from array import array
from dataclasses import dataclass
from typing import Any, Hashable, Mapping, Sequence

import numpy as np

from newsgold.metrics.coref import Parts, _cell_labels, ceaf_parts, conll_from_parts, table_from_stats

_EXACT = 2 ** 53
_BLOCK_ELEMENTS = 1 << 20  # elements of one resample array held for a block of resamples (8 MB)
_CACHE_LIMIT = 1 << 15  # cached component results in all (each keyed by at most _CACHE_DOCS draws)
_CACHE_DOCS = 32  # a component touched by more documents is recomputed: its draws rarely repeat
_DENSE_ELEMENTS = 1 << 22  # documents × cells up to which the cell totals are one float64 matrix product


@dataclass(frozen=True)
class _Groups:
    """Columns summed per group: ``sums(values)[:, g]`` is the sum of the columns of group ``g``."""

    columns: np.ndarray  # column indices, ordered by group
    starts: np.ndarray  # first position of each group in ``columns``

    @classmethod
    def of(cls, columns: Sequence[int], groups: Sequence[int], n_groups: int) -> "_Groups":
        order = np.argsort(np.asarray(groups, dtype=np.int64), kind="stable")
        cols = np.asarray(columns, dtype=np.int64)[order]
        counts = np.bincount(np.asarray(groups, dtype=np.int64), minlength=n_groups)
        return cls(cols, (np.cumsum(counts) - counts).astype(np.int64))

    def sums(self, values: np.ndarray) -> np.ndarray:
        if not len(self.starts):
            return np.zeros((values.shape[0], 0), dtype=values.dtype)
        return np.add.reduceat(values[:, self.columns], self.starts, axis=1)


def _two_product(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(p, e)`` with ``p = fl(a*b)`` and ``p + e == a*b`` exactly (Dekker; no overflow or underflow here)."""
    def split(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        c = 134217729.0 * x  # 2**27 + 1
        high = c - (c - x)
        return high, x - high

    p = a * b
    a_hi, a_lo = split(a)
    b_hi, b_lo = split(b)
    return p, ((a_hi * b_hi - p) + a_hi * b_lo + a_lo * b_hi) + a_lo * b_lo


def _is_label(value: Any) -> bool:
    return value is not None and value is not False


@dataclass
class _Complex:
    """A component whose resamples may need an assignment: its cell names and the documents touching them."""

    index: int
    names: np.ndarray
    docs: np.ndarray


class CellResampler:
    """``conll_f1(table_from_stats(stats, prefix))`` for many resamples of per-document statistics."""

    def __init__(self, names: list[str], labels: list[tuple[Any, Any]], entries: np.ndarray, n_docs: int,
                 prefix: str):
        """``entries``: rows ``(cell index, document index, count)`` sorted by cell; every cell has one."""
        self.names, self.prefix = names, prefix
        self._docs, self._counts = entries[:, 1].copy(), entries[:, 2].copy()
        self._starts = np.searchsorted(entries[:, 0], np.arange(len(names))).astype(np.int64)
        self._dense: np.ndarray | None = None  # documents × cells, when small: totals by BLAS, exact (build's bound)
        if names and n_docs * len(names) <= _DENSE_ELEMENTS:
            self._dense = np.zeros((n_docs, len(names)), dtype=np.float64)
            np.add.at(self._dense, (self._docs, entries[:, 0]), self._counts.astype(np.float64))
        key_ids: dict[Hashable, int] = {}
        resp_ids: dict[Hashable, int] = {}
        self._g = np.array([key_ids.setdefault(g, len(key_ids)) if _is_label(g) else -1 for g, _ in labels],
                           dtype=np.int64)
        self._p = np.array([resp_ids.setdefault(p, len(resp_ids)) if _is_label(p) else -1 for _, p in labels],
                           dtype=np.int64)
        g_none = np.array([g is None for g, _ in labels], dtype=bool)
        p_none = np.array([p is None for _, p in labels], dtype=bool)
        g_lab, p_lab = self._g >= 0, self._p >= 0
        self._n_key, self._n_resp = len(key_ids), len(resp_ids)
        self._key_groups = _Groups.of(np.flatnonzero(g_lab), self._g[g_lab], self._n_key)
        self._resp_groups = _Groups.of(np.flatnonzero(p_lab), self._p[p_lab], self._n_resp)
        self._on_key, self._on_resp = g_lab | g_none, p_lab | p_none
        self._g_none, self._p_none = np.flatnonzero(g_none), np.flatnonzero(p_none)
        self._ll = np.flatnonzero(g_lab & p_lab)  # cells of two labelled clusters
        self._ln = np.flatnonzero(g_lab & p_none)  # labelled key cluster, a response singleton per copy
        self._nl = np.flatnonzero(g_none & p_lab)  # a key singleton per copy, labelled response cluster
        self._nn = np.flatnonzero(g_none & p_none)  # one singleton each side per copy
        self._complex: list[_Complex] = []
        self._cache: dict[tuple[int, bytes], list[float]] = {}  # (component, its documents' draws) -> parts
        self._find_components()

    @classmethod
    def build(cls, per_doc: Sequence[Mapping[str, float]], prefix: str) -> "CellResampler | None":
        """The resampler of the ``prefix`` cells of ``per_doc``; None when exactness is not guaranteed.

        That is when a cell count is not an integer, or when the square of a resample's count of a
        cell (at most the number of documents times the largest count) could reach 2**53.
        """
        names = sorted({k for doc in per_doc for k in doc if k.startswith(prefix)})
        at = {name: j for j, name in enumerate(names)}
        columns = (array("q"), array("q"), array("q"))  # cell, document, count
        for d, doc in enumerate(per_doc):
            for key, value in doc.items():
                if key in at:
                    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or abs(value) >= _EXACT:
                        return None
                    columns[0].append(at[key])
                    columns[1].append(d)
                    columns[2].append(int(value))
        largest = max(map(abs, columns[2]), default=0)
        if (len(per_doc) * largest) ** 2 >= _EXACT:
            return None
        table = np.stack([np.frombuffer(c, dtype=np.int64) for c in columns], axis=1).reshape(-1, 3)
        table = table[np.lexsort((table[:, 1], table[:, 0]))]  # by cell, then document
        return cls(names, [_cell_labels(n, prefix) for n in names], table, len(per_doc), prefix)

    # --- built once -------------------------------------------------------------------------

    def _find_components(self) -> None:
        """Components of the key × response cluster graph of the whole collection, star or not."""
        n_key = self._n_key
        parent = list(range(n_key + self._n_resp))

        def find(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for j in self._ll.tolist():
            a, b = find(int(self._g[j])), find(n_key + int(self._p[j]))
            if a != b:
                parent[max(a, b)] = min(a, b)
        node = np.where(self._g >= 0, self._g, np.where(self._p >= 0, n_key + self._p, -1))
        root = np.array([find(x) if x >= 0 else -1 for x in node.tolist()], dtype=np.int64)
        has_cell = np.zeros(len(self.names), dtype=bool)
        has_cell[np.concatenate([self._ll, self._ln, self._nl])] = True
        cells = np.flatnonzero(has_cell)
        # a star: its cells share one labelled key cluster (-1, a key singleton row, would be another
        # row) or one labelled response cluster, in the whole collection and so in every resample
        one_key = self._one_cluster(root[cells], self._g[cells], len(parent))
        one_resp = self._one_cluster(root[cells], self._p[cells], len(parent))
        in_star = (one_key | one_resp)[root[cells]]
        star_roots, star_groups = np.unique(root[cells[in_star]], return_inverse=True)
        self._stars = _Groups.of(cells[in_star], star_groups, len(star_roots))
        by_root = np.argsort(root, kind="stable")  # names of a component: its cells and those sizing its clusters
        bounds = np.searchsorted(root[by_root], np.arange(len(parent) + 1))
        for r in np.unique(root[cells[~in_star]]).tolist():
            members = by_root[bounds[r]:bounds[r + 1]]
            docs = np.unique(np.concatenate([self._docs_of(j) for j in members.tolist()]))
            self._complex.append(_Complex(len(self._complex), np.sort(members), docs))
        cols = self._stars.columns
        # the cell size is the count for two labelled clusters, 1 for a singleton's cell; sizes of singletons are 1
        self._star_ll = (self._g[cols] >= 0) & (self._p[cols] >= 0)
        self._star_g = np.where(self._g[cols] >= 0, self._g[cols], n_key)  # column n_key: a singleton, size 1
        self._star_p = np.where(self._p[cols] >= 0, self._p[cols], self._n_resp)

    @staticmethod
    def _one_cluster(roots: np.ndarray, clusters: np.ndarray, n_roots: int) -> np.ndarray:
        """Per root, True when its cells have a single cluster on this side and it is labelled (not -1)."""
        pairs = np.unique(np.stack([roots, clusters]), axis=1)
        distinct = np.bincount(pairs[0], minlength=n_roots)
        labelled = np.zeros(n_roots, dtype=bool)
        labelled[pairs[0][pairs[1] >= 0]] = True
        return (distinct == 1) & labelled

    def _docs_of(self, name: int) -> np.ndarray:
        end = self._starts[name + 1] if name + 1 < len(self.names) else len(self._docs)
        return self._docs[self._starts[name]:end]

    # --- per block of resamples ---------------------------------------------------------------

    def cell_totals(self, weights: np.ndarray) -> np.ndarray:
        """``(resamples, cells)`` totals ``Σ_d w_d · count_d``; a total that is not positive is 0 (skipped)."""
        weights = np.asarray(weights, dtype=np.int64)
        if not len(self.names):
            return np.zeros((weights.shape[0], 0), dtype=np.int64)
        if self._dense is not None:  # every partial sum is an integer below 2**53: exact in any order
            totals = np.rint(weights.astype(np.float64) @ self._dense).astype(np.int64)
        else:
            totals = np.add.reduceat(weights[:, self._docs] * self._counts, self._starts, axis=1)
        return np.maximum(totals, 0)

    def conll_f1(self, weights: np.ndarray) -> list[float | None]:
        """The CoNLL F1 of each resample (one row of ``weights``: how often each document is drawn)."""
        return [conll_from_parts(*parts) for parts in self.parts(weights)]

    def parts(self, weights: np.ndarray) -> list[tuple[Parts, Parts, Parts]]:
        """Per resample, the ``(rn, rd, pn, pd)`` of MUC, B³ and CEAF-e, equal to ``coref``'s on its table."""
        weights = np.asarray(weights, dtype=np.int64)
        if not self.names:  # no mention at all: the empty table's numbers
            return [((0, 0, 0, 0), (0.0, 0, 0.0, 0), (0.0, 0, 0.0, 0)) for _ in range(weights.shape[0])]
        width = len(self._docs) if self._dense is None else max(self._dense.shape)  # elements of a resample's arrays
        step = max(1, _BLOCK_ELEMENTS // width)
        out: list[tuple[Parts, Parts, Parts]] = []
        for lo in range(0, weights.shape[0], step):
            out.extend(self._block(weights[lo:lo + step]))
        return out

    def _block(self, weights: np.ndarray) -> list[tuple[Parts, Parts, Parts]]:
        c = self.cell_totals(weights)
        key_sizes, resp_sizes = self._key_groups.sums(c), self._resp_groups.sums(c)
        key_clusters = (key_sizes > 0).sum(axis=1) + c[:, self._g_none].sum(axis=1)
        resp_clusters = (resp_sizes > 0).sum(axis=1) + c[:, self._p_none].sum(axis=1)
        key_mentions, resp_mentions = c[:, self._on_key].sum(axis=1), c[:, self._on_resp].sum(axis=1)
        correct = np.maximum(c[:, self._ll] - 1, 0).sum(axis=1)  # a singleton's cell (n = 1) has no link
        recall_terms, precision_terms = self._b_cubed_terms(c, key_sizes, resp_sizes)
        ceaf_terms = self._ceafe_terms(c, key_sizes, resp_sizes)
        rows = zip(correct.tolist(), (key_mentions - key_clusters).tolist(), (resp_mentions - resp_clusters).tolist(),
                   key_mentions.tolist(), resp_mentions.tolist(), key_clusters.tolist(), resp_clusters.tolist(),
                   recall_terms.tolist(), precision_terms.tolist(), ceaf_terms.tolist())
        out = []
        for b, (ok, key_links, resp_links, n_key, n_resp, k_clusters, r_clusters, rec, prec, ceaf) in enumerate(rows):
            for comp in self._complex:
                ceaf.extend(self._complex_parts(comp, weights[b], c[b]))
            b3_r, b3_p, ceafe = math.fsum(rec), math.fsum(prec), math.fsum(ceaf)
            out.append(((ok, key_links, ok, resp_links), (b3_r, n_key, b3_p, n_resp),
                        (ceafe, k_clusters, ceafe, r_clusters)))
        return out

    def _b_cubed_terms(self, c: np.ndarray, key_sizes: np.ndarray,
                       resp_sizes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Per resample, floats whose exact sum is the B³ recall and precision numerator of ``coref._b_cubed``.

        A cell of two labelled clusters holding n mentions gives ``n*n/size``; a singleton's cell
        (n = 1) drawn c times gives c copies of ``1/size`` (the two-product of c and ``1/size``), or of
        ``1/1`` on the singleton's side (the integer c).
        """
        ll, ln, nl, nn = self._ll, self._ln, self._nl, self._nn
        square = (c[:, ll] * c[:, ll]).astype(np.float64)
        present = c[:, ll] > 0
        rec_ll = np.divide(square, key_sizes[:, self._g[ll]], out=np.zeros_like(square), where=present)
        prec_ll = np.divide(square, resp_sizes[:, self._p[ll]], out=np.zeros_like(square), where=present)
        rec_ln = self._copies(c[:, ln], key_sizes[:, self._g[ln]])
        prec_nl = self._copies(c[:, nl], resp_sizes[:, self._p[nl]])
        whole_r = (c[:, nl].sum(axis=1) + c[:, nn].sum(axis=1)).astype(np.float64)[:, None]
        whole_p = (c[:, ln].sum(axis=1) + c[:, nn].sum(axis=1)).astype(np.float64)[:, None]
        return (np.concatenate([rec_ll, *rec_ln, whole_r], axis=1),
                np.concatenate([prec_ll, *prec_nl, whole_p], axis=1))

    @staticmethod
    def _copies(copies: np.ndarray, sizes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``copies`` times ``1/size`` as two floats adding up exactly (0 where there is no copy)."""
        inverse = np.divide(1.0, sizes, out=np.zeros(sizes.shape, dtype=np.float64), where=copies > 0)
        return _two_product(copies.astype(np.float64), inverse)

    def _ceafe_terms(self, c: np.ndarray, key_sizes: np.ndarray, resp_sizes: np.ndarray) -> np.ndarray:
        """Per resample, CEAF-e's parts of the star components and of the singleton pairs (each scores 1)."""
        cols = self._stars.columns
        ones = np.ones((c.shape[0], 1), dtype=np.int64)
        k = np.concatenate([key_sizes, ones], axis=1)[:, self._star_g]
        r = np.concatenate([resp_sizes, ones], axis=1)[:, self._star_p]
        size = np.where(self._star_ll, c[:, cols], 1)
        phi = np.divide((2 * size).astype(np.float64), (k + r).astype(np.float64),
                        out=np.full(size.shape, -np.inf), where=c[:, cols] > 0)
        best = (np.maximum.reduceat(phi, self._stars.starts, axis=1) if len(self._stars.starts)
                else np.zeros((c.shape[0], 0)))
        best[best == -np.inf] = 0.0  # a component with no cell in this resample has no part
        pairs = c[:, self._nn].sum(axis=1).astype(np.float64)[:, None]  # 2·1/(1+1) = 1.0 per copy
        return np.concatenate([best, pairs], axis=1)

    def _complex_parts(self, comp: _Complex, weights: np.ndarray, totals: np.ndarray) -> list[float]:
        """CEAF-e parts of a component that may need an assignment, from the table of its cells alone."""
        key = (comp.index, weights[comp.docs].tobytes()) if len(comp.docs) <= _CACHE_DOCS else None
        parts = self._cache.get(key) if key else None
        if parts is None:
            stats = {self.names[j]: int(totals[j]) for j in comp.names.tolist() if totals[j] > 0}
            parts = ceaf_parts(table_from_stats(stats, self.prefix), entity=True)
            if key:
                if len(self._cache) >= _CACHE_LIMIT:
                    self._cache.clear()
                self._cache[key] = parts
        return parts
