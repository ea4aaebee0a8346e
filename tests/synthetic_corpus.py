"""A small corpus unlike newsgold's own: Czech and Ukrainian news, free-form ids, mostly no dates.

Three synthetic documents in every layer (segments in cs, uk and en, entities, timexes,
events, translations) and their registry, written by :func:`write_folder` in the folder
form. Offsets are found in the text, so every span's ``text`` equals its slice by
construction. Relative and weekday expressions are normalised without a base date
(``XXXX-WXX-4`` for "Thursday") where the document has no publication date. Nothing
here is a real Wikidata id: every ``wikidata`` is null.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from newsgold import SCHEMA_VERSION
from newsgold.jsonio import dumps

MAIN = ("title", "lead", "heading", "body", "caption")

# Each document: lines (zone, lang, text, English reference or boilerplate kind),
# entities (needle, type, subtype, slug), timexes (needle, type, value),
# events (trigger, type, status, [(role, needle of the referenced mention)], date, instance).
DOCUMENTS: list[dict[str, Any]] = [
    {
        "doc_id": "ctk_2023_000117", "language": "cs", "outlet": "ČTK", "published": None,
        "lines": [
            ("title", "cs", "Vláda schválila další pomoc Ukrajině", "The government approved further aid to Ukraine"),
            ("body", "cs", "Premiér Petr Fiala ve čtvrtek oznámil, že Česko pošle Kyjevu další munici.",
             "Prime Minister Petr Fiala announced on Thursday that Czechia will send Kyiv more ammunition."),
            ("body", "cs", "Ministryně obrany Jana Černochová o dodávkách jednala v Bruselu se zástupci NATO.",
             "Defence Minister Jana Černochová discussed the deliveries in Brussels with NATO representatives."),
            ("byline", "cs", "ČTK, 2023", None),
            ("boilerplate", "cs", "Sdílet na Facebooku", "social_prompt"),
        ],
        "entities": [
            ("Ukrajině", "LOC", "country", "ukraine"), ("Petr Fiala", "PER", None, "petr-fiala"),
            ("Česko", "LOC", "country", "czechia"), ("Kyjevu", "LOC", "city", "kyiv"),
            ("Jana Černochová", "PER", None, "jana-cernochova"), ("Bruselu", "LOC", "city", "brussels"),
            ("NATO", "ORG", "military", "nato"), ("ČTK", "ORG", "media", "ctk"),
            ("Facebooku", "ORG", "company", "facebook"),
        ],
        "timexes": [("čtvrtek", "DATE", "XXXX-WXX-4"), ("2023", "DATE", "2023")],
        "events": [
            ("pošle", "AID", "intended", [("actor", "Česko"), ("recipient", "Kyjevu"), ("time", "čtvrtek")], None,
             "czech-ammunition-for-ukraine"),
            ("jednala", "CONSULT", "asserted",
             [("actor", "Jana Černochová"), ("place", "Bruselu"), ("recipient", "NATO")], None, None),
        ],
    },
    {
        "doc_id": "ukrinform-a9f3", "language": "uk", "outlet": None, "published": None,
        "lines": [
            ("title", "uk", "Зеленський подякував Чехії за боєприпаси", "Zelensky thanked Czechia for the ammunition"),
            ("body", "uk", "Президент України Володимир Зеленський у п'ятницю подякував прем'єру Петру Фіалі.",
             "President of Ukraine Volodymyr Zelensky thanked Prime Minister Petr Fiala on Friday."),
            ("body", "en", "“Czechia stands with Ukraine,” Fiala wrote on X.",
             "“Czechia stands with Ukraine,” Fiala wrote on X."),
            ("boilerplate", "uk", "Читайте також", "related_content"),
        ],
        "entities": [
            ("Зеленський", "PER", None, "volodymyr-zelensky"), ("Чехії", "LOC", "country", "czechia"),
            ("України", "LOC", "country", "ukraine"), ("Володимир Зеленський", "PER", None, "volodymyr-zelensky"),
            ("Петру Фіалі", "PER", None, "petr-fiala"), ("Czechia", "LOC", "country", "czechia"),
            ("Ukraine", "LOC", "country", "ukraine"), ("Fiala", "PER", None, "petr-fiala"),
            ("X", "ORG", "company", "x-social-network"),
        ],
        "timexes": [("п'ятницю", "DATE", "XXXX-WXX-5")],
        "events": [
            ("stands", "SUPPORT", "asserted", [("actor", "Czechia"), ("recipient", "Ukraine")], None, None),
        ],
    },
    {
        "doc_id": "ukrinform-b771", "language": "uk", "outlet": "Укрінформ", "published": "2023-11-20",
        "lines": [
            ("title", "uk", "Уряд Чехії схвалив нову допомогу", "The Czech government approved new aid"),
            ("body", "uk", "Міністр оборони Яна Чернохова провела переговори в Брюсселі 20 листопада.",
             "Defence Minister Jana Černochová held talks in Brussels on 20 November."),
        ],
        "entities": [
            ("Уряд Чехії", "ORG", "government", "czech-government"),
            ("Яна Чернохова", "PER", None, "jana-cernochova"), ("Брюсселі", "LOC", "city", "brussels"),
        ],
        "timexes": [("20 листопада", "DATE", "2023-11-20")],
        "events": [
            ("допомогу", "AID", "asserted", [("actor", "Уряд Чехії")], None, "czech-ammunition-for-ukraine"),
            ("переговори", "CONSULT", "asserted", [("actor", "Яна Чернохова"), ("place", "Брюсселі"),
                                                   ("time", "20 листопада")], "2023-11-20", None),
        ],
    },
]

REGISTRY_ENTITIES = {
    "ukraine": ("LOC", "country", "Ukraine", {"cs": ["Ukrajině"], "uk": ["України"], "en": ["Ukraine"]}),
    "petr-fiala": ("PER", None, "Petr Fiala", {"cs": ["Petr Fiala"], "uk": ["Петру Фіалі"], "en": ["Fiala"]}),
    "czechia": ("LOC", "country", "Czechia", {"cs": ["Česko"], "uk": ["Чехії"], "en": ["Czechia"]}),
    "kyiv": ("LOC", "city", "Kyiv", {"cs": ["Kyjevu"]}),
    "jana-cernochova": ("PER", None, "Jana Černochová", {"cs": ["Jana Černochová"], "uk": ["Яна Чернохова"]}),
    "brussels": ("LOC", "city", "Brussels", {"cs": ["Bruselu"], "uk": ["Брюсселі"]}),
    "nato": ("ORG", "military", "NATO", {"cs": ["NATO"]}),
    "ctk": ("ORG", "media", "Czech News Agency", {"cs": ["ČTK"]}),
    "facebook": ("ORG", "company", "Facebook", {"cs": ["Facebooku"]}),
    "volodymyr-zelensky": ("PER", None, "Volodymyr Zelensky", {"uk": ["Зеленський", "Володимир Зеленський"]}),
    "x-social-network": ("ORG", "company", "X", {"en": ["X"]}),
    "czech-government": ("ORG", "government", "Government of the Czech Republic", {"uk": ["Уряд Чехії"]}),
}
REGISTRY_EVENTS = {
    "czech-ammunition-for-ukraine": ("AID", None, "Czechia supplies ammunition to Ukraine.", ["czechia", "ukraine"]),
}


def _span(text: str, needle: str, after: int = 0) -> dict[str, Any]:
    start = text.index(needle, after)
    return {"start": start, "end": start + len(needle), "text": needle}


def build(spec: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """The annotation object and the text of one document spec."""
    text = "\n".join(line[2] for line in spec["lines"])
    segments, translations, offset = [], [], 0
    for i, (zone, lang, line, extra) in enumerate(spec["lines"], start=1):
        segment = {"id": f"S{i}", "start": offset, "end": offset + len(line), "text": line, "zone": zone}
        if zone == "boilerplate":
            segment["boilerplate_kind"] = extra
        segments.append({**segment, "lang": lang})
        if zone in MAIN:
            translations.append({"segment": f"S{i}", "text": extra})
        offset += len(line) + 1
    refs: dict[str, str] = {}
    entities, cursor = [], 0
    for i, (needle, type_, subtype, slug) in enumerate(spec["entities"], start=1):
        span = _span(text, needle, cursor)
        cursor = span["end"]
        refs[needle] = f"T{i}"
        entities.append({"id": f"T{i}", **span, "type": type_, "subtype": subtype, "entity": slug})
    timexes = []
    for i, (needle, type_, value) in enumerate(spec["timexes"], start=1):
        refs[needle] = f"X{i}"
        timexes.append({"id": f"X{i}", **_span(text, needle), "type": type_, "value": value})
    events = [{"id": f"E{i}", "type": type_, "mode": None, "trigger": _span(text, trigger),
               "arguments": [{"role": role, "ref": refs[needle]} for role, needle in args],
               "status": status, "date": date, "instance": instance}
              for i, (trigger, type_, status, args, date, instance) in enumerate(spec["events"], start=1)]
    doc_id = spec["doc_id"]
    annotation = {
        "schema_version": SCHEMA_VERSION, "doc_id": doc_id, "text_file": f"corpus/{doc_id}.txt",
        "text_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(), "text_length": len(text),
        "source": {"outlet": spec["outlet"], "url": None, "published": spec["published"]},
        "language": spec["language"], "segments": segments, "entities": entities, "timexes": timexes,
        "events": events, "translations": translations, "review": ["Synthetic test document."],
    }
    return annotation, text


def registry() -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "entities": {slug: {"type": t, "subtype": s, "name_en": name, "wikidata": None,
                            "wikidata_status": "unconfirmed", "aliases": aliases}
                     for slug, (t, s, name, aliases) in REGISTRY_ENTITIES.items()},
        "events": {slug: {"type": t, "date": date, "summary_en": summary, "participants": participants}
                   for slug, (t, date, summary, participants) in REGISTRY_EVENTS.items()},
        "review": [],
    }


def write_folder(root: Path, specs: list[dict[str, Any]] | None = None) -> Path:
    """The corpus in the folder form under ``root``; returns ``root``."""
    (root / "corpus").mkdir(parents=True, exist_ok=True)
    (root / "annotations").mkdir(exist_ok=True)
    for spec in specs or DOCUMENTS:
        annotation, text = build(spec)
        (root / "corpus" / f"{spec['doc_id']}.txt").write_bytes(text.encode("utf-8"))
        (root / "annotations" / f"{spec['doc_id']}.json").write_text(dumps(annotation), encoding="utf-8")
    (root / "annotations" / "kb.json").write_text(dumps(registry()), encoding="utf-8")
    return root


def predictions(root: Path) -> list[dict[str, Any]]:
    """Gold-as-predictions records of the corpus at ``root`` (every layer, ``text`` dropped)."""
    from newsgold.corpus import open_corpus

    layers = ("language", "segments", "entities", "timexes", "events", "translations")
    return [{"doc_id": d["doc_id"], **{k: d[k] for k in layers}} for d in open_corpus(root).documents()]
