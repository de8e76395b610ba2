"""The ``summarize`` command: a thin layer over ``Summarizer``.

Results go to stdout, progress and diagnostics to stderr. Exit codes: 0 on
success, 1 on a handled error (one line saying how to fix it), 2 on bad usage.
Set ``SUMMARIZER_DEBUG=1`` to see the traceback behind an error.
"""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from .errors import SummarizerError
from .options import BackendChoice

F = TypeVar("F", bound=Callable[..., Any])

DEFAULT_COMMAND = "run"


class _DefaultGroup(click.Group):
    """``summarize FILE...`` runs the default command; ``summarize cache ...`` a subcommand."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = [DEFAULT_COMMAND, *args]
        return super().parse_args(ctx, args)


def _handle_errors(func: F) -> F:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except SummarizerError as exc:
            if os.environ.get("SUMMARIZER_DEBUG"):
                raise
            click.echo(f"error: {exc}", err=True)
            sys.exit(1)
        except KeyboardInterrupt as exc:  # Ctrl-C; a batch says what it kept (runner.BatchInterrupted)
            click.echo(str(exc) or "interrupted", err=True)
            sys.exit(130)
        except BrokenPipeError:  # the reader left (summarize ... | head): nothing more to write, nothing to say
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 (the process ends next; no flush error at exit)
            sys.exit(1)
        except OSError as exc:  # writing the output failed: a full disk, a closed descriptor
            if os.environ.get("SUMMARIZER_DEBUG"):
                raise
            where = f" ({exc.filename})" if exc.filename else ""
            click.echo(f"error: {exc.strerror or exc}{where}; nothing more was written", err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


def _log_to_stderr() -> None:
    """``--verbose``: our log at DEBUG, the HTTP client's one line per request, on stderr."""
    import logging

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s: %(message)s", "%H:%M:%S"))
    for name, level in (("summarizer", logging.DEBUG), ("httpx", logging.INFO), ("httpx2", logging.INFO)):
        logger = logging.getLogger(name)
        logger.setLevel(level)
        logger.addHandler(handler)


@click.group(cls=_DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="summarizer", prog_name="summarize", message="%(prog)s %(version)s")
def cli() -> None:
    """Turn messy news articles into structured summaries.

    \b
    summarize FILE...           summarize articles (paths, folders, JSONL, URLs, or - for stdin)
    summarize clean FILE        print the cleaned article text (--json: with the audit)
    summarize cache info|clear  inspect or empty the result cache
    summarize eval FOLDER       score summaries against gold files
    summarize schema            print the JSON schema of the output
    summarize digest SOURCE...  email a digest of folders, feeds and URLs (--dry-run, --every)

    By default a local model runs in this process (no key, no network). Set
    OPENAI_API_KEY or OPENAI_BASE_URL, or pass --backend openai, to use an
    OpenAI-compatible server instead.
    """


@cli.command(name=DEFAULT_COMMAND)
@click.argument("files", nargs=-1, required=True)
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json", "jsonl", "markdown"]), default="text",
              show_default=True, help="Output format; jsonl writes one line per article as each finishes.")
@click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
@click.option("-b", "--backend", type=BackendChoice(), envvar="SUMMARIZER_BACKEND",
              help="Model backend [env: SUMMARIZER_BACKEND].")
@click.option("-m", "--model", envvar="SUMMARIZER_MODEL",
              help="Model name: an embedded model for local, the server's model for openai [env: SUMMARIZER_MODEL].")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Articles in flight at once [default: 4; env: "
              "SUMMARIZER_JOBS]. The local model serves one at a time whatever this is.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the results to FILE instead of standard output.")
@click.option("--resume", type=click.Path(dir_okay=False, path_type=Path),
              help="Append JSONL results to FILE, skipping articles it already holds a result for.")
@click.option("--usage", "show_usage", is_flag=True, help="Print the run's tokens, requests and cost to stderr.")
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr [default: when it is a terminal].")
@click.option("--rpm", "requests_per_minute", type=click.FloatRange(min=0, min_open=True),
              help="Requests per minute to stay under [env: SUMMARIZER_REQUESTS_PER_MINUTE].")
@click.option("--tpm", "tokens_per_minute", type=click.FloatRange(min=0, min_open=True),
              help="Tokens per minute to stay under [env: SUMMARIZER_TOKENS_PER_MINUTE].")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the result cache.")
@click.option("-v", "--verbose", is_flag=True, help="Log settings, requests, retries and cache use to stderr.")
@_handle_errors
def run(files: tuple[str, ...], fmt: str, as_json: bool, backend: str | None, model: str | None,
        jobs: int | None, output: Path | None, resume: Path | None, show_usage: bool, progress: bool | None,
        requests_per_minute: float | None, tokens_per_minute: float | None, no_cache: bool, verbose: bool) -> None:
    """Summarize article FILES: paths, folders, JSONL files of texts, http(s) URLs, or - for standard input."""
    from .runner import BatchRun

    if verbose:
        _log_to_stderr()

    fmt = "json" if as_json else fmt
    if resume is not None:
        if output is not None and output != resume:
            raise click.UsageError("--resume FILE is where results go; drop --output or make them the same")
        if fmt not in ("text", "jsonl"):
            raise click.UsageError("--resume writes JSONL; drop --format")
        fmt = "jsonl"
    overrides: dict[str, Any] = {"backend": backend, "model": model, "jobs": jobs,
                                 "requests_per_minute": requests_per_minute, "tokens_per_minute": tokens_per_minute}
    if no_cache:
        overrides["use_cache"] = False
    failures = BatchRun(files, fmt, overrides, output=output, resume=resume, show_usage=show_usage,
                        progress=progress).run()
    if failures:
        sys.exit(1)


@cli.command(name="clean")
@click.argument("source")
@click.option("--json", "as_json", is_flag=True,
              help="Print title, published, site, text, removed spans and stats as JSON.")
@_handle_errors
def clean_command(source: str, as_json: bool) -> None:
    """Print the cleaned article text of SOURCE (a path, an http(s) URL, or - for standard input)."""
    from .clean import clean
    from .config import Settings
    from .loader import read_source

    document = read_source(source, allow_private=Settings.resolve().allow_private_urls)
    article = clean(document.text, notes=document.notes, url=document.url)
    click.echo(article.model_dump_json(indent=2) if as_json else article.text)


@cli.command(name="eval")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the per-article and total figures as JSON.")
@click.option("-b", "--backend", type=BackendChoice(), envvar="SUMMARIZER_BACKEND",
              help="Model backend [env: SUMMARIZER_BACKEND].")
@click.option("-m", "--model", envvar="SUMMARIZER_MODEL", help="Model name [env: SUMMARIZER_MODEL].")
@click.option("--no-cache", is_flag=True, help="Summarize every article again.")
@_handle_errors
def eval_command(folder: Path, as_json: bool, backend: str | None, model: str | None, no_cache: bool) -> None:
    """Score summaries of FOLDER's articles against their NAME.gold.json files."""
    from .core import Summarizer
    from .evaluate import evaluate, render_table

    overrides: dict[str, Any] = {"backend": backend, "model": model}
    if no_cache:
        overrides["use_cache"] = False
    with Summarizer(**overrides) as summarizer:
        report = evaluate(summarizer, folder)
    click.echo(json.dumps(report.as_json(), indent=2) if as_json else render_table(report))


@cli.group()
def cache() -> None:
    """Inspect or empty the result cache."""


@cache.command("info")
@_handle_errors
def cache_info() -> None:
    """Show where the cache is and how much it holds."""
    from .cache import ResultCache
    from .config import Settings

    info = ResultCache(Settings.resolve().results_dir).info()
    for key, value in info.items():
        if value is not None:
            click.echo(f"{key}: {value}")


@cache.command("clear")
@_handle_errors
def cache_clear() -> None:
    """Delete every cached result."""
    from .cache import ResultCache
    from .config import Settings

    removed = ResultCache(Settings.resolve().results_dir).clear()
    click.echo(f"removed {removed} cached result(s)")


@cli.command()
@click.option("--extraction", is_flag=True, help="Print what the model is asked to fill instead.")
def schema(extraction: bool) -> None:
    """Print the JSON schema of the output (schemas/summary.schema.json)."""
    from .schema import extraction_schema, summary_schema

    click.echo(json.dumps(extraction_schema() if extraction else summary_schema(), indent=2))


from .digest.command import digest  # noqa: E402  (only click is imported until the command runs)

if digest.callback is not None:
    digest.callback = _handle_errors(digest.callback)
cli.add_command(digest)


def main() -> None:
    """The console script: run the command, flush, and end the process without tearing the interpreter down.

    After a command that called a model, unloading the openai SDK, instructor and
    pydantic (hundreds of modules, many thousands of objects) took a further 0.3 s,
    measured, with nothing left to do: every result is written and flushed by
    then. So the exit code is taken from click, the streams and logs are flushed,
    and the process ends at once. A crash still goes through Python's own exit.
    """
    try:
        cli()
        code: Any = 0
    except SystemExit as exc:
        code = exc.code
    if not isinstance(code, int):  # sys.exit("message") or sys.exit(None), as Python itself would treat them
        if code is not None:
            print(code, file=sys.stderr)
        code = 0 if code is None else 1
    import logging

    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):  # the reader left (summarize ... | head), or the stream is closed
            pass
        except OSError:  # a full disk, say: output was lost, so not a success (Python itself exits 120 here)
            code = code or 120
    os._exit(code)
