"""Command-line options shared by the commands that run and score systems (``eval``, ``bench``)."""
from __future__ import annotations

import argparse
import math

MAX_SEED = 2**63 - 1
MAX_TIMEOUT = 7 * 24 * 3600.0


def finite_number(low: float = 0.0, high: float = math.inf, *, strict_low: bool = False):
    """An argparse type: a finite float in [low, high] (``(low, high]`` with ``strict_low``); NaN and inf refused."""

    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
        if not math.isfinite(value):
            raise argparse.ArgumentTypeError(f"{text!r} is not a finite number")
        if value < low or (strict_low and value == low) or value > high:
            bound = f"more than {low:g}" if strict_low else f"at least {low:g}"
            raise argparse.ArgumentTypeError(f"{text!r} out of range: expected {bound}"
                                             + (f" and at most {high:g}" if high != math.inf else ""))
        return value

    parse.__name__ = "number"  # argparse names the type in its messages
    return parse


def bounded_int(low: int, high: int):
    """An argparse type: an integer in [low, high] (written as an integer, not ``1e3`` or ``nan``)."""

    def parse(text: str) -> int:
        try:
            value = int(text, 10)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not an integer") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{text!r} out of range: expected {low} to {high}")
        return value

    parse.__name__ = "integer"
    return parse


def add_scoring_options(parser: argparse.ArgumentParser, bootstrap_default: int) -> None:
    """``--bootstrap``, ``--seed`` and ``--timeout``, with the same meaning in every command."""
    from newsgold.limits import MAX_BOOTSTRAP

    parser.add_argument("--bootstrap", type=bounded_int(0, MAX_BOOTSTRAP), default=bootstrap_default, metavar="N",
                        help=f"bootstrap resamples for 95%% intervals (default {bootstrap_default}; 0: no intervals; "
                             f"at most {MAX_BOOTSTRAP})")
    parser.add_argument("--seed", type=bounded_int(0, MAX_SEED), default=12345, help="bootstrap seed (default 12345)")
    parser.add_argument("--timeout", type=finite_number(0.0, MAX_TIMEOUT, strict_low=True), default=60.0,
                        metavar="SECONDS", help="time allowed for each run of a --system or --command (default 60)")


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
