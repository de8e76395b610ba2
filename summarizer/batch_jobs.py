"""A Batch API job on disk: the job file, its request files, and the answers downloaded for it.

The job file (JSON, written whole with ``atomic_write`` after every step) is
what lets ``collect`` run in another process, days later, and again: each
article with the item it was read from, the cache key of its cleaned text and
the ``custom_id`` of each request; each batch file with the provider's ids and
status. It holds no secret: the endpoint is recorded without credentials and
the API key never. Its files (request files, downloaded output and error files)
live in a folder beside it, ``JOB.json`` -> ``JOB.files/``.

Request files are OpenAI's batch input format, one request per line::

    {"custom_id": "a1-p1", "method": "POST", "url": "/v1/chat/completions", "body": {...}}

and a new file starts before one would pass ``MAX_REQUESTS`` lines or
``MAX_BYTES`` (OpenAI's limits per batch).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ._files import atomic_write
from .errors import InputError

JOB_FORMAT = 1
MAX_REQUESTS = 50_000  # requests per batch file (OpenAI)
MAX_BYTES = 200 * 1_000_000  # bytes per batch file (OpenAI: 200 MB)


@dataclass
class JobArticle:
    """One article of a job: where it came from, what was sent for it, how it ended."""

    id: str  # the name it is reported under
    item: dict[str, Any]  # how to read it again (``summarizer.inputs.article_input``)
    key: str | None = None  # the cache key of its cleaned article
    custom_ids: list[str] = field(default_factory=list)  # one request per part; shared by a duplicate
    state: str = "sent"  # sent, cached (nothing to send), duplicate (of an earlier article), error
    error: str | None = None  # why it could not be sent (state error)
    outcome: str | None = None  # after collect: batch, live, cached or failed
    reason: str | None = None  # after collect: why its batch answer was not used


@dataclass
class JobBatch:
    """One batch input file and, once submitted, the provider's batch over it."""

    file: str  # the request file's path
    requests: int = 0
    bytes: int = 0
    input_file_id: str | None = None
    id: str | None = None  # the provider's batch id
    status: str = "not submitted"
    counts: dict[str, int] = field(default_factory=dict)  # total, completed, failed
    output_file_id: str | None = None
    error_file_id: str | None = None
    error: str | None = None  # why it was not submitted, or the provider's errors


@dataclass
class Job:
    path: Path
    endpoint: str  # without credentials
    model: str
    mode: str
    kind: str = "batch"  # batch (submitted through the API) or export (a file for an offline engine)
    articles: list[JobArticle] = field(default_factory=list)
    batches: list[JobBatch] = field(default_factory=list)
    format: int = JOB_FORMAT

    @property
    def folder(self) -> Path:
        """Where the job's request files and downloaded answers are kept."""
        return self.path.with_name(f"{self.path.stem}.files")

    def save(self) -> None:
        data = {k: v for k, v in asdict(self).items() if k != "path"}
        try:
            atomic_write(self.path, (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode("utf-8"))
        except OSError as exc:
            raise InputError(f"cannot write the job file {self.path}: {exc.strerror}; choose another -o") from None

    @classmethod
    def load(cls, path: Path) -> Job:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise InputError(f"no job file {path}; pass the job file `summarize batch submit` or `export` wrote") \
                from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError(f"cannot read the job file {path} ({exc}); pass the job file `summarize batch "
                             "submit` or `export` wrote") from None
        if not isinstance(data, dict) or data.get("format") != JOB_FORMAT:
            raise InputError(f"{path} is not a summarizer batch job file (format {JOB_FORMAT}); pass the job file "
                             "`summarize batch submit` or `export` wrote")
        try:
            articles = [JobArticle(**a) for a in data.pop("articles")]
            batches = [JobBatch(**b) for b in data.pop("batches")]
            return cls(path=path, articles=articles, batches=batches, **data)
        except (KeyError, TypeError):
            raise InputError(f"the job file {path} is damaged (its fields are not those of format {JOB_FORMAT}); "
                             "submit the articles again") from None


def request_line(custom_id: str, body: dict[str, Any], url: str) -> bytes:
    """One line of a batch input file."""
    line = {"custom_id": custom_id, "method": "POST", "url": url, "body": body}
    return (json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


class RequestFiles:
    """Request lines written to numbered files, a new one before a file would pass the limits."""

    def __init__(self, first: Path, max_requests: int | None = MAX_REQUESTS, max_bytes: int | None = MAX_BYTES) -> None:
        self.first = first
        self.max_requests = max_requests
        self.max_bytes = max_bytes
        self.batches: list[JobBatch] = []
        self._handle: Any = None

    def _path(self, number: int) -> Path:
        if number == 1:
            return self.first
        return self.first.with_name(f"{self.first.stem}-{number}{self.first.suffix}")

    def add(self, line: bytes) -> None:
        current = self.batches[-1] if self.batches else None
        full = current is not None and (
            (self.max_requests is not None and current.requests + 1 > self.max_requests)
            or (self.max_bytes is not None and current.bytes + len(line) > self.max_bytes))
        if current is None or full:
            self.close()
            path = self._path(len(self.batches) + 1)
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                self._handle = path.open("wb")
            except OSError as exc:
                raise InputError(f"cannot write {path}: {exc.strerror}; choose another -o") from None
            current = JobBatch(file=str(path))
            self.batches.append(current)
        if self.max_bytes is not None and len(line) > self.max_bytes:
            raise InputError(f"one request is {len(line)} bytes, more than a batch file may hold ({self.max_bytes}); "
                             "summarize that article live")
        self._handle.write(line)
        current.requests += 1
        current.bytes += len(line)

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None


def custom_ids(lines: Iterable[bytes | str]) -> Iterator[str]:
    """The ``custom_id`` of each line of a request file."""
    for raw in lines:
        try:
            line = json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError):
            continue
        if isinstance(line, dict) and isinstance(line.get("custom_id"), str):
            yield line["custom_id"]


@dataclass
class Answer:
    """A batch output or error line: the answer's body, or why there is none."""

    body: dict[str, Any] | None = None
    error: str | None = None


def read_answers(lines: Iterable[bytes | str]) -> Iterator[tuple[str, Answer]]:
    """``(custom_id, Answer)`` for each line of a batch output or error file (OpenAI's and vLLM's format).

    A line that is not JSON (a download cut short) is skipped: its article has no
    answer and is asked again live.
    """
    for raw in lines:
        try:
            line = json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError):
            continue
        if not isinstance(line, dict) or not isinstance(line.get("custom_id"), str):
            continue
        yield line["custom_id"], _answer(line)


def _answer(line: dict[str, Any]) -> Answer:
    error = line.get("error")
    response = line["response"] if isinstance(line.get("response"), dict) else {}
    if error:
        if isinstance(error, dict):
            code, message = error.get("code"), error.get("message")
            return Answer(error=f"{code}: {message}" if code else str(message))
        return Answer(error=str(error))
    status = response.get("status_code")
    body = response.get("body")
    if status != 200 or not isinstance(body, dict):
        detail = body.get("error", {}).get("message") if isinstance(body, dict) and \
            isinstance(body.get("error"), dict) else None
        return Answer(error=f"HTTP {status}" + (f": {detail}" if detail else ""))
    return Answer(body=body)
