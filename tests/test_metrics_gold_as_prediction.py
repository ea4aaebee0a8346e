"""The raw annotation files, given as predictions, are perfect on every number of every task."""
from __future__ import annotations

from typing import Any, Iterator

import pytest

from metric_helpers import real_gold, score_of
from newsgold.evaluate import TASKS, get_path, load_task
from newsgold.metrics.base import TaskOptions

RATES = {"precision", "recall", "f1", "accuracy", "conll_f1", "exact_match", "macro_f1", "qid_accuracy",
         "type_accuracy", "value_accuracy", "type_f1", "value_f1"}
OPTIONS = {"plain": TaskOptions(), "main": TaskOptions(main_content_only=True),
           "no-demonyms": TaskOptions(exclude_demonyms=True, exclude_misc=True)}


def _rates(node: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in RATES and not isinstance(value, dict):
                yield f"{path}.{key}", value
            else:
                yield from _rates(value, f"{path}.{key}")


@pytest.mark.parametrize("option", OPTIONS)
@pytest.mark.parametrize("name", list(TASKS))
def test_raw_gold_scores_perfectly(name, option):
    golds = real_gold()  # the annotation files as they are on disk, text added
    task, options = load_task(name), OPTIONS[option]
    scores = score_of(task, [(g, g) for g in golds], options)
    rates = dict(_rates(scores))
    assert rates or name == "translation", name
    for path, value in rates.items():
        assert value in (1.0, None), (path, value)  # None only where both sides are empty
    for path in task.headline:
        value = get_path(scores, path)
        if name == "translation":  # sacreBLEU's own float arithmetic gives 100.00000000000004 for BLEU
            assert value == pytest.approx(0.0 if path.startswith("ter") else 100.0, abs=1e-9), path
        else:
            assert value == 1.0, path
