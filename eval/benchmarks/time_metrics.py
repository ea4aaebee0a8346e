"""Time the metric kernels against references measured in the same run; print ratios.

Usage: ``python eval/benchmarks/time_metrics.py [--repeat N]``.

- span matcher (:func:`newsgold.metrics.spans.match`, strict) vs nervaluate 1.2.1's
  ``StrictEvaluation`` on one synthetic document of N flat gold spans and N predictions
  (a third shifted, a sixth retyped, a sixth dropped, plus spurious ones), N = 100 and
  6000: seconds per span for both, and how the cost per span grows from 100 to 6000
  (near-linear = about 1x; a matcher comparing every gold with every predicted span
  grows about 60x);
- the whole entities task (four strategies, per type, per language, BIO view) on one
  synthetic document of N flat spans in segments of 50, N = 100 and 6000: cost per span;
- coreference statistics (:func:`newsgold.metrics.coref.coref_stats`: MUC, B³, CEAF-e/m,
  BLANC) vs the enumeration of BLANC's mention-pair link sets alone, on M mentions in
  M/4 clusters, M = 400 and 2000;
- the events task's bootstrap (1000 resamples) on the bundled gold with perturbed
  instances.

Benchmarks print figures, they assert nothing about time.
"""
from __future__ import annotations

import argparse
import itertools
import random
import time
from typing import Any, Callable


def _best(fn: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def _synthetic_spans(n: int, seed: int = 0) -> tuple[list, list]:
    from newsgold.metrics.spans import Span

    rng = random.Random(seed)
    gold, pred = [], []
    for i in range(n):
        start = 20 * i
        label = rng.choice(("PER", "ORG", "LOC"))
        gold.append(Span(start, start + rng.randint(3, 12), label))
        roll = rng.random()
        if roll < 1 / 3:
            pred.append(Span(start + 1, start + 14, label))
        elif roll < 1 / 2:
            pred.append(Span(start, gold[-1].end, "MISC"))
        elif roll < 2 / 3:
            continue
        else:
            pred.append(gold[-1])
        if rng.random() < 0.05:
            pred.append(Span(start + 15, start + 19, label))
    return gold, pred


def bench_matcher(repeat: int) -> list[str]:
    from newsgold.metrics.spans import match

    try:
        from nervaluate.entities import Entity
        from nervaluate.strategies import StrictEvaluation
    except ImportError:
        Entity = StrictEvaluation = None  # noqa: N806
    rows, per_span = [], {}
    for n in (100, 6000):
        gold, pred = _synthetic_spans(n)
        ours = _best(lambda: match(gold, pred, "strict"), repeat)
        line = f"span matcher, {n} gold spans: newsgold {ours / n * 1e6:.2f} us/span"
        if StrictEvaluation is not None:
            g = [Entity(s.label, s.start, s.end - 1) for s in gold]
            p = [Entity(s.label, s.start, s.end - 1) for s in pred]
            theirs = _best(lambda: StrictEvaluation().evaluate(g, p, ["PER", "ORG", "LOC", "MISC"]), repeat)
            line += f", nervaluate {theirs / n * 1e6:.2f} us/span, nervaluate/newsgold {theirs / ours:.1f}x"
        per_span[n] = ours / n
        rows.append(line)
    rows.append(f"span matcher cost per span, 6000 vs 100 spans: {per_span[6000] / per_span[100]:.2f}x")
    return rows


def _entity_doc(n: int, seed: int = 0) -> tuple[dict, dict]:
    rng = random.Random(seed)
    text, segs, gold, pred, seg_start = "", [], [], [], 0
    for i in range(n):
        start = len(text)
        text += f"Name{i}"
        label = rng.choice(("PER", "ORG", "LOC"))
        gold.append({"start": start, "end": len(text), "type": label})
        roll = rng.random()
        if roll < 0.6:
            pred.append({"start": start, "end": len(text), "type": label})
        elif roll < 0.8:
            pred.append({"start": start, "end": len(text), "type": "MISC"})
        elif roll < 0.9:
            pred.append({"start": start + 1, "end": len(text), "type": label})
        text += " and "
        if i % 50 == 49 or i == n - 1:
            segs.append({"start": seg_start, "end": len(text) - 5, "zone": "body", "lang": "en"})
            text += "\n"
            seg_start = len(text)
    return {"doc_id": "d", "text": text, "segments": segs, "entities": gold}, {"entities": pred}


def bench_entities(repeat: int) -> list[str]:
    from newsgold.metrics.base import TaskOptions
    from newsgold.metrics.entities import TASK

    rows, per_span = [], {}
    for n in (100, 6000):
        gold, pred = _entity_doc(n)
        per_span[n] = _best(lambda: TASK.doc_stats(gold, pred, TaskOptions()), repeat) / n
        rows.append(f"entities task, {n} spans in one document: {per_span[n] * 1e6:.1f} us/span")
    rows.append(f"entities task cost per span, 6000 vs 100 spans: {per_span[6000] / per_span[100]:.2f}x")
    return rows


def _pair_links(clusters: list[list[int]]) -> int:
    coref = {frozenset(p) for c in clusters for p in itertools.combinations(c, 2)}
    non = {frozenset((a, b)) for c1, c2 in itertools.combinations(clusters, 2) for a in c1 for b in c2}
    return len(coref) + len(non)


def bench_coref(repeat: int) -> list[str]:
    from newsgold.metrics.coref import coref_stats

    rows = []
    for m in (400, 2000):
        rng = random.Random(m)
        key = [[i for i in range(m) if i % (m // 4) == c] for c in range(m // 4)]
        response = [[i for i in range(m) if (i * 7 + rng.randint(0, 2)) % (m // 4) == c] for c in range(m // 4)]
        ours = _best(lambda: coref_stats(key, response), repeat)
        pairs = _best(lambda: _pair_links(key + response), 1)
        rows.append(f"coreference, {m} mentions: all metrics {ours * 1e3:.1f} ms; "
                    f"enumerating BLANC's pair links alone {pairs * 1e3:.1f} ms ({pairs / ours:.0f}x)")
    return rows


def bench_bootstrap(repeat: int) -> list[str]:
    from newsgold import evaluate
    from newsgold.metrics.events import TASK
    from newsgold.predictions import Predictions

    golds = evaluate.load_golds()
    preds = {d: {"doc_id": d, "events": [{**e, "instance": e["instance"] if i % 3 else None}
                                         for i, e in enumerate(g.get("events") or [])]} for d, g in golds.items()}
    settings = evaluate.Settings(("events",), bootstrap=1000)
    no_boot = evaluate.Settings(("events",), bootstrap=0)
    with_ci = _best(lambda: evaluate.score_task(TASK, golds, Predictions(preds), settings), repeat)
    without = _best(lambda: evaluate.score_task(TASK, golds, Predictions(preds), no_boot), repeat)
    return [f"events task, {len(golds)} documents: scoring {without:.3f} s, with 1000 bootstrap resamples "
            f"{with_ci:.3f} s ({(with_ci - without) / 1000 * 1e3:.2f} ms per resample)"]


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--repeat", type=int, default=3, help="runs per measurement, best kept (default 3)")
    args = p.parse_args()
    for row in [*bench_matcher(args.repeat), *bench_entities(args.repeat), *bench_coref(args.repeat), *bench_bootstrap(args.repeat)]:
        print(row)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
