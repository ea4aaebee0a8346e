"""The installed wheel carries its data: load_gold, load, stats and validate work outside the checkout.

How it stays offline: the wheel is built with ``python -m build --no-isolation`` (the
hatchling already installed), installed with ``pip --python <fresh venv> install
--no-deps --no-index`` into a venv made without pip and without system site-packages,
and the dependencies come from the running interpreter's site-packages through a
``.pth`` line. A path line in a ``.pth`` file does not process the ``.pth`` files of
that folder, so the editable install of the checkout stays invisible: the test checks
that ``newsgold`` is imported from the fresh venv and does not see a checkout.
Deselect with ``-m "not slow"``.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from newsgold import paths
from newsgold.fingerprint import corpus_fingerprint
from newsgold.gold import load_gold

ROOT = paths.repo_root()
pytestmark = [pytest.mark.slow, pytest.mark.skipif(ROOT is None, reason="needs the source checkout")]

_CHECK_SCRIPT = r"""
import json, sys
import newsgold
from newsgold import paths
from newsgold.fingerprint import corpus_fingerprint
docs = newsgold.load_gold()
ds = newsgold.load("documents")
tr = newsgold.load("translation")
print(json.dumps({
    "file": newsgold.__file__,
    "is_checkout": paths.is_checkout(),
    "data_root": str(paths.data_root()),
    "doc_ids": [d.doc_id for d in docs],
    "segments": [len(d.segments) for d in docs],
    "fingerprint": corpus_fingerprint(),
    "documents_rows": ds.num_rows,
    "documents_ids": list(ds["doc_id"]),
    "translation_rows": tr.num_rows,
}))
"""


def _run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def _ok(proc: subprocess.CompletedProcess[str]) -> str:
    assert proc.returncode == 0, f"{proc.args}\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}"
    return proc.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    _ok(_run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(ROOT)], cwd=out))
    (whl,) = out.glob("newsgold-*.whl")
    return whl


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory, wheel: Path) -> Path:
    """A fresh venv with the wheel installed; dependencies borrowed from this interpreter via a .pth."""
    home = tmp_path_factory.mktemp("venv")
    env_dir = home / "venv"
    _ok(_run([sys.executable, "-m", "venv", "--without-pip", str(env_dir)], cwd=home))
    python = env_dir / "bin" / "python"
    purelib = _ok(_run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=home))
    deps = sorted({sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]})
    Path(purelib.strip(), "_newsgold_test_deps.pth").write_text("\n".join(deps) + "\n", encoding="utf-8")
    _ok(
        _run(
            [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index", str(wheel)],
            cwd=home,
        )
    )
    return env_dir


def _env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "PYTHONPATH", "VIRTUAL_ENV"))}
    env.update(HF_DATASETS_OFFLINE="1", HF_HUB_OFFLINE="1", HF_HOME=str(tmp / "hf-home"))
    return env


def test_wheel_holds_the_data(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for doc in load_gold():
        assert f"newsgold/_data/corpus/{doc.doc_id}.txt" in names
        assert f"newsgold/_data/annotations/{doc.doc_id}.json" in names
    assert "newsgold/_data/annotations/kb.json" in names
    assert "newsgold/_data/annotations/parquet/documents/test.parquet" in names
    assert "newsgold/_data/schema/annotation.schema.json" in names
    assert "newsgold/gold.py" in names and "newsgold/hf.py" in names


def test_installed_package_loads_its_own_data(venv: Path, tmp_path: Path) -> None:
    out = _ok(_run([str(venv / "bin" / "python"), "-c", _CHECK_SCRIPT], cwd=tmp_path, env=_env(tmp_path)))
    got = json.loads(out.splitlines()[-1])
    assert got["file"].startswith(str(venv)), got["file"]
    assert not got["is_checkout"]
    assert got["data_root"].endswith("newsgold/_data")
    docs = load_gold()
    assert got["doc_ids"] == [d.doc_id for d in docs]
    assert got["segments"] == [len(d.segments) for d in docs]
    assert got["fingerprint"] == corpus_fingerprint()  # the wheel ships this very gold
    assert got["documents_rows"] == 5 and got["documents_ids"] == got["doc_ids"]
    assert got["translation_rows"] == sum(len(d.main_content_segments()) for d in docs)


def test_installed_cli_stats(venv: Path, tmp_path: Path) -> None:
    out = _ok(_run([str(venv / "bin" / "newsgold"), "stats", "--format", "json"], cwd=tmp_path, env=_env(tmp_path)))
    assert json.loads(out)["fingerprint"] == corpus_fingerprint()


@pytest.mark.skipif(not (Path(paths.PACKAGE_DIR) / "commands" / "validate.py").is_file(), reason="no validator yet")
def test_installed_cli_validate_agrees_with_checkout(venv: Path, tmp_path: Path) -> None:
    installed = _run([str(venv / "bin" / "newsgold"), "validate"], cwd=tmp_path, env=_env(tmp_path))
    checkout = _run([sys.executable, "-m", "newsgold", "validate"], cwd=ROOT)
    assert "Traceback" not in installed.stderr, installed.stderr
    assert installed.returncode == checkout.returncode, installed.stdout + installed.stderr
    assert installed.stdout.splitlines()[-1:] == checkout.stdout.splitlines()[-1:]
