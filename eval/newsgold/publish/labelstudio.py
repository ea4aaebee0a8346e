"""Label Studio: tasks with pre-annotations and a labelling config out, an export back in.

Export (:func:`export_tasks`, :func:`labeling_config`): one task per document,
``data`` = ``{"text", "doc_id", "language", "text_sha256"}``, and the gold as one
*prediction* (``predictions[0].result``) in Label Studio's JSON result format:

* a region per entity (``from_name`` ``entity``, ``type`` ``labels``), timex
  (``timex``) and event trigger (``event``); the region ``id`` is the newsgold id
  (``T1``, ``X1``, ``E1``); ``value`` holds ``start``, ``end`` (code points, as Label
  Studio stores them since 1.4), ``text`` and ``labels``;
* per-region attributes of a region (same ``id``): ``subtype`` and ``status``
  (``choices``), ``kb`` (the registry slug), ``value`` (the TIMEX3 value), ``mode``,
  ``date`` and ``instance`` (``textarea``, ``value.text`` a one-item list); a null
  attribute has no result;
* event arguments as relations (``type`` ``relation``, ``from_id`` the event,
  ``to_id`` the argument, ``labels`` ``[role]``).

Import (:func:`import_export`): a Label Studio JSON export (a list of tasks). Per
task, the annotation used is the last one not cancelled (by ``updated_at``, then
position); a task without one gives its first prediction (the pre-annotation, i.e. no
change). Regions whose ``id`` is a newsgold id of the document keep it; others get
fresh ids in text order. Offsets must match the corpus text (``value.text`` is
compared with the slice). Segments, translations and the rest of the file come from
the corpus (:mod:`newsgold.publish.merge`).
"""
from __future__ import annotations

from typing import Any, Iterable, Mapping
from xml.sax.saxutils import quoteattr

from newsgold.errors import DataError, UsageError
from newsgold.publish import vocabulary
from newsgold.publish.merge import ID_PREFIX, IdAllocator, base_ids, merge_layers, span

TO_NAME = "text"
REGION_CONTROLS = {"entity": "entities", "timex": "timexes", "event": "events"}
# per-region attribute -> (control type, layer it belongs to, annotation key)
ATTRIBUTES: dict[str, tuple[str, str, str]] = {
    "subtype": ("choices", "entities", "subtype"),
    "kb": ("textarea", "entities", "entity"),
    "value": ("textarea", "timexes", "value"),
    "status": ("choices", "events", "status"),
    "mode": ("textarea", "events", "mode"),
    "date": ("textarea", "events", "date"),
    "instance": ("textarea", "events", "instance"),
}
MODEL_VERSION = "newsgold-gold"


# --- export --------------------------------------------------------------------


def labeling_config() -> str:
    """The Label Studio labelling config (XML) the tasks are made for.

    The per-region attributes of a region show when it is selected, grouped by the kind
    of label it has (``View visibleWhen="region-selected" whenLabelValue=...``).
    """
    def labels(name: str, values: Iterable[str]) -> str:
        inner = "".join(f'\n    <Label value={quoteattr(v)}/>' for v in values)
        return f'  <Labels name="{name}" toName="{TO_NAME}">{inner}\n  </Labels>'

    def choices(name: str, values: Iterable[str]) -> str:
        inner = "".join(f'\n      <Choice value={quoteattr(v)}/>' for v in values)
        return (f'    <Choices name="{name}" toName="{TO_NAME}" perRegion="true" showInline="true">{inner}'
                f'\n    </Choices>')

    def textarea(name: str, hint: str) -> str:
        return (f'    <TextArea name="{name}" toName="{TO_NAME}" perRegion="true" maxSubmissions="1" '
                f'editable="true" placeholder={quoteattr(hint)}/>')

    def when(values: Iterable[str], *controls: str) -> str:
        return (f'  <View visibleWhen="region-selected" whenLabelValue={quoteattr(",".join(values))}>\n'
                + "\n".join(controls) + "\n  </View>")

    relations = "".join(f'\n    <Relation value={quoteattr(r)}/>' for r in vocabulary.enum("role"))
    return "\n".join([
        "<View>",
        "  <Style>.htx-text { white-space: pre-wrap; }</Style>",
        labels("entity", vocabulary.enum("entity_type")),
        labels("timex", vocabulary.enum("timex_type")),
        labels("event", vocabulary.enum("event_type")),
        f'  <Text name="{TO_NAME}" value="$text" granularity="symbol"/>',
        f"  <Relations>{relations}\n  </Relations>",
        when(vocabulary.enum("entity_type"), choices("subtype", vocabulary.enum("entity_subtype")),
             textarea("kb", "registry slug (empty: no entry)")),
        when(vocabulary.enum("timex_type"), textarea("value", "TIMEX3 value")),
        when(vocabulary.enum("event_type"), choices("status", vocabulary.enum("status")),
             textarea("mode", "PLOVER mode (empty: none)"),
             textarea("date", "TIMEX3 date of the event (empty: unknown)"),
             textarea("instance", "kb.json event slug (empty: none)")),
        "</View>",
        "",
    ])


def _region(ident: str, control: str, where: Mapping[str, Any], label: str) -> dict[str, Any]:
    value = {"start": where["start"], "end": where["end"], "text": where["text"], "labels": [label]}
    return {"id": ident, "from_name": control, "to_name": TO_NAME, "type": "labels", "value": value}


def _attribute(ident: str, name: str, where: Mapping[str, Any], value: Any) -> dict[str, Any]:
    kind = ATTRIBUTES[name][0]
    key = "choices" if kind == "choices" else "text"
    return {"id": ident, "from_name": name, "to_name": TO_NAME, "type": kind,
            "value": {"start": where["start"], "end": where["end"], key: [value]}}


def _attributes(ident: str, layer: str, item: Mapping[str, Any], where: Mapping[str, Any]) -> list[dict[str, Any]]:
    return [_attribute(ident, name, where, item[key])
            for name, (_, owner, key) in ATTRIBUTES.items() if owner == layer and item.get(key) is not None]


def task_results(doc: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The Label Studio results (regions, attributes, relations) of one document's gold."""
    results: list[dict[str, Any]] = []
    for e in doc.get("entities", []):
        results += [_region(e["id"], "entity", e, e["type"]), *_attributes(e["id"], "entities", e, e)]
    for t in doc.get("timexes", []):
        results += [_region(t["id"], "timex", t, t["type"]), *_attributes(t["id"], "timexes", t, t)]
    for ev in doc.get("events", []):
        trig = ev["trigger"]
        results += [_region(ev["id"], "event", trig, ev["type"]), *_attributes(ev["id"], "events", ev, trig)]
    for ev in doc.get("events", []):
        results += [{"type": "relation", "from_id": ev["id"], "to_id": a["ref"], "direction": "right",
                     "labels": [a["role"]]} for a in ev.get("arguments", [])]
    return results


def task(doc: Mapping[str, Any], fingerprint: str = "") -> dict[str, Any]:
    """One Label Studio task (data + the gold as a prediction) for a document dict (with ``text``)."""
    return {
        "data": {"text": doc["text"], "doc_id": doc["doc_id"], "language": doc.get("language"),
                 "text_sha256": doc.get("text_sha256")},
        "predictions": [{"model_version": f"{MODEL_VERSION} {fingerprint[:12]}".strip(),
                         "result": task_results(doc)}],
    }


def export_tasks(documents: Iterable[Mapping[str, Any]], fingerprint: str = "") -> list[dict[str, Any]]:
    """The task list (Label Studio's import format) for documents."""
    return [task(d, fingerprint) for d in documents]


# --- import --------------------------------------------------------------------


def _chosen_result(t: Mapping[str, Any], where: str) -> list[dict[str, Any]]:
    annotations = [a for a in t.get("annotations") or [] if isinstance(a, dict) and not a.get("was_cancelled")]
    if annotations:
        def when(i: int) -> tuple[str, int]:
            return str(annotations[i].get("updated_at") or annotations[i].get("created_at") or ""), i

        result = annotations[max(range(len(annotations)), key=when)].get("result")
    elif t.get("predictions"):
        result = t["predictions"][0].get("result") if isinstance(t["predictions"][0], dict) else None
    else:
        raise DataError(f"{where}: the task has neither an annotation nor a prediction")
    if not isinstance(result, list):
        raise DataError(f"{where}: 'result' is not a list")
    return result


def _single(value: Mapping[str, Any], key: str, where: str) -> Any:
    items = value.get(key)
    if not isinstance(items, list) or len(items) != 1:
        raise DataError(f"{where}: expected exactly one value in {key!r}, found {items!r}")
    return items[0]


def _nullable(text: Any) -> Any:
    return None if isinstance(text, str) and not text.strip() else (text.strip() if isinstance(text, str) else text)


class _TaskReader:
    """Turns one task's results into the entities / timexes / events layers of its document."""

    def __init__(self, base: Mapping[str, Any], text: str, where: str):
        self.base, self.text, self.where = base, text, where
        self.regions: dict[str, tuple[str, dict[str, Any]]] = {}  # LS id -> (layer, item)
        self.attributes: dict[str, dict[str, Any]] = {}
        self.relations: list[Mapping[str, Any]] = []

    def read(self, results: list[Any]) -> dict[str, list[dict[str, Any]]]:
        for i, r in enumerate(results):
            self._read_one(r, f"{self.where}: result[{i}]")
        ids = self._assign_ids()
        layers: dict[str, list[dict[str, Any]]] = {layer: [] for layer in REGION_CONTROLS.values()}
        for ls_id, (layer, item) in sorted(self.regions.items(), key=lambda kv: (kv[1][1]["_start"], kv[0])):
            layers[layer].append(self._finish(ids[ls_id], layer, item, self.attributes.get(ls_id, {})))
        self._attach_arguments(layers, ids)
        return layers

    def _read_one(self, r: Any, where: str) -> None:
        if not isinstance(r, dict):
            raise DataError(f"{where}: not a JSON object")
        if r.get("type") == "relation":
            self.relations.append({**r, "_where": where})
            return
        name, value, ident = r.get("from_name"), r.get("value"), r.get("id")
        if not isinstance(value, dict) or not isinstance(ident, str):
            raise DataError(f"{where}: a region result needs an 'id' and a 'value' object")
        if name in REGION_CONTROLS:
            label = _single(value, "labels", where)
            place = span(self.text, value.get("start"), value.get("end"), where, value.get("text"))
            if ident in self.regions:
                raise DataError(f"{where}: region id {ident!r} occurs twice")
            self.regions[ident] = (REGION_CONTROLS[name], {"_start": place["start"], "_label": label, **place})
        elif name in ATTRIBUTES:
            key = "choices" if ATTRIBUTES[name][0] == "choices" else "text"
            self.attributes.setdefault(ident, {})[name] = _nullable(_single(value, key, where))
        else:
            raise DataError(f"{where}: unknown control {name!r} (not made by `newsgold export --format label-studio`)")

    def _assign_ids(self) -> dict[str, str]:
        """Newsgold ids: the region's own when it is one of the base's (same layer); else the id of a
        base item of the layer with the same offsets not claimed otherwise (Label Studio may renumber
        regions); else a fresh one."""
        layer_of_id = {item["id"]: layer for layer in REGION_CONTROLS.values() for item in self.base.get(layer, [])}
        ordered = sorted(self.regions.items(), key=lambda kv: (kv[1][1]["_start"], kv[0]))
        ids = {ls_id: ls_id for ls_id, (layer, _) in ordered if layer_of_id.get(ls_id) == layer}
        claimed = set(ids.values())
        by_offsets: dict[tuple[str, int, int], list[str]] = {}
        for layer in REGION_CONTROLS.values():
            for item in self.base.get(layer, []):
                where = item["trigger"] if layer == "events" else item
                by_offsets.setdefault((layer, where["start"], where["end"]), []).append(item["id"])
        allocator = IdAllocator([*base_ids(self.base), *self.regions])
        for ls_id, (layer, item) in ordered:
            if ls_id in ids:
                continue
            free = [i for i in by_offsets.get((layer, item["start"], item["end"]), []) if i not in claimed]
            ids[ls_id] = free[0] if free else allocator.new(ID_PREFIX[layer])
            claimed.add(ids[ls_id])
        return ids

    def _finish(self, ident: str, layer: str, item: dict[str, Any], attrs: Mapping[str, Any]) -> dict[str, Any]:
        where = {k: item[k] for k in ("start", "end", "text")}
        if layer == "entities":
            return {"id": ident, **where, "type": item["_label"], "subtype": attrs.get("subtype"),
                    "entity": attrs.get("kb")}
        if layer == "timexes":
            return {"id": ident, **where, "type": item["_label"], "value": attrs.get("value")}
        return {"id": ident, "type": item["_label"], "mode": attrs.get("mode"), "trigger": where,
                "arguments": [], "status": attrs.get("status"), "date": attrs.get("date"),
                "instance": attrs.get("instance")}

    def _attach_arguments(self, layers: dict[str, list[dict[str, Any]]], ids: Mapping[str, str]) -> None:
        events = {ev["id"]: ev for ev in layers["events"]}
        for rel in self.relations:
            where = rel["_where"]
            ends = (rel.get("from_id"), rel.get("to_id"))
            if any(e not in ids for e in ends):
                raise DataError(f"{where}: relation between {ends[0]!r} and {ends[1]!r}: an end is not a region")
            src, dst = ids[ends[0]], ids[ends[1]]
            if rel.get("direction") == "left" or (src not in events and dst in events):
                src, dst = dst, src
            if src not in events:
                raise DataError(f"{where}: relation {ends[0]} -> {ends[1]} does not start at an event trigger")
            labels = rel.get("labels") or []
            if len(labels) != 1:
                raise DataError(f"{where}: relation {ends[0]} -> {ends[1]} needs exactly one role label, has {labels}")
            events[src]["arguments"].append({"role": labels[0], "ref": dst})


def import_export(tasks: Any, corpus, source: str = "export") -> dict[str, dict[str, Any]]:
    """Annotation objects (doc_id -> dict) rebuilt from a Label Studio JSON export onto the corpus gold."""
    if not isinstance(tasks, list):
        raise UsageError(f"{source}: expected a JSON list of tasks (Label Studio's JSON export)")
    known = set(corpus.doc_ids())
    out: dict[str, dict[str, Any]] = {}
    for i, t in enumerate(tasks):
        where = f"{source}: task[{i}]"
        data = t.get("data") if isinstance(t, dict) else None
        doc_id = data.get("doc_id") if isinstance(data, dict) else None
        if doc_id not in known:
            raise DataError(f"{where}: data.doc_id {doc_id!r} is not a document of the corpus {corpus.location}")
        if doc_id in out:
            raise DataError(f"{where}: a second task for {doc_id}")
        base = corpus.document(doc_id)
        if data.get("text") != base["text"]:
            raise DataError(f"{where}: data.text differs from the corpus text of {doc_id}")
        layers = _TaskReader(base, base["text"], f"{where} ({doc_id})").read(_chosen_result(t, where))
        out[doc_id] = merge_layers(base, layers)
    return out
