"""Command-line options shared by the commands that run and score systems (``eval``, ``bench``)."""
from __future__ import annotations

import argparse


def add_scoring_options(parser: argparse.ArgumentParser, bootstrap_default: int) -> None:
    """``--bootstrap``, ``--seed`` and ``--timeout``, with the same meaning in every command."""
    parser.add_argument("--bootstrap", type=int, default=bootstrap_default, metavar="N",
                        help=f"bootstrap resamples for 95%% intervals (default {bootstrap_default}; 0: no intervals)")
    parser.add_argument("--seed", type=int, default=12345, help="bootstrap seed (default 12345)")
    parser.add_argument("--timeout", type=float, default=60.0, metavar="SECONDS",
                        help="time allowed for each run of a --command (default 60)")


GOLD_HELP = ("gold corpus: a folder (corpus/ + annotations/ + annotations/kb.json), a folder of *.jsonl "
             "shards with kb.json, one .jsonl file, or a quoted glob of shards (default: the bundled newsgold gold); "
             "repeat --gold to give several .jsonl shards")


class _GoldAction(argparse.Action):
    """The first ``--gold`` goes to ``args.gold``; further ones (more shards) to ``args.gold_more``."""

    def __call__(self, parser, namespace, values, option_string=None):  # type: ignore[no-untyped-def]
        if getattr(namespace, "gold", None) is None:
            namespace.gold = values
        else:
            namespace.gold_more = [*getattr(namespace, "gold_more", []), values]


def add_gold_option(parser: argparse.ArgumentParser) -> None:
    """``--gold PATH`` (repeatable for shards) and ``--registry FILE``: which corpus a command works on."""
    parser.add_argument("--gold", metavar="PATH", default=None, action=_GoldAction, help=GOLD_HELP)
    parser.set_defaults(gold_more=[])
    parser.add_argument("--registry", metavar="KB.json", default=None,
                        help="registry of a JSON Lines corpus (default: kb.json beside the shards)")


def open_gold(args: argparse.Namespace):
    """The :class:`newsgold.corpus.Corpus` named by ``--gold`` / ``--registry``."""
    from newsgold.corpus import open_corpus

    gold, more = getattr(args, "gold", None), getattr(args, "gold_more", [])
    return open_corpus([gold, *more] if more else gold, getattr(args, "registry", None))
