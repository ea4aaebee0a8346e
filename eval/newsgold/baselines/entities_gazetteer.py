"""Named entities from capitalisation plus a gazetteer of CLDR/ISO country and region names.

Built only from independent resources, never from the gold or the registry
(``annotations/kb.json``) or its aliases.

Gazetteer (:func:`gazetteer`): CLDR territory names in el, nb, ro, it, vi and en
(``babel.Locale(lang).territories``) plus ``pycountry`` country names (``name``,
``common_name``, ``official_name``). Two-letter codes are ``LOC``/``country``; UN M.49
numeric regions (``150`` Europe, ...) and ``QO`` are ``LOC``/``region``; ``EU``,
``EZ``, ``UN`` (organisations, the euro area) and ``ZZ`` (unknown region) are left out.

Tokens are ``\\w+`` runs joined by inner hyphens or apostrophes (``Jong-un``,
``Nord-Koreas``). Matching, left to right, longest entry first:

1. **Gazetteer**: an entry matches a token sequence when every token equals the
   entry's token (case-sensitive), or, for entry tokens of 4+ characters, starts
   with the entry token minus its last character and is at most 3 characters
   longer (the *inflection rule*: ``Ucraina`` -> ``Ucrainei``, ``Κορέα`` ->
   ``Κορέας``, ``Russland`` -> ``Russlands``). The first token must start with an
   upper-case letter. Hits are ``LOC`` with the entry's subtype, anywhere in the text.
2. **Capitalisation**: maximal runs of tokens starting with an upper-case letter,
   separated by spaces within a line, possibly joined by the lower-case connectors
   in :data:`CONNECTORS` (only between two capitalised tokens). A run's first token
   at a sentence start (line start, or after ``. ! ? … : ;``, ignoring opening
   quotes and brackets) is dropped unless the same token also occurs capitalised
   in a non-initial position in the document. Runs with fewer than 2 letters are
   dropped. Type: one all-upper-case token (``KCNA``) -> ``ORG``; two or more
   tokens -> ``PER``; one token -> ``LOC`` (the most frequent type of CoNLL-2003).

Linking is NIL-only: nothing maps a name to the registry or Wikidata without the
registry, so every mention has ``entity: null`` and ``wikidata: null``.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Mapping, NamedTuple

from newsgold.baselines._common import answer_each, version, wants

NAME = "entities_gazetteer"
TASKS = ("entities", "linking")
DESCRIPTION = "capitalised-token runs + CLDR/pycountry country and region gazetteer (LOC); NIL-only linking"
LIBRARIES: tuple[str, ...] = ("babel", "pycountry")
NOTE = "links nothing: every mention is NIL (entity and wikidata null), so linking credits it only on NIL gold mentions"
GAZETTEER_LANGUAGES: tuple[str, ...] = ("el", "nb", "ro", "it", "vi", "en")
CONNECTORS: frozenset[str] = frozenset({"de", "del", "della", "di", "van", "von", "der", "du", "dos", "bin"})
"""Lower-case words allowed inside a capitalised run (``Corea del Nord``, ``Ludwig van Beethoven``)."""
SKIPPED_CODES: frozenset[str] = frozenset({"EU", "EZ", "UN", "ZZ"})
REGION_CODES: frozenset[str] = frozenset({"QO"})
INFLECTION_MIN = 4
INFLECTION_EXTRA = 3
TOKEN_RE = re.compile(r"\w+(?:[-'’]\w+)*")
_ENDERS = ".!?…:;"
_OPENERS = "«“„\"'‘([{—–-"


class Token(NamedTuple):
    start: int
    end: int
    text: str

    @property
    def capitalised(self) -> bool:
        return self.text[0].isupper()


class Entry(NamedTuple):
    tokens: tuple[str, ...]
    subtype: str


def settings() -> dict[str, Any]:
    return {"babel": version("babel"), "pycountry": version("pycountry"), "cldr_languages": list(GAZETTEER_LANGUAGES),
            "connectors": sorted(CONNECTORS), "inflection_rule": f"entry tokens >= {INFLECTION_MIN} chars: "
            f"prefix minus last char, at most {INFLECTION_EXTRA} more chars", "linking": "NIL only",
            "types": "gazetteer LOC; acronym ORG; 2+ tokens PER; 1 token LOC"}


def tokenize(text: str) -> list[Token]:
    return [Token(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text)]


def _names() -> list[tuple[str, str]]:
    """(name, subtype) from CLDR and pycountry, countries before regions, in a fixed order."""
    from babel import Locale
    import pycountry

    names: list[tuple[str, str]] = []
    for lang in GAZETTEER_LANGUAGES:
        for code, name in sorted(Locale.parse(lang).territories.items()):
            if code in SKIPPED_CODES:
                continue
            names.append((name, "region" if code.isdigit() or code in REGION_CODES else "country"))
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        for attr in ("name", "common_name", "official_name"):
            if getattr(country, attr, None):
                names.append((getattr(country, attr), "country"))
    return names


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, tuple[Entry, ...]]:
    """Entries indexed by the first 3 characters of their first token, longest entries first."""
    seen: dict[tuple[str, ...], str] = {}
    for name, subtype in _names():
        tokens = tuple(t.text for t in tokenize(name))
        if tokens and tokens[0][0].isupper():
            seen.setdefault(tokens, subtype)
    index: dict[str, list[Entry]] = {}
    for tokens, subtype in seen.items():
        index.setdefault(tokens[0][:3], []).append(Entry(tokens, subtype))
    return {k: tuple(sorted(v, key=lambda e: (-len(e.tokens), e.tokens))) for k, v in index.items()}


def token_matches(token: str, entry_token: str) -> bool:
    """Equal, or the inflection rule (see the module docstring)."""
    if token == entry_token:
        return True
    return (len(entry_token) >= INFLECTION_MIN and token.startswith(entry_token[:-1])
            and len(token) <= len(entry_token) + INFLECTION_EXTRA)


def _same_line_gap(text: str, left: Token, right: Token) -> bool:
    gap = text[left.end:right.start]
    return bool(gap) and gap.isspace() and "\n" not in gap


def gazetteer_at(text: str, tokens: list[Token], i: int) -> tuple[int, Entry] | None:
    """The longest entry matching from token ``i``: (number of tokens, entry)."""
    if not tokens[i].capitalised:
        return None
    for entry in gazetteer().get(tokens[i].text[:3], ()):
        n = len(entry.tokens)
        window = tokens[i:i + n]
        if len(window) == n and all(token_matches(t.text, e) for t, e in zip(window, entry.tokens)) \
                and all(_same_line_gap(text, a, b) for a, b in zip(window, window[1:])):
            return n, entry
    return None


def sentence_initial(text: str, token: Token) -> bool:
    line_start = text.rfind("\n", 0, token.start) + 1
    before = text[line_start:token.start].rstrip().rstrip(_OPENERS).rstrip()
    return not before or before[-1] in _ENDERS


def capitalised_runs(text: str, tokens: list[Token], taken: set[int]) -> list[list[int]]:
    """Maximal runs of capitalised token indices (connectors inside), outside ``taken``."""
    runs: list[list[int]] = []
    i = 0
    while i < len(tokens):
        if i in taken or not tokens[i].capitalised:
            i += 1
            continue
        run = [i]
        j = i + 1
        while j < len(tokens) and j not in taken and _same_line_gap(text, tokens[j - 1], tokens[j]):
            if tokens[j].capitalised:
                run.append(j)
                j += 1
            elif (tokens[j].text in CONNECTORS and j + 1 < len(tokens) and j + 1 not in taken
                  and tokens[j + 1].capitalised and _same_line_gap(text, tokens[j], tokens[j + 1])):
                run += [j, j + 1]
                j += 2
            else:
                break
        runs.append(run)
        i = j
    return runs


def _trim_initial(text: str, tokens: list[Token], run: list[int], mid_sentence: set[str]) -> list[int]:
    first = tokens[run[0]]
    if sentence_initial(text, first) and first.text not in mid_sentence:
        run = run[1:]
        while run and not tokens[run[0]].capitalised:
            run = run[1:]
    return run


def run_type(tokens: list[Token]) -> str:
    if len(tokens) == 1 and tokens[0].text.isupper() and sum(c.isalpha() for c in tokens[0].text) >= 2:
        return "ORG"
    return "PER" if len(tokens) > 1 else "LOC"


def find_entities(text: str) -> list[tuple[int, int, str, str | None]]:
    """``(start, end, type, subtype)`` of every mention, in text order, flat."""
    tokens = tokenize(text)
    found: list[tuple[int, int, str, str | None]] = []
    taken: set[int] = set()
    i = 0
    while i < len(tokens):
        hit = gazetteer_at(text, tokens, i)
        if hit:
            n, entry = hit
            found.append((tokens[i].start, tokens[i + n - 1].end, "LOC", entry.subtype))
            taken.update(range(i, i + n))
            i += n
        else:
            i += 1
    mid_sentence = {t.text for t in tokens if t.capitalised and not sentence_initial(text, t)}
    for run in capitalised_runs(text, tokens, taken):
        run = _trim_initial(text, tokens, run, mid_sentence)
        members = [tokens[k] for k in run]
        if members and sum(c.isalpha() for t in members for c in t.text) >= 2:
            found.append((members[0].start, members[-1].end, run_type(members), None))
    return sorted(found)


def predict_one(item: Mapping[str, Any]) -> dict[str, Any]:
    if not wants(item, "entities", "linking"):
        return {}
    text = item["text"]
    return {"entities": [{"start": s, "end": e, "text": text[s:e], "type": t, "subtype": sub,
                          "entity": None, "wikidata": None} for s, e, t, sub in find_entities(text)]}


def predict(inputs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Harness callable: one prediction per input, in order."""
    return answer_each(inputs, predict_one)
