"""Summary tables of the gold: documents, characters, segments by zone and language, layer counts.

Pure Python over :mod:`newsgold.gold` (no pyarrow, no datasets), so ``newsgold stats``
answers at once.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from typing import Any, Sequence

from newsgold.gold import LAYERS, ZONES, Document

LANGUAGE_ORDER = ("el", "nb", "ro", "it", "vi", "en", "zxx")
TOTAL = "total"


@dataclass(frozen=True)
class Table:
    """A titled table whose last row may be a total."""

    key: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]

    def as_dicts(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row)) for row in self.rows]


def _ordered(keys: set[str], order: Sequence[str]) -> list[str]:
    return [k for k in order if k in keys] + sorted(keys - set(order))


def _layer_counts(doc: Document) -> dict[str, int]:
    return {layer: len(getattr(doc, layer)) for layer in LAYERS}


def _with_total(rows: list[tuple[Any, ...]], label_columns: int) -> tuple[tuple[Any, ...], ...]:
    """Append a total row summing every numeric column after the label columns."""
    if not rows:
        return ()
    sums = [sum(col) for col in zip(*(r[label_columns:] for r in rows))]
    total = (TOTAL,) + ("",) * (label_columns - 1) + tuple(sums)
    return (*rows, total)


def documents_table(docs: Sequence[Document]) -> Table:
    """Per document: language, characters, segments (all, main content, by zone), layers."""
    columns = ("doc_id", "lang", "chars", "segments", "main", *ZONES, *LAYERS)
    rows = []
    for d in docs:
        zones = Counter(s.zone for s in d.segments)
        layers = _layer_counts(d)
        rows.append(
            (d.doc_id, d.language, len(d.text), len(d.segments), len(d.main_content_segments()))
            + tuple(zones.get(z, 0) for z in ZONES)
            + tuple(layers[layer] for layer in LAYERS)
        )
    return Table("documents", "Documents", columns, _with_total(rows, 2))


def segment_languages_table(docs: Sequence[Document]) -> Table:
    """Per document: how many segments are in each language (all zones, then main content only)."""
    langs = _ordered({s.lang for d in docs for s in d.segments}, LANGUAGE_ORDER)
    rows = []
    for d in docs:
        every = Counter(s.lang for s in d.segments)
        main = Counter(s.lang for s in d.main_content_segments())
        rows.append((d.doc_id,) + tuple(every.get(lang, 0) for lang in langs) + tuple(main.get(lang, 0) for lang in langs))
    columns = ("doc_id", *langs, *(f"main:{lang}" for lang in langs))
    return Table("segment_languages", "Segments by language", columns, _with_total(rows, 1))


def languages_table(docs: Sequence[Document]) -> Table:
    """Per document language: documents, characters, segments and each layer's count."""
    langs = _ordered({d.language for d in docs}, LANGUAGE_ORDER)
    rows = []
    for lang in langs:
        group = [d for d in docs if d.language == lang]
        layers = Counter()
        for d in group:
            layers.update(_layer_counts(d))
        rows.append(
            (lang, len(group), sum(len(d.text) for d in group), sum(len(d.segments) for d in group))
            + tuple(layers[layer] for layer in LAYERS)
        )
    return Table("languages", "Layers by document language", ("lang", "documents", "chars", "segments", *LAYERS), _with_total(rows, 1))


def tables(docs: Sequence[Document]) -> list[Table]:
    """Every table ``newsgold stats`` shows, in order."""
    return [documents_table(docs), segment_languages_table(docs), languages_table(docs)]


def _cell(value: Any) -> str:
    return "" if value is None else str(value)


def render_text(tbls: Sequence[Table], heading: str = "") -> str:
    """Aligned plain-text tables (numbers right-aligned)."""
    out = [heading, ""] if heading else []
    for t in tbls:
        cells = [list(t.columns)] + [[_cell(v) for v in row] for row in t.rows]
        widths = [max(len(r[i]) for r in cells) for i in range(len(t.columns))]
        numeric = [all(isinstance(row[i], int) for row in t.rows[:-1] or t.rows) for i in range(len(t.columns))]

        def line(row: list[str]) -> str:
            return "  ".join(c.rjust(w) if num else c.ljust(w) for c, w, num in zip(row, widths, numeric)).rstrip()

        out += [t.title, line(cells[0]), "  ".join("-" * w for w in widths)]
        out += [line(r) for r in cells[1:]]
        out.append("")
    return "\n".join(out)


def render_markdown(tbls: Sequence[Table], heading: str = "") -> str:
    """GitHub-flavoured Markdown tables, each under a ``###`` title."""
    out = [heading, ""] if heading else []
    for t in tbls:
        numeric = [all(isinstance(row[i], int) for row in t.rows[:-1] or t.rows) for i in range(len(t.columns))]
        out += [f"### {t.title}", ""]
        out.append("| " + " | ".join(t.columns) + " |")
        out.append("|" + "|".join(" ---: " if num else " --- " for num in numeric) + "|")
        out += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in t.rows]
        out.append("")
    return "\n".join(out)


def render_json(tbls: Sequence[Table], meta: dict[str, Any] | None = None) -> str:
    """One JSON object: ``meta`` fields plus each table as a list of row objects."""
    obj: dict[str, Any] = dict(meta or {})
    obj["tables"] = {t.key: t.as_dicts() for t in tbls}
    return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"
