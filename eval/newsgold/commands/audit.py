"""``newsgold audit``: cross-document consistency findings on the gold."""
from __future__ import annotations

import argparse

from newsgold.commands._options import add_gold_option


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--all", action="store_true", help="also list the findings that the data explains")
    parser.add_argument("--check", action="append", metavar="NAME",
                        help="only this check (repeatable), e.g. unannotated-string")
    add_gold_option(parser)


def run(args: argparse.Namespace) -> int:
    from newsgold.audit import audit
    from newsgold.commands._options import open_gold

    corpus = open_gold(args)
    findings = audit(corpus.load(), corpus.kb())
    if args.check:
        findings = [f for f in findings if f.check in args.check]
    open_ = [f for f in findings if not f.explained]
    for f in findings if args.all else open_:
        print(f.line())
    print(f"{len(findings)} findings: {len(findings) - len(open_)} explained in the data, {len(open_)} unexplained")
    return 1 if open_ else 0
