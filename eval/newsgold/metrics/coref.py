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

Differences from v8.01 in what is *reported*: where a final denominator is empty
the value is None, not 0 (``newsgold.metrics.base``), and F1 is None unless both
recall and precision are defined.

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
from collections import Counter
from typing import Any, Hashable, Mapping, Sequence

from newsgold.metrics.base import ratio

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


# --- metrics; each returns (recall_num, recall_den, precision_num, precision_den) ---

def muc(key: Clusters, response: Clusters) -> tuple[float, float, float, float]:
    """MUC (Vilain et al. 1995): links, as v8.01 ``MUCScorer`` on its adjusted response."""
    k_index = _index(key)
    r_index = _index(response)
    chains = [list(c) for c in response]
    chains += [[m] for cluster in key for m in cluster if m not in r_index]
    chains = [c for c in chains if not (len(c) == 1 and c[0] not in k_index)]
    correct = 0
    for chain in chains:
        for i, mi in enumerate(chain):
            ki = k_index.get(mi)
            if ki is not None and any(k_index.get(mj) == ki for mj in chain[i + 1:]):
                correct += 1
    key_links = sum(len(c) - 1 for c in key if c)
    resp_links = sum(len(c) - 1 for c in chains if c)
    return correct, key_links, correct, resp_links


def b_cubed(key: Clusters, response: Clusters) -> tuple[float, float, float, float]:
    """B³ (Bagga & Baldwin 1998), summed over response mentions as v8.01 ``BCUBED``."""
    k_index = _index(key)
    acc_p = acc_r = 0.0
    for chain in response:
        for m in chain:
            k_chain = key[k_index[m]] if m in k_index else ()
            k_set = set(k_chain)
            common = sum(1 for mr in chain if mr in k_set)
            acc_p += common / len(chain)
            if k_chain:
                acc_r += common / len(k_chain)
    return acc_r, sum(len(c) for c in key), acc_p, sum(len(c) for c in response)


def _phi(a: Sequence[Mention], b: Sequence[Mention], entity: bool) -> float:
    b_set = set(b)
    common = sum(1 for m in a if m in b_set)
    if not entity:
        return common
    return 2 * common / (len(a) + len(b)) if a or b else 0.0


def _components(key: Clusters, response: Clusters) -> list[tuple[list[int], list[int]]]:
    """Groups of key and response clusters linked by shared mentions (connected components)."""
    parent = list(range(len(key) + len(response)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    holders: dict[Mention, list[int]] = {}
    for i, cluster in enumerate(key):
        for m in cluster:
            holders.setdefault(m, []).append(i)
    for j, cluster in enumerate(response):
        for m in cluster:
            for i in holders.get(m, ()):
                parent[find(len(key) + j)] = find(i)
    groups: dict[int, tuple[list[int], list[int]]] = {}
    for i in range(len(key)):
        groups.setdefault(find(i), ([], []))[0].append(i)
    for j in range(len(response)):
        groups.setdefault(find(len(key) + j), ([], []))[1].append(j)
    return [g for g in groups.values() if g[0] and g[1]]


def ceaf(key: Clusters, response: Clusters, entity: bool) -> tuple[float, float, float, float]:
    """CEAF (Luo 2005): φ4 (entity) or φ3 (mention) similarity under the optimal alignment.

    Only clusters sharing mentions have a non-zero similarity, so the assignment is
    solved per connected component (same optimum, much smaller matrices).
    """
    total = 0.0
    for rows, cols in _components(key, response):
        sims = [[_phi(key[i], response[j], entity) for j in cols] for i in rows]
        total += sum(sims[a][b] for a, b in max_assignment(sims))
    if entity:
        return total, sum(1 for c in key if c), total, sum(1 for c in response if c)
    return total, sum(len(c) for c in key), total, sum(len(c) for c in response)


def _links(clusters: Clusters) -> tuple[set[frozenset], set[frozenset]]:
    coref = {frozenset(p) for c in clusters for p in itertools.combinations(c, 2)}
    non = {frozenset((a, b)) for c1, c2 in itertools.combinations(clusters, 2) for a in c1 for b in c2}
    return coref, non


def blanc_counts(key: Clusters, response: Clusters) -> tuple[int, int, int, int, int, int]:
    """BLANC link counts ``(c_common, c_key, c_resp, n_common, n_key, n_resp)``."""
    kc, kn = _links(key)
    rc, rn = _links(response)
    return len(kc & rc), len(kc), len(rc), len(kn & rn), len(kn), len(rn)


# --- statistics and scores ---

def coref_stats(key: Clusters, response: Clusters, prefix: str = "coref.") -> Counter:
    """All metrics' numerators and denominators for one key/response pair (v8.01 response dedup)."""
    resp = dedupe_response(key, response)
    key = [list(c) for c in key]
    stats: Counter = Counter()
    parts = {"muc": muc(key, resp), "bcub": b_cubed(key, resp), "ceafm": ceaf(key, resp, entity=False),
             "ceafe": ceaf(key, resp, entity=True), "mentions": mention_counts(key, resp)}
    for name, values in parts.items():
        for field, value in zip(("rn", "rd", "pn", "pd"), values):
            stats[f"{prefix}{name}.{field}"] = value
    for field, value in zip(BLANC_KEYS, blanc_counts(key, resp)):
        stats[f"{prefix}blanc.{field}"] = value
    return stats


def _f1(r: float | None, p: float | None) -> float | None:
    return None if r is None or p is None else (0.0 if r + p == 0 else 2 * r * p / (r + p))


def _rpf(stats: Mapping[str, float], head: str) -> dict[str, float | None]:
    r = ratio(stats.get(head + "rn", 0), stats.get(head + "rd", 0))
    p = ratio(stats.get(head + "pn", 0), stats.get(head + "pd", 0))
    return {"recall": r, "precision": p, "f1": _f1(r, p)}


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


def coref_scores(stats: Mapping[str, float], prefix: str = "coref.") -> dict[str, Any]:
    """Recall/precision/F1 per metric, BLANC, mention identification and the CoNLL average."""
    out: dict[str, Any] = {name: _rpf(stats, f"{prefix}{name}.") for name in (*METRICS, "mentions")}
    out["blanc"] = blanc_scores(*(stats.get(f"{prefix}blanc.{k}", 0) for k in BLANC_KEYS))
    parts = [out[m]["f1"] for m in ("muc", "bcub", "ceafe")]
    out["conll_f1"] = None if any(f is None for f in parts) else sum(parts) / 3
    return out
