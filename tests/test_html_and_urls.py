"""HTML pages (trafilatura) and URL fetching against a real HTTP server on loopback."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from click.testing import CliRunner

from summarizer import InputError, clean
from summarizer.cli import cli
from summarizer.inputs import clean_input
from summarizer.loader import read_source

PAGE = (Path(__file__).parent / "data" / "html" / "acme_funding.html").read_text(encoding="utf-8")
LOOPBACK = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])


def test_html_page_is_reduced_to_the_article():
    article = clean_input(PAGE)
    assert article.title == "Acme Pay raises $48 million to expand in Europe"
    assert article.published == "2025-10-02"
    assert article.site == "LedgerWire"
    text = article.text
    assert text.startswith("Acme Pay, a stablecoin payments start-up based in Lisbon")
    assert "€1.2 billion in payments" in text and "“Merchants want settlement in seconds, not days,”" in text
    for noise in ("Markets", "cookies", "Advertisement", "You May Also Like", "$91,000", "newsletter", "©",
                  "dataLayer", "display: block", "<p>", "By Dana Whitlock"):
        assert noise not in text
    assert any("trafilatura" in note for note in article.notes)


def test_plain_text_with_stray_tags_is_not_treated_as_a_page():
    text = "The bank said <b>profit</b> rose 4% in the quarter, beating forecasts by a wide margin.&nbsp;\n"
    article = clean(text)
    assert article.text == "The bank said profit rose 4% in the quarter, beating forecasts by a wide margin."
    assert [r.reason for r in article.removed] == ["html-tag", "html-tag"]


class _Handler(BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[int, dict[str, str], bytes, float]]] = {
        "/article.html": (200, {"Content-Type": "text/html; charset=utf-8"}, PAGE.encode("utf-8"), 0),
        "/latin1.txt": (200, {"Content-Type": "text/plain; charset=iso-8859-1"},
                        "Caf\u00e9 chain Br\u00fbl\u00e9 said sales rose 7% in the quarter to \u00a312 million.".encode(
                            "latin-1"), 0),
        "/image.png": (200, {"Content-Type": "image/png"}, b"\x89PNG....", 0),
        "/big.html": (200, {"Content-Type": "text/html"}, b"<html><body>" + b"x" * 4096 + b"</body></html>", 0),
        "/missing": (404, {"Content-Type": "text/html"}, b"not here", 0),
        "/loop": (302, {"Location": "/loop"}, b"", 0),
        "/to-article": (301, {"Location": "/article.html"}, b"", 0),
        "/slow": (200, {"Content-Type": "text/plain"}, b"late", 3.0),
    }

    def do_GET(self) -> None:
        status, headers, body, delay = self.routes.get(self.path, (404, {}, b"", 0))
        time.sleep(delay)
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@LOOPBACK
def test_url_is_fetched_extracted_and_cleaned(server):
    document = read_source(f"{server}/to-article", allow_private=True)
    assert document.url == f"{server}/article.html"  # after the redirect
    article = clean_input(document.text, url=document.url)
    assert article.title == "Acme Pay raises $48 million to expand in Europe"
    assert "Advertisement" not in article.text


@LOOPBACK
def test_declared_charset_is_used(server):
    assert "Café chain Brûlé" in read_source(f"{server}/latin1.txt", allow_private=True).text


@LOOPBACK
@pytest.mark.parametrize(("path", "message"), [
    ("/image.png", "content type image/png is not an article"),
    ("/missing", "the server answered HTTP 404"),
    ("/loop", "more than 5 redirects"),
])
def test_fetch_errors_are_clear(server, path, message):
    with pytest.raises(InputError, match=message):
        read_source(f"{server}{path}", allow_private=True)


@LOOPBACK
def test_size_and_time_limits(server):
    from summarizer.fetch import fetch

    with pytest.raises(InputError, match="larger than"):
        fetch(f"{server}/big.html", allow_private=True, max_bytes=1000)
    with pytest.raises(InputError, match="no answer within 0.5s"):
        fetch(f"{server}/slow", allow_private=True, timeout=0.5)


@LOOPBACK
def test_private_addresses_are_refused_unless_allowed(server):
    with pytest.raises(InputError, match="local or private address.*SUMMARIZER_ALLOW_PRIVATE_URLS=1"):
        read_source(f"{server}/article.html")


@LOOPBACK
def test_unreachable_url(server):
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(InputError, match="cannot fetch"):
        read_source(f"http://127.0.0.1:{port}/x", allow_private=True)


@pytest.mark.parametrize("url", ["ftp://example.com/a.txt", "file:///etc/passwd", "gopher://x/"])
def test_only_http_and_https(url):
    with pytest.raises(InputError, match="unsupported URL scheme"):
        read_source(url)


@LOOPBACK
def test_clean_command_on_a_url(server, monkeypatch):
    monkeypatch.setenv("SUMMARIZER_ALLOW_PRIVATE_URLS", "1")
    result = CliRunner().invoke(cli, ["clean", f"{server}/article.html", "--json"])
    assert result.exit_code == 0, result.output
    import json

    data = json.loads(result.stdout)
    assert set(data) >= {"title", "published", "site", "text", "removed", "stats"}
    assert data["site"] == "LedgerWire" and data["stats"]["chars_in"] == len(PAGE)


def test_clean_command_plain_output(seed_texts):
    seed = Path(__file__).parent / "data" / "seeds" / "002_2e835eaa5bfad6b5.txt"
    result = CliRunner().invoke(cli, ["clean", str(seed)])
    assert result.exit_code == 0
    assert result.stdout == clean(seed.read_text(encoding="utf-8")).text + "\n"
