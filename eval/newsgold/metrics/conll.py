"""Token-level CoNLL/BIO predictions (what sequence taggers produce) converted to entity spans.

Format (one file for all documents, UTF-8):

- ``-DOCSTART- <doc_id>`` starts a document (the doc_id is required: tokens are
  tied to a gold text);
- every other non-blank line is one token: its first column is the token text,
  its last column the tag (``O``, ``B-X``, ``I-X``; ``E-``/``S-`` are read as
  conlleval reads them); columns are separated by whitespace (tabs or spaces);
- blank lines (sentence breaks) are allowed anywhere and carry no meaning: the
  sentences are the gold segments.

Tokens must be the documented tokenizer's tokens (:func:`newsgold.metrics.bio.tokenize`,
``\\w+|[^\\w\\s]`` over each gold segment, segments in order of start), in order,
every one of them: a token whose text differs, a missing token or an extra one is
an error naming the line. Chunks are decoded per gold segment in conlleval's
(seqeval's default) way, and a chunk of tokens ``i..j`` becomes the span
``[start of token i, end of token j)`` with the chunk's type. A document absent
from the file is a document without entity predictions.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Mapping

from newsgold.metrics.bio import chunks_default, tokenize

DOCSTART = "-DOCSTART-"


class ConllError(ValueError):
    """A CoNLL file that cannot be read against the gold (message names the file and line)."""


def read_conll(lines: Iterable[str], source: str = "<conll>") -> dict[str, list[tuple[int, str, str]]]:
    """``doc_id -> [(line number, token, tag), ...]`` from the lines of a CoNLL file."""
    docs: dict[str, list[tuple[int, str, str]]] = {}
    current: list[tuple[int, str, str]] | None = None
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\n").rstrip("\r")
        if not line.strip():
            continue
        cols = line.split()
        if cols[0] == DOCSTART:
            if len(cols) < 2:
                raise ConllError(f"{source}:{number}: {DOCSTART} without a doc_id (expected '{DOCSTART} <doc_id>')")
            if cols[1] in docs:
                raise ConllError(f"{source}:{number}: document {cols[1]!r} appears twice")
            current = docs.setdefault(cols[1], [])
            continue
        if current is None:
            raise ConllError(f"{source}:{number}: token before the first '{DOCSTART} <doc_id>' line")
        if len(cols) < 2:
            raise ConllError(f"{source}:{number}: expected '<token> ... <tag>', got {line!r}")
        current.append((number, cols[0], cols[-1]))
    return docs


def entities_from_tags(gold: Mapping[str, Any], tagged: list[tuple[int, str, str]],
                       source: str = "<conll>") -> list[dict[str, Any]]:
    """Entity span predictions of one document from its tagged tokens (rules in the module docstring)."""
    text = gold["text"]
    out: list[dict[str, Any]] = []
    pos = 0
    for seg in sorted(gold.get("segments") or [], key=lambda s: (s["start"], s["end"])):
        tokens = tokenize(text[seg["start"]:seg["end"]], seg["start"])
        tags = []
        for start, end in tokens:
            if pos >= len(tagged):
                raise ConllError(f"{source}: document {gold['doc_id']!r} ends early: expected token "
                                 f"{text[start:end]!r} (offset {start})")
            number, token, tag = tagged[pos]
            if token != text[start:end]:
                raise ConllError(f"{source}:{number}: expected token {text[start:end]!r} (offset {start}), "
                                 f"got {token!r}")
            tags.append(tag)
            pos += 1
        for label, first, last in chunks_default(tags):
            start, end = tokens[first][0], tokens[last - 1][1]
            out.append({"start": start, "end": end, "text": text[start:end], "type": label})
    if pos < len(tagged):
        number, token, _ = tagged[pos]
        raise ConllError(f"{source}:{number}: token {token!r} after the last token of {gold['doc_id']!r}")
    return out


def conll_predictions(path: Path | str, golds: Mapping[str, Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    """Prediction lines (``doc_id`` + ``entities``) for every gold document, from a CoNLL file."""
    path = Path(path)
    with path.open(encoding="utf-8") as fh:
        docs = read_conll(fh, str(path))
    unknown = sorted(set(docs) - set(golds))
    if unknown:
        raise ConllError(f"{path}: unknown doc_id(s) {', '.join(unknown)} (expected one of {', '.join(sorted(golds))})")
    return {d: {"doc_id": d, "entities": entities_from_tags(golds[d], docs[d], str(path)) if d in docs else []}
            for d in sorted(golds)}


def to_conll(gold: Mapping[str, Any], entities: Iterable[Mapping[str, Any]]) -> list[str]:
    """The CoNLL lines (``-DOCSTART-``, tokens with IOB2 tags, a blank line per segment) of one document."""
    from newsgold.metrics.bio import segment_sequences

    segments = sorted(gold.get("segments") or [], key=lambda s: (s["start"], s["end"]))
    spans = [(e["start"], e["end"], e["type"]) for e in entities]
    tag_seqs, _ = segment_sequences(gold["text"], segments, spans, [])
    lines = [f"{DOCSTART} {gold['doc_id']}", ""]
    seq = iter(tag_seqs)
    for seg in segments:
        tokens = tokenize(gold["text"][seg["start"]:seg["end"]], seg["start"])
        if not tokens:
            continue
        lines += [f"{gold['text'][s:e]}\t{tag}" for (s, e), tag in zip(tokens, next(seq))] + [""]
    return lines
