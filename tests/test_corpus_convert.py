"""newsgold.corpus.convert and ``newsgold convert``: lossless both ways, atomic, never overwriting."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import bundled
from newsgold.cli import main
from newsgold.corpus import open_corpus
from newsgold.corpus.convert import convert
from newsgold.errors import DataError, UsageError


def tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (relative path -> bytes)."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def bundled_files() -> dict[str, bytes]:
    root = bundled.data_root()
    files = [*bundled.corpus_dir().glob("*.txt"), *bundled.gold_paths(), bundled.kb_path()]
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(files)}


@pytest.mark.parametrize("shard_size", [None, 1, 2])
def test_folder_jsonl_folder_is_byte_identical(tmp_path: Path, shard_size: int | None) -> None:
    convert(open_corpus(), "jsonl", tmp_path / "j", shard_size)
    convert(open_corpus(tmp_path / "j"), "folder", tmp_path / "f")
    assert tree(tmp_path / "f") == bundled_files()


def test_jsonl_layout_and_lines(tmp_path: Path) -> None:
    written = convert(open_corpus(), "jsonl", tmp_path / "j", 2)
    assert [p.name for p in written] == ["part-00000.jsonl", "part-00001.jsonl", "part-00002.jsonl", "kb.json"]
    assert (tmp_path / "j" / "kb.json").read_bytes() == bundled.kb_path().read_bytes()
    first = json.loads((tmp_path / "j" / "part-00000.jsonl").read_bytes().splitlines()[0])
    gold = json.loads(bundled.gold_paths()[0].read_text(encoding="utf-8"))
    assert list(first) == [*gold, "text"]  # key order kept, text appended
    assert first["text"].encode("utf-8") == (bundled.corpus_dir() / f"{gold['doc_id']}.txt").read_bytes()


def test_jsonl_folder_jsonl_is_byte_identical_and_fingerprint_kept(tmp_path: Path) -> None:
    convert(open_corpus(), "jsonl", tmp_path / "j1", 3)
    convert(open_corpus(tmp_path / "j1"), "folder", tmp_path / "f")
    convert(open_corpus(tmp_path / "f"), "jsonl", tmp_path / "j2", 3)
    assert tree(tmp_path / "j2") == tree(tmp_path / "j1")
    assert open_corpus(tmp_path / "j2").fingerprint == open_corpus().fingerprint


def test_an_existing_empty_folder_is_filled(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    convert(open_corpus(), "jsonl", tmp_path / "out")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["kb.json", "part-00000.jsonl"]


def test_refuses_a_non_empty_destination(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("mine", encoding="utf-8")
    assert main(["convert", "--to", "jsonl", "--out", str(out)]) == 2
    assert "not empty" in capsys.readouterr().err
    assert tree(out) == {"keep.txt": b"mine"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_refuses_a_file_as_destination(tmp_path: Path) -> None:
    (tmp_path / "out").write_text("x", encoding="utf-8")
    with pytest.raises(UsageError, match="not a folder"):
        convert(open_corpus(), "folder", tmp_path / "out")


def test_bad_shard_size(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="positive"):
        convert(open_corpus(), "jsonl", tmp_path / "out", 0)
    with pytest.raises(UsageError, match="goes with --to jsonl"):
        convert(open_corpus(), "folder", tmp_path / "out", 2)
    assert list(tmp_path.iterdir()) == []


def test_a_failure_leaves_nothing_behind(tmp_path: Path) -> None:
    convert(open_corpus(), "jsonl", tmp_path / "j")
    shard = tmp_path / "j" / "part-00000.jsonl"
    lines = shard.read_bytes().splitlines(keepends=True)
    shard.write_bytes(b"".join(lines + lines[:1]))  # the first document again at the end
    with pytest.raises(DataError, match="occurs twice"):
        convert(open_corpus(tmp_path / "j"), "folder", tmp_path / "f")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["j"]


def test_unsafe_doc_id_is_refused(tmp_path: Path) -> None:
    convert(open_corpus(), "jsonl", tmp_path / "j")
    shard = tmp_path / "j" / "part-00000.jsonl"
    doc = json.loads(shard.read_bytes().splitlines()[0])
    doc["doc_id"] = "../escape"
    shard.write_text(json.dumps(doc, ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(DataError, match="not slug-shaped"):
        convert(open_corpus(shard), "folder", tmp_path / "f")
    assert not (tmp_path / "f").exists() and not (tmp_path / "escape.txt").exists()


def test_cli_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["convert", "--to", "jsonl", "--out", str(tmp_path / "j"), "--shard-size", "4"]) == 0
    assert main(["convert", "--gold", str(tmp_path / "j" / "part-*.jsonl"), "--to", "folder",
                 "--out", str(tmp_path / "f")]) == 0
    assert "wrote 11 files" in capsys.readouterr().out
    assert tree(tmp_path / "f") == bundled_files()


def test_an_unwritable_destination_is_a_clean_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(UsageError, match="cannot write"):
        convert(open_corpus(), "jsonl", blocker / "out")
