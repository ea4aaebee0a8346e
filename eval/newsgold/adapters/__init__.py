"""Adapters: turn what other frameworks produce into newsgold prediction layers.

- :mod:`newsgold.adapters.spacy_doc` — a spaCy ``Doc``'s ``ents`` -> ``entities``
  (spaCy/OntoNotes labels mapped to PER/ORG/LOC/MISC; needs the ``adapters`` extra);
- :mod:`newsgold.adapters.hf_pipeline` — a Hugging Face ``transformers``
  token-classification pipeline's output (plain dicts) -> ``entities`` (no import of
  transformers: the adapter reads the dicts);
- :mod:`newsgold.adapters.extracted_text` — an extractor's main text -> ``segments``
  with zones (character spans of the corpus text), standard library only.

Each module imports its framework lazily, so importing this package costs nothing.
"""
