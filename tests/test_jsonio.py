"""The strict JSON reader and the all-or-nothing writer (newsgold.jsonio)."""
from __future__ import annotations

import errno
import json
import os

import pytest

from newsgold import jsonio
from newsgold.errors import UsageError
from newsgold.limits import MAX_DEPTH


@pytest.mark.parametrize("text, says", [
    ('{"a": 1, "a": 2}', "$: key 'a' occurs twice"),
    ('{"x": [{"b": 1, "c": 2, "b": 3}]}', "$.x[0]: key 'b' occurs twice"),
    ('[NaN]', "$[0]: NaN is not a JSON number"),
    ('{"v": -Infinity}', "$.v: -Infinity"),
    ('{"v": 1e400}', "$.v: number 1e400 overflows"),
    ('{"v": "\\udc80"}', "$.v: string holds a lone surrogate"),
    ('{"v": %s}' % ("1" * 21), "$.v: integer of 21 digits"),
    ("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1), f"nested deeper than {MAX_DEPTH}"),
    ("[" * 100_000 + "]" * 100_000, "line 1, column"),
    ('{"a": ', "not JSON (line 1, column 7"),
])
def test_loads_refuses_with_a_location(text, says):
    with pytest.raises(UsageError, match="^f.json: ") as info:
        jsonio.loads(text, "f.json")
    assert says in str(info.value)


@pytest.mark.parametrize("text, value", [
    ('{"k": "\\ud83d\\ude00"}', {"k": "\U0001F600"}),  # a valid surrogate pair
    ('{"k": "a\u2028b\u0085c"}', {"k": "a\u2028b\u0085c"}),
    ('{"n": -12345678901234567890}', {"n": -12345678901234567890}),
    ('{"f": 1.5e300}', {"f": 1.5e300}),
    ("[" * MAX_DEPTH + "]" * MAX_DEPTH, json.loads("[" * MAX_DEPTH + "]" * MAX_DEPTH)),
])
def test_loads_accepts_what_every_tool_reads_alike(text, value):
    assert jsonio.loads(text, "f.json") == value


def test_json_lines_split_on_newline_only(tmp_path):
    path = tmp_path / "p.jsonl"
    path.write_text('{"t": "a\u2028b"}\n\n{"t": "c\u0085d\u2029e"}\r\n', "utf-8")
    assert list(jsonio.iter_jsonl(path)) == [(1, {"t": "a\u2028b"}), (3, {"t": "c\u0085d\u2029e"})]
    offsets = [offset for _, offset, _ in jsonio.iter_jsonl_offsets(path)]
    assert offsets == [0, len('{"t": "a\u2028b"}\n\n'.encode("utf-8"))]


def test_json_lines_errors_name_the_line(tmp_path):
    path = tmp_path / "p.jsonl"
    path.write_text('{"a": 1}\n{"a": 1, "a": 2}\n', "utf-8")
    with pytest.raises(UsageError, match=r"p\.jsonl:2: \$: key 'a' occurs twice"):
        list(jsonio.iter_jsonl(path))


def test_special_files_are_refused(tmp_path):
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    loop = tmp_path / "loop.json"
    os.symlink("loop.json", loop)
    for path, says in ((fifo, "not a regular file"), (loop, "cannot read"), (tmp_path, "a folder")):
        with pytest.raises(UsageError, match=says):
            jsonio.read_json(path)
    with pytest.raises(UsageError, match="not a regular file"):
        list(jsonio.iter_jsonl("/dev/zero"))


def test_write_all_writes_every_file_or_none(tmp_path, monkeypatch):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.write_text("old")
    real_replace = os.replace
    calls = []

    def replace(src, dst):
        calls.append(dst)
        if len(calls) == 1:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(UsageError, match=r"a\.json: cannot write \(No space left on device\)"):
        jsonio.write_all([(a, "new a"), (b, "new b")])
    assert a.read_text() == "old" and not b.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json"]  # no temporary file left


def test_dumps_refuses_non_finite_numbers():
    with pytest.raises(ValueError):
        jsonio.dumps({"x": float("nan")})


FAST_TIER_DECLINES = [  # the fast tier hands each of these to the slow one, which names the defect
    '{"a": 1, "a": 2}',
    '{"a": "x:y", "b": {"c": 1, "c": 2}}',
    '{"a": 1, "a": "\\u003a"}',  # the escaped colon, kept, would hide the repeated key from a colon count
    '{"v": "\\udc80"}', '{"\\ud800": 1}',
    '{"v": %d}' % 2**64, '{"v": %d}' % -(2**63 + 1), '{"v": %s}' % ("1" * 21), "[%s]" % ("9" * 5000),
    '[NaN]', '[1e400]', '[-1e400]',
    "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1),
    '{"k": ' * (MAX_DEPTH + 1) + "1" + "}" * (MAX_DEPTH + 1),
    '[{"k": ' * ((MAX_DEPTH + 1) // 2) + "[]" + "}]" * ((MAX_DEPTH + 1) // 2),  # 65 levels, mixed
    '{"a": ', "[1,]",
]


@pytest.mark.parametrize("text", FAST_TIER_DECLINES)
def test_the_fast_tier_declines_every_doubtful_text(text):
    assert jsonio._fast_parse(text) is None


@pytest.mark.parametrize("text", [
    '{"a": 1, "b": {"a": 2}}', '{"a:b": "c:d", "e": [":", "::"]}',  # colons in keys and strings
    '{"n": %d, "m": %d}' % (2**64 - 1, -(2**63)),  # the 64-bit range
    "[" * MAX_DEPTH + "]" * MAX_DEPTH,
    '{"k": ' * (MAX_DEPTH - 1) + "[1, 2]" + "}" * (MAX_DEPTH - 1),  # 63 objects, then a list: the limit
    '{"k": "\\ud83d\\ude00"}',
    "null", "0", '"x"',
])
def test_the_fast_tier_takes_clean_json(text):
    assert jsonio._fast_parse(text) == (json.loads(text), False)


def test_integers_of_twenty_digits_beyond_64_bits_are_read_by_the_slow_tier():
    text = '{"n": %d}' % (10**20 - 1)
    assert jsonio._fast_parse(text) is None
    assert jsonio.loads(text, "f.json") == {"n": 10**20 - 1}


@pytest.mark.parametrize("text, holds_float", [
    ('{"a": [1, {"b": 2}]}', False),
    ('{"a": [1, {"b": 0.0}]}', True),
    ('{"a": 1e20}', True),
    ('{"a": "1.5", "b": "\\u003a", "c": 1}', False),  # the slow tier walks instead
    ('{"a": "\\u003a", "c": -2.5E-3}', True),
])
def test_parse_says_whether_a_float_occurs(text, holds_float):
    parsed = jsonio.parse(text, "f.json")
    assert parsed == (json.loads(text), holds_float)
    assert jsonio.holds_float(parsed.value) is holds_float


def test_the_fast_tier_never_needs_much_more_memory_than_the_text(monkeypatch):
    """A wide array 62 levels down: an indented serialisation would be ~65x the text."""
    import orjson

    sizes = []
    real = orjson.dumps
    monkeypatch.setattr(orjson, "dumps", lambda *a, **k: sizes.append(len(out := real(*a, **k))) or out)
    text = "[" * 62 + ",".join(["1"] * 10_000) + "]" * 62
    assert jsonio._fast_parse(text) is not None
    assert sizes and max(sizes) < 2 * len(text)


def test_the_depth_is_walked_when_orjson_nests_too_little_for_the_wrapping(monkeypatch):
    assert jsonio._orjson_depth() > MAX_DEPTH  # orjson 3.x: 254
    monkeypatch.setattr(jsonio, "_orjson_depth", lambda: 0)
    assert jsonio._fast_parse("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)) is None
    assert jsonio._fast_parse("[" * MAX_DEPTH + "]" * MAX_DEPTH) is not None
