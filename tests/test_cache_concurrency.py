"""Two processes summarizing the same folder at once share one cache: no corruption, each article once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openai_stub import StubServer

from summarizer.cache import ResultCache


def article(n: int) -> str:
    return (f"Example Corp shares rose {n + 1}% on Tuesday after revenue of ${n + 2} billion.\n\n"
            f"The chief executive said demand stayed strong in region {n}.")


def run_cli(args: list[str], env: dict[str, str]) -> subprocess.Popen[str]:
    code = "from summarizer.cli import main; main()"
    return subprocess.Popen([sys.executable, "-c", code, *args], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


@pytest.mark.block_network(allowed_hosts=["127.0.0.1"])
def test_two_processes_compute_each_article_once(tmp_path: Path, isolated: Path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for n in range(8):
        (folder / f"a{n}.txt").write_text(article(n), encoding="utf-8")
    with StubServer(latency=0.3) as server:
        env = {**os.environ, "OPENAI_BASE_URL": server.base_url, "SUMMARIZER_MODEL": "stub-model",
               "SUMMARIZER_BACKEND": "openai"}
        first = run_cli([str(folder), "-f", "jsonl", "-j", "2"], env)
        second = run_cli([str(folder), "-f", "jsonl", "-j", "2"], env)
        outputs = [p.communicate(timeout=120) for p in (first, second)]
        assert first.returncode == 0 and second.returncode == 0, outputs
        computed = len(server.requests)
    assert computed == 8  # each article computed once, by one process or the other
    results = [{row["id"]: row for row in map(json.loads, out.splitlines())} for out, _ in outputs]
    assert results[0].keys() == results[1].keys() and len(results[0]) == 8
    cached = sum(row["result"]["meta"]["cached"] for rows in results for row in rows.values())
    assert cached == 8  # every article was computed by one process and read from the cache by the other
    for key in results[0]:
        a, b = results[0][key]["result"], results[1][key]["result"]
        a.pop("meta"), b.pop("meta")
        assert a == b  # identical results, whichever process computed them
    cache = ResultCache(isolated / "cache")
    assert cache.info()["entries"] == 8  # results only: no claim is left behind
    cache.close()


def test_a_claim_held_by_a_dead_process_is_taken_over(isolated: Path):
    cache = ResultCache(isolated / "cache")
    cache._open().set("claim:k", f"{os.uname().nodename}:999999999", expire=60)  # no such pid
    owner = cache.claim("k", ttl=60)
    assert owner is not None and owner.endswith(f":{os.getpid()}")
    assert cache.claim("k", ttl=60) is None  # now held, by a live process
    cache.release("k", owner)
    assert cache.claim("k", ttl=60) is not None
    cache.close()


def test_a_corrupt_entry_is_a_miss_and_is_replaced(isolated: Path):
    from summarizer import Summarizer
    from summarizer.testing import EchoBackend

    with Summarizer(backend=EchoBackend()) as summarizer:
        first = summarizer.summarize(article(0))
        raw = summarizer.cache._open()  # type: ignore[union-attr]
        (key,) = [k for k in raw.iterkeys() if not str(k).startswith("claim:")]
        raw.set(key, "{not json")
        again = summarizer.summarize(article(0))
        assert not again.meta.cached  # the corrupt entry was a miss, computed again
        third = summarizer.summarize(article(0))
        assert third.meta.cached and third.summary == first.summary  # and replaced by a good one
