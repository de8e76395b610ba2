"""Running an instructor call and turning its outcome into an ``ExtractionOutcome``.

Public within ``summarizer.backends``: a backend built on an OpenAI-style ``create``
callable (and ``summarizer.testing``'s scripted ones) calls ``run_extraction``.

Shared by every backend: the re-ask budget, the lenient last resort (drop what
is still ungrounded and say so in the warnings), token accounting over all
attempts, and the mapping of library exceptions onto our error tree.
"""

from __future__ import annotations

import functools
import json
import logging
import textwrap
from collections.abc import Awaitable, Callable
from functools import cache
from typing import Any, cast

import instructor
from instructor.core import IncompleteOutputException, InstructorRetryException, ResponseParsingError
from pydantic import ValidationError

from ..drafts import Extraction, with_candidates
from ..errors import ModelOutputError
from .base import ExtractionOutcome, ExtractionRequest
from .outline import outlined_system

# instructor logs each failed call at ERROR; with no handler configured, Python prints those to stderr: two
# stray lines per failed article in front of our one-line error. Our own log (``--verbose``) says it all.
logging.getLogger("instructor").addHandler(logging.NullHandler())
log = logging.getLogger(__name__)

MODES = {
    "tools": instructor.Mode.TOOLS,
    "json": instructor.Mode.JSON,
    "json_grammar": instructor.Mode.JSON,  # plus the schema in response_format: see openai_compat
    "json_schema": instructor.Mode.JSON_SCHEMA,
    "md_json": instructor.Mode.MD_JSON,
}


def _usage(usage: Any) -> tuple[int, int]:
    if usage is None:
        return 0, 0
    return int(getattr(usage, "prompt_tokens", 0) or 0), int(getattr(usage, "completion_tokens", 0) or 0)


class _ValidationContext(dict[str, Any]):
    """The validators' context, which instructor must not use as template variables.

    instructor renders every message as a Jinja template whenever the context it
    is given is truthy, and articles are untrusted text: an article with ``{{``
    or ``{%`` failed to render or, worse, was rendered. Its check is
    ``if not context``, so a context that is falsy but still a dict reaches the
    validators (pydantic passes it through as ``info.context``) and skips the
    templating, which also saves compiling two templates per request.
    """

    def __bool__(self) -> bool:
        return False


class _Prepared:
    """The request exactly as instructor's templating step would have left its first messages.

    Rendering ended with ``textwrap.dedent``, after Jinja dropped one trailing
    newline: whitespace-only lines in instructor's own JSON-mode instructions
    came out empty. Doing the same (and nothing else) keeps every request, and so
    every recorded cassette, byte for byte what it was; the article itself is
    never treated as a template.
    """

    def __init__(self) -> None:
        self.templated: int | None = None  # how many messages the templating step saw: those of the first call

    def __call__(self, kwargs: dict[str, Any]) -> dict[str, Any]:
        messages = kwargs.get("messages")
        if not isinstance(messages, list):
            return kwargs
        if self.templated is None:
            self.templated = len(messages)
        shaped = [_as_rendered(m) if i < self.templated else m for i, m in enumerate(messages)]
        return {**kwargs, "messages": shaped}


def _as_rendered(message: Any) -> Any:
    if not isinstance(message, dict) or not isinstance(message.get("content"), str):
        return message
    content = message["content"]
    content = content[:-1] if content.endswith("\n") else content
    return {**message, "content": textwrap.dedent(content)}


@cache
def _ready(model: type[Extraction]) -> type[Extraction]:
    """``model`` as instructor's ``ResponseSchema``, made once.

    Given a plain pydantic class, instructor builds this wrapper class on every
    call, and its cached tool schema with it: about 2 ms of CPU per request.
    """
    return cast(type[Extraction], instructor.openai_schema(model))


@cache
def _schema(model: type[Extraction]) -> dict[str, Any]:
    return model.model_json_schema()  # shared: never changed, with_candidates copies what it rewrites


@cache
def _schema_text(model: type[Extraction]) -> str:
    """The schema as instructor's JSON modes write it into the system message."""
    return json.dumps(_schema(model), indent=2, ensure_ascii=False)


class _Narrowed:
    """The article's figure enum, written into the request instructor built from the fixed schema.

    instructor puts the schema in the tool definition (tools), in
    ``response_format`` (json_schema) or in the system message (json, md_json);
    each becomes exactly what a class with ``raw: Literal[candidates]`` would
    have produced (see ``drafts.with_candidates``).

    ``system``: a backend whose grammar holds the answer to the schema (the
    embedded model) gives its own system prompt, and the system message becomes
    that prompt and the schema's one-line outline (``outline``) instead of
    instructor's indented schema; the enum is then the grammar's alone.
    """

    def __init__(self, model: type[Extraction], candidates: tuple[str, ...] | None, system: str | None = None) -> None:
        self.model = model
        self.candidates = candidates
        self.system = system
        self._wrote = False  # whether the enum reached the request: checked on each one

    def __call__(self, kwargs: dict[str, Any]) -> dict[str, Any]:
        if self.system is not None:
            return self._outlined(kwargs)
        if not self.candidates:
            return kwargs
        self._wrote = False
        kwargs = dict(kwargs)
        tools = kwargs.get("tools")
        if isinstance(tools, list):
            kwargs["tools"] = [self._tool(t) for t in tools]
        form = kwargs.get("response_format")
        if isinstance(form, dict) and isinstance(form.get("json_schema"), dict):
            inner = form["json_schema"]
            if isinstance(inner.get("schema"), dict):
                kwargs["response_format"] = {**form, "json_schema": {**inner, "schema": self._schema(inner["schema"])}}
        messages = kwargs.get("messages")
        if isinstance(messages, list):
            kwargs["messages"] = [self._message(m) for m in messages]
        if not self._wrote:  # instructor laid the request out some other way: say so; answers are still checked
            log.warning("the article's %d numbers could not be written into the request's schema; answers are "
                        "still checked against them", len(self.candidates))
        return kwargs

    def _outlined(self, kwargs: dict[str, Any]) -> dict[str, Any]:
        messages = kwargs.get("messages")
        if not isinstance(messages, list):
            return kwargs
        fixed = _schema_text(self.model)
        outlined = outlined_system(self.system or "", with_candidates(_schema(self.model), self.candidates))
        return {**kwargs, "messages": [
            {**m, "content": outlined} if isinstance(m, dict) and m.get("role") == "system"
            and isinstance(m.get("content"), str) and fixed in m["content"] else m for m in messages]}

    def _schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        narrowed = with_candidates(schema, self.candidates)
        self._wrote = self._wrote or narrowed is not schema
        return narrowed

    def _tool(self, tool: Any) -> Any:
        function = tool.get("function") if isinstance(tool, dict) else None
        if not isinstance(function, dict) or not isinstance(function.get("parameters"), dict):
            return tool
        return {**tool, "function": {**function, "parameters": self._schema(function["parameters"])}}

    def _message(self, message: Any) -> Any:
        if not isinstance(message, dict) or message.get("role") != "system":
            return message
        if not isinstance(message.get("content"), str):
            return message
        fixed = _schema_text(self.model)
        if fixed not in message["content"]:
            return message
        narrowed = json.dumps(self._schema(_schema(self.model)), indent=2, ensure_ascii=False)
        return {**message, "content": message["content"].replace(fixed, narrowed)}


class _Attempts:
    """One extraction's requests, shared by the sync and async paths: what is sent, counted, and kept."""

    def __init__(self, request: ExtractionRequest, outline: bool = False) -> None:
        self.messages = [dict(m) for m in request.messages]
        self.context = _ValidationContext(request.context())
        self.model = _ready(request.response_model)
        self.calls = 0
        self._shape = _Prepared()
        system = next((m["content"] for m in request.messages if m.get("role") == "system"), "") if outline else None
        self._narrow = _Narrowed(self.model, request.candidates, system)

    def next(self, kwargs: dict[str, Any]) -> dict[str, Any]:
        """Count one more answer asked for and return its request as it goes out."""
        self.calls += 1
        self.context["warnings"] = []  # warnings describe the answer that is finally kept, not earlier attempts
        return self._narrow(self._shape(kwargs))

    def outcome(self, result: Any) -> ExtractionOutcome:
        prompt, completion = _usage(getattr(result, "_total_usage", None) or _raw_usage(result))
        return ExtractionOutcome(result, prompt, completion, attempts=self.calls,
                                 warnings=list(self.context["warnings"]))


def _failed(exc: Exception, request: ExtractionRequest, reasks: int,
            map_error: Callable[[BaseException], Exception]) -> ExtractionOutcome:
    if isinstance(exc, IncompleteOutputException):
        raise ModelOutputError(
            "the model's answer was cut off by the token limit; raise SUMMARIZER_MAX_TOKENS "
            "or use a model with a larger context"
        ) from exc
    assert isinstance(exc, InstructorRetryException)
    cause = exc.__cause__
    if cause is not None and not isinstance(cause, (ValidationError, json.JSONDecodeError, ResponseParsingError)):
        raise map_error(cause) from cause
    try:
        return _lenient(exc, request, reasks)
    except ModelOutputError:
        if not isinstance(cause, ResponseParsingError):
            raise
        raise ModelOutputError(  # prose instead of the tool call, say: the mode rather than the model is at fault
            f"the model did not answer in the requested form after {reasks + 1} attempts ({cause}); try another "
            "--mode (json, or json_grammar for llama.cpp servers) or a model that supports tool calls"
        ) from exc


def _patched(create: Callable[..., Any], mode: str, request: ExtractionRequest, reasks: int,
             kwargs: dict[str, Any], *, is_async: bool, outline: bool = False) -> tuple[_Attempts, Callable[[], Any]]:
    """The one extraction sequence both paths run: instructor around ``create``, every attempt counted and
    narrowed. The call it returns gives the result, or (``is_async``) a coroutine for it."""
    attempts = _Attempts(request, outline)
    if is_async:
        async def counted_async(*args: Any, **kw: Any) -> Any:
            return await create(*args, **attempts.next(kw))
        counted: Callable[..., Any] = counted_async  # instructor sees a coroutine function: its async path
    else:
        def counted(*args: Any, **kw: Any) -> Any:
            return create(*args, **attempts.next(kw))
    patched: Any = instructor.patch(create=counted, mode=MODES[mode])
    return attempts, functools.partial(patched, response_model=attempts.model, messages=attempts.messages,
                                       context=attempts.context, max_retries=reasks, strict=False, **kwargs)


def run_extraction(
    create: Callable[..., Any],
    mode: str,
    request: ExtractionRequest,
    reasks: int,
    map_error: Callable[[BaseException], Exception],
    *,
    outline: bool = False,
    **kwargs: Any,
) -> ExtractionOutcome:
    """Ask for an ``Extraction``; re-ask up to ``reasks`` times when validation fails.

    ``outline``: only for a ``create`` that decodes under a grammar built from the request's schema (``mode``
    json): the system message carries the schema's one-line outline instead of the whole schema (``_Narrowed``).
    """
    attempts, call = _patched(create, mode, request, reasks, kwargs, is_async=False, outline=outline)
    try:
        return attempts.outcome(call())
    except (IncompleteOutputException, InstructorRetryException) as exc:
        return _failed(exc, request, reasks, map_error)


async def arun_extraction(
    create: Callable[..., Awaitable[Any]],
    mode: str,
    request: ExtractionRequest,
    reasks: int,
    map_error: Callable[[BaseException], Exception],
    *,
    outline: bool = False,
    **kwargs: Any,
) -> ExtractionOutcome:
    """``run_extraction`` for an async ``create`` (instructor's async path)."""
    attempts, call = _patched(create, mode, request, reasks, kwargs, is_async=True, outline=outline)
    try:
        return attempts.outcome(await call())
    except (IncompleteOutputException, InstructorRetryException) as exc:
        return _failed(exc, request, reasks, map_error)


def check_answer(completion: Any, mode: str, request: ExtractionRequest, **kwargs: Any) -> ExtractionOutcome:
    """Validate an answer obtained elsewhere (a Batch API output line) exactly as a live call's first answer is.

    The answer goes through the same instructor parsing and validators as a live
    one, with no re-ask and no lenient fallback: a ``ModelOutputError`` says why
    it is not valid, and the caller asks again live, with the normal re-asks.
    """

    def create(*args: Any, **kw: Any) -> Any:
        return completion

    attempts, call = _patched(create, mode, request, 0, kwargs, is_async=False)
    try:
        return attempts.outcome(call())
    except IncompleteOutputException as exc:
        raise ModelOutputError("the answer was cut off by the token limit") from exc
    except InstructorRetryException as exc:
        raise ModelOutputError(f"the answer failed validation ({_reason(exc.__cause__ or exc)})") from exc


def _reason(exc: BaseException) -> str:
    """A validation failure in one line: the first error's place and message."""
    if isinstance(exc, ValidationError) and exc.errors():
        error = exc.errors()[0]
        where = ".".join(str(part) for part in error["loc"])
        return f"{where}: {error['msg']}" if where else str(error["msg"])
    text = str(exc)
    return text.splitlines()[0] if text else type(exc).__name__


def _raw_usage(result: Any) -> Any:
    raw = getattr(result, "_raw_response", None)
    return getattr(raw, "usage", None)


def _lenient(exc: InstructorRetryException, request: ExtractionRequest, reasks: int) -> ExtractionOutcome:
    """The re-asks ran out: keep what is sound from the last answer, drop the rest with a warning."""
    prompt, completion = _usage(exc.total_usage)
    arguments = _arguments(exc.last_completion)
    context = request.context(lenient=True)
    try:
        extraction = request.response_model.model_validate_json(arguments or "", context=context)
    except (ValidationError, ValueError) as final:
        first = str(final).splitlines()[0] if str(final) else type(final).__name__
        raise ModelOutputError(
            f"the model gave no valid answer after {reasks + 1} attempts ({first}); "
            "try a larger model with --model"
        ) from exc
    warnings = [f"kept after {exc.n_attempts} attempts; the last answer was still invalid"]
    warnings += context.get("warnings", [])
    return ExtractionOutcome(extraction, prompt, completion, attempts=exc.n_attempts, warnings=warnings)


def _arguments(completion: Any) -> str | None:
    """The JSON the model wrote, from a tool call or from the message text."""
    try:
        message = completion.choices[0].message
    except (AttributeError, IndexError, TypeError):
        return None
    calls = getattr(message, "tool_calls", None) or []
    if calls:
        arguments = calls[0].function.arguments
        return arguments if isinstance(arguments, str) else None
    content = getattr(message, "content", None)
    if isinstance(content, str):
        start, end = content.find("{"), content.rfind("}")
        return content[start : end + 1] if start != -1 and end > start else None
    return None
