"""Croissant 1.0 metadata (``croissant.json``) for the Parquet files ``newsgold build`` writes.

Made from the same declarations as the Hugging Face README header (:mod:`newsgold.hf`:
configs, features, languages) so the two cannot drift; ``newsgold build`` writes it and
``newsgold build --check`` reports it stale.

- ``distribution``: one ``cr:FileObject`` per config's Parquet file (path relative to
  the dataset root, sha256 of the file as written);
- ``recordSet``: one per config, a ``cr:Field`` per column read from its Parquet file.
  Croissant's reference loader (mlcroissant) reads scalar columns and lists of scalars
  (``repeated``), not structs: the nested columns of ``documents`` (``source`` and the
  layers) are left out of its record set, and every layer has a flat record set of its
  own (``entities``, ``timexes``, ``events``, ``event_arguments``, ``segments``,
  ``translation``, ``kb``, ``kb_events``);
- licence, languages, citation (the README's ``bibtex`` block), ``version`` = the
  registry's ``data_version`` (left out when the registry has none), and the corpus
  fingerprint in the description.
"""
from __future__ import annotations

import re
from typing import Any, Mapping

CONFORMS_TO = "http://mlcommons.org/croissant/1.0"
LICENSE = "https://creativecommons.org/licenses/by/4.0/"
URL = "https://newsgold.invalid/"
DATA_TYPES = {"string": "sc:Text", "int32": "sc:Integer", "int64": "sc:Integer", "bool": "sc:Boolean"}

# The JSON-LD context of Croissant 1.0 (as in the specification's examples).
CONTEXT: dict[str, Any] = {
    "@language": "en", "@vocab": "https://schema.org/", "citeAs": "cr:citeAs", "column": "cr:column",
    "conformsTo": "dct:conformsTo", "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"}, "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/", "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"}, "extract": "cr:extract", "field": "cr:field",
    "fileProperty": "cr:fileProperty", "fileObject": "cr:fileObject", "fileSet": "cr:fileSet", "format": "cr:format",
    "includes": "cr:includes", "isLiveDataset": "cr:isLiveDataset", "jsonPath": "cr:jsonPath", "key": "cr:key",
    "md5": "cr:md5", "parentField": "cr:parentField", "path": "cr:path", "recordSet": "cr:recordSet",
    "references": "cr:references", "regex": "cr:regex", "repeated": "cr:repeated", "replace": "cr:replace",
    "samplingRate": "cr:samplingRate", "sc": "https://schema.org/", "separator": "cr:separator", "source": "cr:source",
    "subField": "cr:subField", "transform": "cr:transform",
}

DESCRIPTION = ("A hand-checked multilingual news gold standard: five real news web pages (Greek, Norwegian with "
               "Vietnamese lines, Romanian with English lines, Italian) with zones and languages of every "
               "character, named entities linked to a registry and Wikidata, TIMEX3 time expressions, PLOVER "
               "events and English reference translations. Annotations CC BY 4.0; the news texts belong to their "
               "publishers and are included unchanged as short excerpts for research and evaluation, not relicensed.")


def citation(readme: str) -> str | None:
    """The README's ``bibtex`` code block, or None."""
    match = re.search(r"```bibtex\n(.*?)```", readme, re.S)
    return match[1].strip() if match else None


def croissant_fields(config: str, schema: Mapping[str, Any], file_id: str) -> list[dict[str, Any]]:
    """The fields of a config's record set: its scalar and list-of-scalar columns."""
    fields = []
    for name, spec in schema.items():
        repeated = isinstance(spec, list) and isinstance(spec[0], str)
        scalar = spec[0] if repeated else spec
        if not isinstance(scalar, str):
            continue  # a struct, or a list of structs: not readable by the reference loader
        field: dict[str, Any] = {"@type": "cr:Field", "@id": f"{config}/{name}", "name": name,
                                 "dataType": DATA_TYPES[scalar],
                                 "source": {"fileObject": {"@id": file_id}, "extract": {"column": name}}}
        if repeated:
            field["repeated"] = True
        fields.append(field)
    return fields


def metadata(configs: Mapping[str, tuple[str, str, str, Mapping[str, Any]]], languages: list[str],
             fingerprint: str, data_version: str | None, cite: str | None, keywords: list[str]) -> dict[str, Any]:
    """The Croissant document.

    Args:
        configs: config -> (Parquet path relative to the root, its sha256, description, schema).
    """
    distribution, record_sets = [], []
    for config, (path, sha256, description, schema) in configs.items():
        file_id = f"{config}-parquet"
        distribution.append({"@type": "cr:FileObject", "@id": file_id, "name": file_id,
                             "description": f"Parquet file of the {config} config", "contentUrl": path,
                             "encodingFormat": "application/x-parquet", "sha256": sha256})
        record_sets.append({"@type": "cr:RecordSet", "@id": config, "name": config, "description": description,
                            "field": croissant_fields(config, schema, file_id)})
    doc: dict[str, Any] = {
        "@context": CONTEXT, "@type": "sc:Dataset", "name": "newsgold", "conformsTo": CONFORMS_TO,
        "description": f"{DESCRIPTION} Corpus fingerprint: sha256:{fingerprint}.",
        "url": URL, "license": LICENSE, "inLanguage": languages, "keywords": keywords,
    }
    if data_version:
        doc["version"] = data_version
    if cite:
        doc["citeAs"] = cite
    doc["distribution"] = distribution
    doc["recordSet"] = record_sets
    return doc
