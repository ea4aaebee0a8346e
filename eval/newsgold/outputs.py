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

Commands that write a whole folder (``view``, ``export``, ``import``, ``convert``) check
it with :func:`check_folder` (a folder, or a new path under a folder; writable; not one of
the gold corpus's own folders; for view/export, holding nothing but files the same command
writes) and write it with :func:`write_folder` (every file checked as a target, then all
written together: a new folder is staged beside it and renamed into place).
"""
from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Callable, Iterable, Mapping

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


def _mode(option: str, path: Path) -> int | None:
    """The st_mode of what ``path`` names (following symlinks), None when nothing is there."""
    if not str(path):
        raise UsageError(f"{option}: empty path")
    try:
        return os.stat(path).st_mode if os.path.lexists(path) else None
    except OSError as exc:
        raise UsageError(f"{option} {path}: cannot use this path ({exc.strerror or exc})") from None


def check_target(option: str, path: Path) -> None:
    """UsageError naming ``option`` when ``path`` cannot be written as a regular file."""
    where = f"{option} {path}"
    mode = _mode(option, path)
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


# --- output folders (view, export, import, convert) ---------------------------------------------


def corpus_folders(corpus) -> list[Path]:
    """The folders a gold corpus lives in (its root, ``corpus/``, ``annotations/``, the shards' folder):
    no command may write its pages or exports into them."""
    folders = {Path(p).parent for p in corpus.source_files()}
    root = getattr(corpus, "root", None)
    if root is not None:
        folders |= {Path(root), Path(root) / "corpus", Path(root) / "annotations"}
    return sorted(folders)


def check_folder(option: str, path: Path | str, *, protected: Iterable[Path] = (),
                 may_hold: Callable[[str], bool] | None = None, what: str = "") -> None:
    """UsageError naming ``option`` when ``path`` cannot be used as an output folder.

    A folder is refused when it exists as something other than a folder, lies under
    something that is not a folder, cannot be written to, is one of the ``protected``
    folders (those of the gold corpus), or (with ``may_hold``) holds an entry that is not
    a regular file whose name ``may_hold`` accepts: a folder a previous run of the same
    command wrote (``what`` names those files in the message).
    """
    path = Path(path)
    where = f"{option} {path}"
    mode = _mode(option, path)
    if mode is not None and stat.S_ISREG(mode):
        raise UsageError(f"{where}: is a file, not a folder")
    if mode is not None and not stat.S_ISDIR(mode):
        raise UsageError(f"{where}: exists and is not a folder (a device, FIFO or socket)")
    writable = path if mode is not None else _nearest_existing(path)
    if not writable.is_dir():
        raise UsageError(f"{where}: lies under {writable}, which is not a folder (cannot write there)")
    if not os.access(writable, os.W_OK | os.X_OK):
        raise UsageError(f"{where}: cannot write in {writable} (read-only or no permission)")
    for folder in protected:
        if _same(path, Path(folder)):
            raise UsageError(f"{where}: is a folder of the gold corpus ({folder}); refusing to write into it")
    if mode is not None and may_hold is not None:
        for entry in sorted(os.scandir(path), key=lambda e: e.name):
            if not (entry.is_file(follow_symlinks=False) and may_hold(entry.name)):
                raise UsageError(f"{where}: holds {entry.name!r}, which this command does not write "
                                 f"(give a new or empty folder, or one holding only {what})")


def write_folder(option: str, folder: Path, files: Mapping[str, str | bytes],
                 inputs: Iterable[Path | str | None] = ()) -> list[Path]:
    """Write ``files`` (name -> content) into ``folder`` all together, or nothing.

    Each file is checked as a target first (refused if it is one of ``inputs``). A new
    folder is written as a temporary folder beside it and renamed into place; in an
    existing folder every file goes to a temporary file first and all are then renamed
    (:func:`newsgold.jsonio.write_all`). An OSError is a UsageError naming the path, and
    whatever this call created (folders included) is removed again.
    """
    from newsgold.jsonio import write_all

    folder = Path(folder)
    check_outputs({f"{option} {folder} ({name})": folder / name for name in files}, inputs)
    if os.path.lexists(folder):
        write_all([(folder / name, data) for name, data in files.items()])
    else:
        _write_new_folder(option, folder, files)
    return [folder / name for name in files]


def _write_new_folder(option: str, folder: Path, files: Mapping[str, str | bytes]) -> None:
    import shutil
    import tempfile

    created = [p for p in folder.parents if not os.path.lexists(p)]
    staging = None
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}.", suffix=".tmp"))
        for name, data in files.items():
            (staging / name).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(staging, 0o777 & ~mask)  # mkdtemp makes 0700 folders; give what mkdir would
        os.rename(staging, folder)
    except OSError as exc:
        raise UsageError(f"{option} {folder}: cannot write ({exc.strerror or exc}); nothing was written") from None
    finally:
        if staging is not None and staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
        if not folder.exists():
            for path in created:  # deepest first
                try:
                    path.rmdir()
                except OSError:
                    pass
