"""The OpenAI Batch API seen from the backend: request bodies, answers, and the Files and Batches endpoints.

A batch line must be exactly the request ``summarize`` sends live, so it is not
built here a second time: ``OpenAIBatches.body`` runs the openai backend's own
``extract`` (instructor, the article's figure enum, the mode's response format,
the generation settings) over an HTTP transport that keeps the request body and
answers it with a refusal, so nothing leaves the process. An answer from a
batch output file goes through the same instructor parsing and validators as a
live call's first answer (``extraction.check_answer``); a failing one is
reported, never repaired here: the caller asks again live, with the re-asks.

The Files and Batches calls go through the SDK with our transport retries
(429 with Retry-After, 5xx, timeouts) and map failures onto the error tree with
a message that says what to do; the API key never appears in one.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

from ..errors import ConfigError, ModelError, ModelOutputError, ModelUnavailableError
from .openai_compat import OpenAIBackend, _short, is_transient
from .retry import RetryPolicy, call_with_retries

if TYPE_CHECKING:
    from ..config import Settings
    from .base import ExtractionOutcome, ExtractionRequest

BATCH_URL = "/v1/chat/completions"
COMPLETION_WINDOW = "24h"
TERMINAL_STATUSES = frozenset({"completed", "failed", "expired", "cancelled"})
UPLOAD_TIMEOUT = 600.0  # seconds for one batch file: up to 200 MB


_building: ContextVar[bool] = ContextVar("summarizer_building_batch_body", default=False)


class _QuietWhileBuilding(logging.Filter):
    """instructor logs the builder's refusal as a failed API call, at ERROR: it is none, so it is not logged."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not _building.get()


_QUIET = _QuietWhileBuilding()
INSTRUCTOR_LOGGERS = ("instructor", "instructor.v2.retry")  # where instructor 1.17 logs a failed call


class _Capture:
    """An httpx transport handler that keeps each request's JSON body and refuses the request."""

    def __init__(self) -> None:
        self.bodies: list[dict[str, Any]] = []

    def __call__(self, request: Any) -> Any:
        import httpx2

        self.bodies.append(json.loads(request.content))
        return httpx2.Response(400, json={"error": {"message": "kept for a batch file, not sent"}})


class OpenAIBatches:
    """Batch files for ``settings`` (an openai backend's settings) and the provider's Files and Batches API."""

    def __init__(self, settings: Settings, http_client: Any = None) -> None:
        self.settings = settings
        self.backend = OpenAIBackend(settings, http_client=http_client)
        self._builder: tuple[OpenAIBackend, _Capture] | None = None

    @property
    def where(self) -> str:
        """The endpoint, without credentials: for messages and the job file."""
        return self.backend.where

    def check_key(self) -> None:
        """A ``ConfigError`` when no API key is set for OpenAI's own endpoint (where a live call would fail too)."""
        try:
            self.backend._check_key()
        except ConfigError:
            raise ConfigError("no OpenAI API key: set OPENAI_API_KEY, or OPENAI_BASE_URL to a server that offers "
                              "the Batch API (`summarize batch export` needs neither)") from None

    def body(self, request: ExtractionRequest) -> dict[str, Any]:
        """The body of the first chat completion request a live ``summarize`` sends for ``request``."""
        backend, capture = self._capturing()
        capture.bodies.clear()
        building = _building.set(True)
        try:
            with contextlib.suppress(ModelError):  # the refusal that keeps the request in the process
                backend.extract(request)
        finally:
            _building.reset(building)
        if len(capture.bodies) != 1:
            raise ModelError(f"building the batch request gave {len(capture.bodies)} request bodies instead of one; "
                             "please report this")
        return capture.bodies.pop()

    def _capturing(self) -> tuple[OpenAIBackend, _Capture]:
        if self._builder is None:
            import httpx2

            capture = _Capture()
            for name in INSTRUCTOR_LOGGERS:
                logger = logging.getLogger(name)
                if _QUIET not in logger.filters:
                    logger.addFilter(_QUIET)
            # the same settings but no client-side rate limit to wait for, and a key the builder never sends
            settings = dataclasses.replace(self.settings, api_key=self.settings.api_key or "not-needed",
                                           requests_per_minute=None, tokens_per_minute=None)
            client = httpx2.Client(transport=httpx2.MockTransport(capture))
            self._builder = OpenAIBackend(settings, http_client=client, retry_policy=RetryPolicy(attempts=1)), capture
        return self._builder

    def check(self, body: Any, request: ExtractionRequest) -> ExtractionOutcome:
        """A batch line's answer (a chat completion's JSON) validated as a live call's first answer is."""
        from openai.types.chat import ChatCompletion
        from pydantic import ValidationError

        from .extraction import check_answer

        try:
            completion = ChatCompletion.model_validate(body)
        except ValidationError:
            raise ModelOutputError("the answer is not a chat completion") from None
        if not completion.choices:
            raise ModelOutputError("the answer has no choices")
        outcome = check_answer(completion, self.settings.mode, request)
        outcome.requests = 1
        return outcome

    # --- the Files and Batches endpoints ------------------------------------------------------------

    def upload(self, data: bytes, name: str) -> str:
        """Upload a batch input file (purpose ``batch``); its file id."""
        client = self._client().with_options(timeout=max(self.settings.timeout, UPLOAD_TIMEOUT))
        uploaded = self._call(f"uploading {name}", client.files.create, file=(name, data, "application/jsonl"),
                              purpose="batch")
        return str(uploaded.id)

    def create(self, input_file_id: str, metadata: dict[str, str] | None = None) -> dict[str, Any]:
        """Start a batch over an uploaded file; the batch object."""
        batch = self._call("creating the batch", self._client().batches.create, input_file_id=input_file_id,
                           endpoint=BATCH_URL, completion_window=COMPLETION_WINDOW, metadata=metadata or None)
        return _plain(batch)

    def retrieve(self, batch_id: str) -> dict[str, Any]:
        return _plain(self._call(f"asking for batch {batch_id}", self._client().batches.retrieve, batch_id))

    def cancel(self, batch_id: str) -> dict[str, Any]:
        return _plain(self._call(f"cancelling batch {batch_id}", self._client().batches.cancel, batch_id))

    def content(self, file_id: str) -> bytes:
        """A file's content: a batch's output or error file."""
        response = self._call(f"downloading file {file_id}", self._client().files.content, file_id)
        return bytes(response.content)

    def _client(self) -> Any:
        self.check_key()
        return self.backend.client()

    def _call(self, what: str, func: Any, *args: Any, **kwargs: Any) -> Any:
        import openai

        try:
            return call_with_retries(self.backend.retry_policy, func, *args, transient=is_transient,
                                     on_retry_after=self.backend.limiter.pause, **kwargs)
        except openai.APIStatusError as exc:
            raise self._status_error(what, exc) from exc
        except openai.OpenAIError as exc:
            raise self.backend._map_error(exc) from exc

    def _status_error(self, what: str, exc: Any) -> Exception:
        where, code = self.where, exc.status_code
        message = self.backend._redact(_short(exc))
        if code == 401:
            return ConfigError(f"{where} rejected the API key (401) {what}; check OPENAI_API_KEY")
        if code == 403:
            return ConfigError(f"{where} refused {what} (403: {message}); check the key's permissions for the "
                               "Files and Batches API")
        if code == 404:
            return ConfigError(f"{where} has no such object (404) {what}; check the job file and OPENAI_BASE_URL "
                               "(the endpoint the job was submitted to)")
        if code == 429 or code >= 500:
            return ModelUnavailableError(f"{where} kept refusing {what} with HTTP {code} after retries ({message}); "
                                         "try again later (a batch queue limit clears as running batches finish)")
        return ModelError(f"{where} refused {what} with HTTP {code} ({message}); check that the endpoint offers "
                          "OpenAI's Batch API")


def _plain(obj: Any) -> dict[str, Any]:
    """An SDK object as plain JSON data."""
    dumped = obj.model_dump(mode="json") if hasattr(obj, "model_dump") else dict(obj)
    return dict(dumped)

