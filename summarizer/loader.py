"""Reading articles from files and standard input, with a clear error for anything unreadable."""

from __future__ import annotations

import codecs
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError

MAX_BYTES = 20 * 1024 * 1024


@dataclass
class Document:
    text: str
    source: str
    notes: list[str] = field(default_factory=list)
    url: str | None = None


def decode(data: bytes, source: str) -> Document:
    """Decode UTF-8 (with or without BOM) or UTF-16 with BOM; fall back to cp1252 and say so."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return Document(data.decode("utf-16"), source)
        except UnicodeDecodeError:
            raise InputError(
                f"{source}: starts with a UTF-16 mark but is not valid UTF-16; re-save it as UTF-8"
            ) from None
    if b"\x00" in data:
        raise InputError(f"{source}: looks like a binary file, not an article; pass a text file")
    try:
        return Document(data.decode("utf-8-sig"), source)
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        return Document(text, source, notes=[f"{source}: not valid UTF-8; read as Windows-1252"])


def read_path(path: str | Path) -> Document:
    p = Path(path)
    name = str(path)
    try:
        if p.is_dir():
            raise InputError(f"{name}: is a directory; pass the article files inside it")
        size = p.stat().st_size
        if size > MAX_BYTES:
            limit = MAX_BYTES // 2**20
            raise InputError(f"{name}: {size / 1e6:.0f} MB is too large for one article (limit {limit} MB)")
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{name}: no such file; check the path") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied; check the file's permissions") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from None
    return decode(data, name)


def read_stdin() -> Document:
    data = sys.stdin.buffer.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise InputError(f"-: standard input is larger than {MAX_BYTES // 2**20} MB; pass a smaller article")
    return decode(data, "-")


def read_url(url: str, allow_private: bool = False) -> Document:
    from .fetch import fetch

    fetched = fetch(url, allow_private=allow_private)
    if fetched.charset:
        try:
            document = Document(fetched.body.decode(fetched.charset), url)
        except (LookupError, UnicodeDecodeError):
            document = decode(fetched.body, url)
    else:
        document = decode(fetched.body, url)
    document.url = fetched.url
    return document


def read_source(source: str, allow_private: bool = False) -> Document:
    """A path, ``-`` for standard input, or an http(s) URL (``summarizer.inputs.kind`` tells them apart)."""
    from .inputs import kind

    what = kind(source)
    if what == "stdin":
        return read_stdin()
    if what == "url":
        return read_url(source, allow_private)
    return read_path(source)
