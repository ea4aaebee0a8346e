"""Bringing edited layers back into annotation files: merge onto the current gold, validate, write.

An annotation tool sees only some layers (entities, timexes, events). An import hands
its version of those layers to :func:`merge_layers`, which applies them to the
document's current annotation (the *base*):

* an item whose id is in the base keeps its place in the list and its key order; only
  the values the tool carries are replaced;
* an item with a new id is appended after the base items (importers give new items
  fresh ids with :class:`IdAllocator`, in text order);
* a base item the tool no longer has is removed;
* an event argument list keeps the base arguments that are still there, in base
  order, then the new ones in the tool's order;
* every other field of the file (segments, translations, source, review, ...) is the
  base's, untouched.

So an unchanged round trip gives the base back byte for byte, and a corrected span
changes that span only. :func:`write_documents` validates every document (the checks
of ``newsgold validate``) and checks every target before writing any, then writes them all
together (:func:`newsgold.jsonio.write_all`).
"""
from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any, Iterable, Mapping

from newsgold.errors import DataError
from newsgold.jsonio import dumps

TOOL_LAYERS: tuple[str, ...] = ("entities", "timexes", "events")
ID_PREFIX = {"entities": "T", "timexes": "X", "events": "E"}
_ID_NUMBER = re.compile(r"^[A-Z](\d+)$")


class IdAllocator:
    """Fresh ids (``T7``, ``X3``, ``E30``) above every id already used in a document."""

    def __init__(self, used: Iterable[str]):
        self._next: dict[str, int] = {}
        for ident in used:
            match = _ID_NUMBER.match(ident)
            if match:
                prefix = ident[0]
                self._next[prefix] = max(self._next.get(prefix, 1), int(match[1]) + 1)

    def new(self, prefix: str) -> str:
        number = self._next.get(prefix, 1)
        self._next[prefix] = number + 1
        return f"{prefix}{number}"


def base_ids(base: Mapping[str, Any]) -> list[str]:
    """Every id of the tool layers of an annotation."""
    return [item["id"] for layer in TOOL_LAYERS for item in base.get(layer, [])]


def _merge_item(old: Mapping[str, Any] | None, new: Mapping[str, Any], layer: str) -> dict[str, Any]:
    if old is None:
        return dict(new)
    merged = copy.deepcopy(dict(old))
    for key, value in new.items():
        if layer == "events" and key == "arguments":
            merged[key] = _merge_arguments(old.get("arguments", []), value)
        else:
            merged[key] = value
    return merged


def _merge_arguments(old: list[Mapping[str, str]], new: list[Mapping[str, str]]) -> list[dict[str, str]]:
    wanted = [(a["role"], a["ref"]) for a in new]
    kept = []
    for arg in old:
        pair = (arg["role"], arg["ref"])
        if pair in wanted:
            wanted.remove(pair)
            kept.append(dict(arg))
    return kept + [{"role": role, "ref": ref} for role, ref in wanted]


# Values every imported item must carry (the tool shows them as attributes a user can leave empty).
REQUIRED: dict[str, dict[str, str]] = {
    "entities": {"type": "an entity type"},
    "timexes": {"type": "a timex type", "value": "a TIMEX3 value"},
    "events": {"type": "an event type", "status": "a status"},
}


def _check_required(doc_id: Any, layer: str, items: list[dict[str, Any]]) -> None:
    for item in items:
        for key, what in REQUIRED[layer].items():
            if item.get(key) in (None, ""):
                text = item.get("text") or item.get("trigger", {}).get("text")
                raise DataError(f"{doc_id}: {layer} {item['id']} ({text!r}) has no {key}: give it {what} in the tool")


def merge_layers(base: Mapping[str, Any], layers: Mapping[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """The base annotation with ``layers`` (some of entities / timexes / events) applied (rules above)."""
    out = copy.deepcopy({k: v for k, v in base.items() if k != "text"})
    for layer, items in layers.items():
        if layer not in TOOL_LAYERS:
            raise ValueError(f"not a tool layer: {layer}")
        _check_required(base.get("doc_id"), layer, items)
        incoming = {item["id"]: item for item in items}
        if len(incoming) != len(items):
            raise DataError(f"{base.get('doc_id')}: {layer}: an id occurs twice in the imported annotation")
        old_items = base.get(layer, [])
        known = {item["id"] for item in old_items}
        merged = [_merge_item(old, incoming[old["id"]], layer) for old in old_items if old["id"] in incoming]
        merged += [_merge_item(None, item, layer) for item in items if item["id"] not in known]
        out[layer] = merged
    return out


def span(text: str, start: int, end: int, where: str, tool_text: str | None = None) -> dict[str, Any]:
    """``{start, end, text}`` with ``text`` the corpus slice; DataError when the offsets or the tool's text disagree."""
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        raise DataError(f"{where}: offsets [{start}, {end}) are not a non-empty range inside the text "
                        f"(0..{len(text)})")
    piece = text[start:end]
    if tool_text is not None and tool_text != piece:
        raise DataError(f"{where}: the tool's text {tool_text!r} differs from the corpus text at "
                        f"[{start}, {end}) {piece!r} (were the offsets counted in code points?)")
    return {"start": start, "end": end, "text": piece}


def check_documents(docs: Mapping[str, dict[str, Any]], corpus) -> None:
    """Validate imported annotations against the corpus texts and registry; DataError listing every problem."""
    from newsgold.validate import validate_document

    problems = []
    for doc_id, obj in docs.items():
        text = corpus.document(doc_id)["text"]
        where = Path("annotations") / f"{doc_id}.json"
        problems += validate_document(obj, where, text=text, kb=corpus.registry)
    if problems:
        shown = "\n".join(f"  {p}" for p in problems[:30])
        more = f"\n  ... and {len(problems) - 30} more" if len(problems) > 30 else ""
        raise DataError(f"the imported annotations do not validate; nothing written:\n{shown}{more}")


def write_documents(docs: Mapping[str, dict[str, Any]], out_dir: Path, corpus,
                    inputs: Iterable[Path] = ()) -> list[Path]:
    """Validate every document, check every target, then write ``<out_dir>/<doc_id>.json`` for all together.

    A target that is a folder, a device or FIFO, or one of ``inputs`` is a UsageError
    (exit 2) and nothing is written.
    """
    from newsgold.outputs import write_folder

    check_documents(docs, corpus)
    return write_folder("--out", Path(out_dir), {f"{d}.json": dumps(docs[d]) for d in sorted(docs)}, inputs)
