"""The individual checks behind ``newsgold validate``.

Each module checks one aspect and returns :class:`~newsgold.checks.problem.Finding`
records (code, JSON path, message, expected); :mod:`newsgold.validate` attaches the
file name and runs them. Checks are defensive: an object the schema already
rejected is skipped, never allowed to raise.
"""
