"""``newsgold convert``: write a corpus in the other on-disk form (folder <-> JSON Lines)."""
from __future__ import annotations

import argparse

from newsgold.commands._options import add_gold_option

EPILOG = """\
forms: folder = corpus/<doc_id>.txt + annotations/<doc_id>.json + annotations/kb.json;
jsonl = part-00000.jsonl, ... (one document per line: the annotation object with
"text" appended) + kb.json. Lossless both ways: folder -> jsonl -> folder gives the
same bytes for files in the form newsgold writes. DEST must be new or empty; the
corpus is written to a temporary folder beside it and renamed into place.
exit status: 0 written, 1 a document cannot be converted, 2 unusable input or DEST not empty."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = EPILOG
    add_gold_option(parser)
    parser.add_argument("--to", required=True, choices=("folder", "jsonl"), help="the form to write")
    parser.add_argument("--out", required=True, metavar="DEST", help="a new (or empty) folder to write to")
    parser.add_argument("--shard-size", type=int, default=None, metavar="N",
                        help="with --to jsonl: documents per shard (default: one shard)")


def run(args: argparse.Namespace) -> int:
    from newsgold.commands._options import open_gold
    from newsgold.corpus.convert import convert

    corpus = open_gold(args)
    written = convert(corpus, args.to, args.out, args.shard_size)
    print(f"wrote {len(written)} files to {args.out} ({args.to} form) from {corpus.location}")
    return 0
