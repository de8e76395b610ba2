"""Batch API jobs end to end against a loopback Files and Batches server that answers with real model output.

``tests/batch_server.py`` follows OpenAI's API reference for files and batches
and answers each request line with the answer ``python -m llama_cpp.server``
gave to the same body (``cassettes/batch/``, recorded by
``scripts/record_batch_answers.py``). Each fault ends with every article
accounted for, nothing invalid in the cache and no key in the job's files or logs.
"""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from batch_server import KEY, RECORDED, BatchServer

from summarizer import ConfigError, InputError, ModelUnavailableError, Summarizer
from summarizer.batch_api import cancel as cancel_job
from summarizer.batch_api import collect, import_results, job_file_for, send, status, submit, wait
from summarizer.batch_api import export as export_job
from summarizer.batch_jobs import Job
from summarizer.loader import read_path
from summarizer.usage import BATCH_PRICES, PRICES, batch_price_table

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = [ROOT / "tests/data/seeds/000_a327f4888d7bd40a.txt", ROOT / "tests/data/seeds/002_2e835eaa5bfad6b5.txt",
            ROOT / "tests/data/eval/17_estria_inflation_steady.txt",
            ROOT / "tests/data/eval/09_brackenfield_profit_warning.txt",
            ROOT / "tests/data/eval/03_estria_central_bank_hold.txt"]
SOURCES = [str(p) for p in ARTICLES]
MODEL = "qwen2.5-1.5b"

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])  # the loopback servers, nothing else


@pytest.fixture
def server() -> Iterator[BatchServer]:
    with BatchServer() as running:
        yield running


def settings(server: BatchServer, **more: Any) -> dict[str, Any]:
    return {"base_url": server.base_url, "api_key": KEY, "model": MODEL, **more}


def cached(server: BatchServer, path: Path) -> bool:
    """Whether the article's result is in the cache, seen as a live ``summarize`` would look it up."""
    with Summarizer(backend="openai", **settings(server)) as summarizer:
        return summarizer.prepare(read_path(path))[2] is not None


def no_secret(job: Job, caplog: pytest.LogCaptureFixture, *texts: str) -> None:
    files = [job.path, *sorted(job.folder.glob("*"))] if job.folder.exists() else [job.path]
    for path in files:
        assert KEY not in path.read_text(encoding="utf-8"), path
    assert KEY not in caplog.text
    for text in texts:
        assert KEY not in text


def settle(job: Path, **options: Any) -> tuple[dict[str, Any], dict[str, int]]:
    collection = collect(job, **options)
    results = {r.label: r for r in collection}
    return results, collection.counts


def test_the_recorded_answers_are_real_server_output():
    rows = [json.loads(line) for line in (RECORDED / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(rows) == len(ARTICLES)
    for row in rows:
        body = row["response"]["body"]
        assert row["response"]["status_code"] == 200
        assert body["model"] == MODEL and body["object"] == "chat.completion"  # llama_cpp.server's own answer
        assert body["id"].startswith("chatcmpl-") and body["id"] != "chatcmpl-stub"
        assert body["usage"]["completion_tokens"] > 0


def test_the_recorded_requests_are_what_export_builds_today(server, tmp_path):
    """A change of prompt, schema or settings changes the requests: re-record with scripts/record_batch_answers.py."""
    export_job(SOURCES, tmp_path / "requests.jsonl", **settings(server))
    built = (tmp_path / "requests.jsonl").read_text(encoding="utf-8").splitlines()
    recorded = (RECORDED / "requests.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in built] == [json.loads(line) for line in recorded]


def test_a_batch_line_is_the_request_a_live_summarize_sends(server, tmp_path):
    """The body of each line is the first request a live ``summarize`` sends for the same article."""
    from summarizer import SummarizerError

    requests = export_job(SOURCES, tmp_path / "requests.jsonl", **settings(server))
    lines = [json.loads(line) for line in (tmp_path / "requests.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [line["custom_id"] for line in lines] == [c for a in requests.articles for c in a.custom_ids]
    assert {(line["method"], line["url"]) for line in lines} == {("POST", "/v1/chat/completions")}
    firsts = []
    with Summarizer(backend="openai", **settings(server, use_cache=False, log_runs=False)) as summarizer:
        for path in ARTICLES:
            sent = len(server.live)
            with contextlib.suppress(SummarizerError):  # only the first request matters here
                summarizer.summarize_file(path)
            firsts.append(server.live[sent])
    assert [line["body"] for line in lines] == firsts


def test_building_the_requests_logs_no_failed_call(server, tmp_path, caplog):
    """The request is kept, not sent: no library may log it as a failed API call."""
    caplog.set_level(logging.DEBUG)
    export_job(SOURCES[:2], tmp_path / "requests.jsonl", **settings(server))
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []


@pytest.mark.parametrize("mode", ["tools", "json_grammar", "json", "md_json", "json_schema"])
def test_the_line_matches_the_live_request_in_every_mode(mode, tmp_path):
    from openai_stub import StubServer

    from summarizer import SummarizerError

    with StubServer() as stub:
        options = {"base_url": stub.base_url, "api_key": "sk-stub", "mode": mode, "model": "stub-model"}
        job = export_job([SOURCES[0]], tmp_path / "r.jsonl", **options)
        # the stub answers with a tool call in every mode: only the first request matters here
        with Summarizer(backend="openai", use_cache=False, log_runs=False, **options) as summarizer, \
                contextlib.suppress(SummarizerError):
            summarizer.summarize_file(ARTICLES[0])
        line = json.loads((tmp_path / "r.jsonl").read_text(encoding="utf-8"))
    assert job.mode == mode
    assert line["body"] == stub.requests[0]


def test_submit_status_and_collect(server, caplog, tmp_path):
    caplog.set_level(logging.DEBUG)
    prices = {MODEL: {"input": 2.0, "output": 8.0, "batch_input": 1.0, "batch_output": 4.0}}
    job = submit(SOURCES, tmp_path / "job.json", **settings(server, prices=prices))
    assert [a.state for a in job.articles] == ["sent"] * 5
    assert [a.item["source"] for a in job.articles] == SOURCES
    assert all(len(a.key or "") == 64 for a in job.articles)
    assert len(job.batches) == 1 and job.batches[0].id == "batch_2" and job.batches[0].status == "validating"
    assert server.created == [{"input_file_id": "file-1", "endpoint": "/v1/chat/completions",
                               "completion_window": "24h", "metadata": {"summarizer_job": "job.json"}}]
    assert Job.load(tmp_path / "job.json").batches[0].id == "batch_2"  # written as it went
    with pytest.raises(InputError, match="job.json already exists .*choose another -o"):
        submit(SOURCES, tmp_path / "job.json", **settings(server))  # an earlier job is never overwritten

    polls: list[str] = []
    done = wait(tmp_path / "job.json", every=30, on_poll=lambda j: polls.append(j.batches[0].status),
                **settings(server))
    assert polls == ["in_progress", "completed"]
    assert done.batches[0].counts == {"total": 5, "completed": 5, "failed": 0}

    results, counts = settle(tmp_path / "job.json", **settings(server, prices=prices))
    assert counts == {"batch": 5, "live": 0, "cached": 0, "failed": 0}
    assert server.live == []  # nothing asked live: every answer came from the batch
    for path in ARTICLES:
        meta = results[str(path)].summary.meta
        assert meta.requests == 1 and not meta.cached
        assert meta.cost_usd == round((meta.prompt_tokens * 1.0 + meta.completion_tokens * 4.0) / 1e6, 8)
        assert cached(server, path)
    assert [a.outcome for a in Job.load(tmp_path / "job.json").articles] == ["batch"] * 5
    no_secret(job, caplog)


def test_articles_already_in_the_cache_are_not_sent(server, tmp_path):
    submit(SOURCES[:2], tmp_path / "first.json", **settings(server))
    status(tmp_path / "first.json", **settings(server))
    status(tmp_path / "first.json", **settings(server))
    list(collect(tmp_path / "first.json", **settings(server)))
    job = submit([*SOURCES[:3], SOURCES[2]], tmp_path / "second.json", **settings(server))
    assert [a.state for a in job.articles] == ["cached", "cached", "sent", "duplicate"]
    assert job.batches[0].requests == 1
    status(tmp_path / "second.json", **settings(server))
    results, counts = settle(tmp_path / "second.json", **settings(server))
    assert counts == {"batch": 1, "live": 0, "cached": 3, "failed": 0}
    assert all(r.ok for r in results.values())


def test_an_article_cached_at_submit_and_gone_at_collect_is_asked_live(server, tmp_path):
    submit(SOURCES[:1], tmp_path / "first.json", **settings(server))
    run_to_the_end(server, tmp_path / "first.json")
    list(collect(tmp_path / "first.json", **settings(server)))
    job = submit(SOURCES[:2], tmp_path / "second.json", **settings(server))
    assert [a.state for a in job.articles] == ["cached", "sent"]
    with Summarizer(backend="openai", **settings(server)) as summarizer:
        assert summarizer.cache is not None and summarizer.cache.clear() == 1
    run_to_the_end(server, job.path)
    results, counts = settle(job.path, rerun=False, **settings(server))
    assert counts == {"batch": 1, "live": 0, "cached": 0, "failed": 1}
    assert "not sent: it was in the cache when submitted, and is not now" in str(results[SOURCES[0]].error)
    _, counts = settle(job.path, **settings(server))
    assert counts == {"batch": 0, "live": 1, "cached": 1, "failed": 0}


def run_to_the_end(server: BatchServer, job: Path) -> None:
    wait(job, every=1, **settings(server))


def test_a_batch_that_expires_with_part_done(tmp_path, caplog):
    with BatchServer(expire_after=2) as server:
        job = submit(SOURCES, tmp_path / "job.json", **settings(server))
        run_to_the_end(server, job.path)
        assert Job.load(job.path).batches[0].status == "expired"
        results, counts = settle(job.path, rerun=False, **settings(server))
        assert counts == {"batch": 2, "live": 0, "cached": 0, "failed": 3}
        for path in ARTICLES[2:]:
            assert "batch_expired" in str(results[str(path)].error) and not cached(server, path)
        results, counts = settle(job.path, **settings(server))  # again, this time asking the rest live
        assert counts == {"batch": 0, "live": 3, "cached": 2, "failed": 0}
        assert all(r.ok for r in results.values()) and len(results) == 5
        assert all(cached(server, p) for p in ARTICLES)
        no_secret(job, caplog)


def test_an_error_file_with_some_lines(tmp_path, caplog):
    failing = {"a2-p1", "a4-p1"}
    with BatchServer(plan=lambda custom_id: "fail" if custom_id in failing else "ok") as server:
        job = submit(SOURCES, tmp_path / "job.json", **settings(server))
        run_to_the_end(server, job.path)
        results, counts = settle(job.path, rerun=False, **settings(server))
        assert counts["batch"] == 3 and counts["failed"] == 2
        for index in (1, 3):
            error = str(results[SOURCES[index]].error)
            assert "the batch request failed (HTTP 500: The server had an error" in error
            assert "without --no-rerun" in error and not cached(server, ARTICLES[index])
        results, counts = settle(job.path, **settings(server))
        assert counts == {"batch": 0, "live": 2, "cached": 3, "failed": 0}
        assert len(server.live) == 2
        no_secret(job, caplog)


def test_an_answer_that_fails_validation_is_not_cached_and_is_asked_again_live(tmp_path):
    """The provider answered line a1 with another article's real answer: valid JSON, wrong figures."""
    with BatchServer(plan=lambda custom_id: "other" if custom_id == "a1-p1" else "ok") as server:
        job = submit(SOURCES, tmp_path / "job.json", **settings(server))
        run_to_the_end(server, job.path)
        results, counts = settle(job.path, rerun=False, **settings(server))
        assert counts == {"batch": 4, "live": 0, "cached": 0, "failed": 1}
        assert "the answer failed validation" in str(results[SOURCES[0]].error)
        assert not cached(server, ARTICLES[0])
        assert Job.load(job.path).articles[0].reason.startswith("the answer failed validation")
        results, counts = settle(job.path, **settings(server))
        assert counts == {"batch": 0, "live": 1, "cached": 4, "failed": 0}
        assert results[SOURCES[0]].ok and cached(server, ARTICLES[0])
        assert len(server.live) >= 1  # asked live, with the re-asks a live call has


def test_an_interrupted_collect_runs_again(server, tmp_path):
    job = submit(SOURCES, tmp_path / "job.json", **settings(server))
    run_to_the_end(server, job.path)
    collection = collect(job.path, **settings(server))
    first = [next(iter(collection)), next(iter(collection))]
    collection.results.close()  # stopped here: a Ctrl-C, a crash of the reader
    assert all(r.ok for r in first)
    downloads = len(server.downloads)
    results, counts = settle(job.path, **settings(server))
    assert counts == {"batch": 3, "live": 0, "cached": 2, "failed": 0}
    assert sorted(results) == sorted(SOURCES)
    assert len(server.downloads) == downloads  # the output file was kept beside the job, not downloaded again
    assert server.live == []


def test_an_upload_refused_with_401(server, tmp_path, caplog):
    job_path = tmp_path / "job.json"
    with pytest.raises(ConfigError, match=r"rejected the API key \(401\) uploading requests.jsonl; check "
                                          r"OPENAI_API_KEY.*summarize batch send") as failure:
        submit(SOURCES, job_path, **settings(server, api_key="sk-wrong-key-4242"))
    job = Job.load(job_path)
    assert len(job.articles) == 5 and job.batches[0].id is None and "401" in job.batches[0].error
    assert "sk-wrong-key-4242" not in str(failure.value) + job_path.read_text(encoding="utf-8")
    results, counts = settle(job_path, rerun=False, **settings(server))
    assert counts["failed"] == 5 and all("never submitted" in str(r.error) for r in results.values())
    assert not any(cached(server, p) for p in ARTICLES)
    send(job_path, **settings(server))  # the right key now
    run_to_the_end(server, job_path)
    results, counts = settle(job_path, **settings(server))
    assert counts == {"batch": 5, "live": 0, "cached": 0, "failed": 0}
    no_secret(job, caplog, str(failure.value))


def test_an_upload_refused_with_429_is_retried_then_reported(server, tmp_path, caplog, virtual_clock):
    server.refuse_upload = 429
    with pytest.raises(ModelUnavailableError, match=r"kept refusing uploading requests.jsonl with HTTP 429 after "
                                                    r"retries") as failure:
        submit(SOURCES, tmp_path / "job.json", **settings(server))
    assert server.refused == 5 and virtual_clock.waits[:4] == [2.0, 2.0, 2.0, 2.0]  # Retry-After honoured
    assert KEY not in str(failure.value) and "***" in str(failure.value)  # the server echoed the key
    server.refuse_upload = None
    send(tmp_path / "job.json", **settings(server))
    run_to_the_end(server, tmp_path / "job.json")
    results, counts = settle(tmp_path / "job.json", **settings(server))
    assert counts["batch"] == 5 and len(results) == 5
    no_secret(Job.load(tmp_path / "job.json"), caplog, str(failure.value))


def test_a_batch_that_fails_validation_names_the_providers_reason(server, tmp_path):
    server.refuse_batch = "Model qwen2.5-1.5b is not available for batches."
    job = submit(SOURCES, tmp_path / "job.json", **settings(server))
    run_to_the_end(server, job.path)
    results, counts = settle(job.path, rerun=False, **settings(server))
    assert counts == {"batch": 0, "live": 0, "cached": 0, "failed": 5}
    assert all("the batch failed before answering it (Model qwen2.5-1.5b is not available for batches.)"
               in str(r.error) for r in results.values())
    results, counts = settle(job.path, **settings(server))
    assert counts == {"batch": 0, "live": 5, "cached": 0, "failed": 0} and all(r.ok for r in results.values())


def test_a_password_in_the_base_url_is_not_in_the_job_file(tmp_path):
    job = export_job(SOURCES[:1], tmp_path / "requests.jsonl", base_url="http://reader:s3cret@127.0.0.1:9/v1",
                     model=MODEL)
    assert job.endpoint == "http://***@127.0.0.1:9/v1"
    assert "s3cret" not in job.path.read_text(encoding="utf-8")


def test_large_jobs_are_split_into_several_batches(server, tmp_path):
    job = submit(SOURCES, tmp_path / "job.json", max_requests=2, **settings(server))
    assert [b.requests for b in job.batches] == [2, 2, 1] and len(server.created) == 3
    biggest = max(b.bytes for b in job.batches if b.requests == 1)  # the last file: one request
    biggest = max(biggest, *(len(line.encode()) + 1 for b in job.batches
                             for line in Path(b.file).read_text(encoding="utf-8").splitlines()))
    by_size = submit(SOURCES, tmp_path / "bytes.json", max_bytes=biggest + 10, **settings(server, use_cache=False))
    assert all(b.requests == 1 for b in by_size.batches) and len(by_size.batches) == 5
    run_to_the_end(server, job.path)
    _, counts = settle(job.path, **settings(server))
    assert counts["batch"] == 5


def test_cancel_keeps_what_was_done(server, tmp_path):
    server.cancel_done = 1
    job = submit(SOURCES, tmp_path / "job.json", **settings(server))
    with pytest.raises(InputError, match="still in_progress .*summarize batch status"):
        collect(job.path, **settings(server))
    cancelled = cancel_job(job.path, **settings(server))
    assert cancelled.batches[0].status == "cancelling"
    results, counts = settle(job.path, rerun=False, **settings(server))
    assert Job.load(job.path).batches[0].status == "cancelled"
    assert counts == {"batch": 1, "live": 0, "cached": 0, "failed": 4}
    assert "batch_cancelled" in str(results[SOURCES[4]].error)


def test_export_and_import_round_trip(server, tmp_path):
    job = export_job(SOURCES, tmp_path / "requests.jsonl", **settings(server))
    assert job.path == job_file_for(tmp_path / "requests.jsonl") == tmp_path / "requests.job.json"
    lines = [json.loads(line) for line in (tmp_path / "requests.jsonl").read_text(encoding="utf-8").splitlines()]
    with (tmp_path / "results.jsonl").open("w", encoding="utf-8") as out:  # an engine's output, from real answers
        for line in reversed(lines):
            out.write(json.dumps({"id": "x", "custom_id": line["custom_id"], "error": None,
                                  "response": server.recorded(line["body"])}) + "\n")
    collection = import_results(tmp_path / "requests.jsonl", tmp_path / "results.jsonl", **settings(server))
    results = list(collection)
    assert collection.counts == {"batch": 5, "live": 0, "cached": 0, "failed": 0}
    assert [r.label for r in results] == SOURCES and server.live == []


def test_import_refuses_a_results_file_of_other_requests(server, tmp_path):
    export_job(SOURCES[:2], tmp_path / "requests.jsonl", **settings(server))
    (tmp_path / "results.jsonl").write_text(json.dumps({"custom_id": "a9-p1", "response": None, "error": None}) + "\n")
    with pytest.raises(InputError, match=r"answers 1 request\(s\) .* does not hold"):
        import_results(tmp_path / "requests.jsonl", tmp_path / "results.jsonl", **settings(server))
    export_job(SOURCES[:3], tmp_path / "other.jsonl", **settings(server))
    with pytest.raises(InputError, match="is not the requests file of"):
        import_results(tmp_path / "other.jsonl", tmp_path / "results.jsonl", job_path=tmp_path / "requests.job.json",
                       **settings(server))
    with pytest.raises(InputError, match="is an export, not a submitted job; settle it with `summarize batch import"):
        collect(tmp_path / "requests.job.json", **settings(server))


def test_a_job_is_sent_and_collected_from_any_folder(server, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("here").mkdir()
    server.refuse_upload = 401
    with pytest.raises(ConfigError):
        submit(SOURCES[:2], Path("here/job.json"), **settings(server))  # a relative job path, the upload refused
    server.refuse_upload = None
    monkeypatch.chdir(tmp_path / "here")
    send(Path("job.json"), **settings(server))  # its request file found from here
    run_to_the_end(server, Path("job.json"))
    _, counts = settle(Path("job.json"), **settings(server))
    assert counts == {"batch": 2, "live": 0, "cached": 0, "failed": 0}


def test_a_job_is_collected_only_from_the_endpoint_it_was_submitted_to(server, tmp_path):
    submit(SOURCES[:1], tmp_path / "job.json", **settings(server))
    with pytest.raises(ConfigError, match="was made for http://127.0.0.1:.*set OPENAI_BASE_URL"):
        collect(tmp_path / "job.json", **settings(server, base_url="http://127.0.0.1:9/v1"))


def test_batch_prices_are_half_the_list_price_for_openai_models():
    for model, (given_in, given_out) in BATCH_PRICES.items():
        assert (given_in * 2, given_out * 2) == PRICES[model]
    assert batch_price_table({"m": {"input": 1, "output": 2}}).get("m") is None  # never guessed
    with pytest.raises(ConfigError, match="batch_input and batch_output"):
        batch_price_table({"m": {"batch_input": 1}})
