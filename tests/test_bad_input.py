"""The bad-input suite: malformed inputs a user can produce, in one table, each checked for

* the documented exit code (README, "Exit codes"),
* no traceback (the CLI returns; nothing escapes ``newsgold.cli.main``),
* a message naming the file and the line or JSON path (or the option) and what is wrong,
* no file created, changed or left behind in the working folder (a temporary copy of the
  gold included).

Read the table as documentation: one row per hostile input, what newsgold answers.
"""
from __future__ import annotations

import json
import os
import shlex
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest

from newsgold.cli import main
from newsgold.corpus import default_gold_path

FIXTURES = Path(__file__).parent / "fixtures" / "systems"
PY = shlex.quote(sys.executable)

DOC = "el-protothema-20240914"
ENTITY = {"start": 0, "end": 12, "text": "Βόρεια Κορέα", "type": "LOC"}
SEGMENT = "S1"

FIFO, LOOP, FOLDER = "<fifo>", "<symlink loop>", "<folder>"


def line(**layers) -> str:
    """One prediction line for DOC (a JSON object) with the given layers."""
    return json.dumps({"doc_id": DOC, **layers}, ensure_ascii=False) + "\n"


def raw(text: str) -> str:
    """A prediction line written by hand (for JSON that json.dumps would never produce)."""
    return text + "\n"


def entity(**changes) -> str:
    return line(entities=[{**ENTITY, **changes}])


def deep(levels: int) -> str:
    return raw('{"doc_id": "%s", "review": %s%s}' % (DOC, "[" * levels, "]" * levels))


# --- gold mutations (on a temporary copy at {gold}) -------------------------------------------


def _annotation(root: Path) -> Path:
    return root / "annotations" / f"{DOC}.json"


def _edit(change: Callable[[dict], object]) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        path = _annotation(root)
        doc = json.loads(path.read_text("utf-8"))
        replaced = change(doc)
        path.write_text(json.dumps(doc if replaced is None else replaced, ensure_ascii=False), "utf-8")
    return apply


def _edit_kb(change: Callable[[dict], None]) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        path = root / "annotations" / "kb.json"
        kb = json.loads(path.read_text("utf-8"))
        change(kb)
        path.write_text(json.dumps(kb, ensure_ascii=False), "utf-8")
    return apply


def _write_raw(rel: str, data: str | bytes) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        path = root / rel
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return apply


def _segment_beyond_text(doc: dict) -> None:
    doc["segments"][-1]["end"] = doc["text_length"] + 5


def _entity_without_type(doc: dict) -> None:
    del doc["entities"][0]["type"]


def _float_offset(doc: dict) -> None:
    doc["entities"][0]["start"] = float(doc["entities"][0]["start"])


def _remove_docs(root: Path) -> None:
    for path in (root / "annotations").glob("*.json"):
        if path.name != "kb.json":
            path.unlink()


def _jsonl_gold(lines: str) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        shard = root / "shards"
        shard.mkdir()
        shutil.copy(root / "annotations" / "kb.json", shard / "kb.json")
        (shard / "part-0.jsonl").write_text(lines, "utf-8")
    return apply


def _exported(fmt: str, folder: str, name: str | None = None) -> Callable[[Path], None]:
    """Export the gold copy in ``fmt`` into ``<gold>/<folder>`` (one file ``name`` of it, when given)."""
    def apply(root: Path) -> None:
        from newsgold.corpus import FolderCorpus
        from newsgold.publish.exchange import export_files

        files = export_files(FolderCorpus(root), fmt)
        (root / folder).mkdir()
        for file, content in files.items():
            if name is None or file == name:
                (root / folder / (f"{DOC}.json" if name else file)).write_text(content, "utf-8")
    return apply


# --- the table ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One hostile input: the command line (after ``newsgold``), the files it needs, what must happen.

    ``argv`` may use ``{fx}`` (the systems fixtures), ``{py}`` (this Python) and ``{gold}`` (a
    temporary copy of the bundled gold, changed by ``gold`` first). ``files`` are created in the
    working folder (``FIFO``, ``LOOP`` and ``FOLDER`` make special files). ``says`` must all
    appear in stderr.
    """

    id: str
    argv: str
    code: int
    says: tuple[str, ...]
    files: dict[str, str | bytes] = field(default_factory=dict)
    gold: Callable[[Path], None] | None = None


EVAL = "eval --tasks entities,translation --bootstrap 0 --predictions p.jsonl"
EVAL_OK = "eval --tasks lid --bootstrap 0 --predictions ok.jsonl"
GATE = "gate r.json --baseline f.json"
CALL = "eval --tasks entities --bootstrap 0 --system hostile_callables:"
CMD = "eval --tasks lid --bootstrap 0 --timeout 5 --command"

CASES = [
    # -- prediction files: reading -----------------------------------------------------------------
    Case("pred-not-json", EVAL, 2, ("p.jsonl:1", "not JSON", "column"), {"p.jsonl": raw('{"doc_id": ')}),
    Case("pred-not-utf8", EVAL, 2, ("p.jsonl:1", "not UTF-8"), {"p.jsonl": b'{"doc_id": "\xff"}\n'}),
    Case("pred-bom", EVAL, 2, ("p.jsonl:1", "not JSON"), {"p.jsonl": "\ufeff" + line()}),
    Case("pred-missing", "eval --tasks lid --predictions nowhere.jsonl", 2, ("nowhere.jsonl", "file not found")),
    Case("pred-folder", EVAL, 2, ("p.jsonl", "a folder"), {"p.jsonl": FOLDER}),
    Case("pred-fifo", EVAL, 2, ("p.jsonl", "not a regular file"), {"p.jsonl": FIFO}),
    Case("pred-dev-zero", "eval --tasks lid --predictions /dev/zero", 2, ("/dev/zero", "not a regular file")),
    Case("pred-symlink-loop", EVAL, 2, ("p.jsonl", "cannot read"), {"p.jsonl": LOOP}),
    Case("pred-cr-separated", EVAL, 2, ("p.jsonl:1", "not JSON"), {"p.jsonl": line().strip() + "\r" + line()}),
    Case("pred-line-array", EVAL, 2, ("p.jsonl:1", "$"), {"p.jsonl": raw("[1, 2]")}),
    Case("pred-line-null", EVAL, 2, ("p.jsonl:1", "$"), {"p.jsonl": raw("null")}),
    Case("pred-line-too-long", EVAL, 2, ("p.jsonl:1", "longer than"),
         {"p.jsonl": raw(json.dumps({"doc_id": DOC, "review": ["x" * (33 * 1024 * 1024)]}))}),
    # -- prediction files: JSON that other tools read differently ----------------------------------
    Case("pred-duplicate-doc-id-key", EVAL, 2, ("p.jsonl:1", "$", "'doc_id' occurs twice"),
         {"p.jsonl": raw('{"doc_id": "%s", "doc_id": "%s"}' % (DOC, DOC))}),
    Case("pred-duplicate-translations", EVAL, 2, ("p.jsonl:1", "'translations' occurs twice"),
         {"p.jsonl": raw('{"doc_id": "%s", "translations": [{"segment": "S1", "text": "x"}], "translations": []}'
                         % DOC)}),
    Case("pred-duplicate-nested-key", EVAL, 2, ("p.jsonl:1", "$.entities[0]", "'end' occurs twice"),
         {"p.jsonl": raw('{"doc_id": "%s", "entities": [{"start": 0, "end": 12, "end": 3}]}' % DOC)}),
    Case("pred-nan", EVAL, 2, ("p.jsonl:1", "$.entities[0].start", "NaN"),
         {"p.jsonl": raw('{"doc_id": "%s", "entities": [{"start": NaN, "end": 12}]}' % DOC)}),
    Case("pred-infinity", EVAL, 2, ("p.jsonl:1", "$.entities[0].end", "Infinity"),
         {"p.jsonl": raw('{"doc_id": "%s", "entities": [{"start": 0, "end": Infinity}]}' % DOC)}),
    Case("pred-minus-infinity", EVAL, 2, ("p.jsonl:1", "$.entities[0].start", "-Infinity"),
         {"p.jsonl": raw('{"doc_id": "%s", "entities": [{"start": -Infinity, "end": 1}]}' % DOC)}),
    Case("pred-overflow-float", EVAL, 2, ("p.jsonl:1", "$.entities[0].end", "overflows"),
         {"p.jsonl": raw('{"doc_id": "%s", "entities": [{"start": 0, "end": 1e400}]}' % DOC)}),
    Case("pred-huge-int", EVAL, 2, ("p.jsonl:1", "$.entities[0].end", "5000 digits"),
         {"p.jsonl": raw('{"doc_id": "%s", "entities": [{"start": 0, "end": %s}]}' % (DOC, "9" * 5000))}),
    Case("pred-lone-surrogate", EVAL, 2, ("p.jsonl:1", "$.translations[0].text", "lone surrogate"),
         {"p.jsonl": raw('{"doc_id": "%s", "translations": [{"segment": "S1", "text": "\\ud800"}]}' % DOC)}),
    Case("pred-lone-surrogate-key", EVAL, 2, ("p.jsonl:1", "lone surrogate"),
         {"p.jsonl": raw('{"doc_id": "%s", "\\udc00": 1}' % DOC)}),
    Case("pred-deep-nesting", EVAL, 2, ("p.jsonl:1", "$.review", "nested deeper than 64"), {"p.jsonl": deep(100)}),
    Case("pred-recursion-depth", EVAL, 2, ("p.jsonl:1", "column", "nested deeper than 64"), {"p.jsonl": deep(50_000)}),
    # -- prediction files: numbers that are not what they look like --------------------------------
    Case("pred-offset-0.0", EVAL, 2, ("p.jsonl:1", "$.entities[0].start", "is not of type 'integer'"),
         {"p.jsonl": entity(start=0.0)}),
    Case("pred-offset-1e20", EVAL, 2, ("p.jsonl:1", "$.entities[0].end", "is not of type 'integer'"),
         {"p.jsonl": raw('{"doc_id": "%s", "entities": [{"start": 0, "end": 1e20, "text": "x", "type": "LOC"}]}'
                         % DOC)}),
    Case("pred-offset-bool", EVAL, 2, ("p.jsonl:1", "$.entities[0].start"), {"p.jsonl": entity(start=True)}),
    Case("pred-offset-negative", EVAL, 2, ("p.jsonl:1", "$.entities[0].start"), {"p.jsonl": entity(start=-1)}),
    Case("pred-offset-past-text", EVAL, 2, ("p.jsonl:1", "$.entities[0]", "outside the text"),
         {"p.jsonl": entity(end=10**18)}),
    Case("pred-end-before-start", EVAL, 2, ("p.jsonl:1", "$.entities[0].end", "not after start"),
         {"p.jsonl": entity(start=5, end=2)}),
    Case("pred-trigger-float", "eval --tasks events --bootstrap 0 --predictions p.jsonl", 2,
         ("p.jsonl:1", "$.events[0].trigger.start", "is not of type 'integer'"),
         {"p.jsonl": line(events=[{"type": "CONSULT", "trigger": {"start": 0.0, "end": 12, "text": "Βόρεια Κορέα"},
                                   "status": "asserted"}])}),
    # -- prediction files: content -----------------------------------------------------------------
    Case("pred-unknown-doc", EVAL, 2, ("p.jsonl:1", "$.doc_id", "not a gold document"),
         {"p.jsonl": raw('{"doc_id": "xx-nowhere-20240101"}')}),
    Case("pred-repeated-doc", EVAL, 2, ("p.jsonl:2", "$.doc_id", "line 1"), {"p.jsonl": line() + line()}),
    Case("pred-span-text", EVAL, 2, ("p.jsonl:1", "$.entities[0].text", "does not match"),
         {"p.jsonl": entity(text="Νότια Κορέα")}),
    Case("pred-bad-type", EVAL, 2, ("p.jsonl:1", "$.entities[0].type"), {"p.jsonl": entity(type="PERSON")}),
    Case("pred-unknown-segment", EVAL, 2, ("p.jsonl:1", "$.translations[0].segment"),
         {"p.jsonl": line(translations=[{"segment": "S999", "text": "x"}])}),
    Case("pred-too-many-entities", EVAL, 2, ("p.jsonl:1", "$.entities", "at most 10000"),
         {"p.jsonl": line(entities=[ENTITY] * 10_001)}),
    Case("pred-too-many-arguments", "eval --tasks events --bootstrap 0 --predictions p.jsonl", 2,
         ("p.jsonl:1", "$.events[0].arguments", "at most 100"),
         {"p.jsonl": line(entities=[{**ENTITY, "id": "T1"}],
                          events=[{"type": "CONSULT", "trigger": {"start": 0, "end": 12},
                                   "arguments": [{"role": "actor", "ref": "T1"}] * 101}])}),
    Case("pred-translation-too-long", EVAL, 2, ("p.jsonl:1", "$.translations[0].text", "at most 3000 characters"),
         {"p.jsonl": line(translations=[{"segment": SEGMENT, "text": "x" * 3001}])}),
    Case("pred-translation-too-many-words", EVAL, 2, ("p.jsonl:1", "$.translations[0].text", "at most 300 words"),
         {"p.jsonl": line(translations=[{"segment": SEGMENT, "text": "a " * 301}])}),
    Case("pred-against-nan", EVAL_OK + " --against a.jsonl", 2, ("a.jsonl:1", "NaN"),
         {"ok.jsonl": "", "a.jsonl": raw('{"doc_id": "%s", "entities": [{"start": NaN}]}' % DOC)}),
    Case("pred-bench-nan", "bench --no-write --no-progress --systems none --tasks entities --bootstrap 0 "
         "--predictions p.jsonl", 2, ("p.jsonl:1", "$.entities[0].start", "NaN"),
         {"p.jsonl": raw('{"doc_id": "%s", "entities": [{"start": NaN, "end": 12}]}' % DOC)}),
    Case("validate-pred-duplicate-key", "validate p.jsonl", 2, ("p.jsonl:1", "occurs twice"),
         {"p.jsonl": raw('{"doc_id": "%s", "doc_id": "%s"}' % (DOC, DOC))}),
    Case("validate-pred-offset-float", "validate p.jsonl", 1, ("p.jsonl:1", "$.entities[0].start", "is not of type 'integer'"),
         {"p.jsonl": entity(start=0.0)}),
    # -- gold corpora (a temporary copy) ------------------------------------------------------------
    Case("gold-segment-beyond-text", "eval --gold {gold} " + EVAL_OK[5:], 1,
         (f"{DOC}.json", "$.segments", "outside the text"), {"ok.jsonl": ""}, gold=_edit(_segment_beyond_text)),
    Case("gold-entity-without-type", "eval --gold {gold} " + EVAL_OK[5:], 1,
         (f"{DOC}.json", "$.entities[0]", "'type'"), {"ok.jsonl": ""}, gold=_edit(_entity_without_type)),
    Case("gold-annotation-is-list", "eval --gold {gold} " + EVAL_OK[5:], 1,
         (f"{DOC}.json", "expected a JSON object"), {"ok.jsonl": ""}, gold=_edit(lambda d: [d])),
    Case("gold-registry-entities-list", "eval --gold {gold} " + EVAL_OK[5:], 1,
         ("kb.json", "$.entities"), {"ok.jsonl": ""}, gold=_edit_kb(lambda kb: kb.update(entities=[]))),
    Case("gold-empty-corpus", "eval --gold {gold} " + EVAL_OK[5:], 2,
         ("annotations", "empty corpus"), {"ok.jsonl": ""}, gold=_remove_docs),
    Case("gold-offset-float", "eval --gold {gold} " + EVAL_OK[5:], 1,
         (f"{DOC}.json", "$.entities[0].start", "is not of type 'integer'"), {"ok.jsonl": ""}, gold=_edit(_float_offset)),
    Case("gold-duplicate-key", "eval --gold {gold} " + EVAL_OK[5:], 2, (f"{DOC}.json", "'doc_id' occurs twice"),
         {"ok.jsonl": ""}, gold=_write_raw(f"annotations/{DOC}.json", '{"doc_id": "a", "doc_id": "b"}')),
    Case("gold-nan", "eval --gold {gold} " + EVAL_OK[5:], 2, (f"{DOC}.json", "$.x", "NaN"),
         {"ok.jsonl": ""}, gold=_write_raw(f"annotations/{DOC}.json", '{"x": NaN}')),
    Case("gold-text-not-utf8", "eval --gold {gold} " + EVAL_OK[5:], 2, (f"{DOC}.txt", "not UTF-8"),
         {"ok.jsonl": ""}, gold=_write_raw(f"corpus/{DOC}.txt", b"\xff\xfe")),
    Case("gold-kb-missing", "eval --gold {gold} " + EVAL_OK[5:], 2, ("kb.json", "file not found"),
         {"ok.jsonl": ""}, gold=lambda root: (root / "annotations" / "kb.json").unlink()),
    Case("gold-jsonl-line-not-object", "eval --gold {gold}/shards " + EVAL_OK[5:], 1,
         ("part-0.jsonl:1", "expected a JSON object"), {"ok.jsonl": ""}, gold=_jsonl_gold("[1]\n")),
    Case("gold-jsonl-duplicate-key", "validate --gold {gold}/shards", 2, ("part-0.jsonl", "occurs twice"),
         gold=_jsonl_gold('{"doc_id": "a", "doc_id": "b"}\n')),
    Case("gold-doc-id-not-string", "eval --gold {gold} " + EVAL_OK[5:], 1, (f"{DOC}.json", "$.doc_id", "not a string"),
         {"ok.jsonl": ""}, gold=_edit(lambda d: d.update(doc_id=5))),
    Case("gold-jsonl-text-not-string", "stats --gold {gold}/shards", 1, ("part-0.jsonl:1", "$.text", "not a string"),
         gold=_jsonl_gold('{"doc_id": "a", "text": 5}\n')),
    Case("gold-jsonl-no-doc-id", "eval --gold {gold}/shards " + EVAL_OK[5:], 1, ("part-0.jsonl:1", "$.doc_id"),
         {"ok.jsonl": ""}, gold=_jsonl_gold('{"text": "x"}\n')),
    Case("gold-jsonl-audit-not-object", "audit --gold {gold}/shards", 1, ("part-0.jsonl:1", "expected a JSON object"),
         gold=_jsonl_gold('"just a string"\n')),
    Case("gold-bench-segment-beyond-text", "bench --gold {gold} --no-write --no-progress --systems none "
         "--predictions ok.jsonl --bootstrap 0", 1, (f"{DOC}.json", "$.segments", "outside the text"),
         {"ok.jsonl": ""}, gold=_edit(_segment_beyond_text)),
    Case("gold-validate-symlink-loop", "validate loop.json", 2, ("loop.json", "cannot read"), {"loop.json": LOOP}),
    Case("gold-validate-fifo", "validate fifo.json", 2, ("fifo.json", "not a regular file"), {"fifo.json": FIFO}),
    Case("gold-validate-deep", "validate x.json", 2, ("x.json", "line 1, column", "nested deeper"),
         {"x.json": "[" * 50_000 + "]" * 50_000}),
    # -- systems: callables ------------------------------------------------------------------------
    Case("callable-exit-0", CALL + "exit_zero", 2, ("hostile_callables:exit_zero", "sys.exit(0)")),
    Case("callable-exit-3", CALL + "exit_three", 2, ("hostile_callables:exit_three", "sys.exit(3)")),
    Case("callable-not-iterable", CALL + "not_iterable", 2, ("raised TypeError",)),
    Case("callable-nan", CALL + "nan_offsets", 2, ("answer 1", "not JSON-serialisable")),
    Case("callable-lone-surrogate", CALL + "lone_surrogate", 2, ("answer 1", "$.translations[0].text", "lone surrogate")),
    Case("callable-float-offsets", CALL + "float_offsets", 2, ("answer line 1", "$.entities[0].start", "is not of type 'integer'")),
    Case("callable-too-deep", CALL + "too_deep", 2, ("answer 1", "$.review", "nested deeper")),
    Case("callable-endless-generator", CALL + "endless", 2, ("answer line(s) for 5 document(s)",)),
    Case("callable-never-returns", "eval --tasks lid --bootstrap 0 --timeout 1 --system hostile_callables:forever", 2,
         ("hostile_callables:forever", "no answer within 1 s")),
    Case("callable-no-colon", "eval --tasks lid --system hostile_callables", 2, ("expected package.module:function",)),
    Case("callable-no-module", "eval --tasks lid --system no_such_module:f", 2, ("cannot import 'no_such_module'",)),
    # -- systems: commands -------------------------------------------------------------------------
    Case("command-unbalanced-quote", CMD + " \"{py} 'oops\"", 2, ("--command", "No closing quotation")),
    Case("command-empty", CMD + " ''", 2, ("--command", "empty command")),
    Case("command-not-found", CMD + " /no/such/program", 2, ("cannot start", "/no/such/program")),
    Case("command-stderr-only", CMD + " '{py} {fx}/stderr_only.py'", 2, ("0 answer line(s)", "CUDA out of memory")),
    Case("command-crash", CMD + " '{py} {fx}/crash.py'", 2, ("exited with status 3", "RuntimeError: boom")),
    Case("command-garbage", CMD + " '{py} {fx}/garbage.py'", 2, ("stdout line 1 is not JSON",)),
    Case("command-hang", "eval --tasks lid --timeout 1 --command '{py} {fx}/hang.py'", 2, ("no answer within 1 s",)),
    Case("command-detached-child", "eval --tasks lid --timeout 1 --command '{py} {fx}/detach.py 60'", 2,
         ("no answer within 1 s",)),
    Case("command-line-too-long", CMD + " '{py} {fx}/flood.py'", 2, ("stdout line 1", "longer than")),
    # -- options -----------------------------------------------------------------------------------
    Case("option-timeout-nan", EVAL_OK + " --timeout nan", 2, ("--timeout", "not a finite number")),
    Case("option-timeout-inf", EVAL_OK + " --timeout inf", 2, ("--timeout", "not a finite number")),
    Case("option-timeout-zero", EVAL_OK + " --timeout 0", 2, ("--timeout", "out of range")),
    Case("option-bootstrap-negative", "eval --tasks lid --predictions ok.jsonl --bootstrap -1", 2,
         ("--bootstrap", "out of range")),
    Case("option-bootstrap-float", "eval --tasks lid --predictions ok.jsonl --bootstrap 1e3", 2,
         ("--bootstrap", "not an integer")),
    Case("option-bootstrap-huge", "eval --tasks lid --predictions ok.jsonl --bootstrap 1000000000", 2,
         ("--bootstrap", "out of range")),
    Case("option-seed-nan", EVAL_OK + " --seed nan", 2, ("--seed", "not an integer")),
    Case("option-bench-timeout-nan", "bench --no-write --timeout nan", 2, ("--timeout", "not a finite number")),
    # -- gate --------------------------------------------------------------------------------------
    Case("gate-floor-nan", GATE, 2, ("f.json", "NaN"), {"f.json": "<floors:NaN>", "r.json": "<result>"}),
    Case("gate-floors-tolerance-nan", GATE, 2, ("f.json", "$.tolerance", "NaN"),
         {"f.json": "<floors-tolerance:NaN>", "r.json": "<result>"}),
    Case("gate-tolerance-option-nan", GATE + " --tolerance nan", 2, ("--tolerance", "not a finite number"),
         {"f.json": "<floors>", "r.json": "<result>"}),
    Case("gate-tolerance-option-negative", GATE + " --tolerance -1", 2, ("--tolerance", "out of range"),
         {"f.json": "<floors>", "r.json": "<result>"}),
    Case("gate-update-tolerance-nan", GATE + " --update --tolerance nan", 2, ("--tolerance",),
         {"r.json": "<result>"}),
    Case("gate-result-nan", GATE, 2, ("r.json", "NaN"), {"f.json": "<floors>", "r.json": "<result:NaN>"}),
    Case("gate-result-not-json", GATE, 2, ("r.json", "line 1, column"), {"f.json": "<floors>", "r.json": "{"}),
    Case("gate-result-missing", GATE, 2, ("r.json", "file not found"), {"f.json": "<floors>"}),
    Case("gate-floors-duplicate-key", GATE, 2, ("f.json", "occurs twice"),
         {"f.json": '{"tolerance": 0, "tolerance": 1}', "r.json": "<result>"}),
    Case("gate-floors-folder", GATE, 2, ("f.json", "a folder"), {"f.json": FOLDER, "r.json": "<result>"}),
    Case("gate-other-fingerprint", GATE, 2, ("corpus fingerprint", "f.json"),
         {"f.json": "<floors:fingerprint>", "r.json": "<result>"}),
    Case("gate-other-data-version", GATE, 2, ("data_version", "f.json"),
         {"f.json": "<floors:data_version>", "r.json": "<result>"}),
    Case("gate-other-gold", GATE + " --gold {gold}", 2, ("--gold", "another corpus"),
         {"f.json": "<floors>", "r.json": "<result>"}, gold=_edit(lambda d: d.update(review=d["review"] + ["x"]))),
    Case("gate-update-onto-result", "gate r.json --baseline r.json --update", 2, ("--baseline", "also an input"),
         {"r.json": "<result>"}),
    Case("gate-update-under-file", "gate r.json --baseline r.json/f.json --update", 2, ("--baseline", "not a folder"),
         {"r.json": "<result>"}),
    Case("gate-allow-regression-alone", GATE + " --allow-regression", 2, ("--allow-regression",),
         {"f.json": "<floors>", "r.json": "<result>"}),
    # -- output paths ------------------------------------------------------------------------------
    Case("output-folder", EVAL_OK + " --output out", 2, ("--output", "out", "is a folder"),
         {"ok.jsonl": "", "out": FOLDER}),
    Case("output-under-file", EVAL_OK + " --output ok.jsonl/r.json", 2, ("--output", "not a folder"), {"ok.jsonl": ""}),
    Case("output-dev-null", EVAL_OK + " --output /dev/null", 2, ("--output", "/dev/null", "not a regular file"),
         {"ok.jsonl": ""}),
    Case("output-fifo", EVAL_OK + " --output out.json", 2, ("--output", "not a regular file"),
         {"ok.jsonl": "", "out.json": FIFO}),
    Case("output-is-predictions", EVAL_OK + " --output ok.jsonl", 2, ("--output", "also an input"), {"ok.jsonl": ""}),
    Case("output-is-against", EVAL_OK + " --against a.jsonl --save-predictions a.jsonl", 2,
         ("--save-predictions", "also an input"), {"ok.jsonl": "", "a.jsonl": ""}),
    Case("output-is-gold", "eval --gold {gold} " + EVAL_OK[5:] + " --output {gold}/annotations/kb.json", 2,
         ("--output", "kb.json", "also an input"), {"ok.jsonl": ""}, gold=lambda root: None),
    Case("output-same-twice", EVAL_OK + " --output r.json --markdown r.json", 2, ("--markdown", "same file as --output"),
         {"ok.jsonl": ""}),
    Case("output-markdown-folder", EVAL_OK + " --output r.json --markdown md", 2, ("--markdown", "is a folder"),
         {"ok.jsonl": "", "md": FOLDER}),
    Case("output-save-predictions-folder", EVAL_OK + " --save-predictions sp", 2, ("--save-predictions", "is a folder"),
         {"ok.jsonl": "", "sp": FOLDER}),
    Case("output-build-readme-is-folder", "build --gold {gold}", 2, ("build", "README.md", "is a folder"),
         gold=lambda root: (root / "README.md").mkdir()),
    Case("output-bench-dir-is-file", "bench --systems none --predictions ok.jsonl --output-dir ok.jsonl", 2,
         ("--output-dir", "not a folder"), {"ok.jsonl": ""}),
    # -- output folders: view, export, import, convert -----------------------------------------------
    Case("view-out-is-file", "view --out site", 2, ("--out site", "is a file, not a folder"), {"site": "x"}),
    Case("view-out-under-file", "view --out f/site", 2, ("--out f/site", "not a folder"), {"f": "x"}),
    Case("view-out-dev-null", "view --out /dev/null", 2, ("--out /dev/null", "not a folder")),
    Case("view-out-fifo", "view --out site", 2, ("--out site", "not a folder"), {"site": FIFO}),
    Case("view-out-unwritable", "view --out /proc/sys/newsgold-site", 2, ("--out", "cannot write in /proc/sys")),
    Case("view-out-gold-corpus", "view --gold {gold} --out {gold}/corpus", 2, ("--out", "corpus", "gold corpus"),
         gold=lambda root: None),
    Case("view-out-holds-other-files", "view --out site", 2, ("--out site", "'notes.txt'", "*.html"),
         {"site": FOLDER, "site/index.html": "old", "site/notes.txt": "mine"}),
    Case("view-out-page-is-folder", "view --out site", 2, ("--out site", "'index.html'"),
         {"site": FOLDER, "site/index.html": FOLDER}),
    Case("view-out-holds-predictions", "view --out site --predictions site/p.jsonl", 2, ("--out site", "'p.jsonl'"),
         {"site": FOLDER, "site/p.jsonl": ""}),
    Case("export-out-is-file", "export --format conll --out ex", 2, ("--out ex", "is a file"), {"ex": "x"}),
    Case("export-out-under-file", "export --format brat --out f/ex", 2, ("--out f/ex", "not a folder"), {"f": "x"}),
    Case("export-out-dev-null", "export --format label-studio --out /dev/null", 2, ("--out /dev/null", "not a folder")),
    Case("export-out-fifo", "export --format conll --out ex", 2, ("--out ex", "not a folder"), {"ex": FIFO}),
    Case("export-out-unwritable", "export --format brat --out /proc/sys/newsgold-brat", 2,
         ("--out", "cannot write in /proc/sys")),
    Case("export-out-gold-annotations", "export --format label-studio --gold {gold} --out {gold}/annotations", 2,
         ("--out", "annotations", "gold corpus"), gold=lambda root: None),
    Case("export-brat-out-gold-texts", "export --format brat --gold {gold} --out {gold}/corpus", 2,
         ("--out", "corpus", "gold corpus"), gold=lambda root: None),
    Case("export-out-other-format", "export --format label-studio --out ex", 2, ("--out ex", "'en.conll'"),
         {"ex": FOLDER, "ex/en.conll": "O\n"}),
    Case("export-out-subfolder", "export --format conll --out ex", 2, ("--out ex", "'sub'"),
         {"ex": FOLDER, "ex/sub": FOLDER}),
    Case("import-out-is-file", "import ls.json --format label-studio --out ann", 2, ("--out ann", "is a file"),
         {"ls.json": "[]", "ann": "x"}),
    Case("import-out-under-file", "import ls.json --format label-studio --out ls.json/ann", 2,
         ("--out ls.json/ann", "not a folder"), {"ls.json": "[]"}),
    Case("import-out-dev-null", "import ls.json --format label-studio --out /dev/null", 2,
         ("--out /dev/null", "not a folder"), {"ls.json": "[]"}),
    Case("import-out-fifo", "import ls.json --format label-studio --out ann", 2, ("--out ann", "not a folder"),
         {"ls.json": "[]", "ann": FIFO}),
    Case("import-out-unwritable", "import ls.json --format label-studio --out /proc/sys/newsgold-ann", 2,
         ("--out", "cannot write in /proc/sys"), {"ls.json": "[]"}),
    Case("import-target-is-folder", "import {gold}/brat --format brat --gold {gold} --out ann", 2,
         ("--out ann", f"{DOC}.json", "is a folder"), {"ann": FOLDER, f"ann/{DOC}.json": FOLDER},
         gold=_exported("brat", "brat")),
    Case("import-target-is-source", f"import {{gold}}/ls/{DOC}.json --format label-studio --gold {{gold}} "
         "--out {gold}/ls", 2, ("--out", f"{DOC}.json", "also an input"),
         gold=_exported("label-studio", "ls", "tasks.json")),
    Case("convert-out-is-file", "convert --to jsonl --out j", 2, ("--out j", "is a file"), {"j": "x"}),
    Case("convert-out-under-file", "convert --to jsonl --out f/j", 2, ("--out f/j", "not a folder"), {"f": "x"}),
    Case("convert-out-dev-null", "convert --to folder --out /dev/null", 2, ("--out /dev/null", "not a folder")),
    Case("convert-out-fifo", "convert --to jsonl --out j", 2, ("--out j", "not a folder"), {"j": FIFO}),
    Case("convert-out-unwritable", "convert --to jsonl --out /proc/sys/newsgold-j", 2,
         ("--out", "cannot write in /proc/sys")),
    Case("convert-out-gold", "convert --gold {gold} --to jsonl --out {gold}/annotations", 2,
         ("--out", "annotations", "gold corpus"), gold=lambda root: None),
    Case("convert-out-not-empty", "convert --to folder --out j", 2, ("--out j", "not empty"),
         {"j": FOLDER, "j/keep.txt": "mine"}),
]


# --- running one case ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def result_doc(tmp_path_factory) -> dict:
    """A real (small) result of the bundled gold, for the gate rows."""
    out = tmp_path_factory.mktemp("result") / "r.json"
    empty = out.parent / "empty.jsonl"
    empty.write_text("")
    assert main(["eval", "--tasks", "lid", "--bootstrap", "0", "--predictions", str(empty), "--output", str(out)]) == 0
    return json.loads(out.read_text("utf-8"))


def _floors(result: dict, variant: str) -> str:
    floors = {"corpus_fingerprint": result["signature"]["corpus_fingerprint"],
              "data_version": result["signature"].get("data_version"), "tolerance": 0.005,
              "floors": {"empty": {"lid.doc.accuracy": 0.0}}}
    if variant == "fingerprint":
        floors["corpus_fingerprint"] = "0" * 64
    if variant == "data_version":
        floors["data_version"] = "0.0.1-other"
    text = json.dumps(floors)
    if variant == "NaN":
        text = text.replace('"lid.doc.accuracy": 0.0', '"lid.doc.accuracy": NaN')
    return text


def _tolerance_nan(result: dict) -> str:
    return _floors(result, "").replace('"tolerance": 0.005', '"tolerance": NaN')


def _content(spec: str, result: dict) -> str | bytes:
    if spec == "<result>":
        return json.dumps(result)
    if spec == "<result:NaN>":
        return json.dumps(result).replace('"value": 0.0', '"value": NaN', 1).replace('"value": 1.0', '"value": NaN', 1)
    if spec == "<floors-tolerance:NaN>":
        return _tolerance_nan(result)
    if spec.startswith("<floors"):
        return _floors(result, spec.strip("<>").partition(":")[2])
    return spec


def _make(path: Path, spec, result: dict) -> None:
    if spec == FOLDER:
        path.mkdir()
    elif spec == FIFO:
        os.mkfifo(path)
    elif spec == LOOP:
        os.symlink(path.name, path)
    else:
        data = _content(spec, result) if isinstance(spec, str) else spec
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def snapshot(root: Path) -> dict[str, tuple]:
    """Every entry under ``root``: kind, size, bytes (regular files), link target."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            rel = str(path.relative_to(root))
            if path.is_symlink():
                out[rel] = ("link", os.readlink(path))
            elif path.is_file():
                out[rel] = ("file", path.stat().st_mtime_ns, path.read_bytes())
            else:
                out[rel] = ("other", path.lstat().st_mode)
    return out


@pytest.fixture(scope="module")
def cache_home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input(case: Case, tmp_path, monkeypatch, capsys, result_doc, cache_home):
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache_home))
    monkeypatch.syspath_prepend(str(FIXTURES))
    gold = work / "gold"
    if case.gold is not None:
        source = default_gold_path()
        shutil.copytree(source / "corpus", gold / "corpus")
        shutil.copytree(source / "annotations", gold / "annotations", ignore=shutil.ignore_patterns("parquet"))
        case.gold(gold)
    for name, spec in case.files.items():
        _make(work / name, spec, result_doc)
    argv = shlex.split(case.argv.format(fx=FIXTURES, py=PY, gold=gold))
    before = snapshot(work)
    capsys.readouterr()

    code = main(argv)

    captured = capsys.readouterr()
    err = captured.err + captured.out  # validate lists its problems on stdout
    assert code == case.code, err
    assert "Traceback" not in err
    for needle in case.says:
        assert needle in err, f"{needle!r} not in: {err}"
    assert snapshot(work) == before


def test_the_table_is_large_and_unique():
    assert len(CASES) >= 60
    assert len({c.id for c in CASES}) == len(CASES)


# --- the other side: hostile-looking input that is valid, and failures after the checks -----------


def test_unicode_line_breaks_inside_strings_are_valid_json_lines(tmp_path, monkeypatch, capsys, cache_home):
    """U+2028/U+0085 inside a string do not split a line, also in newsgold's own --save-predictions output."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache_home))
    Path("p.jsonl").write_text(line(translations=[{"segment": SEGMENT, "text": "North\u2028Korea\u0085 news"}]), "utf-8")
    args = ["eval", "--tasks", "translation", "--bootstrap", "0", "--predictions", "p.jsonl"]
    assert main([*args, "--save-predictions", "saved.jsonl"]) == 0
    saved = Path("saved.jsonl").read_text("utf-8")
    assert "\u2028" in saved and len(saved.split("\n")) == 6  # five documents, one line each
    assert main([*args, "--against", "saved.jsonl", "--against-name", "again"]) == 0


def test_a_failure_after_the_checks_writes_nothing(tmp_path, monkeypatch, capsys, cache_home):
    """--output, --markdown and --save-predictions are written together at the end, or not at all."""
    from newsgold import evaluate
    from newsgold.errors import DataError

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache_home))
    Path("ok.jsonl").write_text("")

    def broken(*args, **kwargs):
        raise DataError("scoring failed")

    monkeypatch.setattr(evaluate, "build_result", broken)
    code = main(["eval", "--tasks", "lid", "--bootstrap", "0", "--predictions", "ok.jsonl", "--output", "r.json",
                 "--markdown", "r.md", "--save-predictions", "s.jsonl"])
    assert code == 1 and "scoring failed" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ok.jsonl"]


def test_a_command_that_exits_while_a_detached_child_holds_stdout_is_read(tmp_path, monkeypatch, capsys, cache_home):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache_home))
    command = f"{PY} {FIXTURES}/daemon_answers.py"
    assert main(["eval", "--tasks", "lid", "--bootstrap", "0", "--timeout", "30", "--command", command]) == 0
    assert "daemon_answers.py" in capsys.readouterr().out


def test_problems_stop_at_the_documented_cap(tmp_path, monkeypatch, capsys, cache_home):
    """A flood of bad lines is reported quickly: the check stops after MAX_PROBLEMS and says so."""
    from newsgold.limits import MAX_PROBLEMS

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache_home))
    bad = {**ENTITY, "end": 10**9}
    Path("p.jsonl").write_text(line(entities=[bad] * (MAX_PROBLEMS + 500)), "utf-8")
    assert main(["eval", "--tasks", "entities", "--predictions", "p.jsonl"]) == 2
    err = capsys.readouterr().err
    assert f"{MAX_PROBLEMS}+ problem(s) in the predictions (stopped looking after {MAX_PROBLEMS}" in err
    assert main(["validate", "p.jsonl"]) == 1
    out = capsys.readouterr().out
    assert f"stopped looking after {MAX_PROBLEMS} problems" in out and f"{MAX_PROBLEMS + 1} problems" in out
