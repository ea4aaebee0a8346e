"""What ``newsgold export`` and ``newsgold import`` do: formats in, formats out, files written.

Exports write into a folder; imports rebuild annotation files on top of the corpus's
current gold (:mod:`newsgold.publish.merge`), validate all of them, then write them.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from newsgold.errors import UsageError
from newsgold.jsonio import dumps, read_json

EXPORT_FORMATS: tuple[str, ...] = ("conll", "brat", "label-studio")
IMPORT_FORMATS: tuple[str, ...] = ("label-studio", "brat")
LABEL_STUDIO_TASKS = "tasks.json"
LABEL_STUDIO_CONFIG = "labeling_config.xml"


# What an existing export folder may hold: files a previous export in that format wrote.
_EXPORTED: dict[str, Callable[[str], bool]] = {
    "conll": lambda name: name.endswith(".conll"),
    "brat": lambda name: name.endswith((".txt", ".ann")) or name == "annotation.conf",
    "label-studio": lambda name: name in (LABEL_STUDIO_TASKS, LABEL_STUDIO_CONFIG),
}
_EXPORTED_WHAT = {"conll": "*.conll files", "brat": "*.txt, *.ann and annotation.conf",
                  "label-studio": f"{LABEL_STUDIO_TASKS} and {LABEL_STUDIO_CONFIG}"}


def check_export_folder(corpus, fmt: str, out_dir: Path) -> None:
    """UsageError when ``out_dir`` cannot take an export in ``fmt`` (see :func:`newsgold.outputs.check_folder`)."""
    from newsgold.outputs import check_folder, corpus_folders

    if fmt not in EXPORT_FORMATS:
        raise UsageError(f"unknown export format {fmt!r}; choose from {', '.join(EXPORT_FORMATS)}")
    check_folder("--out", out_dir, protected=corpus_folders(corpus), may_hold=_EXPORTED[fmt],
                 what=f"{_EXPORTED_WHAT[fmt]} from a previous `newsgold export --format {fmt}`")


def export_files(corpus, fmt: str) -> dict[str, str]:
    """The corpus in ``fmt``: file name -> content."""
    if fmt == "conll":
        from newsgold.publish import conll

        return conll.files(corpus.documents())
    if fmt == "brat":
        from newsgold.publish import brat

        files: dict[str, str] = {}
        modes: set[str] = set()
        for doc in corpus.documents():
            files.update(brat.document_files(doc))
            modes |= {ev["mode"] for ev in doc.get("events", []) if ev.get("mode")}
        files["annotation.conf"] = brat.annotation_conf(sorted(modes))
        return files
    if fmt == "label-studio":
        from newsgold.publish import labelstudio

        tasks = labelstudio.export_tasks(corpus.documents(), corpus.fingerprint)
        return {LABEL_STUDIO_TASKS: dumps(tasks), LABEL_STUDIO_CONFIG: labelstudio.labeling_config()}
    raise UsageError(f"unknown export format {fmt!r}; choose from {', '.join(EXPORT_FORMATS)}")


def export(corpus, fmt: str, out_dir: Path) -> list[Path]:
    """Check ``out_dir``, build the corpus in ``fmt``, then write every file together; the files written."""
    from newsgold.outputs import write_folder

    check_export_folder(corpus, fmt, Path(out_dir))
    return write_folder("--out", Path(out_dir), export_files(corpus, fmt))


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
    """Rebuild, validate and write ``<out_dir>/<doc_id>.json`` (default: the corpus's annotations folder).

    ``--out`` is checked before anything is read; the annotation files are written together
    at the end (:func:`newsgold.publish.merge.write_documents`), none if any is unusable.
    """
    from newsgold.corpus import FolderCorpus
    from newsgold.outputs import check_folder
    from newsgold.publish.merge import write_documents

    if out_dir is None:
        if not isinstance(corpus, FolderCorpus):
            raise UsageError("a JSON Lines corpus has no annotations folder: give --out DIR")
        out_dir = corpus.root / "annotations"
    check_folder("--out", Path(out_dir))
    return write_documents(rebuild(corpus, fmt, source), Path(out_dir), corpus, inputs=_source_files(Path(source)))


def _source_files(source: Path) -> list[Path]:
    """The files an import reads (an annotation file written over one of them would destroy it)."""
    if source.is_dir():
        return sorted(p for p in source.iterdir() if p.is_file())
    return [source]
