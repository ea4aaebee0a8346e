"""spaCy -> newsgold entities: a ``Doc``'s ``ents`` as the ``entities`` layer.

``doc_entities(doc)`` maps each ``Span`` of ``doc.ents`` (``start_char``,
``end_char``, ``label_``) through :data:`newsgold.adapters.labels.LABELS`
(OntoNotes and CoNLL/WikiNER labels -> PER/ORG/LOC/MISC; dates and numbers are
dropped), trimmed of whitespace, sorted. The offsets are the ``Doc``'s, so
``doc.text`` must be the corpus text (or pass ``offset`` when the ``Doc`` holds a
piece of it starting there). Linking is not attempted (no ``entity`` slug).

``predictor(nlp)`` is a harness callable: ``nlp(text)`` on each document's whole
text. In a module ``my_spacy.py``::

    import spacy
    from newsgold.adapters.spacy_doc import predictor
    predict = predictor(spacy.load("xx_ent_wiki_sm"))
    # newsgold eval --system my_spacy:predict --tasks entities

spaCy itself is not imported here: the functions only read the ``Doc`` and call
``nlp`` (install it with the ``adapters`` extra).
"""
from __future__ import annotations

from typing import Any, Callable, Mapping, Sequence

from newsgold.adapters.labels import LABELS, Target, entity, flat, target


def doc_entities(doc: Any, labels: Mapping[str, Target] = LABELS, text: str | None = None,
                 offset: int = 0) -> list[dict[str, Any]]:
    """The ``entities`` layer of a spaCy ``Doc`` (see the module docstring).

    Args:
        doc: a ``spacy.tokens.Doc`` (anything with ``.text`` and ``.ents`` of spans
            with ``start_char``, ``end_char``, ``label_``).
        labels: label -> (type, subtype) or None to drop; default :data:`LABELS`.
        text: the corpus text; default ``doc.text``. With ``offset``, ``doc.text`` must
            equal ``text[offset:offset + len(doc.text)]``.
        offset: where ``doc.text`` starts in ``text``.
    """
    full = doc.text if text is None else text
    if full[offset:offset + len(doc.text)] != doc.text:
        raise ValueError(f"doc.text is not the corpus text at offset {offset}: run nlp on the corpus text itself "
                         "(newsgold offsets are code points into it)")
    found = []
    for ent in doc.ents:
        mapped = target(ent.label_, labels)
        if mapped is not None:
            made = entity(full, offset + ent.start_char, offset + ent.end_char, mapped)
            if made is not None:
                found.append(made)
    return flat(found)


def predictor(nlp: Callable[[str], Any], labels: Mapping[str, Target] = LABELS
              ) -> Callable[[Sequence[Mapping[str, Any]]], list[dict[str, Any]]]:
    """A harness callable running ``nlp`` on each document's text and answering its entities."""
    def predict(inputs: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
        return [{"doc_id": item["doc_id"], "entities": doc_entities(nlp(item["text"]), labels)} for item in inputs]

    return predict
