"""brat standoff: ``<doc_id>.txt`` + ``<doc_id>.ann`` per document, and ``annotation.conf``.

Export (:func:`ann_lines`), brat's format (offsets in code points, end-exclusive):

* entity ``T<n>`` -> ``T<n>\\t<TYPE> <start> <end>\\t<text>`` (same id); its subtype
  an attribute ``A<k>\\tSubtype T<n> <subtype>``; its registry slug a normalisation
  ``N<k>\\tReference T<n> newsgold:<slug>\\t<slug>``;
* timex ``X<n>`` -> a text-bound annotation of type ``DATE``/``TIME``/``DURATION``/``SET``
  with a number above every entity's, and a note ``#<k>\\tAnnotatorNotes T<m>\\tid=X<n> value=<TIMEX3>``;
* event ``E<n>`` -> a trigger ``T<m>`` of the event type and
  ``E<n>\\t<TYPE>:T<m> <role>:<arg> <role>2:<arg> ...`` (brat numbers a repeated role);
  arguments point to entity, timex or event ids; ``A<k>\\tStatus E<n> <status>``,
  ``A<k>\\tMode E<n> <mode>`` (when set), and a note ``date=<value> instance=<slug>``
  (fields present only when set).

Import (:func:`read_ann`): the same lines back. Text-bound annotations are told apart
by type; an entity keeps its ``T`` id when the gold has it, a timex the ``id=`` of its
note; anything else gets a fresh id. Segments, translations and the rest of the file
come from the corpus (:mod:`newsgold.publish.merge`).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Mapping

from newsgold.errors import DataError
from newsgold.publish import vocabulary
from newsgold.publish.merge import ID_PREFIX, IdAllocator, base_ids, merge_layers, span

REFERENCE_DB = "newsgold"
_ROLE_NUMBER = re.compile(r"^(.*?)(\d*)$")


def _brat_number(ident: str) -> int:
    return int(ident[1:])


def ann_lines(doc: Mapping[str, Any]) -> list[str]:
    """The ``.ann`` lines of one document dict."""
    lines: list[str] = []
    counters = {"A": 0, "N": 0, "#": 0}

    def next_id(kind: str) -> str:
        counters[kind] += 1
        return f"{kind}{counters[kind]}"

    entities, timexes, events = doc.get("entities", []), doc.get("timexes", []), doc.get("events", [])
    top = max((_brat_number(e["id"]) for e in entities), default=0)
    brat_id: dict[str, str] = {e["id"]: e["id"] for e in entities}
    for e in entities:
        lines.append(f"{e['id']}\t{e['type']} {e['start']} {e['end']}\t{e['text']}")
        if e.get("subtype"):
            lines.append(f"{next_id('A')}\tSubtype {e['id']} {e['subtype']}")
        if e.get("entity"):
            lines.append(f"{next_id('N')}\tReference {e['id']} {REFERENCE_DB}:{e['entity']}\t{e['entity']}")
    for t in timexes:
        top += 1
        brat_id[t["id"]] = f"T{top}"
        lines.append(f"T{top}\t{t['type']} {t['start']} {t['end']}\t{t['text']}")
        lines.append(f"{next_id('#')}\tAnnotatorNotes T{top}\tid={t['id']} value={t['value']}")
    for ev in events:
        brat_id[ev["id"]] = ev["id"]
    for ev in events:
        top += 1
        trig = ev["trigger"]
        lines.append(f"T{top}\t{ev['type']} {trig['start']} {trig['end']}\t{trig['text']}")
        seen: dict[str, int] = {}
        args = []
        for a in ev.get("arguments", []):
            seen[a["role"]] = seen.get(a["role"], 0) + 1
            suffix = "" if seen[a["role"]] == 1 else str(seen[a["role"]])
            args.append(f"{a['role']}{suffix}:{brat_id.get(a['ref'], a['ref'])}")
        lines.append(f"{ev['id']}\t{ev['type']}:T{top}" + "".join(f" {a}" for a in args))
        lines.append(f"{next_id('A')}\tStatus {ev['id']} {ev['status']}")
        if ev.get("mode"):
            lines.append(f"{next_id('A')}\tMode {ev['id']} {ev['mode']}")
        note = " ".join(f"{k}={ev[k]}" for k in ("date", "instance") if ev.get(k))
        if note:
            lines.append(f"{next_id('#')}\tAnnotatorNotes {ev['id']}\t{note}")
    return lines


def annotation_conf(modes: list[str]) -> str:
    """brat's ``annotation.conf`` for the exported collection (``modes``: the event modes in use)."""
    ents = [*vocabulary.enum("entity_type"), *vocabulary.enum("timex_type")]
    events = vocabulary.enum("event_type")
    arg_types = "|".join([*ents, *events])
    roles = ", ".join(f"{r}*:{arg_types}" for r in vocabulary.enum("role"))
    return "\n".join([
        "[entities]", *ents, "", "[relations]", "<OVERLAP>\tArg1:<ANY>, Arg2:<ANY>, <OVL-TYPE>:<ANY>", "",
        "[events]", *(f"{t}\t{roles}" for t in events), "",
        "[attributes]",
        "Subtype\tArg:" + "|".join(vocabulary.enum("entity_type"))
        + ", Value:" + "|".join(vocabulary.enum("entity_subtype")),
        "Status\tArg:<EVENT>, Value:" + "|".join(vocabulary.enum("status")),
        f"Mode\tArg:<EVENT>, Value:{'|'.join(modes) or 'none'}",
        "",
    ])


def document_files(doc: Mapping[str, Any]) -> dict[str, str]:
    """``<doc_id>.txt`` (the text, byte for byte) and ``<doc_id>.ann``: file name -> content."""
    ann = "".join(line + "\n" for line in ann_lines(doc))
    return {f"{doc['doc_id']}.txt": doc["text"], f"{doc['doc_id']}.ann": ann}


# --- import --------------------------------------------------------------------


class _AnnReader:
    """Parses one ``.ann`` file into the entities / timexes / events layers of its document."""

    def __init__(self, base: Mapping[str, Any], text: str, where: str):
        self.base, self.text, self.where = base, text, where
        self.bounds: dict[str, dict[str, Any]] = {}
        self.events: dict[str, dict[str, Any]] = {}
        self.attrs: dict[str, dict[str, str]] = {}
        self.notes: dict[str, dict[str, str]] = {}
        self.refs: dict[str, str] = {}

    def read(self, content: str) -> dict[str, list[dict[str, Any]]]:
        for lineno, line in enumerate(content.splitlines(), start=1):
            if line.strip():
                self._line(line, f"{self.where}:{lineno}")
        return self._layers()

    def _line(self, line: str, where: str) -> None:
        fields = line.split("\t")
        ident, body = fields[0], fields[1] if len(fields) > 1 else ""
        head = body.split(" ")
        try:
            if ident.startswith("T"):
                kind, start, end = head[0], int(head[1]), int(head[2])
                tool_text = fields[2] if len(fields) > 2 else None
                self.bounds[ident] = {"kind": kind, **span(self.text, start, end, where, tool_text), "where": where}
            elif ident.startswith("E"):
                kind, trigger = head[0].split(":")
                args = [tuple(a.split(":", 1)) for a in head[1:] if a]
                self.events[ident] = {"kind": kind, "trigger": trigger, "args": args, "where": where}
            elif ident.startswith("A"):
                self.attrs.setdefault(head[1], {})[head[0]] = head[2]
            elif ident.startswith("N"):
                db, _, slug = head[2].partition(":")
                if db == REFERENCE_DB:
                    self.refs[head[1]] = slug
            elif ident.startswith("#"):
                pairs = dict(p.split("=", 1) for p in (fields[2] if len(fields) > 2 else "").split() if "=" in p)
                self.notes[head[1]] = pairs
            else:
                raise DataError(f"{where}: annotation kind {ident[:1]!r} is not one newsgold exports (T, E, A, N, #)")
        except (IndexError, ValueError):
            raise DataError(f"{where}: not a brat standoff line of the kind newsgold exports: {line!r}") from None

    def _layers(self) -> dict[str, list[dict[str, Any]]]:
        entity_types, timex_types = set(vocabulary.enum("entity_type")), set(vocabulary.enum("timex_type"))
        triggers = {ev["trigger"] for ev in self.events.values()}
        known = {layer: {i["id"] for i in self.base.get(layer, [])} for layer in ID_PREFIX}
        allocator = IdAllocator([*base_ids(self.base), *self.bounds, *self.events])
        ids: dict[str, str] = {}
        entities, timexes = [], []
        for bid, b in sorted(self.bounds.items(), key=lambda kv: (kv[1]["start"], kv[0])):
            place = {k: b[k] for k in ("start", "end", "text")}
            if b["kind"] in entity_types:
                ids[bid] = bid if bid in known["entities"] else allocator.new("T")
                entities.append({"id": ids[bid], **place, "type": b["kind"],
                                 "subtype": self.attrs.get(bid, {}).get("Subtype"), "entity": self.refs.get(bid)})
            elif b["kind"] in timex_types:
                note = self.notes.get(bid, {})
                ids[bid] = note["id"] if note.get("id") in known["timexes"] else allocator.new("X")
                timexes.append({"id": ids[bid], **place, "type": b["kind"], "value": note.get("value")})
            elif bid not in triggers:
                raise DataError(f"{b['where']}: type {b['kind']!r} is neither an entity, a timex nor an event trigger")
        for eid in self.events:
            ids[eid] = eid if eid in known["events"] else allocator.new("E")
        for ev in self.events.values():
            if ev["trigger"] not in self.bounds:
                raise DataError(f"{ev['where']}: trigger {ev['trigger']!r} is not a text-bound annotation")
        ordered = sorted(self.events.items(), key=lambda kv: (self.bounds[kv[1]["trigger"]]["start"], kv[0]))
        events = [self._event(eid, ev, ids) for eid, ev in ordered]
        return {"entities": entities, "timexes": timexes, "events": events}

    def _event(self, eid: str, ev: Mapping[str, Any], ids: Mapping[str, str]) -> dict[str, Any]:
        trig = self.bounds[ev["trigger"]]
        args = []
        for role, ref in ev["args"]:
            if ref not in ids:
                raise DataError(f"{ev['where']}: argument {role}:{ref} names no entity, timex or event")
            args.append({"role": _ROLE_NUMBER.match(role)[1], "ref": ids[ref]})
        attrs, note = self.attrs.get(eid, {}), self.notes.get(eid, {})
        return {"id": ids[eid], "type": ev["kind"], "mode": attrs.get("Mode"),
                "trigger": {k: trig[k] for k in ("start", "end", "text")}, "arguments": args,
                "status": attrs.get("Status"), "date": note.get("date"), "instance": note.get("instance")}


def import_folder(folder: Path, corpus) -> dict[str, dict[str, Any]]:
    """Annotation objects (doc_id -> dict) rebuilt from the ``<doc_id>.ann`` files of a brat folder."""
    from newsgold.errors import UsageError
    from newsgold.jsonio import read_text

    folder = Path(folder)
    anns = sorted(folder.glob("*.ann"))
    if not anns:
        raise UsageError(f"{folder}: no *.ann files (a brat collection exported by newsgold)")
    known = set(corpus.doc_ids())
    out = {}
    for ann in anns:
        doc_id = ann.stem
        if doc_id not in known:
            raise DataError(f"{ann}: {doc_id} is not a document of the corpus {corpus.location}")
        base = corpus.document(doc_id)
        txt = ann.with_suffix(".txt")
        if txt.is_file() and read_text(txt) != base["text"]:
            raise DataError(f"{txt}: differs from the corpus text of {doc_id}")
        layers = _AnnReader(base, base["text"], str(ann)).read(read_text(ann))
        out[doc_id] = merge_layers(base, layers)
    return out
