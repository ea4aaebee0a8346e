"""The typed loader: exact counts of the final segments layer, first and last segments (ir_datasets style)."""
from __future__ import annotations

import dataclasses
import json
import shutil
from collections import Counter
from pathlib import Path

import pytest

import bundled
from newsgold.errors import DataError, UsageError
from newsgold.gold import (
    KB,
    MAIN_CONTENT_ZONES,
    Document,
    Event,
    Segment,
    load_gold,
    load_kb,
)

DOC_IDS = [
    "el-protothema-20240914",
    "el-skai-20240913",
    "it-dayfr-20240914",
    "nb-vietnamvn-20240914",
    "ro-unknown-20241130",
]

# doc_id -> (language, characters, segments per zone, segments per language)
COUNTS = {
    "el-protothema-20240914": ("el", 2566, {"title": 1, "lead": 1, "body": 8, "boilerplate": 6}, {"el": 16}),
    "el-skai-20240913": ("el", 2161, {"body": 9, "boilerplate": 2}, {"el": 11}),
    "it-dayfr-20240914": (
        "it",
        2806,
        {"title": 2, "lead": 1, "heading": 1, "body": 6, "boilerplate": 3},
        {"it": 10, "en": 2, "zxx": 1},
    ),
    "nb-vietnamvn-20240914": (
        "nb",
        2929,
        {"title": 2, "lead": 1, "body": 8, "caption": 1, "byline": 3, "boilerplate": 20},
        {"nb": 29, "vi": 3, "en": 3},
    ),
    "ro-unknown-20241130": ("ro", 2680, {"body": 10, "byline": 1, "boilerplate": 10}, {"ro": 19, "en": 2}),
}

# doc_id -> (first segment, last segment) as (id, zone, lang, text)
FIRST_LAST = {
    "el-protothema-20240914": (
        (
            "S1",
            "title",
            "el",
            "Βόρεια Κορέα: Ο Κιμ Γιονγκ Ουν συναντήθηκε με τον επικεφαλής του ρωσικού Συμβουλίου Ασφαλείας Σεργκέι Σοϊγκού",
        ),
        (
            "S16",
            "boilerplate",
            "el",
            "Δείτε όλες τις τελευταίες Ειδήσεις από την Ελλάδα και τον Κόσμο, τη στιγμή που συμβαίνουν, στο Protothema.gr",
        ),
    ),
    "el-skai-20240913": (
        (
            "S1",
            "body",
            "el",
            "Ο γραμματέας του ρωσικού Συμβουλίου Ασφαλείας Σεργκέι Σοϊγκού έγινε σήμερα δεκτός στη Βόρεια Κορέα από τον "
            "ηγέτη της χώρας Κιμ Γιονγκ Ουν στο πλαίσιο της «συνέχισης ενός στρατηγικού διαλόγου», ανακοίνωσαν οι "
            "ρωσικές αρχές.",
        ),
        ("S11", "boilerplate", "el", "Ακολουθήστε το Skai.gr στο Google News και μάθετε πρώτοι όλες τις ειδήσεις."),
    ),
    "it-dayfr-20240914": (
        ("S1", "title", "it", "Kim Jong-un e Sergei Shoigu si abbracciano in Corea del Nord"),
        ("S13", "boilerplate", "en", "Related News :"),
    ),
    "nb-vietnamvn-20240914": (
        ("S1", "boilerplate", "vi", "Vietnam.vn - Nền tảng quảng bá Việt Nam"),
        ("S35", "boilerplate", "nb", "Produkt"),
    ),
    "ro-unknown-20241130": (
        ("S1", "boilerplate", "ro", "Folosim cookie-uri pentru a analiza traficul și a îmbunătăți experiența ta."),
        ("S21", "boilerplate", "en", "Read More"),
    ),
}


@pytest.fixture(scope="module")
def docs() -> list[Document]:
    return load_gold()


@pytest.fixture(scope="module")
def by_id(docs: list[Document]) -> dict[str, Document]:
    return {d.doc_id: d for d in docs}


def test_five_documents_sorted_by_id(docs: list[Document]) -> None:
    assert [d.doc_id for d in docs] == DOC_IDS


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_segment_counts_per_zone_and_language(by_id: dict[str, Document], doc_id: str) -> None:
    language, chars, zones, langs = COUNTS[doc_id]
    doc = by_id[doc_id]
    assert doc.language == language
    assert len(doc.text) == chars
    assert dict(Counter(s.zone for s in doc.segments)) == zones
    assert dict(Counter(s.lang for s in doc.segments)) == langs
    assert len(doc.main_content_segments()) == sum(n for z, n in zones.items() if z in MAIN_CONTENT_ZONES)


def test_total_segments(docs: list[Document]) -> None:
    assert [len(d.segments) for d in docs] == [16, 11, 13, 35, 21]


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_first_and_last_segment(by_id: dict[str, Document], doc_id: str) -> None:
    doc = by_id[doc_id]
    first, last = FIRST_LAST[doc_id]
    for seg, expected in ((doc.segments[0], first), (doc.segments[-1], last)):
        assert (seg.id, seg.zone, seg.lang, seg.text) == expected
        assert doc.text[seg.start : seg.end] == seg.text


def test_text_is_the_corpus_file_exactly(docs: list[Document]) -> None:
    for doc in docs:
        raw = (bundled.corpus_dir() / f"{doc.doc_id}.txt").read_bytes()
        assert doc.text == raw.decode("utf-8")
        assert len(doc.text_sha256) == 64


def test_segment_lookup(by_id: dict[str, Document]) -> None:
    doc = by_id["ro-unknown-20241130"]
    assert doc.segment("S21").text == "Read More"
    with pytest.raises(KeyError):
        doc.segment("S999")


def test_main_content_is_ordered_subset(docs: list[Document]) -> None:
    for doc in docs:
        main = doc.main_content_segments()
        assert all(isinstance(s, Segment) and s.is_main_content for s in main)
        assert [s.id for s in main] == [s.id for s in doc.segments if s.zone in MAIN_CONTENT_ZONES]


def test_boilerplate_kind_only_on_boilerplate(docs: list[Document]) -> None:
    for seg in (s for d in docs for s in d.segments):
        assert (seg.boilerplate_kind is not None) == (seg.zone == "boilerplate")


def test_layers_are_typed_tuples(docs: list[Document]) -> None:
    for doc in docs:
        for layer in (doc.segments, doc.entities, doc.timexes, doc.events, doc.translations, doc.review):
            assert isinstance(layer, tuple)
        for ev in doc.events:
            assert isinstance(ev, Event) and isinstance(ev.arguments, tuple)
        for tr in doc.translations:
            assert doc.segment(tr.segment).is_main_content
            assert doc.translation(tr.segment) == tr.text


def test_documents_are_frozen(docs: list[Document]) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        docs[0].doc_id = "x"  # type: ignore[misc]


def test_published_date(by_id: dict[str, Document]) -> None:
    assert by_id["el-skai-20240913"].source.published_date.isoformat() == "2024-09-13"


def test_load_kb() -> None:
    kb = load_kb()
    assert isinstance(kb, KB)
    for slug, ent in kb.entities.items():
        assert ent.slug == slug and ent.name_en
    for slug, ev in kb.events.items():
        assert ev.slug == slug and isinstance(ev.participants, tuple)


# --- error handling and non-empty layers on a copy of the data ---------------------------


def _copy_data(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    shutil.copytree(bundled.corpus_dir(), root / "corpus")
    (root / "annotations").mkdir()
    for p in bundled.annotations_dir().glob("*.json"):
        shutil.copy(p, root / "annotations" / p.name)
    return root


def _edit(root: Path, doc_id: str, **fields) -> None:
    path = root / "annotations" / f"{doc_id}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data.update(fields)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_non_empty_layers_load(tmp_path: Path) -> None:
    root = _copy_data(tmp_path)
    text = (root / "corpus" / "el-skai-20240913.txt").read_text(encoding="utf-8")
    start = text.index("Σοϊγκού")
    span = {"start": start, "end": start + 7, "text": "Σοϊγκού"}
    _edit(
        root,
        "el-skai-20240913",
        entities=[{"id": "T1", **span, "type": "PER", "subtype": None, "entity": "sergei-shoigu"}],
        timexes=[{"id": "X1", "start": 0, "end": 1, "text": "Ο", "type": "DATE", "value": "2024-09-13"}],
        events=[
            {
                "id": "E1",
                "type": "CONSULT",
                "mode": "visit",
                "trigger": span,
                "arguments": [{"role": "actor", "ref": "T1"}, {"role": "time", "ref": "X1"}],
                "status": "asserted",
                "date": "2024-09-13",
                "instance": None,
            }
        ],
        translations=[{"segment": "S1", "text": "The secretary ..."}],
        review=["a note"],
    )
    doc = next(d for d in load_gold(root) if d.doc_id == "el-skai-20240913")
    assert doc.entities[0].entity == "sergei-shoigu" and doc.entities[0].subtype is None
    assert doc.timexes[0].value == "2024-09-13"
    assert doc.events[0].trigger.text == "Σοϊγκού"
    assert [(a.role, a.ref) for a in doc.events[0].arguments] == [("actor", "T1"), ("time", "X1")]
    assert doc.translation("S1") == "The secretary ..." and doc.translation("S2") is None
    assert doc.review == ("a note",)


def test_missing_folder_is_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        load_gold(tmp_path)


def test_not_json_is_usage_error(tmp_path: Path) -> None:
    root = _copy_data(tmp_path)
    (root / "annotations" / "el-skai-20240913.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(UsageError, match="not JSON"):
        load_gold(root)


def test_missing_text_is_usage_error(tmp_path: Path) -> None:
    root = _copy_data(tmp_path)
    (root / "corpus" / "el-skai-20240913.txt").unlink()
    with pytest.raises(UsageError, match="not found"):
        load_gold(root)


def test_missing_kb_is_usage_error(tmp_path: Path) -> None:
    root = _copy_data(tmp_path)
    (root / "annotations" / "kb.json").unlink()
    with pytest.raises(UsageError):
        load_kb(root)


def test_wrong_structure_is_data_error(tmp_path: Path) -> None:
    root = _copy_data(tmp_path)
    path = root / "annotations" / "el-skai-20240913.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    del data["segments"]
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DataError, match="segments"):
        load_gold(root)
