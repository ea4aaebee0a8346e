"""Hugging Face ``transformers`` token classification -> newsgold entities.

Reads the list of dicts a ``pipeline("token-classification")`` (alias ``"ner"``)
returns; transformers itself is never imported. Two shapes are understood:

- aggregated (``aggregation_strategy`` other than ``"none"``): ``{"entity_group",
  "start", "end", ...}``: one entity per dict;
- raw tokens (the default, ``aggregation_strategy="none"``): ``{"entity": "B-PER",
  "index", "start", "end", ...}``: tokens are merged into entities. A ``B-``/``S-``/
  ``U-`` label opens an entity; an ``I-``/``E-``/``L-`` or bare label continues the open
  one when it has the same type and follows it directly (consecutive ``index``, or
  only whitespace between them when there is no ``index``), and opens a new one
  otherwise (lenient IOB1, as conlleval); ``E-``/``L-`` close it. Sub-word pieces
  (``##ing``) carry their own offsets and so simply extend the entity.

Labels go through :data:`newsgold.adapters.labels.LABELS` (CoNLL and OntoNotes ->
PER/ORG/LOC/MISC), spans are trimmed of whitespace (some tokenizers include the
leading space) and made flat. ``start``/``end`` are character offsets into the string
given to the pipeline; pass ``offset`` when that string starts inside the corpus
text. They are Python string indices, so code points, like newsgold's.

``predictor(pipe)`` is a harness callable that runs the pipeline on each non-empty
line (models read at most 512 tokens, and a line is a paragraph) and shifts the
offsets. In a module ``my_ner.py``::

    from transformers import pipeline
    from newsgold.adapters.hf_pipeline import predictor
    predict = predictor(pipeline("ner", model="path/to/model", aggregation_strategy="simple"))
    # newsgold eval --system my_ner:predict --tasks entities
"""
from __future__ import annotations

import operator
from typing import Any, Callable, Iterable, Mapping, Sequence

from newsgold.adapters.labels import LABELS, Target, entity, flat, split_prefix, target
from newsgold.textspans import line_spans

OPENS, CLOSES = frozenset("BSU"), frozenset("ELSU")


def _offsets(item: Mapping[str, Any], n: int) -> tuple[int, int]:
    """``(start, end)`` as ints (pipelines may give NumPy integers); ValueError when they are missing."""
    try:
        return operator.index(item.get("start")), operator.index(item.get("end"))  # type: ignore[arg-type]
    except TypeError:
        raise ValueError(f"pipeline output item {n} has no character offsets (start/end): use a fast tokenizer"
                         ) from None


def _groups(outputs: Sequence[Mapping[str, Any]], text: str) -> list[tuple[int, int, str]]:
    """(start, end, label) per entity: aggregated dicts as they are, raw tokens merged."""
    groups: list[tuple[int, int, str]] = []
    open_: list[Any] | None = None  # [start, end, bare label, last index]
    for n, item in enumerate(outputs):
        start, end = _offsets(item, n)
        if "entity_group" in item:
            groups.append((start, end, str(item["entity_group"])))
            continue
        prefix, bare = split_prefix(str(item["entity"]))
        index = item.get("index")
        follows = open_ is not None and open_[2] == bare and (
            index == open_[3] + 1 if index is not None and open_[3] is not None
            else not text[open_[1]:start].strip())
        if open_ is not None and (prefix in OPENS or not follows):
            groups.append((open_[0], open_[1], open_[2]))
            open_ = None
        if open_ is None:
            open_ = [start, end, bare, index]
        else:
            open_[1], open_[3] = max(open_[1], end), index
        if prefix in CLOSES:
            groups.append((open_[0], open_[1], open_[2]))
            open_ = None
    if open_ is not None:
        groups.append((open_[0], open_[1], open_[2]))
    return groups


def pipeline_entities(text: str, outputs: Iterable[Mapping[str, Any]], labels: Mapping[str, Target] = LABELS,
                      offset: int = 0) -> list[dict[str, Any]]:
    """The ``entities`` layer from a token-classification pipeline's output on ``text[offset:]``.

    Args:
        text: the corpus text.
        outputs: the pipeline's list of dicts for the string ``text[offset:offset + k]``.
        labels: label -> (type, subtype) or None to drop; default :data:`LABELS`.
        offset: where the string given to the pipeline starts in ``text``.
    """
    piece = text[offset:]
    found = []
    for start, end, label in _groups(list(outputs), piece):
        mapped = target(label, labels)
        if mapped is None:
            continue
        if not 0 <= start < end <= len(piece):
            raise ValueError(f"pipeline offsets [{start}, {end}) fall outside the text (length {len(piece)})")
        made = entity(text, offset + start, offset + end, mapped)
        if made is not None:
            found.append(made)
    return flat(found)


def predictor(pipe: Callable[[str], Sequence[Mapping[str, Any]]], labels: Mapping[str, Target] = LABELS
              ) -> Callable[[Sequence[Mapping[str, Any]]], list[dict[str, Any]]]:
    """A harness callable running ``pipe`` on every non-empty line of each document."""
    def one(text: str) -> list[dict[str, Any]]:
        found = []
        for start, end in line_spans(text):
            found += pipeline_entities(text[:end], pipe(text[start:end]), labels, offset=start)
        return flat(found)

    def predict(inputs: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
        return [{"doc_id": item["doc_id"], "entities": one(item["text"])} for item in inputs]

    return predict
