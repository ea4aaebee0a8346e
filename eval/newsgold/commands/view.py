"""``newsgold view``: a static HTML viewer of the gold, and of a system's errors."""
from __future__ import annotations

import argparse

from newsgold.commands._options import add_gold_option


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", required=True, metavar="DIR",
                        help="folder to write the pages into: new, empty, or holding only *.html pages (a previous "
                             "run; pages of the same name are replaced); not a folder of the gold corpus")
    parser.add_argument("--predictions", metavar="FILE", default=None,
                        help="a predictions file (JSON Lines, checked like `newsgold eval` does): "
                             "adds errors.html and one error page per document")
    add_gold_option(parser)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from newsgold.commands._options import open_gold
    from newsgold.publish.viewer import check_site_folder, write_site

    corpus = open_gold(args)
    check_site_folder(corpus, Path(args.out))  # before any work: a bad --out costs nothing
    predictions = None
    if args.predictions:
        from newsgold.predictions import read_predictions

        checked = read_predictions(Path(args.predictions), corpus.golds())
        for warning in checked.warnings:
            print(f"warning: {warning}")
        predictions = checked.by_doc
    written = write_site(corpus, Path(args.out), predictions, Path(args.predictions).name if args.predictions else "")
    print(f"wrote {len(written)} pages: {Path(args.out) / 'index.html'}")
    return 0
