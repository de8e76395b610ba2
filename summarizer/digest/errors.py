"""The digest's own error: the one failure that only delivery has."""

from __future__ import annotations

from ..errors import SummarizerError


class DeliveryError(SummarizerError):
    """The digest email could not be delivered; the built message is kept in the outbox and sent next run."""
