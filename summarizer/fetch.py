"""Fetching an article by URL: http(s) only, bounded in time, size and redirects.

By default no request goes to loopback, private, link-local or reserved
addresses (set ``allow_private`` / ``SUMMARIZER_ALLOW_PRIVATE_URLS=1`` for a
server on your own network); redirects are checked the same way.
"""

from __future__ import annotations

import ipaddress
import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from http.client import HTTPMessage
from typing import IO, Any

from .errors import InputError

MAX_BYTES = 5 * 1024 * 1024
TIMEOUT = 20.0
MAX_REDIRECTS = 5
ACCEPTED_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
USER_AGENT = "summarizer/0.1 (+https://pypi.org/project/summarizer/)"


@dataclass
class Fetched:
    url: str  # after redirects
    body: bytes
    content_type: str
    charset: str | None


def is_url(source: str) -> bool:
    return "://" in source[:20] and source.split("://", 1)[0].isalpha()


def check_url(url: str, allow_private: bool) -> None:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise InputError(f"{url}: unsupported URL scheme {parts.scheme!r}; only http and https can be fetched")
    if not parts.hostname:
        raise InputError(f"{url}: the URL has no host")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))
    except socket.gaierror as exc:
        raise InputError(f"{url}: cannot resolve {parts.hostname} ({exc.strerror}); check the URL") from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            raise InputError(
                f"{url}: {parts.hostname} is a local or private address ({address}); "
                "set SUMMARIZER_ALLOW_PRIVATE_URLS=1 to allow it"
            )


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS

    def __init__(self, allow_private: bool) -> None:
        self.allow_private = allow_private

    def redirect_request(self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str,
                         headers: HTTPMessage, newurl: str) -> urllib.request.Request | None:
        check_url(newurl, self.allow_private)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url: str, *, allow_private: bool = False, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES,
          accepted: tuple[str, ...] = ACCEPTED_TYPES) -> Fetched:
    """The body at ``url``, refused unless its content type is one of ``accepted`` (the article types)."""
    check_url(url, allow_private)
    opener = urllib.request.build_opener(_Redirects(allow_private))
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": ", ".join(accepted)})
    try:
        with opener.open(request, timeout=timeout) as response:
            return _read(url, response, max_bytes, accepted)
    except urllib.error.HTTPError as exc:
        if exc.code in (301, 302, 303, 307, 308):
            raise InputError(f"{url}: more than {MAX_REDIRECTS} redirects") from None
        raise InputError(f"{url}: the server answered HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError | socket.timeout):
            raise InputError(f"{url}: no answer within {timeout:g}s; try again later") from None
        raise InputError(f"{url}: cannot fetch ({reason}); check the URL and your connection") from None
    except TimeoutError:
        raise InputError(f"{url}: no answer within {timeout:g}s; try again later") from None
    except OSError as exc:
        raise InputError(f"{url}: the connection failed ({exc}); try again later") from None


def _read(url: str, response: Any, max_bytes: int, accepted: tuple[str, ...] = ACCEPTED_TYPES) -> Fetched:
    content_type = response.headers.get_content_type()
    if content_type not in accepted:
        raise InputError(f"{url}: content type {content_type} is not an article (expected HTML or plain text)")
    declared = response.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise InputError(f"{url}: {int(declared) / 1e6:.1f} MB is larger than the {max_bytes / 1e6:.0f} MB limit")
    body = response.read(max_bytes + 1)
    if len(body) > max_bytes:
        raise InputError(f"{url}: larger than the {max_bytes / 1e6:.0f} MB limit")
    return Fetched(url=response.geturl(), body=body, content_type=content_type,
                   charset=response.headers.get_content_charset())
