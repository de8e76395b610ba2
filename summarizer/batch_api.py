"""Provider Batch APIs and offline engines: the requests of ``summarize``, answered later, checked as if live.

    submit   clean each article, skip those in the cache, write the requests
             ``summarize`` would send as batch files, upload them and start the
             batches; a job file records it all (``summarizer.batch_jobs``)
    status   the provider's status and counts, refreshed into the job file
    collect  download the output and error files, check every answer with a live
             call's rules, cache and return the valid ones, ask the others again
             live with the normal re-asks (or name them: ``rerun=False``)
    export   the same requests in one file for an offline engine (vLLM's
             ``run-batch``), and ``import_results`` for its output file

Every article ends as a result or a named error, and ``collect`` can run again:
what it validated is in the cache, what it downloaded is in the job's folder.
Only ``summarizer.backends.openai_batch`` talks to the provider.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .batch_jobs import (
    MAX_BYTES,
    MAX_REQUESTS,
    Answer,
    Job,
    JobArticle,
    RequestFiles,
    custom_ids,
    read_answers,
    request_line,
)
from .batch_settle import Collection, read_item, settle
from .clock import current
from .errors import ConfigError, InputError, SummarizerError
from .inputs import expand

if TYPE_CHECKING:
    from .backends.openai_batch import OpenAIBatches
    from .core import Summarizer

__all__ = ["Collection", "cancel", "collect", "export", "import_results", "job_file_for", "send", "status", "submit",
           "wait"]

POLL_SECONDS = 60.0


def _summarizer(overrides: dict[str, Any]) -> Summarizer:
    from .core import Summarizer

    chosen = overrides.get("backend")
    if chosen not in (None, "openai"):
        raise ConfigError(f"batches are OpenAI API requests; drop --backend {chosen} (they use the openai backend)")
    return Summarizer(**{**overrides, "backend": "openai"})


def _batches(summarizer: Summarizer) -> OpenAIBatches:
    from .backends.openai_batch import OpenAIBatches

    return OpenAIBatches(summarizer.settings)


def _plan_job(summarizer: Summarizer, batches: OpenAIBatches, items: Iterable[dict[str, Any]], job: Job,
              files: RequestFiles) -> None:
    """Clean each item and write its requests; articles in the cache or already seen are not sent."""
    from .backends.openai_batch import BATCH_URL

    sent: dict[str, list[str]] = {}
    for number, item in enumerate(items, start=1):
        label = str(item.get("id", f"#{number}"))
        record = JobArticle(id=label, item=_lasting(item))
        job.articles.append(record)
        try:
            document = read_item(item, summarizer.settings.allow_private_urls)
            _, record.key, hit, plan = summarizer.prepare(document)
        except SummarizerError as exc:
            record.state, record.error = "error", str(exc)
            continue
        if hit is not None:
            record.state = "cached"
        elif record.key in sent:
            record.state, record.custom_ids = "duplicate", sent[record.key]
        else:
            assert plan is not None
            record.custom_ids = [f"a{number}-p{part}" for part in range(1, len(plan.requests) + 1)]
            for custom_id, request in zip(record.custom_ids, plan.requests, strict=True):
                files.add(request_line(custom_id, batches.body(request), BATCH_URL))
            sent[record.key] = record.custom_ids
    files.close()
    job.batches = files.batches


def _lasting(item: dict[str, Any]) -> dict[str, Any]:
    """An item as the job keeps it: a file by its absolute path, so ``collect`` may run from another folder."""
    from .inputs import kind

    kept = {k: v for k, v in item.items() if k != "id"}
    for name in ("source", "path"):
        value = kept.get(name)
        if isinstance(value, str) and kind(value) == "file" and Path(value).exists():
            kept[name] = str(Path(value).resolve())
    return kept


def _new_job(summarizer: Summarizer, batches: OpenAIBatches, path: Path, kind: str) -> Job:
    settings = summarizer.settings
    return Job(path=path, endpoint=batches.where, model=settings.model_name, mode=settings.mode, kind=kind)


def submit(sources: Iterable[str], job_path: str | Path, *, max_requests: int = MAX_REQUESTS,
           max_bytes: int = MAX_BYTES, **settings: Any) -> Job:
    """Clean ``sources`` (as ``summarize`` takes them), write their requests and start the batches.

    The job file is written before anything is uploaded and after every step, so
    a refused upload leaves a job that ``send`` can finish and ``collect`` can settle.
    """
    with _summarizer(settings) as summarizer:
        batches = _batches(summarizer)
        batches.check_key()  # no key: say so before cleaning a single article
        if Path(job_path).exists():
            raise InputError(f"{job_path} already exists (an earlier job: its batches may still run); choose "
                             "another -o, or remove it once it is collected")
        job = _new_job(summarizer, batches, Path(job_path), "batch")
        job.save()
        files = RequestFiles(job.folder.resolve() / "requests.jsonl", max_requests, max_bytes)  # found from anywhere
        _plan_job(summarizer, batches, expand(list(sources)), job, files)
        job.save()
        return _send(job, batches)


def send(job_path: str | Path, **settings: Any) -> Job:
    """Upload and start the batches of a job that are not submitted yet (after a refused upload, say)."""
    job = Job.load(Path(job_path))
    with _JobSummarizer(job, settings) as summarizer:
        return _send(job, _batches(summarizer))


def _send(job: Job, batches: OpenAIBatches) -> Job:
    for batch in job.batches:
        if batch.id is not None:
            continue
        try:
            if batch.input_file_id is None:
                batch.input_file_id = batches.upload(Path(batch.file).read_bytes(), Path(batch.file).name)
                job.save()
            created = batches.create(batch.input_file_id, {"summarizer_job": job.path.name[:500]})
        except OSError as exc:
            batch.error = f"cannot read {batch.file}: {exc.strerror}"
            job.save()
            raise InputError(f"{batch.error}; the job's files must stay beside it") from None
        except SummarizerError as exc:
            batch.error = str(exc)
            job.save()
            raise type(exc)(f"{exc}. {job.path} keeps the job: `summarize batch send {job.path}` tries again, "
                            f"`summarize batch collect {job.path}` summarizes its articles live") from exc
        batch.error = None
        _update(batch, created)
        job.save()
    return job


def _update(batch: Any, data: dict[str, Any]) -> None:
    batch.id = data.get("id") or batch.id
    batch.status = str(data.get("status") or batch.status)
    counts = data.get("request_counts") or {}
    batch.counts = {k: int(counts.get(k) or 0) for k in ("total", "completed", "failed")}
    batch.output_file_id = data.get("output_file_id") or batch.output_file_id
    batch.error_file_id = data.get("error_file_id") or batch.error_file_id
    errors = (data.get("errors") or {}).get("data") or []
    if errors:
        batch.error = "; ".join(str(e.get("message") or e.get("code")) for e in errors if isinstance(e, dict))[:500]


class _JobSummarizer:
    """A ``Summarizer`` configured as the job was: its model and mode, and the same endpoint (checked)."""

    def __init__(self, job: Job, overrides: dict[str, Any]) -> None:
        given = {k: v for k, v in overrides.items() if v is not None}
        self.summarizer = _summarizer({"model": job.model, "mode": job.mode, **given})
        where = _batches(self.summarizer).where
        if where.rstrip("/") != job.endpoint.rstrip("/"):
            self.summarizer.close()
            raise ConfigError(f"{job.path} was made for {job.endpoint}, not {where}; set OPENAI_BASE_URL to it")

    def __enter__(self) -> Summarizer:
        return self.summarizer

    def __exit__(self, *exc: object) -> None:
        self.summarizer.close()


def status(job_path: str | Path, **settings: Any) -> Job:
    """The job with each batch's status and counts as the provider reports them now (saved to the job file)."""
    job = Job.load(Path(job_path))
    with _JobSummarizer(job, settings) as summarizer:
        return _refresh(job, _batches(summarizer))


def _refresh(job: Job, batches: OpenAIBatches) -> Job:
    for batch in job.batches:
        if batch.id is not None:
            _update(batch, batches.retrieve(batch.id))
    job.save()
    return job


def wait(job_path: str | Path, *, every: float = POLL_SECONDS, on_poll: Callable[[Job], None] | None = None,
         **settings: Any) -> Job:
    """``status`` until every submitted batch has ended (completed, failed, expired or cancelled)."""
    from .backends.openai_batch import TERMINAL_STATUSES

    job = Job.load(Path(job_path))
    with _JobSummarizer(job, settings) as summarizer:
        batches = _batches(summarizer)
        while True:
            _refresh(job, batches)
            if on_poll is not None:
                on_poll(job)
            if all(b.id is None or b.status in TERMINAL_STATUSES for b in job.batches):
                return job
            current().sleep(every)


def cancel(job_path: str | Path, **settings: Any) -> Job:
    """Ask the provider to cancel the job's running batches; what they finished can still be collected."""
    from .backends.openai_batch import TERMINAL_STATUSES

    job = Job.load(Path(job_path))
    with _JobSummarizer(job, settings) as summarizer:
        batches = _batches(summarizer)
        for batch in job.batches:
            if batch.id is not None and batch.status not in TERMINAL_STATUSES:
                _update(batch, batches.cancel(batch.id))
        job.save()
    return job


def collect(job_path: str | Path, *, rerun: bool = True, **settings: Any) -> Collection:
    """Download the job's answers and settle every article (see the module's docstring)."""
    from .backends.openai_batch import TERMINAL_STATUSES

    job = Job.load(Path(job_path))
    if job.kind == "export":
        raise InputError(f"{job.path} is an export, not a submitted job; settle it with `summarize batch import "
                         "REQUESTS RESULTS` and the engine's output file")
    summarizer = _JobSummarizer(job, settings).summarizer
    batches = _batches(summarizer)
    try:
        _refresh(job, batches)
        running = [b for b in job.batches if b.id is not None and b.status not in TERMINAL_STATUSES]
    except BaseException:
        summarizer.close()
        raise
    if running:
        summarizer.close()
        done = sum(b.counts.get("completed", 0) for b in running)
        total = sum(b.counts.get("total", 0) for b in running)
        raise InputError(f"{len(running)} batch(es) still {running[0].status} ({done} of {total} requests done); "
                         f"wait with `summarize batch status {job.path} --wait`, or stop them with "
                         f"`summarize batch cancel {job.path}` and collect what they finished")
    answers: dict[str, Answer] = {}
    missing: dict[str, str] = {}
    try:
        for batch in job.batches:
            why = _download(job, batch, batches, answers)
            if why:
                for custom_id in _custom_ids(batch):
                    missing[custom_id] = why
    except BaseException:
        summarizer.close()
        raise
    return settle(job, summarizer, batches, answers, missing, rerun)


def _download(job: Job, batch: Any, batches: OpenAIBatches, answers: dict[str, Answer]) -> str | None:
    """Read the batch's output and error files into ``answers`` (downloading each once); why it has none."""
    if batch.id is None:
        return f"never submitted ({batch.error or 'not uploaded'})"
    for kind, file_id in (("output", batch.output_file_id), ("errors", batch.error_file_id)):
        if not file_id:
            continue
        local = job.folder / f"{batch.id}.{kind}.jsonl"
        if not local.exists():
            from ._files import atomic_write

            atomic_write(local, batches.content(file_id))
        with local.open("rb") as handle:
            answers.update(read_answers(handle))
    if batch.status == "completed":
        return None
    return f"the batch {batch.status} before answering it" + (f" ({batch.error})" if batch.error else "")


def _custom_ids(batch: Any) -> list[str]:
    try:
        with open(batch.file, "rb") as handle:
            return list(custom_ids(handle))
    except OSError:
        return []


def export(sources: Iterable[str], requests_path: str | Path, *, job_path: str | Path | None = None,
           **settings: Any) -> Job:
    """The requests ``submit`` would upload, in one file for an offline engine; nothing is sent."""
    requests_path = Path(requests_path)
    with _summarizer(settings) as summarizer:
        batches = _batches(summarizer)
        job = _new_job(summarizer, batches, Path(job_path) if job_path else job_file_for(requests_path), "export")
        job.save()
        _plan_job(summarizer, batches, expand(list(sources)), job, RequestFiles(requests_path.resolve(), None, None))
        if job.batches:
            job.batches[0].status = "exported"
        job.save()
        return job


def job_file_for(requests_path: Path) -> Path:
    """The job file ``export`` writes beside a requests file: ``requests.jsonl`` -> ``requests.job.json``."""
    return requests_path.with_name(f"{requests_path.stem}.job.json")


def import_results(requests_path: str | Path, results_path: str | Path, *, job_path: str | Path | None = None,
                   rerun: bool = True, **settings: Any) -> Collection:
    """Settle an exported job from an engine's output file (OpenAI's batch output format, as vLLM writes it)."""
    requests_path, results_path = Path(requests_path), Path(results_path)
    job = Job.load(Path(job_path) if job_path else job_file_for(requests_path))
    expected = {c for a in job.articles for c in a.custom_ids}
    try:
        with requests_path.open("rb") as handle:
            sent = set(custom_ids(handle))
        with results_path.open("rb") as handle:
            answers = dict(read_answers(handle))
    except OSError as exc:
        raise InputError(f"cannot read {exc.filename}: {exc.strerror}; check the path") from None
    if sent != expected:
        raise InputError(f"{requests_path} is not the requests file of {job.path} (their requests differ); "
                         "pass the file `summarize batch export` wrote with it")
    unknown = set(answers) - expected
    if unknown:
        raise InputError(f"{results_path} answers {len(unknown)} request(s) {requests_path} does not hold "
                         f"(such as {sorted(unknown)[0]!r}); pass the output of this requests file")
    summarizer = _JobSummarizer(job, settings).summarizer
    return settle(job, summarizer, _batches(summarizer), answers, {}, rerun)
