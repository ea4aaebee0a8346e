"""The gold itself: pinned counts per layer, cross-references, and the consistency tools run clean.

Counts are pinned ir_datasets-style: an edit that adds or drops a mention must update
them on purpose (and say why in the document's review notes).
"""
from __future__ import annotations

import re
import subprocess
import sys
from collections import defaultdict

import pytest

from newsgold.audit import audit
from newsgold.gold import load_gold, load_kb
from newsgold.validate import validate_paths

LAYER_COUNTS = {
    # doc_id: (entities, timexes, events, translations); data_version 1.1.0 (CHANGELOG.md):
    # el-skai -1 event (E22), nb-vietnamvn -1 (E10), ro-unknown -3 (E9, E10, E15)
    "el-protothema-20240914": (48, 6, 21, 10),
    "el-skai-20240913": (41, 4, 24, 9),
    "it-dayfr-20240914": (56, 11, 29, 10),
    "nb-vietnamvn-20240914": (50, 6, 26, 12),
    "ro-unknown-20241130": (63, 5, 24, 10),
}
FIRST_LAST_ENTITY = {
    "el-protothema-20240914": ("Βόρεια Κορέα", "Protothema.gr"),
    "el-skai-20240913": ("ρωσικού Συμβουλίου Ασφαλείας", "Google News"),
    "it-dayfr-20240914": ("Kim Jong-un", "Kim Jong-un"),
    "nb-vietnamvn-20240914": ("Vietnam.vn", "Intervision 2025"),
    "ro-unknown-20241130": ("kcna.kp", "ANRE"),
}
KB_ENTITIES, KB_EVENTS, KB_QIDS = 54, 38, 28
DATA_VERSION = "1.1.0"


@pytest.fixture(scope="module")
def docs():
    return load_gold()


@pytest.fixture(scope="module")
def kb():
    return load_kb()


def test_layer_counts_are_pinned(docs):
    got = {d.doc_id: (len(d.entities), len(d.timexes), len(d.events), len(d.translations)) for d in docs}
    assert got == LAYER_COUNTS


def test_first_and_last_entity_of_each_document(docs):
    got = {d.doc_id: (d.entities[0].text, d.entities[-1].text) for d in docs}
    assert got == FIRST_LAST_ENTITY


def test_registry_counts(kb):
    assert (len(kb.entities), len(kb.events)) == (KB_ENTITIES, KB_EVENTS)
    assert sum(1 for e in kb.entities.values() if e.wikidata) == KB_QIDS


def test_registry_carries_the_data_version(kb):
    assert kb.data_version == DATA_VERSION


def test_every_registry_entity_has_a_wikidata_status(kb):
    for slug, entry in kb.entities.items():
        assert entry.wikidata_status in ("confirmed", "absent", "unconfirmed"), slug
        assert (entry.wikidata is not None) == (entry.wikidata_status == "confirmed"), slug


def test_an_instance_slug_carries_a_date_only_when_the_registry_gives_it(kb):
    for slug, event in kb.events.items():
        dated = re.search(r"-(\d{4}-\d{2}(?:-\d{2})?)$", slug)
        if dated:
            assert event.date is not None and event.date.startswith(dated.group(1)), slug


def test_every_slug_and_instance_resolves(docs, kb):
    for doc in docs:
        for m in doc.entities:
            assert m.entity is None or m.entity in kb.entities, (doc.doc_id, m.id, m.entity)
        for ev in doc.events:
            assert ev.instance is None or ev.instance in kb.events, (doc.doc_id, ev.id, ev.instance)


def test_every_registry_entry_is_used(docs, kb):
    used = {m.entity for d in docs for m in d.entities}
    assert set(kb.entities) <= used
    instances = {e.instance for d in docs for e in d.events}
    assert set(kb.events) <= instances


def test_each_main_content_segment_has_exactly_one_translation(docs):
    for doc in docs:
        main = [s.id for s in doc.main_content_segments()]
        translated = [t.segment for t in doc.translations]
        assert sorted(translated) == sorted(main), doc.doc_id


def test_registry_aliases_are_the_surface_forms_of_the_mentions(docs, kb):
    forms: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for doc in docs:
        for m in doc.entities:
            if m.entity:
                lang = next(s.lang for s in doc.segments if s.start <= m.start < s.end)
                forms[m.entity][lang].add(m.text)
    for slug, entry in kb.entities.items():
        assert {lang: set(v) for lang, v in entry.aliases.items()} == dict(forms[slug]), slug


def test_same_real_world_meeting_is_one_instance_across_four_outlets(docs):
    outlets = {d.doc_id for d in docs for e in d.events if e.instance == "shoigu-kim-meeting-2024-09-13"}
    assert outlets == {"el-protothema-20240914", "el-skai-20240913", "it-dayfr-20240914", "nb-vietnamvn-20240914"}
    belousov = {d.doc_id for d in docs for e in d.events if e.instance == "belousov-kim-talks-2024-11-29"}
    assert belousov == {"ro-unknown-20241130"}


def test_shoigu_typo_links_to_the_same_entity(docs):
    nb = next(d for d in docs if d.doc_id == "nb-vietnamvn-20240914")
    forms = {m.text for m in nb.entities if m.entity == "sergei-shoigu"}
    assert {"Sjojgu", "Sjoigus"} <= forms


def test_validate_is_clean_on_the_gold():
    assert validate_paths() == []


def test_audit_is_clean_or_explained_in_the_data(docs, kb):
    open_findings = [f.line() for f in audit(docs, kb) if not f.explained]
    assert open_findings == []


def test_audit_command_exits_zero():
    proc = subprocess.run([sys.executable, "-m", "newsgold", "audit"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 unexplained" in proc.stdout
