"""Renderers: a ``Summary`` in, text out. Renderers never call models."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable, Sequence

from .models import KeyFigure, Summary

_COLOURS = {"positive": "green", "negative": "red", "neutral": "white", "mixed": "yellow"}


def format_value(figure: KeyFigure) -> str:
    value = figure.value
    number = f"{value:,.0f}" if value == int(value) and abs(value) >= 1000 else f"{value:,.10g}"
    return f"{number}%" if figure.unit == "%" else f"{number} {figure.unit}".strip()


def render_text(result: Summary, style: Callable[..., str] | None = None) -> str:
    """Readable terminal output; ``style`` is ``click.style`` on a TTY and plain otherwise."""
    st = style or (lambda text, **_: text)
    lines = [st(result.title or "(untitled)", bold=True)]
    lines += textwrap.wrap(result.summary, width=88) or [""]
    if result.key_figures:
        lines += ["", st("Key figures", bold=True)]
        width = max(len(f.raw) for f in result.key_figures)
        for figure in result.key_figures:
            lines.append(f"  {figure.raw.ljust(width)}  {figure.label} ({format_value(figure)})")
    s = result.sentiment
    badge = st(s.label, fg=_COLOURS[s.label], bold=True)
    lines += ["", f"{st('Sentiment', bold=True)}: {badge} ({s.score:+.2f}) {s.rationale}"]
    for warning in result.meta.warnings:
        lines.append(st(f"warning: {warning}", fg="yellow"))
    return "\n".join(lines)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(result: Summary) -> str:
    lines = [f"## {_cell(result.title or 'Untitled')}", "", result.summary, ""]
    if result.key_figures:
        lines += ["| Figure | Measures | Value |", "| --- | --- | --- |"]
        lines += [f"| {_cell(f.raw)} | {_cell(f.label)} | {format_value(f)} |" for f in result.key_figures]
        lines.append("")
    s = result.sentiment
    lines.append(f"**Sentiment:** {s.label} ({s.score:+.2f}) — {s.rationale}")
    return "\n".join(lines)


def render_json(results: Sequence[Summary], single: bool) -> str:
    if single and len(results) == 1:
        return results[0].model_dump_json(indent=2)
    return json.dumps([r.model_dump(mode="json") for r in results], indent=2, ensure_ascii=False)


def render_jsonl_line(ident: str, summary: Summary | None, error: object = None) -> str:
    """One JSONL output line: ``{"id", "ok", "result"}`` for a summary, ``{"id", "ok", "error"}`` for a failure."""
    record: dict[str, object] = {"id": ident, "ok": summary is not None}
    if summary is not None:
        record["result"] = summary.model_dump(mode="json")
    else:
        record["error"] = str(error)
    return json.dumps(record, ensure_ascii=False) + "\n"
