"""Backends: local processes and a Dask cluster give the single-process result bit for bit."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from newsgold import evaluate
from newsgold.corpus import open_corpus
from newsgold.stream import evaluate_files

from stream_helpers import same, write_jsonl_gold, write_predictions

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "systems"))

import fake_tasks  # noqa: E402

distributed = pytest.importorskip("distributed")

from newsgold.backends.dask import score_units  # noqa: E402

TASKS = [*(evaluate.load_task(n) for n in evaluate.TASKS), fake_tasks.PAIRS]
SETTINGS = evaluate.Settings((*evaluate.TASKS, "pairs"), bootstrap=8, seed=11)


def test_dask_equals_one_process_on_every_task(tmp_path):
    preds = write_predictions(tmp_path / "run.jsonl", seed=4)
    other = write_predictions(tmp_path / "other.jsonl", seed=5, drop=0)
    gold = open_corpus(write_jsonl_gold(tmp_path / "gold", 3))
    files = [(preds, ""), (other, "")]
    single = evaluate_files(gold, files, TASKS, SETTINGS, jobs=1)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        spread = evaluate_files(gold, files, TASKS, SETTINGS, jobs=2,
                                runner=lambda units, job: score_units(units, job, client))
    assert same(spread, single)
    events = spread["systems"][0]["tasks"]["events"]["scores"]["coreference"]
    assert 0 < events["conll_f1"] < 1  # cross-document coreference is really exercised
    assert spread["systems"][0]["tasks"]["pairs"]["scores"]["agreement"] is not None
