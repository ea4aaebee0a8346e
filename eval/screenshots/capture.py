"""Regenerate the README's viewer screenshots (gold view and error view) with the system Chromium.

The error view shows three baselines' predictions merged into one file (entities from
``entities_gazetteer``, timexes from ``timex_dateparser``, segments from ``zones_justext``)::

    for s in entities_gazetteer:entities timex_dateparser:timex zones_justext:zones; do
      newsgold eval --system newsgold.baselines.${s%%:*}:predict --tasks ${s##*:} \\
        --bootstrap 0 --save-predictions /tmp/${s%%:*}.jsonl; done
    python eval/screenshots/capture.py /tmp/entities_gazetteer.jsonl /tmp/timex_dateparser.jsonl \\
        /tmp/zones_justext.jsonl

Writes ``eval/screenshots/gold-view.png`` and ``eval/screenshots/error-view.png``.
"""
from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from newsgold.corpus import open_corpus
from newsgold.publish.browser import browser_context
from newsgold.publish.viewer import write_site

HERE = Path(__file__).resolve().parent
LAYERS = ("segments", "entities", "timexes", "events", "translations")


def merged(files: list[Path]) -> dict[str, dict]:
    """One prediction per document: the layers of every file (a later file's layer wins)."""
    out: dict[str, dict] = {}
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                obj = json.loads(line)
                doc = out.setdefault(obj["doc_id"], {"doc_id": obj["doc_id"]})
                doc.update({k: v for k, v in obj.items() if k in LAYERS})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("predictions", nargs="+", type=Path)
    parser.add_argument("--gold-doc", default="el-skai-20240913")
    parser.add_argument("--error-doc", default="ro-unknown-20241130")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        write_site(open_corpus(), site, merged(args.predictions), "three baselines")
        with browser_context(Path(tmp) / "profile", width=1000, height=640) as context:
            page = context.new_page()
            page.goto((site / f"{args.gold_doc}.html").as_uri())
            page.screenshot(path=str(HERE / "gold-view.png"))
            page.goto((site / f"{args.error_doc}.errors.html").as_uri())
            page.screenshot(path=str(HERE / "error-view.png"))
    print(f"wrote {HERE / 'gold-view.png'} and {HERE / 'error-view.png'}")


if __name__ == "__main__":
    main()
