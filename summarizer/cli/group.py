"""The ``summarize`` group, its error handling and the console script's exit.

Results go to stdout, progress and diagnostics to stderr. Exit codes: 0 on
success, 1 on a handled error (one line saying how to fix it), 2 on bad usage,
130 on Ctrl-C. Set ``SUMMARIZER_DEBUG=1`` to see the traceback behind an error.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from ..errors import SummarizerError

F = TypeVar("F", bound=Callable[..., Any])

DEFAULT_COMMAND = "run"


class _DefaultGroup(click.Group):
    """``summarize FILE...`` runs the default command; ``summarize cache ...`` a subcommand."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = [DEFAULT_COMMAND, *args]
        return super().parse_args(ctx, args)


def handle_errors(func: F) -> F:
    """A command's errors as one line and an exit code, never a traceback (unless ``SUMMARIZER_DEBUG``)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except SummarizerError as exc:
            if os.environ.get("SUMMARIZER_DEBUG"):
                raise
            click.echo(f"error: {exc}", err=True)
            sys.exit(1)
        except KeyboardInterrupt as exc:  # Ctrl-C; a batch says what it kept (batch.BatchInterrupted)
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


def log_to_stderr() -> None:
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
    summarize FILE... -f html   one page: each figure where it stands, the evidence, what was cut
    summarize clean FILE        print the cleaned article text (--json: with the audit)
    summarize cache info|clear  inspect or empty the result cache
    summarize eval FOLDER       score summaries against gold files
    summarize schema            print the JSON schema of the output
    summarize digest SOURCE...  email a digest of folders, feeds and URLs (--dry-run, --every)
    summarize log               the run history: list, search (-q), show ID, --figures ENTITY
    summarize batch submit|status|collect   a provider's Batch API at half price (also export|import)

    By default a local model runs in this process (no key, no network). Set
    OPENAI_API_KEY or OPENAI_BASE_URL, or pass --backend openai, to use an
    OpenAI-compatible server instead.
    """


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
