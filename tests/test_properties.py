"""Property tests (hypothesis): what must hold for every input, not only for the examples we thought of.

* random valid predictions are accepted, never crash the scorers, and give every headline
  score in its documented range (rates in [0, 1], BLEU/chrF in [0, 100], TER >= 0) or null;
* random bytes and random JSON values as prediction lines end in a clean UsageError or are
  accepted: never another exception;
* the gate is monotone: raising any value (lowering one under a TER ceiling) never turns a
  pass into a fail, and never adds a drop;
* the strict JSON reader reads clean JSON exactly as ``json`` does, and refuses a non-finite
  number, an over-long integer or a lone surrogate wherever it sits, naming its path;
* its fast tier accepts exactly the texts its slow tier accepts, with the same value, and the
  reader then gives the slow tier's message (repeated keys, escapes, edges of every limit).

Profiles (tests/conftest.py): a quick default; ``HYPOTHESIS_PROFILE=ci`` runs 1000 examples each.
"""
from __future__ import annotations

import json
import math
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from newsgold import evaluate, gate
from newsgold.checks.schema import validator
from newsgold.corpus import open_corpus
from newsgold.errors import UsageError
from newsgold.gold import MAIN_CONTENT_ZONES
from newsgold.metrics.base import TaskOptions
from newsgold.predictions import Predictions, check_lines, read_predictions
from newsgold.result import validate_result


@lru_cache(maxsize=None)
def _corpus():
    corpus = open_corpus()
    return corpus, corpus.golds()


def golds() -> dict[str, dict[str, Any]]:
    return _corpus()[1]


@lru_cache(maxsize=None)
def _tasks():
    names = evaluate.parse_tasks("all")
    return names, [evaluate.load_task(n) for n in names]


def enum(name: str) -> list:
    return validator("prediction").schema["$defs"][name]["enum"]


SLUGS = st.sampled_from(sorted(_corpus()[0].registry.get("entities", {})) or ["x"]) | st.none()
LANGS = ["el", "nb", "ro", "it", "vi", "en", "zxx", "cs", "pt-BR"]  # any BCP-47 tag is allowed; a sample
ROLES = [r for r in enum("role") if r != "content_event"]  # arguments here refer to entities only
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)
TIMEX_VALUES = st.sampled_from(["2024-09-13", "2024-09", "2024", "2024-W37", "P3M", "PT5H", "PAST_REF", "202X"])


@st.composite
def spans(draw, text: str, limit: int = 12) -> list[dict[str, Any]]:
    """Random well-formed spans of ``text``: integer offsets in range and the exact slice as ``text``."""
    out = []
    for _ in range(draw(st.integers(0, limit))):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, min(len(text), start + 80)))
        span: dict[str, Any] = {"start": start, "end": end}
        if draw(st.booleans()):
            span["text"] = text[start:end]
        out.append(span)
    return out


@st.composite
def prediction(draw, doc_id: str) -> dict[str, Any]:
    """A random prediction line that follows the schema and the span rules (not necessarily a good one)."""
    gold = golds()[doc_id]
    text = gold["text"]
    line: dict[str, Any] = {"doc_id": doc_id}
    if draw(st.booleans()):
        line["language"] = draw(st.sampled_from(LANGS))
    if draw(st.booleans()):
        line["segments"] = [{**s, "zone": draw(st.sampled_from(enum("zone"))), "lang": draw(st.sampled_from(LANGS))}
                            for s in draw(spans(text))]
    entities = [{**s, "id": f"T{i}", "type": draw(st.sampled_from(enum("entity_type"))), "entity": draw(SLUGS)}
                for i, s in enumerate(draw(spans(text)), start=1)]
    if entities or draw(st.booleans()):
        line["entities"] = entities
    if draw(st.booleans()):
        line["timexes"] = [{**s, "type": draw(st.sampled_from(enum("timex_type"))), "value": draw(TIMEX_VALUES)}
                           for s in draw(spans(text))]
    if draw(st.booleans()):
        line["events"] = [{"type": draw(st.sampled_from(enum("event_type"))), "trigger": s,
                           "status": draw(st.sampled_from(enum("status"))),
                           "instance": draw(st.sampled_from(["a-b", "c-d"]) | st.none()),
                           "arguments": [{"role": draw(st.sampled_from(ROLES)), "ref": e["id"]}
                                         for e in draw(st.lists(st.sampled_from(entities), max_size=2))] if entities else []}
                          for s in draw(spans(text, limit=5))]
    main = [s["id"] for s in gold["segments"] if s["zone"] in MAIN_CONTENT_ZONES]
    if draw(st.booleans()) and main:
        chosen = draw(st.lists(st.sampled_from(main), unique=True, max_size=6))
        line["translations"] = [{"segment": seg, "text": draw(TEXT)} for seg in chosen]
    return line


def _in_range(metric: str, value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return False
    parts = metric.split(".")
    eps = 1e-9  # float summation noise (BLEU of identical text can be 100.00000000000004)
    if "ter" in parts:
        return value >= 0
    if {"bleu", "chrf", "chrf++"} & set(parts):
        return -eps <= value <= 100 + eps
    return -eps <= value <= 1 + eps


@given(st.sampled_from(sorted(golds())).flatmap(lambda d: prediction(d)))
def test_random_valid_predictions_score_in_range(line):
    doc_id = line["doc_id"]
    one = {doc_id: golds()[doc_id]}
    preds = check_lines([("random", 1, line)], one)  # valid by construction: must be accepted
    names, tasks = _tasks()
    settings = evaluate.Settings(tuple(names), TaskOptions(False, False, False), 0, 1)
    result = evaluate.build_result([({"name": "random", "mode": "predictions", "ref": "-"}, preds)], tasks, one,
                                   settings, _corpus()[0].fingerprint)
    assert validate_result(result) == []
    assert not any("non-finite" in w for w in result["warnings"])
    for entry in result["systems"]:
        for task, block in entry["tasks"].items():
            for path, cell in block["headline"].items():
                assert _in_range(path, cell["value"]), (task, path, cell)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)
LAYER_GARBAGE = st.fixed_dictionaries(
    {"doc_id": st.sampled_from(sorted(golds()))},
    optional={k: JSON_VALUES for k in ("language", "segments", "entities", "timexes", "events", "translations")},
)


def _read(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.jsonl"
        path.write_bytes(data)
        try:
            assert isinstance(read_predictions(path, golds()), Predictions)
        except UsageError:
            pass


@given(st.binary(max_size=200))
def test_random_bytes_never_crash(data):
    _read(data)


@given(st.lists(JSON_VALUES | LAYER_GARBAGE, min_size=1, max_size=3))
def test_random_json_lines_never_crash(values):
    _read("".join(json.dumps(v) + "\n" for v in values).encode("utf-8", "surrogatepass"))


METRICS = ["lid.char.accuracy", "zones.main_content.f1", "translation.ter.score", "translation.bleu.score"]
SYSTEMS = ["a", "b"]
VALUE = st.floats(0, 100, allow_nan=False) | st.none()


def _result(values: dict[tuple[str, str], float | None]) -> dict[str, Any]:
    systems = []
    for system in SYSTEMS:
        tasks: dict[str, Any] = {}
        for metric in METRICS:
            task, _, path = metric.partition(".")
            node = tasks.setdefault(task, {"scores": {}})["scores"]
            *parents, leaf = path.split(".")
            for part in parents:
                node = node.setdefault(part, {})
            node[leaf] = values[(system, metric)]
        systems.append({"system": {"name": system}, "tasks": tasks})
    return {"signature": {"corpus_fingerprint": "0" * 64}, "systems": systems}


KEYS = [(s, m) for s in SYSTEMS for m in METRICS]


@given(
    st.fixed_dictionaries({k: VALUE for k in KEYS}),
    st.fixed_dictionaries({k: st.floats(0, 50, allow_nan=False) for k in KEYS}),
    st.dictionaries(st.sampled_from(KEYS), st.floats(0, 100, allow_nan=False), max_size=len(KEYS)),
    st.floats(0, 1, allow_nan=False),
)
def test_gate_is_monotone(values, raise_by, floor_values, tolerance):
    floors: dict[str, Any] = {"corpus_fingerprint": "0" * 64, "tolerance": tolerance, "floors": {}}
    for (system, metric), floor in floor_values.items():
        floors["floors"].setdefault(system, {})[metric] = floor
    better = {}
    for key, value in values.items():
        step = raise_by[key]
        better[key] = None if value is None else value - step if gate.lower_is_better(key[1]) else value + step
    before, _ = gate.check(_result(values), floors, tolerance)
    after, _ = gate.check(_result(better), floors, tolerance)
    assert {(d.system, d.metric) for d in after} <= {(d.system, d.metric) for d in before}
    if not before:
        assert not after


CLEAN_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-10**19, 10**19) | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(st.characters(blacklist_categories=("Cs",))),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=30,
)


@given(CLEAN_VALUES, st.booleans())
def test_strict_reader_agrees_with_json_on_clean_input(value, ascii_only):
    from newsgold.jsonio import loads

    text = json.dumps(value, ensure_ascii=ascii_only)
    assert loads(text, "x") == json.loads(text)


@given(CLEAN_VALUES, st.sampled_from(["NaN", "Infinity", "-Infinity", "1e999", "1" * 30, '"\\udfff"']))
def test_strict_reader_refuses_a_bad_value_anywhere(value, bad):
    from newsgold.jsonio import loads

    text = json.dumps([{"k": [0]}, value]).replace("[0]", f"[{bad}]", 1)  # the first "[0]" is ours
    try:
        loads(text, "x")
    except UsageError as exc:
        assert str(exc).startswith("x: $[0].k[0]: ")
    else:
        raise AssertionError(f"accepted {text!r}")


_KEY_TEXTS = st.sampled_from(['"a"', '"b"', '"a:"', '":"', '"\\u003a"', '"\\u003A"', '"\\ud800"', '"é"'])
_SCALAR_TEXTS = (
    st.sampled_from(["0", "-0", "0.0", "1E+308", "1e400", "-1e400", "NaN", "Infinity", "-Infinity", "true",
                     "null", str(2**64 - 1), str(2**64), str(10**20 - 1), str(10**20), str(-(2**63)),
                     str(-(2**63) - 1), "1" * 4301, '"a:b"', '"\\u003a"', '"\\\\u003a"', '"\\ud800"',
                     '"\\udc00x"', '"\\ud83d\\ude00"', "[1,]", '{"a" 1}'])
    | st.integers().map(str) | st.floats().map(json.dumps)
    | st.text(st.characters(), max_size=6).map(lambda s: json.dumps(s))
)
_JSON_TEXTS = st.recursive(
    _SCALAR_TEXTS,
    lambda inner: st.lists(inner, max_size=4).map(lambda xs: "[" + ", ".join(xs) + "]")
    | st.lists(st.tuples(_KEY_TEXTS, inner), max_size=4).map(
        lambda kvs: "{" + ", ".join(f"{k}: {v}" for k, v in kvs) + "}"),
    max_leaves=12,
)


@given(_JSON_TEXTS, st.integers(0, 70), st.booleans())
def test_fast_and_slow_json_tiers_agree(text, depth, objects):
    """The fast tier of the strict reader accepts exactly what the slow (reference) tier accepts, with the
    same value, and otherwise the reader gives the slow tier's message; near the depth limit too."""
    from newsgold import jsonio

    for _ in range(depth):
        text = '{"k": ' + text + "}" if objects else "[" + text + "]"

    def outcome(read):
        try:
            value = read()
        except UsageError as exc:
            return "refused", str(exc)
        return "read", repr(value)

    slow = outcome(lambda: jsonio._slow_loads(text, "x", True))
    assert outcome(lambda: jsonio.parse(text, "x").value) == slow
    if slow[0] == "read":
        parsed = jsonio.parse(text, "x")
        assert parsed.holds_float == jsonio.holds_float(parsed.value)
