"""A gold corpus as an object you pass around (the ir_datasets model).

:func:`open_corpus` is the one entry point: given a path it recognises one of the two
on-disk forms, given nothing it opens the corpus bundled with newsgold
(:func:`default_gold_path` is the only function that knows where that lives).

* **folder form** — ``<root>/corpus/<doc_id>.txt`` + ``<root>/annotations/<doc_id>.json``
  + ``<root>/annotations/kb.json`` (the layout of this repository);
* **JSON Lines form** — any number of shards, one annotation object per line with its
  ``text`` inline, plus a registry file. Given as a folder holding ``*.jsonl`` shards and a
  ``kb.json``, as one ``.jsonl`` file, or as a glob (``"shards/part-*.jsonl"``); the
  registry is ``kb.json`` beside the shards unless ``registry=`` names it.

Every document is handed out as the plain dict the metrics consume: the annotation
object as written plus the key ``"text"``.
"""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

from newsgold.corpus.base import Corpus
from newsgold.corpus.folder import FolderCorpus, is_folder_corpus
from newsgold.corpus.jsonl import JsonlCorpus, jsonl_shards
from newsgold.errors import UsageError

__all__ = ["Corpus", "FolderCorpus", "JsonlCorpus", "open_corpus", "default_gold_path"]


def default_gold_path() -> Path:
    """The bundled newsgold gold: the checkout when run from it, else the installed wheel's copy."""
    from newsgold import paths

    return paths.data_root()


def open_corpus(path: str | Path | Sequence[str | Path] | None = None, registry: str | Path | None = None) -> Corpus:
    """The corpus at ``path`` (default: the bundled newsgold gold), in whichever form it is.

    ``path`` may also be a list of JSON Lines shards (files or globs), read in the order given.
    Raises UsageError when the path is missing, holds neither form, or mixes both.
    """
    if path is None:
        return FolderCorpus(default_gold_path())
    if not isinstance(path, (str, Path)):
        return JsonlCorpus(_shard_list([str(p) for p in path]), registry)
    spec = str(path)
    target = Path(spec)
    if any(ch in spec for ch in "*?[") and not target.exists():
        return JsonlCorpus(jsonl_shards(spec), registry)
    if not target.exists():
        raise UsageError(f"--gold {spec}: no such file or folder")
    if target.is_file():
        if target.suffix != ".jsonl":
            raise UsageError(f"--gold {spec}: a file must be a .jsonl shard (or give the corpus folder)")
        return JsonlCorpus([target], registry)
    if not target.is_dir():
        raise UsageError(f"--gold {spec}: neither a regular file nor a folder")
    shards = sorted(p for p in target.glob("*.jsonl") if p.is_file())
    folder = is_folder_corpus(target)
    if folder and shards:
        raise UsageError(f"--gold {spec}: mixes the folder form (annotations/) and the JSON Lines form "
                         f"({len(shards)} *.jsonl shard(s)); give one form")
    if folder:
        if registry is not None:
            raise UsageError("--registry goes with the JSON Lines form; a folder corpus has annotations/kb.json")
        return FolderCorpus(target)
    if shards:
        return JsonlCorpus(shards, registry)
    raise UsageError(f"--gold {spec}: holds neither the folder form (corpus/ + annotations/) "
                     f"nor JSON Lines shards (*.jsonl)")


def _shard_list(specs: list[str]) -> list[Path]:
    """Several shards (files or globs) in the order given; UsageError for anything else."""
    shards: list[Path] = []
    for spec in specs:
        target = Path(spec)
        if any(ch in spec for ch in "*?[") and not target.exists():
            shards.extend(jsonl_shards(spec))
        elif not target.is_file():
            raise UsageError(f"--gold {spec}: no such file (several --gold must each be a .jsonl shard)")
        elif target.suffix != ".jsonl":
            raise UsageError(f"--gold {spec}: several --gold must each be a .jsonl shard")
        else:
            shards.append(target)
    if not shards:
        raise UsageError("--gold: no shard given")
    if len(set(p.resolve() for p in shards)) != len(shards):
        raise UsageError("--gold: a shard is given twice")
    return shards
