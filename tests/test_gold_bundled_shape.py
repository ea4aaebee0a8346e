"""What is specific to newsgold's own five documents, pinned here rather than in the schema.

The schema accepts any corpus in the format (any BCP-47 tag, any slug-shaped doc_id,
optional seed file, unknown publication date). The bundled gold is stricter, as the
contract (sections 1-3) fixes it: these tests hold it to that.
"""
from __future__ import annotations

import datetime as dt
import re

import pytest

from newsgold import SCHEMA_VERSION
from newsgold.corpus import open_corpus

DOC_ID = re.compile(r"^(el|nb|ro|it)-[a-z0-9]+-(\d{8})$")
SEED_FILE = re.compile(r"^[0-9]{3}_[0-9a-f]{16}\.txt$")
DOCUMENT_LANGUAGES = {"el", "nb", "ro", "it"}
SEGMENT_LANGUAGES = {"el", "nb", "ro", "it", "vi", "en", "zxx"}
ALIAS_LANGUAGES = {"el", "nb", "ro", "it", "vi", "en"}


@pytest.fixture(scope="module")
def golds() -> list[dict]:
    return list(open_corpus().documents())


@pytest.fixture(scope="module")
def registry() -> dict:
    return open_corpus().registry


def test_five_documents(golds: list[dict]) -> None:
    assert len(golds) == 5


def test_doc_id_is_language_outlet_date(golds: list[dict]) -> None:
    for doc in golds:
        match = DOC_ID.match(doc["doc_id"])
        assert match, doc["doc_id"]
        assert doc["doc_id"].split("-")[0] == doc["language"]
        assert dt.datetime.strptime(match[2], "%Y%m%d").date().isoformat() == doc["source"]["published"]


def test_languages_are_the_bundled_ones(golds: list[dict]) -> None:
    assert {d["language"] for d in golds} == DOCUMENT_LANGUAGES
    assert {s["lang"] for d in golds for s in d["segments"]} == SEGMENT_LANGUAGES


def test_provenance_is_complete(golds: list[dict]) -> None:
    for doc in golds:
        source = doc["source"]
        assert SEED_FILE.match(source["seed_file"]), source
        assert isinstance(source["published"], str) and dt.date.fromisoformat(source["published"])
        assert isinstance(source["published_basis"], str) and source["published_basis"].strip()


def test_alias_languages(registry: dict) -> None:
    keys = {lang for entity in registry["entities"].values() for lang in entity["aliases"]}
    assert keys <= ALIAS_LANGUAGES


def test_schema_version_is_current(golds: list[dict], registry: dict) -> None:
    assert {d["schema_version"] for d in golds} | {registry["schema_version"]} == {SCHEMA_VERSION}
