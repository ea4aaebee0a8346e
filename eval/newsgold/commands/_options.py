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
