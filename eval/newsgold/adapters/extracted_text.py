"""Extracted main text -> zones: align an extractor's output with the corpus text.

A boilerplate remover hands back text, not offsets. :func:`kept_spans` finds that
text in the corpus text and :func:`zone_segments` turns the result into a
``segments`` layer, so any extractor can be scored by the ``zones`` task::

    from newsgold.adapters.extracted_text import zone_segments
    segments = zone_segments(doc_text, my_extractor(html_of(doc_text)))

How the alignment works (deterministic, standard library only):

1. Whitespace is normalised on both sides: every run of whitespace (``str.isspace``,
   so newlines and NBSP too) becomes one space; a map keeps each normalised
   character's offset in the corpus text.
2. The extracted text is split into paragraphs at newlines (each normalised,
   empty ones dropped) and the paragraphs are placed in order, a cursor moving
   forward through the corpus text. A paragraph is looked for verbatim from the
   cursor on; among its occurrences the first that starts and ends on a line
   boundary wins, else the first bounded by non-word characters, else the first
   at all; if it does not occur after the cursor, the same search runs from the
   start of the text (an extractor may repeat or move a line, e.g. the title).
   A paragraph may span several corpus lines (extractors merge paragraphs).
3. A paragraph that is not found verbatim (the extractor changed it) is
   aligned piecewise: the matching blocks of ``difflib.SequenceMatcher``
   (``autojunk=False``) between the corpus text from the cursor on and the
   paragraph, each kept when it is at least ``MIN_BLOCK`` characters long (or the
   whole paragraph, if shorter). So a partly kept line becomes a partial span.
4. Characters covered by a placed paragraph are *kept*. Each non-empty corpus line
   is cut into maximal kept and not-kept runs, each trimmed of whitespace: kept
   runs become ``body`` segments (extractors do not tell titles, leads or
   captions from body), the rest ``boilerplate`` with ``boilerplate_kind``
   ``other``. Every non-whitespace character lands in exactly one segment.
"""
from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Any, Iterable, Sequence

from newsgold.textspans import Span, line_spans, trim

MIN_BLOCK = 12
"""Shortest piece of a changed paragraph that counts as found (characters, after normalisation)."""
KEPT_ZONE = "body"
DROPPED_ZONE = "boilerplate"
DROPPED_KIND = "other"


def normalise(text: str) -> tuple[str, list[int]]:
    """``text`` with whitespace runs collapsed to one space and edges stripped, and each char's offset in ``text``."""
    chars: list[str] = []
    where: list[int] = []
    pending_space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            pending_space = bool(chars)
            continue
        if pending_space:
            chars.append(" ")
            where.append(i - 1)
            pending_space = False
        chars.append(ch)
        where.append(i)
    return "".join(chars), where


def paragraphs(extracted: str | Iterable[str]) -> list[str]:
    """The extracted text's paragraphs (split at newlines), whitespace-normalised, empty ones dropped."""
    pieces = extracted.split("\n") if isinstance(extracted, str) else [p for x in extracted for p in x.split("\n")]
    return [n for n in (" ".join(p.split()) for p in pieces) if n]


class _Corpus:
    """The normalised corpus text and what the search needs about it."""

    def __init__(self, text: str):
        self.text = text
        self.norm, self.where = normalise(text)

    def at_line_edge(self, start: int, end: int) -> bool:
        """True when normalised ``[start, end)`` begins and ends at a line boundary of the corpus text."""
        before = self.text.rfind("\n", 0, self.where[start])
        after = self.text.find("\n", self.where[end - 1] + 1)
        left = self.text[before + 1:self.where[start]]
        right = self.text[self.where[end - 1] + 1:after if after >= 0 else len(self.text)]
        return not left.strip() and not right.strip()

    def at_word_edge(self, start: int, end: int) -> bool:
        left_ok = start == 0 or not (self.norm[start - 1].isalnum() and self.norm[start].isalnum())
        right_ok = end == len(self.norm) or not (self.norm[end - 1].isalnum() and self.norm[end].isalnum())
        return left_ok and right_ok

    def find(self, paragraph: str, cursor: int) -> int | None:
        """Where ``paragraph`` occurs verbatim from ``cursor`` on (see the module docstring for the preference)."""
        hits = [m.start() for m in re.finditer(f"(?={re.escape(paragraph)})", self.norm[cursor:])]
        hits = [cursor + h for h in hits]
        n = len(paragraph)
        for test in (self.at_line_edge, self.at_word_edge):
            for h in hits:
                if test(h, h + n):
                    return h
        return hits[0] if hits else None

    def blocks(self, paragraph: str, cursor: int) -> list[Span]:
        """Normalised spans of the pieces of a changed paragraph found from ``cursor`` on."""
        matcher = SequenceMatcher(None, self.norm[cursor:], paragraph, autojunk=False)
        least = min(MIN_BLOCK, len(paragraph))
        return [(cursor + b.a, cursor + b.a + b.size) for b in matcher.get_matching_blocks() if b.size >= least]

    def original(self, start: int, end: int) -> Span:
        """Normalised ``[start, end)`` -> offsets in the corpus text."""
        return self.where[start], self.where[end - 1] + 1


def kept_spans(text: str, extracted: str | Iterable[str]) -> list[Span]:
    """Spans of ``text`` (code points, sorted, may overlap) that the extracted text was aligned to."""
    corpus = _Corpus(text)
    spans: list[Span] = []
    cursor = 0
    for paragraph in paragraphs(extracted):
        found = corpus.find(paragraph, cursor)
        if found is None:
            found = corpus.find(paragraph, 0)
        if found is not None:
            spans.append(corpus.original(found, found + len(paragraph)))
            cursor = max(cursor, found + len(paragraph))
            continue
        pieces = corpus.blocks(paragraph, cursor) or corpus.blocks(paragraph, 0)
        spans += [corpus.original(s, e) for s, e in pieces]
        if pieces:
            cursor = max(cursor, pieces[-1][1])
    return sorted(spans)


def _segment(text: str, span: Span, kept: bool) -> dict[str, Any]:
    start, end = span
    seg: dict[str, Any] = {"start": start, "end": end, "text": text[start:end],
                           "zone": KEPT_ZONE if kept else DROPPED_ZONE}
    if not kept:
        seg["boilerplate_kind"] = DROPPED_KIND
    return seg


def segments_from_spans(text: str, kept: Sequence[Span]) -> list[dict[str, Any]]:
    """Every non-empty line cut into kept (``body``) and other (``boilerplate``/``other``) runs, trimmed, in order."""
    mask = bytearray(len(text))
    for start, end in kept:
        mask[start:end] = b"\x01" * (end - start)
    out = []
    for line_start, line_end in line_spans(text):
        run_start = line_start
        for i in range(line_start + 1, line_end + 1):
            if i == line_end or mask[i] != mask[run_start]:
                span = trim(text, run_start, i)
                if span:
                    out.append(_segment(text, span, bool(mask[run_start])))
                run_start = i
    return _merge(text, out)


def _merge(text: str, segments: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Join neighbours on one line with the same zone that only whitespace separated (trimming can split a run)."""
    out: list[dict[str, Any]] = []
    for seg in segments:
        prev = out[-1] if out else None
        if (prev is not None and prev["zone"] == seg["zone"] and "\n" not in text[prev["end"]:seg["start"]]
                and not text[prev["end"]:seg["start"]].strip()):
            out[-1] = _segment(text, (prev["start"], seg["end"]), seg["zone"] == KEPT_ZONE)
        else:
            out.append(seg)
    return out


def zone_segments(text: str, extracted: str | Iterable[str]) -> list[dict[str, Any]]:
    """The ``segments`` layer (zones) of an extractor whose main text is ``extracted``."""
    return segments_from_spans(text, kept_spans(text, extracted))
