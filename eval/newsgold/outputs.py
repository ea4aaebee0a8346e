"""Checking output targets before any work starts (every command that writes files uses it).

A command first calls :func:`check_outputs` with every file it will write and every file
it reads; only when all targets are usable does it start working, and it writes its
outputs at the very end, all together (:func:`newsgold.jsonio.write_all`). So a bad
target costs nothing and leaves nothing behind, and a failure halfway writes nothing.

A target is refused (UsageError, exit 2) when it is a folder, lies under something that
is not a folder, exists as something other than a regular file (a character device such
as ``/dev/null``, a FIFO, a socket: newsgold would replace it), sits in a folder newsgold
cannot write to (read-only filesystem, permissions), names the same file as one of the
inputs or as another output.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Iterable, Mapping

from newsgold.errors import UsageError


def _same(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return os.path.realpath(a) == os.path.realpath(b)


def _nearest_existing(path: Path) -> Path:
    for parent in path.absolute().parents:
        if os.path.lexists(parent):
            return parent
    return Path("/")


def check_target(option: str, path: Path) -> None:
    """UsageError naming ``option`` when ``path`` cannot be written as a regular file."""
    where = f"{option} {path}"
    if not str(path):
        raise UsageError(f"{option}: empty path")
    try:
        mode = os.stat(path).st_mode if os.path.lexists(path) else None
    except OSError as exc:
        raise UsageError(f"{where}: cannot use this path ({exc.strerror or exc})") from None
    if mode is not None and stat.S_ISDIR(mode):
        raise UsageError(f"{where}: is a folder (expected a file name)")
    if mode is not None and not stat.S_ISREG(mode):
        raise UsageError(f"{where}: exists and is not a regular file (a device, FIFO or socket); refusing to replace it")
    parent = _nearest_existing(path)
    if not parent.is_dir():
        raise UsageError(f"{where}: lies under {parent}, which is not a folder")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise UsageError(f"{where}: cannot write in {parent} (read-only or no permission)")


def check_outputs(outputs: Mapping[str, Path | str | None], inputs: Iterable[Path | str | None] = ()) -> None:
    """Check every output target (option name -> path; None = not requested) against the inputs.

    Raises:
        UsageError: the first unusable target, naming its option.
    """
    given = [(option, Path(p)) for option, p in outputs.items() if p is not None]
    sources = [Path(p) for p in inputs if p is not None]
    for i, (option, path) in enumerate(given):
        check_target(option, path)
        for source in sources:
            if _same(path, source):
                raise UsageError(f"{option} {path}: is also an input ({source}); refusing to overwrite it")
        for other_option, other in given[:i]:
            if _same(path, other):
                raise UsageError(f"{option} {path}: same file as {other_option} {other}")
