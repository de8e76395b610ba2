"""``summarize eval FOLDER``: a thin layer over ``summarizer.evaluate``."""

from __future__ import annotations

import json
from pathlib import Path

import click

from .group import handle_errors
from .options import model_options, model_overrides, no_cache_option, no_log_option


@click.command(name="eval")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the per-article and total figures as JSON.")
@model_options()
@no_cache_option("Summarize every article again.")
@no_log_option()
@handle_errors
def eval_command(folder: Path, as_json: bool, backend: str | None, model: str | None, no_cache: bool,
                 no_log: bool) -> None:
    """Score summaries of FOLDER's articles against their NAME.gold.json files."""
    from ..core import Summarizer
    from ..evaluate import evaluate, render_table

    with Summarizer(**model_overrides(backend, model, no_cache, log_runs=False if no_log else None)) as summarizer:
        report = evaluate(summarizer, folder)
    click.echo(json.dumps(report.as_json(), indent=2) if as_json else render_table(report))
