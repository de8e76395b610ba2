"""``summarize log``: the run history (``summarizer.history``): list, search, show one, an entity's figures."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import click

from .group import handle_errors

if TYPE_CHECKING:
    from ..history import History, Run


def _history() -> History:
    from ..config import Settings
    from ..history import History

    return History(Settings.resolve().log_path)


@click.group(name="log", invoke_without_command=True)
@click.option("-n", "--count", default=20, show_default=True, type=click.IntRange(min=1), help="How many runs.")
@click.option("-q", "--query", metavar="WORDS", help="Only runs whose title, summary or figures hold every word.")
@click.option("--figures", "entity", metavar="ENTITY", help="List ENTITY's figures over time instead.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--path", "show_path", is_flag=True, help="Print where the history is kept and stop.")
@click.pass_context
@handle_errors
def log_command(ctx: click.Context, count: int, query: str | None, entity: str | None, as_json: bool,
                show_path: bool) -> None:
    """Recent runs, newest first: every summary computed or served from the cache, and every failure.

    \b
    summarize log                  the last 20 runs
    summarize log -q "rate cut"    runs whose title, summary or figures hold both words
    summarize log --figures Nvidia Nvidia's figures, oldest first
    summarize log show ID          one run's result as JSON

    Kept in runs.db in the user data directory [env: SUMMARIZER_LOG_DB]; turn it
    off with --no-log or log_runs = false in the config file.
    """
    if ctx.invoked_subcommand is not None:
        return
    history = _history()
    if show_path:
        click.echo(str(history.path))
        return
    if entity:
        seen = history.figures(entity, limit=count)
        if as_json:
            click.echo(json.dumps([vars(f) for f in seen], indent=2))
        for f in [] if as_json else seen:
            click.echo(f"{f.at[:16]}  #{f.run_id:<5} {f.raw:>16}  {f.label}  ({f.source or '-'})")
        return
    runs = history.recent(count, query=query)
    if as_json:
        click.echo(json.dumps([run.as_json() for run in runs], indent=2))
        return
    for run in runs:
        click.echo(_line(run))


def _line(run: Run) -> str:
    what = f"error: {run.error}" if run.error else (run.title or run.summary or "")
    how = "cache" if run.cached else f"{run.seconds or 0:.1f}s"
    return f"#{run.id:<5} {run.at[:16]}  {run.model or '-'} ({how})  {run.source or '-'}  {what[:100]}"


@log_command.command("show")
@click.argument("run_id", type=int)
@handle_errors
def show(run_id: int) -> None:
    """Print run RUN_ID: its result as JSON (or the error that stopped it)."""
    run = _history().get(run_id)
    click.echo(json.dumps(run.as_json(), indent=2))
