"""``summarize batch ...``: a provider's Batch API, or a batch file for an offline engine.

A thin layer over ``summarizer.batch_api``: it reads the options, prints what
happened to stderr and the results to stdout or ``-o``. ``collect`` and
``import`` write results in the formats of ``summarize`` (jsonl lines as each
article is settled; json and markdown at the end) and exit 1 when an article
failed, after writing all the others.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO, Any

import click

from .group import handle_errors, log_to_stderr
from .options import model_options, model_overrides, no_cache_option

FORMATS = ["jsonl", "json", "markdown"]


@click.group(name="batch")
def batch_group() -> None:
    """Summarize through a provider's Batch API (half price, within 24 hours), or an offline engine's batch files.

    \b
    summarize batch submit SOURCE... -o JOB.json   clean, write the requests, upload them, start the batch
    summarize batch status JOB [--wait]            the provider's status and counts
    summarize batch collect JOB -o out.jsonl       check every answer; re-run the invalid ones live
    summarize batch cancel JOB                     stop the running batches (collect keeps what they did)
    summarize batch send JOB                       upload what a refused upload left behind
    summarize batch export SOURCE... -o requests.jsonl        the same requests, for vLLM run-batch & co.
    summarize batch import requests.jsonl results.jsonl       their answers, checked like collect's
    """


def _settings(backend: str | None, model: str | None, no_cache: bool, verbose: bool, **more: Any) -> dict[str, Any]:
    if verbose:
        log_to_stderr()
    return model_overrides(backend, model, no_cache, **more)


def _common(func: Any) -> Any:
    func = click.option("-v", "--verbose", is_flag=True, help="Log settings, requests and retries to stderr.")(func)
    func = no_cache_option()(func)
    return model_options()(func)


@batch_group.command("submit")
@click.argument("sources", nargs=-1, required=True)
@click.option("-o", "--output", "job_path", type=click.Path(dir_okay=False, path_type=Path), default="batch-job.json",
              show_default=True, help="The job file to write (its request files go to JOB.files/ beside it).")
@_common
@handle_errors
def submit_command(sources: tuple[str, ...], job_path: Path, backend: str | None, model: str | None, no_cache: bool,
                   verbose: bool) -> None:
    """Clean SOURCES (as `summarize` takes them) and submit their requests as OpenAI batches."""
    from ..batch_api import submit

    job = submit(sources, job_path, **_settings(backend, model, no_cache, verbose))
    _describe(job)
    click.echo(f"job file: {job.path}; next: summarize batch status {job.path} --wait", err=True)


@batch_group.command("send")
@click.argument("job_path", metavar="JOB", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-v", "--verbose", is_flag=True, help="Log requests and retries to stderr.")
@handle_errors
def send_command(job_path: Path, verbose: bool) -> None:
    """Upload and start the job's batches that were not submitted (after a refused upload)."""
    from ..batch_api import send

    _describe(send(job_path, **_settings(None, None, False, verbose)))


@batch_group.command("status")
@click.argument("job_path", metavar="JOB", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--wait", is_flag=True, help="Poll until every batch has ended, with a progress bar on a terminal.")
@click.option("--every", type=click.FloatRange(min=1), default=60, show_default=True, help="Seconds between polls.")
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr [default: when it is a terminal].")
@handle_errors
def status_command(job_path: Path, wait: bool, every: float, progress: bool | None) -> None:
    """The provider's status and request counts for each batch of JOB."""
    from ..batch_api import status
    from ..batch_api import wait as wait_for

    if not wait:
        _describe(status(job_path))
        return
    bar = _Bar(sys.stderr.isatty() if progress is None else progress)
    try:
        job = wait_for(job_path, every=every, on_poll=bar.update)
    finally:
        bar.stop()
    _describe(job)


@batch_group.command("cancel")
@click.argument("job_path", metavar="JOB", type=click.Path(dir_okay=False, path_type=Path))
@handle_errors
def cancel_command(job_path: Path) -> None:
    """Cancel JOB's running batches; `collect` then keeps what they finished and re-runs the rest live."""
    from ..batch_api import cancel

    _describe(cancel(job_path))


def _collect_options(func: Any) -> Any:
    func = click.option("-j", "--jobs", type=click.IntRange(min=1), help="Articles re-run live at once [default: 4; "
                        "env: SUMMARIZER_JOBS].")(func)
    func = click.option("--usage", "show_usage", is_flag=True, help="Print tokens, requests and cost to stderr "
                        "(batch answers at the Batch API's prices).")(func)
    func = click.option("--no-rerun", is_flag=True, help="Do not re-run invalid or failed answers live; list them "
                        "as errors.")(func)
    func = click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
                        help="Write the results to FILE instead of standard output.")(func)
    return click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True,
                        help="Output format: one JSON line per article, a JSON list, or Markdown.")(func)


@batch_group.command("collect")
@click.argument("job_path", metavar="JOB", type=click.Path(dir_okay=False, path_type=Path))
@_collect_options
@click.option("-v", "--verbose", is_flag=True, help="Log requests, retries and cache use to stderr.")
@handle_errors
def collect_command(job_path: Path, fmt: str, output: Path | None, no_rerun: bool, show_usage: bool,
                    jobs: int | None, verbose: bool) -> None:
    """Download JOB's answers, check each like a live answer, and write every article's result."""
    from ..batch_api import collect

    collection = collect(job_path, rerun=not no_rerun, **_settings(None, None, False, verbose, jobs=jobs))
    _write(collection, fmt, output, show_usage)


@batch_group.command("export")
@click.argument("sources", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The requests file to write (OpenAI's batch input format); its job file goes beside it "
                   "(requests.jsonl -> requests.job.json).")
@_common
@handle_errors
def export_command(sources: tuple[str, ...], output: Path, backend: str | None, model: str | None, no_cache: bool,
                   verbose: bool) -> None:
    """Write the requests `submit` would upload, for an engine that runs batch files offline (vLLM run-batch)."""
    from ..batch_api import export

    job = export(sources, output, **_settings(backend, model, no_cache, verbose))
    _describe(job)
    click.echo(f"job file: {job.path}; next: summarize batch import {output} RESULTS.jsonl", err=True)


@batch_group.command("import")
@click.argument("requests_path", metavar="REQUESTS", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("results_path", metavar="RESULTS", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--job", "job_path", type=click.Path(dir_okay=False, path_type=Path),
              help="The job file export wrote [default: REQUESTS' name with .job.json].")
@_collect_options
@click.option("-v", "--verbose", is_flag=True, help="Log requests, retries and cache use to stderr.")
@handle_errors
def import_command(requests_path: Path, results_path: Path, job_path: Path | None, fmt: str, output: Path | None,
                   no_rerun: bool, show_usage: bool, jobs: int | None, verbose: bool) -> None:
    """Check an engine's answers (RESULTS, the batch output format) to an exported REQUESTS file."""
    from ..batch_api import import_results

    collection = import_results(requests_path, results_path, job_path=job_path, rerun=not no_rerun,
                                **_settings(None, None, False, verbose, jobs=jobs))
    _write(collection, fmt, output, show_usage)


def _describe(job: Any) -> None:
    articles = job.articles
    states = {state: sum(1 for a in articles if a.state == state) for state in ("sent", "duplicate", "cached", "error")}
    click.echo(f"{len(articles)} article(s): {states['sent']} sent, {states['cached']} already in the cache, "
               f"{states['duplicate']} duplicate(s), {states['error']} unreadable", err=True)
    for article in articles:
        if article.state == "error":
            click.echo(f"error: {article.error}", err=True)
    for batch in job.batches:
        counts = batch.counts
        done = f", {counts.get('completed', 0)}/{counts.get('total', 0)} done, {counts.get('failed', 0)} failed" \
            if counts.get("total") else ""
        name = batch.id or Path(batch.file).name
        note = f" ({batch.error})" if batch.error else ""
        click.echo(f"{name}: {batch.status}, {batch.requests} request(s){done}{note}", err=True)


def _write(collection: Any, fmt: str, output: Path | None, show_usage: bool) -> None:
    from ..render import render_jsonl_line
    from ..usage import RunUsage

    usage = RunUsage()
    collected: list[Any] = []
    stream: IO[str] = sys.stdout if output is None or fmt != "jsonl" else _open(output)
    try:
        for result in collection:
            if result.summary is None:
                usage.add_failure()
                click.echo(f"error: {result.label}: {result.error}", err=True)
            else:
                usage.add(result.summary)
            if fmt == "jsonl":
                stream.write(render_jsonl_line(result.label, result.summary, result.error))
                stream.flush()
            elif result.summary is not None:
                collected.append(result)
    finally:
        if stream is not sys.stdout:
            stream.close()
    if fmt != "jsonl":
        _finish(collected, fmt, output)
    counts = collection.counts
    click.echo(f"{sum(counts.values())} article(s): {counts['batch']} from the batch, {counts['live']} re-run live, "
               f"{counts['cached']} from the cache, {counts['failed']} failed", err=True)
    if show_usage:
        click.echo(usage.render(), err=True)
    if counts["failed"]:
        sys.exit(1)


def _open(path: Path) -> IO[str]:
    from ..errors import InputError

    try:
        return path.open("w", encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror}; choose another --output") from None


def _finish(results: list[Any], fmt: str, output: Path | None) -> None:
    from .._files import atomic_write
    from ..render import render_json, render_markdown

    if fmt == "json":
        text = render_json([r.summary for r in results], single=False) + "\n"
    else:
        text = "\n".join(render_markdown(r.summary) for r in results)
    if output is None:
        click.echo(text, nl=False)
    else:
        atomic_write(output, text.encode("utf-8"))


class _Bar:
    """Progress of the requests of every batch while polling: a rich bar on a terminal, a line per poll otherwise."""

    def __init__(self, show: bool) -> None:
        self._progress: Any = None
        if show:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

            self._progress = Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                                      TimeElapsedColumn(), console=Console(stderr=True))
            self._task = self._progress.add_task("batch", total=None)
            self._progress.start()

    def update(self, job: Any) -> None:
        total = sum(b.counts.get("total", 0) for b in job.batches)
        done = sum(b.counts.get("completed", 0) + b.counts.get("failed", 0) for b in job.batches)
        states = ", ".join(sorted({b.status for b in job.batches}))
        if self._progress is None:
            click.echo(f"{states}: {done}/{total} request(s) done", err=True)
        else:
            self._progress.update(self._task, total=total or None, completed=done, description=states)

    def stop(self) -> None:
        if self._progress is not None:
            self._progress.stop()
