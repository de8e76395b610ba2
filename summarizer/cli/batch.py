"""``summarize FILE...``: a command-line batch, items from the arguments, results to a stream, progress and usage
to stderr.

The library does the work (``Summarizer.summarize_many``); this module only
decides where each result is written and what the user sees meanwhile. JSONL
results are written and flushed one by one as they finish, so an interrupted
run keeps everything done so far and ``--resume`` carries on from there.
``-f html`` is one page for the whole run (``summarizer.evidence``), made from
each result's cleaned article; with ``-o`` it is written whole, atomically.
"""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import click

from .._files import atomic_write, check_writable
from ..errors import InputError
from ..inputs import expand
from ..usage import RunUsage
from .group import DEFAULT_COMMAND, handle_errors, log_to_stderr
from .options import model_options, model_overrides, no_cache_option, no_log_option


@click.command(name=DEFAULT_COMMAND)
@click.argument("files", nargs=-1, required=True)
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json", "jsonl", "markdown", "html"]),
              default="text", show_default=True, help="Output format; jsonl writes one line per article as each "
              "finishes; html is one self-contained page showing each article's figures, evidence and removed noise.")
@click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
@model_options("Model name: an embedded model for local, the server's model for openai [env: SUMMARIZER_MODEL].")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Articles in flight at once [default: 4; env: "
              "SUMMARIZER_JOBS]. The local model serves one at a time whatever this is.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the results to FILE instead of standard output.")
@click.option("--resume", type=click.Path(dir_okay=False, path_type=Path),
              help="Append JSONL results to FILE, skipping articles it already holds a result for.")
@click.option("--usage", "show_usage", is_flag=True, help="Print the run's tokens, requests and cost to stderr.")
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr [default: when it is a terminal].")
@click.option("--keep-shared-lines", is_flag=True, help="Keep lines that many articles of one site share (by default "
              "they are dropped as that site's boilerplate).")
@click.option("--rpm", "requests_per_minute", type=click.FloatRange(min=0, min_open=True),
              help="Requests per minute to stay under [env: SUMMARIZER_REQUESTS_PER_MINUTE].")
@click.option("--tpm", "tokens_per_minute", type=click.FloatRange(min=0, min_open=True),
              help="Tokens per minute to stay under [env: SUMMARIZER_TOKENS_PER_MINUTE].")
@no_cache_option()
@no_log_option()
@click.option("-v", "--verbose", is_flag=True, help="Log settings, requests, retries and cache use to stderr.")
@handle_errors
def run(files: tuple[str, ...], fmt: str, as_json: bool, backend: str | None, model: str | None,
        jobs: int | None, output: Path | None, resume: Path | None, show_usage: bool, progress: bool | None,
        keep_shared_lines: bool, requests_per_minute: float | None, tokens_per_minute: float | None, no_cache: bool,
        no_log: bool, verbose: bool) -> None:
    """Summarize article FILES: paths, folders, JSONL files of texts, http(s) URLs, or - for standard input."""
    if verbose:
        log_to_stderr()

    fmt = "json" if as_json else fmt
    if resume is not None:
        if output is not None and output != resume:
            raise click.UsageError("--resume FILE is where results go; drop --output or make them the same")
        if fmt not in ("text", "jsonl"):
            raise click.UsageError("--resume writes JSONL; drop --format")
        fmt = "jsonl"
    overrides = model_overrides(backend, model, no_cache, jobs=jobs, requests_per_minute=requests_per_minute,
                                tokens_per_minute=tokens_per_minute, log_runs=False if no_log else None)
    failures = BatchRun(files, fmt, overrides, output=output, resume=resume, show_usage=show_usage,
                        progress=progress, shared_lines=not keep_shared_lines).run()
    if failures:
        sys.exit(1)


class BatchInterrupted(KeyboardInterrupt):
    """Ctrl-C stopped the batch after every finished result was written; the message says how to go on.

    A ``KeyboardInterrupt`` still, so whoever runs the batch stops as for Ctrl-C
    (the command line exits 130 and prints the message); this module never ends
    the process itself.
    """

    def __init__(self, message: str, *, finished: int, total: int) -> None:
        super().__init__(message)
        self.finished = finished
        self.total = total


class BatchRun:
    def __init__(self, sources: tuple[str, ...], fmt: str, overrides: dict[str, Any], *, output: Path | None = None,
                 resume: Path | None = None, show_usage: bool = False, progress: bool | None = None,
                 shared_lines: bool = True) -> None:
        self.sources = sources
        self.fmt = fmt
        self.overrides = overrides
        self.output = resume or output
        self.resume = resume is not None
        self.show_usage = show_usage
        self.progress = progress
        self.shared_lines = shared_lines
        self.usage = RunUsage()

    def run(self) -> int:
        """Summarize everything; return how many articles failed. Raises ``BatchInterrupted`` on Ctrl-C."""
        from ..core import Summarizer

        items = list(expand(self.sources))
        skipped = 0
        if self.resume and self.output is not None:
            done = _finished_ids(self.output)
            skipped = sum(1 for item in items if item["id"] in done)
            items = [item for item in items if item["id"] not in done]
            click.echo(f"resuming: {skipped} article(s) already in {self.output}, {len(items)} to go", err=True)
        collected: dict[int, Any] = {}
        failures = 0
        stream, close = self._open()
        bar = _Progress(len(items), self.progress)
        interrupted = False
        try:
            with Summarizer(**self.overrides) as summarizer:
                settings = summarizer.settings
                if len(items) == 1:
                    click.echo(f"{items[0]['id']}: summarizing with {settings.backend} ({settings.model_name})...",
                               err=True)
                elif items:
                    click.echo(f"summarizing {len(items)} article(s) with {settings.backend} ({settings.model_name}), "
                               f"{min(settings.jobs, len(items))} at a time", err=True)
                try:
                    for result in summarizer.summarize_many(items, settings.jobs, shared_lines=self.shared_lines):
                        label = result.input["id"]
                        if result.summary is None:
                            failures += 1
                            self.usage.add_failure()
                            message = str(result.error)
                            bar.echo(f"error: {message if message.startswith(label) else f'{label}: {message}'}")
                        else:
                            self.usage.add(result.summary)
                            meta = result.summary.meta
                            origin = "cache" if meta.cached else meta.model
                            bar.echo(f"{label}: done in {meta.seconds:.2f}s ({origin}, "
                                     f"{meta.prompt_tokens}+{meta.completion_tokens} tokens)", quiet=True)
                        self._write(stream, result, len(items) + skipped, collected)
                        bar.advance()
                except KeyboardInterrupt:
                    interrupted = True
        finally:
            bar.stop()
            self._finish(stream, collected)  # what is done is printed, whatever stopped the run
            close()
        if self.show_usage:
            click.echo(self.usage.render(), err=True)
        if interrupted:
            kept = self.usage.articles
            where = f"; rerun with --resume {self.output} to do the rest" if self.fmt == "jsonl" and self.output \
                else ""
            raise BatchInterrupted(f"interrupted: {kept} of {len(items)} article(s) finished and kept{where}",
                                   finished=kept, total=len(items))
        if failures:
            click.echo(f"{failures} of {len(items)} article(s) failed", err=True)
        return failures

    def _open(self) -> tuple[IO[str], Any]:
        if self.output is None:
            return sys.stdout, lambda: sys.stdout.flush()
        output = self.output
        if self.fmt == "html":  # one page, written whole at the end: a reader never sees half of it
            with _writing(output):
                check_writable(output)  # now, not after the whole run
            buffer = io.StringIO()
            return buffer, lambda: _save(output, buffer.getvalue())
        with _writing(output):
            handle = output.open("a" if self.resume else "w", encoding="utf-8")
        return handle, handle.close

    def _write(self, stream: IO[str], result: Any, total: int, collected: dict[int, Any]) -> None:
        from ..render import render_jsonl_line, render_markdown, render_text

        if self.fmt == "jsonl":
            stream.write(render_jsonl_line(result.input["id"], result.summary, result.error))
            stream.flush()
        elif self.fmt == "html":
            collected[result.index] = result  # failures too: the page's index names them
        elif result.summary is None:
            return
        elif self.fmt == "json":
            collected[result.index] = result.summary
        else:
            first = not collected
            collected[result.index] = True
            if self.fmt == "markdown":
                text = render_markdown(result.summary)
            else:
                style = click.style if stream.isatty() else None
                header = f"==> {result.input['id']} <==\n" if total > 1 else ""
                text = header + render_text(result.summary, style)
            stream.write(("" if first else "\n") + text + "\n")
            stream.flush()

    def _finish(self, stream: IO[str], collected: dict[int, Any]) -> None:
        """The formats written once at the end: json (a list, or one object) and html (one page)."""
        results = [collected[i] for i in sorted(collected)]
        collected.clear()
        if self.fmt == "json" and results:
            from ..render import render_json

            single = len(self.sources) == 1 and len(results) == 1 and not Path(self.sources[0]).is_dir()
            stream.write(render_json(results, single=single) + "\n")
        elif self.fmt == "html" and any(r.ok for r in results):
            from ..evidence import ArticleEvidence, render_page

            shown = [ArticleEvidence(r.label, r.summary, r.article) for r in results if r.ok and r.article]
            stream.write(render_page(shown, failures=[(r.label, str(r.error)) for r in results if not r.ok]))


@contextmanager
def _writing(path: Path) -> Iterator[None]:
    try:
        yield
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror}; choose another --output") from None


def _save(path: Path, page: str) -> None:
    """The page in one piece; nothing when no article succeeded, so an earlier page stays as it was."""
    if page:
        with _writing(path):
            atomic_write(path, page.encode("utf-8"))


def _finished_ids(path: Path) -> set[str]:
    """Ids with a successful result in a JSONL output file; failed ones are tried again."""
    done: set[str] = set()
    try:
        handle = path.open(encoding="utf-8")
    except FileNotFoundError:
        return done
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}; check --resume") from None
    with handle:
        for line in handle:
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue  # a line cut short by an interruption: that article is done again
            if isinstance(record, dict) and record.get("ok") and "id" in record:
                done.add(str(record["id"]))
    return done


class _Progress:
    """A rich progress bar on stderr for multi-article runs on a terminal; plain status lines otherwise."""

    def __init__(self, total: int, wanted: bool | None) -> None:
        show = sys.stderr.isatty() if wanted is None else wanted
        self._progress: Any = None
        if show and total > 1:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn, TimeRemainingColumn

            self._progress = Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                                      TimeElapsedColumn(), TimeRemainingColumn(),
                                      console=Console(stderr=True), transient=False)
            self._task = self._progress.add_task("summarizing", total=total)
            self._progress.start()

    def echo(self, line: str, quiet: bool = False) -> None:
        """A status line; ``quiet`` lines are left out while the bar shows progress."""
        if self._progress is None:
            click.echo(line, err=True)
        elif not quiet:
            self._progress.console.print(line, markup=False, highlight=False)

    def advance(self) -> None:
        if self._progress is not None:
            self._progress.advance(self._task)

    def stop(self) -> None:
        if self._progress is not None:
            self._progress.stop()
