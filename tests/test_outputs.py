"""Output targets are checked before any work (newsgold.outputs)."""
from __future__ import annotations

import os

import pytest

from newsgold.errors import UsageError
from newsgold.outputs import check_outputs


def test_usable_targets_pass(tmp_path):
    (tmp_path / "old.json").write_text("{}")
    check_outputs({"--output": tmp_path / "old.json", "--markdown": tmp_path / "new" / "deeper" / "r.md"},
                  [tmp_path / "in.jsonl", None])


@pytest.mark.parametrize("make, target, says", [
    (lambda d: (d / "out").mkdir(), "out", "is a folder"),
    (lambda d: (d / "file").write_text(""), "file/r.json", "not a folder"),
    (lambda d: os.mkfifo(d / "fifo"), "fifo", "not a regular file"),
    (lambda d: os.symlink("loop", d / "loop"), "loop", "cannot use this path"),
    (lambda d: (d / "in.jsonl").write_text(""), "in.jsonl", "also an input"),
])
def test_bad_targets_are_refused(tmp_path, make, target, says):
    make(tmp_path)
    with pytest.raises(UsageError, match=says):
        check_outputs({"--output": tmp_path / target}, [tmp_path / "in.jsonl"])


def test_device_and_alias_through_a_symlink(tmp_path):
    with pytest.raises(UsageError, match="--output /dev/null: exists and is not a regular file"):
        check_outputs({"--output": "/dev/null"})
    (tmp_path / "in.jsonl").write_text("")
    os.symlink("in.jsonl", tmp_path / "alias.jsonl")
    with pytest.raises(UsageError, match="also an input"):
        check_outputs({"--output": tmp_path / "alias.jsonl"}, [tmp_path / "in.jsonl"])


def test_two_outputs_on_one_file(tmp_path):
    with pytest.raises(UsageError, match="--markdown .*same file as --output"):
        check_outputs({"--output": tmp_path / "r", "--markdown": tmp_path / "r"})


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_read_only_folder(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(UsageError, match="cannot write in"):
            check_outputs({"--output": folder / "r.json"})
    finally:
        folder.chmod(0o755)


# --- output folders (view, export, import, convert) ---------------------------------------------


def test_a_folder_of_the_commands_own_files_is_accepted(tmp_path):
    from newsgold.outputs import check_folder

    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("old")
    check_folder("--out", tmp_path / "site", may_hold=lambda name: name.endswith(".html"))
    check_folder("--out", tmp_path / "new" / "deeper", may_hold=lambda name: False)
    (tmp_path / "site" / "notes.txt").write_text("mine")
    with pytest.raises(UsageError, match="'notes.txt'"):
        check_folder("--out", tmp_path / "site", may_hold=lambda name: name.endswith(".html"))


def test_a_protected_folder_is_refused_through_a_symlink(tmp_path):
    from newsgold.outputs import check_folder

    (tmp_path / "annotations").mkdir()
    os.symlink(tmp_path / "annotations", tmp_path / "alias")
    with pytest.raises(UsageError, match="folder of the gold corpus"):
        check_folder("--out", tmp_path / "alias", protected=[tmp_path / "annotations"])


def _failing_write(monkeypatch, after: int) -> None:
    """Make every file write after the first ``after`` raise ENOSPC (a full disk midway)."""
    from pathlib import Path

    from newsgold import jsonio

    calls = {"n": 0}

    def failing(real):
        def write(*args):
            calls["n"] += 1
            if calls["n"] > after:
                raise OSError(28, "No space left on device")
            return real(*args)
        return write

    monkeypatch.setattr(jsonio, "_write_temp", failing(jsonio._write_temp))
    monkeypatch.setattr(Path, "write_bytes", failing(Path.write_bytes))


@pytest.mark.parametrize("existing", [False, True])
def test_write_folder_failing_midway_writes_nothing(tmp_path, monkeypatch, existing):
    from newsgold.outputs import write_folder

    out = tmp_path / "a" / "site"
    if existing:
        out.mkdir(parents=True)
        (out / "index.html").write_text("old")
    before = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*"))
    _failing_write(monkeypatch, after=1)
    with pytest.raises(UsageError, match=r"cannot write \(No space left on device\)"):
        write_folder("--out", out, {"index.html": "new", "b.html": "b", "c.html": "c"})
    monkeypatch.undo()
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*")) == before
    if existing:
        assert (out / "index.html").read_text() == "old"


def test_view_failing_midway_leaves_no_site(tmp_path, monkeypatch, capsys):
    from newsgold.cli import main

    _failing_write(monkeypatch, after=2)
    assert main(["view", "--out", str(tmp_path / "site")]) == 2
    monkeypatch.undo()
    assert "--out" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
    assert main(["view", "--out", str(tmp_path / "site")]) == 0
    assert main(["view", "--out", str(tmp_path / "site")]) == 0  # re-running into its own site is allowed
