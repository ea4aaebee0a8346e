"""JSON Schema (Draft 2020-12) checks with an active format checker, all errors collected.

Two validators per schema: ``jsonschema_rs`` (Rust) decides whether a record is valid,
and only for a record it rejects does ``jsonschema`` list and word the errors (their
JSON paths and messages are jsonschema's). Both use the same format checks (the Python
ones below, handed to jsonschema_rs as custom formats), so they agree on formats; a
record jsonschema_rs cannot take (e.g. a float too large for JSON) goes to jsonschema.
On 10k prediction lines this is about two orders of magnitude faster than jsonschema
alone (``eval/benchmarks/schema_validation.py``).
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError

from newsgold import paths
from newsgold.checks.problem import Finding, jpath
from newsgold.errors import UsageError
from newsgold.jsonio import read_json

SCHEMA_FILES = {
    "annotation": "annotation.schema.json",
    "kb": "kb.schema.json",
    "prediction": "predictions.schema.json",
}
_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$")
_MESSAGE_LIMIT = 160


def format_checker() -> FormatChecker:
    """Draft 2020-12's checker (``date`` included), plus a plain ``uri`` check when
    the optional rfc3987 package that jsonschema would use is absent."""
    checker = FormatChecker(())
    checker.checkers = dict(Draft202012Validator.FORMAT_CHECKER.checkers)
    if "date" not in checker.checkers:  # pragma: no cover - jsonschema always ships it
        raise RuntimeError("jsonschema has no 'date' format checker")
    if "uri" not in checker.checkers:
        checker.checks("uri")(lambda value: not isinstance(value, str) or bool(_URI.match(value)))
    return checker


@lru_cache(maxsize=None)
def validator(kind: str) -> Draft202012Validator:
    """The compiled validator for ``annotation``, ``kb`` or ``prediction`` (built once)."""
    path = paths.schema_dir() / SCHEMA_FILES[kind]
    schema = read_json(path)
    try:
        Draft202012Validator.check_schema(schema)
    except Exception as exc:  # SchemaError: a broken schema file cannot be used
        raise UsageError(f"{path}: not a valid JSON Schema ({exc.__class__.__name__})") from None
    return Draft202012Validator(schema, format_checker=format_checker())


@lru_cache(maxsize=None)
def fast_validator(kind: str) -> Any:
    """The jsonschema_rs validator of the same schema, with the same format checks (built once)."""
    import jsonschema_rs

    schema = validator(kind).schema
    checker = format_checker()
    formats = {name: _conforms(checker, name) for name in _formats_used(schema)}
    return jsonschema_rs.Draft202012Validator(schema, formats=formats, validate_formats=True, offline=True)


def _conforms(checker: FormatChecker, name: str) -> Any:
    return lambda value: checker.conforms(value, name)


def _formats_used(schema: Any) -> set[str]:
    """Every ``format`` value in a schema."""
    if isinstance(schema, dict):
        found = {schema["format"]} if isinstance(schema.get("format"), str) else set()
        return found.union(*(_formats_used(v) for v in schema.values()))
    if isinstance(schema, list):
        return set().union(*(_formats_used(v) for v in schema))
    return set()


def is_valid(obj: Any, kind: str) -> bool:
    """jsonschema_rs's verdict; False when it cannot take ``obj`` (jsonschema then decides)."""
    try:
        return bool(fast_validator(kind).is_valid(obj))
    except (ValueError, TypeError, OverflowError, RecursionError):
        return False


def check_schema(obj: Any, kind: str) -> list[Finding]:
    """Every schema violation of ``obj``, sorted by JSON path."""
    if is_valid(obj, kind):
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


def _sort_key(error: ValidationError) -> tuple:
    return _path_key(error.absolute_path)


def _path_key(path: Any) -> tuple:
    return tuple((0, p, "") if isinstance(p, int) else (1, 0, p) for p in path)


def _message(error: ValidationError) -> str:
    if error.validator == "not" and isinstance(error.validator_value, dict):
        names = error.validator_value.get("required")
        if isinstance(names, list) and len(error.validator_value) == 1:
            return f"property {', '.join(map(repr, names))} is not allowed here"
    title = error.schema.get("title") if isinstance(error.schema, dict) else None
    if error.validator == "pattern" and isinstance(title, str):
        return f"{error.instance!r} is not a {title}"
    return _limit(error.message)


def _limit(message: str) -> str:
    return message if len(message) <= _MESSAGE_LIMIT else message[: _MESSAGE_LIMIT - 1] + "…"


def _expected(error: ValidationError) -> str | None:
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
