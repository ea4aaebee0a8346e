"""Hugging Face packaging: Parquet files, declared features, the README header, ``load``.

The checkout is a data-only dataset folder (no loading script)::

    datasets.load_dataset("<checkout>", "documents", split="test")

reads ``annotations/parquet/<config>/test.parquet`` as declared in the YAML header
of README.md (``configs`` + ``dataset_info``). Configs:

- ``documents``: one row per document, every layer (nested lists of structs).
- ``segments``: one row per segment (zone + language layer).
- ``translation``: one row per main-content segment; ``reference`` is the English
  gold translation, or null while the segment has none (never an empty string).
- flat configs (:mod:`newsgold.publish.flat`): ``entities``, ``timexes``, ``events``,
  ``event_arguments`` (one row per mention / argument), ``kb`` and ``kb_events`` (one row
  per registry entity / event instance).

``croissant.json`` at the root describes the same Parquet files in Croissant 1.0
(:mod:`newsgold.publish.croissant`).

Dates stay ISO strings. Each config's ``dataset_info.description`` carries the
corpus fingerprint and ``splits`` the exact row count: an edited gold changes the
``datasets`` cache key (the description is part of the dataset module hash), and a
header that does not match its Parquet fails the split-size check. Every Parquet file
stores the fingerprint in its schema metadata (``newsgold.fingerprint``), which
:func:`load` checks. ``newsgold build`` regenerates all of it.

``pyarrow``, ``yaml`` and ``datasets`` are imported inside the functions that need them.
"""
from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

from newsgold.corpus import default_gold_path
from newsgold.errors import DataError, UsageError
from newsgold.fingerprint import short
from newsgold.gold import Document, load_gold
from newsgold.jsonio import write_atomic
from newsgold.publish import flat

if TYPE_CHECKING:  # pragma: no cover
    import datasets
    import pyarrow as pa

CONFIGS: tuple[str, ...] = ("documents", "segments", "translation", *flat.CONFIGS)
DEFAULT_CONFIG = "documents"
SPLIT = "test"
PARQUET_SUBDIR = "annotations/parquet"
META_FINGERPRINT = b"newsgold.fingerprint"
META_CONFIG = b"newsgold.config"
LANGUAGE_ORDER = ("el", "nb", "ro", "it", "vi", "en")

# A type spec: a scalar dtype name, a struct (dict of field -> spec) or a list ([spec]).
Spec = Union[str, dict[str, "Spec"], list["Spec"]]

_SOURCE: dict[str, Spec] = {
    "outlet": "string",
    "url": "string",
    "published": "string",
    "published_basis": "string",
    "seed_file": "string",
}
_SEGMENT: dict[str, Spec] = {
    "id": "string",
    "start": "int32",
    "end": "int32",
    "text": "string",
    "zone": "string",
    "boilerplate_kind": "string",
    "lang": "string",
}
_ENTITY: dict[str, Spec] = {
    "id": "string",
    "start": "int32",
    "end": "int32",
    "text": "string",
    "type": "string",
    "subtype": "string",
    "entity": "string",
}
_TIMEX: dict[str, Spec] = {
    "id": "string",
    "start": "int32",
    "end": "int32",
    "text": "string",
    "type": "string",
    "value": "string",
}
_EVENT: dict[str, Spec] = {
    "id": "string",
    "type": "string",
    "mode": "string",
    "trigger": {"start": "int32", "end": "int32", "text": "string"},
    "arguments": [{"role": "string", "ref": "string"}],
    "status": "string",
    "date": "string",
    "instance": "string",
}

SCHEMAS: dict[str, dict[str, Spec]] = {
    "documents": {
        "doc_id": "string",
        "language": "string",
        "text": "string",
        "text_sha256": "string",
        "source": _SOURCE,
        "segments": [_SEGMENT],
        "entities": [_ENTITY],
        "timexes": [_TIMEX],
        "events": [_EVENT],
        "translations": [{"segment": "string", "text": "string"}],
        "review": ["string"],
    },
    "segments": {
        "doc_id": "string",
        "segment_id": "string",
        "start": "int32",
        "end": "int32",
        "zone": "string",
        "boilerplate_kind": "string",
        "lang": "string",
        "main_content": "bool",
        "text": "string",
    },
    "translation": {
        "doc_id": "string",
        "segment_id": "string",
        "zone": "string",
        "source_lang": "string",
        "source_text": "string",
        "reference": "string",
    },
    **flat.SCHEMAS,
}

DESCRIPTIONS: dict[str, str] = {
    "documents": "one row per document with its text and every annotation layer",
    "segments": "one row per segment (zone and language layer)",
    "translation": "one row per main-content segment; reference is null until the segment has a gold translation",
    **flat.DESCRIPTIONS,
}


def _check_config(config: str) -> None:
    if config not in SCHEMAS:
        raise UsageError(f"unknown config {config!r}; choose from {', '.join(CONFIGS)}")


# --- types -------------------------------------------------------------------


def arrow_type(spec: Spec) -> pa.DataType:
    """The pyarrow type of a spec (lists of structs stay nested)."""
    import pyarrow as pa

    if isinstance(spec, list):
        return pa.list_(arrow_type(spec[0]))
    if isinstance(spec, dict):
        return pa.struct([pa.field(name, arrow_type(sub)) for name, sub in spec.items()])
    return {"string": pa.string(), "int32": pa.int32(), "int64": pa.int64(), "bool": pa.bool_()}[spec]


def arrow_schema(config: str, fingerprint: str | None = None) -> pa.Schema:
    """The Parquet schema of a config, with the fingerprint in its metadata when given."""
    import pyarrow as pa

    _check_config(config)
    schema = pa.schema([pa.field(name, arrow_type(spec)) for name, spec in SCHEMAS[config].items()])
    if fingerprint is None:
        return schema
    return schema.with_metadata({META_FINGERPRINT: fingerprint.encode("ascii"), META_CONFIG: config.encode("ascii")})


def _yaml_type(spec: Spec) -> dict[str, Any]:
    if isinstance(spec, list):
        inner = _yaml_type(spec[0])
        if list(inner) == ["dtype"]:
            return {"list": inner["dtype"]}
        if list(inner) == ["struct"]:
            return {"list": inner["struct"]}
        return {"list": inner}
    if isinstance(spec, dict):
        return {"struct": [{"name": name, **_yaml_type(sub)} for name, sub in spec.items()]}
    return {"dtype": spec}


def yaml_features(config: str) -> list[dict[str, Any]]:
    """The ``features`` list of a config as written in the README YAML (datasets' format)."""
    _check_config(config)
    return [{"name": name, **_yaml_type(spec)} for name, spec in SCHEMAS[config].items()]


def features(config: str) -> datasets.Features:
    """The declared ``datasets.Features`` of a config."""
    import datasets

    return datasets.Features.from_arrow_schema(arrow_schema(config))


# --- rows --------------------------------------------------------------------


def _segment_dict(seg) -> dict[str, Any]:
    return {
        "id": seg.id,
        "start": seg.start,
        "end": seg.end,
        "text": seg.text,
        "zone": seg.zone,
        "boilerplate_kind": seg.boilerplate_kind,
        "lang": seg.lang,
    }


def _event_dict(ev) -> dict[str, Any]:
    return {
        "id": ev.id,
        "type": ev.type,
        "mode": ev.mode,
        "trigger": {"start": ev.trigger.start, "end": ev.trigger.end, "text": ev.trigger.text},
        "arguments": [{"role": a.role, "ref": a.ref} for a in ev.arguments],
        "status": ev.status,
        "date": ev.date,
        "instance": ev.instance,
    }


def _document_row(doc: Document) -> dict[str, Any]:
    src = doc.source
    return {
        "doc_id": doc.doc_id,
        "language": doc.language,
        "text": doc.text,
        "text_sha256": doc.text_sha256,
        "source": {
            "outlet": src.outlet,
            "url": src.url,
            "published": src.published,
            "published_basis": src.published_basis,
            "seed_file": src.seed_file,
        },
        "segments": [_segment_dict(s) for s in doc.segments],
        "entities": [
            {"id": e.id, "start": e.start, "end": e.end, "text": e.text, "type": e.type, "subtype": e.subtype, "entity": e.entity}
            for e in doc.entities
        ],
        "timexes": [
            {"id": t.id, "start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value}
            for t in doc.timexes
        ],
        "events": [_event_dict(e) for e in doc.events],
        "translations": [{"segment": t.segment, "text": t.text} for t in doc.translations],
        "review": list(doc.review),
    }


def _segment_rows(doc: Document) -> list[dict[str, Any]]:
    return [
        {
            "doc_id": doc.doc_id,
            "segment_id": s.id,
            "start": s.start,
            "end": s.end,
            "zone": s.zone,
            "boilerplate_kind": s.boilerplate_kind,
            "lang": s.lang,
            "main_content": s.is_main_content,
            "text": s.text,
        }
        for s in doc.segments
    ]


def _translation_rows(doc: Document) -> list[dict[str, Any]]:
    return [
        {
            "doc_id": doc.doc_id,
            "segment_id": s.id,
            "zone": s.zone,
            "source_lang": s.lang,
            "source_text": s.text,
            "reference": doc.translation(s.id),
        }
        for s in doc.main_content_segments()
    ]


def rows(config: str, docs: list[Document], registry: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """The rows of a config, in document then segment order (``kb*``: of ``registry``, default the bundled one)."""
    _check_config(config)
    if config in flat.CONFIGS:
        return flat.rows(config, docs, registry)
    if config == "documents":
        return [_document_row(d) for d in docs]
    make = _segment_rows if config == "segments" else _translation_rows
    return [row for d in docs for row in make(d)]


def table(config: str, docs: list[Document], fingerprint: str, registry: dict[str, Any] | None = None) -> pa.Table:
    """The Arrow table of a config, typed by the declared schema."""
    import pyarrow as pa

    return pa.Table.from_pylist(rows(config, docs, registry), schema=arrow_schema(config, fingerprint))


def parquet_bytes(tbl: pa.Table) -> bytes:
    """Serialise a table as Parquet, deterministically (one row group, fixed options)."""
    import pyarrow.parquet as pq

    buf = io.BytesIO()
    pq.write_table(
        tbl,
        buf,
        row_group_size=max(tbl.num_rows, 1),
        compression="zstd",
        use_dictionary=True,
        write_statistics=True,
        store_schema=True,
    )
    return buf.getvalue()


def parquet_path(config: str, root: Path | str | None = None) -> Path:
    """``<root>/annotations/parquet/<config>/test.parquet``."""
    _check_config(config)
    base = Path(root) if root is not None else default_gold_path()
    return base / PARQUET_SUBDIR / config / f"{SPLIT}.parquet"


# --- README header -------------------------------------------------------------


def _languages(docs: list[Document]) -> list[str]:
    present = {d.language for d in docs} | {s.lang for d in docs for s in d.segments}
    present.discard("zxx")
    return [lang for lang in LANGUAGE_ORDER if lang in present] + sorted(present - set(LANGUAGE_ORDER))


def description(config: str, fingerprint: str, data_version: str | None = None) -> str:
    """The ``dataset_info.description`` of a config; it names the gold's data version and fingerprint."""
    version = f"Data version: {data_version}. " if data_version else ""
    return f"newsgold {config}: {DESCRIPTIONS[config]}. {version}Corpus fingerprint: sha256:{fingerprint}"


def header_data(docs: list[Document], fingerprint: str, sizes: dict[str, tuple[int, int]],
                data_version: str | None = None) -> dict[str, Any]:
    """The README YAML metadata (card fields, ``configs``, ``dataset_info``).

    Args:
        sizes: config -> (number of rows, Arrow bytes) of its ``test`` split.
    """
    return {
        "pretty_name": "newsgold",
        "license": "other",
        "language": _languages(docs),
        "multilinguality": "multilingual",
        "size_categories": ["n<1K"],
        "task_categories": ["token-classification", "translation"],
        "task_ids": ["named-entity-recognition"],
        "tags": ["news", "gold-standard", "boilerplate-removal", "timex", "event-extraction"],
        "configs": [
            {
                "config_name": config,
                **({"default": True} if config == DEFAULT_CONFIG else {}),
                "data_files": [{"split": SPLIT, "path": f"{PARQUET_SUBDIR}/{config}/{SPLIT}.parquet"}],
            }
            for config in CONFIGS
        ],
        "dataset_info": [
            {
                "config_name": config,
                "description": description(config, fingerprint, data_version),
                "features": yaml_features(config),
                "splits": [{"name": SPLIT, "num_bytes": sizes[config][1], "num_examples": sizes[config][0]}],
            }
            for config in CONFIGS
        ],
    }


def readme_header(docs: list[Document], fingerprint: str, sizes: dict[str, tuple[int, int]],
                  data_version: str | None = None) -> str:
    """The YAML block between the first two ``---`` lines, without the fences."""
    import yaml

    return yaml.safe_dump(
        header_data(docs, fingerprint, sizes, data_version), sort_keys=False, allow_unicode=True, default_flow_style=False, width=10_000
    )


def split_readme(text: str) -> tuple[str | None, str]:
    """(YAML block or None, prose) of a README, split as ``datasets`` does (first line ``---``)."""
    lines = text.splitlines(keepends=True)
    if lines and lines[0].rstrip("\r\n") == "---":
        for i in range(1, len(lines)):
            if lines[i].rstrip("\r\n") == "---":
                return "".join(lines[1:i]), "".join(lines[i + 1 :])
    return None, text


def with_header(readme: str, header: str) -> str:
    """The README with its YAML block replaced by ``header``; the prose is kept byte for byte."""
    _, prose = split_readme(readme)
    return f"---\n{header}---\n{prose}"


def with_block(readme: str, name: str, body: str) -> str:
    """Replace the text between ``<!-- newsgold:NAME:begin -->`` and ``<!-- newsgold:NAME:end -->``.

    A README without the markers is returned unchanged.
    """
    begin, end = f"<!-- newsgold:{name}:begin -->", f"<!-- newsgold:{name}:end -->"
    head, sep, rest = readme.partition(begin)
    _, sep2, tail = rest.partition(end)
    if not sep or not sep2:
        return readme
    return f"{head}{begin}\n{body.strip()}\n{end}{tail}"


def stats_block(docs: list[Document]) -> str:
    """The README's data tables (the same as ``newsgold stats --format markdown``)."""
    from newsgold.stats import render_markdown, tables

    return render_markdown(tables(docs)).replace("### ", "#### ")


def leaderboard_block(markdown: str) -> str:
    """The committed leaderboard (``eval/results/leaderboard.md``) nested under the README's section."""
    body = markdown.split("\n", 1)[1] if markdown.startswith("# ") else markdown
    return body.replace("\n## ", "\n#### ").strip()


# --- build ---------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """A generated file: where it goes, what it must contain, whether it already does."""

    path: Path
    content: bytes
    current: bool


def _parquet_current(path: Path, expected: pa.Table) -> bool:
    import pyarrow.parquet as pq

    if not path.is_file():
        return False
    try:
        existing = pq.read_table(path)
    except Exception:  # unreadable or truncated file: regenerate it  # noqa: BLE001
        return False
    # Parquet names list items "element" where Arrow says "item": compare metadata apart.
    return existing.schema.metadata == expected.schema.metadata and existing.equals(expected)


def _arrow_bytes(data: bytes) -> int:
    """Arrow size of a Parquet file once read back: what ``datasets`` records as ``num_bytes``."""
    import pyarrow.parquet as pq

    return pq.read_table(io.BytesIO(data)).nbytes


def targets(root: Path | str | None = None) -> list[Target]:
    """Every generated file of the data root: the Parquet files, README.md, then croissant.json."""
    from newsgold.corpus import open_corpus

    base = Path(root) if root is not None else default_gold_path()
    corpus = open_corpus(base)
    docs = corpus.load()
    fingerprint = corpus.fingerprint
    registry = corpus.registry
    out: list[Target] = []
    sizes: dict[str, tuple[int, int]] = {}
    for config in CONFIGS:
        tbl = table(config, docs, fingerprint, registry)
        path = parquet_path(config, base)
        data = parquet_bytes(tbl)
        sizes[config] = (tbl.num_rows, _arrow_bytes(data))
        out.append(Target(path, data, _parquet_current(path, tbl)))
    readme_path = base / "README.md"
    old = readme_path.read_text(encoding="utf-8") if readme_path.is_file() else ""
    new = with_block(with_header(old, readme_header(docs, fingerprint, sizes, corpus.data_version)), "stats",
                     stats_block(docs))
    board = base / "eval" / "results" / "leaderboard.md"
    if board.is_file():
        new = with_block(new, "leaderboard", leaderboard_block(board.read_text(encoding="utf-8")))
    out.append(Target(readme_path, new.encode("utf-8"), old == new))
    out.append(croissant_target(base, docs, fingerprint, corpus.data_version, out[:-1], new))
    return out


def croissant_target(base: Path, docs: list[Document], fingerprint: str, data_version: str | None,
                     parquet: list[Target], readme: str) -> Target:
    """``croissant.json``: the Parquet files as they will be after the build (sha256 of those bytes)."""
    from newsgold.jsonio import dumps
    from newsgold.publish import croissant

    written = {t.path: (t.path.read_bytes() if t.current else t.content) for t in parquet}
    configs = {
        config: (parquet_path(config, base).relative_to(base).as_posix(),
                 hashlib.sha256(written[parquet_path(config, base)]).hexdigest(),
                 DESCRIPTIONS[config], SCHEMAS[config])
        for config in CONFIGS
    }
    header = header_data(docs, fingerprint, {c: (0, 0) for c in CONFIGS})
    doc = croissant.metadata(configs, header["language"], fingerprint, data_version, croissant.citation(readme),
                             header["tags"])
    path = base / "croissant.json"
    content = dumps(doc).encode("utf-8")
    return Target(path, content, path.is_file() and path.read_bytes() == content)


def build(root: Path | str | None = None, check: bool = False) -> list[Target]:
    """Regenerate what is stale (or, with ``check``, only report it).

    Returns:
        The targets that were stale (written unless ``check``).
    """
    from newsgold.jsonio import write_all
    from newsgold.outputs import check_target

    stale = [t for t in targets(root) if not t.current]
    if not check:
        for t in stale:
            check_target("build", t.path)
        write_all([(t.path, t.content) for t in stale])
    return stale


# --- load ----------------------------------------------------------------------


def load(config: str = DEFAULT_CONFIG, root: Path | str | None = None) -> datasets.Dataset:
    """The ``test`` split of a config as an in-memory ``datasets.Dataset``.

    Reads the Parquet file of the data root (the checkout, or the installed wheel's
    ``newsgold/_data``); DataError if it is missing or was built from another
    version of the gold (run ``newsgold build``).
    """
    import datasets
    import pyarrow.parquet as pq
    from datasets.table import InMemoryTable

    path = parquet_path(config, root)
    if not path.is_file():
        raise DataError(f"{path}: not found; run `newsgold build`")
    tbl = pq.read_table(path)
    built_from = (tbl.schema.metadata or {}).get(META_FINGERPRINT, b"").decode("ascii")
    from newsgold.corpus import open_corpus

    corpus = open_corpus(root)
    current = corpus.fingerprint
    if built_from != current:
        raise DataError(
            f"{path} was built from gold {short(built_from) or '?'}, the data is {short(current)}: run `newsgold build`"
        )
    feats = features(config)
    info = datasets.DatasetInfo(description=description(config, current, corpus.data_version), features=feats,
                                config_name=config, version=corpus.data_version)
    return datasets.Dataset(
        InMemoryTable(tbl.cast(feats.arrow_schema)),
        info=info,
        split=datasets.NamedSplit(SPLIT),
        fingerprint=hashlib.sha256(f"{current}:{config}".encode()).hexdigest()[:16],
    )
