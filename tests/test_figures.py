from __future__ import annotations

import pytest

from summarizer.figures import parse_figure


@pytest.mark.parametrize(("raw", "value", "unit"), [
    ("$44 million", 44e6, "USD"),
    ("33.4 billion yuan ($4.7 billion)", 33.4e9, "CNY"),
    ("$4.7 billion", 4.7e9, "USD"),
    ("26%", 26.0, "%"),
    ("over 15%", 15.0, "%"),
    ("10,000 Ethereum tokens", 10_000.0, "ETH"),
    ("10,000 ETH", 10_000.0, "ETH"),
    ("$53B", 53e9, "USD"),
    ("$53 billion", 53e9, "USD"),
    ("$4 trillion", 4e12, "USD"),
    ("$4.3 trillion", 4.3e12, "USD"),
    ("$16 billion", 16e9, "USD"),
    ("$14 billion", 14e9, "USD"),
    ("800 million active users", 800e6, None),
    ("8 percent", 8.0, "%"),
    ("HK$1.2bn", 1.2e9, "HKD"),
    ("€500m", 500e6, "EUR"),
    ("£3.5 million", 3.5e6, "GBP"),
    ("1,234.5", 1234.5, None),
    ("$0.007012", 0.007012, "USD"),
    ("250 basis points", 250.0, "bp"),
    ("2 percentage points", 2.0, "pp"),
    ("5,000 bitcoin", 5000.0, "BTC"),
    ("$500k", 500e3, "USD"),
])
def test_parse_figure(raw, value, unit):
    parsed = parse_figure(raw)
    assert parsed is not None
    assert parsed.value == pytest.approx(value)
    assert parsed.unit == unit


@pytest.mark.parametrize("raw", ["", "no digits here", "U.S.-listed ADRs"])
def test_text_without_a_number_is_not_a_figure(raw):
    assert parse_figure(raw) is None


@pytest.mark.parametrize(("text", "raw", "widened"), [
    ("is investing $35 billion in AI", "35 billion", "$35 billion"),
    ("rose 26% year over year", "26", "26%"),
    ("worth HK$1.2 billion today", "1.2 billion", "HK$1.2 billion"),
    ("spent $4.7 billion last year", "$4.7", "$4.7 billion"),
    ("a 15-year high", "15", "15"),
    ("rose 8% to close", "8%", "8%"),
    ("bought 10,000 ETH", "10,000", "10,000"),
])
def test_widen_span_takes_in_adjacent_sign_and_scale(text, raw, widened):
    from summarizer.figures import widen_span

    start = text.index(raw)
    s, e = widen_span(text, start, start + len(raw))
    assert text[s:e] == widened
