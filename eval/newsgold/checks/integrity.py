"""Identity and integrity of a gold document: doc_id, text_file, text_sha256, text_length."""
from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import Callable

from newsgold.checks.problem import Finding, jpath, quote
from newsgold.errors import UsageError

TEXT_FILE = re.compile(r"^corpus/[a-z0-9]+(?:[-_][a-z0-9]+)*\.txt$")  # the schema's text_file pattern

TextReader = Callable[[Path], str]


def check_identity(doc: dict, file_stem: str) -> list[Finding]:
    """doc_id equals the file name (without .json) and text_file is ``corpus/<doc_id>.txt``."""
    found: list[Finding] = []
    doc_id, text_file = doc.get("doc_id"), doc.get("text_file")
    if isinstance(doc_id, str) and doc_id != file_stem:
        found.append(Finding("doc-id", jpath("doc_id"),
                             f"{quote(doc_id)} does not match the file name {quote(file_stem + '.json')}",
                             repr(file_stem)))
    if isinstance(doc_id, str) and isinstance(text_file, str) and text_file != f"corpus/{doc_id}.txt":
        found.append(Finding("doc-id", jpath("text_file"),
                             f"{quote(text_file)} does not name the document's corpus file",
                             repr(f"corpus/{doc_id}.txt")))
    return found


def resolve_text_file(doc: dict, data_root: Path) -> Path | None:
    """The corpus file of ``doc``: ``text_file`` relative to the data root (the folder
    holding ``annotations/``); None when text_file is missing or not ``corpus/<name>.txt``."""
    text_file = doc.get("text_file")
    if not isinstance(text_file, str) or not TEXT_FILE.match(text_file):
        return None
    return data_root / text_file


def load_text(doc: dict, data_root: Path, read: TextReader) -> tuple[str | None, list[Finding]]:
    """Read the corpus text and compare it with text_sha256 and text_length.

    Returns:
        The text (None when unavailable) and the findings.
    """
    path = resolve_text_file(doc, data_root)
    if path is None:
        return None, []
    try:
        text = read(path)
    except UsageError as exc:
        reason = str(exc).removeprefix(f"{path}: ")
        return None, [Finding("text-file", jpath("text_file"), f"{doc['text_file']}: {reason}",
                              f"an existing UTF-8 file under the data root {os.path.abspath(data_root)}")]
    return text, check_integrity(doc, text)


def check_integrity(doc: dict, text: str) -> list[Finding]:
    """text_sha256 (of the UTF-8 bytes) and text_length (in code points) match ``text``."""
    found: list[Finding] = []
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    sha = doc.get("text_sha256")
    if isinstance(sha, str) and sha != digest:
        found.append(Finding("sha256", jpath("text_sha256"),
                             f"{sha[:12]}… is not the sha256 of {doc['text_file']}", digest))
    length = doc.get("text_length")
    if isinstance(length, int) and not isinstance(length, bool) and length != len(text):
        found.append(Finding("text-length", jpath("text_length"),
                             f"{length} is not the length of {doc['text_file']} in code points",
                             str(len(text))))
    return found

