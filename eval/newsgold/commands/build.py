"""``newsgold build``: refresh the mentions' derived ``wikidata``, regenerate the Parquet files and the README."""
from __future__ import annotations

import argparse
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; list the stale files and exit 1 if any",
    )
    parser.add_argument(
        "--gold", "--root",
        dest="gold",
        type=Path,
        default=None,
        help="dataset folder in the folder form, holding corpus/, annotations/ and README.md "
             "(default: the checkout)",
    )


def run(args: argparse.Namespace) -> int:
    from newsgold import paths
    from newsgold.errors import UsageError
    from newsgold.hf import build
    from newsgold.kbsync import sync

    root = args.gold if args.gold is not None else paths.repo_root()
    if root is None:
        raise UsageError("no checkout found: pass --gold DIR (an installed wheel's data is read-only)")
    if not (Path(root) / "annotations").is_dir():
        raise UsageError(f"--gold {root}: build works on the folder form (corpus/ + annotations/); "
                         f"convert a JSON Lines corpus first with `newsgold convert`")
    stale = [*sync(root, check=args.check), *(t.path for t in build(root, check=args.check))]
    for path in stale:
        name = path.relative_to(root) if path.is_relative_to(root) else path
        print(f"{'stale' if args.check else 'wrote'}: {name}")
    if args.check and stale:
        print(f"{len(stale)} generated file(s) out of date: run `newsgold build`")
        return 1
    if not stale:
        print("up to date")
    return 0
