"""The result document (``schema/result.schema.json``) and its renderings (text table, Markdown).

A result holds one ``signature`` (versions, corpus fingerprint, tasks, options,
bootstrap settings: everything that must match for two numbers to be comparable),
a list of ``systems`` evaluated under it (one for ``newsgold eval``, several for a
leaderboard), optional paired ``comparisons`` and ``warnings``. Each system entry
carries, per task, the full ``scores`` dict of the task, its ``headline`` values
with 95% bootstrap intervals, and headline values per document language.
"""
from __future__ import annotations

import math
from typing import Any, Iterator, Mapping

RESULT_SCHEMA_VERSION = "2.0.0"
MISSING = "n/a"


def jsonable(obj: Any, warnings: list[str], path: str = "$") -> Any:
    """A copy made of JSON types only: numpy scalars become numbers, tuples lists, NaN/inf None (with a warning)."""
    if isinstance(obj, Mapping):
        return {str(k): jsonable(v, warnings, f"{path}.{k}") for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [jsonable(v, warnings, f"{path}[{i}]") for i, v in enumerate(obj)]
    if obj is None or isinstance(obj, (str, bool, int)):
        return obj
    if hasattr(obj, "item") and callable(obj.item):  # numpy scalar
        return jsonable(obj.item(), warnings, path)
    if isinstance(obj, float):
        if math.isfinite(obj):
            return obj
        warnings.append(f"{path}: non-finite value {obj!r} recorded as null")
        return None
    warnings.append(f"{path}: {type(obj).__name__} value recorded as its string form")
    return str(obj)


def validate_result(result: Any) -> list[str]:
    """Schema violations of a result dict (empty when valid), each as ``$.path: message``."""
    from jsonschema import Draft202012Validator

    from newsgold.jsonio import read_json
    from newsgold.paths import schema_dir

    schema = read_json(schema_dir() / "result.schema.json")
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    return [f"{e.json_path}: {e.message[:200]}" for e in validator.iter_errors(result)]


def fmt(value: Any) -> str:
    """A number for a table: 4 decimals below 10 (rates), 2 above (BLEU-like 0-100 scores)."""
    if value is None:
        return MISSING
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    return f"{value:.4f}" if abs(value) < 10 else f"{value:.2f}"


def fmt_ci(low: Any, high: Any) -> str:
    return "" if low is None and high is None else f"[{fmt(low)}, {fmt(high)}]"


def headline_rows(result: Mapping[str, Any]) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    """(system, task, metric path, {value, ci_low, ci_high}) for every headline metric."""
    for entry in result["systems"]:
        for task, block in entry["tasks"].items():
            for path, cell in block["headline"].items():
                yield entry["system"]["name"], task, path, cell


def _languages(result: Mapping[str, Any]) -> list[str]:
    return sorted({lang for e in result["systems"] for b in e["tasks"].values() for lang in b["by_language"]})


def text_table(header: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    line = lambda cells: "  ".join(str(c).ljust(w) for c, w in zip(cells, widths)).rstrip()  # noqa: E731
    return [line(header), line(["-" * w for w in widths]), *(line(r) for r in rows)]


def _md_table(header: list[str], rows: list[list[str]]) -> list[str]:
    esc = lambda c: str(c).replace("|", "\\|")  # noqa: E731
    out = ["| " + " | ".join(map(esc, header)) + " |", "|" + "|".join("---" for _ in header) + "|"]
    return out + ["| " + " | ".join(map(esc, r)) + " |" for r in rows]


def _main_rows(result: Mapping[str, Any]) -> list[list[str]]:
    return [[s, t, p, fmt(c["value"]), fmt_ci(c["ci_low"], c["ci_high"])] for s, t, p, c in headline_rows(result)]


def _language_rows(result: Mapping[str, Any]) -> list[list[str]]:
    langs = _languages(result)
    rows = []
    for entry in result["systems"]:
        for task, block in entry["tasks"].items():
            for path in block["headline"]:
                cells = [fmt(block["by_language"][lg]["headline"].get(path)) if lg in block["by_language"] else ""
                         for lg in langs]
                rows.append([entry["system"]["name"], task, path, *cells])
    return rows


def _comparison_rows(result: Mapping[str, Any]) -> list[list[str]]:
    return [
        [f"{c['system_a']} vs {c['system_b']}", c["task"], c["metric"], fmt(c["value_a"]), fmt(c["value_b"]),
         fmt(c["difference"]), fmt_ci(c["ci_low"], c["ci_high"]), fmt(c["p_a_greater"])]
        for c in result.get("comparisons", [])
    ]


_MAIN = ["system", "task", "metric", "value", "95% CI"]
_COMPARE = ["A vs B", "task", "metric", "A", "B", "A - B", "95% CI", "P(A > B)"]


def warnings_of(result: Mapping[str, Any]) -> list[str]:
    """Every warning: the result's own, then each system's prefixed with its name."""
    out = list(result.get("warnings", []))
    for entry in result["systems"]:
        out += [f"{entry['system']['name']}: {w}" for w in entry.get("warnings", [])]
    return out


def render_text(result: Mapping[str, Any]) -> str:
    """The plain-text table printed by ``newsgold eval``."""
    lines = [result["signature"]["string"], "", *text_table(_MAIN, _main_rows(result))]
    if result.get("comparisons"):
        lines += ["", "paired bootstrap (same resamples for both systems):", *text_table(_COMPARE, _comparison_rows(result))]
    return "\n".join(lines) + "\n"


def render_markdown(result: Mapping[str, Any]) -> str:
    """The result as a Markdown section (headline table, per-language table, comparisons, warnings)."""
    sig = result["signature"]
    boot = sig["bootstrap"]
    lines = [
        "## newsgold results", "",
        f"`{sig['string']}`", "",
        f"Corpus fingerprint `{sig['corpus_fingerprint']}`; 95% intervals: percentile bootstrap over documents "
        f"({boot['resamples']} resamples, seed {boot['seed']}).", "",
        *_md_table(_MAIN, _main_rows(result)), "",
        "### By document language", "",
        *_md_table(["system", "task", "metric", *_languages(result)], _language_rows(result)),
    ]
    if result.get("comparisons"):
        lines += ["", "### Paired comparison", "", *_md_table(_COMPARE, _comparison_rows(result))]
    warns = warnings_of(result)
    if warns:
        lines += ["", "### Warnings", "", *(f"- {w}" for w in warns)]
    return "\n".join(lines) + "\n"
