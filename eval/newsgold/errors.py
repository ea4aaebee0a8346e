"""Exception types that the CLI turns into clean messages and exit codes."""
from __future__ import annotations


class NewsgoldError(Exception):
    """Base class: a problem reported to the user without a traceback."""

    exit_code = 1


class DataError(NewsgoldError):
    """The input was read but is invalid (exit code 1)."""

    exit_code = 1


class UsageError(NewsgoldError):
    """The input cannot be used at all: missing file, not JSON, not UTF-8, bad option (exit code 2)."""

    exit_code = 2
