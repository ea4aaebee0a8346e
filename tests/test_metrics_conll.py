"""Token-level CoNLL/BIO predictions converted to spans (newsgold.metrics.conll)."""
from __future__ import annotations

import pytest

from metric_helpers import build, real_gold, score_of, span
from newsgold.metrics.conll import ConllError, conll_predictions, entities_from_tags, read_conll, to_conll
from newsgold.metrics.entities import TASK


def _gold():
    gold = build([("Kim Jong Un met Putin's envoy.", {"zone": "body", "lang": "en"}),
                  ("North Korea, 2024", {"zone": "body", "lang": "en"})])
    gold["doc_id"] = "d1"
    text = gold["text"]
    gold["entities"] = [span(text, "Kim Jong Un", type="PER"), span(text, "Putin", type="PER"),
                        span(text, "North Korea", type="LOC")]
    return gold


def test_hand_made_tags_become_spans():
    # tokens: Kim Jong Un met Putin ' s envoy . | North Korea , 2024
    lines = ["-DOCSTART- d1", "Kim B-PER", "Jong I-PER", "Un I-PER", "met O", "Putin B-ORG", "' O", "s O",
             "envoy O", ". O", "", "North\tB-LOC", "Korea\tI-LOC", ", O", "2024 O"]
    gold = _gold()
    got = entities_from_tags(gold, read_conll(lines)["d1"])
    assert [(e["text"], e["type"]) for e in got] == [("Kim Jong Un", "PER"), ("Putin", "ORG"), ("North Korea", "LOC")]
    scores = score_of(TASK, [(gold, {"entities": got})])
    # strict: 2 of 3 right (Putin typed ORG): P = R = F1 = 2/3
    assert scores["micro"]["strict"]["f1"] == pytest.approx(2 / 3)
    assert set(scores["bio"]) == {"default", "accuracy", "invalid_transitions"}  # one seqeval mode


def test_lone_inside_tag_starts_a_chunk_as_conlleval():
    lines = ["-DOCSTART- d1", "Kim I-PER", "Jong I-PER", "Un I-PER"] + [f"{t} O" for t in
                                                                         "met Putin ' s envoy . North Korea , 2024".split()]
    got = entities_from_tags(_gold(), read_conll(lines)["d1"])
    assert [(e["start"], e["end"], e["type"]) for e in got] == [(0, 11, "PER")]


@pytest.mark.parametrize("lines,message", [
    (["Kim B-PER"], "before the first"),
    (["-DOCSTART-"], "without a doc_id"),
    (["-DOCSTART- d1", "Kym B-PER"], "expected token 'Kim'"),
    (["-DOCSTART- d1", "Kim B-PER"], "ends early"),
])
def test_errors_name_the_line(lines, message):
    with pytest.raises(ConllError, match=message):
        entities_from_tags(_gold(), read_conll(lines, "run.conll")["d1"])


def test_extra_token_is_an_error():
    gold = _gold()
    lines = to_conll(gold, gold["entities"]) + ["extra O"]
    with pytest.raises(ConllError, match=r":\d+: token 'extra' after the last token"):
        entities_from_tags(gold, read_conll(lines)["d1"])


def test_round_trip_of_the_real_gold(tmp_path):
    golds = {g["doc_id"]: g for g in real_gold()}
    path = tmp_path / "gold.conll"
    path.write_text("\n".join(line for g in golds.values() for line in to_conll(g, g["entities"])) + "\n",
                    encoding="utf-8")
    preds = conll_predictions(path, golds)
    scores = score_of(TASK, [(golds[d], preds[d]) for d in sorted(golds)])
    # the token view of the gold is reproduced exactly; spans agree wherever a gold span ends on a token edge
    assert scores["bio"]["default"]["micro"]["f1"] == 1.0 and scores["bio"]["accuracy"] == 1.0
    assert scores["micro"]["strict"]["f1"] > 0.95
    with pytest.raises(ConllError, match="unknown doc_id"):
        path.write_text("-DOCSTART- nowhere\n", encoding="utf-8")
        conll_predictions(path, golds)
