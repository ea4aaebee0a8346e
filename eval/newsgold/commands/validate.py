"""``newsgold validate``: check gold, kb.json and prediction files."""
from __future__ import annotations

import argparse

from newsgold.commands._options import add_gold_option

EPILOG = """\
kinds: kb.json -> registry; *.jsonl -> predictions (one JSON object per line);
other *.json -> gold annotation. A folder means its *.json files; no PATH means
the whole --gold corpus (either form; default: the bundled gold). A gold file's
text_file is relative to the folder holding its annotations/ folder; its slugs are
looked up in the kb.json beside it (else the corpus's). Predictions are checked
against the --gold corpus.
exit status: 0 clean, 1 invalid data, 2 unusable input (missing, not UTF-8, not JSON)."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = EPILOG
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="annotation (*.json), kb.json or predictions (*.jsonl) file, or a folder")
    add_gold_option(parser)


def run(args: argparse.Namespace) -> int:
    from newsgold.commands._options import open_gold
    from newsgold.validate import validate_corpus, validate_files

    corpus = open_gold(args)
    report = validate_files(args.paths, corpus) if args.paths else validate_corpus(corpus)
    for problem in report.problems:
        print(problem)
    print(report.summary)
    return report.exit_code
