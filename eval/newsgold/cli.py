"""The ``newsgold`` command line: a thin router.

Each subcommand lives in ``newsgold.commands.<name>`` and exposes
``add_arguments(parser)`` and ``run(args) -> int``. Command modules import only
argparse at module level; heavy work is imported inside ``run`` so that
``newsgold --help`` stays instant.
"""
from __future__ import annotations

import argparse
import importlib
import sys

from newsgold import __version__
from newsgold.errors import NewsgoldError

# name -> one-line help. Order is the order shown in --help.
COMMANDS: dict[str, str] = {
    "validate": "check gold or prediction files against the schema and the corpus",
    "stats": "summary table of the data (documents, languages, segments, layers)",
    "build": "regenerate the Parquet files and the README dataset header",
    "audit": "cross-document consistency findings on the gold annotations",
    "eval": "score a system (predictions file, Python callable or command) against the gold",
    "gate": "compare a result with pinned floors (CI regression gate)",
    "bench": "run every baseline on every task and write the leaderboard",
    "systems": "list the available baseline systems",
    "view": "static HTML viewer of the gold (and of a system's errors, with --predictions)",
    "export": "write the gold as CoNLL IOB2, brat standoff or Label Studio tasks",
    "import": "annotation files back from a Label Studio export or a brat folder (validated first)",
    "convert": "write a corpus in the other on-disk form (folder <-> JSON Lines), losslessly",
}
# Command names that are not valid module names.
MODULE_NAMES: dict[str, str] = {"import": "import_"}


def _command_module(name: str):
    return importlib.import_module(f"newsgold.commands.{MODULE_NAMES.get(name, name)}")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsgold", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"newsgold {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, help_text in COMMANDS.items():
        try:
            module = _command_module(name)
        except ModuleNotFoundError:
            continue  # command not built yet
        sp = sub.add_parser(name, help=help_text, description=help_text)
        module.add_arguments(sp)
        sp.set_defaults(_module=module)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: --help/--version (0) or a bad option (2, message printed)
        return exc.code if isinstance(exc.code, int) else 2
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    try:
        return int(args._module.run(args) or 0)
    except NewsgoldError as exc:
        print(f"newsgold {args.command}: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
