"""Any OpenAI-compatible endpoint (OpenAI, Ollama, vLLM, llama.cpp's server) via the openai SDK.

The SDK's retries are off; ``summarizer.backends.retry`` retries transient failures.
The instructor mode is configurable because endpoints differ:

* ``tools`` (default): a forced tool call; right for OpenAI and most hosted APIs.
* ``json_grammar``: JSON mode with the schema in ``response_format``, which
  llama.cpp's servers turn into a grammar; the recommended mode for them
  (llama.cpp's server rejects ``json_schema`` with HTTP 500).
* ``json``, ``md_json``, ``json_schema``: instructor's modes as they are.
"""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING, Any

from ..config import Settings, _without_credentials
from ..errors import ConfigError, ModelError, ModelUnavailableError
from ..turns import cpu_turn
from .base import DEFAULT_CONTEXT_TOKENS, Backend, estimate_tokens
from .ratelimit import RateLimiter
from .retry import RETRY_STATUS, MalformedResponse, RetryPolicy, acall_with_retries, call_with_retries

if TYPE_CHECKING:
    from .base import ExtractionOutcome, ExtractionRequest

log = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://api.openai.com/v1"


class OpenAIBackend(Backend):
    name = "openai"

    def __init__(self, settings: Settings, http_client: Any = None, retry_policy: RetryPolicy | None = None,
                 async_http_client: Any = None) -> None:
        self.settings = settings
        self.base_url = settings.base_url or DEFAULT_BASE_URL
        self.where = _without_credentials(self.base_url)  # for messages and logs: never a password
        self.retry_policy = retry_policy or RetryPolicy(
            attempts=settings.retry_attempts, max_seconds=settings.retry_max_seconds
        )
        self._http_client = http_client
        self._async_http_client = async_http_client
        self._client: Any = None
        self._aclients: dict[int, Any] = {}  # one async client per event loop: httpx binds to the loop
        self.limiter = RateLimiter(settings.requests_per_minute, settings.tokens_per_minute)

    @property
    def model(self) -> str:
        return self.settings.model_name

    def identity(self) -> dict[str, Any]:
        return {"backend": self.name, "endpoint": self.base_url.rstrip("/"), "model": self.model,
                "mode": self.settings.mode}

    def _check_key(self) -> None:
        if not self.settings.api_key and self.base_url == DEFAULT_BASE_URL:
            raise ConfigError(
                "no OpenAI API key: set OPENAI_API_KEY, or set OPENAI_BASE_URL to a local "
                "OpenAI-compatible server, or use --backend local"
            )

    def client(self) -> Any:
        if self._client is None:
            import openai

            self._check_key()
            self._client = openai.OpenAI(
                api_key=self.settings.api_key or "not-needed",
                base_url=self.base_url,
                timeout=self.settings.timeout,
                max_retries=0,
                http_client=self._http_client,
            )
        return self._client

    def aclient(self) -> Any:
        import asyncio

        loop = id(asyncio.get_running_loop())
        if loop not in self._aclients:
            import openai

            self._check_key()
            self._aclients[loop] = openai.AsyncOpenAI(
                api_key=self.settings.api_key or "not-needed",
                base_url=self.base_url,
                timeout=self.settings.timeout,
                max_retries=0,
                http_client=self._async_http_client,
            )
        return self._aclients[loop]

    def extract(self, request: ExtractionRequest) -> ExtractionOutcome:
        from .extraction import run_extraction  # instructor is slow to import; only load it to call a model

        client = self.client()
        exchange = _Exchange(self, request)

        def send(**kwargs: Any) -> Any:
            self.limiter.wait(exchange.estimate)
            exchange.sending()
            try:
                return exchange.received(client.chat.completions.create(**kwargs))
            except json.JSONDecodeError as exc:
                raise MalformedResponse(f"a body that is not JSON ({exc.msg})") from None

        def create(**kwargs: Any) -> Any:
            return call_with_retries(self.retry_policy, send, transient=is_transient,
                                     on_retry_after=self.limiter.pause, **exchange.prepared(kwargs))

        outcome = run_extraction(create, self.settings.mode, request, self.settings.reasks, self._map_error,
                                 **self._generation())
        outcome.requests = exchange.requests
        return outcome

    async def aextract(self, request: ExtractionRequest) -> ExtractionOutcome:
        """``extract`` on the async client: the same exchange, awaited."""
        from .extraction import arun_extraction

        client = self.aclient()
        exchange = _Exchange(self, request)

        async def send(**kwargs: Any) -> Any:
            await self.limiter.acquire(exchange.estimate)
            exchange.sending()
            try:
                response = exchange.received(await client.chat.completions.create(**kwargs))
            except json.JSONDecodeError as exc:
                raise MalformedResponse(f"a body that is not JSON ({exc.msg})") from None
            await cpu_turn()  # validating the answer is CPU work: network steps ready now go first
            return response

        async def create(**kwargs: Any) -> Any:
            return await acall_with_retries(self.retry_policy, send, transient=is_transient,
                                            on_retry_after=self.limiter.pause, **exchange.prepared(kwargs))

        outcome = await arun_extraction(create, self.settings.mode, request, self.settings.reasks, self._map_error,
                                        **self._generation())
        outcome.requests = exchange.requests
        return outcome

    def _generation(self) -> dict[str, Any]:
        """What every request asks of the model besides the messages."""
        return {"model": self.model, "max_tokens": self.settings.max_tokens,
                "temperature": self.settings.temperature, "seed": 0}

    def count_tokens(self, text: str) -> int:
        """An upper estimate: no tokenizer for an arbitrary server's model is available offline."""
        return estimate_tokens(text)

    def context_tokens(self) -> int:
        return self.settings.context_tokens or DEFAULT_CONTEXT_TOKENS

    def _redact(self, text: str) -> str:
        """Server-supplied text for a message: a server may echo the request, key and URL included."""
        if self.base_url != self.where:
            text = text.replace(self.base_url, self.where)
        return text.replace(self.settings.api_key, "***") if self.settings.api_key else text

    def _map_error(self, exc: BaseException) -> Exception:
        import openai

        where = self.where
        if isinstance(exc, openai.AuthenticationError):
            return ConfigError(f"{where} rejected the API key (401); check OPENAI_API_KEY")
        if isinstance(exc, openai.PermissionDeniedError):
            return ConfigError(f"{where} refused access (403); check the key's permissions for model {self.model}")
        if isinstance(exc, openai.NotFoundError):
            return ConfigError(f"{where} has no model {self.model!r} (404); choose another with --model")
        if isinstance(exc, openai.APITimeoutError):
            return ModelUnavailableError(
                f"{where} did not answer within {self.settings.timeout:g}s after retries; "
                "raise SUMMARIZER_TIMEOUT or check the server"
            )
        if isinstance(exc, openai.APIConnectionError):
            cause = exc.__cause__
            if cause is not None and type(cause).__name__ != "ConnectError":  # reached, then cut off mid-answer
                return ModelUnavailableError(f"the connection to {where} broke off after retries "
                                             f"({self._redact(_short(cause))}); try again later or check the server")
            return ModelUnavailableError(f"cannot reach {where}; check OPENAI_BASE_URL and that the server is running")
        if isinstance(exc, MalformedResponse):
            return ModelUnavailableError(
                f"{where} kept answering with {exc} after retries; check that OPENAI_BASE_URL is an "
                "OpenAI-compatible server's /v1 address, or try again later"
            )
        if isinstance(exc, openai.APIStatusError):
            message = self._redact(_short(exc))
            if exc.status_code == 429 or exc.status_code >= 500:
                return ModelUnavailableError(
                    f"{where} kept failing with HTTP {exc.status_code} after retries ({message}); try again later"
                )
            return ModelError(f"{where} refused the request with HTTP {exc.status_code} ({message}); "
                              "try another --mode if the server does not support tool calls")
        return ModelError(f"the request to {where} failed: {self._redact(str(exc))}")

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        self._aclients.clear()  # their loops are gone; httpx closes the connections with them

    async def aclose(self) -> None:
        import asyncio

        client = self._aclients.pop(id(asyncio.get_running_loop()), None)
        if client is not None:
            await client.close()


class _Exchange:
    """One extraction's requests, whichever path sends them: what goes out, what is counted, what comes back.

    The sync and async paths differ only in how they wait and send; the rate
    limits, Retry-After, counting and answer checks are the same code.
    """

    def __init__(self, backend: OpenAIBackend, request: ExtractionRequest) -> None:
        self.backend = backend
        mode = backend.settings.mode
        self.schema = request.schema() if mode == "json_grammar" else None
        self.estimate = _estimate_tokens(request.messages) + backend.settings.max_tokens
        self.requests = 0

    def prepared(self, kwargs: dict[str, Any]) -> dict[str, Any]:
        if self.schema is not None:  # json_grammar: llama.cpp servers build a grammar from this schema
            kwargs["response_format"] = {"type": "json_object", "schema": self.schema}
        return kwargs

    def sending(self) -> None:
        self.requests += 1
        backend = self.backend
        log.debug("request %d to %s: model %s, mode %s", self.requests, backend.where, backend.model,
                  backend.settings.mode)

    def received(self, response: Any) -> Any:
        response = _checked(response)
        usage = getattr(response, "usage", None)
        if usage is not None:
            self.backend.limiter.settle(self.estimate, int(getattr(usage, "total_tokens", 0) or 0))
        return response


def is_transient(exc: BaseException) -> bool:
    """Whether a failed request is worth sending again: the SDK's timeouts, broken connections, 408/409/429/5xx."""
    import openai

    if isinstance(exc, (openai.APITimeoutError, openai.APIConnectionError, MalformedResponse)):
        return True
    if isinstance(exc, openai.APIStatusError):
        return exc.status_code in RETRY_STATUS or exc.status_code >= 500
    return False


def _checked(response: Any) -> Any:
    """The SDK hands back a non-JSON body as text, and JSON of any shape as a completion: refuse both."""
    if isinstance(response, str):
        raise MalformedResponse("a body that is not JSON")
    if not getattr(response, "choices", None):
        raise MalformedResponse("JSON that is not a chat completion (no choices)")
    return response


def _estimate_tokens(messages: list[dict[str, str]]) -> int:
    return sum(len(m["content"]) for m in messages) // 4 + 16 * len(messages)


def _short(exc: Any) -> str:
    """The server's own message when its error body has one ("rate limit reached"), else the exception's."""
    body = getattr(exc, "body", None)
    text = body.get("message") if isinstance(body, dict) else None
    text = str(text or getattr(exc, "message", "") or exc)
    return " ".join(text.split())[:200]
