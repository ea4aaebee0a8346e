"""Hypothesis profiles: a quick default for everyday runs, ``ci`` (>= 1000 examples) for `.ci/run`.

Choose with ``HYPOTHESIS_PROFILE=ci python -m pytest <the files using hypothesis>`` (`.ci/run` lists them). No example
database is written (the checkout stays clean); a failure prints its reproducing example.
"""
from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_COMMON = {"deadline": None, "database": None, "suppress_health_check": [HealthCheck.too_slow]}
settings.register_profile("default", max_examples=30, **_COMMON)
settings.register_profile("ci", max_examples=1000, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
