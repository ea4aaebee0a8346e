"""Reading JSON/JSONL strictly with located errors, and writing files atomically.

Every JSON newsgold reads goes through :func:`loads` (files, JSON Lines, system answers),
which refuses what other JSON tools read differently or what cannot be written back:

* a key repeated in one object (Python would silently keep the last one);
* ``NaN``, ``Infinity`` and numbers that overflow to infinity (``1e400``): not JSON;
* a lone surrogate escape (``"\\ud800"``): not a Unicode character, cannot be written as UTF-8;
* nesting deeper than :data:`newsgold.limits.MAX_DEPTH`;
* an integer longer than :data:`newsgold.limits.MAX_INT_DIGITS` digits.

Each is a :class:`~newsgold.errors.UsageError` naming the file, the line (JSON Lines) and
the JSON path. Input files must be regular files (not a FIFO, a device or a folder) no
bigger than :data:`~newsgold.limits.MAX_FILE_BYTES`; JSON Lines are split on ``\\n`` only
(a U+2028 inside a string is not a line break) and each line is at most
:data:`~newsgold.limits.MAX_LINE_BYTES`.

Reading is two-tier, both tiers refusing exactly the same texts. The fast tier parses with
the standard library's C scanner (hooks only for fractions, exponents and ``NaN``, which
are rare) and then serialises the value once with ``orjson``, wrapped in as many lists as make
orjson's own nesting limit (254 in orjson 3.x, found by trying) fall exactly at
:data:`~newsgold.limits.MAX_DEPTH`: orjson refuses a lone surrogate, an integer beyond 64
bits (so none of more than 20 digits gets past) and that nesting, and a repeated key is
the only way the text can hold more colons than the serialisation (a colon written as
``\\u003a`` in a string is the one exception: such a text skips to the slow tier). The
serialisation is compact, so it is never much bigger than the text. Anything the fast tier is not sure of is parsed again by the slow tier, the
hooks and walks that name the JSON path of the defect. :func:`parse` also says whether a
float occurs (the schema check needs it, see :mod:`newsgold.checks.schema`).
"""
from __future__ import annotations

import json
import math
import os
import re
import stat
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import IO, Any, Iterator, NamedTuple

from newsgold.errors import UsageError
from newsgold.limits import MAX_DEPTH, MAX_FILE_BYTES, MAX_INT_DIGITS, MAX_LINE_BYTES

_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_PATH_SHOWN = 80
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_TOKEN = re.compile(_STRING.pattern + r"|[\[\]{}]", re.S)


class _Bad:
    """A value the strict parser refused, kept in place so that the walk can name its JSON path."""

    def __init__(self, message: str):
        self.message = message


class _DuplicateKeys(dict):
    """An object in which a key occurs more than once (the first repeated key is kept for the message)."""

    key: str = ""


class _Strict:
    """Parser hooks that replace refused values by markers (:class:`_Bad`, :class:`_DuplicateKeys`)
    and remember that they did, so that the walk naming the JSON path runs only then."""

    def __init__(self, numbers: bool) -> None:
        """``numbers``: also check every number (only needed when the text holds a long digit run or exponent)."""
        self.flagged = False
        hooks: dict[str, Any] = {"parse_float": self.float, "parse_int": self.int} if numbers else {}
        self.decoder = json.JSONDecoder(object_pairs_hook=self.pairs, parse_constant=self.constant, **hooks)

    def pairs(self, pairs: list[tuple[str, Any]]) -> dict:
        obj = dict(pairs)
        if len(obj) == len(pairs):
            return obj
        self.flagged = True
        seen: set[str] = set()
        dup = _DuplicateKeys(obj)
        dup.key = next(k for k, _ in pairs if k in seen or seen.add(k))  # type: ignore[func-returns-value]
        return dup

    def constant(self, name: str) -> _Bad:
        self.flagged = True
        return _Bad(f"{name} is not a JSON number (non-finite numbers are refused)")

    def float(self, text: str) -> float | _Bad:
        value = float(text)
        if math.isfinite(value):
            return value
        self.flagged = True
        return _Bad(f"number {text[:30]} overflows to infinity")

    def int(self, text: str) -> int | _Bad:
        digits = len(text) - text.startswith("-")
        if digits <= MAX_INT_DIGITS:
            return int(text)
        self.flagged = True
        return _Bad(f"integer of {digits} digits (at most {MAX_INT_DIGITS})")


_LONG_NUMBER = re.compile(r"(?:^|[:,\[])\s*-?(?:\d{%d}|\d+(?:\.\d+)?[eE][+-]?\d{3})" % (MAX_INT_DIGITS + 1))
"""Where a number may be too long or overflow (the hooks that check numbers run only then)."""


def _too_deep(obj: Any) -> bool:
    """True when ``obj`` nests deeper than MAX_DEPTH (level by level: no Python call per scalar)."""
    level = [obj] if isinstance(obj, (dict, list)) else []
    for _ in range(MAX_DEPTH):
        if not level:
            return False
        nxt: list[Any] = []
        for node in level:
            nxt.extend([v for v in (node.values() if isinstance(node, dict) else node) if isinstance(v, (dict, list))])
        level = nxt
    return bool(level)


def _key_path(path: str, key: Any) -> str:
    from newsgold.checks.problem import jpath

    return path + jpath(key)[1:] if isinstance(key, str) else f"{path}[{key}]"


def _first_defect(obj: Any, check_strings: bool) -> tuple[str, str] | None:
    """(JSON path, message) of the first refused value, walking without recursion."""
    stack: list[tuple[Any, str, int]] = [(obj, "$", 0)]
    while stack:
        node, path, depth = stack.pop()
        if isinstance(node, _Bad):
            return path, node.message
        if isinstance(node, str):
            if check_strings and _has_lone_surrogate(node):
                return path, "string holds a lone surrogate (not a Unicode character)"
            continue
        if not isinstance(node, (dict, list)):
            continue
        if depth >= MAX_DEPTH:
            return path, f"nested deeper than {MAX_DEPTH} levels"
        if isinstance(node, _DuplicateKeys):
            return path, f"key {node.key!r} occurs twice in one object"
        if isinstance(node, dict):
            for key in node:
                if check_strings and _has_lone_surrogate(key):
                    return path, "a key holds a lone surrogate (not a Unicode character)"
            children = [(v, _key_path(path, k), depth + 1) for k, v in node.items()]
        else:
            children = [(v, f"{path}[{i}]", depth + 1) for i, v in enumerate(node)]
        stack.extend(reversed(children))
    return None


def _has_lone_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _deep_position(text: str) -> int:
    """Offset of the first bracket that opens level MAX_DEPTH + 1 (strings skipped)."""
    depth = 0
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return match.start()
        elif token in "]}":
            depth -= 1
    return 0


def _line_col(text: str, pos: int) -> tuple[int, int]:
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1


class Parsed(NamedTuple):
    """A strictly parsed JSON value and whether a float (a number with a fraction or exponent) occurs in it."""

    value: Any
    holds_float: bool


def holds_float(obj: Any) -> bool:
    """True when a float occurs anywhere in ``obj`` (a walk: for values that :func:`parse` did not read)."""
    stack = [obj]
    while stack:  # iterative: an in-memory value may be nested deeper than the recursion limit
        node = stack.pop()
        if isinstance(node, float):
            return True
        if isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return False


class _Floats:
    """Hooks of the fast tier: note every float, give up on non-finite numbers and constants."""

    def __init__(self) -> None:
        self.seen = False
        self.unsure = False
        self.decoder = json.JSONDecoder(parse_float=self.float, parse_constant=self.constant)

    def float(self, text: str) -> float:
        self.seen = True
        value = float(text)
        if not math.isfinite(value):
            self.unsure = True
        return value

    def constant(self, name: str) -> float:
        self.unsure = True
        return math.nan


@lru_cache(maxsize=None)
def _orjson_depth() -> int:
    """How many containers orjson.dumps nests before it refuses (254 in orjson 3.x), found by trying,
    for lists and objects alike; 0 when it is not the same for both (then the depth is walked)."""
    import orjson

    found = []
    for wrap in (lambda v: [v], lambda v: {"k": v}):
        value: Any = 0
        for depth in range(4 * MAX_DEPTH + 1000):
            try:
                orjson.dumps(wrap(value))
            except TypeError:
                found.append(depth)
                break
            value = wrap(value)
        else:
            found.append(0)
    return found[0] if found[0] == found[1] else 0


def _fast_parse(text: str) -> Parsed | None:
    """The value when the fast tier is sure the text is strict JSON within the limits, else None."""
    import orjson

    floats = _Floats()
    try:
        value = floats.decoder.decode(text)
    except (ValueError, RecursionError):  # not JSON, or an integer Python will not convert: the slow tier says
        return None
    if floats.unsure or "\\u003" in text:  # a colon escaped as \u003a or \u003A: the count below would miss it
        return None
    levels = _orjson_depth() - MAX_DEPTH
    if levels <= 0 and _too_deep(value):  # this orjson nests too little for the check below: walk instead
        return None
    dumpable = value
    for _ in range(levels):  # orjson refuses the value nested this much deeper exactly when it nests
        dumpable = [dumpable]  # more than MAX_DEPTH containers itself
    try:
        dumped = orjson.dumps(dumpable)
    except TypeError:  # orjson.JSONEncodeError: a lone surrogate, an integer beyond 64 bits, too deep
        return None
    if dumped.count(b":") != text.count(":"):  # a repeated key: its pair is not in the serialisation
        return None
    return Parsed(value, floats.seen)


def loads(text: str, where: str, *, multiline: bool = True) -> Any:
    """Parse JSON strictly (see the module docstring); UsageError starting with ``where``.

    Args:
        text: the JSON text.
        where: names the input in messages (``file.json``, ``file.jsonl:3``).
        multiline: name the line and column of a syntax error (a whole file), else the column only.
    """
    return parse(text, where, multiline=multiline).value


def parse(text: str, where: str, *, multiline: bool = True) -> Parsed:
    """Like :func:`loads`, also saying whether a float occurs in the value."""
    fast = _fast_parse(text)
    if fast is not None:
        return fast
    value = _slow_loads(text, where, multiline)
    return Parsed(value, holds_float(value))


def _slow_loads(text: str, where: str, multiline: bool) -> Any:
    """The slow tier: hooks that replace refused values by markers, then a walk naming the first one's path."""
    strict = _Strict(numbers=bool(_LONG_NUMBER.search(text)))
    try:
        obj = strict.decoder.decode(text)
    except json.JSONDecodeError as exc:
        at = f"line {exc.lineno}, column {exc.colno}" if multiline else f"column {exc.colno}"
        raise UsageError(f"{where}: not JSON ({at}: {exc.msg})") from None
    except RecursionError:
        line, col = _line_col(text, _deep_position(text))
        at = f"line {line}, column {col}" if multiline else f"column {col}"
        raise UsageError(f"{where}: not usable JSON ({at}: nested deeper than {MAX_DEPTH} levels)") from None
    check_strings = bool(_SURROGATE_ESCAPE.search(text))
    if not (strict.flagged or check_strings or _too_deep(obj)):
        return obj
    defect = _first_defect(obj, check_strings)
    if defect is not None:
        path = defect[0] if len(defect[0]) <= _PATH_SHOWN else defect[0][: _PATH_SHOWN - 1] + "…"
        raise UsageError(f"{where}: {path}: {defect[1]}")
    return obj


def _open_regular(path: Path) -> IO[bytes]:
    """Open a regular file for reading; UsageError for a missing file, a folder, a FIFO or a device."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise UsageError(f"{path}: file not found") from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot read ({exc.strerror or exc})") from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        kind = "a folder" if stat.S_ISDIR(mode) else "not a regular file (a FIFO, socket or device)"
        raise UsageError(f"{path}: cannot read: {kind}")
    if hasattr(os, "set_blocking"):
        os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def read_bytes(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes (UsageError otherwise)."""
    try:
        with _open_regular(Path(path)) as fh:
            raw = fh.read(limit + 1)
    except OSError as exc:
        raise UsageError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if len(raw) > limit:
        raise UsageError(f"{path}: larger than {limit} bytes (the limit for one file)")
    return raw


def read_text(path: Path) -> str:
    """Read a UTF-8 file exactly (no newline translation); UsageError if missing, not regular, too big or not UTF-8."""
    raw = read_bytes(path)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UsageError(f"{path}: not UTF-8 (byte {exc.start}: {exc.reason})") from None


def read_json(path: Path) -> Any:
    """Parse a JSON file strictly; UsageError naming the line and column or the JSON path."""
    return loads(read_text(path), str(path))


def read_json_parsed(path: Path) -> Parsed:
    """Like :func:`read_json`, also saying whether a float occurs (see :func:`parse`)."""
    return parse(read_text(path), str(path))


def iter_jsonl(path: Path) -> Iterator[tuple[int, Any]]:
    """Yield (line number, object) for each non-blank line, streaming (see :func:`iter_jsonl_offsets`)."""
    for lineno, _offset, obj in iter_jsonl_offsets(path):
        yield lineno, obj


def parse_json_line(raw: bytes, where: str) -> Any:
    """Parse one JSON Lines line given as bytes; UsageError naming ``where`` when it is not strict UTF-8 JSON."""
    return parse_json_line_parsed(raw, where).value


def parse_json_line_parsed(raw: bytes, where: str) -> Parsed:
    """Like :func:`parse_json_line`, also saying whether a float occurs in the value (see :func:`parse`)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UsageError(f"{where}: not UTF-8 (byte {exc.start}: {exc.reason})") from None
    return parse(text, where, multiline=False)


def iter_jsonl_offsets(path: Path) -> Iterator[tuple[int, int, Any]]:
    """Stream (line number, byte offset, object) for each non-blank line, splitting on ``\\n`` only.

    The file is never held whole in memory; UsageError names the line that is not JSON
    or longer than MAX_LINE_BYTES.
    """
    for lineno, offset, parsed in iter_jsonl_parsed(path):
        yield lineno, offset, parsed.value


def iter_jsonl_parsed(path: Path) -> Iterator[tuple[int, int, Parsed]]:
    """Like :func:`iter_jsonl_offsets`, each value with whether a float occurs in it (see :func:`parse`)."""
    with _open_regular(Path(path)) as fh:
        offset, lineno = 0, 0
        while True:
            try:
                raw = fh.readline(MAX_LINE_BYTES + 1)
            except OSError as exc:
                raise UsageError(f"{path}: cannot read ({exc.strerror or exc})") from None
            if not raw:
                return
            lineno += 1
            if len(raw) > MAX_LINE_BYTES:
                raise UsageError(f"{path}:{lineno}: line longer than {MAX_LINE_BYTES} bytes (the limit for one line)")
            start, offset = offset, offset + len(raw)
            if not raw.isspace():  # a blank line (ASCII whitespace only) is skipped; no stripped copy made
                yield lineno, start, parse_json_line_parsed(raw, f"{path}:{lineno}")


def dumps(obj: Any) -> str:
    """The canonical JSON form used for every file newsgold writes (UTF-8, 2-space indent, finite numbers only)."""
    return json.dumps(obj, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def _write_temp(path: Path, data: str | bytes) -> str:
    """The data in a temporary file beside ``path`` (created with the permissions open() would give)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # mkstemp makes 0600 files; give what open() would
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
    except BaseException:
        os.unlink(tmp)
        raise
    return tmp


def write_all(outputs: list[tuple[Path, str | bytes]]) -> None:
    """Write every file or none: all go to temporary files first, then each is renamed into place.

    An OSError (read-only or full filesystem, no permission) becomes a UsageError naming
    the file, and no temporary file is left behind.
    """
    temps: list[tuple[str, Path]] = []
    current = None
    try:
        for path, data in outputs:
            current = Path(path)
            temps.append((_write_temp(current, data), current))
        for tmp, path in temps:
            current = path
            os.replace(tmp, path)
    except OSError as exc:
        raise UsageError(f"{current}: cannot write ({exc.strerror or exc})") from None
    finally:
        for tmp, _ in temps:
            if os.path.exists(tmp):
                os.unlink(tmp)


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write to a temporary file in the same folder, then rename: never a half-written file."""
    write_all([(Path(path), data)])


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_json(path: Path, obj: Any) -> None:
    """Write ``obj`` as canonical JSON, atomically."""
    write_atomic(path, dumps(obj))
