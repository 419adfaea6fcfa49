"""The `rearth` command line: parse options, call the library, write lines, set the exit status."""

from __future__ import annotations

import os
import re
import signal
import sys
from collections.abc import Callable, Iterable, Iterator

import click

from rearth_cli import OFFTOPIC_THRESHOLD, VERSION

EXIT_OK, EXIT_FAILED_INPUT, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
_LANG_CODE = re.compile(r"^[a-z]{2,3}$")


def _stdout_write(line: str) -> None:
    """Write one whole line (or block) to stdout and flush it, so pipes see records as they come.

    Ctrl-C is held back while the line is written: a record longer than the
    pipe buffer goes out in several writes, and an interrupt between them would
    leave half a JSON line for the next tool in the pipeline.
    """
    blocked = hasattr(signal, "pthread_sigmask")
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT}) if blocked else None
    try:
        sys.stdout.write(line)
        sys.stdout.flush()
    finally:
        if blocked:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _quiet_broken_pipe() -> None:
    """Point stdout at /dev/null so Python's exit flush does not complain about a closed pipe."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _report_error(record: dict, debug: bool) -> None:
    """Write a failed record as one line on stderr."""
    error = record["error"]
    message = error["message"] if debug else error["message"].split("\n", 1)[0]
    click.echo(f"rearth: {record['source']}: {error['code']}: {message}", err=True)


def _lang_option(ctx, param, value: str | None) -> str | None:
    """Return a validated ISO 639-1 code."""
    if value is None:
        return None
    value = value.strip().lower()
    if not _LANG_CODE.match(value):
        raise click.BadParameter(f"'{value}' is not a language code; use ISO 639-1, such as fr, en, de, es, it")
    return value


def analysis_options(command):
    """Add the options shared by commands that analyse articles."""
    options = [
        click.argument("paths", nargs=-1, type=click.Path(dir_okay=True, allow_dash=True)),
        click.option("--files-from", "files_from", type=click.File("rb"), metavar="FILE",
                     help="Read the paths to analyse from FILE, one per line ('-' for stdin)."),
        click.option("-0", "--null", "null_separated", is_flag=True,
                     help="Paths in --files-from are separated by NUL characters (find -print0)."),
        click.option("--glob", "globs", multiple=True, metavar="PATTERN",
                     help="In folders, analyse only files matching PATTERN (repeatable), e.g. --glob '*.txt'."),
        click.option("--input-format", type=click.Choice(["auto", "txt", "md", "html", "jsonl"]), default="auto",
                     show_default=True, help="How to read inputs; auto goes by extension, and by content for stdin."),
        click.option("--lang", callback=_lang_option, metavar="CODE",
                     help="Take the article language as CODE (fr, en, de, es, it...) instead of detecting it."),
        click.option("--fast", is_flag=True,
                     help="Rules and gazetteers only, without spaCy or its model: about 5x faster; French off-topic scoring loses the lemmas."),
        click.option("--gazetteer", "gazetteers", multiple=True, type=click.Path(exists=True, dir_okay=False),
                     metavar="FILE.jsonl", help="Add your own leaders, aliases, countries, summits or commodities (models/ format)."),
        click.option("--offtopic-threshold", type=click.FloatRange(0.0, 1.0), default=OFFTOPIC_THRESHOLD, show_default=True,
                     help="Flag paragraphs whose off-topic score reaches this value (lower flags more)."),
        click.option("--max-bytes", type=click.IntRange(1), default=20_000_000, show_default=True,
                     help="Refuse inputs larger than this many bytes (too_large)."),
        click.option("-j", "--jobs", type=click.IntRange(1), default=None,
                     help="Worker processes [default: all cores]."),
        click.option("--dask-scheduler", metavar="ADDRESS",
                     help="Run the analysis on a Dask cluster (tcp://HOST:8786); needs pip install 'rearth[dask]'."),
        click.option("--no-progress", is_flag=True, help="Never show the progress bar on stderr."),
        click.option("--debug", is_flag=True, help="Show tracebacks of internal errors."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _collect_paths(paths: tuple[str, ...], files_from, null_separated: bool) -> list[str]:
    """Return the paths from arguments and --files-from, or fail with a usage error when there are none."""
    from rearth_cli.sources import read_paths_list

    collected = list(paths)
    if files_from is not None:
        collected += read_paths_list(files_from, null_separated)
    if not collected:
        raise click.UsageError("no input: give files or folders to analyse, '-' for stdin, or --files-from FILE")
    if collected.count("-") > 1:
        raise click.UsageError("'-' (stdin) can be given only once")
    return collected


def _build_options(**kwargs):
    """Return the immutable analysis Options from command-line values."""
    from rearth_cli.analyze import Options

    return Options(**kwargs)


def _records(ctx_values: dict, include_text: bool, explain: bool) -> tuple[Iterator[dict], int, object]:
    """Return (records, jobs, options) for the shared analysis options."""
    from rearth_cli.analyze import analyze_sources, default_jobs
    from rearth_cli.sources import iter_sources

    paths = _collect_paths(ctx_values["paths"], ctx_values["files_from"], ctx_values["null_separated"])
    options = _build_options(
        lang=ctx_values["lang"], fast=ctx_values["fast"], include_text=include_text, explain=explain,
        offtopic_threshold=ctx_values["offtopic_threshold"], gazetteers=tuple(os.path.abspath(g) for g in ctx_values["gazetteers"]),
        max_bytes=ctx_values["max_bytes"], debug=ctx_values["debug"],
    )
    _check_gazetteers(options.gazetteers)
    stdin = getattr(sys.stdin, "buffer", sys.stdin) if "-" in paths else None
    sources = iter_sources(paths, globs=tuple(ctx_values["globs"]), max_bytes=options.max_bytes,
                           input_format=ctx_values["input_format"], stdin=stdin)
    jobs = ctx_values["jobs"] or default_jobs()
    if ctx_values.get("dask_scheduler"):
        from rearth_cli.distributed import analyze_on_dask

        try:
            return analyze_on_dask(sources, options, ctx_values["dask_scheduler"]), jobs, options
        except RuntimeError as exc:
            raise click.BadParameter(str(exc), param_hint="--dask-scheduler") from None
    if len(paths) == 1 and os.path.isfile(paths[0]) and not paths[0].endswith((".jsonl", ".ndjson", ".json")):
        jobs = 1  # one article: a worker pool would only add its start-up
    return analyze_sources(sources, options, jobs), jobs, options


def _check_gazetteers(paths: tuple[str, ...]) -> None:
    """Fail with a usage error when a --gazetteer file is not valid models/ JSON Lines."""
    if not paths:
        return
    from rearth_cli.knowledge import validate_gazetteer

    for path in paths:
        try:
            validate_gazetteer(path)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--gazetteer") from None


def _with_progress(records: Iterable[dict], enabled: bool) -> Iterator[dict]:
    """Yield the records, showing a spinner with a count on stderr when enabled."""
    if not enabled:
        yield from records
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    progress = Progress(SpinnerColumn(), TextColumn("{task.completed} article(s) analysed"), TimeElapsedColumn(),
                        console=Console(stderr=True), transient=True)
    with progress:
        task = progress.add_task("analyse", total=None)
        for record in records:
            yield record
            progress.advance(task)


def _guarded(write: Callable[[], None]) -> int:
    """Run write; return the exit status for a closed pipe (quiet) or Ctrl-C, or -1 when all was written."""
    try:
        write()
    except BrokenPipeError:
        _quiet_broken_pipe()
        return EXIT_OK
    except KeyboardInterrupt:
        click.echo("rearth: interrupted", err=True)
        return EXIT_INTERRUPTED
    return -1


def _run_output(lines: Iterable[str]) -> int:
    """Write lines to stdout; return the exit status for a closed pipe or Ctrl-C, or -1 when all was written."""

    def write() -> None:
        for line in lines:
            _stdout_write(line)

    return _guarded(write)


def _counting(records: Iterable[dict], counts: dict, debug: bool) -> Iterator[dict]:
    """Yield the records, counting them and reporting failures on stderr."""
    for record in records:
        counts["total"] += 1
        if record.get("ok"):
            counts["ok"] += 1
        else:
            counts["failed"] += 1
            _report_error(record, debug)
        yield record


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(VERSION, prog_name="rearth", message="%(prog)s %(version)s")
def cli():
    """rearth: analyse news articles for journalists.

    Reads plain text, Markdown, saved web pages and JSON Lines feeds; finds the
    language, political leaders, countries, summits, commodities and
    defence-spending figures, with the offsets of every mention; flags
    passages that do not belong to the article.

    \b
    Example:
      rearth analyze samples/
      rearth analyze news/ | jq -c '{source, language: .language.code}'
    """


@cli.command()
@analysis_options
@click.option("-f", "--format", "output_format", type=click.Choice(["auto", "rich", "jsonl", "json", "csv", "md"]),
              default="auto", show_default=True,
              help="auto: a report on a terminal, JSON Lines in a pipe.")
@click.option("--include-text", is_flag=True, help="Add the analysed text to each record (offsets index it).")
@click.option("--explain", is_flag=True, help="Say which models/ entry or rule found each mention (evidence).")
def analyze(output_format: str, include_text: bool, explain: bool, **values):
    """Analyse articles: files, folders, '-' for stdin, or --files-from.

    Writes one record per article (one per record of a JSON Lines feed), in
    input order. Exit status: 0 all analysed, 1 some input failed, 2 usage error.

    \b
    Example:
      rearth analyze samples/
      rearth analyze news/ --format jsonl | jq -c '.entities.leaders[].name'
      find news -name '*.txt' -print0 | rearth analyze --files-from - -0 -f csv > mentions.csv
      curl -s URL | rearth analyze - --format md
    """
    if output_format == "auto":
        output_format = "rich" if sys.stdout.isatty() else "jsonl"
    records, jobs, options = _records(values, include_text or output_format == "rich", explain)
    counts = {"total": 0, "ok": 0, "failed": 0}
    show_progress = not values["no_progress"] and sys.stderr.isatty() and not sys.stdout.isatty()
    stream = _counting(_with_progress(records, show_progress), counts, values["debug"])
    if output_format == "rich":
        status = _rich_report(stream, include_text, counts)
    else:
        from rearth_cli import formats

        writer = {"jsonl": formats.jsonl_lines, "json": formats.json_lines, "csv": formats.csv_lines,
                  "md": formats.markdown_lines}[output_format]
        status = _run_output(writer(stream))
    if status >= 0:
        sys.exit(status)
    sys.exit(EXIT_FAILED_INPUT if counts["failed"] else EXIT_OK)


def _rich_report(records: Iterable[dict], include_text: bool, counts: dict) -> int:
    """Print the rich report of each record; return an exit status for Ctrl-C or a closed pipe, else -1."""
    from rich.console import Console

    from rearth_cli.report import render_record, render_summary

    console = Console()

    def write() -> None:
        for record in records:
            render_record(record, console)
        render_summary(counts, console)

    return _guarded(write)


@cli.command()
@analysis_options
@click.option("--mark", is_flag=True, help="Keep off-topic passages, wrapped in visible [[off-topic]] markers.")
@click.option("-f", "--format", "output_format", type=click.Choice(["text", "jsonl"]), default="text", show_default=True,
              help="text: the cleaned article; jsonl: records with a clean_text field.")
def clean(mark: bool, output_format: str, **values):
    """Print articles without their off-topic passages (ads, teasers, spliced stories).

    \b
    Example:
      rearth clean article.txt | other-tool
      rearth clean --mark article.txt
    """
    from rearth_cli.formats import to_json
    from rearth_cli.offtopic import clean_text
    from rearth_cli.article import Paragraph

    records, _, _ = _records(values, True, False)
    counts = {"total": 0, "ok": 0, "failed": 0}

    def lines() -> Iterator[str]:
        first = True
        for record in _counting(records, counts, values["debug"]):
            if not record.get("ok"):
                if output_format == "jsonl":
                    yield to_json(record) + "\n"
                continue
            paragraphs = [Paragraph(p["index"], p["start"], p["end"], p["language"]) for p in record["paragraphs"]]
            cleaned = clean_text(record["text"], paragraphs, record["offtopic"], mark=mark)
            if output_format == "jsonl":
                yield to_json({**{k: v for k, v in record.items() if k != "text"}, "clean_text": cleaned}) + "\n"
            else:
                yield ("" if first else "\n") + cleaned.rstrip("\n") + "\n"
                first = False

    status = _run_output(lines())
    if status >= 0:
        sys.exit(status)
    sys.exit(EXIT_FAILED_INPUT if counts["failed"] else EXIT_OK)


@cli.command()
@click.option("--gazetteer", "gazetteers", multiple=True, type=click.Path(exists=True, dir_okay=False), metavar="FILE.jsonl",
              help="Also list a user gazetteer file.")
@click.option("-f", "--format", "output_format", type=click.Choice(["auto", "rich", "jsonl"]), default="auto", show_default=True)
def models(gazetteers: tuple[str, ...], output_format: str):
    """List the knowledge rearth loads: data files, entry counts, sources, and the pipeline per language.

    \b
    Example:
      rearth models
      rearth models --gazetteer my-leaders.jsonl
    """
    from rearth_cli.formats import to_json
    from rearth_cli.knowledge import describe_models
    from rearth_cli.pipeline import describe_pipeline

    extra = tuple(os.path.abspath(g) for g in gazetteers)
    _check_gazetteers(extra)
    rows = describe_models(extra)
    pipelines = [{"language": lang, "pipeline": describe_pipeline(lang)} for lang in ("fr", "en", "de", "es", "it")]
    if output_format == "auto":
        output_format = "rich" if sys.stdout.isatty() else "jsonl"
    if output_format == "jsonl":
        status = _run_output([to_json(row) + "\n" for row in rows] + [to_json(p) + "\n" for p in pipelines])
        sys.exit(max(status, 0))
    from rich.console import Console
    from rich.table import Table

    table = Table(title="Knowledge files", title_justify="left", header_style="bold")
    columns = list(dict.fromkeys(key for row in rows for key in row))
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*(str(row.get(column, "")) for column in columns))
    pipeline_table = Table(title="Pipelines", title_justify="left", header_style="bold")
    pipeline_table.add_column("language")
    pipeline_table.add_column("pipeline")
    for row in pipelines:
        pipeline_table.add_row(row["language"], row["pipeline"])
    console = Console()
    console.print(table)
    console.print(pipeline_table)


@cli.command()
@click.argument("devset", type=click.Path(exists=True, file_okay=False), default="tests/devset")
@click.option("--fast", is_flag=True, help="Score the rules-only mode.")
@click.option("-j", "--jobs", type=click.IntRange(1), default=None, help="Worker processes [default: all cores].")
@click.option("-f", "--format", "output_format", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--gold", "gold_path", type=click.Path(dir_okay=False), default=None,
              help="Gold annotations (JSON Lines) [default: DEVSET/gold.jsonl].")
def evaluate(devset: str, fast: bool, jobs: int | None, output_format: str, gold_path: str | None):
    """Score rearth on an annotated development set (gold.jsonl beside the articles).

    \b
    Examples:
      rearth evaluate tests/devset
      rearth evaluate samples --gold tests/devset/samples-gold.jsonl
    """
    import json
    import os

    from rearth_cli.evaluate import evaluate_folder, format_table

    gold_file = gold_path or os.path.join(devset, "gold.jsonl")
    if not os.path.isfile(gold_file):
        raise click.UsageError(f"no gold annotations at {gold_file}: give them with --gold FILE")
    try:
        scores = evaluate_folder(devset, gold_path=gold_file, fast=fast, jobs=jobs)
    except (OSError, ValueError) as error:
        raise click.ClickException(f"cannot read the gold annotations: {error}") from error
    _stdout_write(format_table(scores) if output_format == "table" else json.dumps(scores, indent=2, sort_keys=True) + "\n")


def main() -> None:
    """Run the command line with Python's own SIGPIPE handling left to us."""
    try:
        cli.main(prog_name="rearth")
    except KeyboardInterrupt:
        click.echo("rearth: interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)

