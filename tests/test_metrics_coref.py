"""Coreference metrics (newsgold.metrics.coref) against the CoNLL reference scorer v8.01 test suite."""
from __future__ import annotations

import itertools
import json
import random
import re
from pathlib import Path

import pytest

from newsgold.metrics.base import merge
from newsgold.metrics.coref import (blanc_scores, coref_scores, coref_stats, dedupe_response, max_assignment)

PEER = Path(__file__).parent / "data" / "peer" / "coref"
VECTORS = json.loads((PEER / "expected.json").read_text(encoding="utf-8"))
SINGLE, OPEN, CLOSE, DOUBLE = (re.compile(p) for p in (r"\((\d+)\)", r"\((\d+)", r"(\d+)\)", r"\((\d+\+\d)\)"))


def parse_conll(path: Path) -> dict[str, list[list[tuple[int, int]]]]:
    """Clusters per document of a CoNLL-2011/2012 file, read as v8.01 ``GetCoreference`` reads it.

    Mentions are ``(first token, last token)`` over the document's token lines (blank lines skipped);
    the coreference column is the last non-empty tab field; clusters are ordered by the first appearance
    of their number (single-token mentions first on a line, then openings, then closings) and mentions by
    the line where they close.
    """
    docs: dict[str, list[list[tuple[int, int]]]] = {}
    name, index, clusters, opened, line_no = None, {}, {}, {}, 0

    def slot(number: str) -> int:
        return index.setdefault(number, len(index))

    def take(pattern: re.Pattern, info: str):
        while (m := pattern.search(info)) is not None:
            info = info[:m.start()] + info[m.end():]
            yield m.group(1)

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.rstrip("\r")
        if begin := re.match(r"^#\s*begin document (.*?)$", line):
            name, index, clusters, opened, line_no = begin.group(1), {}, {}, {}, 0
            continue
        if not line.strip():
            continue
        if re.search(r"#\s*end document", line):
            assert not any(opened.values()), "unclosed mention"
            docs[name] = [clusters[i] for i in sorted(clusters)]
            continue
        fields = line.split("\t")
        while fields and fields[-1] == "":
            fields.pop()  # Perl's split drops trailing empty fields
        info = fields[-1]
        if info != "_":
            info = "".join(DOUBLE.split(info)[::2])
            for number in take(SINGLE, info):
                clusters.setdefault(slot(number), []).append((line_no, line_no))
            info = SINGLE.sub("", info)
            for number in take(OPEN, info):
                opened.setdefault(slot(number), []).append(line_no)
            info = OPEN.sub("", info)
            for number in take(CLOSE, info):
                i = slot(number)
                clusters.setdefault(i, []).append((opened[i].pop(), line_no))
        line_no += 1
    return docs


def _stats(case: dict):
    key = parse_conll(PEER / "data" / case["key_file"])
    resp = parse_conll(PEER / "data" / case["response_file"])
    return merge(coref_stats(key[doc], resp.get(doc, [])) for doc in key)


EXPECTATIONS = [(case, metric) for case in VECTORS["cases"] for metric in case["expected"]]


def test_there_are_91_expectations():
    assert len(EXPECTATIONS) == 91


@pytest.mark.parametrize("case,metric", EXPECTATIONS, ids=[f"{c['id']}-{m}" for c, m in EXPECTATIONS])
def test_reference_scorer_expectations(case, metric):
    stats = _stats(case)
    scores = coref_scores(stats)
    want = case["expected"][metric]
    expected_r, expected_p, expected_f = want["recall_precision_f1"]
    got = scores[metric]
    raw = want.get("scorer_v8_01_output", {})
    if "recall_num" in raw:  # v8.01's own numerators and denominators
        for field, key in (("rn", "recall_num"), ("rd", "recall_den"), ("pn", "precision_num"),
                           ("pd", "precision_den")):
            assert stats[f"coref.{metric}.{field}"] == pytest.approx(raw[key], rel=1e-9, abs=1e-9), field
    # where v8.01 divides by zero it prints 0; we report None (and then F1 is None too)
    for ours, theirs in ((got["recall"], expected_r), (got["precision"], expected_p), (got["f1"], expected_f)):
        if ours is None:
            assert theirs == 0
        else:
            # the expression values in CorefMetricTestConfig.pm are rounded to 5 decimals in places
            assert ours == pytest.approx(theirs, abs=1e-5)
    if metric != "blanc":
        assert got["recall"] is not None or stats[f"coref.{metric}.rd"] == 0
        assert got["precision"] is not None or stats[f"coref.{metric}.pd"] == 0


@pytest.mark.parametrize("case", VECTORS["cases"], ids=[c["id"] for c in VECTORS["cases"]])
def test_mention_identification(case):
    stats = _stats(case)
    assert [stats[f"coref.mentions.{k}"] for k in ("rn", "rd", "pn", "pd")] == case["mention_identification_v801"]


def test_a9_dedup_removes_ten_repeats_of_a_key_mention():
    # TC-A-9.response: cluster 3 holds b (tokens 3-6) ten times plus z; b is already in cluster 1.
    resp = parse_conll(PEER / "data" / "TC-A-9.response")["(LuoTestCase); "]
    key = parse_conll(PEER / "data" / "TC-A.key")["(LuoTestCase); "]
    assert sum(m == (3, 6) for c in resp for m in c) == 11
    deduped = dedupe_response(key, resp)
    assert sum(m == (3, 6) for c in deduped for m in c) == 1
    assert sorted(len(c) for c in deduped) == [1, 1, 2, 3]  # {a} {z} {dy} {bcx}


# --- hand-made cases ---

def test_hand_made_all_metrics():
    # key {a b c} {d e}; response {a b} {c d} {e f}  (f is twinless)
    # MUC: key links 2 + 1 = 3; response chains after v8.01 adjustment {ab} {cd} {ef}: 3 links.
    #   correct: {ab} a-b same key cluster -> 1; {cd} different -> 0; {ef} f not in key -> 0. R = 1/3, P = 1/3.
    # B3 over response mentions: a: |{ab}∩{abc}| = 2 -> P 2/2, R 2/3; b same; c: |{cd}∩{abc}| = 1 -> P 1/2,
    #   R 1/3; d: |{cd}∩{de}| = 1 -> P 1/2, R 1/2; e: |{ef}∩{de}| = 1 -> P 1/2, R 1/2; f: 0.
    #   R = (2/3+2/3+1/3+1/2+1/2)/5 = (8/3)/5 = 8/15; P = (1+1+1/2+1/2+1/2+0)/6 = 3.5/6 = 7/12.
    # CEAF-e: φ4(abc,ab) = 4/5, φ4(abc,cd) = 2/5, φ4(de,cd) = 2/4, φ4(de,ef) = 2/4; best: abc-ab + de-cd (or de-ef)
    #   = 0.8 + 0.5 = 1.3; R = 1.3/2 = 0.65, P = 1.3/3.
    # CEAF-m: φ3 = overlaps: abc-ab 2 + de-cd 1 (or de-ef 1) = 3; R = 3/5, P = 3/6.
    # BLANC: key coref {ab ac bc de} (4); key non-coref: abc x de = 6. response coref {ab cd ef} (3);
    #   response non-coref: ab x cd 4 + ab x ef 4 + cd x ef 4 = 12 pairs.
    #   coref common {ab} = 1 -> Rc 1/4, Pc 1/3; non-coref common: ad ae bd be ce -> 5 of key's 6
    #   (ad ae bd be from ab x cd / ab x ef, ce from cd x ef) -> Rn 5/6, Pn 5/12.
    #   R = (1/4 + 5/6)/2 = 13/24; P = (1/3 + 5/12)/2 = 3/8; Fc = 2*(1/4)(1/3)/(7/12) = 2/7,
    #   Fn = 2*(5/6)(5/12)/(15/12) = 5/9; F = (2/7 + 5/9)/2 = 53/126.
    key = [["a", "b", "c"], ["d", "e"]]
    resp = [["a", "b"], ["c", "d"], ["e", "f"]]
    got = coref_scores(coref_stats(key, resp))
    assert (got["muc"]["recall"], got["muc"]["precision"]) == pytest.approx((1 / 3, 1 / 3))
    assert (got["bcub"]["recall"], got["bcub"]["precision"]) == pytest.approx((8 / 15, 7 / 12))
    assert (got["ceafe"]["recall"], got["ceafe"]["precision"]) == pytest.approx((0.65, 1.3 / 3))
    assert (got["ceafm"]["recall"], got["ceafm"]["precision"]) == pytest.approx((3 / 5, 3 / 6))
    assert (got["blanc"]["recall"], got["blanc"]["precision"], got["blanc"]["f1"]) == pytest.approx(
        (13 / 24, 3 / 8, 53 / 126))
    f = [2 * r * p / (r + p) for r, p in ((1 / 3, 1 / 3), (8 / 15, 7 / 12), (0.65, 1.3 / 3))]
    assert got["conll_f1"] == pytest.approx(sum(f) / 3)


def test_identity_gives_one_and_empty_gives_none():
    key = [["a", "b", "c"], ["d", "e"], ["f"]]
    got = coref_scores(coref_stats(key, key))
    for metric in ("muc", "bcub", "ceafe", "ceafm", "blanc"):
        assert got[metric] == {"recall": 1.0, "precision": 1.0, "f1": 1.0}
    assert got["conll_f1"] == 1.0
    empty = coref_scores(coref_stats([], []))
    assert empty["conll_f1"] is None and empty["muc"]["recall"] is None and empty["blanc"]["f1"] is None


def test_blanc_single_link_type_and_empty_response():
    # key: singletons only -> only non-coref links count (TC-N style). Key {a}{b}{c}: 3 non-coref links.
    # response {a b c}: no non-coref link -> precision None (v8.01 prints 0), recall 0/3.
    assert blanc_scores(0, 0, 3, 0, 3, 0) == {"recall": 0.0, "precision": None, "f1": None}


def test_statistics_add_over_documents_like_the_scorer():
    # v8.01 sums numerators and denominators over the documents of a file.
    a = coref_stats([["a", "b"], ["c"]], [["a", "b", "c"]])
    b = coref_stats([["x", "y", "z"]], [["x"], ["y", "z"]])
    merged = merge([a, b])
    # MUC: doc a R 1/1, P 1/2; doc b R 1/2, P 1/1 -> merged R = 2/3, P = 2/3
    got = coref_scores(merged)["muc"]
    assert (got["recall"], got["precision"]) == pytest.approx((2 / 3, 2 / 3))


# --- Kuhn-Munkres ---

def _brute_force(weights):
    n, m = len(weights), len(weights[0])
    if n <= m:
        return max(sum(weights[i][p[i]] for i in range(n)) for p in itertools.permutations(range(m), n))
    return _brute_force([list(c) for c in zip(*weights)])


def test_max_assignment_against_brute_force():
    rng = random.Random(3)
    for _ in range(300):
        n, m = rng.randint(1, 5), rng.randint(1, 5)
        w = [[rng.choice([0, 0, rng.random(), rng.randint(0, 3)]) for _ in range(m)] for _ in range(n)]
        pairs = max_assignment(w)
        assert len(pairs) == min(n, m)
        assert len({i for i, _ in pairs}) == len({j for _, j in pairs}) == len(pairs)
        assert sum(w[i][j] for i, j in pairs) == pytest.approx(_brute_force(w))


def test_max_assignment_against_scipy():
    optimize = pytest.importorskip("scipy.optimize")
    rng = random.Random(5)
    for _ in range(100):
        n, m = rng.randint(1, 12), rng.randint(1, 12)
        w = [[rng.random() for _ in range(m)] for _ in range(n)]
        rows, cols = optimize.linear_sum_assignment(w, maximize=True)
        ours = max_assignment(w)
        assert sum(w[i][j] for i, j in ours) == pytest.approx(sum(w[i][j] for i, j in zip(rows, cols)))


def test_ceaf_by_components_equals_full_matrix():
    from newsgold.metrics.coref import _phi, ceaf

    def full(key, resp, entity):
        sims = [[_phi(k, r, entity) for r in resp] for k in key]
        return sum(sims[i][j] for i, j in max_assignment(sims)) if key and resp else 0.0

    rng = random.Random(9)
    for _ in range(200):
        mentions = list(range(rng.randint(1, 25))) + [100 + i for i in range(rng.randint(0, 3))]

        def clustering():
            out: dict[int, list[int]] = {}
            for m in mentions:
                if rng.random() < 0.8:
                    out.setdefault(rng.randint(0, 6), []).append(m)
            return list(out.values())

        key, resp = clustering(), clustering()
        for entity in (True, False):
            assert ceaf(key, resp, entity)[0] == pytest.approx(full(key, resp, entity))


def test_blanc_from_cluster_sizes_equals_the_pair_enumeration():
    # issue 8 point 8: BLANC is computed from cluster sizes and overlaps (no mention pair enumerated);
    # on random clusterings it equals v8.01's link sets counted pair by pair
    from newsgold.metrics.coref import _blanc, _blanc_by_links, contingency

    rng = random.Random(21)
    for _ in range(300):
        mentions = list(range(rng.randint(0, 30)))

        def clustering():
            out: dict[int, list[int]] = {}
            for m in mentions + [100 + i for i in range(rng.randint(0, 4))]:
                if rng.random() < 0.85:
                    out.setdefault(rng.randint(0, 8), []).append(m)
            return list(out.values())

        key, resp = clustering(), clustering()
        resp = dedupe_response(key, resp)
        assert _blanc(contingency(key, resp)) == _blanc_by_links(key, resp)
