"""Token-level view of entity spans: tokenizer, IOB2 tagging and seqeval-compatible counts.

Tokenizer: ``re.finditer(r"\\w+|[^\\w\\s]", text)`` (Unicode ``\\w``): a token is a
run of word characters or one other non-space character; each keeps its
character offsets ``[start, end)`` into the document text. Sentences are the gold
segments (one sequence per segment, tokenised inside the segment).

Tagging spans (IOB2): a token belongs to a span when they share at least one
character (``token.start < span.end and span.start < token.end``), so a token only
partly covered by a span (``Putin's`` tokenised ``Putin`` ``'`` ``s``; or a span
ending inside a word) is tagged. Spans are taken in order of ``(start, end, type)``
(content, never list position); the
first token a span claims gets ``B-<type>``, the following ones ``I-<type>``; a
token already claimed by an earlier span stays with it, and a span whose tokens
are all claimed is lost. A span crossing a segment boundary restarts with ``B-``
in the next segment. Tags built this way are always valid IOB2.

Counting (seqeval 1.2.2, re-implemented so that statistics merge across
documents; tests/test_metrics_bio.py checks equality with seqeval and conlleval):

- ``default`` mode = seqeval's default and conlleval's chunking: prefixes
  ``B I O E S`` (``I`` after ``O`` or after another type starts a chunk, a type
  change ends one; untyped ``B``/``I`` get type ``_``).
- ``strict`` mode = ``mode="strict", scheme=IOB2``: a chunk is ``B-X`` followed by
  ``I-X``...; an ``I-`` that does not continue a chunk of its type is dropped;
  ``E``/``S`` prefixes are an error.
- per type: ``tp`` (chunks equal in type and token range), ``pred``, ``true``;
  sets per sentence, as seqeval. Micro P/R/F1 from summed counts; macro and
  weighted averages as seqeval (over types in gold or prediction, an undefined
  per-type value counts as 0, weights = gold counts).
- ``tokens``/``tokens_correct``: seqeval's ``accuracy_score``.
- ``invalid``: predicted tokens ``I-X`` whose previous tag (in the sentence) is
  ``O``, absent (sentence start) or of another type; a diagnostic for taggers that
  emit tags directly (tags made from spans never have any).
"""
from __future__ import annotations

import bisect
import operator
import re
from collections import Counter
from typing import Any, Iterable, Mapping, Sequence

from newsgold.metrics.base import rates, ratio

TOKEN_RE = re.compile(r"\w+|[^\w\s]")
MODES: tuple[str, ...] = ("default", "strict")

Chunk = tuple[str, int, int]  # (type, first token, last token + 1)


def tokenize(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Character ranges ``[start, end)`` of the tokens of ``text``, shifted by ``offset``."""
    return [(m.start() + offset, m.end() + offset) for m in TOKEN_RE.finditer(text)]


def segment_tokens(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``tokenize(text[start:end], start)`` without the copy: the pattern has no anchors or
    look-around, so matching between ``pos``/``endpos`` reads the text as that slice."""
    return [m.span() for m in TOKEN_RE.finditer(text, start, end)]


def tag_tokens(tokens: Sequence[tuple[int, int]], spans: Iterable[tuple[int, int, str]]) -> list[str]:
    """IOB2 tags for ``tokens`` from ``(start, end, type)`` spans (rule in the module docstring)."""
    tags = ["O"] * len(tokens)
    ends = [t_end for _, t_end in tokens]  # tokens are disjoint and in order: ends ascend
    for start, end, label in sorted(spans):
        first = True
        for i in range(bisect.bisect_right(ends, start), len(tokens)):  # first token ending after start
            if tokens[i][0] >= end:
                break
            if tags[i] != "O":
                continue
            tags[i] = ("B-" if first else "I-") + label
            first = False
    return tags


def _split(tag: str) -> tuple[str, str]:
    """``(prefix, type)`` as seqeval's default mode reads a tag; untyped tags get type ``_``."""
    return tag[0], (tag[1:].split("-", 1)[-1] or "_")


def _split_strict(tag: str) -> tuple[str, str]:
    """``(prefix, type)`` as seqeval's strict mode reads a tag."""
    return tag[0], (tag[1:].strip("-") or "_")


def _ends(prev: str, cur: str, prev_type: str, cur_type: str) -> bool:
    if prev in ("E", "S"):
        return True
    if prev in ("B", "I") and cur in ("B", "S", "O"):
        return True
    return prev != "O" and prev_type != cur_type


def _starts(prev: str, cur: str, prev_type: str, cur_type: str) -> bool:
    if cur in ("B", "S"):
        return True
    if cur in ("E", "I") and prev in ("E", "S", "O"):
        return True
    return cur != "O" and prev_type != cur_type


def _visited(tags: Sequence[str]) -> list[int]:
    """Positions (``len(tags)`` = the closing ``O``) where the chunker can change state: every tag other
    than ``O`` and the position after it. An ``O`` after an ``O`` neither ends nor starts a chunk and
    leaves the state as the first ``O`` set it, so the others are skipped."""
    out: list[int] = []
    last = -2
    for i in [i for i, tag in enumerate(tags) if tag != "O"]:
        if i > last + 1 >= 1:
            out.append(last + 1)
        out.append(i)
        last = i
    if out:
        out.append(last + 1)
    return out


def chunks_default(tags: Sequence[str]) -> list[Chunk]:
    """Chunks of one sentence in seqeval's default (conlleval) mode."""
    chunks: list[Chunk] = []
    visited = _visited(tags)
    # a leading O (skipped) would have set the type to "_", as every O does
    prev, prev_type, begin = "O", "" if not visited or visited[0] == 0 else "_", 0
    n = len(tags)
    for i in visited:
        tag = tags[i] if i < n else "O"
        cur, cur_type = ("O", "_") if tag == "O" else _split(tag)
        if _ends(prev, cur, prev_type, cur_type):
            chunks.append((prev_type, begin, i))
        if _starts(prev, cur, prev_type, cur_type):
            begin = i
        prev, prev_type = cur, cur_type
    return chunks


def chunks_strict_iob2(tags: Sequence[str]) -> list[Chunk]:
    """Chunks of one sentence in seqeval's strict IOB2 mode (``B-X I-X*``)."""
    chunks: list[Chunk] = []
    open_type, begin = None, 0
    for i, tag in enumerate(list(tags) + ["O"]):
        prefix, label = ("O", "") if tag == "O" else _split_strict(tag)
        if prefix not in ("B", "I", "O"):
            raise ValueError(f"invalid IOB2 tag {tag!r}")
        if prefix == "I" and open_type == label:
            continue
        if open_type is not None:
            chunks.append((open_type, begin, i))
            open_type = None
        if prefix == "B":
            open_type, begin = label, i
    return chunks


def invalid_transitions(tags: Sequence[str]) -> int:
    """Number of ``I-X`` tags not preceded by ``B-X`` or ``I-X``."""
    count = 0
    for i in [i for i, tag in enumerate(tags) if tag != "O" and tag[0] == "I"]:
        label = _split(tags[i])[1]
        prev = tags[i - 1] if i else "O"
        p_prefix, p_label = ("O", "") if prev == "O" else _split(prev)
        if p_prefix not in ("B", "I") or p_label != label:
            count += 1
    return count


_DECODERS = {"default": chunks_default, "strict": chunks_strict_iob2}


def sequence_stats(true_seqs: Sequence[Sequence[str]], pred_seqs: Sequence[Sequence[str]],
                   prefix: str = "bio.", modes: Iterable[str] = MODES) -> Counter:
    """Mergeable counts for sentence pairs (same lengths): per mode and type tp/pred/true, tokens, invalid.

    ``modes`` may drop ``strict`` for tag sets other than IOB2 (strict mode rejects ``E-``/``S-``).
    """
    decoders = {mode: _DECODERS[mode] for mode in modes}
    stats: Counter = Counter({f"{prefix}tokens": 0, f"{prefix}tokens_correct": 0, f"{prefix}invalid": 0})
    for true, pred in zip(true_seqs, pred_seqs, strict=True):
        if len(true) != len(pred):
            raise ValueError("a true and a predicted sentence differ in length")
        stats[f"{prefix}tokens"] += len(true)
        if true.count("O") == len(true) == pred.count("O"):  # no chunk, no error, every token correct
            stats[f"{prefix}tokens_correct"] += len(true)
            continue
        stats[f"{prefix}tokens_correct"] += sum(map(operator.eq, true, pred))
        stats[f"{prefix}invalid"] += invalid_transitions(pred)
        for mode, decode in decoders.items():
            gold_chunks, pred_chunks = set(decode(true)), set(decode(pred))
            for side, chunks in (("true", gold_chunks), ("pred", pred_chunks), ("tp", gold_chunks & pred_chunks)):
                for label, _, _ in chunks:
                    stats[f"{prefix}{mode}.{label}.{side}"] += 1
    return stats


def _mode_scores(stats: Mapping[str, float], head: str) -> dict[str, Any]:
    counts: dict[str, dict[str, float]] = {}
    for key, value in stats.items():
        if key.startswith(head):
            label, side = key[len(head):].rsplit(".", 1)
            counts.setdefault(label, {"tp": 0, "pred": 0, "true": 0})[side] += value
    per_type = {}
    for label in sorted(counts):
        c = counts[label]
        per_type[label] = {**rates(c["tp"], c["pred"], c["tp"], c["true"]), **c}
    tp, pred, true = (sum(c[k] for c in counts.values()) for k in ("tp", "pred", "true"))
    return {"micro": {**rates(tp, pred, tp, true), "tp": tp, "pred": pred, "true": true},
            "macro": _average(per_type, weighted=False), "weighted": _average(per_type, weighted=True),
            "per_type": per_type}


def _average(per_type: Mapping[str, Mapping[str, Any]], weighted: bool) -> dict[str, float | None]:
    """seqeval's macro / weighted average: undefined per-type values count as 0."""
    if not per_type:
        return {"precision": None, "recall": None, "f1": None}
    weights = {k: (v["true"] if weighted else 1) for k, v in per_type.items()}
    total = sum(weights.values())
    if not total:
        return {"precision": None, "recall": None, "f1": None}
    return {m: sum((v[m] or 0.0) * weights[k] for k, v in per_type.items()) / total
            for m in ("precision", "recall", "f1")}


def sequence_scores(stats: Mapping[str, float], prefix: str = "bio.",
                    modes: Iterable[str] = MODES) -> dict[str, Any]:
    """Scores for each mode, token accuracy and the invalid-transition count."""
    out: dict[str, Any] = {mode: _mode_scores(stats, f"{prefix}{mode}.") for mode in modes}
    out["accuracy"] = ratio(stats.get(f"{prefix}tokens_correct", 0), stats.get(f"{prefix}tokens", 0))
    out["invalid_transitions"] = stats.get(f"{prefix}invalid", 0)
    return out


def segment_sequences(text: str, segments: Iterable[Mapping[str, Any]],
                      gold_spans: Sequence[tuple[int, int, str]],
                      pred_spans: Sequence[tuple[int, int, str]]) -> tuple[list[list[str]], list[list[str]]]:
    """Gold and predicted IOB2 sequences, one per segment (in order of ``start``)."""
    ordered = sorted(segments, key=lambda s: (s["start"], s["end"]))
    true_in, pred_in = _by_segment(ordered, gold_spans), _by_segment(ordered, pred_spans)
    true_seqs, pred_seqs = [], []
    for i, seg in enumerate(ordered):
        if not true_in[i] and not pred_in[i]:  # all O: only the number of tokens matters
            count = len(TOKEN_RE.findall(text, seg["start"], seg["end"]))
            if count:
                true_seqs.append(["O"] * count)
                pred_seqs.append(["O"] * count)
            continue
        tokens = segment_tokens(text, seg["start"], seg["end"])
        if not tokens:
            continue
        true_seqs.append(tag_tokens(tokens, true_in[i]))
        pred_seqs.append(tag_tokens(tokens, pred_in[i]))
    return true_seqs, pred_seqs


def _by_segment(segments: Sequence[Mapping[str, Any]],
                spans: Sequence[tuple[int, int, str]]) -> list[list[tuple[int, int, str]]]:
    """Per segment, the spans overlapping it clipped to it (a span crossing a boundary restarts in the next).

    Found with the shared matcher's sweep over start-sorted spans, not every span against every segment.
    """
    from newsgold.metrics.align import Item, overlap_candidates

    segs = [(i, Item(s["start"], s["end"])) for i, s in enumerate(segments)]
    items = sorted(((j, Item(start, end)) for j, (start, end, _) in enumerate(spans)), key=lambda x: x[1].start)
    found = overlap_candidates(segs, items)
    out: list[list[tuple[int, int, str]]] = []
    for i, seg in enumerate(segments):
        clipped = []
        for j in found.get(i, ()):
            start, end, label = spans[j]
            clipped.append((max(start, seg["start"]), min(end, seg["end"]), label))
        out.append(clipped)
    return out
