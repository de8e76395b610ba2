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
from typing import TYPE_CHECKING, Any, TypeVar

import click

from .errors import ConfigError, SummarizerError

if TYPE_CHECKING:
    from .models import Summary

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
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(130)

    return wrapper  # type: ignore[return-value]


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("summarizer")
    except PackageNotFoundError:
        return "unknown"


@click.group(cls=_DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(version=_version(), prog_name="summarize", message="%(prog)s %(version)s")
def cli() -> None:
    """Turn messy news articles into structured summaries.

    \b
    summarize FILE...           summarize articles (paths, URLs, or - for standard input)
    summarize clean FILE        print the cleaned article text (--json: with the audit)
    summarize cache info|clear  inspect or empty the result cache
    summarize eval FOLDER       score summaries against gold files
    summarize schema            print the JSON schema of the output

    By default a local model runs in this process (no key, no network). Set
    OPENAI_API_KEY or OPENAI_BASE_URL, or pass --backend openai, to use an
    OpenAI-compatible server instead.
    """


@cli.command(name=DEFAULT_COMMAND)
@click.argument("files", nargs=-1, required=True)
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text",
              show_default=True, help="Output format.")
@click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
@click.option("-b", "--backend", type=click.Choice(["local", "openai"]), envvar="SUMMARIZER_BACKEND",
              help="Model backend [env: SUMMARIZER_BACKEND].")
@click.option("-m", "--model", envvar="SUMMARIZER_MODEL",
              help="Model name: an embedded model for local, the server's model for openai [env: SUMMARIZER_MODEL].")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the result cache.")
@_handle_errors
def run(files: tuple[str, ...], fmt: str, as_json: bool, backend: str | None, model: str | None,
        no_cache: bool) -> None:
    """Summarize article FILES: paths, http(s) URLs, or - for standard input."""
    from .core import Summarizer
    from .render import render_json, render_markdown, render_text

    fmt = "json" if as_json else fmt
    overrides: dict[str, Any] = {"backend": backend, "model": model}
    if no_cache:
        overrides["use_cache"] = False
    results: list[Summary] = []
    failures = 0
    style = click.style if sys.stdout.isatty() else None
    with Summarizer(**overrides) as summarizer:
        for index, source in enumerate(files):
            try:
                click.echo(f"{source}: summarizing with {summarizer.settings.backend} "
                           f"({summarizer.settings.model_name})...", err=True)
                result = summarizer.summarize_source(source)
            except ConfigError:
                if results and fmt == "json":
                    click.echo(render_json(results, single=False))
                raise
            except SummarizerError as exc:
                failures += 1
                click.echo(f"error: {exc}", err=True)
                continue
            origin = "cache" if result.meta.cached else result.meta.model
            click.echo(f"{source}: done in {result.meta.seconds:.2f}s ({origin}, "
                       f"{result.meta.prompt_tokens}+{result.meta.completion_tokens} tokens)", err=True)
            results.append(result)
            if fmt == "text":
                header = f"==> {source} <==\n" if len(files) > 1 else ""
                click.echo(("\n" if index else "") + header + render_text(result, style))
            elif fmt == "markdown":
                click.echo(("\n" if index else "") + render_markdown(result))
    if fmt == "json" and results:
        click.echo(render_json(results, single=len(files) == 1))
    if failures:
        click.echo(f"{failures} of {len(files)} article(s) failed", err=True)
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
@click.option("-b", "--backend", type=click.Choice(["local", "openai"]), envvar="SUMMARIZER_BACKEND",
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


def main() -> None:
    cli()
