"""What ``newsgold export`` and ``newsgold import`` do: formats in, formats out, files written.

Exports write into a folder; imports rebuild annotation files on top of the corpus's
current gold (:mod:`newsgold.publish.merge`), validate all of them, then write them.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from newsgold.errors import UsageError
from newsgold.jsonio import dumps, read_json, write_atomic

EXPORT_FORMATS: tuple[str, ...] = ("conll", "brat", "label-studio")
IMPORT_FORMATS: tuple[str, ...] = ("label-studio", "brat")
LABEL_STUDIO_TASKS = "tasks.json"
LABEL_STUDIO_CONFIG = "labeling_config.xml"


def export(corpus, fmt: str, out_dir: Path) -> list[Path]:
    """Write the corpus in ``fmt`` into ``out_dir``; the files written."""
    out_dir = Path(out_dir)
    if fmt == "conll":
        from newsgold.publish import conll

        written = []
        for name, content in conll.files(corpus.documents()).items():
            write_atomic(out_dir / name, content)
            written.append(out_dir / name)
        return written
    if fmt == "brat":
        from newsgold.publish import brat

        written = []
        modes: set[str] = set()
        for doc in corpus.documents():
            written += brat.export_document(doc, out_dir)
            modes |= {ev["mode"] for ev in doc.get("events", []) if ev.get("mode")}
        write_atomic(out_dir / "annotation.conf", brat.annotation_conf(sorted(modes)))
        return [*written, out_dir / "annotation.conf"]
    if fmt == "label-studio":
        from newsgold.publish import labelstudio

        tasks = labelstudio.export_tasks(corpus.documents(), corpus.fingerprint)
        write_atomic(out_dir / LABEL_STUDIO_TASKS, dumps(tasks))
        write_atomic(out_dir / LABEL_STUDIO_CONFIG, labelstudio.labeling_config())
        return [out_dir / LABEL_STUDIO_TASKS, out_dir / LABEL_STUDIO_CONFIG]
    raise UsageError(f"unknown export format {fmt!r}; choose from {', '.join(EXPORT_FORMATS)}")


def rebuild(corpus, fmt: str, source: Path) -> dict[str, dict[str, Any]]:
    """Annotation objects (doc_id -> dict) read from a Label Studio export file or a brat folder."""
    source = Path(source)
    if fmt == "label-studio":
        from newsgold.publish import labelstudio

        if source.is_dir():
            raise UsageError(f"{source}: give the Label Studio JSON export file, not a folder")
        return labelstudio.import_export(read_json(source), corpus, str(source))
    if fmt == "brat":
        from newsgold.publish import brat

        if not source.is_dir():
            raise UsageError(f"{source}: give the brat collection folder (<doc_id>.ann + <doc_id>.txt)")
        return brat.import_folder(source, corpus)
    raise UsageError(f"unknown import format {fmt!r}; choose from {', '.join(IMPORT_FORMATS)}")


def import_(corpus, fmt: str, source: Path, out_dir: Path | None = None) -> list[Path]:
    """Rebuild, validate and write ``<out_dir>/<doc_id>.json`` (default: the corpus's annotations folder)."""
    from newsgold.corpus import FolderCorpus
    from newsgold.publish.merge import write_documents

    if out_dir is None:
        if not isinstance(corpus, FolderCorpus):
            raise UsageError("a JSON Lines corpus has no annotations folder: give --out DIR")
        out_dir = corpus.root / "annotations"
    return write_documents(rebuild(corpus, fmt, source), Path(out_dir), corpus)
