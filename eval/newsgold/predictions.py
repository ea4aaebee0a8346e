"""Reading and checking predictions (CONTRACT section 8) before anything is scored.

Policy (also in the README, section "Evaluation harness"):

* every line is one JSON object, validated against ``schema/predictions.schema.json``
  (JSON Schema 2020-12, formats checked);
* a ``doc_id`` that is not in the gold, or one that occurs twice, is an error naming
  the line;
* a span (``segments``, ``entities``, ``timexes``, event ``trigger``) whose offsets fall
  outside the document text, or whose ``text`` differs from ``text[start:end]``, is an
  error naming the line and the JSON path;
* ids repeated within the line, event argument refs that name no mention of the
  same line (or one of the wrong kind), and translations keyed by an unknown or
  repeated gold segment id are errors naming the line and the JSON path;
* a document past a documented limit (items per layer, characters per translation;
  ``newsgold.limits``) is an error naming the line and the JSON path, and so is an
  offset written as ``0.0`` or ``1e20`` (the schema's ``integer`` means a true integer,
  :func:`newsgold.checks.schema.strict_validator_class`);
* a gold document without a prediction line is scored as an empty prediction
  (``{"doc_id": ...}``) and reported as a warning; so is a requested layer that no line
  carries at all.

Every error is collected (not only the first) and raised together as a
:class:`PredictionError`, a :class:`~newsgold.errors.UsageError`: the predictions are
unusable and ``newsgold eval`` exits with status 2 without scoring anything.

The individual checks are those of ``newsgold validate`` (:mod:`newsgold.checks`), so
both commands say the same thing about the same line.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Collection, Iterable, Mapping, Sequence

from newsgold.checks.limits import check_limits
from newsgold.checks.predictions import check_doc_id, check_record
from newsgold.checks.problem import Finding
from newsgold.checks.schema import check_schema, validator
from newsgold.errors import UsageError
from newsgold.jsonio import iter_jsonl
from newsgold.limits import MAX_PROBLEMS

MAX_SHOWN_ERRORS = 20
LAYERS = ("language", "segments", "entities", "timexes", "events", "translations")


class PredictionError(UsageError):
    """Predictions that cannot be scored (exit status 2); the message lists every problem found."""

    def __init__(self, errors: list[str], capped: bool = False):
        self.errors = list(errors)
        shown = self.errors[:MAX_SHOWN_ERRORS]
        more = len(self.errors) - len(shown)
        count = f"{len(self.errors)}{'+' if capped else ''} problem(s)"
        stopped = f" (stopped looking after {MAX_PROBLEMS}: README, Limits)" if capped else ""
        lines = [f"{count} in the predictions{stopped}, nothing scored:"]
        lines += [f"  {e}" for e in shown]
        if more:
            lines.append(f"  ... and {more} more")
        super().__init__("\n".join(lines))


@dataclass
class Predictions:
    """Checked predictions: one dict per gold document (``{"doc_id": ...}`` when missing) plus warnings."""

    by_doc: dict[str, dict[str, Any]]
    warnings: list[str] = field(default_factory=list)


def _show(where: str, finding: Finding) -> str:
    tail = f" (expected {finding.expected})" if finding.expected else ""
    return f"{where}: {finding.path}: {finding.message}{tail}"


def line_errors(
    obj: Any, where: str, line: int, golds: Mapping[str, Mapping[str, Any]], seen: dict[str, int],
    floats: bool | None = None,
) -> list[str]:
    """Every problem of one prediction line (schema, doc_id, spans, ids, refs), as messages naming ``where``
    (``floats``: whether a float occurs in ``obj``, when the reader knows; see :func:`newsgold.jsonio.parse`)."""
    found = check_limits(obj) or check_schema(obj, "prediction", floats=floats)
    if not found:
        found = check_doc_id(obj, golds, seen, line)
    if not found:
        gold = golds[obj["doc_id"]]
        found = check_record(obj, gold, gold["text"])
    return [_show(where, f) for f in found]


def check_lines(
    lines: Iterable[tuple[str, int, Any]],
    golds: Mapping[str, Mapping[str, Any]],
    layers: Iterable[str] = (),
) -> Predictions:
    """Check prediction lines and complete them with empty predictions for missing documents.

    Args:
        lines: ``(where, line number, object)``; ``where`` names the line in messages (``file.jsonl:3``).
        golds: gold documents by doc_id, each with its ``text``.
        layers: layers the requested tasks read; a layer no line carries is reported as a warning.

    Raises:
        PredictionError: listing every problem found.
    """
    errors: list[str] = []
    by_doc: dict[str, dict[str, Any]] = {}
    seen: dict[str, int] = {}
    for where, line, obj in lines:
        found = line_errors(obj, where, line, golds, seen)
        errors += found
        if not found:
            by_doc[obj["doc_id"]] = dict(obj)
        if len(errors) >= MAX_PROBLEMS:
            raise PredictionError(errors[:MAX_PROBLEMS], capped=True)
    if errors:
        raise PredictionError(errors)
    return _complete(by_doc, golds, layers)


def _complete(by_doc: dict[str, dict[str, Any]], golds: Mapping[str, Any], layers: Iterable[str]) -> Predictions:
    carried = {layer for p in by_doc.values() for layer in p}
    warnings = completion_warnings(sorted(set(golds) - set(by_doc)), carried, layers, bool(by_doc))
    complete = {doc_id: by_doc.get(doc_id, {"doc_id": doc_id}) for doc_id in sorted(golds)}
    return Predictions(complete, warnings)


def completion_warnings(missing: Sequence[str], carried: Collection[str], layers: Iterable[str],
                        any_line: bool) -> list[str]:
    """The warnings about gold documents without a line (``missing``, sorted) and requested layers
    that no valid line carries (``carried``: the keys seen on valid lines; ``any_line``: there was one)."""
    warnings = []
    if missing:
        warnings.append(f"{len(missing)} document(s) without predictions, scored as empty: {', '.join(missing)}")
    for layer in sorted(set(layers)):
        if any_line and layer not in carried:
            warnings.append(f"no prediction line carries the layer {layer!r}: scored as empty")
    return warnings


def read_predictions(path: Path, golds: Mapping[str, Mapping[str, Any]], layers: Iterable[str] = ()) -> Predictions:
    """Read and check a predictions JSON Lines file (UsageError if it is missing, not UTF-8 or not JSON)."""
    path = Path(path)
    return check_lines(((f"{path}:{n}", n, obj) for n, obj in iter_jsonl(path)), golds, layers)


def read_conll_predictions(path: Path, golds: Mapping[str, Mapping[str, Any]],
                           layers: Iterable[str] = ()) -> Predictions:
    """Token-level CoNLL/BIO entity predictions (:mod:`newsgold.metrics.conll`), as checked prediction lines.

    The tokens are converted to entity spans with the documented tokenizer; a token that is
    not the tokenizer's, or a document that is not in the gold, is an error naming the line.
    """
    from newsgold.jsonio import read_text
    from newsgold.metrics.conll import ConllError, conll_predictions

    path = Path(path)
    read_text(path)  # a missing, non-regular or non-UTF-8 file: the reader's located UsageError
    try:
        by_doc = conll_predictions(path, golds)
    except ConllError as exc:
        raise PredictionError([str(exc)]) from None
    lines = ((f"{path} ({doc_id})", n, by_doc[doc_id]) for n, doc_id in enumerate(sorted(by_doc), start=1))
    return check_lines(lines, golds, layers)


def from_gold(gold: Mapping[str, Any], kb: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The gold document as a prediction line (gold-as-predictions: every metric should score 1.0).

    Args:
        gold: a gold annotation dict.
        kb: the registry (kb.json); when given, each entity's ``wikidata`` is derived from it
            again (:func:`newsgold.kbsync.mention_wikidata`) instead of copied from the mention.
    """
    props = validator("prediction").schema["properties"]
    defs = validator("prediction").schema["$defs"]
    line: dict[str, Any] = {"doc_id": gold["doc_id"], "language": gold["language"]}
    for layer in ("segments", "entities", "timexes", "events", "translations"):
        item_def = defs[props[layer]["items"]["$ref"].rsplit("/", 1)[1]]
        allowed = set(item_def["properties"])
        line[layer] = [{k: v for k, v in item.items() if k in allowed} for item in gold.get(layer, [])]
    for event in line["events"]:
        event["trigger"] = {k: v for k, v in event["trigger"].items() if k in ("start", "end", "text")}
    if kb is not None:
        from newsgold.kbsync import mention_wikidata

        registry = kb.get("entities", {})
        for entity in line["entities"]:
            entity["wikidata"] = mention_wikidata(entity.get("entity"), registry)
    return line
