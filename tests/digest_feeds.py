"""Feed files for the webhook tests: stories with http(s) links, one told by four outlets that disagree on a figure."""

from __future__ import annotations

from html import escape
from pathlib import Path

DEAL = ("Helio Grid agrees takeover of Vantor Power\n\nHelio Grid will pay {amount} for Vantor Power, the utility "
        "said on Monday, and expects the deal to close next spring after a review by regulators in three countries. "
        "Vantor shareholders will receive cash, and the combined company will serve four million homes across the "
        "region, the two boards said in a joint statement.")
SLACK_BAIT_TITLE = "Acme <!channel> & <https://evil.example/x|click here> beats > forecasts"
SLACK_BAIT = (f"{SLACK_BAIT_TITLE}\n\nAcme Corp said revenue rose 8% to $90 million <@U0ADMIN> in the quarter & "
              "profit beat forecasts, helped by strong sales of its new payments terminal in Europe and Asia. The "
              "company hired 300 engineers, plans to open two offices next year, and said demand > supply for "
              "its <b>flagship</b> device through the end of the year.")
WIRE = ("Lumora exchange drained of $44 million\n\nLumora, a decentralised exchange, said an attacker drained "
        "$44 million from its lending pools on Monday. The team paused all contracts and offered the attacker a 10% "
        "bounty to return the funds. Lumora's token fell 31% after the news, and rival exchanges said they were "
        "checking their own code for the same flaw.")


def deal(amount: str) -> str:
    return DEAL.format(amount=amount)


def feed_file(path: Path, *items: tuple[str, str]) -> Path:
    """An RSS file whose items are ``(link, text)``: the text's first line is the title, the rest its body."""
    entries = []
    for n, (link, text) in enumerate(items):
        title, _, body = text.partition("\n\n")
        entries.append(f"<item><title>{escape(title)}</title><link>{escape(link)}</link><guid>item-{n}-{link}</guid>"
                       f"<description>{escape(body)}</description></item>")
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>wire</title>'
                    f"<link>https://wire.example/</link><description>d</description>{''.join(entries)}"
                    "</channel></rss>\n", encoding="utf-8")
    return path
