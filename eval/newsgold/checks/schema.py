"""JSON Schema (Draft 2020-12) checks with an active format checker, all errors collected.

Two validators per schema: ``jsonschema_rs`` (Rust) decides whether a record is valid,
and only for a record it rejects does ``jsonschema`` list and word the errors (their
JSON paths and messages are jsonschema's). Both use the same format checks
(:data:`FORMATS`, handed to jsonschema_rs as custom formats), so they agree on formats;
a record jsonschema_rs cannot take (e.g. an infinite float) goes to jsonschema. The
schemas are checked against the meta-schema by jsonschema_rs, and jsonschema is imported
only when a record is rejected, so valid data never pays for it.
On 10k prediction lines this is about two orders of magnitude faster than jsonschema
alone (``eval/benchmarks/schema_validation.py``).
"""
from __future__ import annotations

import datetime as _dt
import json
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Callable

from newsgold import paths
from newsgold.checks.problem import Finding, jpath
from newsgold.errors import UsageError
from newsgold.jsonio import holds_float, read_json

if TYPE_CHECKING:  # pragma: no cover
    from jsonschema import Draft202012Validator, FormatChecker
    from jsonschema.exceptions import ValidationError

SCHEMA_FILES = {
    "annotation": "annotation.schema.json",
    "kb": "kb.schema.json",
    "prediction": "predictions.schema.json",
}
_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)
_MESSAGE_LIMIT = 160


def is_date(value: Any) -> bool:
    """RFC 3339 full-date (``2024-09-13``, a real calendar day); non-strings pass (as in jsonschema)."""
    if not isinstance(value, str):
        return True
    if not _DATE.match(value):
        return False
    try:
        _dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def is_uri(value: Any) -> bool:
    """A plain absolute URI: a scheme, a colon, then no whitespace; non-strings pass."""
    return not isinstance(value, str) or bool(_URI.match(value))


FORMATS: dict[str, Callable[[Any], bool]] = {"date": is_date, "uri": is_uri}
"""The format checks of both validators (the same functions, so they always agree on formats)."""


def format_checker() -> "FormatChecker":
    """Draft 2020-12's checker with ``date`` and ``uri`` replaced by :data:`FORMATS`
    (so the verdict does not depend on which optional packages jsonschema finds)."""
    from jsonschema import Draft202012Validator, FormatChecker

    checker = FormatChecker(())
    checker.checkers = dict(Draft202012Validator.FORMAT_CHECKER.checkers)
    for name, check in FORMATS.items():
        checker.checks(name)(check)
    return checker


@lru_cache(maxsize=None)
def schema(kind: str) -> dict[str, Any]:
    """The parsed schema for ``annotation``, ``kb`` or ``prediction``, checked against its meta-schema."""
    import jsonschema_rs

    path = paths.schema_dir() / SCHEMA_FILES[kind]
    data = read_json(path)
    try:
        jsonschema_rs.meta.validate(data)
    except (jsonschema_rs.ValidationError, jsonschema_rs.ReferencingError) as exc:
        raise UsageError(f"{path}: not a valid JSON Schema ({str(exc).splitlines()[0]})") from None
    return data


@lru_cache(maxsize=None)
def validator(kind: str) -> "Draft202012Validator":
    """The jsonschema validator (it words the errors), built once, on first need."""
    return strict_validator_class()(schema(kind), format_checker=format_checker())


@lru_cache(maxsize=None)
def fast_validator(kind: str) -> Any:
    """The jsonschema_rs validator of the same schema, with the same format checks (built once)."""
    import jsonschema_rs

    data = schema(kind)
    formats = {name: FORMATS[name] for name in _formats_used(data) if name in FORMATS}
    try:
        return jsonschema_rs.Draft202012Validator(data, formats=formats, validate_formats=True, offline=True)
    except (jsonschema_rs.ValidationError, jsonschema_rs.ReferencingError, ValueError) as exc:
        path = paths.schema_dir() / SCHEMA_FILES[kind]
        raise UsageError(f"{path}: not a usable JSON Schema ({str(exc).splitlines()[0]})") from None


def _formats_used(schema: Any) -> set[str]:
    """Every ``format`` value in a schema."""
    if isinstance(schema, dict):
        found = {schema["format"]} if isinstance(schema.get("format"), str) else set()
        return found.union(*(_formats_used(v) for v in schema.values()))
    if isinstance(schema, list):
        return set().union(*(_formats_used(v) for v in schema))
    return set()


def is_valid(obj: Any, kind: str, *, floats: bool | None = None) -> bool:
    """jsonschema_rs's verdict; False when it cannot take ``obj`` or ``obj`` holds a float
    (jsonschema, with newsgold's strict ``integer``, then decides).

    ``floats``: whether a float occurs in ``obj``, when the reader already knows
    (:func:`newsgold.jsonio.parse`); None walks ``obj`` to find out (no newsgold schema
    has a ``number`` field)."""
    fast = fast_validator(kind)
    if holds_float(obj) if floats is None else floats:
        return False
    try:
        return bool(fast.is_valid(obj))
    except (ValueError, TypeError, OverflowError, RecursionError):
        return False


def _true_integer(_checker: Any, instance: Any) -> bool:
    return isinstance(instance, int) and not isinstance(instance, bool)


@lru_cache(maxsize=None)
def strict_validator_class() -> Any:
    """Draft 2020-12 in which ``integer`` means a JSON number written without fraction or exponent.

    JSON Schema counts ``0.0`` and ``1e20`` as integers, and both then slipped past every
    span check (newsgold reads them as Python floats). jsonschema_rs follows the standard
    here, so a record holding any float skips it and is judged by this validator (no
    newsgold schema has a ``number`` field, so a float is always suspect).
    """
    from jsonschema import Draft202012Validator, validators

    return validators.extend(
        Draft202012Validator,
        type_checker=Draft202012Validator.TYPE_CHECKER.redefine("integer", _true_integer),
    )


def check_schema(obj: Any, kind: str, *, floats: bool | None = None) -> list[Finding]:
    """Every schema violation of ``obj``, sorted by JSON path (``floats``: see :func:`is_valid`)."""
    if is_valid(obj, kind, floats=floats):
        return []
    errors = sorted(validator(kind).iter_errors(obj), key=_sort_key)
    if not errors:
        return _fast_findings(obj, kind)
    return [Finding("schema", jpath(*e.absolute_path), _message(e), _expected(e)) for e in errors]


def _fast_findings(obj: Any, kind: str) -> list[Finding]:
    """jsonschema_rs's own errors, for the few values only it rejects.

    JSON Schema patterns are ECMA-262 regular expressions; jsonschema runs them with
    Python's ``re``, where ``$`` also matches before a final newline and ``\\d`` matches
    any Unicode digit. So ``"abc\\n"`` or Arabic-Indic digits pass jsonschema but not
    jsonschema_rs, whose verdict (the standard's) is the one kept.
    """
    try:
        errors = list(fast_validator(kind).iter_errors(obj))
    except (ValueError, TypeError, OverflowError, RecursionError):
        return []  # jsonschema_rs cannot take the record and jsonschema found nothing wrong
    return [Finding("schema", jpath(*e.instance_path), _limit(e.message), None)
            for e in sorted(errors, key=lambda e: _path_key(e.instance_path))]


def _sort_key(error: "ValidationError") -> tuple:
    return _path_key(error.absolute_path)


def _path_key(path: Any) -> tuple:
    return tuple((0, p, "") if isinstance(p, int) else (1, 0, p) for p in path)


def _message(error: "ValidationError") -> str:
    if error.validator == "not" and isinstance(error.validator_value, dict):
        names = error.validator_value.get("required")
        if isinstance(names, list) and len(error.validator_value) == 1:
            return f"property {', '.join(map(repr, names))} is not allowed here"
    if error.validator == "type" and error.validator_value == "integer" and isinstance(error.instance, float):
        return f"{error.instance!r} is not of type 'integer' (written with a fraction or exponent)"
    title = error.schema.get("title") if isinstance(error.schema, dict) else None
    if error.validator == "pattern" and isinstance(title, str):
        return f"{error.instance!r} is not a {title}"
    return _limit(error.message)


def _limit(message: str) -> str:
    return message if len(message) <= _MESSAGE_LIMIT else message[: _MESSAGE_LIMIT - 1] + "…"


def _expected(error: "ValidationError") -> str | None:
    kind, value = error.validator, error.validator_value
    if kind == "pattern":
        return f"a string matching {value}"
    if kind == "format":
        return f"a valid {value}"
    if kind == "enum":
        return "one of " + ", ".join(json.dumps(v, ensure_ascii=False) for v in value)
    if kind == "const":
        return json.dumps(value, ensure_ascii=False)
    if kind == "type":
        return "type " + (" or ".join(value) if isinstance(value, list) else str(value))
    if kind in ("anyOf", "oneOf"):
        options = [_expected(sub) or sub.message for sub in error.context]
        return " or ".join(dict.fromkeys(options)) or None
    if kind == "additionalProperties":
        return "only the properties the schema defines"
    if kind in ("minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems"):
        return f"{kind} {value}"
    if kind == "uniqueItems":
        return "unique items"
    return None
