"""One definition of an article input: the batch, the loader, the digest and eval agree on it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from summarizer.digest.sources import collect
from summarizer.errors import InputError
from summarizer.inputs import ArticleInput, article_files, article_input, expand, kind


def test_what_a_source_names(tmp_path: Path):
    (tmp_path / "lines.jsonl").write_text("", encoding="utf-8")
    assert kind("-") == "stdin"
    assert kind("https://example.com/a") == "url"
    assert kind(str(tmp_path)) == "folder"
    assert kind(str(tmp_path / "lines.jsonl")) == "jsonl"
    assert kind(str(tmp_path / "missing.txt")) == "file"  # reading it says there is no such file


def test_the_batch_and_the_digest_take_the_same_files_of_a_folder(tmp_path: Path):
    for name in ("a.txt", "b.md", "c.html", "d.htm", "e.text", ".hidden.txt", "f.pdf", "g.json"):
        (tmp_path / name).write_text("Shares rose 5% on Monday.", encoding="utf-8")
    articles = [str(tmp_path / n) for n in ("a.txt", "b.md", "c.html", "d.htm", "e.text")]
    assert [str(p) for p in article_files(tmp_path)] == articles
    assert [item["id"] for item in expand([str(tmp_path)])] == articles
    candidates = collect([str(tmp_path)], since=datetime(2000, 1, 1, tzinfo=UTC))
    assert sorted(c.origin for c in candidates) == articles


def test_what_a_batch_item_asks_for(tmp_path: Path):
    assert article_input("Some text.") == ArticleInput(text="Some text.")
    assert article_input(tmp_path / "a.txt") == ArticleInput(path=tmp_path / "a.txt")
    assert article_input({"id": "x", "text": "T", "url": "https://e.com/a"}) == ArticleInput(
        text="T", label="x", url="https://e.com/a")
    assert article_input({"url": "https://e.com/a"}) == ArticleInput(source="https://e.com/a")
    with pytest.raises(InputError, match="needs one of: text, path, source or url"):
        article_input({"id": "x"})
    with pytest.raises(InputError, match="broken line"):
        article_input({"id": "x", "error": "broken line"})
    with pytest.raises(InputError, match="cannot summarize a int"):
        article_input(3)
