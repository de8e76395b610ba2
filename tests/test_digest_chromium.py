"""The digest's HTML rendered by headless Chromium: the text is visible and the page is not blank."""

from __future__ import annotations

import struct
import subprocess
import zlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from chromium_tools import chromium, read_png
from digest_fakes import HOSTILE, NORDVALE, QUILLON, EchoBackend

from summarizer import Summarizer
from summarizer.digest import Candidate, build_digest, render_html

NOW = datetime(2025, 10, 2, 8, 0, tzinfo=UTC)


def test_png_reader_sees_a_blank_image_as_blank():
    def png(width: int, height: int, pixel: bytes) -> bytes:
        def chunk(kind: bytes, body: bytes) -> bytes:
            return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        raw = b"".join(b"\x00" + pixel * width for _ in range(height))
        return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))

    width, height, rows = read_png(png(4, 3, b"\xff\xff\xff"))
    assert (width, height) == (4, 3) and {bytes(r) for r in rows} == {b"\xff" * 12}


@pytest.fixture
def preview(tmp_path: Path) -> Path:
    candidates = [Candidate(key=k, origin=f"https://news.example/{k}", kind="entry", url=f"https://news.example/{k}",
                            text=t) for k, t in (("n", NORDVALE), ("q", QUILLON), ("h", HOSTILE))]
    digest = build_digest(Summarizer(backend=EchoBackend()), candidates, period="2025-10-02",
                          start=NOW - timedelta(days=1), end=NOW)
    path = tmp_path / "preview.html"
    path.write_text(render_html(digest, subject="News digest 2025-10-02"), encoding="utf-8")
    return path


def test_the_html_email_renders_visibly_in_headless_chromium(preview: Path, tmp_path: Path):
    browser = chromium()
    flags = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
             f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run([*flags, "--dump-dom", preview.as_uri()], capture_output=True, text=True, timeout=120)
    assert dom.returncode == 0, dom.stderr[-2000:]
    for text in ("Nordvale Bank launches a euro stablecoin", "€50 million", "negative -0.5", "Key figures"):
        assert text in dom.stdout
    assert "<script" not in dom.stdout.lower()

    shot = tmp_path / "shot.png"
    run = subprocess.run([*flags, f"--screenshot={shot}", "--window-size=800,1200", preview.as_uri()],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0 and shot.exists(), run.stderr[-2000:]
    width, height, rows = read_png(shot.read_bytes())
    assert (width, height) == (800, 1200)
    pixels = [row[i:i + 3] for row in rows[::4] for i in range(0, len(row), 12)]
    colours = set(pixels)
    background = max(colours, key=pixels.count)
    assert len(colours) > 50, "the page looks blank"
    assert sum(p != background for p in pixels) / len(pixels) > 0.2, "almost nothing is drawn"
    dark = sum(1 for p in pixels if sum(p) < 200)  # text and the header bar
    assert dark / len(pixels) > 0.02, "no dark text or header visible"
