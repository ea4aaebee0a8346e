"""Scale benchmark: ``validate`` and ``eval`` on synthetic corpora of 1k, 10k, 100k documents.

Usage::

    PYTHONPATH=eval python eval/benchmarks/scale.py [--sizes 1000,10000] [--work DIR] [--no-bootstrap-default]
        [--folder-eval-max 1000] [--measures validate,validate-folder,eval,jobs,eval-folder,bootstrap,entities]

For each size N a corpus in the contract's shape is generated once (cached in ``--work``):
document ``i`` is bundled document ``i mod 5`` given a new doc_id and a title prefix of
varying length (``"Synth <i> · "``), so that every offset shifts differently and hashes,
lengths and spans are recomputed; predictions are that gold perturbed (a third of the
entities dropped, a quarter of the rest retyped, timexes, segments and translations
thinned, a third of the event instances removed, some languages wrong) and written in a
shuffled order. Both forms are written: JSON Lines (``gold/part-*.jsonl`` + ``kb.json``) and
folder (``folder/corpus`` + ``folder/annotations``).

Measured in the same run, every newsgold command as a whole process (wall seconds, peak
RSS of the process and its workers from ``os.wait4``):

* ``orjson``: parsing gold + predictions line by line with orjson (the floor);
* ``validate --gold gold/`` and ``eval --gold gold/ --predictions preds.jsonl`` for every
  task with ``--bootstrap 0`` and the default 1000, and ``--jobs 2`` (the gold's validity
  verdict is cached by a first, untimed eval, as it is for any second run on a corpus);
* entity scoring in process on the same parsed data: newsgold's entities task (span
  strategies + IOB2 view) against nervaluate (span strategies) and seqeval (IOB2), with the
  figures asserted identical;
* ``eval`` on the bundled five documents with the default bootstrap.

Prints a table of wall and CPU seconds, the ratio of CPU seconds to orjson's, and peak RSS
in MB (of the largest single process). Ratios use CPU time because wall time on a shared
machine also measures the neighbours; the ``--jobs 2`` speed-up is necessarily wall time.
Times depend on the machine (the README's table: 2 cores); nothing here is a test.
"""
from __future__ import annotations

import argparse
import copy
import hashlib
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Iterator, Sequence

SHARDS = 4
DEFAULT_SIZES = (1000, 10000)


# --- generation -----------------------------------------------------------------------------


def _shift(items: list[dict[str, Any]], by: int) -> None:
    for item in items:
        span = item.get("trigger", item)
        span["start"] += by
        span["end"] += by


def synth_document(base: dict[str, Any], i: int) -> dict[str, Any]:
    """Bundled document ``base`` as synthetic document ``i`` (new id, title prefix, offsets shifted)."""
    doc = copy.deepcopy(base)
    lang, _outlet, date = base["doc_id"].split("-")
    doc["doc_id"] = f"{lang}-s{i:07d}-{date}"
    doc["text_file"] = f"corpus/{doc['doc_id']}.txt"
    prefix = f"Synth {i} · "
    first = min(doc["segments"], key=lambda s: s["start"])
    at = first["start"]
    text = base["text"][:at] + prefix + base["text"][at:]
    for layer in ("segments", "entities", "timexes", "events"):
        _shift([m for m in doc[layer] if (m.get("trigger", m))["start"] >= at], len(prefix))
    first["start"] -= len(prefix)
    first["text"] = prefix + first["text"]
    doc["text"] = text
    doc["text_sha256"] = hashlib.sha256(text.encode("utf-8")).hexdigest()
    doc["text_length"] = len(text)
    return doc


def perturb(line: dict[str, Any], i: int) -> dict[str, Any]:
    """A prediction line made imperfect in every layer (deterministic in ``i``), still valid."""
    entities = [e for k, e in enumerate(line["entities"]) if (k + i) % 3]
    for e in entities[i % 4::4]:
        e["type"] = "PER" if e["type"] == "ORG" else "ORG"
        e.pop("subtype", None)
    line["entities"] = entities
    line["timexes"] = line["timexes"][i % 2:]
    known = {m["id"] for layer in ("entities", "timexes", "events") for m in line[layer]}
    for ev in line["events"]:
        ev["arguments"] = [a for a in ev.get("arguments") or [] if a["ref"] in known]
    for ev in line["events"][i % 3::3]:
        ev["instance"] = None
    line["segments"] = line["segments"][::2]
    line["translations"] = line["translations"][i % 2::2]
    if i % 7 == 0:
        line["language"] = "en"
    return line


def _bundled() -> tuple[list[dict[str, Any]], dict[str, Any]]:
    from newsgold.corpus import open_corpus

    corpus = open_corpus()
    return [corpus.document(d) for d in corpus.doc_ids()], corpus.registry


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False) + "\n"


def generate(n: int, folder: Path) -> None:
    """Write the corpus of size ``n`` in both forms and its predictions (skipped when done before)."""
    from newsgold.predictions import from_gold

    stamp = folder / "complete"
    if stamp.exists():
        return
    bases, kb = _bundled()
    (folder / "gold").mkdir(parents=True, exist_ok=True)
    (folder / "folder" / "corpus").mkdir(parents=True, exist_ok=True)
    (folder / "folder" / "annotations").mkdir(parents=True, exist_ok=True)
    for target in (folder / "gold" / "kb.json", folder / "folder" / "annotations" / "kb.json"):
        target.write_text(json.dumps(kb, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    shards = [open(folder / "gold" / f"part-{k}.jsonl", "w", encoding="utf-8") for k in range(SHARDS)]
    for i in range(n):
        doc = synth_document(bases[i % len(bases)], i)
        shards[i * SHARDS // n].write(_dumps(doc))
        text = doc.pop("text")
        (folder / "folder" / doc["text_file"]).write_bytes(text.encode("utf-8"))
        (folder / "folder" / "annotations" / f"{doc['doc_id']}.json").write_text(
            json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    for fh in shards:
        fh.close()
    order = list(range(n))
    random.Random(n).shuffle(order)
    with open(folder / "preds.jsonl", "w", encoding="utf-8") as fh:
        for i in order:
            fh.write(_dumps(perturb(from_gold(synth_document(bases[i % len(bases)], i), kb), i)))
    stamp.touch()


# --- measuring ------------------------------------------------------------------------------


def run_process(argv: Sequence[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system) and peak RSS in MB of a whole process, its
    waited-for workers included. GNU time measures it when present: the RSS ``os.wait4``
    reports for a child of this (large) process would include its image before ``exec``."""
    timer = Path("/usr/bin/time")
    with tempfile.NamedTemporaryFile("r", suffix=".time") as out:
        prefix = [str(timer), "-o", out.name, "-f", "%U %S %M"] if timer.exists() else []
        started = time.perf_counter()
        proc = subprocess.Popen([*prefix, *argv], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            stderr = proc.stderr.read().decode("utf-8", errors="replace") if proc.stderr else ""
            sys.exit(f"{' '.join(argv)} exited with {code}:\n{stderr[-2000:]}")
        if prefix:
            user, system, rss_kb = out.read().split()[-3:]
            return seconds, float(user) + float(system), int(rss_kb) / 1024
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def orjson_parse(paths: Sequence[Path]) -> tuple[float, float]:
    """Wall and CPU seconds to parse every line of the files with orjson (the floor for any reader)."""
    import orjson

    started, cpu = time.perf_counter(), time.process_time()
    for path in paths:
        with open(path, "rb") as fh:
            for line in fh:
                orjson.loads(line)
    return time.perf_counter() - started, time.process_time() - cpu


def _parsed(folder: Path) -> tuple[dict[str, dict], dict[str, dict]]:
    import orjson

    golds = {}
    for shard in sorted((folder / "gold").glob("part-*.jsonl")):
        with open(shard, "rb") as fh:
            for line in fh:
                doc = orjson.loads(line)
                golds[doc["doc_id"]] = doc
    with open(folder / "preds.jsonl", "rb") as fh:
        preds = {p["doc_id"]: p for p in map(orjson.loads, fh)}
    return golds, preds


def entity_figures(folder: Path) -> dict[str, Any]:
    """newsgold's entities task, nervaluate and seqeval on the same data: CPU seconds and equality of figures."""
    from nervaluate import Evaluator
    from seqeval.metrics import classification_report

    from newsgold.metrics.base import TaskOptions, merge
    from newsgold.metrics.bio import segment_sequences
    from newsgold.metrics.entities import TASK

    golds, preds = _parsed(folder)
    ids = sorted(golds)
    started = time.process_time()
    ours = TASK.score(merge(TASK.doc_stats(golds[d], preds.get(d, {}), TaskOptions()) for d in ids), TaskOptions())
    t_ours = time.process_time() - started

    def spans(doc: dict) -> list[dict]:
        return [{"label": e["type"], "start": e["start"], "end": e["end"] - 1} for e in doc.get("entities") or []]

    true, pred = [spans(golds[d]) for d in ids], [spans(preds.get(d, {})) for d in ids]
    started = time.process_time()
    nerv = Evaluator(true, pred, tags=["PER", "ORG", "LOC", "MISC"]).evaluate()["overall"]
    t_nerv = time.process_time() - started
    seqs_true, seqs_pred = [], []
    for d in ids:
        as_tuples = [[(e["start"], e["end"], e["type"]) for e in doc.get("entities") or []] for doc in (golds[d], preds.get(d, {}))]
        t, p = segment_sequences(golds[d]["text"], golds[d]["segments"], *as_tuples)
        seqs_true += t
        seqs_pred += p
    started = time.process_time()
    seq = classification_report(seqs_true, seqs_pred, output_dict=True, zero_division=0)["micro avg"]
    t_seq = time.process_time() - started
    return {"ours": t_ours, "nervaluate": t_nerv, "seqeval": t_seq, "docs": len(ids),
            "same": _same_figures(ours, nerv, seq)}


def _same_figures(ours: dict[str, Any], nerv: dict[str, Any], seq: dict[str, Any]) -> dict[str, bool]:
    names = {"strict": "strict", "exact": "exact", "partial": "partial", "type": "ent_type"}
    out = {}
    for mine, theirs in names.items():
        got = ours["micro"][mine]
        want = nerv[theirs]
        out[f"nervaluate {theirs}"] = all(
            got[k] == getattr(want, k) for k in ("precision", "recall", "f1"))
    bio = ours["bio"]["default"]["micro"]
    out["seqeval micro"] = all(bio[k] == seq[name] for k, name in
                               (("precision", "precision"), ("recall", "recall"), ("f1", "f1-score")))
    return out


# --- the run --------------------------------------------------------------------------------


def newsgold(*args: str) -> list[str]:
    return [sys.executable, "-m", "newsgold", *args]


MEASURES = ("validate", "validate-folder", "eval", "jobs", "eval-folder", "bootstrap", "entities")
"""What ``--measures`` can pick (default: all; ``eval-folder`` only up to ``--folder-eval-max``)."""


def measure_size(n: int, folder: Path, env: dict[str, str], measures: Sequence[str],
                 folder_eval_max: int) -> list[list[str]]:
    gold, preds = folder / "gold", folder / "preds.jsonl"
    files = [*sorted(gold.glob("part-*.jsonl")), preds]
    size_mb = sum(p.stat().st_size for p in files) / 1e6
    wall, parse = min(orjson_parse(files) for _ in range(2))
    rows = [[str(n), f"orjson parse ({size_mb:.0f} MB)", f"{wall:.2f}", f"{parse:.2f}", "1.0", ""]]

    def timed(label: str, *args: str) -> tuple[float, float, float]:
        seconds, cpu, rss = run_process(newsgold(*args), env)
        rows.append([str(n), label, f"{seconds:.2f}", f"{cpu:.2f}", f"{cpu / parse:.1f}", f"{rss:.0f}"])
        print("  ", " | ".join(rows[-1]), flush=True)
        return seconds, cpu, rss

    evalargs = ["eval", "--gold", str(gold), "--predictions", str(preds)]
    run_process(newsgold(*evalargs, "--bootstrap", "0", "--tasks", "timex"), env)  # caches the validity verdict (timex: the cheapest task)
    if "validate" in measures:
        timed("validate, JSON Lines form", "validate", "--gold", str(gold))
    if "validate-folder" in measures:
        timed("validate, folder form", "validate", "--gold", str(folder / "folder"))
    one = two = None
    if "eval" in measures:
        one, _, _ = timed("eval all tasks, bootstrap 0", *evalargs, "--bootstrap", "0")
    if "jobs" in measures:
        two, _, _ = timed("eval all tasks, bootstrap 0, --jobs 2", *evalargs, "--bootstrap", "0", "--jobs", "2")
    if one and two:
        rows.append([str(n), "--jobs 2 speed-up (wall)", f"{one / two:.2f}x", "", "", ""])
    if "eval-folder" in measures and n <= folder_eval_max:
        timed("eval all tasks, bootstrap 0, folder form", "eval", "--gold", str(folder / "folder"),
              "--predictions", str(preds), "--bootstrap", "0")
    if "bootstrap" in measures:
        timed("eval all tasks, bootstrap 1000", *evalargs)
    if "entities" in measures:
        rows += _entity_rows(n, folder, parse)
    return rows


def _entity_rows(n: int, folder: Path, parse: float) -> list[list[str]]:
    """The in-process entity comparison (it holds the parsed corpus: keep it to sizes that fit in memory)."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(1) as pool:  # keeps this process small: its size would leak into later RSS figures
        ent = pool.submit(entity_figures, folder).result()
    rows = []
    for name in ("ours", "nervaluate", "seqeval"):
        label = {"ours": "entities in process: newsgold (spans + IOB2)"}.get(name, f"entities in process: {name}")
        rows.append([str(n), label, "", f"{ent[name]:.2f}", f"{ent[name] / parse:.1f}",
                     f"{ent['docs'] / ent[name]:.0f} docs/s"])
    rows.append([str(n), "identical entity figures", "", "", "", ", ".join(f"{k}: {'yes' if v else 'NO'}"
                                                                       for k, v in ent["same"].items())])
    return rows


def bundled_rows(work: Path, env: dict[str, str]) -> list[list[str]]:
    """eval on the bundled five documents, default bootstrap (predictions: the perturbed gold)."""
    from newsgold.predictions import from_gold

    bases, kb = _bundled()
    preds = work / "bundled-preds.jsonl"
    preds.write_text("".join(_dumps(perturb(from_gold(b, kb), i)) for i, b in enumerate(bases)), encoding="utf-8")
    run_process(newsgold("eval", "--predictions", str(preds), "--bootstrap", "0"), env)
    seconds, cpu, rss = min(run_process(newsgold("eval", "--predictions", str(preds)), env) for _ in range(3))
    return [["5", "eval bundled gold, bootstrap 1000 (best of 3)", f"{seconds:.2f}", f"{cpu:.2f}", "", f"{rss:.0f}"]]


def print_table(rows: list[list[str]]) -> None:
    header = ["N", "measure", "wall s", "CPU s", "CPU / orjson CPU", "peak RSS MB / note"]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for r in [header, ["-" * w for w in widths], *rows]:
        print("| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |")


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)), help="comma-separated corpus sizes")
    p.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "newsgold-scale",
                   help="where corpora are generated and kept")
    p.add_argument("--no-bootstrap-default", action="store_true", help="skip eval with 1000 resamples")
    p.add_argument("--measures", default=",".join(MEASURES),
                   help=f"comma-separated subset of {', '.join(MEASURES)} (default: all); e.g. at 100k "
                        "'validate,eval,jobs' (the in-process entity comparison holds the whole parsed corpus)")
    p.add_argument("--folder-eval-max", type=int, default=1000, metavar="N",
                   help="eval the folder form too up to this size (default 1000)")
    args = p.parse_args(argv)
    measures = [m for m in args.measures.split(",") if m]
    unknown = sorted(set(measures) - set(MEASURES))
    if unknown:
        p.error(f"unknown measure(s) {', '.join(unknown)}: choose from {', '.join(MEASURES)}")
    if args.no_bootstrap_default:
        measures = [m for m in measures if m != "bootstrap"]
    env = {**os.environ, "XDG_CACHE_HOME": str(args.work / "cache")}
    rows = bundled_rows(args.work, env) if args.work.mkdir(parents=True, exist_ok=True) is None else []
    for n in (int(s) for s in args.sizes.split(",")):
        folder = args.work / f"n{n}"
        started = time.perf_counter()
        generate(n, folder)
        print(f"N={n}: corpus ready in {time.perf_counter() - started:.0f} s ({folder})", flush=True)
        rows += measure_size(n, folder, env, measures, args.folder_eval_max)
    print_table(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
