"""The exception tree. Every error a user can fix says how.

    SummarizerError            base; the CLI prints its message and exits 1
    ├── InputError             the article could not be read or has no text
    ├── ConfigError            bad settings, missing optional dependency, bad model file
    └── ModelError             the model backend failed
        ├── ModelUnavailableError   transport failures that outlived the retries
        └── ModelOutputError        output still invalid after the bounded re-asks

Parts add their own below the base: the digest's ``DeliveryError``
(``summarizer.digest.errors``, also ``summarizer.DeliveryError``).
"""

from __future__ import annotations


class SummarizerError(Exception):
    """Base class for every error summarizer raises on purpose."""


class InputError(SummarizerError):
    """The input could not be read, or holds no article text."""


class ConfigError(SummarizerError):
    """The configuration is wrong or incomplete."""


class ModelError(SummarizerError):
    """The model backend failed to produce a result."""


class ModelUnavailableError(ModelError):
    """The endpoint could not be reached or kept failing after the retries."""


class ModelOutputError(ModelError):
    """The model's answer stayed invalid after the bounded re-asks."""
