"""``newsgold import``: annotation files back from a Label Studio export or a brat folder."""
from __future__ import annotations

import argparse

from newsgold.commands._options import add_gold_option

FORMATS = ("label-studio", "brat")
EPILOG = """\
The tool's entities, timexes and events replace those of the corpus's current annotation
files; everything else in the files is kept. Items keep their ids, place and key order;
new items get fresh ids. Every rebuilt file is validated first: on any problem nothing
is written (exit 1). --out is checked before anything is read (exit 2 if unusable);
the files are written together at the end.
label-studio: SOURCE is Label Studio's JSON export (a list of tasks); per task the latest
      annotation not cancelled is used, else the pre-annotation.
brat: SOURCE is the folder of <doc_id>.ann (+ .txt) files."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = EPILOG
    parser.add_argument("source", metavar="SOURCE", help="Label Studio JSON export file, or brat folder")
    parser.add_argument("--format", required=True, choices=FORMATS, help="input format")
    parser.add_argument("--out", metavar="DIR", default=None,
                        help="folder for the annotation files (default: the corpus's annotations/ folder); "
                             "a folder or a new path; <doc_id>.json files in it are replaced")
    add_gold_option(parser)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from newsgold.commands._options import open_gold
    from newsgold.publish.exchange import import_

    written = import_(open_gold(args), args.format, Path(args.source), Path(args.out) if args.out else None)
    for path in written:
        print(f"wrote: {path}")
    return 0
