"""The embedded default: llama.cpp in this process, on a GGUF file installed from PyPI.

Decoding is constrained to the schema by a grammar we build from the
``Extraction`` JSON schema and pass to llama.cpp ourselves, with instructor in
JSON mode parsing the answer. Why not the obvious routes:

* ``JSON_SCHEMA`` mode sends ``response_format: json_schema``, which
  llama-cpp-python ignores: no grammar at all.
* ``JSON`` mode alone sends ``json_object`` without a schema: any JSON.
* ``TOOLS`` mode does get a schema grammar, but the chat template then frames
  the answer as a tool call and Qwen models answer with the arguments as an
  escaped string (``\"``), which the stock grammar allows, so the whole answer
  lands inside the first summary sentence. Our grammar's strings take no
  backslash escapes, which closes that hole.
"""

from __future__ import annotations

import json
import os
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import Settings
from ..drafts import extraction_schema, with_sentiment_label
from ..embedded import ensure_model_file, get_embedded
from ..errors import ConfigError, InputError, ModelError
from .base import Backend
from .tone_probe import Probe, read_tone

if TYPE_CHECKING:
    from .base import ExtractionOutcome, ExtractionRequest

CONTEXT_STEP = 2048
MIN_CONTEXT = 8192
TEMPLATE_OVERHEAD = 1024  # chat template and the tool schema the template injects


# JSON string characters without escapes or control characters (see the module docstring).
_STRING_CHAR = r'char ::= [^"\\\x00-\x1f]'


def schema_grammar_text(schema: dict[str, Any] | None = None) -> str:
    """GBNF for an ``Extraction`` JSON schema (by default the plain one), its strings limited to unescaped
    characters."""
    from llama_cpp import llama_grammar

    gbnf = llama_grammar.json_schema_to_gbnf(json.dumps(extraction_schema(None) if schema is None else schema))
    return re.sub(r"^char ::= .*$", lambda _: _STRING_CHAR, gbnf, count=1, flags=re.MULTILINE)


def default_threads() -> int:
    """Every core this process may run on. llama-cpp-python's own default is half of them (it assumes
    hyper-threads), which left one core of two idle while generating."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _import_llama() -> Any:
    try:
        import llama_cpp
    except ImportError:
        raise ConfigError(
            "the local backend needs llama-cpp-python; install it with: pip install 'summarizer[local]' "
            "(or use an OpenAI-compatible server with --backend openai)"
        ) from None
    return llama_cpp


@dataclass(frozen=True)
class EvalTimings:
    """llama.cpp's own counters: prompt tokens evaluated in batches (prefill) and tokens evaluated one at a
    time (decode). They count the model's work only, never sampling or the grammar."""

    prompt_tokens: int = 0
    prompt_seconds: float = 0.0
    decoded_tokens: int = 0
    decode_seconds: float = 0.0

    @property
    def prefill_per_second(self) -> float:
        return self.prompt_tokens / self.prompt_seconds if self.prompt_seconds else 0.0

    @property
    def decode_per_second(self) -> float:
        return self.decoded_tokens / self.decode_seconds if self.decode_seconds else 0.0

    def __sub__(self, earlier: EvalTimings) -> EvalTimings:
        return EvalTimings(self.prompt_tokens - earlier.prompt_tokens, self.prompt_seconds - earlier.prompt_seconds,
                           self.decoded_tokens - earlier.decoded_tokens, self.decode_seconds - earlier.decode_seconds)


@dataclass(frozen=True)
class Generation:
    """One plain completion (``LocalBackend.generate``) and what it cost."""

    text: str
    prompt_tokens: int
    completion_tokens: int
    seconds: float  # wall clock: prefill, decode, sampling and the grammar
    first_token_seconds: float  # wall clock until the first token: prefill and one sampling step
    timings: EvalTimings  # llama.cpp's share of ``seconds``

    @property
    def decode_per_second(self) -> float:
        """Tokens after the first per wall-clock second: decode plus sampling (and the grammar, if any)."""
        rest = self.seconds - self.first_token_seconds
        return (self.completion_tokens - 1) / rest if rest > 0 and self.completion_tokens > 1 else 0.0


class LocalBackend(Backend):
    name = "local"
    blocking_token_count = True  # llama.cpp's tokenizer, after loading the model

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._path: Path | None = None
        self._llama: Any = None
        self._n_ctx = 0
        self._lock = threading.Lock()

    @property
    def model(self) -> str:
        return self.settings.model_path.name if self.settings.model_path else self.settings.model_name

    def identity(self) -> dict[str, Any]:
        path = self.settings.model_path
        if path is None:
            model_id: Any = get_embedded(self.settings.model_name).sha256
        else:
            try:
                stat = path.stat()
            except OSError:
                raise ConfigError(f"model file {path} not found; fix SUMMARIZER_MODEL_PATH") from None
            model_id = [str(path.resolve()), stat.st_size, stat.st_mtime_ns]
        identity = {"backend": self.name, "model": self.model, "model_id": model_id, "mode": "json+grammar+outline",
                    "tone": "investor outlook model"}  # the label: from the model's odds (tone_probe)
        if self.settings.copy_limit and self.settings.temperature == 0:
            identity["copy_limit"] = self.settings.copy_limit  # it changes what the summary says
        return identity

    def model_path(self) -> Path:
        if self._path is None:
            if self.settings.model_path is not None:
                if not self.settings.model_path.is_file():
                    raise ConfigError(f"model file {self.settings.model_path} not found; fix SUMMARIZER_MODEL_PATH")
                self._path = self.settings.model_path
            else:
                self._path = ensure_model_file(get_embedded(self.settings.model_name), self.settings.models_dir)
        return self._path

    def _load(self, n_ctx: int) -> Any:
        """Load (or reload, larger) the model; llama.cpp's default of 512 tokens would truncate articles."""
        if self._llama is not None and self._n_ctx >= n_ctx:
            return self._llama
        if self._llama is not None:
            self._llama.close()
            self._llama = None
        llama_cpp = _import_llama()
        threads = self.settings.n_threads or default_threads()
        try:
            self._llama = llama_cpp.Llama(
                model_path=str(self.model_path()),
                n_ctx=n_ctx,
                n_threads=threads,
                n_threads_batch=threads,
                seed=0,
                verbose=False,
            )
        except ValueError as exc:
            raise ConfigError(f"cannot load model {self.model_path()}: {exc}; is it a GGUF file?") from None
        self._n_ctx = n_ctx
        return self._llama

    def _fit(self, messages: list[dict[str, str]]) -> Any:
        """A loaded model whose context holds the prompt, every re-ask and every answer."""
        llama = self._load(max(MIN_CONTEXT, self._n_ctx))
        text = "\n".join(m["content"] for m in messages)
        prompt_tokens = len(llama.tokenize(text.encode("utf-8"), add_bos=False, special=False))
        per_answer = self.settings.max_tokens + TEMPLATE_OVERHEAD
        needed = prompt_tokens + per_answer * (self.settings.reasks + 1)
        metadata = llama.metadata
        train_ctx = int(metadata.get(f"{metadata.get('general.architecture', '')}.context_length", 0) or 2**31)
        if needed > train_ctx:
            raise InputError(
                f"the article needs about {needed} tokens but the model handles {train_ctx}; "
                "shorten it or use a model with a larger context"
            )
        return self._load(min(-(-needed // CONTEXT_STEP) * CONTEXT_STEP, train_ctx))

    def extract(self, request: ExtractionRequest) -> ExtractionOutcome:
        from .extraction import run_extraction  # instructor is slow to import; only load it to call a model

        with self._lock:  # one llama context serves one request at a time (``aextract``: every job, in turn)
            llama = self._fit(request.messages)
            # Every article is read from an empty context. Reusing the tokens it shares with the article before
            # saves about 100 (the system prompt) but splits the rest into llama.cpp's batches at another place,
            # and a batch's arithmetic is not bit for bit a single token's: the answer, its sentiment first, would
            # depend on which article came before (seen on a real page: "mixed" alone, "negative" after another).
            llama.reset()
            probe: Probe | None = None
            constrained: Callable[[], dict[str, Any]] | None = None

            def create(**kwargs: Any) -> Any:
                nonlocal probe, constrained
                kwargs.pop("response_format", None)  # the grammar replaces instructor's plain json_object
                if constrained is None:  # the first answer: the tone is read on the prompt instructor built
                    probe = read_tone(llama, kwargs["messages"])
                    schema = request.schema()
                    if probe is not None:
                        schema = with_sentiment_label(schema, probe.reading.labels)
                    constrained = self._constrained(llama, schema_grammar_text(schema),
                                                    greedy=self.settings.temperature == 0, article=request.article,
                                                    copy_limit=self.settings.copy_limit)
                return llama.create_chat_completion_openai_v1(**constrained(), **kwargs)

            try:
                outcome = run_extraction(
                    create,
                    "json",
                    request,
                    self.settings.reasks,
                    _map_error,
                    outline=True,  # the grammar holds the answer to the schema: the prompt needs only its outline
                    max_tokens=self.settings.max_tokens,
                    temperature=self.settings.temperature,
                    seed=0,
                )
            except ValueError as exc:
                raise ModelError(f"the local model failed: {exc}") from exc
            if probe is not None:  # the label is one the reading allowed (the grammar); the score is the reading's
                sentiment = outcome.extraction.sentiment
                sentiment.score = probe.reading.score_for(sentiment.label)
                outcome.prompt_tokens += probe.extra_tokens
            return outcome

    @staticmethod
    def _constrained(llama: Any, grammar: str, *, greedy: bool, article: str = "",
                     copy_limit: int = 0) -> Callable[[], dict[str, Any]]:
        """The arguments that put a generation under ``grammar``, fresh for each generation. Greedy
        decoding asks the grammar about the best token only (``GreedyGrammar``, same tokens); otherwise
        llama.cpp checks the whole vocabulary at every step. With greedy decoding, an extraction's answer (one with
        an ``article``) quotes the article for its entities' names and evidence (``ArticleQuotes``), and with a
        ``copy_limit`` its summary may not copy more than that many words in a row from ``article``
        (``CopyLimit``)."""
        from .copy_limit import CopyLimit
        from .greedy_grammar import GreedyGrammar, Veto, Vetoes  # numpy: only once a model runs
        from .quotes import ArticleQuotes

        llama_cpp = _import_llama()
        if greedy:
            def processors() -> dict[str, Any]:
                def piece(token: int) -> bytes:
                    return bytes(llama.detokenize([token]))

                vetoes: list[Veto] = []
                if article:  # an extraction's answer, not a plain generation (``generate``)
                    vetoes.append(ArticleQuotes(article, piece))
                    if copy_limit:
                        vetoes.append(CopyLimit(article, copy_limit, piece))
                veto = Vetoes(*vetoes) if vetoes else None
                return {"logits_processor": llama_cpp.LogitsProcessorList([GreedyGrammar(llama, grammar, veto=veto)])}

            return processors
        compiled = llama_cpp.LlamaGrammar.from_string(grammar, verbose=False)
        return lambda: {"grammar": compiled}

    def generate(self, prompt: str, *, max_tokens: int, prompt_tokens: int | None = None,
                 grammar: str | None = None, special: bool = False, full_grammar: bool = False) -> Generation:
        """Greedy plain completion of ``prompt`` (its first ``prompt_tokens`` tokens if given) from an empty
        context, with the loaded model and its threads: a fixed amount of work, for benchmarks.

        Without a grammar it writes exactly ``max_tokens`` tokens (end of text does not stop it); with one
        (GBNF text) it stops where the grammar lets the model end, since a grammar admits nothing after
        that. ``full_grammar`` checks the whole vocabulary against the grammar at every step, as
        llama-cpp-python's ``grammar=`` does, instead of the best token first (the same tokens, slower).
        ``special`` tokenizes control tokens such as a chat template's ``<|im_start|>``.
        """
        llama_cpp = _import_llama()
        with self._lock:
            llama = self._load(max(MIN_CONTEXT, self._n_ctx))
            tokens = llama.tokenize(prompt.encode("utf-8"), add_bos=False, special=special)[:prompt_tokens]
            needed = len(tokens) + max_tokens
            if needed > self._n_ctx:
                llama = self._load(-(-needed // CONTEXT_STEP) * CONTEXT_STEP)
            constrained = self._constrained(llama, grammar, greedy=not full_grammar)() if grammar is not None else {}
            vocab = llama_cpp.llama_model_get_vocab(llama.model)
            llama.reset()  # no prefix reuse from an earlier request: the whole prompt is evaluated
            before = self._timings(llama)
            out: list[int] = []
            started = time.perf_counter()
            first = 0.0
            for token in llama.generate(tokens, temp=0.0, **constrained):
                if not out:
                    first = time.perf_counter() - started
                if grammar is not None and llama_cpp.llama_vocab_is_eog(vocab, token):
                    break
                out.append(token)
                if len(out) >= max_tokens:
                    break
            seconds = time.perf_counter() - started
            timings = self._timings(llama) - before
            text = llama.detokenize(out).decode("utf-8", errors="replace")
        return Generation(text, len(tokens), len(out), seconds, first, timings)

    def eval_timings(self) -> EvalTimings:
        """llama.cpp's counters since the model was loaded (or ``reset_eval_timings``); zeros before.
        Loading a larger context for a long article starts them again."""
        with self._lock:
            return self._timings(self._llama) if self._llama is not None else EvalTimings()

    def reset_eval_timings(self) -> None:
        with self._lock:
            if self._llama is not None:
                _import_llama().llama_perf_context_reset(self._llama.ctx)

    @staticmethod
    def _timings(llama: Any) -> EvalTimings:
        data = _import_llama().llama_perf_context(llama.ctx)
        # llama.cpp reports at least 1 token of each kind (against dividing by zero): none took no time.
        return EvalTimings(int(data.n_p_eval) if data.t_p_eval_ms else 0, data.t_p_eval_ms / 1000,
                           int(data.n_eval) if data.t_eval_ms else 0, data.t_eval_ms / 1000)

    def count_tokens(self, text: str) -> int:
        """Exact, with the model's own tokenizer (loads the model)."""
        with self._lock:
            llama = self._load(max(MIN_CONTEXT, self._n_ctx))
            return len(llama.tokenize(text.encode("utf-8"), add_bos=False, special=False))

    def context_tokens(self) -> int:
        """The context the model was trained with."""
        if self.settings.context_tokens:
            return self.settings.context_tokens
        with self._lock:
            metadata = self._load(max(MIN_CONTEXT, self._n_ctx)).metadata
        return int(metadata.get(f"{metadata.get('general.architecture', '')}.context_length", 0) or 32768)

    def close(self) -> None:
        if self._llama is not None:
            self._llama.close()
            self._llama = None


def _map_error(exc: BaseException) -> Exception:
    return ModelError(f"the local model failed: {exc}")
