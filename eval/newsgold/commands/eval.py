"""``newsgold eval``: score one system (and optionally compare it with a second) against the gold.

Exit status: 0 scored (warnings go to stderr); 1 the gold corpus is not valid (nothing
scored); 2 nothing scored because an input is unusable (bad option, unreadable or invalid
predictions, a system that crashes, exits, times out or answers garbage, an output target
that cannot be written). Outputs are checked before any work and written together at the
end. Regressions are the gate's business (``newsgold gate``).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newsgold.commands._options import add_gold_option, add_scoring_options, bounded_int

EPILOG = """\
systems get per document only {doc_id, text, published, tasks}; for the translation
task a second run also gets the main-content segments {id, start, end, text}.
See README.md, section "Evaluation harness", for the protocol and the checks.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = EPILOG
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--predictions", metavar="FILE.jsonl",
                        help="predictions file (JSON Lines, one line per document)")
    source.add_argument("--conll", metavar="FILE.conll",
                        help="token-level CoNLL/BIO entity predictions (-DOCSTART- <doc_id> lines; tokens of the "
                             "documented tokenizer), converted to spans; scored on the entities task only")
    source.add_argument("--system", metavar="MODULE:FUNCTION",
                        help="Python callable: list of input dicts -> predictions")
    # dest must not be "command": the CLI router keeps the subcommand name there
    source.add_argument("--command", dest="system_command", metavar="CMD",
                        help="command reading input JSON Lines on stdin, answering on stdout")
    parser.add_argument("--name", help="system name in the result (default: derived from the file, callable or command)")
    parser.add_argument("--tasks", default="all", help="comma-separated tasks (default: all): "
                        "lid,zones,entities,linking,timex,events,translation")
    parser.add_argument("--main-content-only", action="store_true", help="score only mentions in main content")
    parser.add_argument("--exclude-misc", action="store_true", help="leave MISC entity mentions out")
    parser.add_argument("--exclude-demonyms", action="store_true", help="leave MISC/demonym mentions out")
    add_scoring_options(parser, bootstrap_default=1000)
    add_gold_option(parser)
    parser.add_argument("--against", metavar="FILE.jsonl",
                        help="predictions of a second system: scored too, and compared by paired bootstrap")
    parser.add_argument("--against-name", help="name of the --against system (default: file stem)")
    parser.add_argument("--output", metavar="RESULT.json", help="write the result JSON here")
    parser.add_argument("--markdown", metavar="OUT.md", help="write the result as Markdown here")
    parser.add_argument("--save-predictions", metavar="FILE.jsonl",
                        help="write the system's checked predictions (e.g. to reuse them with --against later)")
    add_parallel_options(parser)


def add_parallel_options(parser: argparse.ArgumentParser) -> None:
    """``--jobs``, ``--backend``, ``--scheduler``: how a predictions file is scored (streamed, in parts)."""
    parser.add_argument("--jobs", type=bounded_int(1, 1024), default=1, metavar="N",
                        help="score a --predictions file in N processes (default 1; same numbers for any N)")
    parser.add_argument("--backend", choices=("local", "dask"), default="local",
                        help="local processes (default) or a Dask cluster (pip install 'newsgold[distributed]')")
    parser.add_argument("--scheduler", metavar="ADDRESS|local", default="local",
                        help="with --backend dask: a scheduler address (tcp://host:8786), or 'local' for a "
                             "local cluster of --jobs workers (default)")


def _spec(args: argparse.Namespace):
    from newsgold.systems import SystemSpec

    if args.predictions:
        return SystemSpec("predictions", args.predictions, args.name or "")
    if args.conll:
        return SystemSpec("conll", args.conll, args.name or "")
    if args.system:
        return SystemSpec("callable", args.system, args.name or "")
    return SystemSpec("command", args.system_command, args.name or "")


def _check_outputs(args: argparse.Namespace, corpus) -> None:
    """Every output target is usable and none is an input (before any work starts)."""
    from newsgold.outputs import check_outputs

    outputs = {"--output": args.output, "--markdown": args.markdown, "--save-predictions": args.save_predictions}
    check_outputs(outputs, [args.predictions, args.conll, args.against, *corpus.source_files()])


def _check_parallel(args: argparse.Namespace) -> None:
    """--jobs and --backend apply to a streamed predictions file only."""
    from newsgold.errors import UsageError

    if (args.jobs > 1 or args.backend != "local") and not args.predictions:
        raise UsageError("--jobs and --backend apply to a --predictions file (systems run in one process)")
    if (args.jobs > 1 or args.backend != "local") and args.save_predictions:
        raise UsageError("--save-predictions holds every prediction in memory: use it without --jobs/--backend")


def _conll_tasks(args: argparse.Namespace) -> list[str]:
    """CoNLL/BIO tags carry entity types only: the entities task (the default for --conll)."""
    from newsgold.errors import UsageError

    if args.tasks.strip() in ("all", "entities"):
        return ["entities"]
    raise UsageError(f"--conll predictions carry entity types only: --tasks entities (not {args.tasks!r})")


def _predictions_jsonl(by_doc: dict) -> str:
    import json

    return "".join(json.dumps(by_doc[d], ensure_ascii=False, allow_nan=False) + "\n" for d in sorted(by_doc))


def _streamed(args: argparse.Namespace, corpus, tasks, settings) -> dict:
    """A predictions file (and --against) scored document by document (newsgold.stream)."""
    from newsgold.stream import evaluate_files

    files = [(args.predictions, args.name or "")]
    if args.against:
        files.append((args.against, args.against_name or ""))
    runner = None
    if args.backend == "dask":
        from newsgold.backends.dask import runner as dask_runner

        runner = dask_runner(args.scheduler, args.jobs)
    return evaluate_files(corpus, files, tasks, settings, jobs=args.jobs, runner=runner)


def _in_memory(args: argparse.Namespace, corpus, tasks, settings) -> tuple[dict, dict]:
    """A system run on the whole gold at once (callable or command; or --save-predictions):
    the result and the system's checked predictions by doc_id."""
    from newsgold import evaluate
    from newsgold.corpus.verify import ensure_valid
    from newsgold.systems import SystemSpec, predict

    golds = corpus.golds()  # also fixes the fingerprint, so validation does not read the corpus again
    ensure_valid(corpus)
    layers = evaluate.task_layers(tasks)
    spec = _spec(args)
    systems = [(spec.describe(), predict(spec, golds, layers, timeout=args.timeout))]
    if args.against:
        other = SystemSpec("predictions", args.against, args.against_name or "")
        systems.append((other.describe(), predict(other, golds, layers)))
    result = evaluate.build_result(systems, tasks, golds, settings, corpus.fingerprint, compare_first_two=True,
                                   data_version=corpus.data_version)
    return result, systems[0][1].by_doc


def run(args: argparse.Namespace) -> int:
    from newsgold import evaluate
    from newsgold.commands._options import open_gold
    from newsgold.errors import DataError
    from newsgold.jsonio import dumps, write_all
    from newsgold.metrics.base import TaskOptions
    from newsgold.result import render_markdown, render_text, validate_result, warnings_of

    _check_parallel(args)
    names = _conll_tasks(args) if args.conll else evaluate.parse_tasks(args.tasks)
    tasks = [evaluate.load_task(n) for n in names]
    corpus = open_gold(args)
    _check_outputs(args, corpus)
    options = TaskOptions(args.main_content_only, args.exclude_misc, args.exclude_demonyms)
    settings = evaluate.Settings(tuple(names), options, args.bootstrap, args.seed)
    saved: dict = {}
    if args.predictions and not args.save_predictions:
        result = _streamed(args, corpus, tasks, settings)
    else:
        result, saved = _in_memory(args, corpus, tasks, settings)
    problems = validate_result(result)
    if problems:
        raise DataError("internal error: the result does not follow schema/result.schema.json: " + problems[0])
    outputs = [(Path(args.output), dumps(result)) if args.output else None,
               (Path(args.markdown), render_markdown(result)) if args.markdown else None,
               (Path(args.save_predictions), _predictions_jsonl(saved)) if args.save_predictions else None]
    write_all([o for o in outputs if o is not None])  # all at the end, all or none
    sys.stdout.write(render_text(result))
    for warning in warnings_of(result):
        print(f"warning: {warning}", file=sys.stderr)
    return 0
