"""The Python API: the same jobs as the CLI, each taking its corpus explicitly as ``gold=``.

``gold`` is a :class:`newsgold.corpus.Corpus`, a path in either on-disk form (a folder, a
``.jsonl`` shard, a folder of shards, a glob), or None for the bundled newsgold gold::

    import newsgold
    corpus = newsgold.open_corpus("my_corpus/")
    report = newsgold.validate_gold(gold=corpus)       # report.problems, report.exit_code
    result = newsgold.score("run.jsonl", gold=corpus)  # the result dict of `newsgold eval --output`
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

if TYPE_CHECKING:  # pragma: no cover
    from newsgold.corpus import Corpus
    from newsgold.validate import Report

GoldLike = "Corpus | str | Path | None"


def as_corpus(gold: Any = None) -> "Corpus":
    """``gold`` as a Corpus (a Corpus is returned as it is; a path or None is opened)."""
    from newsgold.corpus import Corpus, open_corpus

    return gold if isinstance(gold, Corpus) else open_corpus(gold)


def validate_gold(gold: Any = None) -> "Report":
    """Every problem of the corpus ``gold`` (the registry included), as ``newsgold validate --gold``."""
    from newsgold.validate import validate_corpus

    return validate_corpus(as_corpus(gold))


def score(predictions: str | Path, gold: Any = None, tasks: str | Sequence[str] = "all", *,
          name: str = "", against: str | Path | None = None, bootstrap: int = 1000, seed: int = 12345,
          main_content_only: bool = False, exclude_misc: bool = False, exclude_demonyms: bool = False,
          jobs: int = 1) -> dict[str, Any]:
    """Score a predictions file against ``gold``: the result dict (``schema/result.schema.json``).

    Streams the corpus and the predictions (any order), as ``newsgold eval --predictions``;
    ``against`` adds a second system, compared by paired bootstrap; ``jobs`` processes give
    the same numbers as one.
    """
    from newsgold import evaluate
    from newsgold.metrics.base import TaskOptions
    from newsgold.stream import evaluate_files

    names = evaluate.parse_tasks(tasks if isinstance(tasks, str) else ",".join(tasks))
    options = TaskOptions(main_content_only, exclude_misc, exclude_demonyms)
    settings = evaluate.Settings(tuple(names), options, bootstrap, seed)
    files = [(predictions, name)] + ([(against, "")] if against is not None else [])
    return evaluate_files(as_corpus(gold), files, [evaluate.load_task(n) for n in names], settings, jobs=jobs)
