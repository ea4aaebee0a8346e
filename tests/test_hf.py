"""Hugging Face packaging: load_dataset on the checkout (offline), features, row counts,
freshness of the generated files, and that an edited dataset never loads from a stale cache."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from newsgold import hf, paths
from newsgold.cli import main
from newsgold.errors import DataError
from newsgold.fingerprint import corpus_fingerprint
from newsgold.gold import Document, load_gold

ROOT = paths.repo_root()
pytestmark = pytest.mark.skipif(ROOT is None, reason="needs the source checkout")

# Runs in a subprocess so that the offline variables take effect before datasets is imported.
_LOAD_SCRIPT = r"""
import json, sys
import datasets
from newsgold import hf
root, config, cache_dir = sys.argv[1:4]
ds = datasets.load_dataset(root, config, split="test", cache_dir=cache_dir)
print(json.dumps({
    "num_rows": ds.num_rows,
    "features_match": ds.features == hf.features(config),
    "description": ds.info.description,
    "rows": ds.to_list(),
    "cache_files": [f["filename"] for f in ds.cache_files],
}, ensure_ascii=False))
"""


def _offline_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "PYTHONPATH"))}
    env.update(HF_DATASETS_OFFLINE="1", HF_HUB_OFFLINE="1", HF_HOME=str(tmp_path / "hf-home"))
    return env


def load_dataset(root: Path, config: str, cache_dir: Path, tmp_path: Path) -> dict:
    """``datasets.load_dataset(root, config, split="test")`` offline in a fresh interpreter."""
    proc = subprocess.run(
        [sys.executable, "-c", _LOAD_SCRIPT, str(root), config, str(cache_dir)],
        capture_output=True,
        text=True,
        env=_offline_env(tmp_path),
        cwd=tmp_path,
    )
    if proc.returncode != 0:
        raise AssertionError(f"load_dataset({config}) failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.splitlines()[-1])


def copy_dataset(dest: Path) -> Path:
    """A copy of the dataset folder: corpus/, annotations/ (with parquet/) and README.md."""
    assert ROOT is not None
    dest.mkdir(parents=True)
    shutil.copytree(ROOT / "corpus", dest / "corpus")
    shutil.copytree(ROOT / "annotations", dest / "annotations")
    shutil.copy(ROOT / "README.md", dest / "README.md")
    return dest


def edit_annotation(root: Path, doc_id: str, edit) -> None:
    path = root / "annotations" / f"{doc_id}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def docs() -> list[Document]:
    return load_gold()


# --- generated files are current ---------------------------------------------------------


def test_build_check_is_clean(capsys: pytest.CaptureFixture[str]) -> None:
    """Fails when annotations/parquet/ or the README header are out of date: run `newsgold build`."""
    code = main(["build", "--check"])
    assert code == 0, capsys.readouterr().out


def test_build_check_reports_stale_files_without_writing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_dataset(tmp_path / "ds")
    edit_annotation(root, "el-skai-20240913", lambda d: d["review"].append("a new review line"))
    before = {p: p.read_bytes() for p in (root / "annotations" / "parquet").rglob("*.parquet")}
    readme = (root / "README.md").read_bytes()
    assert main(["build", "--check", "--root", str(root)]) == 1
    out = capsys.readouterr().out
    assert "annotations/parquet/documents/test.parquet" in out and "README.md" in out
    assert {p: p.read_bytes() for p in before} == before
    assert (root / "README.md").read_bytes() == readme
    assert main(["build", "--root", str(root)]) == 0
    assert main(["build", "--check", "--root", str(root)]) == 0


def test_parquet_is_deterministic(docs: list[Document]) -> None:
    fingerprint = corpus_fingerprint()
    for config in hf.CONFIGS:
        first = hf.parquet_bytes(hf.table(config, docs, fingerprint))
        assert first == hf.parquet_bytes(hf.table(config, docs, fingerprint))


def test_readme_prose_is_preserved() -> None:
    prose = "# title\n\nSome prose.\n---\nafter a rule\n"
    assert hf.with_header("---\nold: 1\n---\n" + prose, "new: 2\n") == "---\nnew: 2\n---\n" + prose
    assert hf.with_header(prose, "new: 2\n") == "---\nnew: 2\n---\n" + prose
    assert hf.split_readme("---\na: 1\n---\nbody\n") == ("a: 1\n", "body\n")


def test_readme_header_declares_configs_and_fingerprint(docs: list[Document]) -> None:
    import yaml

    header, _ = hf.split_readme((ROOT / "README.md").read_text(encoding="utf-8"))
    meta = yaml.safe_load(header)
    assert [c["config_name"] for c in meta["configs"]] == list(hf.CONFIGS)
    fingerprint = corpus_fingerprint()
    for info in meta["dataset_info"]:
        assert fingerprint in info["description"]
        assert info["features"] == hf.yaml_features(info["config_name"])
        assert info["splits"][0]["num_examples"] == len(hf.rows(info["config_name"], docs))


# --- load_dataset on the checkout -------------------------------------------------------


def test_load_dataset_documents(tmp_path: Path, docs: list[Document]) -> None:
    got = load_dataset(ROOT, "documents", tmp_path / "cache", tmp_path)
    assert got["num_rows"] == 5
    assert got["features_match"]
    assert corpus_fingerprint() in got["description"]
    rows = got["rows"]
    assert [r["doc_id"] for r in rows] == [d.doc_id for d in docs]
    for row, doc in zip(rows, docs):
        assert row["text"] == doc.text
        assert row["source"]["published"] == doc.source.published  # an ISO date stays a string
        assert [s["id"] for s in row["segments"]] == [s.id for s in doc.segments]
        assert len(row["entities"]) == len(doc.entities)
        assert len(row["events"]) == len(doc.events)
        assert row["review"] == list(doc.review)


def test_load_dataset_translation_and_segments(tmp_path: Path, docs: list[Document]) -> None:
    translation = load_dataset(ROOT, "translation", tmp_path / "cache", tmp_path)
    main_segments = [(d, s) for d in docs for s in d.main_content_segments()]
    assert translation["num_rows"] == len(main_segments)
    assert translation["features_match"]
    for row, (doc, seg) in zip(translation["rows"], main_segments):
        assert (row["doc_id"], row["segment_id"], row["source_text"]) == (doc.doc_id, seg.id, seg.text)
        assert row["reference"] == doc.translation(seg.id)  # None until the segment is translated
    segments = load_dataset(ROOT, "segments", tmp_path / "cache", tmp_path)
    assert segments["num_rows"] == sum(len(d.segments) for d in docs)
    assert segments["features_match"]


def _set_review(root: Path, line: str) -> None:
    edit_annotation(root, "el-skai-20240913", lambda d: d.update(review=[line]))
    hf.build(root)


def test_edited_dataset_never_loads_from_stale_cache(tmp_path: Path) -> None:
    """Same cache_dir, same Parquet mtime, same row count and byte size: the new value is still seen.

    Only the corpus fingerprint in ``dataset_info.description`` tells the two versions
    apart, so this shows that it is what moves the ``datasets`` cache key.
    """
    root = copy_dataset(tmp_path / "ds")
    cache = tmp_path / "cache"
    _set_review(root, "review line A")
    header_a = hf.split_readme((root / "README.md").read_text(encoding="utf-8"))[0]
    before = load_dataset(root, "documents", cache, tmp_path)
    assert next(r for r in before["rows"] if r["doc_id"] == "el-skai-20240913")["review"] == ["review line A"]

    parquet = hf.parquet_path("documents", root)
    stat = parquet.stat()
    _set_review(root, "review line B")
    os.utime(parquet, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # rule out the mtime as what saves us
    header_b = hf.split_readme((root / "README.md").read_text(encoding="utf-8"))[0]
    fp_a, fp_b = (h.split("sha256:")[1].split("'")[0] for h in (header_a, header_b))
    assert fp_a != fp_b and header_a.replace(fp_a, "") == header_b.replace(fp_b, "")

    after = load_dataset(root, "documents", cache, tmp_path)
    assert next(r for r in after["rows"] if r["doc_id"] == "el-skai-20240913")["review"] == ["review line B"]
    assert after["cache_files"] != before["cache_files"]
    assert corpus_fingerprint(root) in after["description"]


def test_header_out_of_step_with_parquet_fails_loudly(tmp_path: Path) -> None:
    root = copy_dataset(tmp_path / "ds")
    readme = root / "README.md"
    text = readme.read_text(encoding="utf-8")
    assert "num_examples: 5\n" in text
    readme.write_text(text.replace("num_examples: 5\n", "num_examples: 4\n", 1), encoding="utf-8")
    with pytest.raises(AssertionError, match="NonMatchingSplitsSizesError"):
        load_dataset(root, "documents", tmp_path / "cache", tmp_path)


# --- newsgold.load ---------------------------------------------------------------------


def test_load_documents(docs: list[Document]) -> None:
    ds = hf.load("documents")
    assert ds.num_rows == 5
    assert ds.features == hf.features("documents")
    assert ds[0]["doc_id"] == docs[0].doc_id
    assert ds.split == "test"


def test_load_translation_counts(docs: list[Document]) -> None:
    import newsgold

    ds = newsgold.load("translation")
    assert ds.num_rows == sum(len(d.main_content_segments()) for d in docs)


def test_load_refuses_stale_parquet(tmp_path: Path) -> None:
    root = copy_dataset(tmp_path / "ds")
    edit_annotation(root, "el-skai-20240913", lambda d: d["review"].append("not rebuilt"))
    with pytest.raises(DataError, match="newsgold build"):
        hf.load("documents", root)
    hf.build(root)
    assert hf.load("documents", root).num_rows == 5


def test_unknown_config_is_usage_error() -> None:
    from newsgold.errors import UsageError

    with pytest.raises(UsageError, match="documents"):
        hf.load("nope")


def test_data_version_is_in_the_hf_metadata():
    from newsgold.corpus import open_corpus

    version = open_corpus().data_version
    assert version == "1.1.0"
    ds = hf.load("documents")
    assert ds.info.version is not None and str(ds.info.version) == version
    assert f"Data version: {version}." in ds.info.description
    header = hf.split_readme((ROOT / "README.md").read_text(encoding="utf-8"))[0]
    assert header.count(f"Data version: {version}.") == len(hf.CONFIGS)
