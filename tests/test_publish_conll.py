"""CoNLL export: one file per language, the harness's tokens, one B- per entity."""
from __future__ import annotations

from collections import Counter

from newsgold.cli import main
from newsgold.corpus import open_corpus
from newsgold.metrics.bio import TOKEN_RE
from newsgold.publish import conll

CORPUS = open_corpus()


def _sentences(content: str) -> list[list[str]]:
    return [block.splitlines() for block in content.split("\n\n") if block.strip()]


def test_one_file_per_language_with_every_segment(tmp_path):
    assert main(["export", "--format", "conll", "--out", str(tmp_path)]) == 0
    docs = list(CORPUS.documents())
    with_tokens = [(d, s) for d in docs for s in d["segments"] if TOKEN_RE.search(s["text"])]
    langs = sorted({s["lang"] for _, s in with_tokens})
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{lang}.conll" for lang in langs]
    per_lang = Counter(s["lang"] for _, s in with_tokens)
    for lang in langs:
        sents = _sentences((tmp_path / f"{lang}.conll").read_text(encoding="utf-8"))
        assert len(sents) == per_lang[lang]


def test_tokens_are_the_segments_tokens_and_every_entity_starts_a_chunk():
    for doc in CORPUS.documents():
        rows = [line for _, lines in conll.sentences(doc) for line in lines if not line.startswith("# ")]
        tokens = [r.split("\t")[0] for r in rows]
        expected = [m.group() for s in sorted(doc["segments"], key=lambda s: s["start"])
                    for m in TOKEN_RE.finditer(s["text"])]
        assert tokens == expected
        tags = [r.split("\t")[1] for r in rows]
        assert Counter(t[2:] for t in tags if t.startswith("B-")) == Counter(e["type"] for e in doc["entities"])
