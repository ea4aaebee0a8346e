"""Size limits (newsgold.checks.limits): the word count is skipped only where it cannot exceed the limit."""
from __future__ import annotations

import pytest

from newsgold.checks.limits import check_limits
from newsgold.limits import MAX_TRANSLATION_WORDS as WORDS


@pytest.mark.parametrize("text, over", [
    ("a " * WORDS, False),                    # 2 * WORDS characters, WORDS words
    ("a " * WORDS + "a", True),               # the shortest text of WORDS + 1 words
    ("\u3000".join("b" * (WORDS + 1)), True),  # any Unicode whitespace separates words
    ("a" * (2 * WORDS + 50), False),          # long, one word
])
def test_translation_word_limit_at_its_edge(text, over):
    found = check_limits({"translations": [{"segment": "S1", "text": text}]})
    assert [(f.path, f.message) for f in found] == ([("$.translations[0].text", f"{WORDS + 1} words")] if over else [])
