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
