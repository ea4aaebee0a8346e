"""Baseline systems: simple, offline, deterministic reference points for every task.

Each baseline is a module ``newsgold.baselines.<name>`` declaring ``NAME``, ``TASKS``
(the harness tasks it answers), a one-line ``DESCRIPTION``, ``LIBRARIES`` (the
distributions it uses), ``NOTE`` (what a reader must know to read its numbers, or
``""``), ``settings()`` (library versions and the settings that decide its output,
recorded with the leaderboard), optionally ``LAYERS`` (the prediction layers it
produces, when fewer than its tasks read: the leaderboard then shows the measures
of the other layers as "not attempted") and
``predict(inputs) -> list[dict]``, usable as a harness callable::

    newsgold eval --system newsgold.baselines.lid_lingua:predict --tasks lid

Modules import their library inside ``predict``/``settings`` only, so this registry
and ``newsgold systems`` stay instant. Libraries: the ``baselines`` extra of the
project (``pip install -e ".[baselines]"``).

No baseline reads the gold, the registry (``annotations/kb.json``) or anything
besides its input (``{doc_id, text, published, tasks}``, plus ``segments`` in the
translation run).
"""
from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

BASELINES: tuple[str, ...] = (
    "lid_lingua",
    "lid_py3langid",
    "lid_langid",
    "lid_pycld2",
    "lid_cld3",
    "lid_fasttext",
    "zones_justext",
    "zones_trafilatura",
    "zones_readability",
    "zones_boilerpy3",
    "zones_goose3",
    "zones_newspaper4k",
    "zones_resiliparse",
    "zones_all_body",
    "entities_gazetteer",
    "timex_dateparser",
    "translation_copy",
)
"""Baseline module names, in leaderboard order."""

NO_BASELINE: dict[str, str] = {
    "events": "no honest off-the-shelf baseline: PLOVER event extraction with arguments, status and "
              "cross-document instances needs a trained model; none is bundled, nothing is invented",
}
"""Tasks without a baseline, and why (shown in the leaderboard)."""


def module_name(name: str) -> str:
    return f"{__name__}.{name}"


def ref(name: str) -> str:
    """The harness callable reference ``newsgold.baselines.<name>:predict``."""
    return f"{module_name(name)}:predict"


def load(name: str) -> ModuleType:
    """Import one baseline module (cheap: its library is imported only when it runs)."""
    if name not in BASELINES:
        from newsgold.errors import UsageError

        raise UsageError(f"unknown baseline {name!r}; known: {', '.join(BASELINES)}")
    return importlib.import_module(module_name(name))


def layers(name: str) -> tuple[str, ...]:
    """The layers a baseline declares it produces (``LAYERS``); empty when it does not declare them."""
    return tuple(getattr(load(name), "LAYERS", ()))


def describe(name: str) -> dict[str, Any]:
    """``{name, tasks, description, note, ref}`` of one baseline."""
    module = load(name)
    return {"name": module.NAME, "tasks": list(module.TASKS), "description": module.DESCRIPTION, "note": module.NOTE,
            "ref": ref(name)}
