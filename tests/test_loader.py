from __future__ import annotations

import codecs

import pytest

from summarizer import InputError
from summarizer.loader import MAX_BYTES, decode, read_path

TEXT = "Shares rose 12% — “a record,” the CEO said.\n"


@pytest.mark.parametrize("data", [
    TEXT.encode("utf-8"),
    codecs.BOM_UTF8 + TEXT.encode("utf-8"),
    TEXT.encode("utf-16"),  # with BOM
    codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
])
def test_unicode_encodings_decode_to_the_same_text(data):
    document = decode(data, "a.txt")
    assert document.text == TEXT and document.notes == []


def test_legacy_8bit_text_is_read_and_the_fallback_is_noted():
    document = decode(b"Caf\xe9 revenue \x96 up 5%", "old.txt")
    assert document.text == "Café revenue – up 5%"
    assert document.notes == ["old.txt: not valid UTF-8; read as Windows-1252"]


def test_nul_bytes_mean_binary():
    with pytest.raises(InputError, match=r"a\.bin: looks like a binary file"):
        decode(b"abc\x00def", "a.bin")


def test_missing_directory_and_large_files(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_path(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_path(tmp_path)
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)
    with pytest.raises(InputError, match="too large for one article"):
        read_path(big)


def test_unreadable_file(tmp_path, monkeypatch):
    locked = tmp_path / "locked.txt"
    locked.write_text("x", encoding="utf-8")

    def refuse(self: object) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("pathlib.Path.read_bytes", refuse)  # root ignores file modes, so simulate the refusal
    with pytest.raises(InputError, match=r"locked\.txt: permission denied"):
        read_path(locked)
