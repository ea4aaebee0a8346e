"""Coreference metrics identical to the CoNLL reference scorer v8.01.

MUC, B³, CEAF-m, CEAF-e, BLANC and the CoNLL average (mean of the MUC, B³ and
CEAF-e F1), as ``lib/CorScorer.pm`` v8.01 of conll/reference-coreference-scorers
computes them; tests/test_metrics_coref.py checks all 91 (case, metric)
expectations of the scorer's own test suite.

Input: ``key`` and ``response`` clusterings, each a sequence of clusters (lists of
hashable mentions). Mentions match exactly (equal values), as the scorer matches
token spans. Singletons are kept. Like v8.01:

- A response mention that repeats a *key* mention already seen in the response
  (in this or an earlier cluster) is removed; a cluster left empty is dropped.
  Repeated twinless mentions (not in the key) are kept, as v8.01 keeps them.
  (v8.01 refuses to score more than 10 repeats; we do not refuse.)
- MUC uses the response with every key mention it lacks added as a singleton and
  its twinless singletons removed; B³, CEAF and BLANC use the deduplicated
  response as is.
- CEAF's optimal one-to-one cluster alignment is the Kuhn-Munkres (Hungarian)
  algorithm, implemented here (:func:`max_assignment`); no SciPy needed.
- BLANC (Luo et al. 2014, v8.0): coreference and non-coreference links of key and
  response; recall, precision and F are the means of the two link types, or the
  one type the key has. Inside that mean an empty response side counts 0, as in
  v8.01.

Statistics are v8.01's numerators and denominators, so sums over documents give
the scorer's multi-document result (it too adds them up document by document).

Differences from v8.01 in what is *reported*: where both the recall and the
precision denominator are empty, recall, precision and F1 are None, not 0; where
only one is empty that side is 0, as v8.01 prints it (``newsgold.metrics.base.rates``).
BLANC keeps v8.01's own rule (:func:`blanc_scores`).

**Cross-document coreference** (events): when clusters span documents the unit
of scoring is the whole collection. Per-document sums would be wrong (B³ and
CEAF are not additive over parts of a cluster), so such statistics must be
computed once, on the merged mention set of all documents; a bootstrap sample
must be scored by recomputing them on the mentions of the resampled documents
(a document drawn twice contributes its mentions twice, as distinct mentions in
the same clusters). :mod:`newsgold.metrics.events` does this by keeping the
mentions themselves in its statistics and clustering them in ``score``.
"""
from __future__ import annotations

import itertools
import json
import math
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Hashable, Iterable, Mapping, Sequence

from newsgold.metrics.base import rates, ratio

Mention = Hashable
Clusters = Sequence[Sequence[Mention]]
METRICS: tuple[str, ...] = ("muc", "bcub", "ceafm", "ceafe")
BLANC_KEYS: tuple[str, ...] = ("c_common", "c_key", "c_resp", "n_common", "n_key", "n_resp")


# --- Kuhn-Munkres ---

def max_assignment(weights: Sequence[Sequence[float]]) -> list[tuple[int, int]]:
    """A maximum-weight one-to-one assignment of rows to columns.

    Shortest-augmenting-path Hungarian algorithm with potentials, O(n²·m) for an
    n×m matrix; the smaller side is matched completely.

    Returns:
        ``(row, column)`` pairs, one per row (or per column if there are fewer columns).
    """
    n = len(weights)
    m = len(weights[0]) if n else 0
    if n == 0 or m == 0:
        return []
    if n > m:
        return [(r, c) for c, r in max_assignment([list(col) for col in zip(*weights)])]
    inf = float("inf")
    u, v = [0.0] * (n + 1), [0.0] * (m + 1)
    owner, way = [0] * (m + 1), [0] * (m + 1)  # owner[j]: row (1-based) holding column j
    for row in range(1, n + 1):
        owner[0], j0 = row, 0
        minv, used = [inf] * (m + 1), [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = owner[j0], inf, 0
            for j in range(1, m + 1):
                if used[j]:
                    continue
                cur = -weights[i0 - 1][j - 1] - u[i0] - v[j]
                if cur < minv[j]:
                    minv[j], way[j] = cur, j0
                if minv[j] < delta:
                    delta, j1 = minv[j], j
            for j in range(m + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if owner[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
    return sorted((owner[j] - 1, j - 1) for j in range(1, m + 1) if owner[j])


# --- mention bookkeeping (v8.01 IdentifMentions) ---

def _index(clusters: Clusters) -> dict[Mention, int]:
    """Mention -> cluster position (a mention in two clusters maps to the later one, as in v8.01)."""
    return {m: i for i, cluster in enumerate(clusters) for m in cluster}


def dedupe_response(key: Clusters, response: Clusters) -> list[list[Mention]]:
    """Drop repeats of key mentions from the response (first occurrence kept) and empty clusters."""
    key_mentions = {m for cluster in key for m in cluster}
    seen: set[Mention] = set()
    out = []
    for cluster in response:
        kept = []
        for m in cluster:
            if m in seen:
                continue
            if m in key_mentions:
                seen.add(m)
            kept.append(m)
        if kept:
            out.append(kept)
    return out


def mention_counts(key: Clusters, response: Clusters) -> tuple[int, int, int, int]:
    """Mention identification ``(recall_num, recall_den, precision_num, precision_den)`` (distinct mentions)."""
    key_set = {m for c in key for m in c}
    resp_set = {m for c in response for m in c}
    common = len(key_set & resp_set)
    return common, len(key_set), common, len(resp_set)


# --- the contingency table: everything every metric needs ---

@dataclass
class Contingency:
    """Cluster sizes and overlap counts of a key and a response clustering.

    ``cells[(k, r)]`` is the number of mentions of response cluster ``r`` whose key
    cluster is ``k`` (only non-zero cells are stored). Every metric below is a
    function of these numbers, so each costs O(mentions + clusters) except CEAF's
    assignment, which is solved only inside groups of clusters that share mentions.
    ``links`` (BLANC) holds the distinct-link corrections for repeated twinless
    mentions (see :func:`contingency`).
    """

    key_sizes: list[int]
    resp_sizes: list[int]
    cells: dict[tuple[int, int], int]
    mentions: tuple[int, int, int, int] = (0, 0, 0, 0)
    blanc: tuple[int, int, int, int, int, int] | None = None
    components: list | None = None  # cache of _cell_components


def contingency(key: Clusters, response: Clusters) -> Contingency:
    """The table of a (deduplicated) response against the key, in one pass over the mentions."""
    k_index = _index(key)
    cells: dict[tuple[int, int], int] = {}
    for j, chain in enumerate(response):
        for m in chain:
            k = k_index.get(m)
            if k is not None:
                cells[(k, j)] = cells.get((k, j), 0) + 1
    table = Contingency([len(c) for c in key], [len(c) for c in response], cells, mention_counts(key, response))
    if any(len(set(c)) != len(c) for c in response) or len({m for c in response for m in c}) != sum(
            len(c) for c in response):
        table.blanc = _blanc_by_links(key, response)  # repeated twinless mentions: v8.01 counts distinct links
    return table


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


# --- metrics; each returns (recall_num, recall_den, precision_num, precision_den) ---

def _muc(t: Contingency) -> tuple[float, float, float, float]:
    # a response chain holding c mentions of one key cluster has c - 1 correct links; the v8.01 adjustment
    # (missing key mentions added as singletons, twinless singletons removed) adds no link
    correct = sum(n - 1 for n in t.cells.values())
    key_links = sum(n - 1 for n in t.key_sizes if n)
    resp_links = sum(n - 1 for n in t.resp_sizes if n)
    return correct, key_links, correct, resp_links


def _b_cubed(t: Contingency) -> tuple[float, float, float, float]:
    # each of the n mentions of a cell scores n/|r| (precision) and n/|k| (recall); fsum: order-free
    acc_p = math.fsum(n * n / t.resp_sizes[r] for (_, r), n in t.cells.items())
    acc_r = math.fsum(n * n / t.key_sizes[k] for (k, _), n in t.cells.items())
    return acc_r, sum(t.key_sizes), acc_p, sum(t.resp_sizes)


Component = tuple[list[int], list[int], list[tuple[int, int]]]  # key rows, response columns, cells


def _cell_components(t: Contingency) -> list[Component]:
    """The cells grouped by connected component of the key-response cluster graph (union-find)."""
    n_key = len(t.key_sizes)
    parent = list(range(n_key + len(t.resp_sizes)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for k, r in t.cells:
        a, b = find(k), find(n_key + r)
        if a != b:
            parent[max(a, b)] = min(a, b)
    groups: dict[int, list[tuple[int, int]]] = {}
    for cell in sorted(t.cells):
        groups.setdefault(find(cell[0]), []).append(cell)
    out = []
    for root in sorted(groups):
        cells = groups[root]
        out.append((sorted({k for k, _ in cells}), sorted({r for _, r in cells}), cells))
    return out


def _ceaf(t: Contingency, entity: bool) -> tuple[float, float, float, float]:
    total = math.fsum(ceaf_parts(t, entity))
    if entity:
        return total, sum(1 for n in t.key_sizes if n), total, sum(1 for n in t.resp_sizes if n)
    return total, sum(t.key_sizes), total, sum(t.resp_sizes)


def ceaf_parts(t: Contingency, entity: bool) -> list[float]:
    """The similarities of the aligned cluster pairs (their ``math.fsum`` is CEAF's numerator)."""
    def phi(k: int, r: int, n: int) -> float:
        return 2 * n / (t.key_sizes[k] + t.resp_sizes[r]) if entity else n

    parts = []
    if t.components is None:
        t.components = _cell_components(t)
    for rows, cols, cells in t.components:
        if len(rows) == 1 or len(cols) == 1:  # a star (or one cell): the best single cell is the optimum
            parts.append(max(phi(k, r, t.cells[(k, r)]) for k, r in cells))
            continue
        col_at = {r: j for j, r in enumerate(cols)}
        row_at = {k: i for i, k in enumerate(rows)}
        sims = [[0.0] * len(cols) for _ in rows]
        for k, r in cells:
            sims[row_at[k]][col_at[r]] = phi(k, r, t.cells[(k, r)])
        parts.extend(sims[a][b] for a, b in max_assignment(sims))
    return parts


def _blanc(t: Contingency) -> tuple[int, int, int, int, int, int]:
    """BLANC link counts from cluster sizes and overlaps, no mention pair enumerated.

    Coreference links: ``Σ C(|c|, 2)`` per side, common ``Σ C(n_kr, 2)``. Non-coreference
    links: all pairs minus coreference ones; common = pairs of mentions present on
    both sides, in different key clusters and different response clusters
    (inclusion-exclusion over the cells).
    """
    if t.blanc is not None:
        return t.blanc
    c_key = sum(_pairs(n) for n in t.key_sizes)
    c_resp = sum(_pairs(n) for n in t.resp_sizes)
    c_common = sum(_pairs(n) for n in t.cells.values())
    by_key: dict[int, int] = {}
    by_resp: dict[int, int] = {}
    for (k, r), n in t.cells.items():
        by_key[k] = by_key.get(k, 0) + n
        by_resp[r] = by_resp.get(r, 0) + n
    common = sum(t.cells.values())
    n_common = (_pairs(common) - sum(_pairs(n) for n in by_key.values())
                - sum(_pairs(n) for n in by_resp.values()) + c_common)
    n_key = _pairs(sum(t.key_sizes)) - c_key
    n_resp = _pairs(sum(t.resp_sizes)) - c_resp
    return c_common, c_key, c_resp, n_common, n_key, n_resp


def _links(clusters: Clusters) -> tuple[set[frozenset], set[frozenset]]:
    coref = {frozenset(p) for c in clusters for p in itertools.combinations(c, 2)}
    non = {frozenset((a, b)) for c1, c2 in itertools.combinations(clusters, 2) for a in c1 for b in c2}
    return coref, non


def _blanc_by_links(key: Clusters, response: Clusters) -> tuple[int, int, int, int, int, int]:
    """v8.01's link sets, enumerated: only for responses that repeat a twinless mention (quadratic)."""
    kc, kn = _links(key)
    rc, rn = _links(response)
    return len(kc & rc), len(kc), len(rc), len(kn & rn), len(kn), len(rn)


def muc(key: Clusters, response: Clusters) -> tuple[float, float, float, float]:
    """MUC (Vilain et al. 1995): links, as v8.01 ``MUCScorer`` on its adjusted response."""
    return _muc(contingency(key, response))


def b_cubed(key: Clusters, response: Clusters) -> tuple[float, float, float, float]:
    """B³ (Bagga & Baldwin 1998), summed over response mentions as v8.01 ``BCUBED``."""
    return _b_cubed(contingency(key, response))


def _phi(a: Sequence[Mention], b: Sequence[Mention], entity: bool) -> float:
    b_set = set(b)
    common = sum(1 for m in a if m in b_set)
    if not entity:
        return common
    return 2 * common / (len(a) + len(b)) if a or b else 0.0


def ceaf(key: Clusters, response: Clusters, entity: bool) -> tuple[float, float, float, float]:
    """CEAF (Luo 2005): φ4 (entity) or φ3 (mention) similarity under the optimal alignment.

    Only clusters sharing mentions have a non-zero similarity, so the assignment is
    solved per connected component (same optimum, much smaller matrices).
    """
    return _ceaf(contingency(key, response), entity)


def blanc_counts(key: Clusters, response: Clusters) -> tuple[int, int, int, int, int, int]:
    """BLANC link counts ``(c_common, c_key, c_resp, n_common, n_key, n_resp)``."""
    return _blanc(contingency(key, response))


# --- cross-document clusters as additive cells ---

def cell_stats(labels: Iterable[tuple[Any, Any]], prefix: str) -> Counter:
    """Additive statistics of mentions given as ``(key label, response label)``, one pair per mention.

    A label is a cluster id shared across documents (any string), None for a mention
    in a cluster of its own (a singleton), or False for "not on this side" (a key
    mention the response missed, a response mention not in the key). Per label pair
    the statistic ``<prefix><json>`` counts the mentions; such counts add over
    documents and over bootstrap copies of a document.
    """
    stats: Counter = Counter()
    for key_label, resp_label in labels:
        stats[prefix + json.dumps([key_label, resp_label], ensure_ascii=False)] += 1
    return stats


@lru_cache(maxsize=65536)
def _cell_labels(name: str, prefix: str) -> tuple[Any, Any]:
    g, p = json.loads(name[len(prefix):])
    return g, p


def table_from_stats(stats: Mapping[str, float], prefix: str) -> Contingency:
    """The contingency table of all mentions in (merged) :func:`cell_stats` statistics.

    Labelled clusters are shared by every mention carrying the label; each mention
    without a label is a cluster of its own (so a document drawn twice by the
    bootstrap adds two copies to the labelled clusters and two separate singletons).
    Cost: linear in the number of cells plus singletons.
    """
    key_ids: dict[str, int] = {}
    resp_ids: dict[str, int] = {}
    key_sizes: list[int] = []
    resp_sizes: list[int] = []
    cells: dict[tuple[int, int], int] = {}
    common = n_key = n_resp = 0

    def cluster(ids: dict[str, int], sizes: list[int], label: Any) -> int | None:
        if label is False:
            return None
        if label is None or label not in ids:
            sizes.append(0)
            if label is not None:
                ids[label] = len(sizes) - 1
            return len(sizes) - 1
        return ids[label]

    for name in sorted(k for k in stats if k.startswith(prefix)):
        count = int(stats[name])
        if count <= 0:
            continue
        g, p = _cell_labels(name, prefix)
        single = g is None or p is None
        for _ in range(count if single else 1):
            weight = 1 if single else count
            k, r = cluster(key_ids, key_sizes, g), cluster(resp_ids, resp_sizes, p)
            if k is not None:
                key_sizes[k] += weight
                n_key += weight
            if r is not None:
                resp_sizes[r] += weight
                n_resp += weight
            if k is not None and r is not None:
                cells[(k, r)] = cells.get((k, r), 0) + weight
                common += weight
    return Contingency(key_sizes, resp_sizes, cells, (common, n_key, common, n_resp))


def table_clusters(table: Contingency) -> tuple[list[list[int]], list[list[int]]]:
    """Key and response clusters of synthetic mentions (integers) with the table's sizes and overlaps."""
    key: list[list[int]] = [[] for _ in table.key_sizes]
    response: list[list[int]] = [[] for _ in table.resp_sizes]
    serial = 0
    for (k, r), n in sorted(table.cells.items()):
        for _ in range(n):
            key[k].append(serial)
            response[r].append(serial)
            serial += 1
    for side, sizes in ((key, table.key_sizes), (response, table.resp_sizes)):
        for i, size in enumerate(sizes):
            while len(side[i]) < size:
                side[i].append(serial)
                serial += 1
    return key, response


# --- statistics and scores ---

def coref_stats(key: Clusters, response: Clusters, prefix: str = "coref.") -> Counter:
    """All metrics' numerators and denominators for one key/response pair (v8.01 response dedup)."""
    return table_stats(contingency([list(c) for c in key], dedupe_response(key, response)), prefix)


def table_stats(table: Contingency, prefix: str = "coref.") -> Counter:
    """All metrics' numerators and denominators from a contingency table."""
    stats: Counter = Counter()
    parts = {"muc": _muc(table), "bcub": _b_cubed(table), "ceafm": _ceaf(table, entity=False),
             "ceafe": _ceaf(table, entity=True), "mentions": table.mentions}
    for name, values in parts.items():
        for field, value in zip(("rn", "rd", "pn", "pd"), values):
            stats[f"{prefix}{name}.{field}"] = value
    for field, value in zip(BLANC_KEYS, _blanc(table)):
        stats[f"{prefix}blanc.{field}"] = value
    return stats


def _f1(r: float | None, p: float | None) -> float | None:
    return None if r is None or p is None else (0.0 if r + p == 0 else 2 * r * p / (r + p))


def _rpf(stats: Mapping[str, float], head: str) -> dict[str, float | None]:
    got = rates(stats.get(head + "pn", 0), stats.get(head + "pd", 0), stats.get(head + "rn", 0),
                stats.get(head + "rd", 0))
    return {"recall": got["recall"], "precision": got["precision"], "f1": got["f1"]}


def blanc_scores(c_common: float, c_key: float, c_resp: float,
                 n_common: float, n_key: float, n_resp: float) -> dict[str, float | None]:
    """BLANC from link counts, as v8.01 ``ComputeBLANCFromCounts``.

    The key decides which link types count: both (means of the two), only one, or
    none (None; v8.01 prints 0). Inside the mean an empty response side has
    precision 0, as in v8.01; when only one type counts, or the response has no
    link at all, an empty response side gives precision None.
    """
    if not c_key and not n_key:
        return {"recall": None, "precision": None, "f1": None}
    if not c_key or not n_key:
        common, k, r = (n_common, n_key, n_resp) if not c_key else (c_common, c_key, c_resp)
        rec, prec = ratio(common, k), ratio(common, r)
        return {"recall": rec, "precision": prec, "f1": _f1(rec, prec)}
    rc, rn = c_common / c_key, n_common / n_key
    recall = (rc + rn) / 2
    if not c_resp and not n_resp:
        return {"recall": recall, "precision": None, "f1": None}
    pc, pn = ratio(c_common, c_resp) or 0.0, ratio(n_common, n_resp) or 0.0
    return {"recall": recall, "precision": (pc + pn) / 2, "f1": (_f1(rc, pc) + _f1(rn, pn)) / 2}


def conll_f1(table: Contingency) -> float | None:
    """The CoNLL average (MUC, B³, CEAF-e F1) alone, for bootstrap resamples (same numbers as :func:`coref_scores`)."""
    return conll_from_parts(_muc(table), _b_cubed(table), _ceaf(table, entity=True))


Parts = tuple[float, float, float, float]


def conll_from_parts(muc_part: Parts, bcub_part: Parts, ceafe_part: Parts) -> float | None:
    """The CoNLL average from the ``(rn, rd, pn, pd)`` of MUC, B³ and CEAF-e (as :func:`coref_scores` computes it)."""
    stats: Counter = Counter()
    for name, values in (("muc", muc_part), ("bcub", bcub_part), ("ceafe", ceafe_part)):
        for field, value in zip(("rn", "rd", "pn", "pd"), values):
            stats[f"{name}.{field}"] = value
    parts = [_rpf(stats, f"{m}.")["f1"] for m in ("muc", "bcub", "ceafe")]
    return None if any(f is None for f in parts) else sum(parts) / 3


def coref_scores(stats: Mapping[str, float], prefix: str = "coref.") -> dict[str, Any]:
    """Recall/precision/F1 per metric, BLANC, mention identification and the CoNLL average."""
    out: dict[str, Any] = {name: _rpf(stats, f"{prefix}{name}.") for name in (*METRICS, "mentions")}
    out["blanc"] = blanc_scores(*(stats.get(f"{prefix}blanc.{k}", 0) for k in BLANC_KEYS))
    parts = [out[m]["f1"] for m in ("muc", "bcub", "ceafe")]
    out["conll_f1"] = None if any(f is None for f in parts) else sum(parts) / 3
    return out
