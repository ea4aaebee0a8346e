"""JSON Schema (Draft 2020-12) checks with an active format checker, all errors collected."""
from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker, validators
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
    return STRICT_VALIDATOR(schema, format_checker=format_checker())


def _true_integer(_checker: Any, instance: Any) -> bool:
    return isinstance(instance, int) and not isinstance(instance, bool)


STRICT_VALIDATOR = validators.extend(
    Draft202012Validator,
    type_checker=Draft202012Validator.TYPE_CHECKER.redefine("integer", _true_integer),
)
"""Draft 2020-12 in which ``integer`` means a JSON number written without fraction or exponent:
JSON Schema counts ``0.0`` and ``1e20`` as integers, and both then slipped past every
span check (newsgold reads them as Python floats)."""


def check_schema(obj: Any, kind: str) -> list[Finding]:
    """Every schema violation of ``obj``, sorted by JSON path."""
    errors = sorted(validator(kind).iter_errors(obj), key=_sort_key)
    return [Finding("schema", jpath(*e.absolute_path), _message(e), _expected(e)) for e in errors]


def _sort_key(error: ValidationError) -> tuple:
    return tuple((0, p, "") if isinstance(p, int) else (1, 0, p) for p in error.absolute_path)


def _message(error: ValidationError) -> str:
    if error.validator == "not" and isinstance(error.validator_value, dict):
        names = error.validator_value.get("required")
        if isinstance(names, list) and len(error.validator_value) == 1:
            return f"property {', '.join(map(repr, names))} is not allowed here"
    if error.validator == "type" and error.validator_value == "integer" and isinstance(error.instance, float):
        return f"{error.instance!r} is not of type 'integer' (written with a fraction or exponent)"
    message = error.message
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
