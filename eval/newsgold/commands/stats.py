"""``newsgold stats``: summary tables of the data (documents, languages, segments, layers)."""
from __future__ import annotations

import argparse
from pathlib import Path

FORMATS = ("text", "markdown", "json")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    parser.add_argument(
        "--root",
        type=Path,
        default=None,
        help="data folder holding corpus/ and annotations/ (default: the checkout or the installed data)",
    )


def run(args: argparse.Namespace) -> int:
    from newsgold import stats
    from newsgold.fingerprint import corpus_fingerprint, short
    from newsgold.gold import load_gold

    docs = load_gold(args.root)
    fingerprint = corpus_fingerprint(args.root)
    tables = stats.tables(docs)
    if args.format == "json":
        out = stats.render_json(tables, {"fingerprint": fingerprint, "documents": len(docs)})
    else:
        heading = f"newsgold gold {short(fingerprint)}: {len(docs)} documents"
        render = stats.render_markdown if args.format == "markdown" else stats.render_text
        out = render(tables, heading)
    print(out, end="" if out.endswith("\n") else "\n")
    return 0
