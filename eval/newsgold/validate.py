"""Validate gold annotation files, the kb.json registry and prediction files.

Kinds, by file name: ``kb.json`` is the registry (kb schema), ``*.jsonl`` a
predictions file (one JSON object per line), any other ``*.json`` a gold
annotation file. A directory stands for its ``*.json`` files; no path at all for
every document and the registry of the corpus (``--gold``, default the bundled gold).

Resolution rules:

- a gold file's ``text_file`` (``corpus/<doc_id>.txt``) is relative to the data
  root that holds its ``annotations/`` folder, i.e. the parent of the folder the
  annotation file lies in;
- its slugs are looked up in the ``kb.json`` beside it, else in the corpus's registry;
- predictions are checked against the corpus's gold documents (:class:`newsgold.corpus.Corpus`).

A corpus in the JSON Lines form is validated line by line (:func:`validate_corpus`):
each line is an annotation object whose ``text`` is inline; problems name the shard
and the line.

Every problem is a :class:`Problem` with a ``code`` naming its class (``schema``,
``sha256``, ``span-text``, ``segment-coverage``, ``dangling-ref``, ...); input
that cannot be read at all (missing, not UTF-8, not JSON) gives code
``unusable``, which the CLI maps to exit status 2.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, Iterable

from newsgold.checks.context import Context
from newsgold.checks.integrity import check_identity, check_integrity, load_text
from newsgold.checks.limits import check_limits
from newsgold.checks.layout import (check_entities_flat, check_segment_coverage, check_segment_order,
                                    check_segment_overlap)
from newsgold.checks.predictions import check_doc_id, check_record
from newsgold.checks.problem import Finding, Problem, jpath
from newsgold.checks.refs import check_references
from newsgold.checks.registry import check_kb, check_slugs, check_wikidata
from newsgold.checks.schema import check_schema
from newsgold.checks.spans import check_spans
from newsgold.errors import UsageError
from newsgold.jsonio import iter_jsonl_parsed, read_json_parsed
from newsgold.limits import MAX_PROBLEMS

if TYPE_CHECKING:  # pragma: no cover
    from newsgold.corpus import Corpus, JsonlCorpus

__all__ = ["Problem", "Report", "validate_paths", "validate_files", "validate_corpus", "validate_document",
           "validate_predictions", "file_kind", "exit_code", "summary"]

UNUSABLE = "unusable"


@dataclass(frozen=True)
class Report:
    """The outcome of one run: the files looked at and every problem found."""

    files: tuple[Path, ...]
    problems: tuple[Problem, ...]

    @property
    def exit_code(self) -> int:
        return exit_code(self.problems)

    @property
    def summary(self) -> str:
        return summary(len(self.files), self.problems)


def exit_code(problems: Iterable[Problem]) -> int:
    """0 when clean, 2 when some input was unusable, else 1."""
    codes = {p.code for p in problems}
    return 2 if UNUSABLE in codes else 1 if codes else 0


def summary(n_files: int, problems: Iterable[Problem]) -> str:
    """``N files checked, M problems``."""
    n = len(list(problems))
    return f"{n_files} file{'' if n_files == 1 else 's'} checked, {n} problem{'' if n == 1 else 's'}"


def file_kind(path: Path) -> str | None:
    """``kb``, ``prediction``, ``annotation``, or None for another kind of file."""
    path = path if isinstance(path, PurePath) else Path(path)
    if path.name == "kb.json":
        return "kb"
    return {".jsonl": "prediction", ".json": "annotation"}.get(path.suffix)


def display(path: Path) -> str:
    """The path relative to the working directory, else as given."""
    absolute = Path(os.path.abspath(path))
    try:
        return str(absolute.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def validate_paths(paths: Iterable[str | Path] | None = None, gold: "Corpus | None" = None) -> list[Problem]:
    """Every problem in the given files and folders (default: every file of the corpus ``gold``)."""
    return list(validate_files(paths, gold).problems)


def validate_corpus(corpus: "Corpus") -> Report:
    """Every problem of a corpus, in either form (the registry included)."""
    from newsgold.corpus import FolderCorpus

    if isinstance(corpus, FolderCorpus):
        return validate_files(corpus.source_files(), corpus)
    return _validate_jsonl_corpus(corpus)


def _validate_jsonl_corpus(corpus: "JsonlCorpus") -> Report:
    context = Context(corpus)
    problems = _validate_file(corpus.registry_path, context)
    kb = context.kb_for(corpus.registry_path)[0]
    seen: dict[str, tuple[Path, int]] = {}  # doc_id -> where it first occurs (shard, line)
    for shard in corpus.shards:
        try:
            for line, _offset, parsed in iter_jsonl_parsed(shard):
                problems += _jsonl_document(parsed.value, shard, line, kb, seen, parsed.holds_float)
        except UsageError as exc:
            problems.append(_unusable(shard, _strip_path(str(exc), shard)))
    if not seen and not problems:
        problems.append(_unusable(corpus.shards[0], "no documents (an empty corpus)"))
    return Report(tuple(corpus.source_files()), tuple(problems))


def _jsonl_document(obj: Any, shard: Path, line: int, kb: Any, seen: dict[str, tuple[Path, int]],
                    floats: bool) -> list[Problem]:
    """The problems of one line of a JSON Lines corpus (an annotation object with ``text`` inline);
    ``floats``: whether a float occurs in the line (the reader knows, see :func:`newsgold.jsonio.parse`)."""
    if not isinstance(obj, dict):
        return [_attach(Finding("schema", jpath(), "expected a JSON object (one document)"), shard, line)]
    text = obj.get("text")
    doc = {k: v for k, v in obj.items() if k != "text"}
    doc_id = doc.get("doc_id")
    findings: list[Finding] = []
    if isinstance(doc_id, str):
        if doc_id in seen:
            first, first_line = seen[doc_id]
            findings.append(Finding("duplicate-doc", jpath("doc_id"), f"{doc_id!r} occurs again",
                                    f"a doc_id not used before (first at {display(first)}:{first_line})"))
        else:
            seen[doc_id] = (shard, line)
    if not isinstance(text, str):
        findings.append(Finding("schema", jpath("text"), "missing or not a string",
                                "the document text inline (JSON Lines form)"))
        text = None
    over = check_limits(doc)
    if over:
        return [_attach(f, shard, line) for f in findings + over]
    findings += check_schema(doc, "annotation", floats=floats)
    findings += _content_findings(doc, text, kb) if text is not None else []
    return [_attach(f, shard, line) for f in findings]


def validate_files(targets: Iterable[str | Path] | None = None, gold: "Corpus | None" = None) -> Report:
    """Like :func:`validate_paths`, also returning the list of files checked."""
    context = Context(gold)
    files, problems = _expand(targets, context)
    for path in files:
        if file_kind(path) is not None:
            problems.extend(_validate_file(path, context))
        if len(problems) >= MAX_PROBLEMS:
            problems = _capped(problems, path)
            break
    return Report(tuple(files), tuple(problems))


def _capped(problems: list[Problem], path: Path, line: int | None = None) -> list[Problem]:
    """The first MAX_PROBLEMS problems and one saying that the check stopped there."""
    stop = Problem(display(path), jpath(), f"stopped looking after {MAX_PROBLEMS} problems", "README, Limits",
                   "limit", line)
    return [*problems[:MAX_PROBLEMS], stop]


def _expand(targets: Iterable[str | Path] | None, context: Context) -> tuple[list[Path], list[Problem]]:
    """Input files (folders expanded, duplicates dropped) and problems with the arguments themselves."""
    if targets is None:
        candidates = context.corpus.source_files()
    else:
        candidates = [Path(t) for t in targets]
    files: dict[Path, Path] = {}
    problems: list[Problem] = []
    for path in candidates:
        if path.is_dir():
            inner = sorted(path.glob("*.json"))
            if not inner:
                problems.append(_unusable(path, "folder holds no *.json file"))
            for p in inner:
                files.setdefault(_real(p), p)
        elif (real := _real(path)) not in files:
            files[real] = path
            if file_kind(path) is None:
                problems.append(_unusable(path, "neither a .json nor a .jsonl file"))
    return list(files.values()), problems


def _real(path: Path) -> Path:
    """The path with symlinks resolved as far as they go (a symlink loop is reported when the file is read)."""
    return Path(os.path.realpath(path))


def _unusable(path: Path, message: str, line: int | None = None) -> Problem:
    return Problem(display(path), jpath(), message, None, UNUSABLE, line)


def _validate_file(path: Path, context: Context) -> list[Problem]:
    if file_kind(path) == "prediction":
        return _validate_jsonl(path, context)
    try:
        obj, floats = read_json_parsed(path)
    except UsageError as exc:
        return [_unusable(path, _strip_path(str(exc), path))]
    except RecursionError:
        return [_unusable(path, "JSON nested too deeply")]
    try:
        return validate_document(obj, path, context=context, floats=floats)
    except RecursionError:
        return [_unusable(path, "JSON nested too deeply")]


def _strip_path(message: str, path: Path) -> str:
    prefix = f"{path}: "
    return message[len(prefix):] if message.startswith(prefix) else message


def _validate_jsonl(path: Path, context: Context) -> list[Problem]:
    records: list[tuple[int, Any, bool | None]] = []
    problems: list[Problem] = []
    try:
        for lineno, _offset, parsed in iter_jsonl_parsed(path):
            records.append((lineno, parsed.value, parsed.holds_float))
    except UsageError as exc:
        match = re.match(re.escape(str(path)) + r":(\d+): (.*)$", str(exc), re.S)
        line, message = (int(match[1]), match[2]) if match else (None, _strip_path(str(exc), path))
        problems.append(_unusable(path, message, line))
    except RecursionError:
        problems.append(_unusable(path, "JSON nested too deeply"))
    try:
        return _check_predictions(records, Path(path), context) + problems
    except RecursionError:
        return [_unusable(path, "JSON nested too deeply")]


def validate_document(obj: Any, file: str | Path, *, text: str | None = None, kb: Any = None,
                      context: Context | None = None, floats: bool | None = None) -> list[Problem]:
    """Check one in-memory annotation document (or, for a file named kb.json, the registry).

    Args:
        obj: the parsed JSON.
        file: where it lives (or would live): names the problems, gives the doc_id
            the file name must match, the data root (``file``'s grandparent) that
            ``text_file`` is relative to, and the kb.json beside it.
        text: the corpus text to use instead of reading ``text_file``.
        kb: the registry to use instead of reading kb.json.
        context: caches shared across files (internal).
        floats: whether a float occurs in ``obj``, when the reader knows (internal; None: look).
    """
    file = Path(file)
    context = context or Context()
    if file_kind(file) == "kb":
        findings = [*check_schema(obj, "kb", floats=floats), *check_kb(obj)]
    else:
        findings = check_limits(obj) or check_schema(obj, "annotation", floats=floats)
        if isinstance(obj, dict) and not any(f.code == "limit" for f in findings):
            findings += _annotation_findings(obj, file, text, kb, context)
    return [_attach(f, file) for f in findings]


def _annotation_findings(doc: dict, file: Path, text: str | None, kb: Any, context: Context) -> list[Finding]:
    findings = check_identity(doc, file.stem)
    if text is None:
        text, more = load_text(doc, file.parent.parent, context.read_text)
    else:
        more = check_integrity(doc, text)
    findings += more
    if kb is None:
        kb, more = context.kb_for(file)
        findings += more
    return findings + _content_findings(doc, text, kb, integrity=False)


def _content_findings(doc: dict, text: str | None, kb: Any, integrity: bool = True) -> list[Finding]:
    """The checks that need only the document, its text and the registry (no files)."""
    findings: list[Finding] = check_integrity(doc, text) if integrity and text is not None else []
    if text is not None:
        findings += check_spans(doc, text) + check_segment_coverage(doc, text)
    findings += check_segment_order(doc) + check_segment_overlap(doc) + check_entities_flat(doc)
    findings += check_references(doc)
    return findings + check_slugs(doc, kb) + check_wikidata(doc, kb)


def validate_predictions(records: Iterable[tuple[int, Any]], file: str | Path, *,
                         context: Context | None = None) -> list[Problem]:
    """Check prediction records, given as (line number, parsed object), against the corpus's gold."""
    return _check_predictions(((line, record, None) for line, record in records), Path(file), context or Context())


def _check_predictions(records: Iterable[tuple[int, Any, bool | None]], file: Path, context: Context) -> list[Problem]:
    """:func:`validate_predictions` of records that may say whether a float occurs in them (None: look)."""
    known = context.gold_ids()
    seen: dict[str, int] = {}
    problems: list[Problem] = []
    for line, record, floats in records:
        findings = check_limits(record)
        if not findings:
            findings = check_schema(record, "prediction", floats=floats) + check_doc_id(record, known, seen, line)
            if isinstance(record, dict) and record.get("doc_id") in known:
                findings += _prediction_findings(record, context)
        problems.extend(_attach(f, file, line) for f in findings)
        if len(problems) >= MAX_PROBLEMS:
            problems = _capped(problems, file, line)
            break
    return problems


def _prediction_findings(record: dict, context: Context) -> list[Finding]:
    doc_id = record["doc_id"]
    try:
        gold = context.gold(doc_id)
    except UsageError as exc:
        return [Finding(UNUSABLE, jpath("doc_id"), f"cannot read the gold of {doc_id!r}: {exc}")]
    return check_record(record, gold, gold["text"])


def _attach(finding: Finding, file: Path, line: int | None = None) -> Problem:
    return Problem(display(file), finding.path, finding.message, finding.expected, finding.code, line)
