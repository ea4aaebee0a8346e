"""What each zone baseline keeps: the share of every gold category's characters it predicts as main content.

Usage: ``python eval/analysis/zones_kept.py [--systems A,B]`` (the ``baselines`` extra
installed). Categories are the gold zones and, for boilerplate, its kinds; counts
are the non-whitespace characters of the gold segments over all documents, and a
character counts as kept when a predicted segment covering it has a main-content
zone. The README's "What this shows" quotes these figures.
"""
from __future__ import annotations

import argparse
from collections import Counter

from newsgold import baselines, evaluate
from newsgold.gold import MAIN_CONTENT_ZONES


def category(segment: dict) -> str:
    return segment["zone"] if segment["zone"] != "boilerplate" else f"boilerplate:{segment['boilerplate_kind']}"


def kept_counts(name: str, golds: dict) -> tuple[Counter, Counter]:
    """(kept, total) non-whitespace characters per gold category for one baseline."""
    inputs = [{"doc_id": d, "text": g["text"], "published": g["source"]["published"], "tasks": ["zones"]}
              for d, g in sorted(golds.items())]
    kept, total = Counter(), Counter()
    for answer in baselines.load(name).predict(inputs):
        text = golds[answer["doc_id"]]["text"]
        main = {i for s in answer.get("segments", []) if s.get("zone") in MAIN_CONTENT_ZONES
                for i in range(s["start"], s["end"])}
        for seg in golds[answer["doc_id"]]["segments"]:
            chars = [i for i in range(seg["start"], seg["end"]) if not text[i].isspace()]
            total[category(seg)] += len(chars)
            kept[category(seg)] += sum(i in main for i in chars)
    return kept, total


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--systems", help="zone baselines (default: all)")
    args = p.parse_args()
    names = args.systems.split(",") if args.systems else [n for n in baselines.BASELINES
                                                           if "zones" in baselines.load(n).TASKS]
    golds = evaluate.load_golds()
    counts = {n: kept_counts(n, golds) for n in names}
    cats = sorted(counts[names[0]][1])
    width = max(len(c) for c in cats) + 8
    print("category (chars)".ljust(width), *(n.removeprefix("zones_")[:11].rjust(11) for n in names))
    for cat in cats:
        total = counts[names[0]][1][cat]
        print(f"{cat} ({total})".ljust(width), *(f"{100 * counts[n][0][cat] / total:10.0f}%" for n in names))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
