"""CoNLL-style IOB2 files, one per language, made with the harness's tokenizer.

One file ``<lang>.conll`` per segment language (a document with Vietnamese lines
contributes them to ``vi.conll``). Tokens and tags are those the ``entities`` task's
token-level scores use (:mod:`newsgold.metrics.bio`: tokenizer ``\\w+|[^\\w\\s]``, one
sentence per gold segment, a span tags every token it overlaps). Layout::

    # doc_id = el-skai-20240913
    # sent_id = el-skai-20240913/S1
    # zone = body
    Ο<TAB>O
    ρωσικού<TAB>B-ORG
    ...
    <blank line between sentences>

Segments without a token (a bare separator) are left out.
"""
from __future__ import annotations

from typing import Any, Iterable, Mapping

from newsgold.metrics.bio import segment_sequences, tokenize


def sentences(doc: Mapping[str, Any]) -> Iterable[tuple[str, list[str]]]:
    """(language, lines) for each segment of a document that has tokens, in text order."""
    text = doc["text"]
    spans = [(e["start"], e["end"], e["type"]) for e in doc.get("entities", [])]
    for seg in sorted(doc["segments"], key=lambda s: s["start"]):
        tokens = tokenize(text[seg["start"]:seg["end"]], seg["start"])
        if not tokens:
            continue
        (tags,), _ = segment_sequences(text, [seg], spans, [])
        lines = [f"# doc_id = {doc['doc_id']}", f"# sent_id = {doc['doc_id']}/{seg['id']}", f"# zone = {seg['zone']}"]
        lines += [f"{text[s:e]}\t{tag}" for (s, e), tag in zip(tokens, tags)]
        yield seg["lang"], lines


def files(documents: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """``<lang>.conll`` -> content, for every language that has a segment with tokens."""
    blocks: dict[str, list[str]] = {}
    for doc in documents:
        for lang, lines in sentences(doc):
            blocks.setdefault(lang, []).append("\n".join(lines) + "\n")
    return {f"{lang}.conll": "\n".join(parts) for lang, parts in sorted(blocks.items())}
