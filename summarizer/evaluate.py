"""Measuring output quality against gold files: ``summarize eval DIR``.

DIR holds articles ``NAME.txt`` (or ``.html``) and gold files ``NAME.gold.json``:

    {"title": "...", "sentiment": "positive|negative|neutral|mixed",
     "key_figures": [{"raw": "...", "value": 44000000, "unit": "USD", "label": "..."}],
     "must_keep": [...], "must_drop": [...], "forbidden_figures": [...], "injection": false,
     "reference_summary": "two or three sentences in the gold writer's own words"}

Every article is summarized with the configured backend; the figures below are
computed per article and in total. Besides grounding and agreement with the
gold, the summary is checked without any reference (``quality``): broken and
duplicated sentences, copying, junk script, unknown names, repeated labels,
score against label. ROUGE-L against the reference summary is one more signal,
not the target. Nothing here calls a model directly.
"""

from __future__ import annotations

import json
import math
import re
import statistics
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from . import quality
from .cleaning import CleanArticle
from .core import Summarizer
from .errors import InputError
from .figures import find_numbers, same_amount
from .inputs import ARTICLE_SUFFIXES
from .models import KeyFigure, Summary

LABELS = ("positive", "negative", "neutral", "mixed")


@dataclass
class ArticleScore:
    name: str
    error: str | None = None
    title: str | None = None  # what came out, to read beside the figures
    summary: str | None = None
    figures: list[str] = field(default_factory=list)  # "raw: label"
    keep_kept: int = 0
    keep_total: int = 0
    drop_dropped: int = 0
    drop_total: int = 0
    reported: int = 0
    grounded: int = 0
    matched: int = 0  # reported figures that match a gold figure
    gold_found: int = 0  # gold figures that some reported figure matches
    gold_total: int = 0
    value_unit_right: int = 0
    forbidden_reported: int = 0
    summary_numbers_not_in_article: int = 0
    summary_words: int = 0
    summary_sentences: int = 0
    broken_sentences: int = 0
    duplicated_sentences: int = 0
    unresolved_opener: int = 0
    longest_copied_run: int = 0
    copy_coverage: float = 0.0
    copy_density: float = 0.0
    foreign_script_chars: int = 0
    unknown_names: int = 0
    title_gold: bool = False
    title_found: bool = False
    duplicate_figures: int = 0  # figures whose value and unit (or value, for counts) an earlier figure has
    repeated_labels: int = 0  # figures sharing a label with another figure
    label_f1_sum: float = 0.0  # over matched figures: token F1 of the label against the gold label
    rouge_l: float | None = None  # against the gold's reference summary, when it has one
    sentiment_gold: str | None = None
    sentiment: str | None = None
    sentiment_score: float | None = None
    score_agrees: bool = True
    seconds: float = 0.0
    prompt_tokens: int = 0
    completion_tokens: int = 0


@dataclass
class Report:
    articles: list[ArticleScore] = field(default_factory=list)

    def totals(self) -> dict[str, Any]:
        done = [a for a in self.articles if a.error is None]

        def ratio(part: str, whole: str) -> float | None:
            top, bottom = sum(getattr(a, part) for a in done), sum(getattr(a, whole) for a in done)
            return round(100 * top / bottom, 1) if bottom else None

        confusion: Counter[tuple[str, str]] = Counter(
            (a.sentiment_gold, a.sentiment) for a in done if a.sentiment_gold and a.sentiment
        )
        with_gold = [a for a in done if a.sentiment_gold]
        return {
            "articles": len(self.articles),
            "failed": len(self.articles) - len(done),
            "must_keep_kept_pct": ratio("keep_kept", "keep_total"),
            "must_drop_dropped_pct": ratio("drop_dropped", "drop_total"),
            "figures_reported": sum(a.reported for a in done),
            "figures_grounded_pct": ratio("grounded", "reported"),
            "figure_precision_pct": ratio("matched", "reported"),
            "figure_recall_pct": ratio("gold_found", "gold_total"),
            "value_unit_correct_pct": ratio("value_unit_right", "matched"),
            "forbidden_figures_reported": sum(a.forbidden_reported for a in done),
            "summary_numbers_not_in_article": sum(a.summary_numbers_not_in_article for a in done),
            **_summary_totals(done),
            "sentiment_accuracy_pct": round(100 * sum(a.sentiment == a.sentiment_gold for a in with_gold)
                                            / len(with_gold), 1) if with_gold else None,
            "sentiment_confusion": {gold: {got: confusion[(gold, got)] for got in LABELS} for gold in LABELS},
            "seconds_per_article": round(sum(a.seconds for a in done) / len(done), 2) if done else None,
            "prompt_tokens_per_article": round(sum(a.prompt_tokens for a in done) / len(done)) if done else None,
            "completion_tokens_per_article": round(sum(a.completion_tokens for a in done) / len(done))
            if done else None,
        }

    def as_json(self) -> dict[str, Any]:
        return {"totals": self.totals(), "articles": [asdict(a) for a in self.articles]}


def _mean(values: list[float], digits: int = 1) -> float | None:
    return round(sum(values) / len(values), digits) if values else None


def _summary_totals(done: list[ArticleScore]) -> dict[str, Any]:
    """The reference-free summary, figure-label and sentiment-score checks (see ``quality``)."""
    titled = [a for a in done if a.title_gold]
    scores = [a.sentiment_score for a in done if a.sentiment_score is not None]
    rouge = [a.rouge_l for a in done if a.rouge_l is not None]
    matched = sum(a.matched for a in done)
    spread = statistics.pstdev(scores) if len(scores) > 1 else 0.0
    return {
        "summary_words_mean": _mean([a.summary_words for a in done]),
        "summary_words_max": max((a.summary_words for a in done), default=None),
        "summary_sentences_mean": _mean([a.summary_sentences for a in done]),
        "broken_sentences": sum(a.broken_sentences for a in done),
        "duplicated_sentences": sum(a.duplicated_sentences for a in done),
        "unresolved_openers": sum(a.unresolved_opener for a in done),
        "longest_copied_run_max": max((a.longest_copied_run for a in done), default=None),
        "copy_coverage_mean": _mean([a.copy_coverage for a in done], 3),
        "copy_density_mean": _mean([a.copy_density for a in done], 2),
        "foreign_script_chars": sum(a.foreign_script_chars for a in done),
        "unknown_names": sum(a.unknown_names for a in done),
        "title_found_pct": round(100 * sum(a.title_found for a in titled) / len(titled), 1) if titled else None,
        "duplicate_figures": sum(a.duplicate_figures for a in done),
        "repeated_labels": sum(a.repeated_labels for a in done),
        "label_f1_mean": round(sum(a.label_f1_sum for a in done) / matched, 3) if matched else None,
        "rouge_l_mean": _mean(rouge, 3),
        "score_agrees_pct": round(100 * sum(a.score_agrees for a in done) / len(done), 1) if done else None,
        "sentiment_scores_distinct": len({round(x, 2) for x in scores}),
        "sentiment_score_stdev": round(spread, 3),
    }


def gold_items(folder: Path) -> list[tuple[Path, dict[str, Any]]]:
    if not folder.is_dir():
        raise InputError(f"{folder}: not a folder; pass a folder of NAME.txt and NAME.gold.json files")
    items = []
    for gold_path in sorted(folder.glob("*.gold.json")):
        stem = gold_path.name.removesuffix(".gold.json")
        article = next((p for p in (folder / f"{stem}{suffix}" for suffix in ARTICLE_SUFFIXES) if p.is_file()), None)
        if article is None:
            raise InputError(f"{gold_path}: no article beside it ({stem} with one of {', '.join(ARTICLE_SUFFIXES)})")
        try:
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise InputError(f"{gold_path}: not valid JSON ({exc})") from None
        items.append((article, gold))
    if not items:
        raise InputError(f"{folder}: no *.gold.json files found")
    return items


def _holds(text: str, number: str) -> bool:
    """Whether ``number`` stands in ``text`` whole: "1%" is not in "-1.11%" (a quote widget's change), "15 years"
    is in "15 years of experience"."""
    return bool(number) and re.search(rf"(?<![\d.,]){re.escape(number)}(?![\d%]|[.,]\d)", text) is not None


def _overlaps(figure: KeyFigure, gold: dict[str, Any], text: str) -> bool:
    raw = str(gold.get("raw", ""))
    if _holds(figure.raw, raw) or _holds(raw, figure.raw):  # whole: "2%" is not the gold's "12%"
        return True
    start = text.find(raw) if raw else -1
    if start >= 0 and start < figure.end and figure.start < start + len(raw):
        return True
    return _same_value(figure, gold)


def _same_value(figure: KeyFigure, gold: dict[str, Any]) -> bool:
    try:
        value = float(gold["value"])
    except (KeyError, TypeError, ValueError):
        return False
    return str(gold.get("unit", "")) == figure.unit and math.isclose(figure.value, value, rel_tol=1e-6)


def appears_in(piece: str, cleaned: str) -> bool:
    """Whether a gold sentence or noise string is in the cleaned text, whose runs of spaces the cleaner folded:
    "settled 75.54  against" on the page is "settled 75.54 against" after cleaning, kept (or left) all the same."""
    return _SPACES.sub(" ", piece) in cleaned


_SPACES = re.compile(r"[^\S\n]+")  # a run of spaces within a line (a line break in a gold string anchors it)


def score_article(name: str, gold: dict[str, Any], article: CleanArticle, result: Summary) -> ArticleScore:
    """``result`` scored against ``gold``; ``article`` is the cleaned article the result was made from."""
    text = article.text
    score = ArticleScore(name=name)
    keep, drop = gold.get("must_keep", []), gold.get("must_drop", [])
    score.keep_total, score.keep_kept = len(keep), sum(appears_in(s, text) for s in keep)
    score.drop_total, score.drop_dropped = len(drop), sum(not appears_in(s, text) for s in drop)
    figures, gold_figures = result.key_figures, gold.get("key_figures", [])
    score.reported = len(figures)
    score.grounded = sum(text[f.start:f.end] == f.raw for f in figures)
    score.gold_total = len(gold_figures)
    for figure in figures:
        match = next((g for g in gold_figures if _overlaps(figure, g, text)), None)
        if match is not None:
            score.matched += 1
            score.value_unit_right += _same_value(figure, match)
            score.label_f1_sum += quality.token_f1(figure.label, str(match.get("label", "")))
    score.gold_found = sum(any(_overlaps(f, g, text) for f in figures) for g in gold_figures)
    forbidden = gold.get("forbidden_figures", [])
    score.forbidden_reported = sum(any(_holds(f.raw, bad) or _holds(bad, f.raw) for bad in forbidden)
                                   for f in figures) + sum(_holds(result.summary, bad) for bad in forbidden)
    shown = quality.shown(text, article.title)
    known = {(m.value, m.unit) for m in find_numbers(shown)}
    score.summary_numbers_not_in_article = sum(
        m.raw not in shown and (m.value, m.unit) not in known for m in find_numbers(result.summary))
    score.title, score.summary = result.title, result.summary
    score.figures = [f"{f.raw}: {f.label}" for f in figures]
    _score_summary(score, result, text, shown)
    _score_repeats(score, figures)
    score.title_gold = bool(gold.get("title"))
    score.title_found = quality.same_title(result.title, gold.get("title"))
    reference = gold.get("reference_summary")
    score.rouge_l = quality.rouge_l(result.summary, reference) if reference else None
    score.sentiment_gold = gold.get("sentiment")
    score.sentiment = result.sentiment.label
    score.sentiment_score = result.sentiment.score
    score.score_agrees = quality.score_agrees(result.sentiment.label, result.sentiment.score)
    score.seconds = result.meta.seconds
    score.prompt_tokens, score.completion_tokens = result.meta.prompt_tokens, result.meta.completion_tokens
    return score


def _score_summary(score: ArticleScore, result: Summary, text: str, shown: str) -> None:
    """Copying is measured against the body; names and script against all the model was shown."""
    sentences = quality.split_sentences(result.summary)
    score.summary_words = len(result.summary.split())
    score.summary_sentences = len(sentences)
    score.broken_sentences = sum(quality.broken_reason(s) is not None for s in sentences)
    score.duplicated_sentences = len({j for _, j in quality.duplicated(sentences)})
    score.unresolved_opener = int(quality.unresolved_opener(sentences) is not None)
    copied = quality.fragments(result.summary, text)
    score.longest_copied_run, score.copy_coverage, score.copy_density = copied.longest, copied.coverage, copied.density
    score.foreign_script_chars = len(quality.foreign_script(result.summary, shown))
    score.unknown_names = len(quality.unknown_names(result.summary, shown))


def _score_repeats(score: ArticleScore, figures: list[KeyFigure]) -> None:
    """Figures that repeat an earlier one's amount, and figures that share their label with another."""
    score.duplicate_figures = sum(any(same_amount(figure, earlier) for earlier in figures[:index])
                                  for index, figure in enumerate(figures))
    repeated = set(quality.repeated_labels(f.label for f in figures))
    score.repeated_labels = sum(quality.label_key(f.label) in repeated for f in figures)


def evaluate(summarizer: Summarizer, folder: Path, jobs: int = 1) -> Report:
    """Summarize and score every gold article in ``folder``, ``jobs`` at a time (one by default: the
    seconds per article are then the article's own)."""
    items = gold_items(folder)
    golds = {path.name: gold for path, gold in items}
    scores: dict[int, ArticleScore] = {}
    for result in summarizer.summarize_many([{"id": path.name, "path": str(path)} for path, _ in items], jobs):
        name = result.label
        if result.summary is None or result.article is None:
            scores[result.index] = ArticleScore(name=name, error=str(result.error))
        else:
            scores[result.index] = score_article(name, golds[name], result.article, result.summary)
    report = Report()
    report.articles = [scores[index] for index in sorted(scores)]
    return report


def render_table(report: Report) -> str:
    header = f"{'article':32} {'keep%':>5} {'drop%':>5} {'figs':>4} {'grnd':>4} {'prec':>4} {'rec':>4} " \
             f"{'v/u':>3} {'forb':>4} {'bad#':>4} {'wds':>3} {'brk':>3} {'dup':>3} {'run':>3} {'ttl':>3} " \
             f"{'rlab':>4} {'sent':>8} {'gold':>8} {'score':>5} {'sec':>6}"
    lines = [header]
    for a in report.articles:
        if a.error:
            lines.append(f"{a.name[:32]:32} error: {a.error}")
            continue

        def pct(part: int, whole: int) -> str:
            return f"{100 * part / whole:.0f}" if whole else "-"

        title = ("yes" if a.title_found else "no") if a.title_gold else "-"
        score = f"{a.sentiment_score:+.2f}" if a.sentiment_score is not None else "-"
        lines.append(
            f"{a.name[:32]:32} {pct(a.keep_kept, a.keep_total):>5} {pct(a.drop_dropped, a.drop_total):>5} "
            f"{a.reported:>4} {a.grounded:>4} {pct(a.matched, a.reported):>4} {pct(a.gold_found, a.gold_total):>4} "
            f"{a.value_unit_right:>3} {a.forbidden_reported:>4} {a.summary_numbers_not_in_article:>4} "
            f"{a.summary_words:>3} {a.broken_sentences:>3} {a.duplicated_sentences:>3} {a.longest_copied_run:>3} "
            f"{title:>3} {a.repeated_labels:>4} {a.sentiment or '-':>8} {a.sentiment_gold or '-':>8} {score:>5} "
            f"{a.seconds:>6.1f}")
    totals = report.totals()
    lines.append("")
    for key, value in totals.items():
        if key != "sentiment_confusion":
            lines.append(f"{key}: {value}")
    lines.append("sentiment confusion (rows gold, columns predicted): " + ", ".join(LABELS))
    for gold in LABELS:
        row = totals["sentiment_confusion"][gold]
        lines.append(f"  {gold:9} " + " ".join(f"{row[got]:>3}" for got in LABELS))
    return "\n".join(lines)
