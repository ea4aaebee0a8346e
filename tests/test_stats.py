"""``newsgold stats``: table contents, totals, the three output formats, no heavy imports."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from newsgold import stats
from newsgold.cli import main
from newsgold.gold import LAYERS, ZONES, Document, load_gold


@pytest.fixture(scope="module")
def docs() -> list[Document]:
    return load_gold()


def test_documents_table_rows_and_total(docs: list[Document]) -> None:
    table = stats.documents_table(docs)
    rows = table.as_dicts()
    assert [r["doc_id"] for r in rows] == [d.doc_id for d in docs] + ["total"]
    by_id = {r["doc_id"]: r for r in rows}
    assert by_id["nb-vietnamvn-20240914"]["segments"] == 35
    assert by_id["nb-vietnamvn-20240914"]["boilerplate"] == 20
    assert by_id["total"]["segments"] == 96
    assert by_id["total"]["chars"] == sum(len(d.text) for d in docs)
    for r in rows:
        assert sum(r[z] for z in ZONES) == r["segments"]
    for layer in LAYERS:
        assert by_id["total"][layer] == sum(len(getattr(d, layer)) for d in docs)


def test_segment_languages_table(docs: list[Document]) -> None:
    rows = {r["doc_id"]: r for r in stats.segment_languages_table(docs).as_dicts()}
    assert rows["nb-vietnamvn-20240914"]["vi"] == 3
    assert rows["it-dayfr-20240914"]["zxx"] == 1
    assert rows["total"]["el"] == 27
    langs = [c for c in stats.segment_languages_table(docs).columns[1:] if not c.startswith("main:")]
    assert sum(rows["total"][lang] for lang in langs) == 96


def test_languages_table(docs: list[Document]) -> None:
    rows = {r["lang"]: r for r in stats.languages_table(docs).as_dicts()}
    assert list(rows) == ["el", "nb", "ro", "it", "total"]
    assert rows["el"]["documents"] == 2 and rows["el"]["segments"] == 27
    assert rows["total"]["documents"] == 5


def test_formats(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats"]) == 0
    text = capsys.readouterr().out
    assert "nb-vietnamvn-20240914" in text and "Segments by language" in text
    assert main(["stats", "--format", "markdown"]) == 0
    md = capsys.readouterr().out
    assert "### Documents" in md and "| doc_id | lang |" in md
    assert main(["stats", "--format", "json"]) == 0
    obj = json.loads(capsys.readouterr().out)
    assert obj["documents"] == 5 and len(obj["fingerprint"]) == 64
    assert obj["tables"]["documents"][-1]["segments"] == 96


def test_markdown_columns_line_up(docs: list[Document]) -> None:
    md = stats.render_markdown(stats.tables(docs))
    for block in md.split("### ")[1:]:
        lines = [line for line in block.splitlines() if line.startswith("|")]
        assert len({line.count("|") for line in lines}) == 1


def test_empty_input_gives_empty_tables() -> None:
    assert all(t.rows == () for t in stats.tables([]))


def test_stats_imports_no_heavy_module() -> None:
    code = (
        "import sys\n"
        "from newsgold.cli import main\n"
        "assert main(['stats', '--format', 'json']) == 0\n"
        "heavy = sorted(m for m in ('datasets', 'pyarrow', 'jsonschema', 'numpy') if m in sys.modules)\n"
        "print('HEAVY', heavy, file=sys.stderr)\n"
        "sys.exit(1 if heavy else 0)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
