"""A history of every run: each summary computed or served from the cache, and each failure, in SQLite.

As simonw/llm keeps ``logs.db``: one database in the user data directory
(``SUMMARIZER_LOG_DB`` or the ``log_db`` setting moves it, ``log_runs = false``
or ``--no-log`` turns it off). A row holds the time, the source, the SHA-256
of the cleaned text, backend, model, prompt version, tokens, cost, seconds,
attempts, warnings, the error or the result JSON. Titles, summaries and
figure labels are searchable with SQLite's FTS5; each figure is also a row of
its own, so an entity's figures can be listed over time.

Nothing secret is written: a source URL loses its user, password, query and
fragment, and the settings (API key, base URL) are never stored. Writes use
WAL and a busy timeout, so several processes can log at once. The log never
costs a result: if the database cannot be written, the run says so once on the
log and goes on without it.
"""

from __future__ import annotations

import atexit
import json
import logging
import queue
import sqlite3
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import InputError

if TYPE_CHECKING:
    from .models import Summary

log = logging.getLogger(__name__)

FORMAT = 1
_OPEN_SECONDS = 30  # how long opening may wait for another process making the file
_OPEN_RETRY_SECONDS = 0.05
_SCHEMA = """
create table if not exists runs (
    id integer primary key,
    at text not null,
    source text,
    text_sha256 text,
    backend text,
    model text,
    prompt_version text,
    prompt_tokens integer,
    completion_tokens integer,
    cost_usd real,
    seconds real,
    attempts integer,
    cached integer,
    warnings text,
    error text,
    result text
);
create index if not exists runs_at on runs (at);
create table if not exists figures (
    run_id integer not null references runs (id),
    entity text,
    label text,
    raw text,
    value real,
    unit text,
    kind text
);
create index if not exists figures_entity on figures (entity collate nocase);
create virtual table if not exists runs_fts using fts5 (title, summary, figures);
"""


@dataclass(frozen=True)
class Run:
    """One row of the history."""

    id: int
    at: str
    source: str | None
    backend: str | None
    model: str | None
    seconds: float | None
    cached: bool
    error: str | None
    result: str | None  # the Summary as JSON

    @property
    def title(self) -> str | None:
        return json.loads(self.result).get("title") if self.result else None

    @property
    def summary(self) -> str | None:
        return json.loads(self.result).get("summary") if self.result else None

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "at": self.at, "source": self.source, "backend": self.backend, "model": self.model,
                "seconds": self.seconds, "cached": self.cached, "error": self.error,
                "result": json.loads(self.result) if self.result else None}


@dataclass(frozen=True)
class FigureSeen:
    """A figure of an entity as one run reported it."""

    at: str
    source: str | None
    entity: str | None
    label: str
    raw: str
    value: float
    unit: str
    run_id: int


def public_source(source: str | None) -> str | None:
    """``source`` as it may be stored: a URL without user, password, query or fragment."""
    if not source or "://" not in source:
        return source
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(source)
    host = parts.hostname or ""
    netloc = host + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


class History:
    """The run history in one SQLite file; thread-safe, opened on first use."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db: sqlite3.Connection | None = None
        self._lock = threading.Lock()  # the connection: the writer thread and readers take turns
        self._broken = False
        self._rows: queue.SimpleQueue[tuple[Any, ...]] = queue.SimpleQueue()
        self._writer: threading.Thread | None = None
        self._pending = 0
        self._written = threading.Condition()

    def _connect(self) -> sqlite3.Connection:
        if self._db is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            deadline = time.monotonic() + _OPEN_SECONDS
            while self._db is None:
                try:
                    self._db = self._open()
                except sqlite3.OperationalError as exc:
                    # Two processes making the file at once: switching it to WAL answers "database is locked" at
                    # once, without the busy timeout (1 race in 4 here), and that run logged nothing. Again.
                    if "locked" not in str(exc) or time.monotonic() > deadline:
                        raise
                    time.sleep(_OPEN_RETRY_SECONDS)
        return self._db

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30, check_same_thread=False, isolation_level=None)
        try:
            db.execute("pragma busy_timeout = 30000")
            if db.execute("pragma journal_mode").fetchone()[0] != "wal":
                db.execute("pragma journal_mode = wal")
            db.execute("pragma synchronous = normal")
            if db.execute("pragma user_version").fetchone()[0] == 0:
                with _transaction(db):  # two processes creating it at once: the second waits, then finds it made
                    for statement in filter(str.strip, _SCHEMA.split(";")):
                        db.execute(statement)
                    db.execute(f"pragma user_version = {FORMAT}")
        except BaseException:
            db.close()
            raise
        return db

    def record(self, summary: Summary | None = None, *, text_sha256: str | None = None,
               source: str | None = None, error: str | None = None, backend: str | None = None,
               model: str | None = None) -> None:
        """Log one run (a summary, or the ``error`` that stopped it), in the background.

        The row is written by a writer thread, many rows to a transaction, so a
        batch never waits on the disk; ``flush`` (and ``close``) wait for it.
        """
        if self._broken:
            return
        with self._written:
            if self._writer is None:
                self._writer = threading.Thread(target=self._write_rows, name="summarizer-history", daemon=True)
                self._writer.start()
                atexit.register(self.flush)
            self._pending += 1
        at = datetime.now(UTC).isoformat(timespec="milliseconds")
        self._rows.put((at, summary, text_sha256, source, error, backend, model))

    def flush(self) -> None:
        """Wait until every row recorded so far is written (or the writer gave up)."""
        with self._written:
            self._written.wait_for(lambda: self._pending == 0 or self._broken)

    def _write_rows(self) -> None:
        while True:
            rows = [self._rows.get()]
            while len(rows) < 256:
                try:
                    rows.append(self._rows.get_nowait())
                except queue.Empty:
                    break
            try:
                if not self._broken:
                    with self._lock:
                        db = self._connect()
                        with _transaction(db):
                            for row in rows:
                                self._insert(db, *row)
            except (sqlite3.Error, OSError) as exc:
                self._broken = True
                log.warning("run history %s: cannot write (%s); this run is not logged", self.path, exc)
            with self._written:
                self._pending -= len(rows)
                self._written.notify_all()

    @staticmethod
    def _insert(db: sqlite3.Connection, at: str, summary: Summary | None, text_sha256: str | None,
                source: str | None, error: str | None, backend: str | None, model: str | None) -> None:
        where = public_source(source if summary is None else summary.meta.source or source)
        result = None
        row: dict[str, Any] = {"backend": backend, "model": model}
        if summary is not None:
            meta = summary.meta
            stored = summary.model_copy(update={"meta": meta.model_copy(update={"source": where})})
            result = stored.model_dump_json()
            row = {"backend": meta.backend, "model": meta.model, "prompt_version": meta.prompt_version,
                   "prompt_tokens": meta.prompt_tokens, "completion_tokens": meta.completion_tokens,
                   "cost_usd": meta.cost_usd, "seconds": meta.seconds, "attempts": meta.requests,
                   "cached": int(meta.cached), "warnings": json.dumps(meta.warnings)}
        cursor = db.execute(
            f"insert into runs (at, source, text_sha256, error, result, {', '.join(row)}) "
            f"values (?, ?, ?, ?, ?{', ?' * len(row)})",
            (at, where, text_sha256, error, result, *row.values()))
        run_id = int(cursor.lastrowid or 0)
        if summary is not None:
            db.executemany(
                "insert into figures (run_id, entity, label, raw, value, unit, kind) values (?, ?, ?, ?, ?, ?, ?)",
                [(run_id, f.entity, f.label, f.raw, f.value, f.unit, f.kind) for f in summary.key_figures])
            db.execute("insert into runs_fts (rowid, title, summary, figures) values (?, ?, ?, ?)",
                       (run_id, summary.title or "", summary.summary,
                        " ".join(f"{f.label} {f.entity or ''} {f.raw}" for f in summary.key_figures)))

    def recent(self, limit: int = 20, query: str | None = None) -> list[Run]:
        """The latest runs, newest first; with ``query``, those whose title, summary or figures match it."""
        db = self._reader()
        if db is None:
            return []
        columns = "r.id, r.at, r.source, r.backend, r.model, r.seconds, r.cached, r.error, r.result"
        if query:
            sql = (f"select {columns} from runs_fts join runs r on r.id = runs_fts.rowid "
                   "where runs_fts match ? order by r.id desc limit ?")
            try:
                with self._lock:
                    rows = db.execute(sql, (_fts_query(query), limit)).fetchall()
            except sqlite3.OperationalError as exc:
                raise InputError(f"cannot search the run history for {query!r} ({exc}); use plain words") from None
        else:
            with self._lock:
                rows = db.execute(f"select {columns} from runs r order by r.id desc limit ?", (limit,)).fetchall()
        return [_run(row) for row in rows]

    def get(self, run_id: int) -> Run:
        for run in self._runs("where r.id = ?", (run_id,)):
            return run
        raise InputError(f"no run {run_id} in the history ({self.path}); `summarize log` lists them")

    def figures(self, entity: str, limit: int = 100) -> list[FigureSeen]:
        """The figures reported for ``entity`` (case-insensitive), oldest first."""
        db = self._reader()
        if db is None:
            return []
        with self._lock:
            rows = db.execute(
                "select r.at, r.source, f.entity, f.label, f.raw, f.value, f.unit, f.run_id from figures f "
                "join runs r on r.id = f.run_id where f.entity = ? collate nocase order by r.id limit ?",
                (entity, limit)).fetchall()
        return [FigureSeen(*row) for row in rows]

    def _runs(self, where: str, args: tuple[Any, ...]) -> Iterator[Run]:
        db = self._reader()
        if db is None:
            return
        sql = f"select id, at, source, backend, model, seconds, cached, error, result from runs r {where}"
        with self._lock:
            rows = db.execute(sql, args).fetchall()
        for row in rows:
            yield _run(row)

    def _reader(self) -> sqlite3.Connection | None:
        self.flush()
        if self._db is None and not self.path.exists():
            return None
        try:
            with self._lock:
                return self._connect()
        except sqlite3.DatabaseError as exc:
            raise InputError(f"cannot read the run history {self.path} ({exc}); move it away to start a new one") \
                from None

    def close(self) -> None:
        self.flush()
        atexit.unregister(self.flush)  # closed: a process making many Summarizers must not keep every one
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None


class _transaction:
    """``begin immediate`` ... ``commit`` (or ``rollback``): a writer takes the lock at once, waiting its turn."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("begin immediate")

    def __exit__(self, kind: object, *rest: object) -> None:
        self.db.execute("rollback" if kind is not None else "commit")


def _run(row: tuple[Any, ...]) -> Run:
    run_id, at, source, backend, model, seconds, cached, error, result = row
    return Run(run_id, at, source, backend, model, seconds, bool(cached), error, result)


def _fts_query(words: str) -> str:
    """Plain words as an FTS5 query: every word must match (each quoted, so punctuation is not syntax)."""
    return " ".join('"' + word.replace('"', '""') + '"' for word in words.split())
