"""croissant.json: valid for mlcroissant, and its records equal what `datasets` loads, offline;
the kb configs hold one row per registry entry."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsgold import hf, paths
from newsgold.corpus import open_corpus

ROOT = paths.repo_root()
pytestmark = pytest.mark.skipif(ROOT is None, reason="needs the source checkout")

# Both loaders run in fresh interpreters with every socket connection refused: offline for real.
_NO_NETWORK = r"""
import socket
def _refuse(*args, **kwargs):
    raise OSError("network access attempted")
socket.socket.connect = _refuse
socket.socket.connect_ex = _refuse
socket.create_connection = _refuse
"""

_CROISSANT = _NO_NETWORK + r"""
import json, sys
import mlcroissant as mlc
ds = mlc.Dataset(sys.argv[1])
out = {}
for rs in ds.metadata.record_sets:
    rows = []
    for rec in ds.records(rs.name):
        def plain(v):
            if isinstance(v, bytes):
                return v.decode("utf-8")
            if isinstance(v, list):
                return [plain(x) for x in v]
            return v.item() if hasattr(v, "item") else v
        rows.append({k.split("/", 1)[1]: plain(v) for k, v in rec.items()})
    out[rs.name] = rows
print(json.dumps(out, ensure_ascii=False))
"""

_DATASETS = _NO_NETWORK + r"""
import json, sys
import datasets
root, cache = sys.argv[1:3]
out = {}
for config in sys.argv[3:]:
    out[config] = datasets.load_dataset(root, config, split="test", cache_dir=cache).to_list()
print(json.dumps(out, ensure_ascii=False))
"""


def _run(script: str, args: list[str], tmp_path: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "PYTHONPATH"))}
    env.update(HF_DATASETS_OFFLINE="1", HF_HUB_OFFLINE="1", HF_HOME=str(tmp_path / "hf-home"),
               PYTHONPATH=str(Path(hf.__file__).resolve().parent.parent))
    proc = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.splitlines()[-1])


def test_mlcroissant_validates_the_metadata(tmp_path):
    exe = Path(sys.executable).with_name("mlcroissant")
    proc = subprocess.run([str(exe), "validate", "--jsonld", str(ROOT / "croissant.json")],
                          capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "error" not in proc.stderr.lower()


def test_metadata_declares_every_config_file_and_version():
    meta = json.loads((ROOT / "croissant.json").read_text(encoding="utf-8"))
    assert [rs["name"] for rs in meta["recordSet"]] == list(hf.CONFIGS)
    import hashlib

    for dist, config in zip(meta["distribution"], hf.CONFIGS):
        path = ROOT / dist["contentUrl"]
        assert path == hf.parquet_path(config, ROOT)
        assert dist["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert meta.get("version") == open_corpus().data_version
    assert open_corpus().fingerprint in meta["description"]
    assert meta["citeAs"].startswith("@misc{")


def test_croissant_records_equal_the_datasets_rows_offline(tmp_path):
    records = _run(_CROISSANT, [str(ROOT / "croissant.json")], tmp_path)
    loaded = _run(_DATASETS, [str(ROOT), str(tmp_path / "cache"), *hf.CONFIGS], tmp_path)
    meta = json.loads((ROOT / "croissant.json").read_text(encoding="utf-8"))
    for rs in meta["recordSet"]:
        config = rs["name"]
        fields = [f["name"] for f in rs["field"]]
        expected = [{k: row[k] for k in fields} for row in loaded[config]]
        assert len(records[config]) == len(expected) > 0, config
        assert records[config] == expected, config


def test_kb_configs_have_one_row_per_registry_entry():
    registry = open_corpus().registry
    kb = hf.rows("kb", [], registry)
    assert len(kb) == len(registry["entities"])
    assert [r["slug"] for r in kb] == sorted(registry["entities"])
    assert len(hf.rows("kb_events", [], registry)) == len(registry["events"])
    for row in kb:
        entry = registry["entities"][row["slug"]]
        assert row["wikidata"] == entry["wikidata"]
        assert row["wikidata_status"] == entry.get("wikidata_status",
                                                   "confirmed" if entry["wikidata"] else "unconfirmed")
        assert {lang: row[f"aliases_{lang}"] for lang in entry["aliases"]} == entry["aliases"]


def test_flat_configs_match_the_documents():
    corpus = open_corpus()
    docs = corpus.load()
    assert len(hf.rows("entities", docs)) == sum(len(d.entities) for d in docs)
    assert len(hf.rows("timexes", docs)) == sum(len(d.timexes) for d in docs)
    assert len(hf.rows("events", docs)) == sum(len(d.events) for d in docs)
    assert len(hf.rows("event_arguments", docs)) == sum(len(e.arguments) for d in docs for e in d.events)
