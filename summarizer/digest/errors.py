"""The digest's own error: the one failure that only delivery has."""

from __future__ import annotations

from ..errors import SummarizerError


class DeliveryError(SummarizerError):
    """A channel could not deliver the digest. What was built stays in that channel's outbox and goes first next
    run, unless ``undeliverable``: the receiver refused that very content, so sending it again can never succeed
    (it is set aside and the channel goes on with the next). ``channel`` is ``"smtp"`` or ``"webhook"``."""

    def __init__(self, message: str, *, channel: str = "smtp", undeliverable: bool = False) -> None:
        super().__init__(message)
        self.channel = channel
        self.undeliverable = undeliverable
