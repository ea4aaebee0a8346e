"""jsonschema_rs decides validity, jsonschema words the errors: the two must agree on every verdict."""
from __future__ import annotations

import copy
from typing import Any, Callable

import pytest

from newsgold.checks.schema import check_schema, is_valid, validator
from newsgold.corpus import open_corpus

LAYERS = ("language", "segments", "entities", "timexes", "events", "translations")


def reference_valid(obj: Any, kind: str) -> bool:
    return not any(True for _ in validator(kind).iter_errors(obj))


def gold() -> dict:
    return next(open_corpus().documents())


def annotation() -> dict:
    return {k: v for k, v in gold().items() if k != "text"}


def prediction() -> dict:
    doc = gold()
    return {"doc_id": doc["doc_id"], **{k: doc[k] for k in LAYERS}}


def _set(*path_and_value: Any) -> Callable[[dict], None]:
    *path, value = path_and_value

    def mutate(obj: dict) -> None:
        for key in path[:-1]:
            obj = obj[key]
        obj[path[-1]] = value
    return mutate


ANNOTATION_CASES: dict[str, Callable[[dict], None]] = {
    "as-is": lambda d: None,
    "uri-empty-path": _set("source", "url", "a:"),
    "uri-non-ascii": _set("source", "url", "https://example.org/ä"),
    "uri-space": _set("source", "url", "https://example.org/a b"),
    "date-invalid-day": _set("source", "published", "2024-02-30"),
    "date-leap-day": _set("source", "published", "2024-02-29"),
    "date-compact": _set("source", "published", "20240229"),
    "date-null": _set("source", "published", None),
    "published-missing": lambda d: d["source"].pop("published"),
    "seed-file-missing": lambda d: d["source"].pop("seed_file"),
    "seed-file-with-folder": _set("source", "seed_file", "seeds/a.txt"),
    "doc-id-underscore": _set("doc_id", "ctk_2023_000117"),
    "doc-id-upper": _set("doc_id", "CTK-1"),
    "doc-id-trailing-newline": _set("doc_id", "abc\n"),
    "language-region": _set("language", "pt-BR"),
    "language-bad-case": _set("language", "pt-br"),
    "language-underscore": _set("language", "el_GR"),
    "language-unicode-digit": _set("language", "es-٤١٩"),
    "segment-lang-script": _set("segments", 0, "lang", "sr-Latn"),
    "offset-float": _set("entities", 0, "start", 1.0),
    "offset-bool": _set("entities", 0, "start", True),
    "offset-huge": _set("entities", 0, "start", 10**40),
    "offset-infinite": _set("entities", 0, "start", float("inf")),
    "timex-value-arabic-digits": _set("timexes", 0, "value", "٢٠٢٤"),
    "review-multiline": _set("review", ["one\ntwo"]),
    "extra-property": _set("extra", 1),
}


# Python's re (jsonschema) vs ECMA-262 (the JSON Schema standard, jsonschema_rs): "$" before a
# final newline and "\d" on non-ASCII digits. The standard's verdict is kept: invalid.
ECMA_ONLY = {"doc-id-trailing-newline": "$.doc_id", "timex-value-arabic-digits": "$.timexes[0].value"}


@pytest.mark.parametrize("name", ANNOTATION_CASES)
def test_annotation_verdicts_agree(name: str) -> None:
    doc = annotation()
    ANNOTATION_CASES[name](doc)
    findings = check_schema(doc, "annotation")
    assert (findings == []) == is_valid(doc, "annotation")
    if name in ECMA_ONLY:
        assert reference_valid(doc, "annotation") and [f.path for f in findings] == [ECMA_ONLY[name]]
    else:
        assert is_valid(doc, "annotation") == reference_valid(doc, "annotation")


@pytest.mark.parametrize("name", ["as-is", "language-bad-case", "offset-float", "offset-infinite",
                                  "segment-lang-script"])
def test_prediction_verdicts_agree(name: str) -> None:
    record = prediction()
    ANNOTATION_CASES[name](record)
    assert is_valid(record, "prediction") == reference_valid(record, "prediction")


@pytest.mark.parametrize("alias_key", ["cs", "uk", "zh-Hant", "EL", "el_GR"])
def test_registry_alias_keys(alias_key: str) -> None:
    kb = copy.deepcopy(open_corpus().registry)
    next(iter(kb["entities"].values()))["aliases"][alias_key] = ["X"]
    assert is_valid(kb, "kb") == reference_valid(kb, "kb") == (alias_key in ("cs", "uk", "zh-Hant"))


def test_a_bad_language_tag_is_worded_plainly() -> None:
    record = {"doc_id": "a", "language": "EN_us"}
    [finding] = check_schema(record, "prediction")
    assert (finding.path, finding.message) == ("$.language", "'EN_us' is not a well-formed BCP-47 language tag")


def test_deep_nesting_is_not_valid_for_jsonschema_rs() -> None:
    nested: Any = []
    for _ in range(5000):
        nested = [nested]
    assert not is_valid({"doc_id": "a", "entities": nested}, "prediction")


@pytest.mark.parametrize("broken", [{"type": "invalid_type"}, {"properties": {"a": {"pattern": "("}}}])
def test_a_broken_schema_file_is_a_clean_error(tmp_path, monkeypatch, broken: dict) -> None:
    import json

    from newsgold import paths
    from newsgold.checks import schema as module
    from newsgold.errors import UsageError

    (tmp_path / "predictions.schema.json").write_text(
        json.dumps({"$schema": "https://json-schema.org/draft/2020-12/schema", **broken}), encoding="utf-8")
    monkeypatch.setattr(paths, "schema_dir", lambda: tmp_path)
    for cached in (module.schema, module.validator, module.fast_validator):
        cached.cache_clear()
    try:
        with pytest.raises(UsageError, match="predictions.schema.json: not a (valid|usable) JSON Schema"):
            check_schema({"doc_id": "a"}, "prediction")
    finally:
        monkeypatch.undo()
        for cached in (module.schema, module.validator, module.fast_validator):
            cached.cache_clear()
