"""Schema validation of prediction lines: jsonschema_rs + jsonschema (newsgold) vs jsonschema alone.

Usage: ``python eval/benchmarks/schema_validation.py [--lines 10000] [--repeat 1]``.

Builds ``--lines`` synthetic prediction records from the bundled gold (each gold
document's layers under a fresh doc_id, cycling over the five documents); one record
in 100 carries a defect (a bad language tag, a string offset, an unknown entity type).
Then times, in the same process and on the same records:

* **jsonschema**: ``Draft202012Validator.iter_errors`` on every record (what
  ``newsgold validate`` did before);
* **newsgold**: :func:`newsgold.checks.schema.check_schema` (jsonschema_rs decides,
  jsonschema words the errors of the records it rejects).

Prints, for valid and defective lines apart, the best of ``--repeat`` runs, the ratios,
and the error counts, which must be equal (exit status 1 otherwise).
"""
from __future__ import annotations

import argparse
import sys
import time
from typing import Any, Callable

LAYERS = ("language", "segments", "entities", "timexes", "events", "translations")


def records(n: int) -> list[dict[str, Any]]:
    from newsgold.corpus import open_corpus

    golds = list(open_corpus().documents())
    made = []
    for i in range(n):
        gold = golds[i % len(golds)]
        record = {"doc_id": f"doc-{i:07d}", **{k: gold[k] for k in LAYERS}}
        defect = (i // 100) % 3 if i % 100 == 7 else None
        if defect == 0:
            record = {**record, "language": "EN_us"}
        elif defect == 1:
            record = {**record, "entities": [{**record["entities"][0], "start": "5"}, *record["entities"][1:]]}
        elif defect == 2:
            record = {**record, "entities": [{**record["entities"][0], "type": "PERSON"}]}
        made.append(record)
    return made


def best(fn: Callable[[], int], repeat: int) -> tuple[float, int]:
    times, result = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return min(times), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()

    from newsgold.checks.schema import check_schema, fast_validator, validator

    data = records(args.lines)
    defective = [r for i, r in enumerate(data) if i % 100 == 7]
    valid = [r for i, r in enumerate(data) if i % 100 != 7]
    reference = validator("prediction")
    fast_validator("prediction")  # built outside the timed runs, like the reference
    engines = {
        "jsonschema alone": lambda rs: sum(sum(1 for _ in reference.iter_errors(r)) for r in rs),
        "jsonschema_rs + jsonschema": lambda rs: sum(len(check_schema(r, "prediction")) for r in rs),
    }
    rows = {}
    for name, count in engines.items():
        t_valid, n_valid = best(lambda: count(valid), args.repeat)
        t_bad, n_bad = best(lambda: count(defective), args.repeat)
        rows[name] = (t_valid, t_bad, n_valid + n_bad)
    print(f"{len(data)} prediction lines ({len(valid)} valid, {len(defective)} defective), best of {args.repeat}")
    print(f"{'':28}{'valid s':>10}{'defective s':>13}{'total s':>10}  errors")
    for name, (t_valid, t_bad, errors) in rows.items():
        print(f"{name:28}{t_valid:10.3f}{t_bad:13.3f}{t_valid + t_bad:10.3f}  {errors}")
    (rv, rb, n_ref), (nv, nb, n_new) = rows.values()
    print(f"speed-up: {(rv + rb) / (nv + nb):.1f}x overall, {rv / nv:.1f}x on valid lines "
          f"({rv / len(valid) * 1e3:.3f} ms vs {nv / len(valid) * 1e3:.4f} ms per line)")
    if n_ref != n_new:
        print("error counts differ", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
