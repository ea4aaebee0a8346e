"""``newsgold export``: the gold as CoNLL IOB2, brat standoff or Label Studio tasks."""
from __future__ import annotations

import argparse

from newsgold.commands._options import add_gold_option

FORMATS = ("conll", "brat", "label-studio")
EPILOG = """\
conll: <lang>.conll per segment language, token<TAB>IOB2 tag, one sentence per segment
       (the tokenizer of the entities task's token-level scores).
brat: <doc_id>.txt + <doc_id>.ann per document and annotation.conf (entities, timexes with
      a value note, events with arguments); edit in brat, bring back with `newsgold import`.
label-studio: tasks.json (the gold as pre-annotations) + labeling_config.xml; import the
      tasks into a project made with that config, export JSON, bring back with `newsgold import`."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = EPILOG
    parser.add_argument("--format", required=True, choices=FORMATS, help="output format")
    parser.add_argument("--out", required=True, metavar="DIR", help="folder to write into: new, empty, or holding only files of a previous "
                             "export in the same format (replaced); not a folder of the gold corpus")
    add_gold_option(parser)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from newsgold.commands._options import open_gold
    from newsgold.publish.exchange import check_export_folder, export

    corpus = open_gold(args)
    check_export_folder(corpus, args.format, Path(args.out))  # before any work: a bad --out costs nothing
    written = export(corpus, args.format, Path(args.out))
    for path in written:
        print(f"wrote: {path}")
    return 0
