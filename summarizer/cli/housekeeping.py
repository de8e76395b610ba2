"""The commands around the summaries: ``clean`` (what the model would read), ``cache``, ``schema``."""

from __future__ import annotations

import json

import click

from .group import handle_errors


@click.command(name="clean")
@click.argument("source")
@click.option("--json", "as_json", is_flag=True,
              help="Print title, published, site, text, removed spans and stats as JSON.")
@handle_errors
def clean_command(source: str, as_json: bool) -> None:
    """Print the cleaned article text of SOURCE (a path, an http(s) URL, or - for standard input)."""
    from ..config import Settings
    from ..inputs import clean_input
    from ..loader import read_source

    document = read_source(source, allow_private=Settings.resolve().allow_private_urls)
    article = clean_input(document.text, notes=document.notes, url=document.url)
    click.echo(article.model_dump_json(indent=2) if as_json else article.text)


@click.group()
def cache() -> None:
    """Inspect or empty the result cache."""


@cache.command("info")
@handle_errors
def cache_info() -> None:
    """Show where the cache is and how much it holds."""
    from ..cache import ResultCache
    from ..config import Settings

    info = ResultCache(Settings.resolve().results_dir).info()
    for key, value in info.items():
        if value is not None:
            click.echo(f"{key}: {value}")


@cache.command("clear")
@handle_errors
def cache_clear() -> None:
    """Delete every cached result."""
    from ..cache import ResultCache
    from ..config import Settings

    removed = ResultCache(Settings.resolve().results_dir).clear()
    click.echo(f"removed {removed} cached result(s)")


@click.command()
@click.option("--extraction", is_flag=True, help="Print what the model is asked to fill instead.")
def schema(extraction: bool) -> None:
    """Print the JSON schema of the output (schemas/summary.schema.json)."""
    from ..schema import extraction_schema, summary_schema

    click.echo(json.dumps(extraction_schema() if extraction else summary_schema(), indent=2))
