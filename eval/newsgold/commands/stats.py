"""``newsgold stats``: summary tables of the data (documents, languages, segments, layers)."""
from __future__ import annotations

import argparse

from newsgold.commands._options import add_gold_option

FORMATS = ("text", "markdown", "json")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    add_gold_option(parser)


def run(args: argparse.Namespace) -> int:
    from newsgold import stats
    from newsgold.commands._options import open_gold
    from newsgold.corpus.base import short

    corpus = open_gold(args)
    docs = corpus.load()
    fingerprint = corpus.fingerprint
    tables = stats.tables(docs)
    if args.format == "json":
        out = stats.render_json(tables, {"fingerprint": fingerprint, "documents": len(docs)})
    else:
        heading = f"newsgold gold {short(fingerprint)}: {len(docs)} documents"
        render = stats.render_markdown if args.format == "markdown" else stats.render_text
        out = render(tables, heading)
    print(out, end="" if out.endswith("\n") else "\n")
    return 0
