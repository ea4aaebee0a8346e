"""Convert a corpus between the folder form and the JSON Lines form, losslessly.

* **to the folder form**: each document's text goes to ``corpus/<doc_id>.txt`` as its
  exact UTF-8 bytes, its annotation object (without ``text``, key order kept) to
  ``annotations/<doc_id>.json`` written with :func:`newsgold.jsonio.dumps`;
* **to the JSON Lines form**: one line per document, the annotation object (key order
  kept) with ``"text"`` appended, compact JSON, UTF-8; ``shard_size`` documents per
  shard ``part-00000.jsonl``, ``part-00001.jsonl``, ...;
* the registry is copied byte for byte to ``annotations/kb.json`` or ``kb.json``.

Documents are streamed (one in memory at a time) in the order the corpus gives them:
doc_id order for a folder corpus, shard and line order for a JSON Lines corpus.
Annotation files already in the canonical form newsgold writes (``jsonio.dumps``, as the
bundled gold is) therefore come back byte-identical from folder -> JSON Lines -> folder;
others come back with the same content (and the same fingerprint) in that form.

The output folder must not exist or be empty; everything is written to a temporary
folder beside it and renamed into place at the end, so a failed conversion leaves
nothing half-written.
"""
from __future__ import annotations

import itertools
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import IO, Any, Iterator

from newsgold.checks.integrity import TEXT_FILE
from newsgold.corpus.base import Corpus
from newsgold.errors import DataError, UsageError
from newsgold.jsonio import dumps

FORMS = ("folder", "jsonl")
KB_FILENAME = "kb.json"
SHARD_NAME = "part-{:05d}.jsonl"


def convert(corpus: Corpus, to: str, out: str | Path, shard_size: int | None = None) -> list[Path]:
    """Write ``corpus`` in the form ``to`` (``folder`` or ``jsonl``) to the new folder ``out``.

    Returns the files written (paths under ``out``). UsageError when ``out`` is a file or
    a non-empty folder, or an option is wrong; DataError when a document cannot be
    written in the target form (no usable doc_id, a doc_id seen twice).
    """
    if to not in FORMS:
        raise UsageError(f"--to {to}: expected one of {', '.join(FORMS)}")
    if to == "folder" and shard_size is not None:
        raise UsageError("--shard-size goes with --to jsonl (a folder corpus has one file per document)")
    if shard_size is not None and shard_size < 1:
        raise UsageError(f"--shard-size {shard_size}: expected a positive number of documents per shard")
    out = Path(out)
    _check_target(out, corpus)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp"))
    except OSError as exc:
        raise UsageError(f"--out {out}: cannot write beside it ({exc.strerror})") from None
    try:
        if to == "folder":
            written = _write_folder(corpus, staging)
        else:
            written = _write_jsonl(corpus, staging, shard_size)
        os.chmod(staging, 0o777 & ~_umask())  # mkdtemp makes 0700 folders; give what mkdir would
        os.rename(staging, out)  # replaces an empty folder atomically; fails if it is no longer empty
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise UsageError(f"--out {out}: cannot write ({exc.strerror}); nothing was written") from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return [out / p.relative_to(staging) for p in written]


def _check_target(out: Path, corpus: Corpus) -> None:
    """UsageError unless ``out`` is a new or empty folder newsgold can write (the checks of every output folder)."""
    from newsgold.outputs import check_folder, corpus_folders

    check_folder("--out", out, protected=corpus_folders(corpus))
    if out.is_dir() and any(out.iterdir()):
        raise UsageError(f"--out {out}: the folder is not empty "
                         "(give a new or empty folder; nothing is overwritten)")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _annotation(doc: dict[str, Any], seen: set[str], where: str) -> tuple[str, dict[str, Any], str]:
    """``(doc_id, annotation without text, text)`` of one document; DataError when unusable."""
    doc_id = doc.get("doc_id")
    if not isinstance(doc_id, str) or not TEXT_FILE.match(f"corpus/{doc_id}.txt"):
        raise DataError(f"{where}: doc_id {doc_id!r} is not slug-shaped (lowercase letters and digits joined "
                        f"by - or _), so it cannot name the document's files")
    if doc_id in seen:
        raise DataError(f"{where}: doc_id {doc_id!r} occurs twice")
    seen.add(doc_id)
    text = doc.get("text")
    if not isinstance(text, str):
        raise DataError(f"{where}: document {doc_id!r} has no text")
    text_file = doc.get("text_file", f"corpus/{doc_id}.txt")
    if text_file != f"corpus/{doc_id}.txt":
        raise DataError(f"{where}: document {doc_id!r} has text_file {text_file!r}; "
                        f"expected 'corpus/{doc_id}.txt'")
    return doc_id, {k: v for k, v in doc.items() if k != "text"}, text


def _write_folder(corpus: Corpus, root: Path) -> list[Path]:
    (root / "corpus").mkdir()
    (root / "annotations").mkdir()
    written: list[Path] = []
    seen: set[str] = set()
    for doc in corpus.documents():
        doc_id, annotation, text = _annotation(doc, seen, corpus.location)
        written.append(_write_bytes(root / "corpus" / f"{doc_id}.txt", text.encode("utf-8")))
        written.append(_write_bytes(root / "annotations" / f"{doc_id}.json", dumps(annotation).encode("utf-8")))
    written.append(_copy_registry(corpus, root / "annotations" / KB_FILENAME))
    return written


def _write_jsonl(corpus: Corpus, root: Path, shard_size: int | None) -> list[Path]:
    written: list[Path] = []
    seen: set[str] = set()
    for index, chunk in enumerate(_chunks(corpus.documents(), shard_size)):
        path = root / SHARD_NAME.format(index)
        with open(path, "xb") as fh:
            for doc in chunk:
                _doc_id, annotation, text = _annotation(doc, seen, corpus.location)
                _write_line(fh, {**annotation, "text": text})
        written.append(path)
    written.append(_copy_registry(corpus, root / KB_FILENAME))
    return written


def _chunks(docs: Iterator[dict[str, Any]], size: int | None) -> Iterator[Iterator[dict[str, Any]]]:
    """Consecutive runs of ``size`` documents (all when size is None), streamed: consume each run before the next."""
    while (first := next(docs, None)) is not None:
        yield itertools.chain([first], docs if size is None else itertools.islice(docs, size - 1))


def _write_line(fh: IO[bytes], obj: dict[str, Any]) -> None:
    fh.write(json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    fh.write(b"\n")


def _write_bytes(path: Path, data: bytes) -> Path:
    with open(path, "xb") as fh:
        fh.write(data)
    return path


def _copy_registry(corpus: Corpus, target: Path) -> Path:
    corpus.registry  # parses it: a registry that is not a JSON object is refused before anything is renamed
    shutil.copyfile(corpus.registry_path, target)
    return target
