"""Prompt tokens saved by cleaning: each seed article's raw text vs its cleaned text.

    python bench/token_reduction.py [FILE...]

Counts tokens with the embedded model's own tokenizer (loaded without weights).
"""

from __future__ import annotations

import sys
from pathlib import Path

from summarizer import Settings, clean
from summarizer.embedded import ensure_model_file, get_embedded

SEEDS = sorted((Path(__file__).resolve().parent.parent / "tests" / "data" / "seeds").glob("*.txt"))


def main() -> None:
    import llama_cpp

    settings = Settings.resolve(backend="local")
    path = ensure_model_file(get_embedded(settings.model_name), settings.models_dir)
    vocab = llama_cpp.Llama(model_path=str(path), vocab_only=True, verbose=False)

    def tokens(text: str) -> int:
        return len(vocab.tokenize(text.encode("utf-8"), add_bos=False))

    files = [Path(arg) for arg in sys.argv[1:]] or SEEDS
    print(f"{'file':32} {'raw':>6} {'cleaned':>8} {'saved':>6}")
    for file in files:
        text = file.read_text(encoding="utf-8")
        article = clean(text)
        cleaned = tokens("\n".join(filter(None, [article.title, article.text])))
        raw = tokens(text)
        print(f"{file.name:32} {raw:6d} {cleaned:8d} {1 - cleaned / raw:6.1%}")


if __name__ == "__main__":
    main()
