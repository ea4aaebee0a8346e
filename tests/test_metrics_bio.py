"""IOB2 view (newsgold.metrics.bio) against conlleval's published figures, seqeval's vectors and seqeval itself."""
from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from newsgold.metrics.base import merge
from newsgold.metrics.bio import (chunks_default, chunks_strict_iob2, invalid_transitions, segment_sequences,
                                  segment_tokens, sequence_scores, sequence_stats, tag_tokens, tokenize)

PEER = Path(__file__).parent / "data" / "peer" / "seqeval_conlleval"
VECTORS = json.loads((PEER / "expected.json").read_text(encoding="utf-8"))


def _conll2000() -> tuple[list[list[str]], list[list[str]]]:
    true, pred, t_sent, p_sent = [], [], [], []
    for line in (PEER / "conll2000_chunking_output.txt").read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if t_sent:
                true.append(t_sent)
                pred.append(p_sent)
            t_sent, p_sent = [], []
            continue
        _, _, gold_tag, pred_tag = line.split()
        t_sent.append(gold_tag)
        p_sent.append(pred_tag)
    return true, pred


# --- tokenizer and tagging (hand-made) ---

def test_tokenize_keeps_offsets():
    # "Kim's visit, 13.09.": Kim [0,3) ' [3,4) s [4,5) visit [6,11) , [11,12) 13 [13,15) . [15,16) 09 [16,18) . [18,19)
    assert tokenize("Kim's visit, 13.09.") == [(0, 3), (3, 4), (4, 5), (6, 11), (11, 12), (13, 15), (15, 16),
                                                (16, 18), (18, 19)]
    assert tokenize("Σοϊγκού.", offset=10) == [(10, 17), (17, 18)]


def test_tag_tokens_partial_cover_and_claimed_tokens():
    text = "Kim Jong Un met Shoigu's team"
    tokens = tokenize(text)  # Kim Jong Un met Shoigu ' s team
    # PER [0,11) covers Kim Jong Un; PER [16,22) = "Shoigu"; ORG [18,29) starts inside "Shoigu" (already
    # taken by PER) so it gets B- on "'" and I- on "s", "team".
    tags = tag_tokens(tokens, [(16, 22, "PER"), (0, 11, "PER"), (18, 29, "ORG")])
    assert tags == ["B-PER", "I-PER", "I-PER", "O", "B-PER", "B-ORG", "I-ORG", "I-ORG"]
    # a span ending inside a word tags the whole word: "Jong" partly covered by [0,6)
    assert tag_tokens(tokens, [(0, 6, "PER")])[:3] == ["B-PER", "I-PER", "O"]
    assert invalid_transitions(tags) == 0


def test_segment_sequences_split_at_segment_boundary():
    text = "Kim Jong\nUn met"
    segments = [{"start": 0, "end": 8}, {"start": 9, "end": 15}]
    true, pred = segment_sequences(text, segments, [(0, 11, "PER")], [(0, 3, "PER")])
    assert true == [["B-PER", "I-PER"], ["B-PER", "O"]]
    assert pred == [["B-PER", "O"], ["O", "O"]]


def test_invalid_transitions_hand_made():
    # I-PER at start (1), I-PER after O (2), I-ORG after B-PER (3); B-LOC I-LOC is fine.
    assert invalid_transitions(["I-PER", "O", "I-PER", "B-PER", "I-ORG", "B-LOC", "I-LOC"]) == 3
    stats = sequence_stats([["O"] * 3], [["I-PER", "O", "I-PER"]])
    assert sequence_scores(stats)["invalid_transitions"] == 2


def test_hand_made_scores():
    # true: B-PER I-PER O B-LOC | B-ORG ; pred: B-PER I-PER O B-ORG | I-ORG
    # default mode: true {PER(0,2), LOC(3,4)}, {ORG(0,1)}; pred {PER(0,2), ORG(3,4)}, {ORG(0,1) (I after O starts)}
    #   tp: PER 1, ORG 1 -> micro P = 2/3, R = 2/3; accuracy = 3/5 tokens equal (B-PER I-PER O).
    # strict IOB2: the lone I-ORG is dropped: pred {PER, ORG(3,4)}: tp PER 1 -> P = 1/2, R = 1/3, F1 = 0.4.
    stats = sequence_stats([["B-PER", "I-PER", "O", "B-LOC"], ["B-ORG"]],
                           [["B-PER", "I-PER", "O", "B-ORG"], ["I-ORG"]])
    got = sequence_scores(stats)
    assert got["default"]["micro"]["precision"] == pytest.approx(2 / 3)
    assert got["default"]["micro"]["recall"] == pytest.approx(2 / 3)
    assert got["strict"]["micro"]["f1"] == pytest.approx(0.4)
    assert got["accuracy"] == pytest.approx(0.6)
    assert got["invalid_transitions"] == 1
    assert got["strict"]["per_type"]["LOC"]["precision"] == 0.0  # no predicted LOC: 0, as seqeval


def test_statistics_merge_across_sentence_groups():
    true, pred = _conll2000()
    whole = sequence_stats(true, pred)
    parts = merge([sequence_stats(true[:10], pred[:10]), sequence_stats(true[10:], pred[10:])])
    assert dict(parts) == dict(whole)


# --- CoNLL-2000 sample: conlleval's published output ---

def test_conll2000_published_conlleval_figures():
    published = VECTORS["conll2000_sample"]["published_conlleval_output"]
    true, pred = _conll2000()
    got = sequence_scores(sequence_stats(true, pred))
    micro = got["default"]["micro"]
    overall = published["overall"]
    assert sum(len(s) for s in true) == overall["tokens"]
    assert (micro["true"], micro["pred"], micro["tp"]) == (overall["gold_phrases"], overall["found_phrases"],
                                                          overall["correct_phrases"])
    assert round(100 * micro["precision"], 2) == overall["precision_pct"]
    assert round(100 * micro["recall"], 2) == overall["recall_pct"]
    assert round(100 * micro["f1"], 2) == overall["FB1"]
    assert round(100 * got["accuracy"], 2) == 84.08
    for label, (p, r, f, found) in published["per_type"].items():
        row = got["default"]["per_type"][label]
        assert (round(100 * row["precision"], 2), round(100 * row["recall"], 2), round(100 * row["f1"], 2),
                row["pred"]) == (p, r, f, found), label


def test_conll2000_against_installed_seqeval_both_modes():
    seqeval_metrics = pytest.importorskip("seqeval.metrics")
    from seqeval.scheme import IOB2

    true, pred = _conll2000()
    got = sequence_scores(sequence_stats(true, pred))
    for mode, kwargs in (("default", {}), ("strict", {"mode": "strict", "scheme": IOB2})):
        report = seqeval_metrics.classification_report(true, pred, output_dict=True, zero_division=0, **kwargs)
        for label, row in got[mode]["per_type"].items():
            assert (row["precision"] or 0.0) == pytest.approx(report[label]["precision"])
            assert (row["recall"] or 0.0) == pytest.approx(report[label]["recall"])
            assert (row["f1"] or 0.0) == pytest.approx(report[label]["f1-score"])
            assert row["true"] == report[label]["support"]
        for ours, theirs in (("micro", "micro avg"), ("macro", "macro avg"), ("weighted", "weighted avg")):
            for metric, key in (("precision", "precision"), ("recall", "recall"), ("f1", "f1-score")):
                assert got[mode][ours][metric] == pytest.approx(report[theirs][key]), (mode, ours, metric)
    assert got["accuracy"] == pytest.approx(seqeval_metrics.accuracy_score(true, pred))
    computed = VECTORS["conll2000_sample"]["computed_here_seqeval_strict_IOB2"]
    assert got["strict"]["micro"]["f1"] == pytest.approx(computed["f1"])


def test_random_sequences_against_installed_seqeval():
    seqeval_metrics = pytest.importorskip("seqeval.metrics")
    from seqeval.scheme import IOB2

    rng = random.Random(11)
    tags = ["O", "O", "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "I-LOC"]
    for _ in range(200):
        lengths = [rng.randint(1, 8) for _ in range(rng.randint(1, 4))]
        true = [[rng.choice(tags) for _ in range(n)] for n in lengths]
        pred = [[rng.choice(tags) for _ in range(n)] for n in lengths]
        got = sequence_scores(sequence_stats(true, pred))
        for mode, kwargs in (("default", {}), ("strict", {"mode": "strict", "scheme": IOB2})):
            p, r, f, support = seqeval_metrics.sequence_labeling.precision_recall_fscore_support(
                true, pred, average=None, zero_division=0, **kwargs) if mode == "default" else \
                seqeval_metrics.v1.precision_recall_fscore_support(true, pred, average=None, zero_division=0,
                                                                   scheme=IOB2)
            labels = sorted(got[mode]["per_type"])
            assert [got[mode]["per_type"][k]["true"] for k in labels] == list(support)
            assert [got[mode]["per_type"][k]["precision"] or 0.0 for k in labels] == pytest.approx(list(p))
            assert [got[mode]["per_type"][k]["recall"] or 0.0 for k in labels] == pytest.approx(list(r))
            micro_f = seqeval_metrics.f1_score(true, pred, zero_division=0, **kwargs)
            assert (got[mode]["micro"]["f1"] or 0.0) == pytest.approx(micro_f)


@pytest.mark.filterwarnings("ignore:.*seems not to be NE tag")
def test_chunks_default_skipping_o_runs_equals_seqeval_get_entities():
    get_entities = pytest.importorskip("seqeval.metrics.sequence_labeling").get_entities
    rng = random.Random(17)
    alphabet = ["O", "O", "O", "O", "B-PER", "I-PER", "E-PER", "S-ORG", "I-ORG", "B", "I", "X", "X-LOC", "O-PER",
                "I-_", "B-_"]
    for _ in range(3000):
        tags = [rng.choice(alphabet) for _ in range(rng.randint(0, 12))]
        # seqeval's loop visits every position; chunks_default skips the O after an O
        assert chunks_default(tags) == [(t, b, e + 1) for t, b, e in get_entities(tags)], tags


def test_invalid_transitions_random_against_the_definition():
    rng = random.Random(19)
    alphabet = ["O", "O", "B-PER", "I-PER", "I-ORG", "B-ORG", "I", "B", "E-PER", "S-PER", "I-_"]

    def typed(tag: str) -> tuple[str, str]:
        return ("O", "") if tag == "O" else (tag[0], tag[1:].split("-", 1)[-1] or "_")

    for _ in range(2000):
        tags = [rng.choice(alphabet) for _ in range(rng.randint(0, 10))]
        want = sum(1 for i, tag in enumerate(tags) if typed(tag)[0] == "I"
                   and not (typed(tags[i - 1] if i else "O")[0] in ("B", "I")
                            and typed(tags[i - 1] if i else "O")[1] == typed(tag)[1]))
        assert invalid_transitions(tags) == want, tags


def test_tokens_of_a_segment_equal_tokenizing_its_slice():
    text = "  Kim's  [x]-y\u00a0z. \n 12ab"
    for start in range(len(text) + 1):
        for end in range(start, len(text) + 1):
            assert segment_tokens(text, start, end) == tokenize(text[start:end], start)


# --- seqeval's published / upstream cases that apply to IOB2 and the default mode ---
# Skipped: suffix-style tags (test_get_entities_with_suffix_style), performance_measure (token-level
# TP/FP/TN/FN, not a metric we report), beta = inf averages (we report F1 only), IOBES strict mode
# (issue #25), IOB1/IOBES decoding (PR #52), and the strict_mode_decoding blocks of schemes other than IOB2.

CASES = VECTORS["metric_cases"]


def _case(call_prefix: str, source_part: str = "") -> list[dict]:
    return [c for c in CASES if c["call"].startswith(call_prefix) and source_part in c["source"]]


def _scores(case: dict) -> dict:
    return sequence_scores(sequence_stats(case["y_true"], case["y_pred"]))


def test_readme_cases():
    f1_case = _case("f1_score(y_true, y_pred)", "README")[0]
    assert _scores(f1_case)["default"]["micro"]["f1"] == f1_case["expected"]
    report = _case("classification_report(y_true, y_pred) and", "README")[0]
    got = _scores(report)
    for mode in ("default", "strict"):
        for label in ("MISC", "PER"):
            row = got[mode]["per_type"][label]
            assert [row["precision"], row["recall"], row["f1"], row["true"]] == report["expected"][label]
        for ours, theirs in (("micro", "micro avg"), ("macro", "macro avg"), ("weighted", "weighted avg")):
            row = got[mode][ours]
            assert [row["precision"], row["recall"], row["f1"]] == report["expected"][theirs][:3]
    acc = _case("accuracy_score")[0]
    assert _scores(acc)["accuracy"] == acc["expected"]
    np_default = _case("classification_report default mode: NP")[0]
    row = _scores(np_default)["default"]["per_type"]["NP"]
    assert [row["precision"], row["recall"], row["f1"], row["true"]] == np_default["expected"]
    np_strict = _case("classification_report(mode='strict', scheme=IOB2): NP")[0]
    row = _scores(np_strict)["strict"]["per_type"]["NP"]
    assert [row["precision"] or 0.0, row["recall"], row["f1"] or 0.0, row["true"]] == np_strict["expected"]


def test_f1_docstring_averages():
    cases = {c["call"]: c for c in _case("f1_score(y_true, y_pred, average=", "docstring")}
    got = _scores(next(iter(cases.values())))["default"]
    assert got["micro"]["f1"] == pytest.approx(cases["f1_score(y_true, y_pred, average='micro')"]["expected"])
    assert got["macro"]["f1"] == pytest.approx(cases["f1_score(y_true, y_pred, average='macro')"]["expected"])
    assert got["weighted"]["f1"] == pytest.approx(
        cases["f1_score(y_true, y_pred, average='weighted')"]["expected"])
    per_type = [got["per_type"][k]["f1"] for k in sorted(got["per_type"])]
    assert per_type == pytest.approx(cases["f1_score(y_true, y_pred, average=None)"]["expected"])


def test_get_entities_cases():
    for case in _case("get_entities(seq"):
        if "suffix" in case["call"]:
            continue
        chunks = [(t, s, e - 1) for t, s, e in chunks_default(case["y_true"])]  # seqeval ends are inclusive
        assert [list(c) for c in chunks] == case["expected"]
    nested = _case("get_entities(nested)")[0]
    flat = [tag for sent in nested["y_true"] for tag in sent + ["O"]]  # seqeval joins sentences with "O"
    assert [[t, s, e - 1] for t, s, e in chunks_default(flat)] == nested["expected"]


def test_conll_and_strict_f1score_cases():
    for case in _case("f1_score(y_true, y_pred, average=", "test_conll_f1score"):
        got = _scores(case)["default"]
        assert got["micro"]["f1"] == 1 and got["macro"]["f1"] == 1 and got["weighted"]["f1"] == 1
    for case in _case("f1_score(y_true, y_pred, average=", "test_strict_f1score"):
        got = _scores(case)["strict"]
        # ORG is gold-only in strict mode: 0, as seqeval's zero_division gives
        assert got["per_type"]["ORG"]["f1"] == 0 and got["per_type"]["ORG"]["precision"] == 0
        assert (got["micro"]["f1"] or 0) == 0 and got["macro"]["f1"] == 0 and got["weighted"]["f1"] == 0


def test_v1_scores_and_averages():
    per_type = _case("v1.precision_recall_fscore_support(average=None")[0]
    got = _scores(per_type)["strict"]
    labels = ["A", "B", "C"]
    exp = per_type["expected"]
    assert [got["per_type"][k]["precision"] or 0.0 for k in labels] == pytest.approx(exp["precision"], abs=0.01)
    assert [got["per_type"][k]["recall"] or 0.0 for k in labels] == pytest.approx(exp["recall"], abs=0.01)
    assert [got["per_type"][k]["f1"] or 0.0 for k in labels] == pytest.approx(exp["f1"], abs=0.01)
    assert [got["per_type"][k]["true"] for k in labels] == exp["support"]
    for case in _case("v1.precision_recall_fscore_support(average='"):
        if "beta=inf" in case["call"]:
            continue
        avg = case["call"].split("average='")[1].split("'")[0]
        row = got[avg]
        assert [row["precision"], row["recall"], row["f1"]] == pytest.approx(case["expected"][:3], abs=0.01)
    out = _case("v1.classification_report(output_dict=True)")[0]
    for label in labels:
        row = got["per_type"][label]
        want = out["expected"][label]
        assert [row["precision"] or 0.0, row["recall"] or 0.0, row["f1"] or 0.0, row["true"]] == pytest.approx(
            [want["precision"], want["recall"], want["f1-score"], want["support"]])
    assert got["weighted"]["f1"] == pytest.approx(out["computed_here_weighted_avg"]["f1-score"])


def test_unique_labels_cases():
    for case in _case("v1.unique_labels"):
        stats = sequence_stats(case["y_true"], [["O"] * len(s) for s in case["y_true"]])
        stats += sequence_stats([["O"] * len(s) for s in case["y_pred"]], case["y_pred"])
        assert sorted(sequence_scores(stats)["strict"]["per_type"]) == case["expected"]


def test_issue_cases_default_mode():
    untyped = _case("classification_report(y_true, y_pred) untyped")[0]
    row = _scores(untyped)["default"]["per_type"]["_"]
    assert [row["precision"], row["recall"], row["f1"], row["true"]] == untyped["expected"]["_"]
    iobes = _case("conlleval.pl (perl)")[0]
    # B-MISC E-MISC B-MISC E-MISC vs B-MISC I-MISC I-MISC E-MISC: seqeval ends a chunk at E->B (conlleval
    # does not), so true = {(0,2), (2,4)}, pred = {(0,4)}: no tp, F1 = 0 (conlleval prints 100).
    got = sequence_scores(sequence_stats(iobes["y_true"], iobes["y_pred"], modes=("default",)))
    assert got["default"]["micro"]["f1"] == iobes["expected"]["computed_here_seqeval_default_f1"]
    scheme = _case("f1_score(mode='strict') with scheme=None")[0]
    got = _scores(scheme)
    assert got["default"]["micro"]["f1"] == scheme["expected"]["scheme_None"]  # strict without scheme = default
    assert (got["strict"]["micro"]["f1"] or 0.0) == scheme["expected"]["scheme_IOB2"]


@pytest.mark.parametrize("case", VECTORS["strict_mode_decoding"]["cases"]["IOB2"])
def test_strict_mode_decoding_iob2(case):
    assert [list(c) for c in chunks_strict_iob2(case["tokens"])] == case["expected_entities"]


def test_strict_iob2_rejects_other_prefixes():
    with pytest.raises(ValueError):
        chunks_strict_iob2(["B-PER", "E-PER", "S-PER"])


def test_tags_made_from_spans_agree_in_both_modes():
    # why the entities task reports one seqeval mode: tags built from spans are valid IOB2, where
    # seqeval's default (conlleval) and strict IOB2 decoders find the same chunks
    import random

    rng = random.Random(4)
    text = " ".join("w" * rng.randint(1, 4) for _ in range(60))
    segments = [{"start": 0, "end": 120}, {"start": 121, "end": len(text)}]
    for _ in range(300):
        spans = []
        for _ in range(rng.randint(0, 12)):
            start = rng.randrange(0, len(text) - 1)
            spans.append((start, min(len(text), start + rng.randint(1, 15)), rng.choice("ABC")))
        true, pred = segment_sequences(text, segments, spans[: len(spans) // 2], spans[len(spans) // 2:])
        stats = sequence_stats(true, pred)
        assert {k.split(".", 2)[2]: v for k, v in stats.items() if k.startswith("bio.default.")} == \
            {k.split(".", 2)[2]: v for k, v in stats.items() if k.startswith("bio.strict.")}
        assert stats["bio.invalid"] == 0


def test_duplicate_predicted_spans_tagged_in_content_order():
    # issue 8: duplicate predictions [0,3) PER and [0,3) ORG on gold PER "Kim": spans are tagged in
    # (start, end, type) order, so ORG claims the token in both list orders: F1 0, not 0 or 1 by order
    seg = [{"start": 0, "end": 7}]
    gold = [(0, 3, "PER")]
    for pred in ([(0, 3, "PER"), (0, 3, "ORG")], [(0, 3, "ORG"), (0, 3, "PER")]):
        true, tags = segment_sequences("Kim met", seg, gold, pred)
        assert tags == [["B-ORG", "O"]]
        assert sequence_scores(sequence_stats(true, tags))["default"]["micro"]["f1"] == 0.0
