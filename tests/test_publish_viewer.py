"""The viewer in a real headless browser (Debian's Chromium through Playwright): rendered counts
against the data, nothing fetched beyond the file system, a screenshot; plus escaping and the
error analysis on predictions whose errors are known by construction."""
from __future__ import annotations

import copy
import json
import os
import re
from pathlib import Path

import pytest

from newsgold.cli import main
from newsgold.corpus import open_corpus
from newsgold.publish import browser
from newsgold.publish.markup import Mark, render

CORPUS = open_corpus()
DOCS = list(CORPUS.documents())
IN_CI = os.environ.get("CI", "").lower() == "true"


def _require_browser() -> None:
    """Skip (outside CI only) when Chromium or Playwright is missing; in CI that is a failure."""
    missing = None
    if browser.chromium_path() is None:
        missing = "chromium is not installed (apt-get install chromium; .ci/run does it)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            missing = "the playwright package is not installed (pip install -e '.[test]')"
    if missing and IN_CI:
        pytest.fail(f"browser test cannot run in CI: {missing}")
    if missing:
        pytest.skip(missing)


# --- predictions whose errors are known by construction ---------------------------------


def _free_word(doc: dict) -> tuple[int, int]:
    """A word that no gold entity touches (for a spurious prediction)."""
    taken = [(e["start"], e["end"]) for e in doc["entities"]]
    for m in re.finditer(r"\w{4,}", doc["text"]):
        if all(m.end() <= s or e <= m.start() for s, e in taken):
            return m.start(), m.end()
    raise AssertionError("no free word")


def perturbed(doc: dict, extra_missed: int) -> tuple[dict, dict]:
    """(prediction line, expected counts): per document 1 + extra missed, 1 spurious, 1 wrong-type,
    1 wrong-boundary entity; timexes exact (not predicted for the first document); one segment in
    the wrong zone."""
    ents = copy.deepcopy(doc["entities"])
    other = {"PER": "ORG", "ORG": "LOC", "LOC": "MISC", "MISC": "PER"}
    ents[1]["type"] = other[ents[1]["type"]]
    shrink = next(i for i in range(2, len(ents)) if len(ents[i]["text"]) > 1 and not ents[i]["text"][-2].isspace())
    ents[shrink]["end"] -= 1
    ents[shrink]["text"] = ents[shrink]["text"][:-1]
    dropped = {0, *range(shrink + 1, shrink + 1 + extra_missed)}
    pred_ents = [{k: e[k] for k in ("start", "end", "text", "type")} for i, e in enumerate(ents) if i not in dropped]
    start, end = _free_word(doc)
    pred_ents.append({"start": start, "end": end, "text": doc["text"][start:end], "type": "MISC"})
    segs = [{k: s[k] for k in ("start", "end", "text", "zone", "lang") } for s in doc["segments"]]
    moved = next(s for s in segs if s["zone"] != "boilerplate")
    moved["zone"], moved["boilerplate_kind"] = "boilerplate", "other"
    line = {"doc_id": doc["doc_id"], "entities": pred_ents, "segments": segs}
    if extra_missed:
        line["timexes"] = [{k: t[k] for k in ("start", "end", "text", "type", "value")} for t in doc["timexes"]]
    expected = {"missed": 1 + extra_missed, "spurious": 1, "wrong-type": 1, "wrong-boundary": 1,
                "zones": 1, "timexes": extra_missed > 0}
    return line, expected


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> tuple[Path, dict[str, dict]]:
    out = tmp_path_factory.mktemp("site")
    lines, expected = [], {}
    for i, doc in enumerate(DOCS):
        line, expected[doc["doc_id"]] = perturbed(doc, i)
        lines.append(json.dumps(line, ensure_ascii=False))
    preds = out / "system.jsonl"
    preds.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["view", "--predictions", str(preds), "--out", str(out / "html")]) == 0
    return out / "html", expected


def test_pages_load_no_external_resource(site):
    html_dir, _ = site
    for page in html_dir.glob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"<script|<link|<img|<iframe|@import|url\(|\bsrc=", html, re.I), page.name


def test_markup_escapes_and_nests():
    text = '<b>"Kim" & Co</b>'
    html = render(text, [Mark(0, len(text), 0, "span", {"title": 'a "b" <c>'}, "x"), Mark(4, 9, 1, "mark")])
    assert "<b>" not in html and "&lt;b&gt;" in html and 'title="a &quot;b&quot; &lt;c&gt;"' in html
    crossing = render("abcdef", [Mark(0, 4, 1, "i", anchor="one"), Mark(2, 6, 1, "u", anchor="two")])
    assert crossing == '<i id="one" data-first="1">ab<u id="two" data-first="1">cd</u></i><u>ef</u>'


COUNT_JS = """() => {
  const text = document.querySelector('.text');
  const ids = new Set([...document.querySelectorAll('[id]')].map(e => e.id));
  const links = [...document.querySelectorAll('a[href^="#"]')].map(a => a.getAttribute('href').slice(1));
  return {
    text: text.textContent,
    segments: text.querySelectorAll('.seg[data-first]').length,
    langs: [...text.querySelectorAll('.seg[data-first]')].map(e => e.dataset.lang),
    entities: text.querySelectorAll('mark.ent[data-first]').length,
    timexes: text.querySelectorAll('mark.timex[data-first]').length,
    triggers: text.querySelectorAll('mark.trigger[data-first]').length,
    entity_rows: document.querySelectorAll('tr.entity-row').length,
    timex_rows: document.querySelectorAll('tr.timex-row').length,
    event_rows: document.querySelectorAll('tr.event-row').length,
    translation_rows: document.querySelectorAll('tr.translation-row').length,
    wikidata: [...document.querySelectorAll('a.wikidata')].map(a => a.textContent),
    args: document.querySelectorAll('a.arg').length,
    dangling: links.filter(id => !ids.has(id)),
  };
}"""

ERROR_JS = """() => {
  const text = document.querySelector('.text');
  const count = sel => text.querySelectorAll(sel).length;
  return {
    text: text.textContent,
    entities: Object.fromEntries(['missed', 'spurious', 'wrong-type', 'wrong-boundary'].map(
      k => [k, count(`mark.err[data-first][data-task="entities"][data-kind="${k}"]`)])),
    timex_errors: count('mark.err[data-first][data-task="timexes"]'),
    zones: count('.zone-diff[data-first]'),
    tasks: [...document.querySelectorAll('tr.task-row')].map(r => r.textContent),
  };
}"""


def test_viewer_in_chromium(site, tmp_path):
    _require_browser()
    html_dir, expected = site
    requests: list[str] = []
    outside: list[str] = []

    def guard(route):
        url = route.request.url
        requests.append(url)
        if url.startswith("file://"):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    with browser.browser_context(tmp_path / "profile") as context:
        context.route("**/*", guard)
        context.on("request", lambda req: None if req.url.startswith("file://") else outside.append(req.url))
        page = context.new_page()

        page.goto((html_dir / "index.html").as_uri())
        rows = page.eval_on_selector_all("tr.doc-row", "rs => rs.map(r => [...r.cells].map(c => c.textContent))")
        assert [r[0] for r in rows] == [d["doc_id"] for d in DOCS]
        for row, doc in zip(rows, DOCS):
            assert row[2:] == [str(len(doc[k])) for k in ("segments", "entities", "timexes", "events", "translations")]

        entities = CORPUS.registry["entities"]
        for doc in DOCS:
            page.goto((html_dir / f"{doc['doc_id']}.html").as_uri())
            got = page.evaluate(COUNT_JS)
            assert got["text"] == doc["text"], doc["doc_id"]  # every character, escaped and back
            assert got["segments"] == len(doc["segments"])
            assert got["langs"] == [s["lang"] for s in sorted(doc["segments"], key=lambda s: s["start"])]
            assert got["entities"] == got["entity_rows"] == len(doc["entities"])
            assert got["timexes"] == got["timex_rows"] == len(doc["timexes"])
            assert got["triggers"] == got["event_rows"] == len(doc["events"])
            assert got["translation_rows"] == len(doc["translations"])
            assert got["args"] == sum(len(ev["arguments"]) for ev in doc["events"])
            assert got["wikidata"] == [entities[e["entity"]]["wikidata"] for e in doc["entities"]
                                       if e["entity"] and entities.get(e["entity"], {}).get("wikidata")]
            assert got["dangling"] == []
            if doc is DOCS[0]:
                page.screenshot(path=str(tmp_path / "gold.png"))

        page.goto((html_dir / "errors.html").as_uri())
        order = page.eval_on_selector_all("tr.error-doc-row", "rs => rs.map(r => r.cells[0].textContent)")
        assert order == [d["doc_id"] for d in reversed(DOCS)]  # worst first: more missed further down the list
        for doc in DOCS:
            want = expected[doc["doc_id"]]
            page.goto((html_dir / f"{doc['doc_id']}.errors.html").as_uri())
            got = page.evaluate(ERROR_JS)
            assert got["text"] == doc["text"]
            assert got["entities"] == {k: want[k] for k in ("missed", "spurious", "wrong-type", "wrong-boundary")}
            assert got["timex_errors"] == 0
            assert ("not predicted" in got["tasks"][1]) is (not want["timexes"])
            assert got["zones"] == want["zones"]
        page.screenshot(path=str(tmp_path / "errors.png"))

    assert outside == []
    assert len(requests) >= 2 * len(DOCS) + 2 and all(u.startswith("file://") for u in requests)
    for shot in ("gold.png", "errors.png"):
        assert (tmp_path / shot).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_unusable_predictions_write_nothing(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"doc_id": "no-such-doc"}\n', encoding="utf-8")
    assert main(["view", "--predictions", str(bad), "--out", str(tmp_path / "site")]) == 2
    assert "no-such-doc" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()
