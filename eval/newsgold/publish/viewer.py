"""The static viewer: an index page and one page per document (plus error pages with predictions).

Plain HTML and one inline stylesheet: no script, no font, no image, nothing fetched
(links to Wikidata are links, not requests). Every string from the data is escaped.

* ``index.html``: one row per document with its counts per layer;
* ``<doc_id>.html``: the text with zones shaded and language segments marked, entities
  by type (registry name and Wikidata QID in the title), time expressions with their
  values; the tables of entities (registry name, Wikidata link), timexes, events
  (trigger and arguments linked to the text) and translations beside their source segments;
* with predictions, ``errors.html`` (documents worst first, per-task counts) and
  ``<doc_id>.errors.html`` (missed / spurious / wrong-type / wrong-boundary entities and
  timexes marked in the text, zone disagreements shaded); see
  :mod:`newsgold.publish.erroranalysis`.
"""
from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any, Iterable, Mapping

from newsgold.publish.erroranalysis import ERROR_KINDS, SPAN_TASKS, DocumentErrors, analyse
from newsgold.publish.markup import Mark, render

WIKIDATA = "https://www.wikidata.org/wiki/"
RANK_SEGMENT, RANK_ZONE_DIFF, RANK_ERROR, RANK_ENTITY, RANK_TIMEX, RANK_TRIGGER = range(6)

CSS = """
body { font: 15px/1.5 system-ui, sans-serif; margin: 1.5em auto; padding: 0 1.2em; max-width: 70em; color: #222; }
table { border-collapse: collapse; margin: .5em 0 1.5em; }
th, td { border: 1px solid #ccc; padding: .2em .5em; vertical-align: top; text-align: left; }
td.n { text-align: right; } td a { white-space: nowrap; }
.text { white-space: pre-wrap; border: 1px solid #ccc; padding: 1em; line-height: 1.9; }
.seg[data-first]::before { content: attr(data-lang); font-size: 70%; color: #555; vertical-align: super;
  margin-right: .2em; }
.seg { border-bottom: 2px solid transparent; }
.seg.lang-other { border-bottom-color: #b3469b; }
.zone-title { background: #d9e8fb; } .zone-lead { background: #e4f0fd; } .zone-heading { background: #d5f0e3; }
.zone-body { background: #f4f8fc; } .zone-caption { background: #fdf0d5; } .zone-byline { background: #eee6f6; }
.zone-boilerplate { background: #e6e6e6; color: #555; }
mark { background: none; padding: 0 1px; border-radius: 2px; }
.ent { border: 1.5px solid; } .ent-PER { border-color: #c0392b; } .ent-ORG { border-color: #2471a3; }
.ent-LOC { border-color: #1e8449; } .ent-MISC { border-color: #b9770e; }
.timex { text-decoration: underline wavy #8e44ad; } .trigger { font-weight: bold; text-decoration: underline #000; }
.err { border: 2px solid; } .err-missed { border-color: #e67e22; background: #fdebd0; }
.err-spurious { border-color: #c0392b; background: #fadbd8; border-style: dashed; }
.err-wrong-type { border-color: #8e44ad; background: #ebdef0; }
.err-wrong-boundary { border-color: #2471a3; background: #d6eaf8; }
.zone-diff { outline: 2px dotted #c0392b; background: #fadbd8; }
.legend span { display: inline-block; margin: 0 .5em .3em 0; padding: 0 .3em; }
"""


def page(title: str, body: str) -> str:
    """A complete HTML page (no external resource)."""
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n")


def _table(cls: str, head: Iterable[str], rows: Iterable[str]) -> str:
    heads = "".join(f"<th>{escape(h)}</th>" for h in head)
    return f'<table class="{cls}">\n<thead><tr>{heads}</tr></thead>\n<tbody>\n{"".join(rows)}</tbody>\n</table>'


def _cells(*cells: str) -> str:
    return "".join(f"<td>{c}</td>" for c in cells)


def _link(href: str, text: str, cls: str | None = None) -> str:
    klass = f' class="{cls}"' if cls else ""
    return f'<a{klass} href="{escape(href, quote=True)}">{escape(text)}</a>'


# --- gold pages ------------------------------------------------------------------


def _registry_entity(registry: Mapping[str, Any], slug: str | None) -> Mapping[str, Any]:
    return registry.get("entities", {}).get(slug, {}) if slug else {}


def _entity_title(e: Mapping[str, Any], registry: Mapping[str, Any]) -> str:
    entry = _registry_entity(registry, e.get("entity"))
    parts = [e["type"] + (f"/{e['subtype']}" if e.get("subtype") else "")]
    parts.append(f"{entry.get('name_en', e['entity'])} ({e['entity']})" if e.get("entity") else "no registry entry")
    if entry.get("wikidata"):
        parts.append(f"Wikidata {entry['wikidata']}")
    return " · ".join(parts)


def _segment_title(s: Mapping[str, Any]) -> str:
    kind = f" ({s['boilerplate_kind']})" if s.get("boilerplate_kind") else ""
    return f"{s['id']} · {s['zone']}{kind} · {s['lang']}"


def _gold_marks(doc: Mapping[str, Any], registry: Mapping[str, Any]) -> list[Mark]:
    main_lang = doc.get("language")
    marks = [Mark(s["start"], s["end"], RANK_SEGMENT, "span",
                  {"class": f"seg zone-{s['zone']}" + ("" if s["lang"] == main_lang else " lang-other"),
                   "data-lang": s["lang"], "data-zone": s["zone"], "data-segment": s["id"],
                   "title": _segment_title(s)}, f"m-{s['id']}") for s in doc["segments"]]
    marks += [Mark(e["start"], e["end"], RANK_ENTITY, "mark",
                   {"class": f"ent ent-{e['type']}", "data-type": e["type"], "title": _entity_title(e, registry)},
                   f"m-{e['id']}") for e in doc.get("entities", [])]
    marks += [Mark(t["start"], t["end"], RANK_TIMEX, "mark",
                   {"class": "timex", "data-value": t["value"], "title": f"{t['type']} {t['value']}"},
                   f"m-{t['id']}") for t in doc.get("timexes", [])]
    marks += [Mark(ev["trigger"]["start"], ev["trigger"]["end"], RANK_TRIGGER, "mark",
                   {"class": "trigger", "title": f"{ev['id']} {ev['type']} ({ev['status']})"}, f"m-{ev['id']}")
              for ev in doc.get("events", [])]
    return marks


def _legend(doc: Mapping[str, Any]) -> str:
    zones = sorted({s["zone"] for s in doc["segments"]})
    items = [f'<span class="zone-{z}">{escape(z)}</span>' for z in zones]
    items += [f'<span class="ent ent-{t}">{t}</span>' for t in ("PER", "ORG", "LOC", "MISC")]
    items += ['<span class="timex">time expression</span>', '<span class="trigger">event trigger</span>',
              '<span class="seg lang-other">segment in another language</span>']
    return f'<p class="legend">{"".join(items)}</p>'


def _entities_table(doc: Mapping[str, Any], registry: Mapping[str, Any]) -> str:
    rows = []
    for e in doc.get("entities", []):
        entry = _registry_entity(registry, e.get("entity"))
        qid = entry.get("wikidata")
        rows.append('<tr class="entity-row">' + _cells(
            _link(f"#m-{e['id']}", e["id"]), escape(e["text"]), escape(e["type"]), escape(e.get("subtype") or ""),
            escape(entry.get("name_en", ""))
            + (f" <small>({escape(e['entity'])})</small>" if e.get("entity") else "—"),
            _link(WIKIDATA + qid, qid, "wikidata") if qid else "") + "</tr>\n")
    return _table("entities", ("id", "mention", "type", "subtype", "registry", "Wikidata"), rows)


def _timexes_table(doc: Mapping[str, Any]) -> str:
    rows = ['<tr class="timex-row">' + _cells(_link(f"#m-{t['id']}", t["id"]), escape(t["text"]), escape(t["type"]),
                                              f"<code>{escape(t['value'])}</code>") + "</tr>\n"
            for t in doc.get("timexes", [])]
    return _table("timexes", ("id", "expression", "type", "value"), rows)


def _mention_text(doc: Mapping[str, Any], ref: str) -> str:
    for layer in ("entities", "timexes"):
        for item in doc.get(layer, []):
            if item["id"] == ref:
                return item["text"]
    for ev in doc.get("events", []):
        if ev["id"] == ref:
            return f"{ev['type']} “{ev['trigger']['text']}”"
    return ref


def _events_table(doc: Mapping[str, Any]) -> str:
    rows = []
    for ev in doc.get("events", []):
        args = "<br>".join(f'{escape(a["role"])}: ' + _link(f"#m-{a['ref']}", _mention_text(doc, a["ref"]), "arg")
                           for a in ev.get("arguments", []))
        rows.append('<tr class="event-row">' + _cells(
            escape(ev["id"]),
            escape(ev["type"]) + (f" <small>({escape(ev['mode'])})</small>" if ev.get("mode") else ""),
            _link(f"#m-{ev['id']}", ev["trigger"]["text"], "trigger-link"), args, escape(ev["status"]),
            escape(ev.get("date") or ""), escape(ev.get("instance") or "")) + "</tr>\n")
    return _table("events", ("id", "type", "trigger", "arguments", "status", "date", "instance"), rows)


def _translations_table(doc: Mapping[str, Any]) -> str:
    segments = {s["id"]: s for s in doc["segments"]}
    rows = []
    for tr in doc.get("translations", []):
        seg = segments.get(tr["segment"], {"zone": "?", "lang": "?", "text": ""})
        rows.append('<tr class="translation-row">' + _cells(
            _link(f"#m-{tr['segment']}", tr["segment"]), escape(seg["zone"]),
            f'<span lang="{escape(seg["lang"], quote=True)}">{escape(seg["text"])}</span>',
            f'<span lang="en">{escape(tr["text"])}</span>') + "</tr>\n")
    return _table("translations", ("segment", "zone", "source", "English"), rows)


def _text_block(doc: Mapping[str, Any], marks: list[Mark]) -> str:
    return f'<div class="text" lang="{escape(doc["language"], quote=True)}">{render(doc["text"], marks)}</div>'


def document_page(doc: Mapping[str, Any], registry: Mapping[str, Any]) -> str:
    """The gold page of one document (a dict with ``text``)."""
    src = doc.get("source") or {}
    body = "\n".join([
        '<nav><a href="index.html">all documents</a></nav>',
        f"<h1>{escape(doc['doc_id'])}</h1>",
        f"<p>language <b>{escape(doc['language'])}</b> · {escape(str(src.get('outlet') or ''))} · "
        f"published {escape(str(src.get('published') or 'unknown'))}</p>",
        "<h2>Text</h2>", _legend(doc),
        _text_block(doc, _gold_marks(doc, registry)),
        f"<h2>Entities ({len(doc.get('entities', []))})</h2>", _entities_table(doc, registry),
        f"<h2>Time expressions ({len(doc.get('timexes', []))})</h2>", _timexes_table(doc),
        f"<h2>Events ({len(doc.get('events', []))})</h2>", _events_table(doc),
        f"<h2>Translations ({len(doc.get('translations', []))})</h2>", _translations_table(doc),
    ])
    return page(f"{doc['doc_id']} — newsgold", body)


LAYER_COLUMNS = ("segments", "entities", "timexes", "events", "translations")


def index_page(docs: list[Mapping[str, Any]], fingerprint: str, errors: bool) -> str:
    rows = ['<tr class="doc-row">' + _cells(_link(f"{d['doc_id']}.html", d["doc_id"]), escape(d["language"]))
            + "".join(f'<td class="n">{len(d.get(layer, []))}</td>' for layer in LAYER_COLUMNS) + "</tr>\n"
            for d in docs]
    extra = '<p><a href="errors.html">error analysis of the predictions</a></p>' if errors else ""
    body = "\n".join(["<h1>newsgold</h1>", f"<p>corpus fingerprint <code>{escape(fingerprint[:12])}</code></p>", extra,
                      _table("documents", ("document", "language", *LAYER_COLUMNS), rows)])
    return page("newsgold — documents", body)


# --- error pages -------------------------------------------------------------------


def _error_marks(doc: Mapping[str, Any], result: DocumentErrors) -> list[Mark]:
    marks = [Mark(s["start"], s["end"], RANK_SEGMENT, "span",
                  {"class": f"seg zone-{s['zone']}", "data-lang": s["lang"],
                   "title": f"gold {s['zone']} · {s['lang']}"})
             for s in doc["segments"]]
    marks += [Mark(z.start, z.end, RANK_ZONE_DIFF, "span",
                   {"class": "zone-diff", "title": f"zone: gold {z.gold}, predicted {z.pred}"})
              for z in result.zones or []]
    for task, errs in result.spans.items():
        marks += [Mark(e.start, e.end, RANK_ERROR, "mark",
                       {"class": f"err err-{e.kind}", "data-task": task, "data-kind": e.kind, "title": e.title})
                  for e in errs]
    return marks


def _count_cells(result: DocumentErrors) -> str:
    cells = []
    for task in SPAN_TASKS:
        if task not in result.spans:
            cells.append('<td class="n" colspan="5">not predicted</td>')
            continue
        cells.append(f'<td class="n">{result.correct[task]}</td>')
        cells += [f'<td class="n" data-task="{task}" data-kind="{k}">{result.count(task, k)}</td>' for k in ERROR_KINDS]
    cells.append('<td class="n">not predicted</td>' if result.zones is None
                 else f'<td class="n" data-task="zones">{len(result.zones)}</td>')
    return "".join(cells)


def _count_table(results: list[DocumentErrors]) -> str:
    """One row per document: its error total, then per task the correct count and each kind of error."""
    top = ('<tr><th rowspan="2">document</th><th rowspan="2">errors</th>'
           + "".join(f'<th colspan="{1 + len(ERROR_KINDS)}">{t}</th>' for t in SPAN_TASKS)
           + '<th rowspan="2">zone disagreements</th></tr>')
    sub = "<tr>" + "".join(f"<th>{k}</th>" for _ in SPAN_TASKS for k in ("correct", *ERROR_KINDS)) + "</tr>"
    rows = ['<tr class="error-doc-row">' + _cells(_link(f"{r.doc_id}.errors.html", r.doc_id))
            + f'<td class="n">{r.total}</td>' + _count_cells(r) + "</tr>\n" for r in results]
    return f'<table class="error-counts">\n<thead>{top}\n{sub}</thead>\n<tbody>\n{"".join(rows)}</tbody>\n</table>'


def _error_legend() -> str:
    items = [f'<span class="err err-{k}">{k}</span>' for k in ERROR_KINDS]
    items.append('<span class="zone-diff">zone disagreement</span>')
    return f'<p class="legend">{"".join(items)}</p>'


def _task_table(result: DocumentErrors) -> str:
    """The counts of one document, one row per task."""
    rows = []
    for task in SPAN_TASKS:
        if task not in result.spans:
            rows.append(f'<tr class="task-row">{_cells(task)}<td colspan="5">not predicted</td></tr>\n')
            continue
        counts = [str(result.correct[task]), *(str(result.count(task, k)) for k in ERROR_KINDS)]
        rows.append(f'<tr class="task-row">{_cells(task)}' + "".join(f'<td class="n">{c}</td>' for c in counts)
                    + "</tr>\n")
    zones = "not predicted" if result.zones is None else f"{len(result.zones)} disagreement run(s)"
    rows.append(f'<tr class="task-row">{_cells("zones")}<td colspan="5">{zones}</td></tr>\n')
    return _table("task-counts", ("task", "correct", *ERROR_KINDS), rows)


def error_page(doc: Mapping[str, Any], result: DocumentErrors, source: str) -> str:
    body = "\n".join([
        '<nav><a href="errors.html">all documents (errors)</a> · '
        f'<a href="{escape(doc["doc_id"], quote=True)}.html">gold view</a></nav>',
        f"<h1>{escape(doc['doc_id'])}: errors of {escape(source)}</h1>",
        _task_table(result), _error_legend(),
        _text_block(doc, _error_marks(doc, result)),
    ])
    return page(f"{doc['doc_id']} — errors — newsgold", body)


def errors_index(results: list[DocumentErrors], source: str) -> str:
    body = "\n".join(['<nav><a href="index.html">gold view</a></nav>',
                      f"<h1>Errors of {escape(source)}</h1>",
                      "<p>Worst documents first (entity and timex errors plus zone disagreement runs).</p>",
                      _count_table(results)])
    return page("newsgold — error analysis", body)


def worst_first(results: Iterable[DocumentErrors]) -> list[DocumentErrors]:
    return sorted(results, key=lambda r: (-r.total, r.doc_id))


def site_pages(corpus, predictions: Mapping[str, Mapping[str, Any]] | None = None,
               source: str = "predictions") -> dict[str, str]:
    """The viewer's pages for a corpus (and a system's predictions by doc_id): file name -> HTML."""
    docs = list(corpus.documents())
    registry = corpus.registry
    pages: dict[str, str] = {"index.html": index_page(docs, corpus.fingerprint, predictions is not None)}
    for doc in docs:
        pages[f"{doc['doc_id']}.html"] = document_page(doc, registry)
    if predictions is not None:
        results = {d["doc_id"]: analyse(d, predictions.get(d["doc_id"], {"doc_id": d["doc_id"]})) for d in docs}
        for doc in docs:
            pages[f"{doc['doc_id']}.errors.html"] = error_page(doc, results[doc["doc_id"]], source)
        pages["errors.html"] = errors_index(worst_first(results.values()), source)
    return pages


def is_page(name: str) -> bool:
    """A file name the viewer writes (what an existing --out folder may hold)."""
    return name.endswith(".html") and not name.startswith(".")


def check_site_folder(corpus, out_dir: Path) -> None:
    """UsageError when ``out_dir`` cannot take the site (see :func:`newsgold.outputs.check_folder`)."""
    from newsgold.outputs import check_folder, corpus_folders

    check_folder("--out", out_dir, protected=corpus_folders(corpus), may_hold=is_page,
                 what="*.html pages a previous `newsgold view` wrote")


def write_site(corpus, out_dir: Path, predictions: Mapping[str, Mapping[str, Any]] | None = None,
               source: str = "predictions") -> list[Path]:
    """Check ``out_dir``, build every page, then write them all together; the pages written."""
    from newsgold.outputs import write_folder

    check_site_folder(corpus, Path(out_dir))
    return write_folder("--out", Path(out_dir), site_pages(corpus, predictions, source))
