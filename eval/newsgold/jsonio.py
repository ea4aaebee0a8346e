"""Reading JSON/JSONL with clear errors, and writing files atomically."""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any, Iterator

from newsgold.errors import UsageError


def read_text(path: Path) -> str:
    """Read a UTF-8 file exactly (no newline translation); UsageError if missing or not UTF-8."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except FileNotFoundError:
        raise UsageError(f"{path}: file not found") from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot read ({exc.strerror})") from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UsageError(f"{path}: not UTF-8 (byte {exc.start}: {exc.reason})") from None


def read_json(path: Path) -> Any:
    """Parse a JSON file; UsageError naming the line and column when it is not JSON."""
    text = read_text(path)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise UsageError(f"{path}: not JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None


def iter_jsonl(path: Path) -> Iterator[tuple[int, Any]]:
    """Yield (line number, object) for each non-blank line; UsageError on a line that is not JSON."""
    for lineno, line in enumerate(read_text(path).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield lineno, json.loads(line)
        except json.JSONDecodeError as exc:
            raise UsageError(f"{path}:{lineno}: not JSON (column {exc.colno}: {exc.msg})") from None


def parse_json_line(raw: bytes, where: str) -> Any:
    """Parse one JSON Lines line given as bytes; UsageError naming ``where`` when it is not UTF-8 JSON."""
    try:
        return json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise UsageError(f"{where}: not UTF-8 (byte {exc.start}: {exc.reason})") from None
    except json.JSONDecodeError as exc:
        raise UsageError(f"{where}: not JSON (column {exc.colno}: {exc.msg})") from None


def iter_jsonl_offsets(path: Path) -> Iterator[tuple[int, int, Any]]:
    """Stream (line number, byte offset, object) for each non-blank line, splitting on ``\\n`` only.

    The file is never held whole in memory; UsageError names the line that is not JSON.
    """
    try:
        fh = open(path, "rb")
    except FileNotFoundError:
        raise UsageError(f"{path}: file not found") from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot read ({exc.strerror})") from None
    with fh:
        offset = 0
        for lineno, raw in enumerate(fh, start=1):
            start, offset = offset, offset + len(raw)
            if raw.strip():
                yield lineno, start, parse_json_line(raw, f"{path}:{lineno}")


def dumps(obj: Any) -> str:
    """The canonical JSON form used for every file newsgold writes (UTF-8, 2-space indent)."""
    return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write to a temporary file in the same folder, then rename: never a half-written file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # mkstemp makes 0600 files; give what open() would
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_json(path: Path, obj: Any) -> None:
    """Write ``obj`` as canonical JSON, atomically."""
    write_atomic(path, dumps(obj))
