"""Getting predictions from a system: a predictions file, a Python callable or a command.

What a system is given (one JSON object per document, in doc_id order)::

    {"doc_id": "el-skai-20240913", "text": "<the whole corpus text>",
     "published": "2024-09-13", "tasks": ["lid", "zones", ...]}

``published`` is ``source.published``, the document creation time against which
relative time expressions are resolved; null when the corpus does not know it (allowed
by the schema for corpora other than newsgold's own): a system then has no base date and
should leave relative expressions unresolved. Nothing else from the gold is given: not the
primary language (the ``lid`` answer), not segments, zones or segment languages, and
no entity, timex, event or translation.

Translation is the exception: a translator must know which segments to translate and
answer by gold segment id. Passing the main-content segments
(``segments: [{id, start, end, text}]``) gives away the zones layer (and, through
``text``, most of the segmentation), so the harness calls the system in up to two
*runs*:

* the **blind run** for every requested task except ``translation``, with the input
  above; only the layers those tasks read are kept from its answers (with ``events``,
  also ``entities`` and ``timexes``, which event arguments refer to);
* the **translation run** (only when ``translation`` is requested), with the same input
  plus ``segments`` and ``tasks: ["translation"]``; only ``translations`` is kept.

So no score is computed from an answer that saw segments, except translation's.
A predictions file cannot be controlled this way: whoever writes one must produce
each layer from the inputs above (and ``translations`` from the translation input).

Callable (``package.module:function``): called once per run with the list of input
dicts; returns an iterable of prediction dicts (CONTRACT section 8), one per input,
in the same order. The current directory is importable. A call that overruns
``timeout`` is interrupted (SIGALRM, when newsgold runs in the main thread); one that
calls ``sys.exit`` is reported, not obeyed.

Command (``--command "CMD ARGS"``, split like a shell would, run without a shell;
use ``sh -c '...'`` for pipes): started once per run; newsgold writes the input lines
(JSON Lines) to its stdin, closes it, and reads one prediction line per input line,
in the same order, from its stdout. Stderr is kept for error messages. The run is
killed (with its process group) after ``timeout`` seconds. A descendant that leaves the
session (``setsid``) escapes the group kill; newsgold stops reading at the deadline, or
EXIT_GRACE seconds after the command's process group is gone, so it never waits for such a
process.

A run that dies, times out, answers a line that is not JSON, a wrong ``doc_id`` or
too few or too many lines raises :class:`SystemRunError` (exit status 2). Answers are
then checked exactly like a predictions file (``newsgold.predictions``).
"""
from __future__ import annotations

import contextlib
import importlib
import itertools
import json
import os
import shlex
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

from newsgold.errors import UsageError
from newsgold.gold import MAIN_CONTENT_ZONES
from newsgold.jsonio import loads
from newsgold.limits import MAX_LINE_BYTES, MAX_SYSTEM_OUTPUT_BYTES
from newsgold.predictions import Predictions, check_lines, read_conll_predictions, read_predictions

MODES = ("predictions", "conll", "callable", "command")
SEGMENT_INPUT_TASKS = frozenset({"translation"})
LAYER_NEEDS = {"events": ("entities", "timexes")}
"""Layers kept along with a requested one: event arguments refer to entity and timex ids of the answer."""
DEFAULT_TIMEOUT = 60.0
STDERR_TAIL = 10
STDERR_KEEP = 64 * 1024
EXIT_GRACE = 1.0
"""Seconds to keep reading after the command's process group is gone, while a descendant that
left the session still holds its stdout."""


class SystemRunError(UsageError):
    """The system could not produce usable answers (exit status 2)."""


@dataclass(frozen=True)
class SystemSpec:
    """Which system to run: ``mode`` is one of MODES, ``ref`` the file, ``module:function`` or command."""

    mode: str
    ref: str
    name: str = ""

    @property
    def label(self) -> str:
        return self.name or default_name(self.mode, self.ref)

    def describe(self) -> dict[str, str]:
        return {"name": self.label, "mode": self.mode, "ref": self.ref}


def default_name(mode: str, ref: str) -> str:
    """A short system name: the file stem, ``module:function``, or the command's script/program name."""
    if mode in ("predictions", "conll"):
        return Path(ref).stem
    if mode == "callable":
        return ref
    try:
        words = shlex.split(ref) or [ref]
    except ValueError:  # unbalanced quote: reported when the command is run
        words = ref.split() or [ref]
    scripts = [w for w in words[1:] if not w.startswith("-")]
    first = Path(words[0]).name
    return Path(scripts[0]).name if first.startswith("python") and scripts else first


@dataclass(frozen=True)
class Run:
    """One call of a system: the tasks it serves, the layers they read, and whether segments are passed."""

    label: str
    tasks: tuple[str, ...]
    layers: tuple[str, ...]
    with_segments: bool

    @property
    def keep(self) -> tuple[str, ...]:
        """The layers kept from the answers: ``layers`` plus those they refer to (LAYER_NEEDS)."""
        return tuple(sorted({*self.layers, *(n for layer in self.layers for n in LAYER_NEEDS.get(layer, ()))}))


def plan_runs(task_layers: Mapping[str, Sequence[str]]) -> list[Run]:
    """Split the requested tasks (name -> layers read) into the blind run and the translation run."""
    runs = []
    blind = [t for t in task_layers if t not in SEGMENT_INPUT_TASKS]
    seg = [t for t in task_layers if t in SEGMENT_INPUT_TASKS]
    for label, names, with_segments in (("blind run", blind, False), ("translation run", seg, True)):
        if names:
            layers = tuple(sorted({layer for t in names for layer in task_layers[t]}))
            runs.append(Run(label, tuple(names), layers, with_segments))
    return runs


def build_inputs(golds: Mapping[str, Mapping[str, Any]], run: Run) -> list[dict[str, Any]]:
    """The input objects of one run, in doc_id order (see the module docstring)."""
    inputs = []
    for doc_id in sorted(golds):
        gold = golds[doc_id]
        item: dict[str, Any] = {
            "doc_id": doc_id,
            "text": gold["text"],
            "published": gold["source"]["published"],
            "tasks": list(run.tasks),
        }
        if run.with_segments:
            item["segments"] = [
                {k: s[k] for k in ("id", "start", "end", "text")}
                for s in gold["segments"]
                if s["zone"] in MAIN_CONTENT_ZONES
            ]
        inputs.append(item)
    return inputs


# --- callable -------------------------------------------------------------------------------


def load_callable(ref: str) -> Callable[[list[dict[str, Any]]], Iterable[Any]]:
    """Import ``package.module:function`` (the current directory is importable)."""
    module_name, sep, attr = ref.partition(":")
    if not sep or not module_name or not attr:
        raise UsageError(f"--system {ref!r}: expected package.module:function")
    if os.getcwd() not in sys.path:
        sys.path.insert(0, os.getcwd())
    try:
        module = importlib.import_module(module_name)
    except SystemExit as exc:
        raise SystemRunError(f"--system {ref!r}: importing {module_name!r} called sys.exit({exc.code!r})") from None
    except Exception as exc:  # noqa: BLE001 - any import failure is the user's system, reported cleanly
        raise SystemRunError(f"--system {ref!r}: cannot import {module_name!r}: {type(exc).__name__}: {exc}") from None
    fn = getattr(module, attr, None)
    if not callable(fn):
        raise SystemRunError(f"--system {ref!r}: module {module_name!r} has no callable {attr!r}")
    return fn


class _CallableTimeout(BaseException):
    """Raised by SIGALRM inside a callable that overran --timeout (BaseException: ``except Exception`` in
    the system does not swallow it)."""


@contextlib.contextmanager
def _alarm(seconds: float | None) -> Iterator[None]:
    """Raise _CallableTimeout in the main thread after ``seconds`` (no-op elsewhere, or without setitimer)."""
    usable = seconds is not None and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def ring(_signum: int, _frame: Any) -> None:
        raise _CallableTimeout

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_callable(ref: str, inputs: list[dict[str, Any]], where: str, timeout: float | None = None) -> list[Any]:
    """Call the function once with all inputs; its exceptions, sys.exit and overrunning ``timeout``
    seconds (interrupted by SIGALRM, main thread only) become a SystemRunError."""
    fn = load_callable(ref)
    try:
        with _alarm(timeout):
            # one answer more than inputs is enough to report "too many": an endless generator must not hang
            answers = list(itertools.islice(fn([dict(x) for x in inputs]), len(inputs) + 1))
    except _CallableTimeout:
        raise SystemRunError(f"{where}: no answer within {timeout:g} s (--timeout); interrupted") from None
    except SystemExit as exc:
        raise SystemRunError(f"{where}: system called sys.exit({exc.code!r}){_origin(exc)}; "
                             "a callable must return its answers") from None
    except Exception as exc:  # noqa: BLE001 - report the system's failure without a traceback
        raise SystemRunError(f"{where}: system raised {type(exc).__name__}: {exc}{_origin(exc)}") from None
    return [_normalise(answer, f"{where} answer {n}") for n, answer in enumerate(answers, start=1)]


def _normalise(answer: Any, where: str) -> Any:
    """A callable's answer as plain JSON, read back as strictly as a file would be."""
    try:
        text = json.dumps(answer, ensure_ascii=True, allow_nan=False)
    except (TypeError, ValueError, RecursionError) as exc:
        raise SystemRunError(f"{where}: not JSON-serialisable ({type(exc).__name__}: {exc})") from None
    try:
        return loads(text, where, multiline=False)
    except UsageError as exc:
        raise SystemRunError(str(exc)) from None


def _origin(exc: BaseException) -> str:
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    return "" if tb is None else f" (at {tb.tb_frame.f_code.co_filename}:{tb.tb_lineno})"


# --- command --------------------------------------------------------------------------------


def _stderr_tail(stderr: bytes) -> str:
    lines = stderr.decode("utf-8", errors="replace").rstrip("\n").split("\n")
    lines = [line for line in lines if line.strip()][-STDERR_TAIL:]
    return "" if not lines else "\n  last stderr lines:\n" + "\n".join(f"    | {line}" for line in lines)


def _kill(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError, AttributeError):
        proc.kill()


def _group_alive(pgid: int) -> bool:
    """True while some process of the group ``pgid`` runs (the command's own children included)."""
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class _TooMuchOutput(Exception):
    """The command wrote more than MAX_SYSTEM_OUTPUT_BYTES to stdout."""


class _Exchange:
    """Feed stdin and drain stdout/stderr of a process until both close or a deadline passes."""

    def __init__(self, proc: subprocess.Popen, payload: bytes):
        import selectors

        self.proc, self.payload, self.sent = proc, memoryview(payload), 0
        self.out, self.err = bytearray(), bytearray()
        self.selector = selectors.DefaultSelector()
        for stream in (proc.stdout, proc.stderr):
            os.set_blocking(stream.fileno(), False)
            self.selector.register(stream, selectors.EVENT_READ)
        if payload:
            os.set_blocking(proc.stdin.fileno(), False)
            self.selector.register(proc.stdin, selectors.EVENT_WRITE)
        else:
            proc.stdin.close()

    def pump(self, deadline: float) -> bool:
        """Exchange data until stdout and stderr are closed, or until EXIT_GRACE seconds after the whole
        process group is gone (a descendant that left the session holds the pipes): True; False when
        ``deadline`` passes first."""
        import time

        exited = False
        while any(key.fileobj is not self.proc.stdin for key in self.selector.get_map().values()):
            now = time.monotonic()
            if not exited and self.proc.poll() is not None and not _group_alive(self.proc.pid):
                exited, deadline = True, min(deadline, now + EXIT_GRACE)
            if now >= deadline:
                return exited
            for key, _ in self.selector.select(min(deadline - now, 0.2)):
                self._step(key.fileobj)
        return True

    def _step(self, stream) -> None:
        if stream is self.proc.stdin:
            try:
                self.sent += os.write(stream.fileno(), self.payload[self.sent:self.sent + 65536])
            except BrokenPipeError:
                self.sent = len(self.payload)
            if self.sent >= len(self.payload):
                self.selector.unregister(stream)
                stream.close()
            return
        chunk = os.read(stream.fileno(), 65536)
        if not chunk:
            self.selector.unregister(stream)
            return
        if stream is self.proc.stdout:
            self.out += chunk
            if len(self.out) > MAX_SYSTEM_OUTPUT_BYTES:
                raise _TooMuchOutput
        else:
            self.err = (self.err + chunk)[-STDERR_KEEP:]

    def close(self) -> None:
        for key in list(self.selector.get_map().values()):
            self.selector.unregister(key.fileobj)
            key.fileobj.close()
        self.selector.close()


def _communicate(argv: list[str], payload: bytes, timeout: float, where: str) -> tuple[bytes, bytes, int]:
    """Run ``argv`` in its own session; its whole process group is killed after ``timeout`` seconds.

    A descendant that leaves the session (``setsid``) cannot be killed with the group; it
    may keep the pipes open, so newsgold stops waiting for them at the deadline anyway.
    """
    import time

    try:
        proc = subprocess.Popen(
            argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
        )
    except OSError as exc:
        raise SystemRunError(f"{where}: cannot start {argv[0]!r}: {exc.strerror or exc}") from None
    exchange = _Exchange(proc, payload)
    deadline = time.monotonic() + timeout
    too_much = False
    try:
        finished = exchange.pump(deadline)
        status = proc.wait(timeout=max(0.0, deadline - time.monotonic())) if finished else None
    except subprocess.TimeoutExpired:
        status = None
    except _TooMuchOutput:
        status, too_much = None, True
    finally:
        _kill(proc)  # the command and whatever it left running in its group: one run, nothing left behind
        proc.wait()
        exchange.close()
    err = bytes(exchange.err)
    if too_much:
        raise SystemRunError(f"{where}: wrote more than {MAX_SYSTEM_OUTPUT_BYTES} bytes to stdout; killed"
                             f"{_stderr_tail(err)}")
    if status is None:
        raise SystemRunError(f"{where}: no answer within {timeout:g} s (--timeout); killed{_stderr_tail(err)}")
    return bytes(exchange.out), err, status


def run_command(command: str, inputs: list[dict[str, Any]], timeout: float, where: str) -> list[Any]:
    """Run the command once: input lines on stdin, one JSON answer per line on stdout."""
    try:
        argv = shlex.split(command)
    except ValueError as exc:
        raise UsageError(f"--command {command!r}: {exc}") from None
    if not argv:
        raise UsageError("--command: empty command")
    payload = "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in inputs).encode("utf-8")
    out, err, status = _communicate(argv, payload, timeout, where)
    if status != 0:
        how = f"was killed by signal {-status}" if status < 0 else f"exited with status {status}"
        raise SystemRunError(f"{where}: command {how}{_stderr_tail(err)}")
    try:
        text = out.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SystemRunError(f"{where}: stdout is not UTF-8 (byte {exc.start}){_stderr_tail(err)}") from None
    answers = []
    for n, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        if len(line) > MAX_LINE_BYTES:
            raise SystemRunError(f"{where}: stdout line {n} is longer than {MAX_LINE_BYTES} characters{_stderr_tail(err)}")
        try:
            answers.append((n, loads(line, f"stdout line {n}", multiline=False)))
        except UsageError as exc:
            message = str(exc).replace(f"stdout line {n}: not JSON", f"stdout line {n} is not JSON", 1)
            raise SystemRunError(f"{where}: {message}: {line[:80]!r}{_stderr_tail(err)}") from None
    if len(answers) != len(inputs):
        raise SystemRunError(f"{where}: {len(answers)} answer line(s) for {len(inputs)} document(s); expected one "
                             f"per input line, in order{_stderr_tail(err)}")
    return answers


# --- answers --------------------------------------------------------------------------------


def match_answers(
    inputs: list[dict[str, Any]], answers: list[tuple[int, Any]], where: str
) -> list[tuple[str, int, Any]]:
    """Pair answer i with input i: same count, same doc_id; returns ``(where, line, answer)`` triples."""
    if len(answers) != len(inputs):
        raise SystemRunError(
            f"{where}: {len(answers)} answer line(s) for {len(inputs)} document(s); expected one per input line, in order"
        )
    paired = []
    for (n, answer), item in zip(answers, inputs):
        got = answer.get("doc_id") if isinstance(answer, dict) else None
        if got != item["doc_id"]:
            raise SystemRunError(f"{where}: answer line {n} has doc_id {got!r}, expected {item['doc_id']!r} (input order)")
        paired.append((f"{where} answer line {n}", n, answer))
    return paired


def _run_once(spec: SystemSpec, run: Run, golds: Mapping[str, Any], timeout: float) -> Predictions:
    inputs = build_inputs(golds, run)
    where = f"system {spec.label} ({run.label})"
    if spec.mode == "callable":
        answers = list(enumerate(run_callable(spec.ref, inputs, where, timeout), start=1))
    else:
        answers = run_command(spec.ref, inputs, timeout, where)
    checked = check_lines(match_answers(inputs, answers, where), golds, run.layers)
    for doc_id, pred in checked.by_doc.items():
        checked.by_doc[doc_id] = {k: v for k, v in pred.items() if k == "doc_id" or k in run.keep}
    return checked


def predict(
    spec: SystemSpec,
    golds: Mapping[str, Mapping[str, Any]],
    task_layers: Mapping[str, Sequence[str]],
    timeout: float = DEFAULT_TIMEOUT,
) -> Predictions:
    """Checked predictions of a system for every gold document.

    Args:
        spec: the system.
        golds: gold documents by doc_id (with ``text``).
        task_layers: requested task name -> prediction layers it reads.
        timeout: seconds allowed for each run of a command.
    """
    if spec.mode not in MODES:
        raise UsageError(f"unknown system mode {spec.mode!r}")
    layers = sorted({layer for ls in task_layers.values() for layer in ls})
    if spec.mode == "predictions":
        return read_predictions(Path(spec.ref), golds, layers)
    if spec.mode == "conll":
        return read_conll_predictions(Path(spec.ref), golds, layers)
    combined: dict[str, dict[str, Any]] = {doc_id: {"doc_id": doc_id} for doc_id in sorted(golds)}
    warnings: list[str] = []
    for run in plan_runs(task_layers):
        part = _run_once(spec, run, golds, timeout)
        warnings += [f"{run.label}: {w}" for w in part.warnings]
        for doc_id, pred in part.by_doc.items():
            combined[doc_id].update(pred)
    return Predictions(combined, warnings)
