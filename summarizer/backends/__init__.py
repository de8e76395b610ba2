"""Model backends. Only modules in this package import openai, instructor or llama_cpp.

A backend turns an ``ExtractionRequest`` (chat messages and the article they
are about) into a validated ``ExtractionOutcome``; everything around that
(cleaning, prompts, caching, rendering) is the same for all. The contract is
``base.Backend``; the backends by name are in ``registry``::

    base          ExtractionRequest, ExtractionOutcome, Backend (the contract)
    registry      name -> "module:Class", imported when chosen
    extraction    running an instructor call (shared by the backends below)
    local         llama.cpp in this process
    openai_compat any OpenAI-compatible server
    retry         transport retries (backoff, Retry-After, a time budget), for the backends that send requests
    ratelimit     client-side requests and tokens per minute, shared by every job of a batch
    scripted      canned and echoing backends for tests (``summarizer.testing``)
"""

from __future__ import annotations

from .base import Backend, ExtractionOutcome, ExtractionRequest, estimate_tokens
from .registry import backend_factory, backend_names, create_backend, register_backend, registered, unregister_backend

__all__ = [
    "Backend",
    "ExtractionOutcome",
    "ExtractionRequest",
    "backend_factory",
    "backend_names",
    "create_backend",
    "estimate_tokens",
    "register_backend",
    "registered",
    "unregister_backend",
]
